package solve

import (
	"context"
	"fmt"
	"math"
)

// CGRule selects when the inner conjugate-gradient iterations of
// [TrustRegionNewton] stop.
type CGRule int

const (
	// QuadraticRule stops CG at iteration j when the decrease of the
	// quadratic model Q becomes small relative to its size,
	//
	//	j·(Qⱼ − Qⱼ₋₁) ≥ tol·Qⱼ,   tol = min(CGTol, max(‖g‖/‖g₀‖, φ)),  CGTol default 0.5,
	//
	// the rule of LIBLINEAR ≥ 2.40 (Nash & Sofer 1990; Hsia, Chiang & Lin
	// 2018), which needs fewer Hessian-vector products near the optimum,
	// with one change: LIBLINEAR's forcing term is √‖g‖, which depends on
	// the objective's scale (a sum over 10⁴ rows keeps it at CGTol until
	// the very end, and convergence linear); the ratio ‖g‖/‖g₀‖ to the
	// stopping rule's reference norm (see [Settings.Tol]) makes the rule
	// scale-free and the outer convergence quadratic. On the comparison
	// suite's Fashion-MNIST T-shirt/shirt problem (C = 1, tol 1e-10) it
	// took 8 Newton iterations instead of 27 and 1.25 s instead of 1.8 s.
	// φ = 0.01·Tol·‖g₀‖/‖g‖ keeps the last step from solving the Newton
	// system more exactly than the stopping rule needs (Eisenstat & Walker
	// 1996): 300 Hessian-vector products instead of 391 there.
	QuadraticRule CGRule = iota
	// ResidualRule stops CG when ‖r‖_M⁻¹ ≤ max(CGTol, φ)·‖g‖_M⁻¹ (CGTol
	// default 0.1, φ as above), the rule of LIBLINEAR's TRON 2.1 to 2.3.
	ResidualRule
)

// String returns "quadratic" or "residual".
func (c CGRule) String() string {
	switch c {
	case QuadraticRule:
		return "quadratic"
	case ResidualRule:
		return "residual"
	}
	return fmt.Sprintf("CGRule(%d)", int(c))
}

// Constants of LIBLINEAR's TRON (tron.cpp, Lin, Weng & Keerthi 2008; Hsia,
// Zhu & Lin 2017 for the update when the step reaches the boundary).
const (
	tronEta0   = 1e-4 // accept the step when actual/predicted reduction > eta0
	tronEta1   = 0.25
	tronEta2   = 0.75
	tronSigma1 = 0.25
	tronSigma2 = 0.5
	tronSigma3 = 4.0
	tronPcg    = 0.01 // weight of diag(H) in the preconditioner
)

// PreconditionedProblem is a [HessVecProblem] that supplies its own
// preconditioner for [TrustRegionNewton]: a symmetric positive definite
// approximation M of ∇²f(x) at the point of the last ValueGrad with a
// gradient, used instead of the diagonal of [HessDiagProblem]. A linear
// model, for instance, can center its features inside M, which the
// diagonal of the Hessian cannot express when the intercept is a
// parameter.
type PreconditionedProblem interface {
	HessVecProblem

	// Precondition computes M at the point of the last ValueGrad with a
	// gradient; it reports false when it has none (then M = I).
	Precondition() bool

	// PrecondSolve writes M⁻¹·v into dst (len n).
	PrecondSolve(dst, v []float64)

	// PrecondMul writes M·v into dst (len n).
	PrecondMul(dst, v []float64)
}

// TrustRegionNewton is LIBLINEAR's trust-region Newton method TRON (Lin,
// Weng & Keerthi 2008, "Trust region Newton method for large-scale logistic
// regression", JMLR 9), in the form of LIBLINEAR 2.x: each iteration
// approximately minimizes the quadratic model
//
//	Q(s) = ∇f(x)·s + ½ sᵀ∇²f(x)s,   ‖s‖_M ≤ Δ,
//
// by (preconditioned) conjugate gradient on Hessian-vector products,
// truncated at the trust-region boundary (Steihaug), and accepts x + s when
// the actual reduction exceeds 1e-4 times the predicted one. The radius Δ
// starts at ‖∇f(x₀)‖_M, is capped by the first step, and is updated with
// LIBLINEAR's rule (η = 1e-4, 0.25, 0.75; σ = 0.25, 0.5, 4, and Δ grows
// fourfold when a very successful step reached the boundary). The model's
// curvature must be that of the last ValueGrad point: after a rejected trial
// the objective is evaluated again at x, one more evaluation.
//
// It is the fastest route to a tight optimum of the convex linear models:
// a few iterations, each one objective evaluation plus a few Hessian-vector
// products. When the problem implements [PreconditionedProblem], CG is
// preconditioned with its M; otherwise, when it implements
// [HessDiagProblem], with M = 0.99·I + 0.01·diag(∇²f(x)), as
// LIBLINEAR ≥ 2.20. The trust region is measured in the norm of M.
//
// Iterations count accepted steps, as LIBLINEAR. L1 and bounds are not
// supported. The default MaxIter is 1000 (LIBLINEAR's).
type TrustRegionNewton struct {
	Settings

	// CGRule is the inner stopping rule; the zero value is [QuadraticRule].
	CGRule CGRule

	// CGTol is the tolerance of CGRule; 0 means 0.5 for QuadraticRule and
	// 0.1 for ResidualRule (LIBLINEAR's eps_cg).
	CGTol float64

	// NoPrecondition disables the preconditioner that is used by default
	// when the problem implements [PreconditionedProblem] or
	// [HessDiagProblem].
	NoPrecondition bool
}

// Minimize minimizes p from x0; p must be a [HessVecProblem]. See [Solver].
func (s TrustRegionNewton) Minimize(ctx context.Context, p Problem, x0 []float64) (*Result, error) {
	const name = "TrustRegionNewton"
	hp, ok := p.(HessVecProblem)
	if !ok {
		return nil, fmt.Errorf("solve: %s: problem %T has no HessVec method: %w", name, p, ErrUnsupported)
	}
	n := p.Dim()
	o, err := s.check(name, n, x0, 1000, false, false)
	if err != nil {
		return nil, err
	}
	if s.CGRule != QuadraticRule && s.CGRule != ResidualRule {
		return nil, errorf(name, "CGRule = %v", s.CGRule)
	}
	if !(s.CGTol >= 0) || s.CGTol >= 1 {
		return nil, errorf(name, "CGTol = %v", s.CGTol)
	}
	cgTol := s.CGTol
	if cgTol == 0 {
		cgTol = 0.5
		if s.CGRule == ResidualRule {
			cgTol = 0.1
		}
	}
	dp, diag := p.(HessDiagProblem)
	pp, own := p.(PreconditionedProblem)
	diag = diag && !own && !s.NoPrecondition
	own = own && !s.NoPrecondition

	r := newRun(ctx, &s.Settings, o, n)
	buf := make([]float64, 11*n)
	x, g, xn, gn := buf[:n], buf[n:2*n], buf[2*n:3*n], buf[3*n:4*n]
	cg := &tronCG{p: hp, r: r, rule: s.CGRule, tol: cgTol,
		m: buf[4*n : 5*n], s: buf[5*n : 6*n], res: buf[6*n : 7*n],
		z: buf[7*n : 8*n], d: buf[8*n : 9*n], hd: buf[9*n : 10*n], tmp: buf[10*n:]}
	for i := range cg.m {
		cg.m[i] = 1
	}
	if x0 != nil {
		copy(x, x0)
	}
	f := p.ValueGrad(g, x)
	r.res.FuncEvals++
	if err := checkStart(name, f, g); err != nil {
		return nil, err
	}
	gnorm := norm(g)
	if err := r.setRef(name, gnorm); err != nil {
		return nil, err
	}

	status, stop := r.record(Iteration{F: f, GradNorm: gnorm}, x)
	sm := stallMeter{best: gnorm}
	iter, first := 0, true
	var delta float64
	rejects := 0
	for !stop {
		if r.converged(gnorm) {
			status = Converged
			break
		}
		if iter >= o.maxIter {
			status = MaxIter
			break
		}
		if r.canceled() {
			status = Canceled
			break
		}
		if own {
			cg.pp = nil
			if pp.Precondition() {
				cg.pp = pp
			}
		} else if diag {
			dp.HessDiag(cg.m)
			for i, v := range cg.m {
				cg.m[i] = (1 - tronPcg) + tronPcg*v
				if !(cg.m[i] > 0) || math.IsInf(cg.m[i], 0) {
					cg.m[i] = 1
				}
			}
		}
		if first && delta == 0 {
			cg.precSolve(cg.tmp, g)
			delta = math.Sqrt(dot(g, cg.tmp))
		}
		boundary := cg.solve(delta, g)
		s := cg.s
		for i, xi := range x {
			xn[i] = xi + s[i]
		}
		gs := dot(g, s)
		prered := -0.5 * (gs - dot(s, cg.res))
		fn := p.ValueGrad(gn, xn)
		r.res.FuncEvals++
		actred := f - fn
		if math.Abs(actred) <= flatTol*math.Abs(f) {
			// At rounding level: estimate the reduction from the gradients.
			actred = -decrease(nil, f, fn, g, gn, x, xn)
		}
		sM := math.Sqrt(cg.uMv(s, s))
		if first {
			delta = min(delta, sM)
		}
		// Step prediction alpha·‖s‖ from the quadratic through f, fn, g·s.
		var alpha float64
		if q := -actred - gs; q <= 0 {
			alpha = tronSigma3
		} else {
			alpha = max(tronSigma1, -0.5*(gs/q))
		}
		switch {
		case !isFinite(fn):
			delta = min(tronSigma1*sM, tronSigma2*delta)
		case actred < tronEta0*prered:
			delta = min(alpha*sM, tronSigma2*delta)
		case actred < tronEta1*prered:
			delta = max(tronSigma1*delta, min(alpha*sM, tronSigma2*delta))
		case actred < tronEta2*prered:
			delta = max(tronSigma1*delta, min(alpha*sM, tronSigma3*delta))
		case boundary:
			delta = tronSigma3 * delta
		default:
			delta = max(delta, min(alpha*sM, tronSigma3*delta))
		}
		if isFinite(fn) && actred > tronEta0*prered {
			iter++
			first = false
			rejects = 0
			fOld := f
			copy(x, xn)
			copy(g, gn)
			f = fn
			gnorm = norm(g)
			status, stop = r.record(Iteration{Iter: iter, F: f, GradNorm: gnorm, Step: norm(s)}, x)
			if !stop && sm.update(f < fOld, gnorm) >= stallLimit && !r.converged(gnorm) {
				status = Stalled
				break
			}
			continue
		}
		// Rejected: the model's curvature is now that of xn; restore x.
		p.ValueGrad(gn, x)
		r.res.FuncEvals++
		rejects++
		if !(prered > 0) || rejects > maxBacktrack || !(delta > 0) {
			status = Stalled
			break
		}
	}
	return r.finish(p, status, x, f, gnorm, gn, xn), nil
}

// tronCG is the workspace of the truncated conjugate-gradient solver.
type tronCG struct {
	p    HessVecProblem
	r    *run
	rule CGRule
	tol  float64
	pp   PreconditionedProblem // preconditioner, nil to use m
	m    []float64             // diagonal preconditioner
	s    []float64             // step
	res  []float64             // residual −g − H·s
	z    []float64             // M⁻¹·res
	d    []float64             // search direction
	hd   []float64             // H·d
	tmp  []float64             // M·u
}

// precSolve writes M⁻¹·v into dst.
func (c *tronCG) precSolve(dst, v []float64) {
	if c.pp != nil {
		c.pp.PrecondSolve(dst, v)
		return
	}
	for i, vi := range v {
		dst[i] = vi / c.m[i]
	}
}

// uMv returns uᵀ·M·v.
func (c *tronCG) uMv(u, v []float64) float64 {
	if c.pp != nil {
		c.pp.PrecondMul(c.tmp, v)
		return dot(u, c.tmp)
	}
	var s float64
	for i, ui := range u {
		s += ui * c.m[i] * v[i]
	}
	return s
}

// solve approximately minimizes g·s + ½ sᵀHs subject to ‖s‖_M ≤ delta into
// c.s, leaving the residual −g − H·s in c.res; it reports whether the step
// reached the boundary (Steihaug: also on non-positive curvature).
//
// The M-norms the boundary test needs (sᵀMs, sᵀMd, dᵀMd) and the value of
// the quadratic model follow the recurrences of preconditioned CG (Conn,
// Gould & Toint 2000, §7.5.1; Gould, Lucidi, Roma & Toint 1999):
//
//	sᵀMs ← sᵀMs + 2α·sᵀMd + α²·dᵀMd,   sᵀMd ← β·(sᵀMd + α·dᵀMd),
//	dᵀMd ← zᵀr + β²·dᵀMd,             Q ← Q − ½·α·zᵀr,
//
// which leaves a CG step two dot products, three vector updates and one
// preconditioner solve besides its Hessian-vector product.
func (c *tronCG) solve(delta float64, g []float64) (boundary bool) {
	s, r, z, d, hd := c.s, c.res, c.z, c.d, c.hd
	for i, gi := range g {
		s[i] = 0
		r[i] = -gi
	}
	c.precSolve(z, r)
	copy(d, z)
	zr := dot(z, r)
	var cgtol float64
	if c.rule == ResidualRule {
		cgtol = max(c.tol, cgFloor(c.r.o.tol, c.r.ref, norm(g))) * math.Sqrt(zr)
	} else {
		cgtol = c.tol
		if ref := c.r.ref; ref > 0 {
			gn := norm(g)
			cgtol = min(c.tol, max(gn/ref, cgFloor(c.r.o.tol, ref, gn)))
		}
	}
	q := 0.0
	sMs, sMd, dMd := 0.0, 0.0, zr
	dsq := delta * delta
	maxIter := max(len(g), 5)
	for it := 1; it <= maxIter; it++ {
		if c.rule == ResidualRule && math.Sqrt(zr) <= cgtol {
			break
		}
		c.p.HessVec(hd, d)
		c.r.res.HessVecs++
		dhd := dot(d, hd)
		if !(dhd > 0) {
			// Non-positive curvature: go to the boundary along d.
			c.toBoundary(delta, sMs, sMd, dMd)
			return true
		}
		alpha := zr / dhd
		if sMs+alpha*(2*sMd+alpha*dMd) > dsq {
			c.toBoundary(delta, sMs, sMd, dMd)
			return true
		}
		axpy(alpha, d, s)
		axpy(-alpha, hd, r)
		sMs += alpha * (2*sMd + alpha*dMd)
		if c.rule == QuadraticRule {
			qn := q - 0.5*alpha*zr
			qd := qn - q
			// qd < 0 whenever M is positive definite (α > 0, zᵀr > 0):
			// the first two tests only catch a preconditioner that is
			// not, as LIBLINEAR's check of an increasing model.
			if qn > 0 || qd > 0 || float64(it)*qd >= cgtol*qn {
				break
			}
			q = qn
		}
		c.precSolve(z, r)
		zrNew := dot(z, r)
		beta := zrNew / zr
		for i, zi := range z {
			d[i] = zi + beta*d[i]
		}
		sMd = beta * (sMd + alpha*dMd)
		dMd = zrNew + beta*beta*dMd
		zr = zrNew
	}
	return false
}

// cgFloor is the loosest forcing term that still lets the next step meet
// the stopping rule ‖g‖ ≤ tol·ref, with a factor 100 to spare: solving the
// Newton system more exactly than that only costs Hessian-vector products
// (Eisenstat & Walker 1996). It is 0 when there is no rule (tol < 0).
func cgFloor(tol, ref, gnorm float64) float64 {
	if !(tol > 0) || !(gnorm > 0) {
		return 0
	}
	return 0.01 * tol * ref / gnorm
}

// toBoundary moves s along d to ‖s + τd‖_M = delta (τ ≥ 0), given sᵀMs,
// sᵀMd and dᵀMd, and updates the residual with the H·d in c.hd.
func (c *tronCG) toBoundary(delta, sts, std, dtd float64) {
	dsq := delta * delta
	rad := math.Sqrt(std*std + dtd*max(dsq-sts, 0))
	var tau float64
	if std >= 0 {
		tau = (dsq - sts) / (std + rad)
	} else {
		tau = (rad - std) / dtd
	}
	if !isFinite(tau) {
		tau = 0
	}
	axpy(tau, c.d, c.s)
	axpy(-tau, c.hd, c.res)
}
