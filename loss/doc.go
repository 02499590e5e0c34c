// Package loss implements the cross-entropy family of losses as PyTorch
// defines them — [BinaryCrossEntropy], [BinaryCrossEntropyWithLogits],
// [CrossEntropy] (class-index and probability targets), [NLL], [KLDiv] —
// and the [Entropy] of probability rows, each returning its value and the
// gradient with respect to its input in one pass.
//
// # Calling convention
//
// A loss is a configuration struct whose zero value is PyTorch's default;
// its Eval method takes destinations first, then inputs, then the shape:
//
//	v, err := loss.CrossEntropy{}.Eval(losses, grad, logits, target, cot, []int{n, c})
//
// The arguments are:
//
//   - losses, when not nil, receives the unreduced per-element (or per-row)
//     losses, whatever the reduction.
//   - grad, when not nil, receives the gradient with respect to the input,
//     of the reduced loss (Mean, Sum, BatchMean) or of Σ cot·loss (None).
//     Passing nil skips the gradient work.
//   - cot is the cotangent (upstream gradient) with the shape of the
//     reduced loss: one element for Mean and Sum, one per loss element for
//     None; nil means all ones. With None it also serves as per-sample
//     weights: the returned value is then Σ cot·loss.
//   - shape is the shape of the input, PyTorch's: for the classification
//     losses (N, C), (N, C, d1, ...) with the class axis 1, or (C); for the
//     elementwise losses any shape.
//
// Eval never allocates (the tests assert it with testing.AllocsPerRun),
// validates its arguments once before computing, and returns an *[Error]
// naming the argument and index of bad input: NaN, a class index out of
// range, a probability outside [0, 1], a target row not summing to 1
// within [SumTolerance]·C, a negative weight, mismatched lengths. Its
// sentinel causes ([ErrNaN], [ErrRange], [ErrNotNormalized], [ErrShape],
// [ErrOption]) work with errors.Is.
//
// The results agree with PyTorch 1.13 (and 2.x) in float64 to a relative
// 1e-12 or an absolute 1e-15 on every case of the golden reference files
// (testdata/golden/README.md documents each convention followed: the -100
// clamp and float32 EPS of BCE, the weighted mean of cross_entropy and its
// 0/0 cases, label smoothing with class weights, kl_div's batchmean). Where
// xent is more accurate than PyTorch's formulas (BCE with logits where the
// loss is below 1e-13, log-softmax gradients near p = 1) the difference is
// far inside that tolerance.
//
// # Infinities
//
// NaN in an input is an error; infinities in logits and log-probabilities
// are accepted, and one policy covers every loss and the primitives of
// package special: the result is the limit of the loss (and of its
// gradient) as the infinite inputs tend to their infinity, wherever that
// limit exists, and NaN where it does not. A coefficient that is exactly 0
// (a zero weight, a zero target probability, a zero cotangent) times an
// infinite term gives 0, as the limit of a function that is identically 0.
// PyTorch instead gives NaN in many of these cases (PyTorch issues 49844,
// 135359 and 102894), while the probability form of the same case gives a
// number. Loss l, gradient g, for one element or row:
//
//	case                                            xent (limit)          PyTorch 1.13
//	BCE with logits x=+Inf, y=1                     l=0     g=0           l=NaN   g=0
//	BCE with logits x=+Inf, y<1                     l=+Inf  g=w(1-y)      l=+Inf  g=w(1-y)
//	BCE with logits x=-Inf, y=0                     l=0     g=0           l=NaN   g=0
//	BCE with logits x=-Inf, y>0                     l=+Inf  g=-w·q·y      l=NaN   g=-w·q·y
//	BCE with logits, weight 0, x=±Inf               l=0     g=0           l=NaN
//	BCE (probabilities) x=0, y=1 (for comparison)   l=100·w (the clamp)   l=100·w
//	CE, one logit +Inf, target is that class        l=0     g=p-onehot=0  l=NaN   g=NaN
//	CE, one logit +Inf, target another class        l=+Inf  g=onehot(k)-onehot(y)  NaN
//	CE, two or more logits +Inf                     NaN where no limit    NaN
//	CE, logit -Inf, target another class            finite, p=0 there     same
//	CE, logit -Inf, target that class               l=+Inf, g finite      same
//	CE, logit -Inf, smoothing, class weight 0 there l finite (term 0)     l=NaN
//	CE, probability target 0 where logit is -Inf    l finite (term 0)     l=NaN
//	CE, all logits -Inf                             l=NaN   g=NaN         same
//	CE, ignored row holding +Inf                    l=0     g=0           l=0     g=NaN
//	NLL, input -Inf at target of weight 0           l=0     g=0           l=NaN
//	KL, input -Inf, target 0 (log_target: -Inf)     l=0     g=0           l=NaN
//	KL, log_target, target -Inf (p = 0), any input  l=0     g=0           l=NaN
//	KL, input -Inf, target > 0                      l=+Inf  g=-t          same
//	softmax, one entry +Inf                         one-hot               NaN row
//	log_softmax, one entry +Inf                     0 there, -Inf elsewhere  NaN row
//	log_softmax, entry -Inf                         -Inf there            same
//	logsumexp gradient, one entry +Inf              one-hot               NaN there, 0 elsewhere
//
// The golden reference files hold no infinite input, so no reference value
// conflicts with this policy; the PyTorch column was produced with PyTorch
// 1.13.1 and is checked by TestInfinityPolicy's comments only.
//
// # Clipping conventions
//
// The probability form [BinaryCrossEntropy] keeps log 0 finite by one of
// three named conventions ([Clip]): PyTorch's clamp of each log at -100
// (ClipPyTorch, the zero value), scikit-learn's clipping of the probability
// to [1e-15, 1-1e-15] (ClipSklearn1e15, log_loss's default before 1.2) or
// to [ε, 1-ε] with ε the float64 machine epsilon (ClipSklearnAuto, eps="auto",
// the default from 1.2 on).
package loss
