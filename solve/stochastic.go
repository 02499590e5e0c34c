package solve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// Schedule is the learning-rate schedule of [SGD].
type Schedule int

const (
	// Constant keeps the learning rate η.
	Constant Schedule = iota
	// InvScaling decays it as scikit-learn's MLP learning_rate="invscaling":
	// ηₜ = η / (t + 1)^PowerT, t the number of samples seen.
	InvScaling
	// Step multiplies it by Gamma every StepSize epochs, as PyTorch's
	// StepLR: η·Gamma^⌊epoch/StepSize⌋ (epochs counted from 0).
	Step
)

// String returns "constant", "invscaling" or "step".
func (s Schedule) String() string {
	switch s {
	case Constant:
		return "constant"
	case InvScaling:
		return "invscaling"
	case Step:
		return "step"
	}
	return fmt.Sprintf("Schedule(%d)", int(s))
}

// Defaults of the stochastic solvers.
const (
	DefaultBatchSize = 200   // scikit-learn's MLP batch_size="auto": min(200, n)
	DefaultEpochs    = 200   // scikit-learn's MLP max_iter
	DefaultNoChange  = 10    // scikit-learn's MLP n_iter_no_change
	DefaultLR        = 0.001 // PyTorch's SGD and Adam, scikit-learn's learning_rate_init
)

// Batching are the options SGD and Adam share. The zero value asks for the
// defaults given per field.
type Batching struct {
	// BatchSize is the number of samples per mini-batch; the last batch of
	// an epoch may be smaller. 0 means min(200, NumSamples()), as
	// scikit-learn's batch_size="auto".
	BatchSize int

	// Seed seeds the shuffling of the samples at every epoch (PCG); the
	// zero seed is a fixed seed. A run is a deterministic function of its
	// inputs and Seed.
	Seed uint64

	// NoShuffle visits the samples in order at every epoch.
	NoShuffle bool

	// NoChange is the number of consecutive epochs without improvement of
	// the training loss by more than Tol that ends the run as converged
	// (scikit-learn's n_iter_no_change). 0 means 10.
	NoChange int
}

// SGD is mini-batch stochastic gradient descent with optional momentum or
// Nesterov momentum (in PyTorch's form: v ← μ·v + g, then x ← x − η·v, or
// x ← x − η·(g + μ·v) with Nesterov), a learning-rate [Schedule], and
// proximal steps for L1 (soft-thresholding by η·λ after each update) and
// projection for bounds.
//
// Each epoch visits the samples once in mini-batches, shuffled with Seed,
// calling BatchProblem.BatchValueGrad per batch; the history has one entry
// per epoch whose F is the batch estimates averaged over the epoch (the L1
// penalty added), as scikit-learn's loss_curve_. The run stops as
// converged when that loss has not decreased by more than Tol (absolute,
// default 1e-4) for NoChange consecutive epochs, scikit-learn's MLP rule;
// MaxIter counts epochs (default 200). Result.F and Result.GradNorm are
// evaluated on the full problem at Result.X, one call to ValueGrad. Should
// the objective become NaN or infinite, the run stops with [Diverged] and
// returns the weights of the last finite epoch.
//
// Learning rates apply to the gradient of the objective as given: for an
// objective summed over n samples rather than averaged, divide them by n.
type SGD struct {
	Settings
	Batching

	// LearningRate is η. 0 means 0.001 (PyTorch's and scikit-learn's
	// default).
	LearningRate float64
	// Schedule is the learning-rate schedule; the zero value is Constant.
	Schedule Schedule
	// PowerT is the exponent of InvScaling. 0 means 0.5 (scikit-learn's).
	PowerT float64
	// StepSize is the number of epochs between decays of Step. 0 means 10.
	StepSize int
	// Gamma is the decay factor of Step. 0 means 0.1 (PyTorch's StepLR).
	Gamma float64
	// Momentum is μ ∈ [0, 1). 0 means none, as PyTorch's SGD.
	Momentum float64
	// Nesterov uses Nesterov's momentum (needs Momentum > 0).
	Nesterov bool
}

// Adam is the Adam method of Kingma & Ba (2015) on mini-batches, with
// PyTorch's bias correction and update
//
//	m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
//	x ← x − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
//
// and projection onto the bounds after each update. Epochs, shuffling,
// history and stopping are those of [SGD]. L1 is not supported.
type Adam struct {
	Settings
	Batching

	// LearningRate is η. 0 means 0.001.
	LearningRate float64
	// Beta1 is β₁. 0 means 0.9.
	Beta1 float64
	// Beta2 is β₂. 0 means 0.999.
	Beta2 float64
	// Epsilon is ε. 0 means 1e-8.
	Epsilon float64
}

// Minimize minimizes p, which must be a [BatchProblem], from x0; see
// [Solver] and [SGD].
func (s SGD) Minimize(ctx context.Context, p Problem, x0 []float64) (*Result, error) {
	const name = "SGD"
	lr, err := positive(name, "LearningRate", s.LearningRate, DefaultLR)
	if err != nil {
		return nil, err
	}
	powerT, err := positive(name, "PowerT", s.PowerT, 0.5)
	if err != nil {
		return nil, err
	}
	gamma, err := positive(name, "Gamma", s.Gamma, 0.1)
	if err != nil {
		return nil, err
	}
	stepSize := s.StepSize
	switch {
	case stepSize < 0:
		return nil, errorf(name, "StepSize = %d", stepSize)
	case stepSize == 0:
		stepSize = 10
	}
	if s.Schedule < Constant || s.Schedule > Step {
		return nil, errorf(name, "Schedule = %v", s.Schedule)
	}
	mu := s.Momentum
	if !(mu >= 0 && mu < 1) {
		return nil, errorf(name, "Momentum = %v", mu)
	}
	if s.Nesterov && mu == 0 {
		return nil, errorf(name, "Nesterov needs Momentum > 0")
	}
	var vel []float64
	if mu > 0 {
		vel = make([]float64, p.Dim())
	}
	update := func(x, g []float64, o *options, epoch, seen int) float64 {
		eta := lr
		switch s.Schedule {
		case InvScaling:
			eta = lr / math.Pow(float64(seen+1), powerT)
		case Step:
			eta = lr * math.Pow(gamma, float64(epoch/stepSize))
		}
		if vel == nil {
			axpy(-eta, g, x)
		} else {
			for i, gi := range g {
				vel[i] = mu*vel[i] + gi
				if s.Nesterov {
					gi += mu * vel[i]
				} else {
					gi = vel[i]
				}
				x[i] -= eta * gi
			}
		}
		if o.l1 != nil {
			for i, l := range o.l1 {
				t := eta * l
				switch v := x[i]; {
				case v > t:
					x[i] = v - t
				case v < -t:
					x[i] = v + t
				default:
					x[i] = 0
				}
			}
		}
		o.project(x)
		return eta
	}
	return stochastic(ctx, name, &s.Settings, &s.Batching, true, p, x0, update)
}

// Minimize minimizes p, which must be a [BatchProblem], from x0; see
// [Solver] and [Adam].
func (s Adam) Minimize(ctx context.Context, p Problem, x0 []float64) (*Result, error) {
	const name = "Adam"
	lr, err := positive(name, "LearningRate", s.LearningRate, DefaultLR)
	if err != nil {
		return nil, err
	}
	b1, err := positive(name, "Beta1", s.Beta1, 0.9)
	if err != nil {
		return nil, err
	}
	b2, err := positive(name, "Beta2", s.Beta2, 0.999)
	if err != nil {
		return nil, err
	}
	if b1 >= 1 || b2 >= 1 {
		return nil, errorf(name, "Beta1 = %v, Beta2 = %v: want < 1", b1, b2)
	}
	eps, err := positive(name, "Epsilon", s.Epsilon, 1e-8)
	if err != nil {
		return nil, err
	}
	n := p.Dim()
	m := make([]float64, max(n, 0))
	v := make([]float64, max(n, 0))
	t := 0
	update := func(x, g []float64, o *options, epoch, seen int) float64 {
		t++
		bc1 := 1 - math.Pow(b1, float64(t))
		bc2 := math.Sqrt(1 - math.Pow(b2, float64(t)))
		step := lr / bc1
		for i, gi := range g {
			m[i] = b1*m[i] + (1-b1)*gi
			v[i] = b2*v[i] + (1-b2)*gi*gi
			x[i] -= step * m[i] / (math.Sqrt(v[i])/bc2 + eps)
		}
		o.project(x)
		return lr
	}
	return stochastic(ctx, name, &s.Settings, &s.Batching, false, p, x0, update)
}

// positive returns v, or def when v is 0; negative, NaN or infinite v is an
// error.
func positive(name, field string, v, def float64) (float64, error) {
	if v == 0 {
		return def, nil
	}
	if !(v > 0) || math.IsInf(v, 0) {
		return 0, errorf(name, "%s = %v", field, v)
	}
	return v, nil
}

// stochastic runs the epochs shared by SGD and Adam; update applies one
// mini-batch gradient g to x and returns the learning rate it used.
func stochastic(ctx context.Context, name string, st *Settings, b *Batching, l1OK bool, p Problem,
	x0 []float64, update func(x, g []float64, o *options, epoch, seen int) float64) (*Result, error) {
	bp, ok := p.(BatchProblem)
	if !ok {
		return nil, fmt.Errorf("solve: %s: problem %T has no BatchValueGrad method: %w", name, p, ErrUnsupported)
	}
	n := p.Dim()
	o, err := st.check(name, n, x0, DefaultEpochs, l1OK, true)
	if err != nil {
		return nil, err
	}
	ns := bp.NumSamples()
	if ns <= 0 {
		return nil, fmt.Errorf("solve: %s: NumSamples() = %d: %w", name, ns, ErrShape)
	}
	bs := b.BatchSize
	switch {
	case bs < 0:
		return nil, errorf(name, "BatchSize = %d", bs)
	case bs == 0:
		bs = min(DefaultBatchSize, ns)
	}
	bs = min(bs, ns)
	noChange := b.NoChange
	switch {
	case noChange < 0:
		return nil, errorf(name, "NoChange = %d", noChange)
	case noChange == 0:
		noChange = DefaultNoChange
	}

	r := newRun(ctx, st, o, n)
	x := make([]float64, n)
	g := make([]float64, n)
	last := make([]float64, n) // the iterate at the end of the last finite epoch
	perm := make([]int, ns)
	for i := range perm {
		perm[i] = i
	}
	rng := rand.New(rand.NewPCG(b.Seed, 0x9e3779b97f4a7c15))
	if x0 != nil {
		copy(x, x0)
	}
	o.project(x)
	copy(last, x)

	status := MaxIter
	bestLoss, noImprove := math.Inf(1), 0
	seen := 0
epochs:
	for epoch := 1; epoch <= o.maxIter; epoch++ {
		if !b.NoShuffle {
			rng.Shuffle(ns, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		}
		var loss, lr float64
		for start := 0; start < ns; start += bs {
			if r.canceled() {
				status = Canceled
				break epochs
			}
			idx := perm[start:min(start+bs, ns)]
			fb := bp.BatchValueGrad(g, x, idx) + o.penalty(x)
			r.res.BatchEvals++
			if !isFinite(fb) || !finiteAll(g) {
				copy(x, last)
				status = Diverged
				break epochs
			}
			loss += fb * float64(len(idx))
			lr = update(x, g, &o, epoch-1, seen)
			seen += len(idx)
		}
		loss /= float64(ns)
		if !finiteAll(x) {
			copy(x, last)
			status = Diverged
			break
		}
		copy(last, x)
		if st, stop := r.record(Iteration{Iter: epoch, F: loss, GradNorm: math.NaN(), Step: lr}, x); stop {
			status = st
			break
		}
		// scikit-learn's MLP rule: no improvement by more than tol.
		if o.tol >= 0 {
			if loss > bestLoss-o.tol {
				noImprove++
			} else {
				noImprove = 0
			}
			if noImprove > noChange {
				status = Converged
				break
			}
		}
		bestLoss = min(bestLoss, loss)
	}
	res := r.res
	res.Status, res.Converged = status, status == Converged
	copy(res.X, x)
	if r.bestX != nil && r.bestIter >= 0 {
		copy(res.X, r.bestX)
	}
	// Result.F and GradNorm describe Result.X on the full problem.
	res.F, res.GradNorm = r.evalFull(p, g, last, res.X)
	return res, nil
}

func finiteAll(x []float64) bool {
	for _, v := range x {
		if !isFinite(v) {
			return false
		}
	}
	return true
}
