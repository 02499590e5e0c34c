package mlp

import (
	"errors"
	"fmt"
	"time"
)

// Activation is the nonlinearity of the hidden layers.
type Activation int

const (
	// ReLU is max(0, z), scikit-learn's default "relu". Its derivative at
	// z = 0 is taken as 0, as scikit-learn's.
	ReLU Activation = iota
	// Tanh is the hyperbolic tangent, scikit-learn's "tanh".
	Tanh
	// Sigmoid is the logistic function 1/(1+exp(-z)), scikit-learn's
	// "logistic".
	Sigmoid
)

// String returns scikit-learn's name of a: "relu", "tanh" or "logistic".
func (a Activation) String() string {
	switch a {
	case ReLU:
		return "relu"
	case Tanh:
		return "tanh"
	case Sigmoid:
		return "logistic"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// ParseActivation returns the activation named s: "relu", "tanh", or
// "logistic" (or its alias "sigmoid"). Other names give an error wrapping
// [ErrSetting].
func ParseActivation(s string) (Activation, error) {
	switch s {
	case "relu":
		return ReLU, nil
	case "tanh":
		return Tanh, nil
	case "logistic", "sigmoid":
		return Sigmoid, nil
	}
	return 0, fmt.Errorf("mlp: activation %q, want relu, tanh or logistic: %w", s, ErrSetting)
}

// Init is the scheme that draws the initial weights.
type Init int

const (
	// Glorot is scikit-learn's initialization (Glorot & Bengio 2010): the
	// weights and biases of the layer from fan_in to fan_out units are
	// drawn uniformly from [-b, b] with
	//
	//	b = √(6/(fan_in + fan_out))    (ReLU and tanh)
	//	b = √(2/(fan_in + fan_out))    (sigmoid)
	Glorot Init = iota
	// He is PyTorch's kaiming_uniform_ in mode fan_in (He et al. 2015):
	// weights uniform on [-b, b] with b = gain·√(3/fan_in), gain √2 for
	// ReLU, 5/3 for tanh and 1 for sigmoid (torch.nn.init.calculate_gain)
	// in the hidden layers and 1 in the output layer; biases start at 0.
	He
)

// String returns "glorot" or "he".
func (i Init) String() string {
	switch i {
	case Glorot:
		return "glorot"
	case He:
		return "he"
	}
	return fmt.Sprintf("Init(%d)", int(i))
}

// Solver names the optimizer that trains the network.
type Solver int

const (
	// Adam is solve.Adam on mini-batches, scikit-learn's default solver.
	Adam Solver = iota
	// SGD is solve.SGD on mini-batches, with optional (Nesterov) momentum.
	SGD
	// LBFGS is solve.LBFGS on the full objective (every sample each
	// iteration).
	LBFGS
)

// String returns scikit-learn's name of s: "adam", "sgd" or "lbfgs".
func (s Solver) String() string {
	switch s {
	case Adam:
		return "adam"
	case SGD:
		return "sgd"
	case LBFGS:
		return "lbfgs"
	}
	return fmt.Sprintf("Solver(%d)", int(s))
}

// Output is the kind of output layer of a [Model].
type Output int

const (
	// Softmax is K output units with the softmax, for K > 2 classes.
	Softmax Output = iota
	// Logistic is a single sigmoid unit giving P(class 1), for 2 classes
	// (scikit-learn's out_activation_ "logistic").
	Logistic
)

// String returns scikit-learn's name of o: "softmax" or "logistic".
func (o Output) String() string {
	switch o {
	case Softmax:
		return "softmax"
	case Logistic:
		return "logistic"
	}
	return fmt.Sprintf("Output(%d)", int(o))
}

// Classifier configures a multilayer perceptron classifier trained by
// minimizing the cross-entropy objective of the package doc.
//
// Fields whose zero value is documented as a default follow scikit-learn's
// MLPClassifier. Alpha, Momentum and Nesterov take their value literally
// (0 is a meaningful setting); [NewClassifier] sets them to scikit-learn's
// defaults.
type Classifier struct {
	// HiddenSizes lists the number of units of each hidden layer, as
	// scikit-learn's hidden_layer_sizes. Nil means [100] (scikit-learn's
	// default); a non-nil empty slice means no hidden layer (multinomial or
	// binary logistic regression). Every size must be positive.
	HiddenSizes []int

	// Activation is the hidden layers' nonlinearity; the zero value is ReLU.
	Activation Activation

	// Alpha is the strength of the L2 penalty on the weights (not the
	// biases), scikit-learn's alpha; see the package doc for its scaling.
	// It must be ≥ 0. NewClassifier sets 0.0001.
	Alpha float64

	// Init is the initialization scheme; the zero value is Glorot.
	Init Init

	// Dropout is the probability of zeroing each hidden unit's output
	// during training (inverted dropout: kept units are scaled by
	// 1/(1−Dropout)), in [0, 1). 0 means none. It applies to mini-batches
	// only: the full objective, the validation loss and predictions use the
	// whole network. Not supported with LBFGS.
	Dropout float64

	// LabelSmoothing is ε in [0, 1): the target of a sample of class y is
	// (1−ε)·onehot(y) + ε/K, as PyTorch's CrossEntropyLoss (K = 2 for the
	// single sigmoid unit of a binary problem). 0 means none.
	LabelSmoothing float64

	// ClassWeight, when not nil, holds one non-negative weight per class,
	// multiplying the sample weight of each sample of that class. Nil means
	// all ones. Must be nil when BalancedClassWeight is set.
	ClassWeight []float64

	// BalancedClassWeight weights class k by n/(K·n_k), n_k its number of
	// training samples (unweighted), as scikit-learn's
	// class_weight="balanced".
	BalancedClassWeight bool

	// Solver is the optimizer; the zero value is Adam.
	Solver Solver

	// LearningRate is the step size of Adam and SGD, scikit-learn's
	// learning_rate_init. 0 means 0.001.
	LearningRate float64

	// Beta1, Beta2 and Epsilon are Adam's; 0 means 0.9, 0.999 and 1e-8.
	Beta1, Beta2, Epsilon float64

	// Momentum is SGD's momentum in [0, 1); 0 means none. NewClassifier
	// sets 0.9 (scikit-learn's).
	Momentum float64

	// Nesterov uses Nesterov's momentum with SGD (needs Momentum > 0).
	// NewClassifier sets it (scikit-learn's nesterovs_momentum=True).
	Nesterov bool

	// BatchSize is the number of samples per mini-batch of Adam and SGD.
	// 0 means min(200, n), scikit-learn's "auto".
	BatchSize int

	// MaxIter bounds the epochs (Adam, SGD) or iterations (LBFGS). 0 means
	// 200, scikit-learn's max_iter.
	MaxIter int

	// Tol is the tolerance of the stopping rule: for Adam and SGD the
	// training loss must decrease by more than Tol within NoChange epochs
	// (scikit-learn's rule); for LBFGS it is solve's relative gradient
	// rule. 0 means 1e-4; a negative Tol never stops the run on it.
	Tol float64

	// NoChange is the number of epochs without improvement that stops the
	// run (of the training loss, or of the validation loss with early
	// stopping), scikit-learn's n_iter_no_change. 0 means 10.
	NoChange int

	// EarlyStopping stops training when the validation log loss has not
	// decreased for NoChange epochs and restores the weights of the epoch
	// with the lowest validation loss. The validation set is the one
	// passed to Fit or, when that is nil, a stratified ValidationFraction
	// of the training set held out (seeded by Seed). Unlike scikit-learn,
	// which monitors validation accuracy, xent monitors validation log
	// loss (the sample-weighted mean, without penalty, class weights or
	// label smoothing). With early stopping the training-loss rule of Tol
	// is off for Adam and SGD, as in scikit-learn.
	EarlyStopping bool

	// ValidationFraction is the share of the training set held out for
	// early stopping when Fit gets no validation set, in (0, 1). 0 means
	// 0.1.
	ValidationFraction float64

	// Seed seeds the initial weights, dropout, the shuffling of the
	// mini-batches and the validation split. The zero seed is a fixed
	// seed: the same Seed and data give the same bits at any GOMAXPROCS.
	Seed uint64

	// Callback, when not nil, is called after every epoch (iteration for
	// LBFGS) with its entry of [Model.History]; returning true stops the
	// run, keeping the weights reached.
	Callback func(Epoch) (stop bool)
}

// NewClassifier returns scikit-learn's MLPClassifier defaults: one hidden
// layer of 100 ReLU units, Alpha 0.0001, Adam with learning rate 0.001,
// batches of min(200, n), at most 200 epochs, and for SGD momentum 0.9 with
// Nesterov's update.
func NewClassifier() Classifier {
	return Classifier{HiddenSizes: []int{100}, Alpha: 1e-4, Momentum: 0.9, Nesterov: true}
}

// Epoch is one entry of the training history.
type Epoch struct {
	// Iter is the epoch (Adam, SGD) or iteration (LBFGS; 0 is the starting
	// point).
	Iter int
	// TrainLoss is the training objective: for Adam and SGD the mean of
	// the epoch's mini-batch objectives (with dropout, as scikit-learn's
	// loss_curve_), for LBFGS the full objective at the iterate.
	TrainLoss float64
	// ValidLoss is the weighted mean log loss on the validation set, NaN
	// when there is none.
	ValidLoss float64
	// Elapsed is the time since training started.
	Elapsed time.Duration
}

// Sentinel causes wrapped by the errors of this package, for errors.Is.
var (
	// ErrShape reports mismatched shapes: labels, weights or features
	// that do not match the rows or the model.
	ErrShape = errors.New("shape mismatch")
	// ErrLabel reports a class index out of range.
	ErrLabel = errors.New("class index out of range")
	// ErrNotFinite reports a NaN or infinity in the input.
	ErrNotFinite = errors.New("value is not finite")
	// ErrWeight reports a negative sample or class weight, or weights that
	// sum to zero.
	ErrWeight = errors.New("invalid weight")
	// ErrSetting reports a configuration value out of its range.
	ErrSetting = errors.New("invalid setting")
)
