package loss

import "math"

// Reduction says how per-element losses become the returned value, as
// PyTorch's reduction argument.
type Reduction int

const (
	// Mean averages the losses: over the elements, except that the class
	// index forms of [CrossEntropy] and [NLL] divide by the summed weights
	// of the non-ignored targets, and the probability-target form of
	// CrossEntropy by the number of rows. It is the zero value, PyTorch's
	// default.
	Mean Reduction = iota
	// Sum adds the losses.
	Sum
	// None keeps the losses per element: they go to the losses buffer, the
	// gradient is that of Σ cotangent·loss, and the returned value is that
	// sum.
	None
	// BatchMean divides the sum by the size of the first axis of the input;
	// only [KLDiv] takes it (PyTorch's kl_div "batchmean").
	BatchMean
)

var reductionNames = [...]string{"mean", "sum", "none", "batchmean"}

// String returns PyTorch's name of the reduction: "mean", "sum", "none" or
// "batchmean".
func (r Reduction) String() string {
	if r >= 0 && int(r) < len(reductionNames) {
		return reductionNames[r]
	}
	return "Reduction(" + itoa(int(r)) + ")"
}

// ParseReduction returns the reduction PyTorch names s ("mean", "sum",
// "none", "batchmean").
func ParseReduction(s string) (Reduction, error) {
	for i, n := range reductionNames {
		if s == n {
			return Reduction(i), nil
		}
	}
	return 0, argErr("reduction", ErrOption, "unknown reduction \""+s+"\", want mean, sum, none or batchmean")
}

// Clip is the convention a probability-input loss uses to keep log(0) finite.
type Clip int

const (
	// ClipPyTorch clamps each log at -100, as PyTorch's BCELoss: log 0 costs
	// 100, and so does any probability below exp(-100) ≈ 3.7e-44. It is the
	// zero value.
	ClipPyTorch Clip = iota
	// ClipSklearn1e15 clips each probability to [1e-15, 1-1e-15] before
	// the logs, as scikit-learn's log_loss did by default before version
	// 1.2 (eps=1e-15).
	ClipSklearn1e15
	// ClipSklearnAuto clips each probability to [ε, 1-ε] with ε = 2⁻⁵² the
	// float64 machine epsilon, as scikit-learn's log_loss with eps="auto",
	// the default from version 1.2 on (and the only behaviour from 1.5).
	ClipSklearnAuto
)

var clipNames = [...]string{"pytorch", "sklearn-eps=1e-15", "sklearn-eps=auto"}

// String returns "pytorch", "sklearn-eps=1e-15" or "sklearn-eps=auto".
func (c Clip) String() string {
	if c >= 0 && int(c) < len(clipNames) {
		return clipNames[c]
	}
	return "Clip(" + itoa(int(c)) + ")"
}

// ParseClip returns the clipping convention String names.
func ParseClip(s string) (Clip, error) {
	for i, n := range clipNames {
		if s == n {
			return Clip(i), nil
		}
	}
	return 0, argErr("clip", ErrOption, "unknown clipping \""+s+"\", want pytorch, sklearn-eps=1e-15 or sklearn-eps=auto")
}

// Eps returns the clipping bound of a scikit-learn convention (1e-15 or
// 2⁻⁵²), and 0 for ClipPyTorch, which clamps the log instead.
func (c Clip) Eps() float64 {
	switch c {
	case ClipSklearn1e15:
		return 1e-15
	case ClipSklearnAuto:
		return 0x1p-52
	}
	return 0
}

// DefaultIgnoreIndex is PyTorch's default ignore_index, the target value
// that [CrossEntropy] and [NLL] skip when their IgnoreIndex is nil.
const DefaultIgnoreIndex = -100

// SumTolerance bounds how far a row of target probabilities may be from
// summing to 1: |Σ_c t_c - 1| ≤ SumTolerance·C. It admits probabilities
// stored or summed in float32 (error up to C·2⁻²⁴ ≈ C·6e-8) and rejects rows
// that are not distributions.
const SumTolerance = 1e-6

// BCEEps is the floor PyTorch puts under x·(1-x) in the gradient of the
// binary cross-entropy, 1e-12 held as a float32 (9.999999960041972e-13).
const BCEEps = float64(float32(1e-12))

var (
	posInf = math.Inf(1)
	negInf = math.Inf(-1)
)
