package loss

import "math"

// classShape splits a classification shape, (C) or (N, C, d1, d2, ...),
// into N, C and D = d1·d2·…; the class axis is 1, or 0 for a 1-D input.
func classShape(shape []int) (n, c, d int, err error) {
	if len(shape) == 0 {
		return 0, 0, 0, argErr("shape", ErrShape, "a classification input needs at least one axis, got shape []")
	}
	for _, s := range shape {
		if s < 0 {
			return 0, 0, 0, argErr("shape", ErrShape, "negative size in "+shapeString(shape))
		}
	}
	if len(shape) == 1 {
		return 1, shape[0], 1, nil
	}
	n, c, d = shape[0], shape[1], 1
	for _, s := range shape[2:] {
		d *= s
	}
	return n, c, d, nil
}

// numel returns the number of elements of shape (1 for []).
func numel(shape []int) (int, error) {
	n := 1
	for _, s := range shape {
		if s < 0 {
			return 0, argErr("shape", ErrShape, "negative size in "+shapeString(shape))
		}
		n *= s
	}
	return n, nil
}

func checkLen(arg string, got, want int, shape []int) error {
	if got != want {
		return argErr(arg, ErrShape, "length "+itoa(got)+", want "+itoa(want)+" for input shape "+shapeString(shape))
	}
	return nil
}

// checkOut checks an optional output buffer.
func checkOut(arg string, buf []float64, want int, shape []int) error {
	if buf == nil {
		return nil
	}
	return checkLen(arg, len(buf), want, shape)
}

// checkNaN rejects NaN elements; infinities pass (see the package doc).
func checkNaN(arg string, x []float64) error {
	for i, v := range x {
		if v != v {
			return elemErr(arg, i, v, ErrNaN, "NaN")
		}
	}
	return nil
}

// checkUnit requires every element in [0, 1].
func checkUnit(arg string, x []float64) error {
	for i, v := range x {
		if v != v {
			return elemErr(arg, i, v, ErrNaN, "NaN")
		}
		if !(v >= 0 && v <= 1) {
			return elemErr(arg, i, v, ErrRange, "probability outside [0, 1]")
		}
	}
	return nil
}

// checkWeights requires finite nonnegative weights of length want.
func checkWeights(arg string, w []float64, want int, what string) error {
	if w == nil {
		return nil
	}
	if len(w) != want {
		return argErr(arg, ErrShape, "length "+itoa(len(w))+", want "+itoa(want)+" ("+what+")")
	}
	for i, v := range w {
		switch {
		case v != v:
			return elemErr(arg, i, v, ErrNaN, "NaN")
		case v < 0 || v > math.MaxFloat64:
			return elemErr(arg, i, v, ErrRange, "weight must be finite and nonnegative")
		}
	}
	return nil
}

// checkReduction accepts Mean, Sum and None, and BatchMean when batch.
func checkReduction(r Reduction, batch bool) error {
	switch {
	case r == Mean || r == Sum || r == None:
		return nil
	case r == BatchMean && batch:
		return nil
	case r == BatchMean:
		return argErr("reduction", ErrOption, "batchmean applies only to KLDiv")
	}
	return argErr("reduction", ErrOption, "unknown reduction "+r.String())
}

// checkCot checks the cotangent: nil, or finite with the shape of the
// loss (rows elements for None, one element otherwise).
func checkCot(cot []float64, r Reduction, rows int) error {
	if cot == nil {
		return nil
	}
	want := 1
	if r == None {
		want = rows
	}
	if len(cot) != want {
		return argErr("cotangent", ErrShape, "length "+itoa(len(cot))+", want "+itoa(want)+" (the shape of the "+r.String()+" loss)")
	}
	for i, v := range cot {
		switch {
		case v != v:
			return elemErr("cotangent", i, v, ErrNaN, "NaN")
		case math.IsInf(v, 0):
			return elemErr("cotangent", i, v, ErrRange, "cotangent must be finite")
		}
	}
	return nil
}

// checkRowSums requires rows of probabilities laid out as (N, C, D) with
// the class axis in the middle to sum to 1 within SumTolerance·C.
func checkRowSums(arg string, t []float64, n, c, d int) error {
	tol := SumTolerance * float64(c)
	for i := range n {
		for k := range d {
			off := i*c*d + k
			var s float64
			for j := range c {
				s += t[off+j*d]
			}
			if !(math.Abs(s-1) <= tol) {
				return &Error{Arg: arg, Index: i*d + k, Row: true, Err: ErrNotNormalized,
					Detail: "probabilities sum to " + ftoa(s) + ", want 1 within " + ftoa(tol)}
			}
		}
	}
	return nil
}

// scales returns the cotangent scale of row r: cot[r] for None, else the
// (single) cotangent times the reduction factor f.
func rowScale(cot []float64, r Reduction, row int, f float64) float64 {
	if r == None {
		if cot == nil {
			return 1
		}
		return cot[row]
	}
	if cot == nil {
		return f
	}
	return cot[0] * f
}

// addScaled returns total + c·l, treating a zero cotangent as an exact zero
// (so that a zero-weighted infinite loss adds nothing).
func addScaled(total, c, l float64) float64 {
	if c == 0 {
		return total
	}
	return total + c*l
}

func zero(x []float64) {
	for i := range x {
		x[i] = 0
	}
}
