package mlp

import (
	"context"
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/solve"
)

// Defaults of the Classifier's fields, scikit-learn's MLPClassifier's.
const (
	DefaultHidden             = 100
	DefaultMaxIter            = 200
	DefaultValidationFraction = 0.1
)

// check validates the settings and returns the hidden sizes.
func (cfg *Classifier) check() ([]int, error) {
	hidden := cfg.HiddenSizes
	if hidden == nil {
		hidden = []int{DefaultHidden}
	}
	for l, h := range hidden {
		if h <= 0 {
			return nil, fmt.Errorf("mlp: HiddenSizes[%d] = %d, want > 0: %w", l, h, ErrSetting)
		}
	}
	switch {
	case cfg.Activation < ReLU || cfg.Activation > Sigmoid:
		return nil, fmt.Errorf("mlp: %v: %w", cfg.Activation, ErrSetting)
	case cfg.Init < Glorot || cfg.Init > He:
		return nil, fmt.Errorf("mlp: %v: %w", cfg.Init, ErrSetting)
	case cfg.Solver < Adam || cfg.Solver > LBFGS:
		return nil, fmt.Errorf("mlp: %v: %w", cfg.Solver, ErrSetting)
	case !(cfg.Alpha >= 0) || math.IsInf(cfg.Alpha, 0):
		return nil, fmt.Errorf("mlp: Alpha = %v, want a finite number ≥ 0: %w", cfg.Alpha, ErrSetting)
	case !(cfg.Dropout >= 0 && cfg.Dropout < 1):
		return nil, fmt.Errorf("mlp: Dropout = %v, want in [0, 1): %w", cfg.Dropout, ErrSetting)
	case cfg.Dropout > 0 && cfg.Solver == LBFGS:
		return nil, fmt.Errorf("mlp: Dropout = %v with lbfgs, which needs a deterministic objective: %w", cfg.Dropout, ErrSetting)
	case !(cfg.LabelSmoothing >= 0 && cfg.LabelSmoothing < 1):
		return nil, fmt.Errorf("mlp: LabelSmoothing = %v, want in [0, 1): %w", cfg.LabelSmoothing, ErrSetting)
	case cfg.BalancedClassWeight && cfg.ClassWeight != nil:
		return nil, fmt.Errorf("mlp: both ClassWeight and BalancedClassWeight set: %w", ErrSetting)
	case !(cfg.ValidationFraction >= 0 && cfg.ValidationFraction < 1):
		return nil, fmt.Errorf("mlp: ValidationFraction = %v, want in [0, 1): %w", cfg.ValidationFraction, ErrSetting)
	case cfg.MaxIter < 0:
		return nil, fmt.Errorf("mlp: MaxIter = %d, want ≥ 0: %w", cfg.MaxIter, ErrSetting)
	case cfg.BatchSize < 0:
		return nil, fmt.Errorf("mlp: BatchSize = %d, want ≥ 0: %w", cfg.BatchSize, ErrSetting)
	case cfg.NoChange < 0:
		return nil, fmt.Errorf("mlp: NoChange = %d, want ≥ 0: %w", cfg.NoChange, ErrSetting)
	}
	for k, w := range cfg.ClassWeight {
		if !(w >= 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("mlp: ClassWeight[%d] = %v, want a finite number ≥ 0: %w", k, w, ErrWeight)
		}
	}
	return hidden, nil
}

// checkData validates d for k classes (k = 0: take d.NumClasses()) and
// p features (p < 0: any) and returns k. name prefixes the errors.
func checkData(name string, d *data.Dataset, k, p int) (int, error) {
	if d == nil || d.X == nil {
		return 0, fmt.Errorf("mlp: %s: no data: %w", name, ErrShape)
	}
	n, cols := d.X.Dims()
	switch {
	case n == 0:
		return 0, fmt.Errorf("mlp: %s: no samples: %w", name, ErrShape)
	case cols == 0:
		return 0, fmt.Errorf("mlp: %s: no features: %w", name, ErrShape)
	case p >= 0 && cols != p:
		return 0, fmt.Errorf("mlp: %s: %d features, want %d: %w", name, cols, p, ErrShape)
	case len(d.Y) != n:
		return 0, fmt.Errorf("mlp: %s: %d labels for %d rows: %w", name, len(d.Y), n, ErrShape)
	case d.SampleWeight != nil && len(d.SampleWeight) != n:
		return 0, fmt.Errorf("mlp: %s: %d sample weights for %d rows: %w", name, len(d.SampleWeight), n, ErrShape)
	}
	if k == 0 {
		k = len(d.Classes)
		if d.Classes == nil {
			for _, y := range d.Y {
				k = max(k, y+1)
			}
		}
		if k < 2 {
			return 0, fmt.Errorf("mlp: %s: %d classes, want at least 2: %w", name, k, ErrLabel)
		}
	}
	for i, y := range d.Y {
		if y < 0 || y >= k {
			return 0, fmt.Errorf("mlp: %s: y[%d] = %d: %w [0, %d)", name, i, y, ErrLabel, k)
		}
	}
	for i, w := range d.SampleWeight {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return 0, fmt.Errorf("mlp: %s: SampleWeight[%d] = %v: %w", name, i, w, ErrNotFinite)
		}
		if w < 0 {
			return 0, fmt.Errorf("mlp: %s: SampleWeight[%d] = %v: %w: negative", name, i, w, ErrWeight)
		}
	}
	rows := chunkRows(n, cols)
	buf := make([]float64, rows*cols)
	for lo := 0; lo < n; lo += rows {
		hi := min(lo+rows, n)
		d.X.DenseRows(buf[:(hi-lo)*cols], lo, hi)
		for j, v := range buf[:(hi-lo)*cols] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("mlp: %s: X[%d, %d] = %v: %w", name, lo+j/cols, j%cols, v, ErrNotFinite)
			}
		}
	}
	return k, nil
}

// samples gathers the classes and weights of the rows idx of d (nil: all
// rows), each weight the sample weight times the class weight cw[y] (cw
// nil: 1).
func samples(d *data.Dataset, idx []int, cw []float64) (y []int, s []float64) {
	n := len(d.Y)
	if idx != nil {
		n = len(idx)
	}
	y, s = make([]int, n), make([]float64, n)
	for t := range n {
		i := t
		if idx != nil {
			i = idx[t]
		}
		y[t] = d.Y[i]
		s[t] = d.Weight(i)
		if cw != nil {
			s[t] *= cw[y[t]]
		}
	}
	return y, s
}

// classWeights returns the class weights of cfg for the classes y of the
// training samples (nil: all ones).
func (cfg *Classifier) classWeights(y []int, k int) ([]float64, error) {
	if cfg.ClassWeight != nil {
		if len(cfg.ClassWeight) != k {
			return nil, fmt.Errorf("mlp: len(ClassWeight) = %d for %d classes: %w", len(cfg.ClassWeight), k, ErrShape)
		}
		return cfg.ClassWeight, nil
	}
	if !cfg.BalancedClassWeight {
		return nil, nil
	}
	counts := make([]int, k)
	for _, c := range y {
		counts[c]++
	}
	cw := make([]float64, k)
	for c, nc := range counts {
		if nc > 0 {
			cw[c] = float64(len(y)) / (float64(k) * float64(nc))
		}
	}
	return cw, nil
}

// build validates cfg and d and returns the objective over the rows idx of
// d (nil: all).
func (cfg *Classifier) build(d *data.Dataset, hidden []int, k int, idx []int) (*Objective, error) {
	y, _ := samples(d, idx, nil)
	cw, err := cfg.classWeights(y, k)
	if err != nil {
		return nil, err
	}
	y, s := samples(d, idx, cw)
	var sum float64
	for _, v := range s {
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return nil, fmt.Errorf("mlp: training weights sum to %v, want a positive finite total: %w", sum, ErrWeight)
	}
	return newObjective(cfg, hidden, d.X, idx, y, s, k), nil
}

// Objective returns the training objective of cfg on all samples of d, for
// use with any solver of package solve or for checking gradients. Its
// errors are those of [Classifier.Fit].
func (cfg Classifier) Objective(d *data.Dataset) (*Objective, error) {
	hidden, err := cfg.check()
	if err != nil {
		return nil, err
	}
	k, err := checkData("train", d, 0, -1)
	if err != nil {
		return nil, err
	}
	return cfg.build(d, hidden, k, nil)
}

// mixSeed derives independent seeds from one (SplitMix64's finalizer).
func mixSeed(seed, k uint64) uint64 {
	z := seed + k*0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Fit trains the classifier on train and returns the fitted model.
//
// valid, when not nil, is a validation set: with EarlyStopping it decides
// when to stop and which weights to keep; without, its log loss is only
// recorded in the history. With EarlyStopping and a nil valid, a stratified
// ValidationFraction of train is held out instead.
//
// The classes are train.NumClasses() (at least 2); valid's labels must lie
// in the same range. A run that stops before converging is not an error:
// see Model.Result.Status. Cancelling ctx stops training and returns the
// weights reached (the best ones with early stopping).
//
// Errors name the offending index or setting and wrap [ErrShape] (shapes
// that do not match), [ErrLabel] (a class index out of range, fewer than
// two classes), [ErrNotFinite] (a NaN or infinity in X or the weights),
// [ErrWeight] (a negative weight, or training weights that sum to 0) or
// [ErrSetting]; solver setting errors wrap solve's.
func (cfg Classifier) Fit(ctx context.Context, train, valid *data.Dataset) (*Model, error) {
	hidden, err := cfg.check()
	if err != nil {
		return nil, err
	}
	k, err := checkData("train", train, 0, -1)
	if err != nil {
		return nil, err
	}
	p := train.NumFeatures()
	if valid != nil {
		if _, err := checkData("valid", valid, k, p); err != nil {
			return nil, err
		}
	}

	var trainIdx []int
	var vobj *Objective
	vcfg := Classifier{Activation: cfg.Activation}
	switch {
	case valid != nil:
		y, s := samples(valid, nil, nil)
		vobj = newObjective(&vcfg, hidden, valid.X, nil, y, s, k)
	case cfg.EarlyStopping:
		frac := cfg.ValidationFraction
		if frac == 0 {
			frac = DefaultValidationFraction
		}
		var validIdx []int
		trainIdx, validIdx, err = data.StratifiedSplit(train.Y, frac, mixSeed(cfg.Seed, 1))
		if err != nil {
			return nil, fmt.Errorf("mlp: validation split: %w", err)
		}
		y, s := samples(train, validIdx, nil)
		vobj = newObjective(&vcfg, hidden, train.X, validIdx, y, s, k)
	}
	if vobj != nil && !(vobj.sumS > 0) {
		return nil, fmt.Errorf("mlp: validation weights sum to %v, want > 0: %w", vobj.sumS, ErrWeight)
	}
	obj, err := cfg.build(train, hidden, k, trainIdx)
	if err != nil {
		return nil, err
	}

	var history []Epoch
	st := solve.Settings{Tol: cfg.Tol, MaxIter: cfg.MaxIter, Patience: cfg.NoChange}
	if st.MaxIter == 0 {
		st.MaxIter = DefaultMaxIter
	}
	validLoss := func(x []float64) float64 { return vobj.ValueGrad(nil, x) }
	if vobj != nil && cfg.EarlyStopping {
		st.Validation = validLoss
		if cfg.Solver != LBFGS {
			st.Tol = -1 // scikit-learn: the validation score alone stops the run
		}
	}
	st.Callback = func(it solve.Iteration) bool {
		e := Epoch{Iter: it.Iter, TrainLoss: it.F, ValidLoss: it.ValidLoss, Elapsed: it.Elapsed}
		if vobj != nil && st.Validation == nil {
			e.ValidLoss = validLoss(it.X)
		}
		history = append(history, e)
		return cfg.Callback != nil && cfg.Callback(e)
	}
	batching := solve.Batching{BatchSize: cfg.BatchSize, Seed: mixSeed(cfg.Seed, 2), NoChange: cfg.NoChange}
	var solver solve.Solver
	switch cfg.Solver {
	case Adam:
		solver = solve.Adam{Settings: st, Batching: batching, LearningRate: cfg.LearningRate,
			Beta1: cfg.Beta1, Beta2: cfg.Beta2, Epsilon: cfg.Epsilon}
	case SGD:
		solver = solve.SGD{Settings: st, Batching: batching, LearningRate: cfg.LearningRate,
			Momentum: cfg.Momentum, Nesterov: cfg.Nesterov}
	case LBFGS:
		solver = solve.LBFGS{Settings: st}
	}
	res, err := solver.Minimize(ctx, obj, obj.InitialParams(nil))
	if err != nil {
		return nil, fmt.Errorf("mlp: %w", err)
	}
	m := obj.Model(res.X)
	m.Classes = train.Classes
	m.History = history
	m.Result = res
	return m, nil
}
