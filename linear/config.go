package linear

import (
	"context"
	"errors"
	"fmt"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/solve"
)

// Errors returned by Fit and the Model methods, for errors.Is.
var (
	ErrShape   = errors.New("shape mismatch")
	ErrLabel   = errors.New("label out of range")
	ErrWeight  = errors.New("invalid weight")
	ErrSetting = errors.New("invalid setting")
	ErrNotFit  = errors.New("model has no parameters")
)

// Penalty is the regularization term of the objective; see the package doc
// for the formulas. The zero value is L2, scikit-learn's default.
type Penalty int

// The penalties.
const (
	L2         Penalty = iota // ½‖W‖²
	L1                        // ‖W‖₁
	ElasticNet                // l1_ratio·‖W‖₁ + ½(1−l1_ratio)‖W‖², as scikit-learn
	NoPenalty                 // no regularization (scikit-learn's penalty=None)
)

var penaltyNames = [...]string{L2: "l2", L1: "l1", ElasticNet: "elasticnet", NoPenalty: "none"}

// String returns scikit-learn's name of p: "l2", "l1", "elasticnet" or
// "none".
func (p Penalty) String() string {
	if p >= 0 && int(p) < len(penaltyNames) {
		return penaltyNames[p]
	}
	return fmt.Sprintf("Penalty(%d)", int(p))
}

// Solver names the method that minimizes the objective. The zero value,
// Auto, chooses from the problem (see [Logistic.Solver]).
type Solver int

// The solvers; each maps to the solve package's type of the same idea.
const (
	Auto   Solver = iota // Newton for L2 or no penalty, LBFGS with bounds, OWLQN for L1 and elastic-net
	LBFGS                // solve.LBFGS (bounds supported)
	Newton               // solve.TrustRegionNewton, LIBLINEAR's primal trust-region Newton method
	GD                   // solve.GradientDescent with a line search (L1 and bounds supported)
	OWLQN                // solve.OWLQN (L1, elastic-net and bounds supported)
	SGD                  // solve.SGD on mini-batches (L1 and bounds supported)
	Adam                 // solve.Adam on mini-batches (bounds supported)
)

var solverNames = [...]string{Auto: "auto", LBFGS: "lbfgs", Newton: "newton", GD: "gd", OWLQN: "owlqn", SGD: "sgd", Adam: "adam"}

// String returns the lower-case name of s: "auto", "lbfgs", "newton", "gd",
// "owlqn", "sgd" or "adam".
func (s Solver) String() string {
	if s >= 0 && int(s) < len(solverNames) {
		return solverNames[s]
	}
	return fmt.Sprintf("Solver(%d)", int(s))
}

// Kind is the form of a fitted model. The zero value is Binary.
type Kind int

// The model kinds.
const (
	// Binary has one weight vector: P(y = 1 | x) = σ(x·w + b).
	Binary Kind = iota
	// Multinomial has one weight vector per class and the full softmax:
	// P(y = k | x) = softmax(W·x + b)_k (no reference class).
	Multinomial
	// OneVsRest has one binary model per class, fitted separately (class k
	// against the others); its probabilities are the K sigmoids divided by
	// their sum, as scikit-learn's multi_class="ovr".
	OneVsRest
)

var kindNames = [...]string{Binary: "binary", Multinomial: "multinomial", OneVsRest: "ovr"}

// String returns "binary", "multinomial" or "ovr".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Logistic configures logistic regression: binary with two classes, one
// binary model per class (one-vs-rest, as LIBLINEAR and scikit-learn's
// multi_class="ovr") with more. It minimizes the objective of the package
// doc. The zero value is scikit-learn's LogisticRegression default: C = 1,
// L2 penalty, intercept fitted and not penalized, tolerance 1e-4, at most
// 100 iterations; the solver is chosen from the problem.
//
// Softmax has the same fields and fits the multinomial model instead.
type Logistic struct {
	// C is the inverse regularization strength, exactly scikit-learn's C
	// and LIBLINEAR's -c: it multiplies the summed loss. 0 means 1; it
	// must be positive.
	C float64

	// Penalty is the regularization; the zero value is L2.
	Penalty Penalty

	// L1Ratio is the elastic-net mixing parameter in [0, 1]
	// (scikit-learn's l1_ratio); only used by ElasticNet.
	L1Ratio float64

	// NoIntercept fits the model without intercepts.
	NoIntercept bool

	// PenalizeIntercept applies the penalty to the intercepts too, as
	// LIBLINEAR does with -B 1 (its bias is a feature of constant value 1
	// whose weight is regularized like the others). scikit-learn's lbfgs,
	// newton-cg, sag and saga solvers do not; the default does not.
	PenalizeIntercept bool

	// NumClasses is the number of classes K; labels are 0..K-1. 0 means
	// max(y)+1. Classes without samples are allowed (their weights are
	// driven by the penalty alone), except with BalancedClassWeight.
	NumClasses int

	// ClassWeight multiplies the loss of every sample of class k by
	// ClassWeight[k] (len K, each finite and ≥ 0), as scikit-learn's
	// class_weight dictionary; nil means all ones. With one-vs-rest each
	// sample keeps the weight of its own class in every binary problem,
	// as scikit-learn does.
	ClassWeight []float64

	// BalancedClassWeight sets the weight of class k to
	// n / (K · n_k), with n_k its number of samples (unweighted), as
	// scikit-learn's class_weight="balanced". With one-vs-rest it is
	// computed per binary problem (n / (2·n_pos) and n / (2·n_neg)), as
	// scikit-learn does. It cannot be combined with ClassWeight.
	BalancedClassWeight bool

	// PosWeight multiplies the loss term of the positive target in every
	// binary problem, as PyTorch's BCEWithLogitsLoss pos_weight:
	// q·t·softplus(−z) + (1−t)·softplus(z). 0 means 1. Softmax rejects it.
	PosWeight float64

	// LabelSmoothing is ε in [0, 1): the targets become
	// (1−ε)·onehot(y) + ε/K, as PyTorch's CrossEntropyLoss; a binary
	// problem (also each problem of one-vs-rest) has K = 2, so its target
	// is (1−ε)·y + ε/2. 0 means hard targets.
	LabelSmoothing float64

	// Lower and Upper, when not nil, bound the coefficients on the
	// original scale of the features: len p (the same bounds for every
	// class) or K'·p (one per coefficient, row-major as Model.Coef); ±Inf
	// for an unbounded side. Intercepts are not bounded. Bounds need a
	// solver that supports them (not Newton); Auto then picks LBFGS, or
	// OWLQN with an L1 or elastic-net penalty.
	Lower, Upper []float64

	// Standardize trains on standardized features and reports the
	// coefficients and intercepts on the original scale, as Spark's
	// standardization=true: the penalty then applies to the coefficients
	// of the standardized features. Each feature is scaled by its
	// population standard deviation over the training rows (unweighted;
	// 1 for a constant feature, as scikit-learn's StandardScaler). Dense
	// data with an intercept are also centered; sparse data (CSR, CSR32)
	// and models without intercept are only scaled, so sparsity is kept.
	// The data are never copied: the transformation is folded into the
	// parameters.
	Standardize bool

	// PriorCorrection shifts the intercepts after training so that the
	// model's class priors are the training frequencies of the classes
	// rather than the frequencies reweighted by ClassWeight,
	// BalancedClassWeight and PosWeight (King & Zeng 2001, "Logistic
	// regression in rare events data", eq. 10). See the package doc for
	// the formula. It needs an intercept.
	PriorCorrection bool

	// Solver is the minimization method. Auto (the zero value) chooses
	// TrustRegionNewton (LIBLINEAR's primal method, the fastest on the
	// reference problems, see the package doc) for L2 or no penalty,
	// LBFGS when bounds are given, and OWLQN for L1 and elastic-net.
	Solver Solver

	// Tol is the stopping tolerance: deterministic solvers stop when
	// ‖∇f‖ ≤ Tol·‖∇f(x₀)‖ (see solve.Settings.Tol; after a warm start the
	// reference is the gradient at zero, as LIBLINEAR). 0 means 1e-4
	// (scikit-learn's default); negative never stops on the gradient.
	Tol float64

	// MaxIter bounds the iterations (epochs for SGD and Adam). 0 means
	// 100 (scikit-learn's max_iter), and the solve package's default of
	// 200 epochs for SGD and Adam.
	MaxIter int

	// LearningRate, BatchSize and Seed configure SGD and Adam (see
	// solve.SGD). Those two solvers minimize the objective divided by
	// C·n, the scale of a mean loss (scikit-learn's SGDClassifier with
	// alpha = 1/(C·n)), so that LearningRate and Tol do not depend on n;
	// Result.F and the history are reported on the scale of f. Seed
	// also seeds the split of ValidationFraction.
	LearningRate float64
	BatchSize    int
	Seed         uint64

	// Callback, when set, is called after every iteration with the
	// solver's report; returning true stops the run (Status Stopped).
	// Iteration.X holds the parameters in the layout of the package doc,
	// on the standardized scale when Standardize is set. With one-vs-rest
	// it is called for each binary problem, whose Iteration data (Iter,
	// X, …) are that problem's; when GOMAXPROCS > 1 the problems run side
	// by side, so the calls come from several goroutines, one at a time
	// (never overlapping), with the problems' iterations interleaved.
	Callback func(solve.Iteration) (stop bool)

	// Validation, when not nil, is a held-out set for early stopping: its
	// mean log loss (weighted by its sample weights, without class
	// weights) is evaluated after every iteration, the run stops when it
	// has not decreased for Patience iterations, and the weights of the
	// lowest validation loss are returned (solve.Settings.Validation).
	Validation *data.Dataset

	// ValidationFraction, when in (0, 1), holds out that fraction of the
	// training samples (stratified, seeded by Seed; data.StratifiedSplit)
	// as the Validation set, as scikit-learn's validation_fraction with
	// early_stopping. It cannot be combined with Validation.
	ValidationFraction float64

	// Patience is the number of iterations without improvement of the
	// validation loss that stops the run. 0 means 10.
	Patience int
}

// Softmax configures multinomial logistic regression (the maximum-entropy
// classifier): one weight vector per class and the full softmax over the K
// classes, no reference class, as scikit-learn's multi_class="multinomial".
// It has the fields of [Logistic], with the same meaning and defaults,
// except that PosWeight must be 0. Its multinomial intercepts are defined up
// to a common constant; the solvers start from zero and keep them centered.
type Softmax Logistic

// Estimator is a model configuration that tune can fit along a path of C
// values: Logistic and Softmax implement it.
type Estimator interface {
	// FitFrom fits the model starting from init's parameters (nil means
	// zero); see Logistic.FitFrom.
	FitFrom(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64, init *Model) (*Model, error)
	// Config returns the configuration as a Logistic value.
	Config() Logistic
	// WithConfig returns an Estimator of the same kind with the settings
	// of cfg.
	WithConfig(cfg Logistic) Estimator
}

// Fit fits the model to the n×p matrix x with labels y in [0, K) and
// optional sample weights (nil means all ones); see FitFrom.
func (cfg Logistic) Fit(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64) (*Model, error) {
	return fit(ctx, cfg, false, x, y, sampleWeight, nil)
}

// FitFrom fits the model starting from the parameters of init (a model of
// the same kind, classes and features, as returned by a previous fit; nil
// means zero), for warm starts along a regularization path.
//
// It returns an error naming the index of a label outside [0, K), of a
// negative or non-finite weight, or of an invalid setting; an error wrapping
// ErrLabel when the training labels hold fewer than 2 distinct classes (as
// scikit-learn); and an error wrapping ErrShape when the shapes do not
// match. A run that stops before
// converging is not an error: it returns the best weights found with
// Model.Result.Converged false and the reason in Model.Result.Status.
// Cancelling ctx stops the run the same way (Status Canceled).
func (cfg Logistic) FitFrom(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64, init *Model) (*Model, error) {
	return fit(ctx, cfg, false, x, y, sampleWeight, init)
}

// Config implements Estimator.
func (cfg Logistic) Config() Logistic { return cfg }

// WithConfig implements Estimator: it returns c as a Logistic.
func (Logistic) WithConfig(c Logistic) Estimator { return c }

// Fit fits the multinomial model; see Logistic.FitFrom.
func (cfg Softmax) Fit(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64) (*Model, error) {
	return fit(ctx, Logistic(cfg), true, x, y, sampleWeight, nil)
}

// FitFrom fits the multinomial model from init; see Logistic.FitFrom.
func (cfg Softmax) FitFrom(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64, init *Model) (*Model, error) {
	return fit(ctx, Logistic(cfg), true, x, y, sampleWeight, init)
}

// Config implements Estimator.
func (cfg Softmax) Config() Logistic { return Logistic(cfg) }

// WithConfig implements Estimator: it returns c as a Softmax.
func (Softmax) WithConfig(c Logistic) Estimator { return Softmax(c) }

// Objective returns f at the parameters of m on x, y and sampleWeight,
// penalty included (the L1 part too), with the weighting and penalty of
// cfg: the value the solvers minimize, for checking optima against
// scikit-learn or LIBLINEAR. For a standardized model the penalty is that
// of its standardized coefficients. For one-vs-rest it is the sum of the K
// binary objectives.
func (cfg Logistic) Objective(m *Model, x data.Matrix, y []int, sampleWeight []float64) (float64, error) {
	return objectiveOf(cfg, false, m, x, y, sampleWeight)
}

// Objective returns f at the parameters of m; see Logistic.Objective.
func (cfg Softmax) Objective(m *Model, x data.Matrix, y []int, sampleWeight []float64) (float64, error) {
	return objectiveOf(Logistic(cfg), true, m, x, y, sampleWeight)
}
