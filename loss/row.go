package loss

import "math"

// Row kernels. A row is the class axis at one position of an (N, C, D)
// array: the elements off + j·stride for j < c, stride = D. The fast paths
// assume every element finite (scan tells); rows with an infinity go to
// the limit paths, which implement the policy of the package doc.

// scan returns the largest element of a row, its index, and whether the
// row holds an infinity. c must be at least 1.
func scan(x []float64, off, stride, c int) (m float64, k int, inf bool) {
	m = x[off]
	lo := m
	for j, i := 1, off+stride; j < c; j, i = j+1, i+stride {
		v := x[i]
		if v > m {
			m, k = v, j
		}
		if v < lo {
			lo = v
		}
	}
	return m, k, m > math.MaxFloat64 || lo < -math.MaxFloat64
}

// expRow returns Σ_{j≠k} exp(x_j - m) and, when e is not nil, stores
// exp(x_j - m) at the row's positions in e.
func expRow(x, e []float64, off, stride, c, k int, m float64) float64 {
	var s float64
	if e == nil {
		for j, i := 0, off; j < c; j, i = j+1, i+stride {
			if j != k {
				s += math.Exp(x[i] - m)
			}
		}
		return s
	}
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		if j == k {
			e[i] = 1 // exp(0)
			continue
		}
		v := math.Exp(x[i] - m)
		e[i] = v
		s += v
	}
	return s
}

// limitRow gives the limits of the softmax p_j and of -log p_j for a row
// holding infinities (see the package doc).
type limitRow struct {
	m, s, L float64
	npos    int  // entries equal to +Inf
	allNeg  bool // every entry is -Inf: no limit
}

func newLimitRow(x []float64, off, stride, c, k int, m float64) limitRow {
	r := limitRow{m: m}
	switch {
	case m < -math.MaxFloat64:
		r.allNeg = true
	case m > math.MaxFloat64:
		for j, i := 0, off; j < c; j, i = j+1, i+stride {
			if x[i] > math.MaxFloat64 {
				r.npos++
			}
		}
	default:
		r.s = expRow(x, nil, off, stride, c, k, m)
		r.L = math.Log1p(r.s)
	}
	return r
}

// nlp returns the limit of -log p for an entry v.
func (r *limitRow) nlp(v float64) float64 {
	switch {
	case r.allNeg:
		return math.NaN()
	case r.npos == 0:
		return (r.m - v) + r.L // +Inf for v = -Inf
	case v <= math.MaxFloat64:
		return posInf
	case r.npos == 1:
		return 0
	}
	return math.NaN()
}

// p returns the limit of the softmax probability of an entry v.
func (r *limitRow) p(v float64) float64 {
	switch {
	case r.allNeg:
		return math.NaN()
	case r.npos == 0:
		return math.Exp(v-r.m) / (1 + r.s)
	case v <= math.MaxFloat64:
		return 0
	case r.npos == 1:
		return 1
	}
	return math.NaN()
}

// weightAt returns w[j], or 1 when w is nil.
func weightAt(w []float64, j int) float64 {
	if w == nil {
		return 1
	}
	return w[j]
}

// ceIndexRow returns the loss of one row of logits x with class target y,
//
//	l = (1-ε)·w_y·(-log p_y) + (ε/C)·Σ_c w_c·(-log p_c),
//
// and, when grad is not nil, writes scale·∂l/∂x into the row's positions
// of grad: scale·(S·p_j - (1-ε)·w_y·[j=y] - (ε/C)·w_j), S = (1-ε)w_y + (ε/C)W.
func ceIndexRow(x, grad, w []float64, W, eps float64, off, stride, c, y int, scale float64) float64 {
	m, k, inf := scan(x, off, stride, c)
	if inf {
		return ceIndexRowLimit(x, grad, w, W, eps, off, stride, c, y, scale, m, k)
	}
	s := expRow(x, grad, off, stride, c, k, m)
	L := math.Log1p(s)
	wy := weightAt(w, y)
	ny := (1 - eps) * wy
	loss := ny * ((m - x[off+y*stride]) + L)
	e := eps / float64(c)
	if eps > 0 {
		// ε/C inside the sum: Σ_c (m - x_c) alone can overflow (logits near
		// ±1e308) where the loss does not.
		for j, i := 0, off; j < c; j, i = j+1, i+stride {
			loss += e * weightAt(w, j) * ((m - x[i]) + L)
		}
	}
	if grad == nil {
		return loss
	}
	inv := 1 / (1 + s)
	S := ny + e*W
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := e * weightAt(w, j)
		if j == y {
			a += ny
		}
		grad[i] = scale * (grad[i]*inv*S - a)
	}
	// At the largest logit p_k - 1 = -s/(1+s): avoid the cancellation.
	d := e * (W - weightAt(w, k))
	if k != y {
		d += ny
	}
	grad[off+k*stride] = scale * (d - S*s*inv)
	return loss
}

func ceIndexRowLimit(x, grad, w []float64, W, eps float64, off, stride, c, y int, scale, m float64, k int) float64 {
	r := newLimitRow(x, off, stride, c, k, m)
	ny := (1 - eps) * weightAt(w, y)
	e := eps / float64(c)
	var loss float64
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := e * weightAt(w, j)
		if j == y {
			a += ny
		}
		if a != 0 {
			loss += a * r.nlp(x[i])
		}
	}
	if grad == nil {
		return loss
	}
	S := ny + e*W
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := e * weightAt(w, j)
		if j == y {
			a += ny
		}
		if S == 0 {
			grad[i] = 0 // a zero-weight row: identically 0
			continue
		}
		grad[i] = scale * (r.p(x[i])*S - a)
	}
	return loss
}

// ceProbsRow returns the loss of one row of logits x with target
// probabilities t (same layout),
//
//	l = -Σ_c w_c·t'_c·log p_c,  t' = (1-ε)·t + ε/C,
//
// and, when grad is not nil, writes scale·(T·p_j - w_j·t'_j) into grad,
// T = Σ_c w_c·t'_c.
func ceProbsRow(x, t, grad, w []float64, eps float64, off, stride, c int, scale float64) float64 {
	m, k, inf := scan(x, off, stride, c)
	if inf {
		return ceProbsRowLimit(x, t, grad, w, eps, off, stride, c, scale, m, k)
	}
	s := expRow(x, grad, off, stride, c, k, m)
	L := math.Log1p(s)
	e := eps / float64(c)
	var loss, T float64
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := weightAt(w, j) * ((1-eps)*t[i] + e)
		T += a
		loss += a * ((m - x[i]) + L)
	}
	if grad == nil {
		return loss
	}
	inv := 1 / (1 + s)
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := weightAt(w, j) * ((1-eps)*t[i] + e)
		grad[i] = scale * (grad[i]*inv*T - a)
	}
	return loss
}

func ceProbsRowLimit(x, t, grad, w []float64, eps float64, off, stride, c int, scale, m float64, k int) float64 {
	r := newLimitRow(x, off, stride, c, k, m)
	e := eps / float64(c)
	var loss, T float64
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := weightAt(w, j) * ((1-eps)*t[i] + e)
		T += a
		if a != 0 {
			loss += a * r.nlp(x[i])
		}
	}
	if grad == nil {
		return loss
	}
	for j, i := 0, off; j < c; j, i = j+1, i+stride {
		a := weightAt(w, j) * ((1-eps)*t[i] + e)
		if T == 0 {
			grad[i] = 0
			continue
		}
		grad[i] = scale * (r.p(x[i])*T - a)
	}
	return loss
}
