package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/demodata"
	"github.com/xent-ml/xent/linear"
	"github.com/xent-ml/xent/metrics"
	"github.com/xent-ml/xent/plot"
	"github.com/xent-ml/xent/solve"
)

// demoOptions are the flags of `xent demo`.
type demoOptions struct {
	Out     string
	C       float64
	Tol     float64
	MaxIter int
	Quiet   bool
}

func newDemoCmd(io *streams) *cobra.Command {
	opts := &demoOptions{}
	cmd := &cobra.Command{
		Use:   "demo [--out DIR]",
		Short: "Train logistic regression on the embedded breast cancer data and draw the plots",
		Long: `Trains binary logistic regression (the sigmoid hypothesis with the
cross-entropy cost) by batch gradient descent on the Breast Cancer Wisconsin
(Diagnostic) data set embedded in xent (569 samples, 30 features; UCI, CC BY
4.0). The data are split 75/25 with a fixed stratified rule (every 4th sample
of each class is a test sample) and standardized with the training rows'
mean and standard deviation. The objective is scikit-learn's:
C · Σ log loss + ½‖w‖², intercept unpenalized.

Prints the train and test log loss and accuracy and writes two figures into
DIR: the log-loss curve (loss-curve.png) and the training curve
(training-curve.png).`,
		Example: `  xent demo
  xent demo --out plots
  xent demo --C 0.1 --out plots`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), io, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", ".", "folder for the figures (created if missing)")
	f.Float64Var(&opts.C, "C", 1, "inverse regularization strength, as scikit-learn's C")
	f.Float64Var(&opts.Tol, "tol", 1e-6, "stop when the gradient norm falls below tol times its initial value")
	f.IntVar(&opts.MaxIter, "max-iter", 5000, "maximum number of gradient-descent iterations")
	f.BoolVar(&opts.Quiet, "quiet", false, "no progress bar")
	return cmd
}

func runDemo(ctx context.Context, io *streams, opts *demoOptions) error {
	if !(opts.C > 0) {
		return usagef("--C %v: want a positive number", opts.C)
	}
	if !(opts.Tol > 0) {
		return usagef("--tol %v: want a positive number", opts.Tol)
	}
	if opts.MaxIter <= 0 {
		return usagef("--max-iter %d: want a positive number", opts.MaxIter)
	}
	tab, err := demodata.BreastCancer()
	if err != nil {
		return err
	}
	split := demodata.StratifiedSplit(tab)
	xTrain, err := data.NewDense(split.Train.Rows, split.Train.Cols, split.Train.X)
	if err != nil {
		return err
	}
	xTest, err := data.NewDense(split.Test.Rows, split.Test.Cols, split.Test.X)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return err
	}

	fmt.Fprintf(io.Out, "Logistic regression on breast cancer (Wisconsin diagnostic): %d samples × %d features\n", tab.Rows, tab.Cols)
	fmt.Fprintf(io.Out, "  split     %d train / %d test, stratified; standardized with the training rows' statistics\n", split.Train.Rows, split.Test.Rows)
	fmt.Fprintf(io.Out, "  model     P(benign | x) = sigmoid(x·w + b)\n")
	fmt.Fprintf(io.Out, "  cost      C · Σ log loss + ½‖w‖², C = %g (scikit-learn's C), intercept unpenalized\n", opts.C)

	// The training curve: mean log loss on both sets after each iteration.
	var trainCurve, testCurve []float64
	meanLogLoss := func(x data.Matrix, y []int, w []float64) float64 {
		m := &linear.Model{Coef: w[:len(w)-1], Intercept: w[len(w)-1:]}
		p, _ := m.PredictProba(nil, x)
		s, _ := metrics.Binary(y, positiveColumn(p))
		return s.LogLoss
	}
	bar := newProgress(io.Err, opts.MaxIter, "training", opts.Quiet)
	start := time.Now()
	model, err := linear.Logistic{
		C:       opts.C,
		Solver:  linear.GD,
		Tol:     opts.Tol,
		MaxIter: opts.MaxIter,
		Callback: func(it solve.Iteration) bool {
			trainCurve = append(trainCurve, meanLogLoss(xTrain, split.Train.Y, it.X))
			testCurve = append(testCurve, meanLogLoss(xTest, split.Test.Y, it.X))
			bar.Set(it.Iter, fmt.Sprintf("training: log loss %.5f", trainCurve[len(trainCurve)-1]))
			return false
		},
	}.Fit(ctx, xTrain, split.Train.Y, nil)
	bar.Done()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	res := model.Result
	fmt.Fprintf(io.Out, "  solver    batch gradient descent with a line search: %s after %d iterations (%.3f s)\n",
		res.Status, res.Iterations, elapsed.Seconds())
	if res.Status == solve.LineSearchFailed && res.Iterations == 0 {
		return fmt.Errorf("gradient descent failed: no step from the starting point lowered the objective (--C %g)", opts.C)
	}
	if !res.Converged {
		fmt.Fprintf(io.Err, "xent: warning: gradient descent did not converge (%s); raise --max-iter or --tol\n", res.Status)
	}

	fmt.Fprintf(io.Out, "\n           log loss   accuracy\n")
	for _, set := range []struct {
		name string
		x    data.Matrix
		y    []int
	}{{"train", xTrain, split.Train.Y}, {"test", xTest, split.Test.Y}} {
		proba, err := model.PredictProba(nil, set.x)
		if err != nil {
			return err
		}
		s, err := metrics.Binary(set.y, positiveColumn(proba))
		if err != nil {
			return err
		}
		fmt.Fprintf(io.Out, "  %-7s  %9.6f   %8.4f\n", set.name, s.LogLoss, s.Accuracy)
	}
	fmt.Fprintln(io.Out)

	lossPath := filepath.Join(opts.Out, "loss-curve.png")
	if err := (plot.LossCurve{CompareMSE: true}).Save(lossPath); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "wrote %s (log loss and squared error against the predicted probability)\n", lossPath)
	trainPath := filepath.Join(opts.Out, "training-curve.png")
	curve := plot.TrainingCurve{
		Train:     trainCurve,
		Valid:     testCurve,
		XLabel:    "gradient-descent iteration",
		YLabel:    "mean log loss",
		Title:     "Logistic regression on breast cancer",
		TrainName: "train",
		ValidName: "test",
		LogY:      true,
	}
	if len(trainCurve) > 0 {
		if err := curve.Save(trainPath); err != nil {
			return err
		}
		fmt.Fprintf(io.Out, "wrote %s (log loss per iteration, train and test)\n", trainPath)
	}
	return nil
}

// positiveColumn returns P(y = 1) from the n×2 rows of a binary model's
// PredictProba.
func positiveColumn(proba []float64) []float64 {
	p := make([]float64, len(proba)/2)
	for i := range p {
		p[i] = proba[2*i+1]
	}
	return p
}
