package special

import "math"

// The vector-Jacobian products below are the reverse-mode derivatives of the
// primitives: given the cotangent c of an output (the gradient of some
// scalar with respect to it), they return the cotangent of the input. They
// match PyTorch's autograd formulas (testdata/golden/README.md).

// SoftmaxVJP writes the vector-Jacobian product of [Softmax] into dst and
// returns dst,
//
//	dst_j = s_j·(c_j - Σ_i s_i c_i),
//
// where s = Softmax(x) is the forward output and c the cotangent of s. A nil
// dst is allocated; dst may alias s or c. It panics if the lengths differ.
func SoftmaxVJP(dst, s, c []float64) []float64 {
	if len(c) != len(s) {
		panic("special: cotangent length mismatch")
	}
	dst = sized(dst, len(s))
	var d float64
	for j, v := range s {
		d += v * c[j]
	}
	for j, v := range s {
		dst[j] = v * (c[j] - d)
	}
	return dst
}

// LogSoftmaxVJP writes the vector-Jacobian product of [LogSoftmax] into dst
// and returns dst,
//
//	dst_j = c_j - exp(l_j)·Σ_i c_i,
//
// where l = LogSoftmax(x) is the forward output (exp(l) is the softmax) and c
// the cotangent of l. A nil dst is allocated; dst may alias l or c. It panics
// if the lengths differ.
func LogSoftmaxVJP(dst, l, c []float64) []float64 {
	if len(c) != len(l) {
		panic("special: cotangent length mismatch")
	}
	dst = sized(dst, len(l))
	var sc float64
	for _, v := range c {
		sc += v
	}
	for j, v := range l {
		dst[j] = c[j] - math.Exp(v)*sc
	}
	return dst
}

// LogSumExpVJP writes the vector-Jacobian product of [LogSumExp] into dst
// and returns dst,
//
//	dst_j = c·Softmax(x)_j,
//
// where c is the cotangent of the scalar LogSumExp(x). It uses the softmax
// rather than PyTorch's exp(x_j - LogSumExp(x)), which carries the rounding
// of the log-sum-exp into every entry (a relative 1e-12 at |x| near 1e4);
// the special cases are those of [Softmax]. A nil dst is allocated; dst may
// alias x.
func LogSumExpVJP(dst, x []float64, c float64) []float64 {
	dst = Softmax(dst, x)
	for j := range dst {
		dst[j] *= c
	}
	return dst
}

// SigmoidVJP writes the vector-Jacobian product of the elementwise
// [Sigmoid] into dst and returns dst,
//
//	dst_j = c_j·σ(x_j)·(1-σ(x_j)) = c_j·SigmoidDeriv(x_j),
//
// from the input x (not the output, so that both tails keep their relative
// accuracy). A nil dst is allocated; dst may alias x or c. It panics if the
// lengths differ.
func SigmoidVJP(dst, x, c []float64) []float64 {
	if len(c) != len(x) {
		panic("special: cotangent length mismatch")
	}
	dst = sized(dst, len(x))
	for j, v := range x {
		dst[j] = c[j] * SigmoidDeriv(v)
	}
	return dst
}
