package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/linear"
	"github.com/xent-ml/xent/tune"
)

// cvOptions are the flags of `xent cv`.
type cvOptions struct {
	Input       inputFlags
	Model       string
	Folds       int
	Cs          string
	Penalty     string
	L1Ratio     float64
	ClassWeight string
	Tol         float64
	MaxIter     int
	Shuffle     bool
	Seed        uint64
	Quiet       bool
	JSON        bool
}

func newCVCmd(s *streams) *cobra.Command {
	opts := &cvOptions{}
	cmd := &cobra.Command{
		Use:   "cv --data FILE --model logistic|softmax --folds 5 --C 0.01,0.1,1,10",
		Short: "Pick C by stratified k-fold cross-validated log loss",
		Long: `Cross-validates a linear model over a path of C values with stratified
k-fold splits, warm-starting each fit from the previous C's solution (as
scikit-learn's LogisticRegressionCV), and prints the mean and standard
deviation of the held-out log loss per C and the best C.`,
		Example: `  xent cv --data train.csv --model logistic --folds 5 --C 0.01,0.1,1,10
  xent cv --data train.svm --model softmax --C 0.1,1,10 --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCV(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	opts.Input.bindInput(f, true)
	f.StringVar(&opts.Model, "model", "logistic", "logistic or softmax")
	f.IntVar(&opts.Folds, "folds", 5, "number of stratified folds")
	f.StringVar(&opts.Cs, "C", "", "values of C, comma-separated, in path order (default: 10 values from 1e-4 to 1e4, as scikit-learn)")
	f.StringVar(&opts.Penalty, "penalty", "l2", "l2, l1, elasticnet or none")
	f.Float64Var(&opts.L1Ratio, "l1-ratio", 0.5, "elasticnet mixing r in [0, 1]")
	f.StringVar(&opts.ClassWeight, "class-weight", "", `"balanced" or one weight per class, comma-separated`)
	f.Float64Var(&opts.Tol, "tol", 1e-6, "stopping tolerance of each fit (relative gradient norm)")
	f.IntVar(&opts.MaxIter, "max-iter", 1000, "maximum iterations of each fit")
	f.BoolVar(&opts.Shuffle, "shuffle", false, "shuffle the fold assignment (seeded by --seed)")
	f.Uint64Var(&opts.Seed, "seed", 0, "random seed for --shuffle")
	f.BoolVar(&opts.Quiet, "quiet", false, "no progress bar")
	f.BoolVar(&opts.JSON, "json", false, "print the table as JSON on standard output")
	return cmd
}

func runCV(ctx context.Context, s *streams, opts *cvOptions) error {
	if err := enumFlag("model", opts.Model, "logistic", "softmax"); err != nil {
		return err
	}
	if err := enumFlag("penalty", opts.Penalty, "l2", "l1", "elasticnet", "none"); err != nil {
		return err
	}
	switch {
	case opts.Folds < 2:
		return usagef("--folds %d: want at least 2", opts.Folds)
	case !(opts.Tol > 0) || math.IsInf(opts.Tol, 0):
		return usagef("--tol %v: want a positive number", opts.Tol)
	case opts.MaxIter < 1:
		return usagef("--max-iter %d: want a positive number", opts.MaxIter)
	case !(opts.L1Ratio >= 0 && opts.L1Ratio <= 1):
		return usagef("--l1-ratio %v: want a number in [0, 1]", opts.L1Ratio)
	}
	var cs []float64
	if opts.Cs != "" {
		for _, part := range strings.Split(opts.Cs, ",") {
			c, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
			if err != nil || !(c > 0) || math.IsInf(c, 0) {
				return usagef("--C %q: want positive numbers separated by commas", opts.Cs)
			}
			cs = append(cs, c)
		}
	}
	d, _, err := readTraining(s, &opts.Input, "--data")
	if err != nil {
		return err
	}
	if opts.Folds > d.NumSamples() {
		return usagef("--folds %d: %s has only %d rows", opts.Folds, opts.Input.Data, d.NumSamples())
	}
	k := d.NumClasses()
	cw, balanced, err := classWeights(opts.ClassWeight, k)
	if err != nil {
		return err
	}
	cfg := linear.Logistic{
		Penalty:             map[string]linear.Penalty{"l2": linear.L2, "l1": linear.L1, "elasticnet": linear.ElasticNet, "none": linear.NoPenalty}[opts.Penalty],
		L1Ratio:             opts.L1Ratio,
		NumClasses:          k,
		ClassWeight:         cw,
		BalancedClassWeight: balanced,
		Tol:                 opts.Tol,
		MaxIter:             opts.MaxIter,
	}
	var est linear.Estimator = cfg
	if opts.Model == "softmax" || k > 2 {
		est = linear.Softmax(cfg)
	}
	total := opts.Folds * max(len(cs), len(tune.DefaultCs()))
	bar := newProgress(s.Err, total, "cross-validating", opts.Quiet)
	cv := tune.CV{Cs: cs, Folds: opts.Folds, Shuffle: opts.Shuffle, Seed: opts.Seed,
		Progress: func(done, total int) { bar.Set(done, fmt.Sprintf("fit %d of %d", done, total)) }}
	res, err := cv.Run(ctx, est, d.X, d.Y, d.SampleWeight)
	bar.Done()
	if err != nil {
		return err
	}
	if opts.JSON {
		type row struct {
			C          float64   `json:"C"`
			Mean       float64   `json:"mean_log_loss"`
			Std        float64   `json:"std_log_loss"`
			Folds      []float64 `json:"fold_log_loss"`
			Converged  bool      `json:"converged"`
			Iterations int       `json:"iterations"`
		}
		out := struct {
			Rows  []row   `json:"path"`
			BestC float64 `json:"best_C"`
		}{BestC: res.BestC}
		for _, p := range res.Path {
			out.Rows = append(out.Rows, row{p.C, p.MeanLogLoss, p.StdLogLoss, p.FoldLogLoss, p.Converged, p.Iterations})
		}
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(s.Out, "%d-fold cross-validated log loss (%s, %s penalty, %d samples)\n\n", opts.Folds, opts.Model, opts.Penalty, d.NumSamples())
	fmt.Fprintf(s.Out, "%12s  %10s  %10s\n", "C", "mean", "std")
	for i, p := range res.Path {
		mark := ""
		if i == res.Best {
			mark = "  ← best"
		}
		if !p.Converged {
			mark += "  (not converged)"
		}
		fmt.Fprintf(s.Out, "%12g  %10.6f  %10.6f%s\n", p.C, p.MeanLogLoss, p.StdLogLoss, mark)
	}
	fmt.Fprintf(s.Out, "\nbest C = %g\n", res.BestC)
	return nil
}
