package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/xent-ml/xent/internal/vec"
)

// Solver minimizes an objective. Every solver of this package is a Solver.
type Solver interface {
	// Minimize minimizes p starting from x0 (len p.Dim(); nil means the
	// zero vector) and returns the best point found. x0 is not modified.
	//
	// A run that stops before its tolerance is met is not an error: its
	// Result carries the best weights, Converged false and the reason in
	// Status. Cancelling ctx likewise returns the best weights with Status
	// [Canceled] and a nil error. The error is non-nil only for bad input
	// (shapes, NaN in x0 or the settings, an option the solver does not
	// support) or an objective, gradient or gradient norm that is not
	// finite at the starting point (ErrNotFinite). Norms are computed
	// without overflow in the sum of squares, so gradients with components
	// near 1e200 have a finite norm.
	Minimize(ctx context.Context, p Problem, x0 []float64) (*Result, error)
}

// Settings are the options every solver shares. The zero value asks for the
// defaults given per field.
type Settings struct {
	// Tol is the relative tolerance of the stopping rule, as LIBLINEAR's
	// eps and scikit-learn's tol: a deterministic solver stops with Status
	// [Converged] at the first iterate x with
	//
	//	‖pg(x)‖₂ ≤ Tol · ‖pg(x₀)‖₂
	//
	// where pg is the gradient ∇f, projected onto the box when bounds are
	// given and replaced by the minimum-norm subgradient (the pseudo-gradient
	// of OWL-QN) when L1 is given; see [Result.GradNorm]. When RefGradNorm
	// is positive it replaces ‖pg(x₀)‖₂. SGD and Adam use scikit-learn's
	// MLP rule instead (see [SGD]). 0 means 1e-4 (scikit-learn's default);
	// a negative Tol never stops on the gradient.
	Tol float64

	// RefGradNorm, when positive, is the reference norm of the stopping
	// rule in place of ‖pg(x₀)‖₂. LIBLINEAR 2.x computes it at x = 0 so that
	// a warm start does not tighten the rule; a caller that warm-starts can
	// do the same. 0 means ‖pg(x₀)‖₂.
	RefGradNorm float64

	// MaxIter bounds the number of iterations (epochs for SGD and Adam).
	// 0 means the solver's default, given on each solver; negative is an
	// error.
	MaxIter int

	// Callback, when not nil, is called with every entry appended to
	// [Result.History], once per iteration (per epoch for SGD and Adam),
	// for progress bars and logging. Returning true stops the run with
	// Status [Stopped]. It must not keep the Iteration's slices.
	Callback func(Iteration) (stop bool)

	// Validation, when not nil, returns a held-out loss at x; it is called
	// once per iteration (per epoch for SGD and Adam) and must not keep x.
	// The run stops with Status [EarlyStopped] when the loss has not
	// decreased for Patience consecutive calls, and whatever the reason the
	// run stops, Result.X is the point of the lowest validation loss, as
	// scikit-learn's MLP with early_stopping restores its best weights.
	Validation func(x []float64) float64

	// Patience is the number of consecutive calls to Validation without
	// improvement that stops the run. 0 means 10 (scikit-learn's
	// n_iter_no_change).
	Patience int

	// L1, when not nil, adds the penalty Σⱼ L1[j]·|xⱼ| to the objective
	// (len p.Dim(), each ≥ 0; 0 leaves a coordinate such as an intercept
	// unpenalized). Supported by [OWLQN], [GradientDescent] (proximal steps)
	// and [SGD] (proximal steps); the other solvers return
	// [ErrUnsupported].
	L1 []float64

	// Lower and Upper, when not nil, bound each coordinate:
	// Lower[j] ≤ xⱼ ≤ Upper[j] (len p.Dim(); ±Inf for an unbounded side;
	// nil means unbounded). A starting point outside the box is projected
	// onto it. Supported by [GradientDescent], [LBFGS], [OWLQN], [SGD] and
	// [Adam] (by projection); [TrustRegionNewton] returns [ErrUnsupported].
	Lower, Upper []float64
}

// Iteration describes one iteration (one epoch for SGD and Adam); see
// [Result.History].
type Iteration struct {
	// Iter is the iteration number; 0 is the starting point.
	Iter int
	// F is the objective at the iterate, the L1 penalty included. For SGD
	// and Adam it is the mean of the epoch's mini-batch estimates, as
	// scikit-learn's loss_curve_.
	F float64
	// GradNorm is ‖pg‖₂ of the stopping rule at the iterate (see
	// [Settings.Tol]); NaN for SGD and Adam epochs, which do not compute
	// the full gradient.
	GradNorm float64
	// Step is the step taken to reach the iterate: the step length along
	// the search direction for line-search solvers (the learning rate for
	// gradient descent), the norm of the accepted step for
	// [TrustRegionNewton], the last learning rate of the epoch for SGD and
	// Adam; 0 at the starting point.
	Step float64
	// FuncEvals counts the calls to Problem.ValueGrad so far.
	FuncEvals int
	// Elapsed is the time since Minimize started.
	Elapsed time.Duration
	// ValidLoss is the Validation loss at the iterate, NaN when
	// Settings.Validation is nil.
	ValidLoss float64
	// X is the iterate itself, set only for the Callback: it is valid
	// during the call, must not be modified or kept, and is nil in
	// Result.History.
	X []float64
}

// Result is the outcome of a [Solver.Minimize] run.
type Result struct {
	// X is the best point found (see [Settings.Validation] for which).
	X []float64
	// F is the objective at X, the L1 penalty included.
	F float64
	// GradNorm is ‖pg(X)‖₂, the optimality measure of [Settings.Tol]: the
	// gradient with the components that point out of the box zeroed, and
	// with L1, the minimum-norm subgradient.
	GradNorm float64
	// Iterations is the number of iterations (epochs for SGD and Adam).
	Iterations int
	// Converged reports whether the stopping rule was met; it equals
	// Status == Converged.
	Converged bool
	// Status tells why the run stopped.
	Status Status
	// FuncEvals counts the calls to Problem.ValueGrad, each a pass over
	// the data for a sum of losses.
	FuncEvals int
	// HessVecs counts the calls to HessVecProblem.HessVec.
	HessVecs int
	// BatchEvals counts the calls to BatchProblem.BatchValueGrad.
	BatchEvals int
	// History has one entry per iteration, starting with the starting point
	// (Iter 0) for the deterministic solvers and with the first epoch for
	// SGD and Adam.
	History []Iteration
}

// Status tells why a run stopped.
type Status int

// The reasons a run stops. Only Converged means the stopping rule was met;
// in every case the Result holds the best point found.
const (
	Converged        Status = iota // the stopping rule of Settings.Tol was met
	MaxIter                        // Settings.MaxIter iterations ran
	LineSearchFailed               // no step decreased the objective enough
	Stalled                        // the iterates stopped changing the objective
	EarlyStopped                   // the validation loss stopped decreasing
	Canceled                       // the context was canceled
	Stopped                        // the callback asked to stop
	Diverged                       // the objective became NaN or infinite
)

var statusNames = [...]string{
	Converged:        "converged",
	MaxIter:          "maximum number of iterations reached",
	LineSearchFailed: "line search failed",
	Stalled:          "stalled",
	EarlyStopped:     "early stopped",
	Canceled:         "canceled",
	Stopped:          "stopped by callback",
	Diverged:         "diverged",
}

// String returns a lower-case description of s, such as "converged".
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Errors of Minimize, for errors.Is.
var (
	// ErrShape: a slice's length does not match Problem.Dim.
	ErrShape = errors.New("length does not match the problem dimension")
	// ErrNotFinite: a NaN or infinity where a finite number is needed.
	ErrNotFinite = errors.New("not a finite number")
	// ErrInvalid: a setting out of its range.
	ErrInvalid = errors.New("invalid setting")
	// ErrUnsupported: the solver does not support a requested setting.
	ErrUnsupported = errors.New("not supported by this solver")
)

// Default values of the settings.
const (
	DefaultTol      = 1e-4
	DefaultPatience = 10
)

// options are the Settings with defaults resolved and inputs validated.
type options struct {
	tol      float64
	maxIter  int
	l1       []float64 // nil when absent or all zero
	lo, hi   []float64 // nil when absent
	patience int
}

// check validates s and x0 for a problem of dimension n and resolves the
// defaults. name is the solver's name for error messages.
func (s *Settings) check(name string, n int, x0 []float64, defMaxIter int, l1OK, boundsOK bool) (options, error) {
	var o options
	if n <= 0 {
		return o, fmt.Errorf("solve: %s: Dim() = %d: %w", name, n, ErrShape)
	}
	if x0 != nil && len(x0) != n {
		return o, fmt.Errorf("solve: %s: len(x0) = %d, want %d: %w", name, len(x0), n, ErrShape)
	}
	for i, v := range x0 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return o, fmt.Errorf("solve: %s: x0[%d] = %v: %w", name, i, v, ErrNotFinite)
		}
	}
	switch {
	case math.IsNaN(s.Tol):
		return o, fmt.Errorf("solve: %s: Tol = NaN: %w", name, ErrInvalid)
	case s.Tol == 0:
		o.tol = DefaultTol
	case s.Tol < 0:
		o.tol = -1
	default:
		o.tol = s.Tol
	}
	if math.IsNaN(s.RefGradNorm) || s.RefGradNorm < 0 || math.IsInf(s.RefGradNorm, 0) {
		return o, fmt.Errorf("solve: %s: RefGradNorm = %v: %w", name, s.RefGradNorm, ErrInvalid)
	}
	switch {
	case s.MaxIter < 0:
		return o, fmt.Errorf("solve: %s: MaxIter = %d: %w", name, s.MaxIter, ErrInvalid)
	case s.MaxIter == 0:
		o.maxIter = defMaxIter
	default:
		o.maxIter = s.MaxIter
	}
	switch {
	case s.Patience < 0:
		return o, fmt.Errorf("solve: %s: Patience = %d: %w", name, s.Patience, ErrInvalid)
	case s.Patience == 0:
		o.patience = DefaultPatience
	default:
		o.patience = s.Patience
	}
	if s.L1 != nil {
		if len(s.L1) != n {
			return o, fmt.Errorf("solve: %s: len(L1) = %d, want %d: %w", name, len(s.L1), n, ErrShape)
		}
		any := false
		for i, v := range s.L1 {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return o, fmt.Errorf("solve: %s: L1[%d] = %v: %w", name, i, v, ErrNotFinite)
			}
			if v < 0 {
				return o, fmt.Errorf("solve: %s: L1[%d] = %v: negative penalty: %w", name, i, v, ErrInvalid)
			}
			any = any || v > 0
		}
		if any {
			if !l1OK {
				return o, fmt.Errorf("solve: %s: L1 penalty: %w", name, ErrUnsupported)
			}
			o.l1 = s.L1
		}
	}
	if s.Lower != nil || s.Upper != nil {
		if !boundsOK {
			return o, fmt.Errorf("solve: %s: bounds: %w", name, ErrUnsupported)
		}
		if s.Lower != nil && len(s.Lower) != n {
			return o, fmt.Errorf("solve: %s: len(Lower) = %d, want %d: %w", name, len(s.Lower), n, ErrShape)
		}
		if s.Upper != nil && len(s.Upper) != n {
			return o, fmt.Errorf("solve: %s: len(Upper) = %d, want %d: %w", name, len(s.Upper), n, ErrShape)
		}
		o.lo = make([]float64, n)
		o.hi = make([]float64, n)
		for i := range n {
			o.lo[i], o.hi[i] = math.Inf(-1), math.Inf(1)
			if s.Lower != nil {
				if math.IsNaN(s.Lower[i]) || math.IsInf(s.Lower[i], 1) {
					return o, fmt.Errorf("solve: %s: Lower[%d] = %v: %w", name, i, s.Lower[i], ErrInvalid)
				}
				o.lo[i] = s.Lower[i]
			}
			if s.Upper != nil {
				if math.IsNaN(s.Upper[i]) || math.IsInf(s.Upper[i], -1) {
					return o, fmt.Errorf("solve: %s: Upper[%d] = %v: %w", name, i, s.Upper[i], ErrInvalid)
				}
				o.hi[i] = s.Upper[i]
			}
			if o.lo[i] > o.hi[i] {
				return o, fmt.Errorf("solve: %s: Lower[%d] = %v > Upper[%d] = %v: %w", name, i, o.lo[i], i, o.hi[i], ErrInvalid)
			}
		}
	}
	return o, nil
}

// project clips x onto the box [lo, hi]; it does nothing without bounds.
func (o *options) project(x []float64) {
	if o.lo == nil {
		return
	}
	for i, v := range x {
		x[i] = min(max(v, o.lo[i]), o.hi[i])
	}
}

// penalty returns Σ l1[j]·|x[j]|.
func (o *options) penalty(x []float64) float64 {
	if o.l1 == nil {
		return 0
	}
	var s float64
	for i, v := range x {
		s += o.l1[i] * math.Abs(v)
	}
	return s
}

// pseudoGrad writes into dst the optimality measure of the stopping rule at
// x given the smooth gradient g: the minimum-norm subgradient of the L1
// penalty, with the components that point out of the box zeroed. It returns
// ‖dst‖₂. dst may alias g.
func (o *options) pseudoGrad(dst, g, x []float64) float64 {
	var ss float64
	for i, gi := range g {
		if o.l1 != nil && o.l1[i] > 0 {
			l := o.l1[i]
			switch {
			case x[i] > 0:
				gi += l
			case x[i] < 0:
				gi -= l
			case gi+l < 0:
				gi += l
			case gi-l > 0:
				gi -= l
			default:
				gi = 0
			}
		}
		if o.lo != nil && ((x[i] <= o.lo[i] && gi > 0) || (x[i] >= o.hi[i] && gi < 0)) {
			gi = 0
		}
		dst[i] = gi
		ss += gi * gi
	}
	if ss > minSumSquares && ss <= math.MaxFloat64 {
		return math.Sqrt(ss)
	}
	return norm(dst) // overflowed, underflowed, zero or NaN: the scaled sum
}

// run holds the bookkeeping every solver shares: history, callback,
// validation with early stopping, cancellation and counters.
type run struct {
	ctx   context.Context
	s     *Settings
	o     options
	start time.Time
	res   *Result

	bestX     []float64 // best validation point (nil without Validation)
	bestValid float64
	bestIter  int
	noImprove int

	ref float64 // reference norm of the stopping rule
}

// historyCap is the capacity of the history allocated up front; a longer
// run appends past it.
const historyCap = 128

func newRun(ctx context.Context, s *Settings, o options, n int) *run {
	r := &run{ctx: ctx, s: s, o: o, start: time.Now(), bestValid: math.Inf(1), bestIter: -1}
	r.res = &Result{X: make([]float64, n), History: make([]Iteration, 0, min(o.maxIter, historyCap-1)+1)}
	if s.Validation != nil {
		r.bestX = make([]float64, n)
	}
	return r
}

// setRef fixes the reference norm of the stopping rule from the norm at x0.
// A norm at x0 that is not finite (every component finite but the norm
// beyond MaxFloat64) gives an error wrapping ErrNotFinite: the relative
// rule would accept any point.
func (r *run) setRef(name string, g0 float64) error {
	r.ref = g0
	if r.s.RefGradNorm > 0 {
		r.ref = r.s.RefGradNorm
	}
	if !isFinite(r.ref) {
		return fmt.Errorf("solve: %s: gradient norm at the starting point = %v (scale the features): %w", name, g0, ErrNotFinite)
	}
	return nil
}

// begin evaluates p at the starting point x, first projected onto the
// bounds: it checks that the objective and the gradient are finite, writes
// the gradient into g and the stopping rule's (pseudo-)gradient into pg, and
// fixes the rule's reference norm. It returns the objective, the L1 penalty
// included, and the norm of pg.
func (r *run) begin(name string, p Problem, x, g, pg []float64) (f, gnorm float64, err error) {
	o := r.o
	o.project(x)
	f = p.ValueGrad(g, x)
	r.res.FuncEvals++
	if err := checkStart(name, f, g); err != nil {
		return 0, 0, err
	}
	f += o.penalty(x)
	if err := checkStart(name, f, nil); err != nil {
		return 0, 0, err
	}
	gnorm = o.pseudoGrad(pg, g, x)
	if err := r.setRef(name, gnorm); err != nil {
		return 0, 0, err
	}
	return f, gnorm, nil
}

// converged reports whether gnorm meets the stopping rule; a gnorm that is
// not finite never does.
func (r *run) converged(gnorm float64) bool {
	return r.o.tol >= 0 && isFinite(gnorm) && gnorm <= r.o.tol*r.ref
}

// canceled reports whether the context is done.
func (r *run) canceled() bool { return r.ctx.Err() != nil }

// record appends it to the history (filling Elapsed, FuncEvals and
// ValidLoss), evaluates the validation loss at x, calls the callback and
// returns the status that stops the run, if any.
func (r *run) record(it Iteration, x []float64) (Status, bool) {
	it.Elapsed = time.Since(r.start)
	it.FuncEvals = r.res.FuncEvals
	it.ValidLoss = math.NaN()
	early := false
	if r.s.Validation != nil {
		v := r.s.Validation(x)
		it.ValidLoss = v
		if v < r.bestValid {
			r.bestValid = v
			r.bestIter = it.Iter
			copy(r.bestX, x)
			r.noImprove = 0
		} else {
			r.noImprove++
			early = r.noImprove >= r.o.patience
		}
	}
	r.res.History = append(r.res.History, it)
	r.res.Iterations = it.Iter
	if r.s.Callback != nil {
		it.X = x
		if r.s.Callback(it) {
			return Stopped, true
		}
	}
	if early {
		return EarlyStopped, true
	}
	return Converged, false
}

// finish fills the result from the final point x with objective f and
// stopping norm gnorm. With a validation function whose best point is not
// x, it restores that point and evaluates the objective there, using g and
// pg (len n) as scratch.
func (r *run) finish(p Problem, st Status, x []float64, f, gnorm float64, g, pg []float64) *Result {
	res := r.res
	res.Status = st
	res.Converged = st == Converged
	copy(res.X, x)
	if r.bestX != nil && r.bestIter >= 0 && r.bestIter != res.Iterations {
		copy(res.X, r.bestX)
		f, gnorm = r.evalFull(p, g, pg, res.X)
	}
	res.F, res.GradNorm = f, gnorm
	return res
}

// evalFull evaluates the full objective (penalty included) and the stopping
// norm at x.
func (r *run) evalFull(p Problem, g, pg, x []float64) (f, gnorm float64) {
	f = p.ValueGrad(g, x) + r.o.penalty(x)
	r.res.FuncEvals++
	gnorm = r.o.pseudoGrad(pg, g, x)
	return f, gnorm
}

// checkStart returns an error when the objective or its gradient at the
// starting point is not finite.
func checkStart(name string, f float64, g []float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("solve: %s: objective at the starting point = %v: %w", name, f, ErrNotFinite)
	}
	for i, v := range g {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("solve: %s: gradient[%d] at the starting point = %v: %w", name, i, v, ErrNotFinite)
		}
	}
	return nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// dot and axpy are the solvers' vector operations, on internal/vec's
// kernels (AVX2 with fused multiply-add where the machine has it): on
// wide problems (SpamAssassin text, 42 770 coefficients) the O(n) work of
// each conjugate-gradient step runs on one goroutine between the
// parallel Hessian-vector products, and in plain Go it was a tenth of a
// Newton fit.
func dot(a, b []float64) float64 { return vec.Dot(a, b) }

// minSumSquares is the least sum of squares whose square root loses no
// precision to underflow in the terms: below it, norm rescales.
const minSumSquares = 0x1p-900

// norm returns the Euclidean norm ‖a‖₂ without overflow or underflow in the
// intermediate sum of squares: components of 1e200 give a finite norm, of
// 1e-200 a nonzero one. The plain sum of squares is used when it is in
// range; otherwise the sum is rescaled by the largest magnitude, as LAPACK's
// dnrm2. NaN in a gives NaN.
func norm(a []float64) float64 {
	ss := dot(a, a)
	if ss > minSumSquares && ss <= math.MaxFloat64 {
		return math.Sqrt(ss)
	}
	var scale float64
	for _, v := range a {
		if av := math.Abs(v); av > scale || math.IsNaN(av) {
			scale = av
		}
	}
	if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
		return scale
	}
	ss = 0
	for _, v := range a {
		t := v / scale
		ss += t * t
	}
	return scale * math.Sqrt(ss)
}

// errorf returns an ErrInvalid error for a setting of solver name.
func errorf(name, format string, args ...any) error {
	return fmt.Errorf("solve: %s: "+format+": %w", append(append([]any{name}, args...), ErrInvalid)...)
}

// stallMeter counts consecutive iterations that made no progress: neither
// decreased the objective nor reached a new lowest stopping norm. Near the
// optimum f may stop changing in floating point while the gradient still
// shrinks, which is progress.
type stallMeter struct {
	best float64
	n    int
}

func (s *stallMeter) update(decreased bool, gnorm float64) int {
	if decreased || gnorm < s.best {
		s.n = 0
	} else {
		s.n++
	}
	s.best = min(s.best, gnorm)
	return s.n
}
