package solve

import (
	"math"
	"math/rand/v2"
)

// quadratic is f(x) = ½ (x − x*)ᵀ A (x − x*) + c with A = Bᵀ B + I, whose
// minimizer is x* in closed form.
type quadratic struct {
	n     int
	a     []float64 // n×n row-major
	xstar []float64
	c     float64
	tmp   []float64
}

func newQuadratic(n int, seed uint64) *quadratic {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := make([]float64, n*n)
	for i := range b {
		b[i] = rng.NormFloat64()
	}
	q := &quadratic{n: n, a: make([]float64, n*n), xstar: make([]float64, n), c: 1.5, tmp: make([]float64, n)}
	for i := range n {
		for j := range n {
			var s float64
			for k := range n {
				s += b[k*n+i] * b[k*n+j]
			}
			if i == j {
				s++
			}
			q.a[i*n+j] = s
		}
		q.xstar[i] = rng.NormFloat64()
	}
	return q
}

func (q *quadratic) Dim() int { return q.n }

func (q *quadratic) ValueGrad(grad, x []float64) float64 {
	d := q.tmp
	for i := range d {
		d[i] = x[i] - q.xstar[i]
	}
	var f float64
	for i := range q.n {
		var s float64
		for j := range q.n {
			s += q.a[i*q.n+j] * d[j]
		}
		f += d[i] * s
		if grad != nil {
			grad[i] = s
		}
	}
	return 0.5*f + q.c
}

func (q *quadratic) HessVec(dst, v []float64) {
	for i := range q.n {
		var s float64
		for j := range q.n {
			s += q.a[i*q.n+j] * v[j]
		}
		dst[i] = s
	}
}

// rosenbrock is f(x, y) = (1 − x)² + 100 (y − x²)², minimized at (1, 1).
type rosenbrock struct{ x, y float64 }

func (*rosenbrock) Dim() int { return 2 }

func (r *rosenbrock) ValueGrad(grad, x []float64) float64 {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	if grad != nil {
		grad[0] = -2*a - 400*x[0]*b
		grad[1] = 200 * b
	}
	r.x, r.y = x[0], x[1]
	return a*a + 100*b*b
}

func (r *rosenbrock) HessVec(dst, v []float64) {
	h00 := 2 - 400*(r.y-r.x*r.x) + 800*r.x*r.x
	h01 := -400 * r.x
	dst[0] = h00*v[0] + h01*v[1]
	dst[1] = h01*v[0] + 200*v[1]
}

// logistic is L2-regularized logistic regression with an unpenalized
// intercept (the last coordinate), scaled as scikit-learn's
// LogisticRegression:
//
//	f(w, b) = C Σᵢ log(1 + exp(−yᵢ (wᵀxᵢ + b))) + ½ l2 ‖w‖²
type logistic struct {
	n, p int
	x    []float64 // n×p row-major
	y    []float64 // ±1
	c    float64
	l2   float64   // weight of ½‖w‖²
	z    []float64 // margins of the last ValueGrad
	d    []float64 // curvature σ(1−σ) of the last ValueGrad
}

// newLogistic returns a seeded synthetic problem with n samples and p
// features whose labels come from a noisy linear rule.
func newLogistic(n, p int, c float64, seed uint64) *logistic {
	rng := rand.New(rand.NewPCG(seed, 2))
	l := &logistic{n: n, p: p, x: make([]float64, n*p), y: make([]float64, n), c: c, l2: 1,
		z: make([]float64, n), d: make([]float64, n)}
	w := make([]float64, p)
	for j := range w {
		w[j] = rng.NormFloat64()
	}
	for i := range n {
		var s float64
		for j := range p {
			v := rng.NormFloat64()
			l.x[i*p+j] = v
			s += v * w[j]
		}
		if s+0.5+rng.NormFloat64() > 0 {
			l.y[i] = 1
		} else {
			l.y[i] = -1
		}
	}
	return l
}

func (l *logistic) Dim() int        { return l.p + 1 }
func (l *logistic) NumSamples() int { return l.n }

func (l *logistic) ValueGrad(grad, w []float64) float64 {
	return l.eval(grad, w, nil, 1)
}

func (l *logistic) BatchValueGrad(grad, w []float64, idx []int) float64 {
	return l.eval(grad, w, idx, float64(l.n)/float64(len(idx)))
}

// eval sums the loss over idx (all samples when nil), scaled by scale.
func (l *logistic) eval(grad, w []float64, idx []int, scale float64) float64 {
	p := l.p
	if grad != nil {
		clear(grad)
	}
	var f float64
	m := l.n
	if idx != nil {
		m = len(idx)
	}
	for k := range m {
		i := k
		if idx != nil {
			i = idx[k]
		}
		row := l.x[i*p : (i+1)*p]
		s := w[p]
		for j, v := range row {
			s += v * w[j]
		}
		yz := l.y[i] * s
		// log(1 + exp(−yz)), stably.
		if yz > 0 {
			f += math.Log1p(math.Exp(-yz))
		} else {
			f += -yz + math.Log1p(math.Exp(yz))
		}
		sig := 1 / (1 + math.Exp(-yz)) // σ(yz)
		if idx == nil {
			l.z[i] = s
			l.d[i] = sig * (1 - sig)
		}
		if grad != nil {
			r := l.c * scale * (sig - 1) * l.y[i]
			for j, v := range row {
				grad[j] += r * v
			}
			grad[p] += r
		}
	}
	var reg float64
	for j := range p {
		reg += w[j] * w[j]
		if grad != nil {
			grad[j] += l.l2 * w[j]
		}
	}
	return l.c*scale*f + 0.5*l.l2*reg
}

func (l *logistic) HessVec(dst, v []float64) {
	p := l.p
	clear(dst)
	for i := range l.n {
		row := l.x[i*p : (i+1)*p]
		s := v[p]
		for j, xv := range row {
			s += xv * v[j]
		}
		s *= l.c * l.d[i]
		for j, xv := range row {
			dst[j] += s * xv
		}
		dst[p] += s
	}
	for j := range p {
		dst[j] += l.l2 * v[j]
	}
}

func (l *logistic) HessDiag(dst []float64) {
	p := l.p
	clear(dst)
	for i := range l.n {
		row := l.x[i*p : (i+1)*p]
		d := l.c * l.d[i]
		for j, xv := range row {
			dst[j] += d * xv * xv
		}
		dst[p] += d
	}
	for j := range p {
		dst[j] += l.l2
	}
}

// plain hides the optional methods of a problem (HessVec, HessDiag,
// BatchValueGrad).
type plain struct{ Problem }
