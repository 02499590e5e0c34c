package calibrate

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzFitApply fits every method on probabilities and labels decoded from
// arbitrary bytes and applies it: no panic, and whenever Fit succeeds the
// outputs are finite, in [0, 1], and each row sums to 1.
func FuzzFitApply(f *testing.F) {
	f.Add([]byte{0, 255, 128, 128, 10, 200, 1, 2, 3}, uint8(2))
	f.Add([]byte{0, 0, 0, 0, 255, 255, 255, 255, 7, 7, 7}, uint8(3))
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(0.5)), uint8(4))
	f.Fuzz(checkFitApply)
}

func checkFitApply(t *testing.T, b []byte, kb uint8) {
	{
		k := 2 + int(kb%4)
		n := len(b) / (k + 1)
		if n == 0 {
			return
		}
		probs := make([]float64, n*k)
		y := make([]int, n)
		w := make([]float64, n)
		for i := range n {
			row := b[i*(k+1) : (i+1)*(k+1)]
			s := 0.0
			for j := range k {
				probs[i*k+j] = float64(row[j])
				s += float64(row[j])
			}
			for j := range k {
				if s == 0 {
					probs[i*k+j] = 1 / float64(k)
				} else {
					probs[i*k+j] /= s
				}
			}
			y[i] = int(row[k]) % k
			w[i] = float64(row[k] % 3)
		}
		for _, weights := range [][]float64{nil, w} {
			for _, m := range []Method{MethodTemperature, MethodPlatt, MethodIsotonic} {
				c := New(m)
				if err := c.Fit(probs, k, y, weights); err != nil {
					continue
				}
				out, err := c.Apply(nil, probs, k)
				if err != nil {
					t.Fatalf("%v: Apply after Fit: %v", m, err)
				}
				for i := range n {
					s := 0.0
					for j, v := range out[i*k : (i+1)*k] {
						if !(v >= 0 && v <= 1) {
							t.Fatalf("%v: out[%d, %d] = %v", m, i, j, v)
						}
						s += v
					}
					if math.Abs(s-1) > 1e-9 {
						t.Fatalf("%v: row %d sums to %v", m, i, s)
					}
				}
			}
		}
	}
}
