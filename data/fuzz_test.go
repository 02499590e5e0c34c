package data

import (
	"errors"
	"math"
	"testing"
)

// FuzzNewCSR builds CSR parts from arbitrary bytes: NewCSR must either
// return an error wrapping a sentinel or a matrix whose kernels run and
// agree with its dense form.
func FuzzNewCSR(f *testing.F) {
	f.Add(uint8(2), uint8(3), []byte{0, 1, 3, 1, 0, 2, 10, 20, 30})
	f.Add(uint8(1), uint8(3), []byte{0, 2, 2, 1, 5, 5})
	f.Fuzz(func(t *testing.T, rows, cols uint8, b []byte) {
		r, c := int(rows%8), int(cols%8)
		if len(b) < r+1 {
			return
		}
		ptr := make([]int, r+1)
		for i := range ptr {
			ptr[i] = int(b[i] % 16)
		}
		rest := b[r+1:]
		nnz := len(rest) / 2
		ind := make([]int32, nnz)
		val := make([]float64, nnz)
		for p := 0; p < nnz; p++ {
			ind[p] = int32(rest[2*p]%10) - 1
			val[p] = float64(int8(rest[2*p+1]))
			if rest[2*p+1] == 255 {
				val[p] = math.NaN()
			}
		}
		m, err := NewCSR(r, c, ptr, ind, val)
		if err != nil {
			for _, s := range []error{ErrShape, ErrIndex, ErrUnsorted, ErrNotFinite} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("NewCSR error %v wraps no sentinel", err)
		}
		d := ToDense(m)
		w := make([]float64, c)
		for j := range w {
			w[j] = float64(j + 1)
		}
		got := make([]float64, r)
		want := make([]float64, r)
		m.MulVec(got, w, 0, r)
		d.MulVec(want, w, 0, r)
		for i := range got {
			if got[i] != want[i] { // small integers: exact
				t.Fatalf("MulVec row %d = %v, dense %v", i, got[i], want[i])
			}
		}
	})
}
