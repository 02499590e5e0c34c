// Package special provides numerically stable primitives of the
// cross-entropy family and their derivatives, in float64: the logistic
// sigmoid, log-sigmoid and softplus, log-sum-exp, softmax and log-softmax of
// a row, row-wise forms over an n×c row-major matrix, and the
// vector-Jacobian products (VJPs) that reverse-mode differentiation needs.
//
// The functions are the inner kernels of xent's losses and models: they
// trust their arguments, never allocate when given a destination, and are
// written so that a caller can apply them to every row of a batch. A nil
// destination means "allocate"; a destination may alias the source where
// the doc says so. Slices of mismatched lengths are a programming error and
// panic, as in gonum's floats package.
//
// # Accuracy
//
// Every result is finite wherever the mathematical value is: the scalar
// functions use the forms
//
//	Sigmoid(x)    = 1/(1+exp(-x))            x ≥ 0
//	              = exp(x)/(1+exp(x))        x < 0
//	Softplus(x)   = x + log1p(exp(-x))       x > 0
//	              = log1p(exp(x))            x ≤ 0
//	LogSigmoid(x) = -Softplus(-x)
//	LogSumExp(x)  = m + log1p(Σ_{j≠k} exp(x_j - m)),  m = x_k = max_j x_j
//
// which never overflow and never cancel, so Softplus(1e4) is 1e4,
// Softplus(-1e4) is 0 and LogSigmoid(-1e300) is -1e300. The accuracy the
// tests check against a 300-bit reference (see accuracy_test.go) is stated
// on each function; ulp claims are relative, for results in the normal
// range (above 2⁻¹⁰²²).
//
// # Infinities
//
// Infinite arguments give the limit of the function wherever that limit
// exists and NaN where it does not. The cases are listed under "Special
// cases are:" on each function, in the manner of package math. For a row, a
// single +Inf entry takes all the probability mass in the limit (softmax is
// one-hot there, log-softmax 0 there and -Inf elsewhere); two or more +Inf
// entries have no joint limit, so those entries are NaN while the finite
// ones are still 0 (softmax) or -Inf (log-softmax); a row of only -Inf
// entries has no limit either and gives NaN. A NaN anywhere in a row makes
// the whole row NaN.
//
// # References
//
// The log1p forms follow M. Mächler, "Accurately Computing log(1 - exp(-|a|))",
// Rmpfr vignette (2012), and the shifted log-sum-exp follows P. Blanchard,
// D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp and
// softmax functions", IMA J. Numer. Anal. 41 (2021).
package special
