package solve

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// FuzzMinimize feeds every solver arbitrary starting points, L1 weights
// and bounds (NaN and infinities included) on a small quadratic and a
// logistic regression: Minimize never panics, returns either an error or a
// finite point inside the bounds, and never both.
func FuzzMinimize(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\xf0\x7f"), uint8(3))         // +Inf
	f.Add([]byte("\x01\x00\x00\x00\x00\x00\xf8\x7f"), uint8(5))         // NaN
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\x24\x40abcdefgh"), uint8(9)) // 10, …
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		vals := make([]float64, 0, len(data)/8)
		for len(data) >= 8 {
			vals = append(vals, math.Float64frombits(binary.LittleEndian.Uint64(data)))
			data = data[8:]
		}
		p := newLogistic(30, 2, 1, 1) // Dim 3
		n := p.Dim()
		take := func() []float64 {
			if len(vals) < n {
				return nil
			}
			v := vals[:n]
			vals = vals[n:]
			return v
		}
		x0 := take()
		var st Settings
		st.MaxIter = 20
		if mode&1 != 0 {
			st.L1 = take()
		}
		if mode&2 != 0 {
			st.Lower = take()
		}
		if mode&4 != 0 {
			st.Upper = take()
		}
		if len(vals) > 0 {
			st.Tol = vals[0]
		}
		solvers := []Solver{GradientDescent{Settings: st}, LBFGS{Settings: st}, OWLQN{Settings: st},
			TrustRegionNewton{Settings: st}, SGD{Settings: st}, Adam{Settings: st}}
		s := solvers[int(mode>>3)%len(solvers)]
		res, err := s.Minimize(context.Background(), p, x0)
		if err != nil {
			if res != nil {
				t.Fatalf("result and error %v", err)
			}
			if !errors.Is(err, ErrShape) && !errors.Is(err, ErrNotFinite) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		for i, v := range res.X {
			if !isFinite(v) {
				t.Fatalf("X[%d] = %v", i, v)
			}
			if st.Lower != nil && v < st.Lower[i] || st.Upper != nil && v > st.Upper[i] {
				t.Fatalf("X[%d] = %v outside the bounds", i, v)
			}
		}
	})
}
