package solve

import (
	"context"
	"math"
)

// Constants of the backtracking line searches.
const (
	armijoC      = 1e-4  // sufficient-decrease constant (Nocedal & Wright's c₁)
	backtrack    = 0.5   // step reduction after a rejected trial
	maxBacktrack = 60    // trials before the line search fails (2⁻⁶⁰ ≈ 1e-18)
	stallLimit   = 5     // consecutive iterations without decrease that stall a run
	flatTol      = 1e-12 // relative change of f below which decrease uses gradients
)

// GradientDescent is batch (proximal, projected) gradient descent with a
// backtracking Armijo line search or a fixed learning rate.
//
// Each iteration takes the step
//
//	x⁺ = P(S(x − t·∇f(x), t·λ))
//
// where S is soft-thresholding by the L1 weights λ (the identity without
// L1) and P the projection onto the box (the identity without bounds). With
// the line search, t starts at twice the last accepted step when that was
// accepted at once (else at the last accepted step) and is halved until
//
//	F(x⁺) ≤ F(x) + c·(∇f(x)·(x⁺ − x) + h(x⁺) − h(x)),   c = 1e-4,
//
// where h is the L1 penalty and F = f + h: Armijo's rule along the
// projection arc (Bertsekas 1976; Tseng & Yun 2009 for the penalty), which
// without L1 and bounds is f(x⁺) ≤ f(x) − c·t·‖∇f(x)‖².
//
// Every trial evaluates the value and the gradient together, so an
// iteration costs one evaluation when its first trial is accepted.
// Supports L1 and bounds. The default MaxIter is 1000.
type GradientDescent struct {
	Settings

	// LearningRate, when positive, is a fixed step t used without line
	// search. The run then stops with Status [Diverged] if the objective
	// becomes NaN or infinite, and whatever the reason it stops, Result.X
	// is the iterate of the lowest objective. 0 means the line search.
	LearningRate float64

	// InitialStep is the first trial step of the line search. 0 means 1.
	InitialStep float64
}

// Minimize minimizes p from x0; see [Solver].
func (s GradientDescent) Minimize(ctx context.Context, p Problem, x0 []float64) (*Result, error) {
	const name = "GradientDescent"
	n := p.Dim()
	o, err := s.check(name, n, x0, 1000, true, true)
	if err != nil {
		return nil, err
	}
	if !(s.LearningRate >= 0) || math.IsInf(s.LearningRate, 0) {
		return nil, errorf(name, "LearningRate = %v", s.LearningRate)
	}
	if !(s.InitialStep >= 0) || math.IsInf(s.InitialStep, 0) {
		return nil, errorf(name, "InitialStep = %v", s.InitialStep)
	}
	r := newRun(ctx, &s.Settings, o, n)
	x := make([]float64, n)
	g := make([]float64, n)
	xt := make([]float64, n)
	gt := make([]float64, n)
	pg := make([]float64, n)
	if x0 != nil {
		copy(x, x0)
	}
	f, gnorm, err := r.begin(name, p, x, g, pg)
	if err != nil {
		return nil, err
	}

	fixed := s.LearningRate > 0
	var bestX []float64 // lowest objective seen, with a fixed learning rate
	bestF, bestG := f, gnorm
	if fixed {
		bestX = make([]float64, n)
		copy(bestX, x)
	}
	t := s.InitialStep
	if fixed {
		t = s.LearningRate
	} else if t == 0 {
		t = 1
	}

	status, stop := r.record(Iteration{F: f, GradNorm: gnorm}, x)
	sm := stallMeter{best: gnorm}
	stall := 0
	for k := 1; !stop; k++ {
		if r.converged(gnorm) {
			status = Converged
			break
		}
		if k > o.maxIter {
			status = MaxIter
			break
		}
		if r.canceled() {
			status = Canceled
			break
		}
		var ft float64
		accepted, first := false, true
		for range maxBacktrack {
			proxStep(xt, x, g, t, &o)
			// delta = ∇f(x)·(xt − x) + h(xt) − h(x), coordinate by
			// coordinate so that no large value cancels.
			delta := 0.0
			for i := range xt {
				delta += g[i] * (xt[i] - x[i])
				if o.l1 != nil {
					delta += o.l1[i] * (math.Abs(xt[i]) - math.Abs(x[i]))
				}
			}
			if !fixed && !(delta < 0) {
				break // no descent left at this step size: rounding
			}
			ft = p.ValueGrad(gt, xt) + o.penalty(xt)
			r.res.FuncEvals++
			if fixed {
				accepted = true
				break
			}
			if decrease(&o, f, ft, g, gt, x, xt) <= armijoC*delta {
				accepted = true
				break
			}
			t *= backtrack
			first = false
		}
		if !accepted {
			status = LineSearchFailed
			break
		}
		if !isFinite(ft) {
			status = Diverged
			break
		}
		step := t
		fOld := f
		x, xt = xt, x
		g, gt = gt, g
		f = ft
		gnorm = o.pseudoGrad(pg, g, x)
		stall = sm.update(f < fOld, gnorm)
		if fixed && f < bestF {
			bestF, bestG = f, gnorm
			copy(bestX, x)
		}
		if !fixed && first {
			t *= 2
		}
		status, stop = r.record(Iteration{Iter: k, F: f, GradNorm: gnorm, Step: step}, x)
		if !stop && !fixed && stall >= stallLimit && !r.converged(gnorm) {
			status = Stalled
			break
		}
	}
	if fixed && status != Converged && bestF < f {
		return r.finish(p, status, bestX, bestF, bestG, g, pg), nil
	}
	return r.finish(p, status, x, f, gnorm, g, pg), nil
}

// decrease returns F(xt) − F(x) for F = f + h, with f and ft the values of
// F. When the difference is at the level of rounding, where comparing values
// says nothing, it returns the estimate
//
//	Σᵢ ½(∂ᵢf(x) + ∂ᵢf(xt))·(xtᵢ − xᵢ) + λᵢ(|xtᵢ| − |xᵢ|),
//
// exact for a quadratic f and summed coordinate by coordinate so that no
// large value cancels (the approximate Armijo test of Hager & Zhang 2005).
func decrease(o *options, f, ft float64, g, gt, x, xt []float64) float64 {
	d := ft - f
	if !isFinite(ft) {
		return math.Inf(1)
	}
	if math.Abs(d) > flatTol*math.Abs(f) {
		return d
	}
	var s float64
	for i := range x {
		s += 0.5 * (g[i] + gt[i]) * (xt[i] - x[i])
		if o != nil && o.l1 != nil {
			s += o.l1[i] * (math.Abs(xt[i]) - math.Abs(x[i]))
		}
	}
	return s
}

// proxStep writes P(S(x − t·g, t·λ)) into dst.
func proxStep(dst, x, g []float64, t float64, o *options) {
	for i, xi := range x {
		v := xi - t*g[i]
		if o.l1 != nil {
			l := t * o.l1[i]
			switch {
			case v > l:
				v -= l
			case v < -l:
				v += l
			default:
				v = 0
			}
		}
		dst[i] = v
	}
	o.project(dst)
}
