package vec

import "math"

// ln2Hi + ln2Lo = ln 2, ln2Hi with its low 32 bits zero so that k·ln2Hi is
// exact for the k of ExpNonPos (|k| < 2¹¹).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// ExpNonPos returns eˣ for x ≤ 0 (and NaN for NaN) within 2 ulp of
// math.Exp, with a shorter chain of dependent operations: eˣ = 2ᵏ·eʳ with
// k = round(x/ln 2), |r| ≤ ln 2/2, and eʳ = 1 + (r + r²·Q(r)), Q the
// Taylor polynomial of degree 11 (truncation 5e-18) evaluated by Estrin's
// scheme with fused multiply-adds. On the comparison suite's machine (AMD
// EPYC) math.Exp took 30 ns from argument to result and this function 14
// ns, when a binary model's gradient pass waited for one exponential per
// row. The vector kernel of LogisticRows takes the same steps four rows at
// a time. Arguments below −708, whose results are subnormal or zero, go to
// math.Exp. TestExpNonPos and FuzzExpNonPos hold it to 2 ulp of
// math.Exp.
func ExpNonPos(x float64) float64 {
	if !(x >= -708) {
		return math.Exp(x)
	}
	const shift = 0x1.8p52 // adding and subtracting it rounds to an integer
	// The conversions keep the compiler from fusing the multiply and the
	// add (GOAMD64=v3), so that logisticRowsAVX2 makes the same bits.
	kf := (float64(x*math.Log2E) + shift) - shift
	r := math.FMA(-kf, ln2Hi, x)
	r = math.FMA(-kf, ln2Lo, r)
	r2 := r * r
	r4 := r2 * r2
	r8 := r4 * r4
	q01 := math.FMA(r, 1.0/6, 0.5)
	q23 := math.FMA(r, 1.0/120, 1.0/24)
	q45 := math.FMA(r, 1.0/5040, 1.0/720)
	q67 := math.FMA(r, 1.0/362880, 1.0/40320)
	q89 := math.FMA(r, 1.0/39916800, 1.0/3628800)
	qab := math.FMA(r, 1.0/6227020800, 1.0/479001600)
	q03 := math.FMA(r2, q23, q01)
	q47 := math.FMA(r2, q67, q45)
	q8b := math.FMA(r2, qab, q89)
	q07 := math.FMA(r4, q47, q03)
	q := math.FMA(r8, q8b, q07)
	// The small tail is rounded first and the 1 last.
	p := 1 + math.FMA(r2, q, r)
	return p * math.Float64frombits(uint64(int64(kf)+1023)<<52)
}

// Logistic returns, for the weighted log loss a·softplus(−s) + c·softplus(s)
// of a row with score s (a and c its weights as a positive and as a
// negative example), the parts that need no logarithm: e = exp(−|s|), the
// linear part lin = a·max(−s, 0) + c·max(s, 0) of the loss, which is
// (a+c)·log1p(e) + lin, the first derivative d = c·σ(s) − a·σ(−s) and the
// second h = (a+c)·σ(s)·σ(−s). All are finite for every finite s and keep
// their relative accuracy in both tails. [LogisticRows] is the same over a
// block of rows.
func Logistic(a, c, s float64) (e, lin, d, h float64) {
	e = ExpNonPos(-math.Abs(s))
	big := 1 / (1 + e) // σ(|s|)
	small := e * big   // σ(−|s|)
	h = (a + c) * big * small
	if s >= 0 {
		// softplus(s) = s + l, softplus(−s) = l, σ(s) = big.
		return e, c * s, float64(c*big) - float64(a*small), h
	}
	return e, -a * s, float64(c*small) - float64(a*big), h
}

// LogisticSums holds the running sums of [LogisticRows], in four lanes
// (row r of a call goes to lane r mod 4, as the vector kernel takes
// them): Lin and D sum the rows' linear losses and first derivatives, and
// P holds Π(1+e) − 1 over the rows, built as P ← P + e + P·e (one fused
// multiply-add), which keeps its relative accuracy however small the e:
// Σ log1p(e) = log1p(P). A lane's P stays below 2ⁿ for n rows.
type LogisticSums struct {
	Lin, D, P [4]float64
}

// TakeP returns Π over the lanes of (1+P[l]) − 1, built as the lanes
// were, and clears the P lanes.
func (s *LogisticSums) TakeP() float64 {
	var p float64
	for l, v := range s.P {
		p = math.FMA(p, v, p+v)
		s.P[l] = 0
	}
	return p
}

// LogisticRows sets, for each row r with score s = z[r]+b and weights a =
// pos[r], c = neg[r], e[r], z[r] = d and h[r] from [Logistic](a, c, s) (the
// residuals replace the scores), and adds the rows' lin and d and folds
// their e into sums. All five slices have the same length. With the
// vector kernels it takes four rows at a time (the same operations as
// Logistic and the lanes, so the same bits) when every |s| ≤ 708, where
// exp(−|s|) is normal; other rows go one by one.
func LogisticRows(z, pos, neg, e, h []float64, b float64, sums *LogisticSums) {
	n := len(z)
	if len(pos) != n || len(neg) != n || len(e) != n || len(h) != n {
		panic("vec: LogisticRows: lengths differ")
	}
	m := 0
	if useAsm {
		m = n &^ 3
		for _, v := range z[:m] {
			if !(math.Abs(v+b) <= 708) {
				m = 0
				break
			}
		}
		if m > 0 {
			logisticRowsAVX2(z[:m], pos[:m], neg[:m], e[:m], h[:m], b, sums)
		}
	}
	for r := m; r < n; r++ {
		var lin float64
		e[r], lin, z[r], h[r] = Logistic(pos[r], neg[r], z[r]+b)
		l := r & 3
		sums.Lin[l] += lin
		sums.D[l] += z[r]
		sums.P[l] = math.FMA(sums.P[l], e[r], sums.P[l]+e[r])
	}
}
