package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/calibrate"
	"github.com/xent-ml/xent/metrics"
)

// calibrateOptions are the flags of `xent calibrate`.
type calibrateOptions struct {
	Model  string
	Input  inputFlags
	Method string
	Out    string
}

func newCalibrateCmd(s *streams) *cobra.Command {
	opts := &calibrateOptions{}
	cmd := &cobra.Command{
		Use:   "calibrate --model MODEL --data VALID --method temperature|platt|isotonic --out MODEL2",
		Short: "Fit a post-hoc calibration on held-out data and save it in a new model file",
		Long: `Fits a calibration of the model's probabilities by minimizing log loss on
held-out labelled data (never the training data) and writes a copy of the
model with the calibration inside; predict and eval then apply it.

Methods:
  temperature  one temperature T for all classes: softmax(log p / T) (Guo et al. 2017)
  platt        sigmoid(a·logit(p) + b) per class, as scikit-learn's method="sigmoid"
  isotonic     a non-decreasing piecewise linear map per class, as scikit-learn's method="isotonic"

A calibration already in the model is replaced (fitted on the raw
probabilities).`,
		Example: `  xent calibrate --model model.json --data valid.csv --method temperature --out calibrated.json
  xent calibrate --model model.json --data valid.svm --method isotonic --out calibrated.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCalibrate(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Model, "model", "", "model file written by xent train (required)")
	opts.Input.bindInput(f, false)
	f.StringVar(&opts.Method, "method", "temperature", "temperature, platt or isotonic")
	f.StringVar(&opts.Out, "out", "", "calibrated model file to write (required); written atomically")
	return cmd
}

func runCalibrate(_ context.Context, s *streams, opts *calibrateOptions) error {
	if err := enumFlag("method", opts.Method, "temperature", "platt", "isotonic"); err != nil {
		return err
	}
	if opts.Out == "" {
		return usagef("--out is required")
	}
	if err := checkOutput("out", opts.Out, opts.Model, opts.Input.Data); err != nil {
		return err
	}
	method, err := calibrate.ParseMethod(opts.Method)
	if err != nil {
		return usagef("--method %q: %v", opts.Method, err)
	}
	m, d, raw, err := predictFile(s, opts.Model, &opts.Input, true, true)
	if err != nil {
		return err
	}
	k := m.NumClasses()
	c := calibrate.New(method)
	if err := c.Fit(raw, k, d.Y, d.SampleWeight); err != nil {
		return fmt.Errorf("%s: %w", opts.Input.Data, err)
	}
	if m.Calibration, err = calibrate.ModelOf(c); err != nil {
		return err
	}
	calibrated, err := m.PredictProba(nil, d.X)
	if err != nil {
		return err
	}
	ll := metrics.LogLoss{Labels: seq(k), SampleWeight: d.SampleWeight}
	before, err := ll.Eval(d.Y, raw, k)
	if err != nil {
		return err
	}
	after, err := ll.Eval(d.Y, calibrated, k)
	if err != nil {
		return err
	}
	if err := m.Save(opts.Out); err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "%s calibration on %d samples: log loss %.6f before, %.6f after\n", opts.Method, len(d.Y), before, after)
	if t, ok := c.(*calibrate.Temperature); ok {
		fmt.Fprintf(s.Out, "  temperature T = %.6g\n", t.T)
	}
	fmt.Fprintf(s.Out, "wrote %s\n", opts.Out)
	return nil
}
