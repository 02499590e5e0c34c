package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
	"github.com/xent-ml/xent/metrics"
	"github.com/xent-ml/xent/mlp"
	"github.com/xent-ml/xent/preprocess"
	"github.com/xent-ml/xent/solve"
)

// trainOptions are the flags of `xent train`.
type trainOptions struct {
	Input          inputFlags
	Model          string
	MultiClass     string
	Solver         string
	C              float64
	Penalty        string
	L1Ratio        float64
	NoIntercept    bool
	ClassWeight    string
	PosWeight      float64
	LabelSmoothing float64
	PriorCorrect   bool
	Scale          string
	Hash           int
	Hidden         string
	Activation     string
	Alpha          float64
	Dropout        float64
	Epochs         int
	BatchSize      int
	LR             float64
	Tol            float64
	MaxIter        int
	Valid          string
	ValidFraction  float64
	EarlyStopping  bool
	Patience       int
	Seed           uint64
	Out            string
	Quiet          bool
	JSON           bool

	// changed reports whether the user set a flag; nil means none was.
	changed func(name string) bool
}

func newTrainCmd(io *streams) *cobra.Command {
	opts := &trainOptions{}
	cmd := &cobra.Command{
		Use:   "train --data FILE --model logistic|softmax|mlp --out MODEL [flags]",
		Short: "Train a classifier by minimizing cross-entropy and save it",
		Long: `Reads a CSV or LibSVM file, trains a classifier by minimizing regularized
cross-entropy and writes a model file that predict, eval, calibrate and plot
read (and that Go programs load with package modelfile).

Models:
  logistic  logistic regression: binary with two classes, multinomial (softmax)
            with more, or one binary model per class with --multi-class ovr
  softmax   multinomial softmax regression (one weight vector per class)
  mlp       neural network with --hidden layers and a softmax (or sigmoid) output

The linear models minimize scikit-learn's and LIBLINEAR's objective
  C · Σ sᵢ·logloss(i) + ½‖W‖²   (l2; ‖W‖₁ for l1; r‖W‖₁ + ½(1−r)‖W‖² for elasticnet)
with the intercept unpenalized, so --C means exactly scikit-learn's C and
LIBLINEAR's -c. The MLP minimizes scikit-learn's MLPClassifier objective:
mean log loss + alpha/(2n)·‖W‖².

Features are used as they are unless --scale says otherwise; the scaling is
fitted on the training rows and saved in the model.`,
		Example: `  # Logistic regression on a CSV file whose label column is "label"
  xent train --data train.csv --model logistic --C 1 --out model.json

  # Sparse LibSVM data, L1 penalty (exact zeros), balanced class weights
  xent train --data train.svm --model logistic --penalty l1 --C 0.5 --class-weight balanced --out model.json

  # A neural network with two hidden layers and early stopping on 10% of the rows
  xent train --data train.csv --model mlp --hidden 128,64 --epochs 30 --early-stopping --valid-fraction 0.1 --out net.json

  # Machine-readable summary on standard output
  xent train --data train.csv --model softmax --json --quiet --out model.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.changed = cmd.Flags().Changed
			return runTrain(cmd.Context(), io, opts)
		},
	}
	f := cmd.Flags()
	opts.Input.bindInput(f, true)
	f.StringVar(&opts.Model, "model", "logistic", "logistic, softmax or mlp")
	f.StringVar(&opts.MultiClass, "multi-class", "multinomial", "logistic with more than two classes: multinomial or ovr (one-vs-rest)")
	f.StringVar(&opts.Solver, "solver", "auto", "linear: auto, newton, lbfgs, owlqn, gd, sgd, adam; mlp: adam, sgd, lbfgs (auto = adam)")
	f.Float64Var(&opts.C, "C", 1, "inverse regularization strength of the linear models, as scikit-learn's C and LIBLINEAR's -c")
	f.StringVar(&opts.Penalty, "penalty", "l2", "linear models: l2, l1, elasticnet or none")
	f.Float64Var(&opts.L1Ratio, "l1-ratio", 0.5, "elasticnet mixing r in [0, 1]: r‖W‖₁ + ½(1−r)‖W‖²")
	f.BoolVar(&opts.NoIntercept, "no-intercept", false, "linear models: fit without an intercept")
	f.StringVar(&opts.ClassWeight, "class-weight", "", `"balanced" (n / (K · count_k)) or one weight per class in class order, comma-separated`)
	f.Float64Var(&opts.PosWeight, "pos-weight", 0, "binary linear models: weight of the positive class's term, as PyTorch's pos_weight (default 1)")
	f.Float64Var(&opts.LabelSmoothing, "label-smoothing", 0, "targets (1−ε)·onehot + ε/K, as PyTorch's label_smoothing")
	f.BoolVar(&opts.PriorCorrect, "prior-correction", false, "linear models with class weights: shift intercepts so probabilities match the true class frequencies (King & Zeng)")
	f.StringVar(&opts.Scale, "scale", "none", "feature scaling fitted on the training rows and saved in the model: none, standard (mean/std; scale only on sparse data) or maxabs")
	f.IntVar(&opts.Hash, "hash", 0, "hash the features into this many columns (signed feature hashing, as scikit-learn's FeatureHasher), for wide sparse data")
	f.StringVar(&opts.Hidden, "hidden", "100", "mlp: hidden layer sizes, comma-separated")
	f.StringVar(&opts.Activation, "activation", "relu", "mlp: relu, tanh or sigmoid")
	f.Float64Var(&opts.Alpha, "alpha", 1e-4, "mlp: L2 strength, as scikit-learn's MLPClassifier alpha")
	f.Float64Var(&opts.Dropout, "dropout", 0, "mlp: dropout probability of the hidden units while training")
	f.IntVar(&opts.Epochs, "epochs", 0, "mlp: number of epochs (default 200, scikit-learn's max_iter)")
	f.IntVar(&opts.BatchSize, "batch-size", 0, "mini-batch size for adam and sgd (default min(200, n))")
	f.Float64Var(&opts.LR, "lr", 0, "learning rate for adam and sgd (default 0.001)")
	f.Float64Var(&opts.Tol, "tol", 0, "stopping tolerance: linear models stop when ‖∇f‖ ≤ tol·‖∇f(start)‖ (default 1e-10); mlp as scikit-learn (default 1e-4)")
	f.IntVar(&opts.MaxIter, "max-iter", 0, "maximum number of iterations (default 1000 for linear models; for mlp, see --epochs)")
	f.StringVar(&opts.Valid, "valid", "", "validation file, read with the training file's columns and classes")
	f.Float64Var(&opts.ValidFraction, "valid-fraction", 0, "hold out this stratified fraction of the training rows for validation")
	f.BoolVar(&opts.EarlyStopping, "early-stopping", false, "stop when the validation log loss stops improving and keep the best weights")
	f.IntVar(&opts.Patience, "patience", 0, "early stopping: iterations (epochs) without improvement before stopping (default 10)")
	f.Uint64Var(&opts.Seed, "seed", 0, "random seed (initial weights, mini-batches, validation split)")
	f.StringVar(&opts.Out, "out", "", "model file to write (required); written atomically")
	f.BoolVar(&opts.Quiet, "quiet", false, "no progress bar")
	f.BoolVar(&opts.JSON, "json", false, "print a JSON summary on standard output")
	return cmd
}

// trainSummary is what `xent train --json` prints.
type trainSummary struct {
	Model         string     `json:"model"`
	Kind          string     `json:"kind"`
	Solver        string     `json:"solver"`
	Samples       int        `json:"n_samples"`
	Features      int        `json:"n_features"`
	Classes       int        `json:"n_classes"`
	Iterations    int        `json:"iterations"`
	Converged     bool       `json:"converged"`
	Status        string     `json:"status"`
	Objective     jsonFloat  `json:"objective"`
	GradNorm      jsonFloat  `json:"grad_norm"`
	TrainLogLoss  jsonFloat  `json:"train_log_loss"`
	TrainAccuracy jsonFloat  `json:"train_accuracy"`
	ValidLogLoss  *jsonFloat `json:"valid_log_loss,omitempty"`
	Seconds       jsonFloat  `json:"seconds"`
	Out           string     `json:"out"`
}

func (o *trainOptions) validate() error {
	if err := enumFlag("model", o.Model, "logistic", "softmax", "mlp"); err != nil {
		return err
	}
	if err := enumFlag("multi-class", o.MultiClass, "multinomial", "ovr"); err != nil {
		return err
	}
	if err := enumFlag("penalty", o.Penalty, "l2", "l1", "elasticnet", "none"); err != nil {
		return err
	}
	if err := enumFlag("scale", o.Scale, "none", "standard", "maxabs"); err != nil {
		return err
	}
	if o.Model == "mlp" {
		if err := enumFlag("solver", o.Solver, "auto", "adam", "sgd", "lbfgs"); err != nil {
			return err
		}
		if err := enumFlag("activation", o.Activation, "relu", "tanh", "sigmoid"); err != nil {
			return err
		}
	} else if err := enumFlag("solver", o.Solver, "auto", "newton", "lbfgs", "owlqn", "gd", "sgd", "adam"); err != nil {
		return err
	}
	switch {
	case o.Out == "":
		return usagef("--out is required")
	case !(o.C > 0) || math.IsInf(o.C, 0):
		return usagef("--C %v: want a positive number", o.C)
	case !(o.L1Ratio >= 0 && o.L1Ratio <= 1):
		return usagef("--l1-ratio %v: want a number in [0, 1]", o.L1Ratio)
	case o.Tol < 0 || math.IsNaN(o.Tol) || math.IsInf(o.Tol, 0):
		return usagef("--tol %v: want a positive number", o.Tol)
	case o.MaxIter < 0:
		return usagef("--max-iter %d: want a positive number", o.MaxIter)
	case o.Epochs < 0:
		return usagef("--epochs %d: want a positive number", o.Epochs)
	case o.BatchSize < 0:
		return usagef("--batch-size %d: want a positive number", o.BatchSize)
	case o.LR < 0 || math.IsNaN(o.LR) || math.IsInf(o.LR, 0):
		return usagef("--lr %v: want a positive number", o.LR)
	case !(o.LabelSmoothing >= 0 && o.LabelSmoothing < 1):
		return usagef("--label-smoothing %v: want a number in [0, 1)", o.LabelSmoothing)
	case !(o.Dropout >= 0 && o.Dropout < 1):
		return usagef("--dropout %v: want a number in [0, 1)", o.Dropout)
	case o.PosWeight < 0 || math.IsNaN(o.PosWeight) || math.IsInf(o.PosWeight, 0):
		return usagef("--pos-weight %v: want a positive number", o.PosWeight)
	case !(o.ValidFraction >= 0 && o.ValidFraction < 1):
		return usagef("--valid-fraction %v: want a number in (0, 1)", o.ValidFraction)
	case o.Valid != "" && o.ValidFraction > 0:
		return usagef("--valid and --valid-fraction exclude each other")
	case o.EarlyStopping && o.Valid == "" && o.ValidFraction == 0:
		return usagef("--early-stopping needs --valid FILE or --valid-fraction F")
	case o.Hash < 0:
		return usagef("--hash %d: want a positive number of columns", o.Hash)
	case o.Patience < 0:
		return usagef("--patience %d: want a positive number", o.Patience)
	case !(o.Alpha >= 0) || math.IsInf(o.Alpha, 0):
		return usagef("--alpha %v: want a number ≥ 0", o.Alpha)
	}
	// A flag given explicitly as 0 would silently mean "the default".
	changed := o.changed
	if changed == nil {
		changed = func(string) bool { return false }
	}
	for _, f := range []struct {
		name string
		zero bool
	}{{"tol", o.Tol == 0}, {"max-iter", o.MaxIter == 0}, {"epochs", o.Epochs == 0}, {"batch-size", o.BatchSize == 0}, {"lr", o.LR == 0}, {"pos-weight", o.PosWeight == 0}, {"hash", o.Hash == 0}, {"patience", o.Patience == 0}} {
		if f.zero && changed(f.name) {
			return usagef("--%s 0: want a positive number", f.name)
		}
	}
	return o.checkApplicable()
}

// Defaults of the linear models on the command line: tighter than
// scikit-learn's tol = 1e-4 so that the model is the optimum the objective
// states (the Newton solver gets there in a few more iterations).
const (
	defaultLinearTol     = 1e-10
	defaultLinearMaxIter = 1000
)

// Limits that keep a typo from asking for more memory than any machine has.
const (
	maxHiddenUnits = 1 << 16
	maxBins        = 10000
)

// checkApplicable rejects flags that do not apply to the chosen model or
// penalty, rather than ignoring them.
func (o *trainOptions) checkApplicable() error {
	changed := o.changed
	if changed == nil {
		changed = func(string) bool { return false }
	}
	linearOnly := []string{"C", "penalty", "l1-ratio", "no-intercept", "pos-weight", "prior-correction", "multi-class"}
	mlpOnly := []string{"hidden", "activation", "alpha", "dropout", "epochs"}
	if o.Model == "mlp" {
		for _, f := range linearOnly {
			if changed(f) {
				return usagef("--%s applies to the linear models, not --model mlp", f)
			}
		}
	} else {
		for _, f := range mlpOnly {
			if changed(f) {
				return usagef("--%s applies to --model mlp, not --model %s", f, o.Model)
			}
		}
		if o.Model == "softmax" && changed("multi-class") {
			return usagef("--multi-class applies to --model logistic; softmax is always multinomial")
		}
		if o.Model == "softmax" && changed("pos-weight") {
			return usagef("--pos-weight applies to binary --model logistic, not softmax")
		}
		if changed("l1-ratio") && o.Penalty != "elasticnet" {
			return usagef("--l1-ratio applies to --penalty elasticnet")
		}
		if (o.Penalty == "l1" || o.Penalty == "elasticnet") && (o.Solver == "newton" || o.Solver == "lbfgs" || o.Solver == "adam") {
			return usagef("--solver %s cannot minimize --penalty %s: use owlqn (the default), gd or sgd", o.Solver, o.Penalty)
		}
	}
	hidden, err := parseInts("hidden", o.Hidden)
	if err != nil {
		return err
	}
	for _, h := range hidden {
		if h > maxHiddenUnits {
			return usagef("--hidden %s: at most %d units per layer", o.Hidden, maxHiddenUnits)
		}
	}
	return nil
}

// classWeights parses --class-weight for k classes: nil, balanced, or a
// list of k weights.
func classWeights(spec string, k int) (weights []float64, balanced bool, err error) {
	switch spec {
	case "":
		return nil, false, nil
	case "balanced":
		return nil, true, nil
	}
	parts := strings.Split(spec, ",")
	if len(parts) != k {
		return nil, false, usagef("--class-weight %q: %d weights for %d classes", spec, len(parts), k)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return nil, false, usagef("--class-weight %q: weight %d is not a number ≥ 0", spec, i+1)
		}
		weights = append(weights, v)
	}
	var sum float64
	for _, v := range weights {
		sum += v
	}
	if sum == 0 {
		return nil, false, usagef("--class-weight %q: every weight is 0, so nothing would be learned", spec)
	}
	return weights, false, nil
}

// fitPipeline fits the preprocessing that --hash and --scale ask for on
// x: feature hashing into hash columns first (when hash > 0), then the
// scaling, fitted on the hashed features.
func fitPipeline(hash int, scale string, x data.Matrix) (preprocess.Pipeline, error) {
	var p preprocess.Pipeline
	if hash > 0 {
		h := &preprocess.FeatureHasher{NFeatures: hash}
		step, err := preprocess.StepOf(h)
		if err != nil {
			return nil, err
		}
		p = append(p, step)
		if x, err = h.Transform(x); err != nil {
			return nil, err
		}
	}
	var t preprocess.Transformer
	var err error
	switch scale {
	case "standard":
		t, err = preprocess.FitStandardizer(x)
	case "maxabs":
		t, err = preprocess.FitMaxAbs(x)
	default:
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	step, err := preprocess.StepOf(t)
	if err != nil {
		return nil, err
	}
	return append(p, step), nil
}

// transformed applies p to d's features, sharing everything else.
func transformed(p preprocess.Pipeline, d *data.Dataset) (*data.Dataset, error) {
	if d == nil || len(p) == 0 {
		return d, nil
	}
	x, err := p.Transform(d.X)
	if err != nil {
		return nil, err
	}
	out := *d
	out.X = x
	return &out, nil
}

// subset returns the rows idx of d.
func subset(d *data.Dataset, idx []int) (*data.Dataset, error) {
	x, err := data.Rows(d.X, idx)
	if err != nil {
		return nil, err
	}
	out := &data.Dataset{X: x, Classes: d.Classes, FeatureNames: d.FeatureNames}
	out.Y = make([]int, len(idx))
	for i, j := range idx {
		out.Y[i] = d.Y[j]
	}
	if d.SampleWeight != nil {
		out.SampleWeight = make([]float64, len(idx))
		for i, j := range idx {
			out.SampleWeight[i] = d.SampleWeight[j]
		}
	}
	return out, nil
}

func runTrain(ctx context.Context, io *streams, opts *trainOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	if err := checkOutput("out", opts.Out, opts.Input.Data, opts.Valid); err != nil {
		return err
	}
	start := time.Now()
	train, schema, err := readTraining(io, &opts.Input, "--data")
	if err != nil {
		return err
	}
	k := train.NumClasses()
	if k < 2 {
		return fmt.Errorf("%s: %d class in the labels; a classifier needs at least 2", opts.Input.Data, k)
	}
	if train.NumFeatures() == 0 {
		return fmt.Errorf("%s: no feature columns left to train on (check --columns and --drop)", opts.Input.Data)
	}
	if opts.PosWeight != 0 && (k > 2 || opts.Model != "logistic") {
		return usagef("--pos-weight applies to binary logistic regression; %s has %d classes", opts.Input.Data, k)
	}
	var valid *data.Dataset
	switch {
	case opts.Valid != "":
		valid, err = readWithSchema(io, schema, opts.Valid, &opts.Input, true)
		if err != nil {
			return err
		}
	case opts.ValidFraction > 0:
		tr, va, err := data.StratifiedSplit(train.Y, opts.ValidFraction, opts.Seed)
		if err != nil {
			return fmt.Errorf("--valid-fraction %v: %w", opts.ValidFraction, err)
		}
		if valid, err = subset(train, va); err != nil {
			return err
		}
		if train, err = subset(train, tr); err != nil {
			return err
		}
	}
	pipeline, err := fitPipeline(opts.Hash, opts.Scale, train.X)
	if err != nil {
		return err
	}
	xTrain, err := transformed(pipeline, train)
	if err != nil {
		return err
	}
	xValid, err := transformed(pipeline, valid)
	if err != nil {
		return err
	}
	cw, balanced, err := classWeights(opts.ClassWeight, k)
	if err != nil {
		return err
	}

	t := &trained{schema: schema, pipeline: pipeline, model: opts.Model}
	if opts.Model == "mlp" {
		err = t.fitMLP(ctx, io, opts, xTrain, xValid, cw, balanced)
	} else {
		err = t.fitLinear(ctx, io, opts, xTrain, xValid, cw, balanced)
	}
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		fmt.Fprintf(io.Err, "xent: interrupted: saving the best weights reached so far\n")
	}

	s := &t.summary
	switch {
	case s.Status == solve.Diverged.String() || t.diverged():
		return fmt.Errorf("training diverged: the objective rose to %v; lower --lr or choose another --solver", s.Objective)
	case s.Status == solve.LineSearchFailed.String() && s.Iterations == 0:
		return fmt.Errorf("training failed: no step from the starting point lowered the objective (%s); check the data's scale and --C", s.Status)
	}
	width := train.NumFeatures()
	if w, err := pipeline.OutputWidth(width); err == nil {
		width = w
	}
	s.Model, s.Samples, s.Features, s.Classes = opts.Model, train.NumSamples(), width, k
	trainLL, trainAcc, err := t.evalLogLoss(xTrain)
	if err != nil {
		return fmt.Errorf("training diverged or produced unusable weights (%s): %w", s.Status, err)
	}
	s.TrainLogLoss, s.TrainAccuracy = jsonFloat(trainLL), jsonFloat(trainAcc)
	if xValid != nil {
		ll, _, err := t.evalLogLoss(xValid)
		if err != nil {
			return err
		}
		v := jsonFloat(ll)
		s.ValidLogLoss = &v
	}
	s.Seconds = jsonFloat(time.Since(start).Seconds())
	s.Out = opts.Out
	t.hyper = hyperparameters(opts)
	// Everything that can fail happens before the model file is written.
	var summaryJSON []byte
	if opts.JSON {
		if summaryJSON, err = json.MarshalIndent(s, "", "  "); err != nil {
			return err
		}
	}
	if err := t.save(opts.Out); err != nil {
		return err
	}
	if !s.Converged && s.Status != solve.EarlyStopped.String() {
		fmt.Fprintf(io.Err, "xent: warning: training stopped before converging (%s after %d iterations); raise --max-iter or --epochs, or loosen --tol\n", s.Status, s.Iterations)
	}
	if opts.JSON {
		_, err := fmt.Fprintf(io.Out, "%s\n", summaryJSON)
		return err
	}
	fmt.Fprintf(io.Out, "trained %s (%s, solver %s) on %d samples × %d features, %d classes\n", s.Model, s.Kind, s.Solver, s.Samples, s.Features, s.Classes)
	fmt.Fprintf(io.Out, "  %s after %d iterations in %.3f s; objective %.10g\n", s.Status, s.Iterations, s.Seconds, s.Objective)
	fmt.Fprintf(io.Out, "  train log loss %.6f, accuracy %.4f\n", s.TrainLogLoss, s.TrainAccuracy)
	if s.ValidLogLoss != nil {
		fmt.Fprintf(io.Out, "  validation log loss %.6f\n", *s.ValidLogLoss)
	}
	fmt.Fprintf(io.Out, "wrote %s\n", opts.Out)
	return nil
}

// evalLogLoss returns the weighted mean log loss and accuracy of the
// trained model on d (already transformed).
func (t *trained) evalLogLoss(d *data.Dataset) (logLoss, accuracy float64, err error) {
	proba, err := t.predictProba(d.X)
	if err != nil {
		return 0, 0, err
	}
	k := t.numClasses()
	labels := make([]int, k)
	for i := range labels {
		labels[i] = i
	}
	logLoss, err = metrics.LogLoss{Labels: labels, SampleWeight: d.SampleWeight}.Eval(d.Y, proba, k)
	if err != nil {
		return 0, 0, err
	}
	pred := argmaxRows(proba, k)
	accuracy, err = metrics.Accuracy{SampleWeight: d.SampleWeight}.Eval(d.Y, pred)
	return logLoss, accuracy, err
}

// argmaxRows returns the index of the largest entry of each row (the first
// on ties, as numpy's argmax).
func argmaxRows(proba []float64, k int) []int {
	n := len(proba) / k
	out := make([]int, n)
	for i := range out {
		row := proba[i*k : (i+1)*k]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		out[i] = best
	}
	return out
}

func (t *trained) fitLinear(ctx context.Context, io *streams, opts *trainOptions, train, valid *data.Dataset, cw []float64, balanced bool) error {
	k := train.NumClasses()
	cfg := linear.Logistic{
		C:                   opts.C,
		L1Ratio:             opts.L1Ratio,
		NoIntercept:         opts.NoIntercept,
		NumClasses:          k,
		ClassWeight:         cw,
		BalancedClassWeight: balanced,
		PosWeight:           opts.PosWeight,
		LabelSmoothing:      opts.LabelSmoothing,
		PriorCorrection:     opts.PriorCorrect,
		Tol:                 opts.Tol,
		MaxIter:             opts.MaxIter,
		LearningRate:        opts.LR,
		BatchSize:           opts.BatchSize,
		Seed:                opts.Seed,
		Patience:            opts.Patience,
	}
	if cfg.Tol == 0 {
		cfg.Tol = defaultLinearTol
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = defaultLinearMaxIter
	}
	cfg.Penalty = map[string]linear.Penalty{"l2": linear.L2, "l1": linear.L1, "elasticnet": linear.ElasticNet, "none": linear.NoPenalty}[opts.Penalty]
	cfg.Solver = map[string]linear.Solver{"auto": linear.Auto, "newton": linear.Newton, "lbfgs": linear.LBFGS, "owlqn": linear.OWLQN, "gd": linear.GD, "sgd": linear.SGD, "adam": linear.Adam}[opts.Solver]
	if opts.EarlyStopping {
		cfg.Validation = valid
	}

	// Progress and the training curve: objective per iteration, and the
	// validation log loss when a validation set is given.
	bar := newProgress(io.Err, cfg.MaxIter, "training", opts.Quiet)
	defer bar.Done()
	kind := linear.Binary
	switch {
	case opts.Model == "softmax" || (k > 2 && opts.MultiClass == "multinomial"):
		kind = linear.Multinomial
	case k > 2:
		kind = linear.OneVsRest
	}
	var validCurve []float64
	rows := 1
	if kind != linear.Binary {
		rows = k
	}
	p := train.NumFeatures()
	cfg.Callback = func(it solve.Iteration) bool {
		desc := fmt.Sprintf("objective %.6g  ‖∇f‖ %.2e", it.F, it.GradNorm)
		if valid != nil && !opts.EarlyStopping && kind != linear.OneVsRest && len(it.X) == rows*p+rows*boolInt(!opts.NoIntercept) {
			m := &linear.Model{Kind: kind, NumClasses: k, Coef: it.X[:rows*p], Intercept: make([]float64, rows)}
			if !opts.NoIntercept {
				m.Intercept = it.X[rows*p:]
			}
			if proba, err := m.PredictProba(nil, valid.X); err == nil {
				if ll, err := (metrics.LogLoss{Labels: seq(k), SampleWeight: valid.SampleWeight}).Eval(valid.Y, proba, k); err == nil {
					validCurve = append(validCurve, ll)
					desc += fmt.Sprintf("  valid %.5f", ll)
				}
			}
		}
		bar.Set(it.Iter, desc)
		return ctx.Err() != nil
	}

	var m *linear.Model
	var err error
	if kind == linear.Multinomial {
		m, err = linear.Softmax(cfg).Fit(ctx, train.X, train.Y, train.SampleWeight)
	} else {
		if kind == linear.OneVsRest || k == 2 {
			m, err = cfg.Fit(ctx, train.X, train.Y, train.SampleWeight)
		}
	}
	if err != nil {
		return err
	}
	t.lin = m
	res := m.Result
	s := &t.summary
	s.Kind = m.Kind.String()
	s.Solver = opts.Solver
	if s.Solver == "auto" {
		// The rule linear documents for Auto.
		s.Solver = "newton"
		if opts.Penalty == "l1" || opts.Penalty == "elasticnet" {
			s.Solver = "owlqn"
		}
	}
	if res != nil {
		s.Iterations, s.Converged, s.Status, s.Objective, s.GradNorm = res.Iterations, res.Converged, res.Status.String(), jsonFloat(res.F), jsonFloat(res.GradNorm)
		for i, h := range res.History {
			e := historyEntry{Iter: h.Iter, Objective: h.F, GradNorm: h.GradNorm, ValidLoss: math.NaN(), Seconds: h.Elapsed.Seconds()}
			if !math.IsNaN(h.ValidLoss) {
				e.ValidLoss = h.ValidLoss
			} else if i < len(validCurve) && len(validCurve) == len(res.History) {
				e.ValidLoss = validCurve[i]
			}
			t.history = append(t.history, e)
		}
	}
	if kind == linear.OneVsRest {
		s.Iterations, s.Converged, s.Status, s.Objective = 0, true, solve.Converged.String(), 0
		for _, r := range m.ClassResults {
			s.Iterations += r.Iterations
			s.Objective += jsonFloat(r.F)
			if !r.Converged {
				s.Converged, s.Status = false, r.Status.String()
			}
		}
	}
	return nil
}

func (t *trained) fitMLP(ctx context.Context, io *streams, opts *trainOptions, train, valid *data.Dataset, cw []float64, balanced bool) error {
	hidden, err := parseInts("hidden", opts.Hidden)
	if err != nil {
		return err
	}
	act, err := mlp.ParseActivation(opts.Activation)
	if err != nil {
		return usagef("--activation %q: want relu, tanh or sigmoid", opts.Activation)
	}
	cfg := mlp.Classifier{
		HiddenSizes:         hidden,
		Activation:          act,
		Alpha:               opts.Alpha,
		Dropout:             opts.Dropout,
		LabelSmoothing:      opts.LabelSmoothing,
		ClassWeight:         cw,
		BalancedClassWeight: balanced,
		LearningRate:        opts.LR,
		BatchSize:           opts.BatchSize,
		MaxIter:             opts.Epochs,
		Tol:                 opts.Tol,
		NoChange:            opts.Patience,
		EarlyStopping:       opts.EarlyStopping,
		Seed:                opts.Seed,
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = opts.MaxIter
	}
	cfg.Solver = map[string]mlp.Solver{"auto": mlp.Adam, "adam": mlp.Adam, "sgd": mlp.SGD, "lbfgs": mlp.LBFGS}[opts.Solver]
	if opts.Solver == "sgd" {
		cfg.Momentum = 0.9
		cfg.Nesterov = true
	}
	total := cfg.MaxIter
	if total == 0 {
		total = 200
	}
	bar := newProgress(io.Err, total, "training", opts.Quiet)
	defer bar.Done()
	cfg.Callback = func(e mlp.Epoch) bool {
		desc := fmt.Sprintf("epoch %d  loss %.5f", e.Iter, e.TrainLoss)
		if !math.IsNaN(e.ValidLoss) {
			desc += fmt.Sprintf("  valid %.5f", e.ValidLoss)
		}
		bar.Set(e.Iter, desc)
		return ctx.Err() != nil
	}
	m, err := cfg.Fit(ctx, train, valid)
	if err != nil {
		return err
	}
	t.net = m
	s := &t.summary
	s.Kind = m.Output.String()
	s.Solver = cfg.Solver.String()
	if r := m.Result; r != nil {
		s.Iterations, s.Converged, s.Status, s.Objective, s.GradNorm = r.Iterations, r.Converged, r.Status.String(), jsonFloat(r.F), jsonFloat(r.GradNorm)
	}
	for _, e := range m.History {
		t.history = append(t.history, historyEntry{Iter: e.Iter, Objective: e.TrainLoss, GradNorm: math.NaN(), ValidLoss: e.ValidLoss, Seconds: e.Elapsed.Seconds()})
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seq returns 0, 1, …, k−1.
func seq(k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = i
	}
	return out
}

// hyperparameters records the settings that shaped the model, for the
// model file.
func hyperparameters(o *trainOptions) map[string]any {
	h := map[string]any{"model": o.Model, "solver": o.Solver, "scale": o.Scale, "seed": o.Seed}
	if o.Hash > 0 {
		h["hash"] = o.Hash
	}
	if o.Model == "mlp" {
		h["hidden"], h["activation"], h["alpha"], h["dropout"] = o.Hidden, o.Activation, o.Alpha, o.Dropout
		h["epochs"], h["batch_size"], h["lr"] = o.Epochs, o.BatchSize, o.LR
	} else {
		h["C"], h["penalty"], h["multi_class"], h["fit_intercept"] = o.C, o.Penalty, o.MultiClass, !o.NoIntercept
		if o.Penalty == "elasticnet" {
			h["l1_ratio"] = o.L1Ratio
		}
	}
	if o.ClassWeight != "" {
		h["class_weight"] = o.ClassWeight
	}
	if o.LabelSmoothing != 0 {
		h["label_smoothing"] = o.LabelSmoothing
	}
	tol, maxIter := o.Tol, o.MaxIter
	if o.Model != "mlp" {
		if tol == 0 {
			tol = defaultLinearTol
		}
		if maxIter == 0 {
			maxIter = defaultLinearMaxIter
		}
	} else {
		if tol == 0 {
			tol = 1e-4
		}
		maxIter = o.Epochs
		if maxIter == 0 {
			maxIter = 200
		}
	}
	h["tol"], h["max_iter"] = tol, maxIter
	if o.EarlyStopping {
		h["early_stopping"] = true
	}
	return h
}
