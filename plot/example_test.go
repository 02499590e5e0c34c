package plot_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xent-ml/xent/plot"
)

// The log-loss curve, with the squared error for comparison, as a PNG.
func ExampleLossCurve() {
	dir, err := os.MkdirTemp("", "xent-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "logloss.png")
	if err := (plot.LossCurve{CompareMSE: true}).Save(path); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("wrote", filepath.Base(path))
	// Output: wrote logloss.png
}

// A training history with a validation curve, as an SVG.
func ExampleTrainingCurve() {
	dir, err := os.MkdirTemp("", "xent-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	fig := plot.TrainingCurve{
		Train: []float64{0.69, 0.41, 0.30, 0.25, 0.22},
		Valid: []float64{0.69, 0.45, 0.36, 0.33, 0.33},
		X:     []float64{1, 2, 3, 4, 5},
		LogY:  true,
	}
	path := filepath.Join(dir, "history.svg")
	if err := fig.Save(path); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("wrote", filepath.Base(path))
	// Output: wrote history.svg
}

// An ROC curve whose AUC the figure computes, and what a bad input gives.
func ExampleROC() {
	dir, err := os.MkdirTemp("", "xent-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	fig := plot.ROC{Series: []plot.ROCSeries{{
		Name: "logistic",
		FPR:  []float64{0, 0, 0.25, 0.5, 1},
		TPR:  []float64{0, 0.5, 0.75, 1, 1},
	}}}
	if err := fig.Save(filepath.Join(dir, "roc.png")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("wrote roc.png")

	fig.Series[0].TPR[2] = 0.25
	fmt.Println(fig.Save(filepath.Join(dir, "roc.png")))
	// Output:
	// wrote roc.png
	// plot: Series[0].TPR[2] = 0.25 < TPR[1] = 0.5, want nondecreasing: not in order
}

// A binary reliability diagram with its count histogram, from the output of
// scikit-learn's calibration_curve and the bin counts.
func ExampleReliability() {
	dir, err := os.MkdirTemp("", "xent-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	fig := plot.Reliability{
		Series: []plot.ReliabilitySeries{{
			Name:      "logistic",
			Predicted: []float64{0.05, 0.28, 0.52, 0.74, 0.95},
			Observed:  []float64{0.03, 0.31, 0.49, 0.80, 0.97},
			Counts:    []float64{410, 95, 60, 88, 347},
		}},
		Edges: []float64{0, 0.2, 0.4, 0.6, 0.8, 1},
	}
	path := filepath.Join(dir, "reliability.png")
	if err := fig.Save(path); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("wrote", filepath.Base(path))
	// Output: wrote reliability.png
}
