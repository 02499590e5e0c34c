package calibrate

import "math"

// tiny is the smallest normal float64, 2⁻¹⁰²²: probabilities are clipped
// below at tiny before logarithms.
const tiny = 0x1p-1022

// logp returns log(max(p, tiny)).
func logp(p float64) float64 { return math.Log(max(p, tiny)) }

// binaryLogit returns log p₁ − log p₀ for a two-class row.
func binaryLogit(p0, p1 float64) float64 { return logp(p1) - logp(p0) }

// ovrLogit returns log p − log(1 − p), with log(1 − p) as log1p(−p) clipped
// below at log 2⁻¹⁰²².
func ovrLogit(p float64) float64 { return logp(p) - max(math.Log1p(-p), logTiny) }

// logTiny is log 2⁻¹⁰²².
var logTiny = math.Log(tiny)

// sigmoid returns 1/(1+exp(−x)) without overflow.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// softplus returns log(1+exp(x)) without overflow or cancellation.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// normalize divides the row by its sum, or sets it to the uniform
// distribution when the sum is 0, then sets entries in (1, 1+1e-5] to 1, as
// scikit-learn's _CalibratedClassifier.predict_proba.
func normalize(row []float64) {
	s := 0.0
	for _, v := range row {
		s += v
	}
	if s == 0 {
		u := 1 / float64(len(row))
		for j := range row {
			row[j] = u
		}
		return
	}
	for j := range row {
		row[j] /= s
		if row[j] > 1 && row[j] <= 1+1e-5 {
			row[j] = 1
		}
	}
}
