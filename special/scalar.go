package special

import "math"

// Sigmoid returns the logistic function of x,
//
//	σ(x) = 1/(1+exp(-x)),
//
// evaluated as exp(x)/(1+exp(x)) for x < 0 so that no intermediate
// overflows. It is accurate to within 3 ulp for every finite x.
//
// Special cases are:
//
//	Sigmoid(+Inf) = 1
//	Sigmoid(-Inf) = 0
//	Sigmoid(NaN) = NaN
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// SigmoidDeriv returns the derivative of [Sigmoid] at x,
//
//	σ'(x) = σ(x)·(1-σ(x)) = e/(1+e)²,  e = exp(-|x|),
//
// which keeps full relative accuracy in both tails (it is 4.5e-5 at x = 10
// and 4.2e-322 at x = -740, where σ(x)·(1-σ(x)) computed from a rounded σ
// would lose every digit on one side). It is accurate to within 4 ulp for
// every finite x.
//
// Special cases are:
//
//	SigmoidDeriv(±Inf) = 0
//	SigmoidDeriv(NaN) = NaN
func SigmoidDeriv(x float64) float64 {
	e := math.Exp(-math.Abs(x))
	d := 1 + e
	return e / (d * d)
}

// Softplus returns log(1+exp(x)), the smooth approximation of max(x, 0),
// computed as
//
//	Softplus(x) = x + log1p(exp(-x))   for x > 0
//	            = log1p(exp(x))        for x ≤ 0
//
// so that it is finite and accurate for every finite x: Softplus(1e4) = 1e4
// and Softplus(-1e4) = 0 (the exact value, 1.1e-4343, underflows). It is
// accurate to within 2 ulp for every finite x.
//
// Special cases are:
//
//	Softplus(+Inf) = +Inf
//	Softplus(-Inf) = 0
//	Softplus(NaN) = NaN
func Softplus(x float64) float64 {
	switch {
	case x > 37:
		// log1p(exp(-x)) < 2⁻⁵³·x: x + exp(-x) is correctly rounded.
		return x + math.Exp(-x)
	case x > 0:
		return x + math.Log1p(math.Exp(-x))
	case x < -37:
		// log1p(e) = e·(1 - e/2 + …) rounds to e for e < 2⁻⁵³.
		return math.Exp(x)
	}
	return math.Log1p(math.Exp(x))
}

// SoftplusDeriv returns the derivative of [Softplus] at x, which is
// [Sigmoid](x), accurate to within 3 ulp.
//
// Special cases are:
//
//	SoftplusDeriv(+Inf) = 1
//	SoftplusDeriv(-Inf) = 0
//	SoftplusDeriv(NaN) = NaN
func SoftplusDeriv(x float64) float64 { return Sigmoid(x) }

// LogSigmoid returns log σ(x) = -Softplus(-x), the log-probability of the
// positive class under a logit x. It is finite for every finite x
// (LogSigmoid(-1e300) = -1e300) and accurate to within 2 ulp.
//
// Special cases are:
//
//	LogSigmoid(+Inf) = 0
//	LogSigmoid(-Inf) = -Inf
//	LogSigmoid(NaN) = NaN
func LogSigmoid(x float64) float64 { return -Softplus(-x) }

// LogSigmoidDeriv returns the derivative of [LogSigmoid] at x, which is
// 1-σ(x) = σ(-x), computed without cancellation and accurate to within
// 3 ulp.
//
// Special cases are:
//
//	LogSigmoidDeriv(+Inf) = 0
//	LogSigmoidDeriv(-Inf) = 1
//	LogSigmoidDeriv(NaN) = NaN
func LogSigmoidDeriv(x float64) float64 { return Sigmoid(-x) }
