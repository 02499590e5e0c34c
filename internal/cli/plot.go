package cli

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/metrics"
	"github.com/xent-ml/xent/plot"
)

func newPlotCmd(io *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plot",
		Short: "Draw figures (PNG or SVG, chosen by the output file's extension)",
		Example: `  xent plot loss-curve --out loss.png --compare mse
  xent plot training --model model.json --out training.png
  xent plot calibration --model model.json --data test.csv --out reliability.png
  xent plot roc --model model.json --data test.csv --out roc.svg`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown figure %q: want loss-curve, training, calibration or roc", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(newPlotLossCurveCmd(io), newPlotTrainingCmd(io), newPlotCalibrationCmd(io), newPlotROCCmd(io))
	return cmd
}

// plotLossCurveOptions are the flags of `xent plot loss-curve`.
type plotLossCurveOptions struct {
	Out     string
	Compare string
}

func newPlotLossCurveCmd(io *streams) *cobra.Command {
	opts := &plotLossCurveOptions{}
	cmd := &cobra.Command{
		Use:   "loss-curve --out FILE [--compare mse]",
		Short: "Draw the log-loss curve J against the predicted probability",
		Long: `Draws the cost of one prediction against the predicted probability
φ(z) = sigmoid(z) for z in [-10, 10): -log φ when the true label is 1 and
-log(1 - φ) when it is 0. With --compare mse, the squared error of the same
prediction is drawn dashed beside it: it never exceeds 1, while cross-entropy
grows without bound as a confident prediction turns out wrong.`,
		Example: `  xent plot loss-curve --out loss.png
  xent plot loss-curve --out loss.svg --compare mse`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlotLossCurve(cmd.Context(), io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "output file, .png or .svg (required)")
	cmd.Flags().StringVar(&opts.Compare, "compare", "", `overlay another loss: "mse" (squared error)`)
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func runPlotLossCurve(_ context.Context, io *streams, opts *plotLossCurveOptions) error {
	if err := checkFigurePath(opts.Out); err != nil {
		return err
	}
	var c plot.LossCurve
	switch opts.Compare {
	case "":
	case "mse":
		c.CompareMSE = true
	default:
		return usagef("--compare %q: want mse", opts.Compare)
	}
	if err := c.Save(opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "wrote %s\n", opts.Out)
	return nil
}

// plotTrainingOptions are the flags of `xent plot training`.
type plotTrainingOptions struct {
	Model string
	Out   string
	LogY  bool
}

func newPlotTrainingCmd(io *streams) *cobra.Command {
	opts := &plotTrainingOptions{}
	cmd := &cobra.Command{
		Use:   "training --model MODEL --out FILE",
		Short: "Draw the training curve saved in a model: loss per iteration, train and validation",
		Long: `Draws the history that xent train saved in the model: the objective per
iteration for the linear models (the mean training loss per epoch for
networks), and the validation log loss when training had a validation set.`,
		Example: `  xent plot training --model model.json --out training.png
  xent plot training --model net.json --out training.svg --log`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlotTraining(cmd.Context(), io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Model, "model", "", "model file written by xent train (required)")
	cmd.Flags().StringVar(&opts.Out, "out", "", "output file, .png or .svg (required)")
	cmd.Flags().BoolVar(&opts.LogY, "log", false, "logarithmic loss axis")
	_ = cmd.MarkFlagRequired("model")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func runPlotTraining(_ context.Context, io *streams, opts *plotTrainingOptions) error {
	if err := checkFigurePath(opts.Out); err != nil {
		return err
	}
	m, _, err := loadModel(opts.Model)
	if err != nil {
		return err
	}
	if len(m.History) == 0 {
		return fmt.Errorf("%s: the model holds no training history", opts.Model)
	}
	c := plot.TrainingCurve{XLabel: "iteration", YLabel: "objective", Title: "Training curve (" + m.Kind.String() + ")", LogY: opts.LogY}
	if m.Kind.String() == "mlp" {
		c.XLabel, c.YLabel = "epoch", "log loss"
	}
	hasValid := true
	for _, h := range m.History {
		v := h.Objective
		if math.IsNaN(v) {
			v = h.Loss
		}
		c.Train = append(c.Train, v)
		c.X = append(c.X, float64(h.Iter))
		c.Valid = append(c.Valid, h.ValidationLoss)
		hasValid = hasValid && !math.IsNaN(h.ValidationLoss) && !math.IsInf(h.ValidationLoss, 0)
	}
	if !hasValid {
		c.Valid = nil
	} else if m.Kind.String() != "mlp" {
		c.TrainName, c.ValidName = "training objective", "validation log loss"
	}
	if err := c.Save(opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "wrote %s\n", opts.Out)
	return nil
}

// plotDataOptions are the flags of the plots drawn from a model and data.
type plotDataOptions struct {
	Model    string
	Input    inputFlags
	Out      string
	Bins     int
	Strategy string
	PerClass bool
}

// checkFigurePath rejects an output name without a .png or .svg
// extension before any work.
func checkFigurePath(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png", ".svg":
		return checkOutputDir(path)
	}
	return usagef("--out %s: want a .png or .svg file", path)
}

func bindPlotData(cmd *cobra.Command, opts *plotDataOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.Model, "model", "", "model file written by xent train (required)")
	opts.Input.bindInput(f, false)
	f.StringVar(&opts.Out, "out", "", "output file, .png or .svg (required)")
	_ = cmd.MarkFlagRequired("model")
	_ = cmd.MarkFlagRequired("out")
}

func newPlotCalibrationCmd(io *streams) *cobra.Command {
	opts := &plotDataOptions{}
	cmd := &cobra.Command{
		Use:   "calibration --model MODEL --data FILE --out FILE",
		Short: "Draw a reliability diagram: observed frequency against predicted probability",
		Long: `Draws the reliability diagram of the model's probabilities on labelled
data, with the number of samples per bin below it. For two classes it shows
the positive class; with more it shows the top-label confidence against the
accuracy, or with --per-class one curve per class (one-vs-rest).`,
		Example: `  xent plot calibration --model model.json --data test.csv --out reliability.png
  xent plot calibration --model softmax.json --data test.csv --per-class --bins 8 --out reliability.svg`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlotCalibration(cmd.Context(), io, opts)
		},
	}
	bindPlotData(cmd, opts)
	cmd.Flags().IntVar(&opts.Bins, "bins", 10, "number of bins")
	cmd.Flags().StringVar(&opts.Strategy, "strategy", "uniform", "bin edges: uniform or quantile")
	cmd.Flags().BoolVar(&opts.PerClass, "per-class", false, "with more than two classes, one curve per class instead of the top label")
	return cmd
}

func series(name string, c *metrics.Curve) plot.ReliabilitySeries {
	s := plot.ReliabilitySeries{Name: name, Predicted: c.ProbPred, Observed: c.ProbTrue}
	for _, b := range c.Bins {
		s.Counts = append(s.Counts, c.Weights[b])
	}
	return s
}

func runPlotCalibration(_ context.Context, io *streams, opts *plotDataOptions) error {
	if err := checkFigurePath(opts.Out); err != nil {
		return err
	}
	if err := enumFlag("strategy", opts.Strategy, "uniform", "quantile"); err != nil {
		return err
	}
	if opts.Bins < 1 || opts.Bins > maxBins {
		return usagef("--bins %d: want a number from 1 to %d", opts.Bins, maxBins)
	}
	m, d, proba, err := predictFile(io, opts.Model, &opts.Input, true, false)
	if err != nil {
		return err
	}
	k := m.NumClasses()
	cc := metrics.CalibrationCurve{NBins: opts.Bins, Labels: seq(k), SampleWeight: d.SampleWeight}
	if opts.Strategy == "quantile" {
		cc.Strategy = metrics.Quantile
	}
	fig := plot.Reliability{}
	switch {
	case k == 2:
		pos := make([]float64, len(d.Y))
		for i := range pos {
			pos[i] = proba[2*i+1]
		}
		c, err := cc.Eval(nil, d.Y, pos)
		if err != nil {
			return err
		}
		fig.Series = []plot.ReliabilitySeries{series("P("+m.Classes[1]+")", c)}
		fig.Edges = c.Edges
	case opts.PerClass:
		curves, err := cc.PerClass(nil, d.Y, proba, k)
		if err != nil {
			return err
		}
		fig.Kind = plot.PerClass
		for j := range curves {
			if len(curves[j].ProbPred) > 0 {
				fig.Series = append(fig.Series, series(m.Classes[j], &curves[j]))
			}
		}
		if opts.Strategy == "uniform" {
			fig.Edges = curves[0].Edges
		}
	default:
		c, err := cc.TopLabel(nil, d.Y, proba, k)
		if err != nil {
			return err
		}
		fig.Kind = plot.TopLabel
		fig.Series = []plot.ReliabilitySeries{series("top label", c)}
		fig.Edges = c.Edges
	}
	if err := fig.Save(opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "wrote %s\n", opts.Out)
	return nil
}

func newPlotROCCmd(io *streams) *cobra.Command {
	opts := &plotDataOptions{}
	cmd := &cobra.Command{
		Use:     "roc --model MODEL --data FILE --out FILE",
		Short:   "Draw the ROC curve (one-vs-rest curves with more than two classes)",
		Example: `  xent plot roc --model model.json --data test.csv --out roc.png`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlotROC(cmd.Context(), io, opts)
		},
	}
	bindPlotData(cmd, opts)
	return cmd
}

func runPlotROC(_ context.Context, io *streams, opts *plotDataOptions) error {
	if err := checkFigurePath(opts.Out); err != nil {
		return err
	}
	m, d, proba, err := predictFile(io, opts.Model, &opts.Input, true, false)
	if err != nil {
		return err
	}
	k := m.NumClasses()
	var fig plot.ROC
	first := 1
	if k > 2 {
		first = 0
	}
	for j := first; j < k; j++ {
		score := make([]float64, len(d.Y))
		y := make([]int, len(d.Y))
		for i := range score {
			score[i] = proba[i*k+j]
			if d.Y[i] == j {
				y[i] = 1
			}
		}
		r := metrics.ROCAUC{Labels: []int{0, 1}, SampleWeight: d.SampleWeight}
		fpr, tpr, _, err := r.Curve(nil, nil, nil, y, score)
		if err != nil {
			return fmt.Errorf("%s: ROC curve of class %s: %w", opts.Input.Data, m.Classes[j], err)
		}
		auc, err := r.Eval(y, score, 1)
		if err != nil {
			return fmt.Errorf("%s: ROC curve of class %s: %w", opts.Input.Data, m.Classes[j], err)
		}
		fig.Series = append(fig.Series, plot.ROCSeries{Name: strings.TrimSpace(m.Classes[j]), FPR: fpr, TPR: tpr, AUC: auc})
	}
	if err := fig.Save(opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "wrote %s\n", opts.Out)
	return nil
}
