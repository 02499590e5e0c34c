package tune

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
)

// ErrSetting reports an invalid CV setting, for errors.Is.
var ErrSetting = errors.New("invalid setting")

// DefaultFolds is the number of folds when CV.Folds is 0, scikit-learn's
// cv=None.
const DefaultFolds = 5

// DefaultCs returns scikit-learn's default grid for LogisticRegressionCV
// (Cs=10): ten values of C spaced evenly on a log scale from 1e-4 to 1e4,
// numpy.logspace(-4, 4, 10), within an ulp (the exponents are formed as
// numpy's linspace forms them: i·(8/9) − 4, the last one exactly 4).
func DefaultCs() []float64 {
	cs := make([]float64, 10)
	step := 8.0 / 9
	for i := range cs {
		cs[i] = math.Pow(10, float64(i)*step-4)
	}
	cs[9] = 1e4
	return cs
}

// CV configures cross-validation over a path of C values. The zero value is
// scikit-learn's LogisticRegressionCV default path (DefaultCs), 5 stratified
// folds without shuffling, and no refit.
type CV struct {
	// Cs lists the values of C in path order: in each fold the fit for
	// Cs[i] starts from the solution for Cs[i-1] (increasing values, as
	// the default, start each fit from a more regularized solution). Each
	// must be positive and finite. Nil means DefaultCs().
	Cs []float64

	// Folds is the number of folds k ≥ 2; 0 means 5.
	Folds int

	// Shuffle shuffles each class's fold assignments, seeded by Seed (see
	// data.StratifiedKFold). Without it the folds are scikit-learn's.
	Shuffle bool
	Seed    uint64

	// Refit fits the model on all the data with the best C, starting from
	// the mean of the fold solutions at that C, as scikit-learn's
	// refit=True; Result.Model holds it.
	Refit bool

	// Progress, when not nil, is called after every fit with the number
	// of fits done and the total (folds × len(Cs), plus one with Refit).
	Progress func(done, total int)
}

// Point is one C of the path with its cross-validated log loss.
type Point struct {
	// C is the inverse regularization strength.
	C float64
	// MeanLogLoss and StdLogLoss are the mean and the population standard
	// deviation (numpy's std, ddof = 0) of FoldLogLoss.
	MeanLogLoss, StdLogLoss float64
	// FoldLogLoss holds the log loss of each fold's model on its held-out
	// samples, in fold order.
	FoldLogLoss []float64
	// Converged reports whether every fold's fit converged.
	Converged bool
	// Iterations is the total number of solver iterations over the folds.
	Iterations int
}

// Result is the outcome of a cross-validation run.
type Result struct {
	// Path has one Point per value of Cs, in order.
	Path []Point
	// Best is the index in Path of the lowest mean log loss (the first of
	// equal ones), and BestC its C.
	Best  int
	BestC float64
	// Folds are the sample indices of each fold.
	Folds []data.Fold
	// Model is the model refitted on all the data with BestC when
	// CV.Refit is set, else nil.
	Model *linear.Model
}

// Run cross-validates est (a linear.Logistic or linear.Softmax
// configuration; its C is replaced by each value of the path) on the n×p
// matrix x with labels y in [0, K) and optional sample weights (nil means
// all ones). The fold score is the log loss of the held-out samples,
// Σ sᵢ·(−log P(yᵢ | xᵢ)) / Σ sᵢ with the sample weights s of the fold
// (scikit-learn 1.2.1's scorer ignores sample weights; the two agree
// without them). Every fold's model has the K classes of the whole data,
// so a fold may miss a class.
//
// It returns an error for invalid settings (wrapping ErrSetting), for
// labels of a single class (wrapping linear.ErrLabel), for folds that
// data.StratifiedKFold cannot make, and for a failed fit. A fit
// that stops before converging is not an error: Point.Converged reports
// it. Cancelling ctx stops the run with ctx's error.
func (cv CV) Run(ctx context.Context, est linear.Estimator, x data.Matrix, y []int, sampleWeight []float64) (*Result, error) {
	if est == nil {
		return nil, fmt.Errorf("tune: nil estimator: %w", ErrSetting)
	}
	cs := cv.Cs
	if cs == nil {
		cs = DefaultCs()
	}
	if len(cs) == 0 {
		return nil, fmt.Errorf("tune: empty path of C values: %w", ErrSetting)
	}
	for i, c := range cs {
		if !(c > 0) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("tune: Cs[%d] = %v, want a positive number: %w", i, c, ErrSetting)
		}
	}
	folds := cv.Folds
	if folds == 0 {
		folds = DefaultFolds
	}
	if data.IsNil(x) {
		return nil, fmt.Errorf("tune: nil matrix: %w", ErrSetting)
	}
	if n, _ := x.Dims(); len(y) != n {
		return nil, fmt.Errorf("tune: %d labels for %d rows: %w", len(y), n, data.ErrShape)
	}
	if oneClass(y) {
		return nil, fmt.Errorf("tune: every label is class %d; cross-validation needs samples of at least 2 classes: %w", y[0], linear.ErrLabel)
	}
	cfg := est.Config()
	if cfg.NumClasses == 0 {
		k := 0
		for i, v := range y {
			if v < 0 {
				return nil, fmt.Errorf("tune: y[%d] = %d, want a class index ≥ 0: %w", i, v, linear.ErrLabel)
			}
			k = max(k, v+1)
		}
		cfg.NumClasses = k
	}
	split, err := data.StratifiedKFold(y, folds, cv.Shuffle, cv.Seed)
	if err != nil {
		return nil, fmt.Errorf("tune: %w", err)
	}
	full := &data.Dataset{X: x, Y: y, SampleWeight: sampleWeight}
	res := &Result{Path: make([]Point, len(cs)), Folds: split}
	for i, c := range cs {
		res.Path[i] = Point{C: c, FoldLogLoss: make([]float64, len(split)), Converged: true}
	}
	total := len(split) * len(cs)
	if cv.Refit {
		total++
	}
	done := 0
	// models[f] is fold f's model at the best C, for the refit's start.
	foldModels := make([][]*linear.Model, len(split))
	for f, fold := range split {
		train, err := full.Subset(fold.Train)
		if err != nil {
			return nil, fmt.Errorf("tune: fold %d: %w", f, err)
		}
		test, err := full.Subset(fold.Test)
		if err != nil {
			return nil, fmt.Errorf("tune: fold %d: %w", f, err)
		}
		foldModels[f] = make([]*linear.Model, len(cs))
		var prev *linear.Model
		for i, c := range cs {
			fc := cfg
			fc.C = c
			m, err := est.WithConfig(fc).FitFrom(ctx, train.X, train.Y, train.SampleWeight, prev)
			if err != nil {
				return nil, fmt.Errorf("tune: fold %d, C = %v: %w", f, c, err)
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			ll, err := m.LogLoss(test.X, test.Y, test.SampleWeight)
			if err != nil {
				return nil, fmt.Errorf("tune: fold %d, C = %v: %w", f, c, err)
			}
			pt := &res.Path[i]
			pt.FoldLogLoss[f] = ll
			pt.Converged = pt.Converged && m.Result.Converged
			pt.Iterations += m.Result.Iterations
			foldModels[f][i] = m
			prev = m
			done++
			if cv.Progress != nil {
				cv.Progress(done, total)
			}
		}
	}
	for i := range res.Path {
		pt := &res.Path[i]
		pt.MeanLogLoss, pt.StdLogLoss = meanStd(pt.FoldLogLoss)
		if pt.MeanLogLoss < res.Path[res.Best].MeanLogLoss {
			res.Best = i
		}
	}
	res.BestC = cs[res.Best]
	if cv.Refit {
		init := meanModel(foldModels, res.Best)
		fc := cfg
		fc.C = res.BestC
		m, err := est.WithConfig(fc).FitFrom(ctx, x, y, sampleWeight, init)
		if err != nil {
			return nil, fmt.Errorf("tune: refit with C = %v: %w", res.BestC, err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Model = m
		if cv.Progress != nil {
			cv.Progress(total, total)
		}
	}
	return res, nil
}

// oneClass reports whether y is not empty and holds a single value.
func oneClass(y []int) bool {
	for _, v := range y {
		if v != y[0] {
			return false
		}
	}
	return len(y) > 0
}

// meanStd returns the mean and the population standard deviation of v.
func meanStd(v []float64) (mean, std float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(v)))
}

// meanModel returns the model whose parameters are the mean of the fold
// models at path index i.
func meanModel(models [][]*linear.Model, i int) *linear.Model {
	first := models[0][i]
	m := &linear.Model{
		Kind:       first.Kind,
		NumClasses: first.NumClasses,
		Coef:       make([]float64, len(first.Coef)),
		Intercept:  make([]float64, len(first.Intercept)),
	}
	for _, fm := range models {
		for j, v := range fm[i].Coef {
			m.Coef[j] += v
		}
		for j, v := range fm[i].Intercept {
			m.Intercept[j] += v
		}
	}
	k := float64(len(models))
	for j := range m.Coef {
		m.Coef[j] /= k
	}
	for j := range m.Intercept {
		m.Intercept[j] /= k
	}
	return m
}
