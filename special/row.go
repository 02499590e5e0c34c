package special

import "math"

// rowMax returns the largest entry of a non-empty x and its index. NaN
// entries are skipped unless x[0] is NaN, in which case m is NaN.
func rowMax(x []float64) (m float64, k int) {
	m = x[0]
	for j := 1; j < len(x); j++ {
		if x[j] > m {
			m, k = x[j], j
		}
	}
	return m, k
}

func hasNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// sumExpOthers returns Σ_{j≠k} exp(x_j - m).
func sumExpOthers(x []float64, m float64, k int) float64 {
	var s float64
	for _, v := range x[:k] {
		s += math.Exp(v - m)
	}
	for _, v := range x[k+1:] {
		s += math.Exp(v - m)
	}
	return s
}

// LogSumExp returns log Σ_j exp(x_j), computed as
//
//	m + log1p(Σ_{j≠k} exp(x_j - m)),  m = x_k = max_j x_j,
//
// which cannot overflow and keeps full accuracy when one entry dominates
// (Blanchard, Higham and Higham 2021). Its absolute error is below
// 2⁻⁵²·(1+|result|) plus 2⁻⁵³ per entry, at most about 4 ulp of the result
// when |result| ≥ 1. It does not allocate.
//
// Special cases are:
//
//	LogSumExp([]) = -Inf
//	LogSumExp(x) = NaN if any x_j is NaN
//	LogSumExp(x) = +Inf if any x_j is +Inf (and none is NaN)
//	LogSumExp(x) = -Inf if every x_j is -Inf
func LogSumExp(x []float64) float64 {
	if len(x) == 0 {
		return math.Inf(-1)
	}
	m, k := rowMax(x)
	if math.IsInf(m, 0) || m != m {
		if hasNaN(x) {
			return math.NaN()
		}
		return m
	}
	return m + math.Log1p(sumExpOthers(x, m, k))
}

// Softmax writes the softmax of x into dst and returns dst,
//
//	dst_j = exp(x_j - m) / Σ_i exp(x_i - m),  m = max_i x_i.
//
// A nil dst is allocated; otherwise len(dst) must equal len(x), and dst may
// alias x. The entries are nonnegative, never overflow, and sum to 1 within
// len(x)·2⁻⁵³; each is within a relative 4·2⁻⁵³·(2+|x_j-m|) of the exact
// value of the rounded input. It does not allocate when dst is given.
//
// Special cases are:
//
//	Softmax(x) = all NaN if any x_j is NaN
//	Softmax(x) = 1 at j and 0 elsewhere if x_j = +Inf is the only infinite maximum
//	Softmax(x) = NaN at the +Inf entries and 0 elsewhere if two or more are +Inf
//	Softmax(x) = all NaN if every x_j is -Inf
//	Softmax(x)_j = 0 where x_j = -Inf and some entry is finite
func Softmax(dst, x []float64) []float64 {
	dst = sized(dst, len(x))
	if len(x) == 0 {
		return dst
	}
	m, _ := rowMax(x)
	if m > math.MaxFloat64 {
		softmaxPosInf(dst, x, false)
		return dst
	}
	var s float64
	for j, v := range x {
		e := math.Exp(v - m)
		dst[j] = e
		s += e
	}
	inv := 1 / s
	for j := range dst {
		dst[j] *= inv
	}
	return dst
}

// LogSoftmax writes the log-softmax of x into dst and returns dst,
//
//	dst_j = x_j - LogSumExp(x) = (x_j - m) - log1p(Σ_{i≠k} exp(x_i - m)),
//
// with m = x_k the largest entry. A nil dst is allocated; otherwise
// len(dst) must equal len(x), and dst may alias x. Each entry is within
// 2⁻⁵²·(2+|x_j-m|) absolute of the exact value of the rounded input, so it
// is finite for every finite input whose differences x_j - m are finite
// (entries 1e300 apart give -2e300; -MaxFloat64 next to MaxFloat64 gives the
// rounded -Inf). It does not allocate when dst is given.
//
// Special cases are:
//
//	LogSoftmax(x) = all NaN if any x_j is NaN
//	LogSoftmax(x) = 0 at j and -Inf elsewhere if x_j = +Inf is the only +Inf entry
//	LogSoftmax(x) = NaN at the +Inf entries and -Inf elsewhere if two or more are +Inf
//	LogSoftmax(x) = all NaN if every x_j is -Inf
//	LogSoftmax(x)_j = -Inf where x_j = -Inf and some entry is finite
func LogSoftmax(dst, x []float64) []float64 {
	dst = sized(dst, len(x))
	if len(x) == 0 {
		return dst
	}
	m, k := rowMax(x)
	if m > math.MaxFloat64 {
		softmaxPosInf(dst, x, true)
		return dst
	}
	ls := math.Log1p(sumExpOthers(x, m, k))
	for j, v := range x {
		dst[j] = (v - m) - ls
	}
	return dst
}

// softmaxPosInf handles a row whose maximum is +Inf: the limit described
// under Softmax and LogSoftmax.
func softmaxPosInf(dst, x []float64, log bool) {
	nan := hasNaN(x)
	ninf := 0
	for _, v := range x {
		if v > math.MaxFloat64 {
			ninf++
		}
	}
	lo, hi := 0.0, 1.0
	if log {
		lo, hi = math.Inf(-1), 0
	}
	for j, v := range x {
		switch {
		case nan:
			dst[j] = math.NaN()
		case v <= math.MaxFloat64:
			dst[j] = lo
		case ninf == 1:
			dst[j] = hi
		default:
			dst[j] = math.NaN()
		}
	}
}

func sized(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic("special: destination length mismatch")
	}
	return dst
}

func checkRows(x []float64, n, c int) {
	if n < 0 || c < 0 || len(x) != n*c {
		panic("special: matrix length is not n×c")
	}
}

// LogSumExpRows writes [LogSumExp] of each row of the n×c row-major matrix x
// into dst (length n) and returns dst. A nil dst is allocated. It panics if
// len(x) != n·c.
func LogSumExpRows(dst, x []float64, n, c int) []float64 {
	checkRows(x, n, c)
	dst = sized(dst, n)
	for i := range n {
		dst[i] = LogSumExp(x[i*c : (i+1)*c])
	}
	return dst
}

// SoftmaxRows writes [Softmax] of each row of the n×c row-major matrix x
// into dst (n×c) and returns dst. A nil dst is allocated; dst may alias x.
// It panics if len(x) != n·c.
func SoftmaxRows(dst, x []float64, n, c int) []float64 {
	checkRows(x, n, c)
	dst = sized(dst, n*c)
	for i := range n {
		Softmax(dst[i*c:(i+1)*c], x[i*c:(i+1)*c])
	}
	return dst
}

// LogSoftmaxRows writes [LogSoftmax] of each row of the n×c row-major matrix
// x into dst (n×c) and returns dst. A nil dst is allocated; dst may alias x.
// It panics if len(x) != n·c.
func LogSoftmaxRows(dst, x []float64, n, c int) []float64 {
	checkRows(x, n, c)
	dst = sized(dst, n*c)
	for i := range n {
		LogSoftmax(dst[i*c:(i+1)*c], x[i*c:(i+1)*c])
	}
	return dst
}
