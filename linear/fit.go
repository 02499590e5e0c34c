package linear

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/solve"
)

// defaultMaxIter is scikit-learn's LogisticRegression max_iter.
const defaultMaxIter = 100

// settings are a configuration with its defaults resolved and checked.
type settings struct {
	cfg    Logistic // with C, Tol, MaxIter and Solver resolved
	l1, l2 float64  // weights of ‖W‖₁ and ½‖W‖²
	q      float64  // pos_weight
	eps    float64  // label smoothing
}

// resolve checks cfg and fills in its defaults.
func resolve(cfg Logistic, multi bool) (settings, error) {
	var s settings
	bad := func(format string, args ...any) (settings, error) {
		return s, fmt.Errorf("linear: "+format+": %w", append(args, ErrSetting)...)
	}
	if cfg.C == 0 {
		cfg.C = 1
	}
	if !(cfg.C > 0) || math.IsInf(cfg.C, 0) {
		return bad("C = %v, want a positive number", cfg.C)
	}
	switch cfg.Penalty {
	case L2:
		s.l2 = 1
	case L1:
		s.l1 = 1
	case ElasticNet:
		if !(cfg.L1Ratio >= 0 && cfg.L1Ratio <= 1) {
			return bad("L1Ratio = %v, want a number in [0, 1]", cfg.L1Ratio)
		}
		s.l1, s.l2 = cfg.L1Ratio, 1-cfg.L1Ratio
	case NoPenalty:
	default:
		return bad("Penalty = %v", cfg.Penalty)
	}
	s.q = cfg.PosWeight
	switch {
	case multi && s.q != 0:
		return bad("PosWeight = %v: Softmax has no positive class", cfg.PosWeight)
	case s.q == 0:
		s.q = 1
	case !(s.q > 0) || math.IsInf(s.q, 0):
		return bad("PosWeight = %v, want a positive number", cfg.PosWeight)
	}
	s.eps = cfg.LabelSmoothing
	if !(s.eps >= 0 && s.eps < 1) {
		return bad("LabelSmoothing = %v, want a number in [0, 1)", cfg.LabelSmoothing)
	}
	if math.IsNaN(cfg.Tol) {
		return bad("Tol = NaN")
	}
	if cfg.Tol == 0 {
		cfg.Tol = solve.DefaultTol
	}
	if cfg.MaxIter < 0 {
		return bad("MaxIter = %d, want ≥ 0", cfg.MaxIter)
	}
	if cfg.Patience < 0 {
		return bad("Patience = %d, want ≥ 0", cfg.Patience)
	}
	if cfg.BalancedClassWeight && cfg.ClassWeight != nil {
		return bad("both ClassWeight and BalancedClassWeight are set")
	}
	for i, v := range cfg.ClassWeight {
		if !(v >= 0) || math.IsInf(v, 0) {
			return s, fmt.Errorf("linear: ClassWeight[%d] = %v, want a finite number ≥ 0: %w", i, v, ErrWeight)
		}
	}
	if cfg.PriorCorrection && cfg.NoIntercept {
		return bad("PriorCorrection needs an intercept")
	}
	if f := cfg.ValidationFraction; f != 0 {
		if !(f > 0 && f < 1) {
			return bad("ValidationFraction = %v, want a number in (0, 1)", f)
		}
		if cfg.Validation != nil {
			return bad("both Validation and ValidationFraction are set")
		}
	}
	bounded := cfg.Lower != nil || cfg.Upper != nil
	switch cfg.Solver {
	case Auto:
		switch {
		case s.l1 > 0:
			cfg.Solver = OWLQN
		case bounded:
			cfg.Solver = LBFGS
		default:
			cfg.Solver = Newton
		}
	case LBFGS, Newton, Adam:
		if s.l1 > 0 {
			return bad("solver %v does not support the %v penalty (use owlqn, gd or sgd)", cfg.Solver, cfg.Penalty)
		}
	case GD, OWLQN, SGD:
	default:
		return bad("Solver = %v", cfg.Solver)
	}
	if bounded && cfg.Solver == Newton {
		return bad("solver newton does not support bounds (use lbfgs or owlqn)")
	}
	if cfg.MaxIter == 0 && cfg.Solver != SGD && cfg.Solver != Adam {
		cfg.MaxIter = defaultMaxIter
	}
	s.cfg = cfg
	return s, nil
}

// trainer holds what one Fit needs: the data, the per-class weights, the
// problem workspace shared by the binary problems of one-vs-rest.
type trainer struct {
	set    settings
	kind   Kind
	x      data.Matrix // the training layout (see trainingLayout)
	hx     data.Matrix // the layout of the Hessian passes (see trainingLayout)
	sparse bool        // the caller's matrix is CSR or CSR32
	y      []int
	sw     []float64
	n, p   int
	nk     int // K
	kp     int // rows of W: 1 (binary) or K
	counts []int
	cw     []float64 // class weights over the K classes, nil for none
	prob   *problem
	inv    []float64 // standardization, nil without
	mu     []float64
}

// countPresent returns the number of classes with a nonzero count.
func countPresent(counts []int) int {
	n := 0
	for _, c := range counts {
		if c > 0 {
			n++
		}
	}
	return n
}

// checkData validates x, y and the sample weights and returns K.
func checkData(x data.Matrix, y []int, sw []float64, numClasses int) (int, error) {
	if data.IsNil(x) {
		return 0, fmt.Errorf("linear: nil matrix: %w", ErrShape)
	}
	n, _ := x.Dims()
	if n == 0 {
		return 0, fmt.Errorf("linear: no samples: %w", ErrShape)
	}
	if len(y) != n {
		return 0, fmt.Errorf("linear: %d labels for %d rows: %w", len(y), n, ErrShape)
	}
	if numClasses < 0 {
		return 0, fmt.Errorf("linear: NumClasses = %d: %w", numClasses, ErrSetting)
	}
	k := numClasses
	for i, v := range y {
		if v < 0 || (numClasses > 0 && v >= numClasses) {
			if numClasses > 0 {
				return 0, fmt.Errorf("linear: y[%d] = %d, want a class in [0, %d): %w", i, v, numClasses, ErrLabel)
			}
			return 0, fmt.Errorf("linear: y[%d] = %d, want a class index ≥ 0: %w", i, v, ErrLabel)
		}
		if numClasses == 0 {
			k = max(k, v+1)
		}
	}
	if k < 2 {
		return 0, fmt.Errorf("linear: %d class in the labels, want at least 2: %w", k, ErrLabel)
	}
	if sw != nil {
		if len(sw) != n {
			return 0, fmt.Errorf("linear: %d sample weights for %d rows: %w", len(sw), n, ErrShape)
		}
		for i, v := range sw {
			if !(v >= 0) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("linear: sampleWeight[%d] = %v, want a finite number ≥ 0: %w", i, v, ErrWeight)
			}
		}
	}
	return k, nil
}

// newTrainer returns the trainer of one fit; valueOnly (a validation set)
// keeps x as it is, since only the objective is evaluated.
func newTrainer(set settings, multi bool, x data.Matrix, y []int, sw []float64, valueOnly bool) (*trainer, error) {
	k, err := checkData(x, y, sw, set.cfg.NumClasses)
	if err != nil {
		return nil, err
	}
	_, sparse := x.(*data.CSR)
	_, sparse32 := x.(*data.CSR32)
	hx := x
	if !valueOnly {
		x, hx = trainingLayout(x, multi, set.cfg.Solver == Newton)
	}
	t := &trainer{set: set, x: x, hx: hx, sparse: sparse || sparse32, y: y, sw: sw, nk: k}
	t.n, t.p = x.Dims()
	switch {
	case multi:
		t.kind, t.kp = Multinomial, k
	case k == 2:
		t.kind, t.kp = Binary, 1
	default:
		t.kind, t.kp = OneVsRest, k
	}
	t.counts = make([]int, k)
	for _, v := range y {
		t.counts[v]++
	}
	cfg := set.cfg
	if cfg.ClassWeight != nil {
		if len(cfg.ClassWeight) != k {
			return nil, fmt.Errorf("linear: %d class weights for %d classes: %w", len(cfg.ClassWeight), k, ErrShape)
		}
		t.cw = cfg.ClassWeight
	}
	if cfg.BalancedClassWeight {
		for c, m := range t.counts {
			if m == 0 {
				return nil, fmt.Errorf("linear: class %d has no samples: balanced class weights need every class: %w", c, ErrLabel)
			}
		}
		if t.kind != OneVsRest {
			t.cw = make([]float64, k)
			for c, m := range t.counts {
				t.cw[c] = float64(t.n) / (float64(k) * float64(m))
			}
		}
	}
	k1 := 1
	if multi {
		k1 = k
	}
	t.prob = newProblem(x, hx, k1, multi, !cfg.NoIntercept)
	if multi {
		t.prob.y = y
		t.prob.s = make([]float64, t.n)
		t.prob.eps = set.eps
	} else {
		t.prob.pos = make([]float64, t.n)
		t.prob.neg = make([]float64, t.n)
	}
	t.prob.l2 = set.l2
	t.prob.penB = cfg.PenalizeIntercept
	return t, nil
}

// weight returns sᵢ·(class weight of yᵢ) for the multinomial and binary
// problems, without C.
func (t *trainer) weight(i int) float64 {
	w := 1.0
	if t.sw != nil {
		w = t.sw[i]
	}
	if t.cw != nil {
		w *= t.cw[t.y[i]]
	}
	return w
}

// setup fills the per-row coefficients of the problem for class cls: the
// positive class of a binary problem (1 for Binary, k for the k-th problem
// of one-vs-rest); ignored for Multinomial.
func (t *trainer) setup(cls int) {
	o, c := t.prob, t.set.cfg.C
	if t.kind == Multinomial {
		for i := range o.s {
			o.s[i] = c * t.weight(i)
		}
		return
	}
	var balPos, balNeg float64
	balanced := t.kind == OneVsRest && t.set.cfg.BalancedClassWeight
	if balanced {
		np := t.counts[cls]
		balPos = float64(t.n) / (2 * float64(np))
		balNeg = float64(t.n) / (2 * float64(t.n-np))
	}
	eps := t.set.eps
	for i, v := range t.y {
		w := c * t.weight(i)
		tgt := eps / 2
		if v == cls {
			tgt = 1 - eps/2
			if balanced {
				w *= balPos
			}
		} else if balanced {
			w *= balNeg
		}
		o.pos[i] = w * t.set.q * tgt
		o.neg[i] = w * (1 - tgt)
	}
	o.sameWeight, o.rowWeight = true, 0
	for i := range o.pos {
		if s := o.pos[i] + o.neg[i]; i == 0 {
			o.rowWeight = s
		} else if s != o.rowWeight {
			o.sameWeight = false
			break
		}
	}
}

// classMass returns, for the problem of class cls (see setup), the
// sample-weighted mass of each target class and the mass reweighted as in
// training (class weights, pos_weight), for prior correction. For
// Multinomial it fills per-class slices; for binary problems index 1 is the
// positive side.
func (t *trainer) classMass(cls int, truth, weighted []float64) {
	clear(truth)
	clear(weighted)
	balanced := t.kind == OneVsRest && t.set.cfg.BalancedClassWeight
	for i, v := range t.y {
		s := 1.0
		if t.sw != nil {
			s = t.sw[i]
		}
		w := t.weight(i)
		if t.kind == Multinomial {
			truth[v] += s
			weighted[v] += w
			continue
		}
		side := 0
		if v == cls {
			side = 1
			w *= t.set.q
		}
		if balanced {
			np := t.counts[cls]
			if side == 1 {
				w *= float64(t.n) / (2 * float64(np))
			} else {
				w *= float64(t.n) / (2 * float64(t.n-np))
			}
		}
		truth[side] += s
		weighted[side] += w
	}
}

// priorShift returns the shift of the log-odds of the positive side (binary
// problems) or of each class (Multinomial) by King & Zeng's correction.
func priorShift(truth, weighted []float64, k int) float64 {
	var tt, tw float64
	for c := range truth {
		tt += truth[c]
		tw += weighted[c]
	}
	return math.Log(truth[k]/tt) - math.Log(weighted[k]/tw)
}

// fit is Fit for both configuration types.
func fit(ctx context.Context, cfg Logistic, multi bool, x data.Matrix, y []int, sw []float64, init *Model) (*Model, error) {
	set, err := resolve(cfg, multi)
	if err != nil {
		return nil, err
	}
	cfg = set.cfg
	var valid *data.Dataset
	if cfg.ValidationFraction > 0 {
		if _, err := checkData(x, y, sw, cfg.NumClasses); err != nil {
			return nil, err
		}
		tr, te, err := data.StratifiedSplit(y, cfg.ValidationFraction, cfg.Seed)
		if err != nil {
			return nil, fmt.Errorf("linear: validation split: %w", err)
		}
		full := &data.Dataset{X: x, Y: y, SampleWeight: sw}
		train, err := full.Subset(tr)
		if err != nil {
			return nil, fmt.Errorf("linear: validation split: %w", err)
		}
		valid, err = full.Subset(te)
		if err != nil {
			return nil, fmt.Errorf("linear: validation split: %w", err)
		}
		if set.cfg.NumClasses == 0 {
			k := 0
			for _, v := range y {
				k = max(k, v+1)
			}
			set.cfg.NumClasses = k
		}
		x, y, sw = train.X, train.Y, train.SampleWeight
	} else if cfg.Validation != nil {
		valid = cfg.Validation
	}
	t, err := newTrainer(set, multi, x, y, sw, false)
	if err != nil {
		return nil, err
	}
	if present := countPresent(t.counts); present < 2 {
		// As scikit-learn's LogisticRegression: "needs samples of at least
		// 2 classes". With one class the optimum is at infinity.
		return nil, fmt.Errorf("linear: every training label is class %d; fitting needs samples of at least 2 classes: %w", y[0], ErrLabel)
	}
	if valid != nil {
		if err := checkValidation(valid, t.p, t.nk); err != nil {
			return nil, err
		}
	}
	lower, upper, err := t.bounds()
	if err != nil {
		return nil, err
	}
	if init != nil {
		if err := t.checkInit(init); err != nil {
			return nil, err
		}
	}
	if cfg.Standardize {
		center := !t.sparse && !cfg.NoIntercept
		t.mu, t.inv = columnStats(t.x, center)
		t.prob.mu, t.prob.inv = t.mu, t.inv
	}
	return t.run(ctx, init, valid, lower, upper)
}

func checkValidation(v *data.Dataset, p, k int) error {
	if v.X == nil {
		return fmt.Errorf("linear: Validation has no matrix: %w", ErrShape)
	}
	if _, vp := v.X.Dims(); vp != p {
		return fmt.Errorf("linear: Validation has %d features, training data %d: %w", vp, p, ErrShape)
	}
	if _, err := checkData(v.X, v.Y, v.SampleWeight, k); err != nil {
		return fmt.Errorf("linear: Validation: %w", err)
	}
	return nil
}

// bounds returns the internal (standardized-scale, once inv is known)
// bounds of the coefficients; see Logistic.Lower.
func (t *trainer) bounds() (lower, upper []float64, err error) {
	cfg := t.set.cfg
	if cfg.Lower == nil && cfg.Upper == nil {
		return nil, nil, nil
	}
	nc := t.kp * t.p
	expand := func(name string, b []float64, inf float64) ([]float64, error) {
		out := make([]float64, nc)
		switch len(b) {
		case 0:
			for i := range out {
				out[i] = inf
			}
			return out, nil
		case t.p, nc:
		default:
			return nil, fmt.Errorf("linear: len(%s) = %d, want %d or %d: %w", name, len(b), t.p, nc, ErrShape)
		}
		for i := range out {
			v := b[i%len(b)]
			if math.IsNaN(v) || math.IsInf(v, -int(math.Copysign(1, inf))) {
				return nil, fmt.Errorf("linear: %s[%d] = %v: %w", name, i%len(b), v, ErrSetting)
			}
			out[i] = v
		}
		return out, nil
	}
	if lower, err = expand("Lower", cfg.Lower, math.Inf(-1)); err != nil {
		return nil, nil, err
	}
	if upper, err = expand("Upper", cfg.Upper, math.Inf(1)); err != nil {
		return nil, nil, err
	}
	for i := range lower {
		if lower[i] > upper[i] {
			return nil, nil, fmt.Errorf("linear: coefficient %d: Lower %v > Upper %v: %w", i, lower[i], upper[i], ErrSetting)
		}
	}
	return lower, upper, nil
}

func (t *trainer) checkInit(m *Model) error {
	if m.Kind != t.kind || m.numRows() != t.kp || (t.kind != Binary && m.NumClasses != t.nk) {
		return fmt.Errorf("linear: init is a %v model with %d classes, want %v with %d: %w", m.Kind, m.numClasses(), t.kind, t.nk, ErrShape)
	}
	if len(m.Coef) != t.kp*t.p {
		return fmt.Errorf("linear: init has %d coefficients, want %d: %w", len(m.Coef), t.kp*t.p, ErrShape)
	}
	if len(m.Intercept) != t.kp {
		return fmt.Errorf("linear: init has %d intercepts, want %d: %w", len(m.Intercept), t.kp, ErrShape)
	}
	for i, v := range m.Coef {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("linear: init.Coef[%d] = %v: %w", i, v, ErrSetting)
		}
	}
	for i, v := range m.Intercept {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("linear: init.Intercept[%d] = %v: %w", i, v, ErrSetting)
		}
	}
	return nil
}

// internal maps the original-scale parameters (coefficient rows rows and
// intercepts b of the classes [c0, c0+k)) to the parameter vector θ of the
// problem.
func (t *trainer) internal(dst, coef, b []float64) {
	p, k := t.p, len(b)
	for c := 0; c < k; c++ {
		row := coef[c*p : (c+1)*p]
		var shift float64
		for j, v := range row {
			if t.inv != nil {
				dst[c*p+j] = v / t.inv[j]
			} else {
				dst[c*p+j] = v
			}
			if t.mu != nil {
				shift += t.mu[j] * v
			}
		}
		if t.prob.fitB {
			dst[k*p+c] = b[c] + shift
		}
	}
}

// run minimizes the problem (once, or once per class for one-vs-rest) and
// assembles the model.
//
// With one-vs-rest and GOMAXPROCS > 1 the binary problems run side by
// side, at most GOMAXPROCS at a time, each on its own copy of the problem
// workspace (clone); each writes its own rows of the model, so the model
// has the same bits as the sequential fit, whose passes are themselves
// independent of GOMAXPROCS.
func (t *trainer) run(ctx context.Context, init *Model, valid *data.Dataset, lower, upper []float64) (*Model, error) {
	cfg := t.set.cfg
	p, kp := t.p, t.kp
	m := &Model{
		Kind:       t.kind,
		NumClasses: t.nk,
		Coef:       make([]float64, kp*p),
		Intercept:  make([]float64, kp),
	}
	stored := cfg
	stored.Callback, stored.Validation = nil, nil
	m.Config = stored
	if t.inv != nil {
		m.Standardization = &Standardization{
			Scale:     make([]float64, p),
			Coef:      make([]float64, kp*p),
			Intercept: make([]float64, kp),
		}
		for j, v := range t.inv {
			m.Standardization.Scale[j] = 1 / v
		}
		if t.mu != nil {
			m.Standardization.Mean = append([]float64(nil), t.mu...)
		}
	}
	var vt *trainer
	if valid != nil {
		var err error
		vt, err = t.validationTrainer(valid)
		if err != nil {
			return nil, err
		}
	}
	j := &job{t: t, m: m, init: init, lower: lower, upper: upper, callback: cfg.Callback}
	// One problem (Binary, Multinomial) or kp binary problems (OneVsRest).
	j.problems, j.rows = 1, kp
	if t.kind == OneVsRest {
		j.problems, j.rows = kp, 1
	}
	if t.set.l1 > 0 {
		dim := t.prob.Dim()
		j.l1 = make([]float64, dim)
		for i := range j.l1 {
			if i < j.rows*p || cfg.PenalizeIntercept {
				j.l1[i] = t.set.l1
			}
		}
	}
	if t.kind != OneVsRest {
		res, err := j.solve(ctx, 0, t, vt)
		if err != nil {
			return nil, err
		}
		m.Result = res
		return m, nil
	}
	m.ClassResults = make([]*solve.Result, j.problems)
	workers := min(runtime.GOMAXPROCS(0), j.problems)
	if workers <= 1 {
		for c := range j.problems {
			res, err := j.solve(ctx, c, t.clone(), vt.clone())
			if err != nil {
				return nil, err
			}
			m.ClassResults[c] = res
		}
	} else {
		if j.callback != nil {
			var mu sync.Mutex
			cb := j.callback
			j.callback = func(it solve.Iteration) bool {
				mu.Lock()
				defer mu.Unlock()
				return cb(it)
			}
		}
		// Classes are claimed in order, so when problem c fails every
		// problem before it has run: the error of the lowest class is the
		// sequential fit's. (Errors come from bad settings, not data; a
		// canceled context stops each problem with Status Canceled.)
		var (
			next   atomic.Int64
			failed atomic.Bool
			wg     sync.WaitGroup
		)
		errs := make([]error, j.problems)
		serial := workers == runtime.GOMAXPROCS(0)
		for range workers {
			wg.Go(func() {
				for !failed.Load() {
					c := int(next.Add(1) - 1)
					if c >= j.problems {
						return
					}
					ct, cv := t.clone(), vt.clone()
					// With a problem per core, passes within a problem
					// would only add goroutines; with fewer problems
					// than cores they keep the spare cores busy.
					ct.prob.serial = serial
					if cv != nil {
						cv.prob.serial = serial
					}
					m.ClassResults[c], errs[c] = j.solve(ctx, c, ct, cv)
					if errs[c] != nil {
						failed.Store(true)
					}
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	m.Result = aggregate(m.ClassResults)
	return m, nil
}

// job is what the problems of one run share: read-only inputs and the
// model whose rows each problem writes.
type job struct {
	t              *trainer
	m              *Model
	init           *Model
	lower, upper   []float64 // nil without bounds
	l1             []float64 // nil without an L1 penalty
	callback       func(solve.Iteration) bool
	problems, rows int
}

// solve minimizes problem c (the class of one-vs-rest, else 0) on the
// trainer t (and validation trainer vt, nil for none), whose problems are
// used by this call alone, and writes rows [c·rows, (c+1)·rows) of the
// model.
func (j *job) solve(ctx context.Context, c int, t, vt *trainer) (*solve.Result, error) {
	cfg := t.set.cfg
	p, rows, m := t.p, j.rows, j.m
	dim := t.prob.Dim()
	cls := 1
	if t.kind == OneVsRest {
		cls = c
	}
	t.setup(cls)
	var lo, hi []float64
	if j.lower != nil {
		lo, hi = make([]float64, dim), make([]float64, dim)
		for i := range lo {
			lo[i], hi[i] = math.Inf(-1), math.Inf(1)
		}
		for i := 0; i < rows*p; i++ {
			sc := 1.0
			if t.inv != nil {
				sc = 1 / t.inv[i%p]
			}
			lo[i] = j.lower[c*rows*p+i] * sc
			hi[i] = j.upper[c*rows*p+i] * sc
		}
	}
	var theta0 []float64
	if j.init != nil {
		theta0 = make([]float64, dim)
		t.internal(theta0, j.init.Coef[c*rows*p:(c+1)*rows*p], j.init.Intercept[c*rows:(c+1)*rows])
	}
	st := solve.Settings{
		Tol:      cfg.Tol,
		MaxIter:  cfg.MaxIter,
		Callback: j.callback,
		Patience: cfg.Patience,
		L1:       j.l1,
		Lower:    lo,
		Upper:    hi,
	}
	if vt != nil {
		vt.setup(cls)
		st.Validation = vt.prob.value
	}
	if j.init != nil && cfg.Solver != SGD && cfg.Solver != Adam {
		st.RefGradNorm = t.refGradNorm(j.l1)
	}
	res, err := minimize(ctx, cfg, t.prob, st, theta0)
	if err != nil {
		return nil, fmt.Errorf("linear: %w", err)
	}
	// Original-scale parameters.
	coef := m.Coef[c*rows*p : (c+1)*rows*p]
	icpt := m.Intercept[c*rows : (c+1)*rows]
	if t.inv != nil {
		copy(m.Standardization.Coef[c*rows*p:], res.X[:rows*p])
		if t.prob.fitB {
			copy(m.Standardization.Intercept[c*rows:], res.X[rows*p:])
		}
		t.prob.mapRaw(coef, icpt, res.X)
	} else {
		copy(coef, res.X[:rows*p])
		if t.prob.fitB {
			copy(icpt, res.X[rows*p:])
		}
	}
	if cfg.PriorCorrection {
		truth, weighted := make([]float64, max(2, t.nk)), make([]float64, max(2, t.nk))
		t.classMass(cls, truth, weighted)
		for r := 0; r < rows; r++ {
			side := r
			if t.kind != Multinomial {
				side = 1
			}
			if truth[side] == 0 || weighted[side] == 0 || (t.kind != Multinomial && (truth[0] == 0 || weighted[0] == 0)) {
				continue // a class without samples: no prior to restore
			}
			shift := priorShift(truth, weighted, side)
			if t.kind != Multinomial {
				shift -= priorShift(truth, weighted, 0)
			}
			icpt[r] += shift
			if m.Standardization != nil {
				m.Standardization.Intercept[c*rows+r] += shift
			}
		}
	}
	return res, nil
}

// clone returns a trainer over the same data and settings as t, a binary
// problem's (one-vs-rest), with a problem workspace of its own; nil for
// nil.
func (t *trainer) clone() *trainer {
	if t == nil {
		return nil
	}
	c := *t
	o := newProblem(t.x, t.hx, 1, false, t.prob.fitB)
	o.pos, o.neg = make([]float64, t.n), make([]float64, t.n)
	o.l2, o.penB, o.inv, o.mu = t.prob.l2, t.prob.penB, t.prob.inv, t.prob.mu
	c.prob = o
	return &c
}

// refGradNorm returns the norm of the gradient (the minimum-norm
// subgradient with L1) of the current problem at zero, the reference of the
// stopping rule after a warm start, as LIBLINEAR.
func (t *trainer) refGradNorm(l1 []float64) float64 {
	dim := t.prob.Dim()
	g := make([]float64, 2*dim)
	t.prob.ValueGrad(g[:dim], g[dim:])
	var s float64
	for i, v := range g[:dim] {
		if l1 != nil {
			v = math.Max(math.Abs(v)-l1[i], 0)
		}
		s += v * v
	}
	return math.Sqrt(s)
}

// validationTrainer returns a trainer over the validation set whose problem
// value is the mean log loss (sample-weighted, no class weights, hard
// targets).
func (t *trainer) validationTrainer(v *data.Dataset) (*trainer, error) {
	set := t.set
	set.cfg.ClassWeight, set.cfg.BalancedClassWeight = nil, false
	set.q, set.eps = 1, 0
	var total float64
	for i := range v.Y {
		total += v.Weight(i)
	}
	if !(total > 0) {
		return nil, fmt.Errorf("linear: Validation weights sum to %v: %w", total, ErrWeight)
	}
	set.cfg.C = 1 / total
	set.cfg.NumClasses = t.nk
	vt, err := newTrainer(set, t.kind == Multinomial, v.X, v.Y, v.SampleWeight, true)
	if err != nil {
		return nil, fmt.Errorf("linear: Validation: %w", err)
	}
	vt.prob.l2 = 0
	vt.prob.inv, vt.prob.mu = t.inv, t.mu
	return vt, nil
}

// minimize runs the solver of cfg on o.
func minimize(ctx context.Context, cfg Logistic, o *problem, st solve.Settings, x0 []float64) (*solve.Result, error) {
	batching := solve.Batching{BatchSize: cfg.BatchSize, Seed: cfg.Seed}
	switch cfg.Solver {
	case LBFGS:
		return solve.LBFGS{Settings: st}.Minimize(ctx, o, x0)
	case Newton:
		return solve.TrustRegionNewton{Settings: st}.Minimize(ctx, o, x0)
	case GD:
		return solve.GradientDescent{Settings: st}.Minimize(ctx, o, x0)
	case OWLQN:
		return solve.OWLQN{Settings: st}.Minimize(ctx, o, x0)
	}
	// SGD and Adam work on f/(C·n), the scale of a mean loss.
	scale := 1 / (cfg.C * float64(o.n))
	sp := &scaledProblem{problem: o, scale: scale}
	if st.L1 != nil {
		l1 := make([]float64, len(st.L1))
		for i, v := range st.L1 {
			l1[i] = v * scale
		}
		st.L1 = l1
	}
	if cb := st.Callback; cb != nil {
		st.Callback = func(it solve.Iteration) bool {
			it.F /= scale
			it.GradNorm /= scale
			return cb(it)
		}
	}
	var res *solve.Result
	var err error
	if cfg.Solver == SGD {
		res, err = solve.SGD{Settings: st, Batching: batching, LearningRate: cfg.LearningRate}.Minimize(ctx, sp, x0)
	} else {
		res, err = solve.Adam{Settings: st, Batching: batching, LearningRate: cfg.LearningRate}.Minimize(ctx, sp, x0)
	}
	if err != nil {
		return nil, err
	}
	res.F /= scale
	res.GradNorm /= scale
	for i := range res.History {
		res.History[i].F /= scale
		res.History[i].GradNorm /= scale
	}
	return res, nil
}

// scaledProblem is a problem multiplied by scale.
type scaledProblem struct {
	*problem
	scale float64
}

func (s *scaledProblem) ValueGrad(grad, x []float64) float64 {
	f := s.problem.ValueGrad(grad, x)
	for i := range grad {
		grad[i] *= s.scale
	}
	return f * s.scale
}

func (s *scaledProblem) BatchValueGrad(grad, x []float64, idx []int) float64 {
	f := s.problem.BatchValueGrad(grad, x, idx)
	for i := range grad {
		grad[i] *= s.scale
	}
	return f * s.scale
}

// aggregate summarizes the results of the binary problems of one-vs-rest:
// F and FuncEvals, HessVecs, BatchEvals summed, GradNorm the norm over all
// problems, Iterations the largest, Status the first that is not Converged
// (Converged when all are), History nil, X the parameters concatenated.
func aggregate(rs []*solve.Result) *solve.Result {
	a := &solve.Result{Status: solve.Converged, Converged: true}
	var g2 float64
	for _, r := range rs {
		a.X = append(a.X, r.X...)
		a.F += r.F
		g2 += r.GradNorm * r.GradNorm
		a.Iterations = max(a.Iterations, r.Iterations)
		a.FuncEvals += r.FuncEvals
		a.HessVecs += r.HessVecs
		a.BatchEvals += r.BatchEvals
		if !r.Converged && a.Converged {
			a.Converged, a.Status = false, r.Status
		}
	}
	a.GradNorm = math.Sqrt(g2)
	return a
}

// objectiveOf is Logistic.Objective and Softmax.Objective.
func objectiveOf(cfg Logistic, multi bool, m *Model, x data.Matrix, y []int, sw []float64) (float64, error) {
	set, err := resolve(cfg, multi)
	if err != nil {
		return 0, err
	}
	if err := m.check(); err != nil {
		return 0, err
	}
	if set.cfg.NumClasses == 0 {
		set.cfg.NumClasses = m.numClasses()
	}
	t, err := newTrainer(set, multi, x, y, sw, true)
	if err != nil {
		return 0, err
	}
	if t.kind != m.Kind || t.p*t.kp != len(m.Coef) {
		return 0, fmt.Errorf("linear: model is %v with %d coefficients, data give %v with %d: %w", m.Kind, len(m.Coef), t.kind, t.p*t.kp, ErrShape)
	}
	coef, icpt := m.Coef, m.Intercept
	if s := m.Standardization; s != nil {
		t.inv = make([]float64, t.p)
		for j, v := range s.Scale {
			t.inv[j] = 1 / v
		}
		t.mu = s.Mean
		t.prob.inv, t.prob.mu = t.inv, t.mu
		coef, icpt = s.Coef, s.Intercept
	}
	problems, rows := 1, t.kp
	if t.kind == OneVsRest {
		problems, rows = t.kp, 1
	}
	theta := make([]float64, t.prob.Dim())
	var f float64
	for c := 0; c < problems; c++ {
		cls := 1
		if t.kind == OneVsRest {
			cls = c
		}
		t.setup(cls)
		copy(theta, coef[c*rows*t.p:(c+1)*rows*t.p])
		if t.prob.fitB {
			copy(theta[rows*t.p:], icpt[c*rows:(c+1)*rows])
		}
		f += t.prob.ValueGrad(nil, theta)
		if set.l1 > 0 {
			for i, v := range theta {
				if i < rows*t.p || cfg.PenalizeIntercept {
					f += set.l1 * math.Abs(v)
				}
			}
		}
	}
	return f, nil
}
