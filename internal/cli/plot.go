package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/plot"
)

func newPlotCmd(io *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plot",
		Short: "Draw figures (PNG or SVG, chosen by the output file's extension)",
		Example: `  xent plot loss-curve --out loss.png
  xent plot loss-curve --out loss.svg --compare mse`,
		Args: noArgs,
	}
	cmd.AddCommand(newPlotLossCurveCmd(io))
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
