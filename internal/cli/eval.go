package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/metrics"
)

// evalOptions are the flags of `xent eval`.
type evalOptions struct {
	Model string
	Input inputFlags
	Bins  int
	JSON  bool
}

func newEvalCmd(s *streams) *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval --model MODEL --data FILE [--json]",
		Short: "Evaluate a model's probabilities on labelled data",
		Long: `Reads labelled data with the model's columns and classes (a label the model
does not know is an error naming its line) and reports: log loss (as
scikit-learn's log_loss), accuracy, per-class precision, recall and F1,
ROC AUC (binary; one-vs-rest macro average with more classes), Brier score,
expected and maximum calibration error (ECE, MCE; over --bins uniform bins of
the positive class's probability, or of the top-label confidence with more
than two classes) and the confusion matrix (rows: true class, columns:
predicted class). Sample weights are used when the training file had a weight
column and this file has it too.`,
		Example: `  xent eval --model model.json --data test.csv
  xent eval --model model.json --data test.svm --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEval(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Model, "model", "", "model file written by xent train (required)")
	opts.Input.bindInput(f, false)
	f.IntVar(&opts.Bins, "bins", 10, "number of uniform bins for ECE and MCE")
	f.BoolVar(&opts.JSON, "json", false, "print the report as JSON on standard output")
	return cmd
}

// classReport is the per-class part of an evaluation.
type classReport struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   float64 `json:"support"`
}

// evalReport is what `xent eval --json` prints.
type evalReport struct {
	Samples         int           `json:"n_samples"`
	LogLoss         float64       `json:"log_loss"`
	Accuracy        float64       `json:"accuracy"`
	ROCAUC          *float64      `json:"roc_auc"`
	Brier           float64       `json:"brier"`
	ECE             float64       `json:"ece"`
	MCE             float64       `json:"mce"`
	Classes         []classReport `json:"classes"`
	ConfusionLabels []string      `json:"confusion_labels"`
	Confusion       [][]float64   `json:"confusion_matrix"`
}

// evaluate computes the report of n×k probabilities against d's labels.
func evaluate(d *data.Dataset, proba []float64, k int, classes []string, bins int) (*evalReport, error) {
	labels := seq(k)
	sw := d.SampleWeight
	r := &evalReport{Samples: len(d.Y)}
	var err error
	if r.LogLoss, err = (metrics.LogLoss{Labels: labels, SampleWeight: sw}).Eval(d.Y, proba, k); err != nil {
		return nil, err
	}
	pred := argmaxRows(proba, k)
	if r.Accuracy, err = (metrics.Accuracy{SampleWeight: sw}).Eval(d.Y, pred); err != nil {
		return nil, err
	}
	// Binary metrics use the probability of the second class.
	pos := make([]float64, len(d.Y))
	for i := range pos {
		pos[i] = proba[i*k+k-1]
	}
	var auc float64
	if k == 2 {
		auc, err = (metrics.ROCAUC{Labels: labels, SampleWeight: sw}).Eval(d.Y, pos, 1)
	} else {
		auc, err = (metrics.ROCAUC{Labels: labels, SampleWeight: sw}).Eval(d.Y, proba, k)
	}
	switch {
	case err == nil:
		r.ROCAUC = &auc
	case !errors.Is(err, metrics.ErrClasses):
		return nil, err
	}
	if k == 2 {
		r.Brier, err = (metrics.Brier{Labels: labels, SampleWeight: sw}).Eval(d.Y, pos, 1)
	} else {
		r.Brier, err = (metrics.Brier{Labels: labels, SampleWeight: sw}).Eval(d.Y, proba, k)
	}
	if err != nil {
		return nil, err
	}
	cc := metrics.CalibrationCurve{NBins: bins, Labels: labels, SampleWeight: sw}
	var curve *metrics.Curve
	if k == 2 {
		curve, err = cc.Eval(nil, d.Y, pos)
	} else {
		curve, err = cc.TopLabel(nil, d.Y, proba, k)
	}
	if err != nil {
		return nil, err
	}
	r.ECE, r.MCE = curve.ECE(), curve.MCE()
	cm, err := (metrics.Confusion{Labels: labels, SampleWeight: sw}).Eval(nil, d.Y, pred)
	if err != nil {
		return nil, err
	}
	prec, rec, f1 := cm.PrecisionRecallF1(nil, nil, nil)
	support := cm.Support(nil)
	for i, l := range cm.Labels {
		r.Classes = append(r.Classes, classReport{Label: classes[l], Precision: prec[i], Recall: rec[i], F1: f1[i], Support: support[i]})
		r.ConfusionLabels = append(r.ConfusionLabels, classes[l])
		row := make([]float64, cm.K())
		for j := range row {
			row[j] = cm.At(i, j)
		}
		r.Confusion = append(r.Confusion, row)
	}
	return r, nil
}

func runEval(_ context.Context, s *streams, opts *evalOptions) error {
	if opts.Bins < 1 || opts.Bins > maxBins {
		return usagef("--bins %d: want a number from 1 to %d", opts.Bins, maxBins)
	}
	m, d, proba, err := predictFile(s, opts.Model, &opts.Input, true, false)
	if err != nil {
		return err
	}
	r, err := evaluate(d, proba, m.NumClasses(), m.Classes, opts.Bins)
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	w := s.Out
	fmt.Fprintf(w, "samples   %d\n", r.Samples)
	fmt.Fprintf(w, "log loss  %.6f\n", r.LogLoss)
	fmt.Fprintf(w, "accuracy  %.4f\n", r.Accuracy)
	if r.ROCAUC != nil {
		note := ""
		if m.NumClasses() > 2 {
			note = "   (one-vs-rest, macro average)"
		}
		fmt.Fprintf(w, "ROC AUC   %.4f%s\n", *r.ROCAUC, note)
	} else {
		fmt.Fprintf(w, "ROC AUC   undefined (a class is missing from the data)\n")
	}
	fmt.Fprintf(w, "Brier     %.6f\n", r.Brier)
	fmt.Fprintf(w, "ECE       %.4f   MCE %.4f   (%d uniform bins)\n\n", r.ECE, r.MCE, opts.Bins)
	width := 5
	for _, c := range r.Classes {
		width = max(width, len(c.Label))
	}
	fmt.Fprintf(w, "%-*s  precision  recall      F1  support\n", width, "class")
	for _, c := range r.Classes {
		fmt.Fprintf(w, "%-*s  %9.4f  %6.4f  %6.4f  %7s\n", width, c.Label, c.Precision, c.Recall, c.F1, fmtCount(c.Support))
	}
	fmt.Fprintf(w, "\nconfusion matrix (rows: true class, columns: predicted)\n%-*s", width, "")
	for _, l := range r.ConfusionLabels {
		fmt.Fprintf(w, "  %8s", l)
	}
	fmt.Fprintln(w)
	for i, row := range r.Confusion {
		fmt.Fprintf(w, "%-*s", width, r.ConfusionLabels[i])
		for _, v := range row {
			fmt.Fprintf(w, "  %8s", fmtCount(v))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// fmtCount prints a count without decimals when it is whole.
func fmtCount(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return strings.TrimRight(fmt.Sprintf("%.3f", v), "0")
}
