package plot

import (
	"math"
	"math/rand/v2"
	"slices"
)

// saver is what every figure type implements.
type saver interface{ Save(path string) error }

// sampleFigures returns one figure of each kind, and variants, with
// realistic seeded data.
func sampleFigures() map[string]saver {
	train, valid := sampleHistory(30)
	longTrain, _ := sampleHistory(300)
	good := sampleScores(1, 2000, 1.1, 1)   // well separated, calibrated
	weak := sampleScores(2, 2000, 0.6, 2.2) // weaker, overconfident
	edges := uniformEdges(10)
	return map[string]saver{
		"losscurve":     LossCurve{},
		"losscurve_mse": LossCurve{CompareMSE: true},
		"training":      TrainingCurve{Train: train, Valid: valid},
		"training_logy": TrainingCurve{Train: train, Valid: valid, LogY: true, YLabel: "log loss"},
		"training_long": TrainingCurve{Train: longTrain, YLabel: "objective", Title: "L-BFGS", XLabel: "iteration", LogY: true},
		"roc": ROC{Series: []ROCSeries{
			rocOf("logistic", good),
		}},
		"roc_compare": ROC{Series: []ROCSeries{
			rocOf("logistic regression", good),
			rocOf("MLP", weak),
			{Name: "perfect", FPR: []float64{0, 0, 1}, TPR: []float64{0, 1, 1}},
		}},
		"reliability": Reliability{Series: []ReliabilitySeries{
			binsOf("logistic", good, edges),
		}},
		"reliability_compare": Reliability{Series: []ReliabilitySeries{
			binsOf("logistic", good, edges),
			binsOf("MLP", weak, edges),
		}},
		"reliability_nocounts": Reliability{Series: []ReliabilitySeries{
			func() ReliabilitySeries { s := binsOf("logistic", good, edges); s.Counts = nil; return s }(),
		}},
		"reliability_perclass": Reliability{Kind: PerClass, Series: []ReliabilitySeries{
			binsOf("setosa", sampleScores(3, 600, 1.8, 1), edges),
			binsOf("versicolor", sampleScores(4, 600, 0.5, 0.6), edges),
			binsOf("virginica", sampleScores(5, 600, 0.8, 1.6), edges),
		}},
		"reliability_toplabel": Reliability{Kind: TopLabel, Edges: uniformEdges(15), Series: []ReliabilitySeries{
			topLabelBins(6, 5000, uniformEdges(15)),
		}},
	}
}

// scored is a labelled probability.
type scored struct {
	p float64
	y int
}

// sampleScores draws n labels with P(y=1) = 1/2 and features
// x ~ N(±m, 1), whose true log-odds are 2·m·x, and predicts the logit
// temper·2·m·x: calibrated for temper = 1, overconfident above. Seeded.
func sampleScores(seed uint64, n int, m, temper float64) []scored {
	r := rand.New(rand.NewPCG(seed, 99))
	out := make([]scored, n)
	for i := range out {
		y := r.IntN(2)
		x := r.NormFloat64() - m
		if y == 1 {
			x += 2 * m
		}
		z := temper * 2 * m * x
		out[i] = scored{p: 1 / (1 + math.Exp(-z)), y: y}
	}
	return out
}

// rocOf returns the ROC curve of s as scikit-learn's roc_curve builds it
// (drop_intermediate=false), with AUC left to the figure.
func rocOf(name string, s []scored) ROCSeries {
	s = slices.Clone(s)
	slices.SortFunc(s, func(a, b scored) int { return cmpFloat(b.p, a.p) })
	var pos, neg float64
	for _, v := range s {
		if v.y == 1 {
			pos++
		} else {
			neg++
		}
	}
	fpr, tpr := []float64{0}, []float64{0}
	var tp, fp float64
	for i, v := range s {
		if v.y == 1 {
			tp++
		} else {
			fp++
		}
		if i == len(s)-1 || s[i+1].p != v.p {
			fpr = append(fpr, fp/neg)
			tpr = append(tpr, tp/pos)
		}
	}
	return ROCSeries{Name: name, FPR: fpr, TPR: tpr}
}

func uniformEdges(n int) []float64 {
	e := make([]float64, n+1)
	for i := range e {
		e[i] = float64(i) / float64(n)
	}
	return e
}

// binsOf returns the calibration curve of s over edges, dropping empty
// bins, as scikit-learn's calibration_curve, with the counts.
func binsOf(name string, s []scored, edges []float64) ReliabilitySeries {
	nb := len(edges) - 1
	sumP, sumY, cnt := make([]float64, nb), make([]float64, nb), make([]float64, nb)
	for _, v := range s {
		j, _ := binOf(edges, v.p)
		sumP[j] += v.p
		sumY[j] += float64(v.y)
		cnt[j]++
	}
	out := ReliabilitySeries{Name: name}
	for j := range nb {
		if cnt[j] == 0 {
			continue
		}
		out.Predicted = append(out.Predicted, sumP[j]/cnt[j])
		out.Observed = append(out.Observed, sumY[j]/cnt[j])
		out.Counts = append(out.Counts, cnt[j])
	}
	return out
}

// topLabelBins simulates a 4-class overconfident classifier: confidence
// c in [1/4, 1], correct with probability below c.
func topLabelBins(seed uint64, n int, edges []float64) ReliabilitySeries {
	r := rand.New(rand.NewPCG(seed, 7))
	s := make([]scored, n)
	for i := range s {
		c := 0.25 + 0.75*math.Pow(r.Float64(), 0.35)
		acc := 0.25 + 0.75*math.Pow((c-0.25)/0.75, 1.8)
		y := 0
		if r.Float64() < acc {
			y = 1
		}
		s[i] = scored{p: c, y: y}
	}
	return binsOf("4-class MLP", s, edges)
}

// sampleHistory returns a smooth, noisy, seeded loss history of n epochs:
// training keeps falling, validation levels off above it.
func sampleHistory(n int) (train, valid []float64) {
	r := rand.New(rand.NewPCG(12345, 1))
	for i := range n {
		e := float64(i)
		train = append(train, 0.08+0.62*math.Exp(-e/6)+0.01*(r.Float64()-0.5))
		valid = append(valid, 0.14+0.58*math.Exp(-e/7)+0.0025*math.Max(0, e-12)+0.015*(r.Float64()-0.5))
	}
	return train, valid
}
