package modelfile

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xent-ml/xent/calibrate"
	"github.com/xent-ml/xent/preprocess"
)

// FormatName is the value of the top-level "format" field of every model
// file.
const FormatName = "xent-model"

// Version is the format version this package writes and the newest it
// reads. It changes only when a file written by the new version could be
// misread by an older reader; fields added within a version are optional and
// older readers ignore them (see FORMAT.md).
const Version = 1

// Kind is the kind of model a file holds.
type Kind int

const (
	// Logistic is binary logistic regression: p = σ(x·w + b) for the
	// second class, with Coef 1×p and one intercept.
	Logistic Kind = iota
	// Softmax is multinomial logistic regression: p = softmax(W x + b),
	// with Coef K×p and K intercepts.
	Softmax
	// OvR is one-vs-rest logistic regression: K binary models whose
	// sigmoids are divided by their sum, as scikit-learn's
	// multi_class="ovr" predict_proba; Coef K×p and K intercepts.
	OvR
	// MLP is a multilayer perceptron: hidden layers with one activation,
	// then a softmax output layer of K units, or one sigmoid unit for two
	// classes.
	MLP
)

var kindNames = [...]string{"logistic", "softmax", "ovr", "mlp"}

// String returns "logistic", "softmax", "ovr" or "mlp".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind returns the Kind named s (case-insensitive).
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if strings.EqualFold(s, name) {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("kind %q is not one of logistic, softmax, ovr, mlp", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("modelfile: %v: %w", k, ErrInvalid)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseKind].
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Activation is the activation function of the hidden layers of an MLP.
type Activation int

const (
	// ReLU is max(0, z).
	ReLU Activation = iota
	// Tanh is the hyperbolic tangent.
	Tanh
	// Sigmoid is the logistic function 1/(1+exp(−z)) (scikit-learn's
	// "logistic").
	Sigmoid
)

var activationNames = [...]string{"relu", "tanh", "sigmoid"}

// String returns "relu", "tanh" or "sigmoid".
func (a Activation) String() string {
	if a >= 0 && int(a) < len(activationNames) {
		return activationNames[a]
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// ParseActivation returns the Activation named s (case-insensitive);
// "logistic" is accepted for [Sigmoid], as scikit-learn names it.
func ParseActivation(s string) (Activation, error) {
	if strings.EqualFold(s, "logistic") {
		return Sigmoid, nil
	}
	for a, name := range activationNames {
		if strings.EqualFold(s, name) {
			return Activation(a), nil
		}
	}
	return 0, fmt.Errorf("activation %q is not one of relu, tanh, sigmoid", s)
}

// MarshalText implements encoding.TextMarshaler.
func (a Activation) MarshalText() ([]byte, error) {
	if a < 0 || int(a) >= len(activationNames) {
		return nil, fmt.Errorf("modelfile: %v: %w", a, ErrInvalid)
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseActivation].
func (a *Activation) UnmarshalText(b []byte) error {
	v, err := ParseActivation(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Layer is one fully connected layer of an MLP: out_j = Σ_i W[j·In+i]·in_i
// + Biases[j]. Weights are Out×In row-major, one row per unit (PyTorch's
// nn.Linear layout; scikit-learn's coefs_[l] is its transpose).
type Layer struct {
	// In is the number of inputs of the layer.
	In int `json:"in"`
	// Out is the number of units.
	Out int `json:"out"`
	// Weights holds Out×In weights, row-major.
	Weights []float64 `json:"weights"`
	// Biases holds Out biases.
	Biases []float64 `json:"biases"`
}

// Training summarizes the fit that produced the model, for printing. Any
// float field may be NaN, meaning "not recorded".
type Training struct {
	// Solver names the optimizer ("lbfgs", "newton-cg", "adam", …).
	Solver string `json:"solver,omitempty"`
	// Iterations is the number of solver iterations (epochs for
	// stochastic solvers).
	Iterations int `json:"iterations"`
	// Converged reports whether the stopping rule was met.
	Converged bool `json:"converged"`
	// Status is the solver's final status in words.
	Status string `json:"status,omitempty"`
	// Objective is the final value of the training objective (loss plus
	// penalty).
	Objective float64 `json:"objective"`
	// TrainLogLoss is the mean log loss on the training data.
	TrainLogLoss float64 `json:"train_log_loss"`
	// ValidationLogLoss is the mean log loss on held-out data, NaN if none.
	ValidationLogLoss float64 `json:"validation_log_loss"`
	// Seconds is the wall-clock time of the fit.
	Seconds float64 `json:"seconds"`
}

// Iteration is one entry of the training history, for the training plot.
// Any float field may be NaN, meaning "not recorded".
type Iteration struct {
	// Iter is the iteration (or epoch) number, from 1.
	Iter int `json:"iter"`
	// Objective is the training objective (loss plus penalty).
	Objective float64 `json:"objective"`
	// Loss is the mean training loss.
	Loss float64 `json:"loss"`
	// GradNorm is the norm of the objective's gradient.
	GradNorm float64 `json:"grad_norm"`
	// ValidationLoss is the mean loss on held-out data.
	ValidationLoss float64 `json:"validation_loss"`
}

// Model is a trained classifier in the plain form a model file stores, with
// everything needed for inference: preprocessing, parameters and
// calibration. See FORMAT.md for the file layout and [Model.Validate] for
// the rules the fields obey.
//
// PredictProba and Predict may be called concurrently; a Model must not be
// changed while they run.
type Model struct {
	// Kind is the kind of model.
	Kind Kind
	// Classes holds the label text of each class, in the model's class
	// order: column j of PredictProba is the probability of Classes[j].
	Classes []string
	// NFeatures is the number of input columns, before preprocessing.
	NFeatures int
	// FeatureNames names the input columns; nil means unnamed.
	FeatureNames []string

	// Coef holds the weights of a linear model, R×w row-major, where R is
	// 1 for Logistic and K = len(Classes) otherwise, and w is the width
	// after preprocessing.
	Coef []float64
	// Intercept holds the R intercepts of a linear model.
	Intercept []float64

	// Activation is the activation of the hidden layers of an MLP.
	Activation Activation
	// Layers holds the layers of an MLP, input side first; the last is the
	// output layer (K units, or 1 for two classes).
	Layers []Layer

	// Preprocess lists the preprocessing steps, applied in order to the
	// input before the model.
	Preprocess preprocess.Pipeline
	// Calibration, when not nil, maps the model's probabilities to
	// calibrated ones.
	Calibration *calibrate.Model

	// Hyperparameters records the training configuration, for printing.
	Hyperparameters map[string]any
	// Training summarizes the fit; nil when not recorded.
	Training *Training
	// History holds per-iteration training values; nil when not recorded.
	History []Iteration
	// Schema is the input schema of the ingest package, stored verbatim
	// (any JSON value; nil when absent).
	Schema json.RawMessage
	// CreatedBy names the program and version that wrote the model, such as
	// "xent 0.3.0".
	CreatedBy string
}

// NumClasses returns len(m.Classes), or 0 for a nil m.
func (m *Model) NumClasses() int {
	if m == nil {
		return 0
	}
	return len(m.Classes)
}
