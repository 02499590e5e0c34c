package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	y2 := []int{0, 1, 1, 0}
	p2 := []float64{0.1, 0.8, 0.6, 0.3}
	y3 := []int{0, 1, 2}
	p3 := []float64{0.2, 0.3, 0.5, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4}
	curve := func(c CalibrationCurve, y []int, p []float64) error {
		_, err := c.Eval(nil, y, p)
		return err
	}
	tests := []struct {
		name     string
		err      error
		want     error
		arg      string
		row, col int
		msg      string // the whole message when not ""
	}{
		{"LogLoss empty", lastErr(LogLoss{}.Eval(nil, nil, 1)), ErrEmpty, "y_true", -1, -1, "metrics: y_true: empty input"},
		{"LogLoss y_prob length", lastErr(LogLoss{}.Eval(y2, p2[:3], 1)), ErrLength, "y_prob", -1, -1,
			"metrics: y_prob: length 3, want 4 rows × 1 columns: length mismatch"},
		{"LogLoss zero columns", lastErr(LogLoss{}.Eval(y2, p2, 0)), ErrShape, "y_prob", -1, -1, ""},
		{"LogLoss columns not classes", lastErr(LogLoss{}.Eval(y2[:3], p3, 3)), ErrShape, "y_prob", -1, -1,
			"metrics: y_prob: 3 columns, want one per class of y_true (2): wrong number of columns"},
		{"LogLoss 1-D with 3 classes", lastErr(LogLoss{}.Eval(y3, p2[:3], 1)), ErrShape, "y_prob", -1, -1, ""},
		{"LogLoss labels columns", lastErr(LogLoss{Labels: []int{0, 1, 2, 3}}.Eval(y3, p3, 3)), ErrShape, "y_prob", -1, -1, ""},
		{"LogLoss NaN", lastErr(LogLoss{}.Eval(y3, []float64{0.2, 0.3, 0.5, 0.1, 0.8, nan, 0.3, 0.3, 0.4}, 3)), ErrNaN, "y_prob", 1, 2,
			"metrics: y_prob[1, 2] = NaN: not a number"},
		{"LogLoss Inf 1-D", lastErr(LogLoss{}.Eval(y2, []float64{0.1, inf, 0.6, 0.3}, 1)), ErrInf, "y_prob", 1, -1,
			"metrics: y_prob[1] = +Inf: infinite value"},
		{"LogLoss above 1", lastErr(LogLoss{}.Eval(y2, []float64{0.1, 0.8, 1.5, 0.3}, 1)), ErrRange, "y_prob", 2, -1,
			"metrics: y_prob[2] = 1.5: probability outside [0, 1]"},
		{"LogLoss below 0", lastErr(LogLoss{}.Eval(y2, []float64{0.1, 0.8, 0.5, -1e-300}, 1)), ErrRange, "y_prob", 3, -1, ""},
		{"LogLoss unknown label", lastErr(LogLoss{Labels: []int{0, 1}}.Eval([]int{0, 1, 7, 0}, p2, 1)), ErrUnknownLabel, "y_true", 2, -1,
			"metrics: y_true[2] = 7: label not among the classes"},
		{"LogLoss one class", lastErr(LogLoss{}.Eval([]int{1, 1, 1, 1}, p2, 1)), ErrClasses, "y_true", -1, -1,
			"metrics: y_true: 1 distinct labels, want at least 2: wrong number of classes"},
		{"LogLoss one label", lastErr(LogLoss{Labels: []int{1, 1}}.Eval([]int{1, 1, 1, 1}, p2, 1)), ErrClasses, "labels", -1, -1, ""},
		{"LogLoss negative weight", lastErr(LogLoss{SampleWeight: []float64{1, 1, -2, 1}}.Eval(y2, p2, 1)), ErrNegativeWeight, "sample_weight", 2, -1,
			"metrics: sample_weight[2] = -2: negative sample weight"},
		{"LogLoss NaN weight", lastErr(LogLoss{SampleWeight: []float64{1, nan, 1, 1}}.Eval(y2, p2, 1)), ErrNaN, "sample_weight", 1, -1, ""},
		{"LogLoss weight length", lastErr(LogLoss{SampleWeight: []float64{1, 1}}.Eval(y2, p2, 1)), ErrLength, "sample_weight", -1, -1,
			"metrics: sample_weight: length 2, want 4: length mismatch"},
		{"LogLoss zero weights", lastErr(LogLoss{SampleWeight: []float64{0, 0, 0, 0}}.Eval(y2, p2, 1)), ErrZeroWeight, "sample_weight", -1, -1, ""},
		{"LogLoss eps", lastErr(LogLoss{Clip: ClipEps, Eps: 0.5}.Eval(y2, p2, 1)), ErrOption, "Eps", -1, -1,
			"metrics: Eps = 0.5: want [0, 0.5): invalid option"},
		{"LogLoss clip", lastErr(LogLoss{Clip: 9}.Eval(y2, p2, 1)), ErrOption, "Clip", -1, -1, ""},
		{"LogLoss rows", lastErr(LogLoss{Rows: 9}.Eval(y2, p2, 1)), ErrOption, "Rows", -1, -1, ""},
		{"LogLoss reduction", lastErr(LogLoss{Reduction: 9}.Eval(y2, p2, 1)), ErrOption, "Reduction", -1, -1, ""},
		{"LogLoss zero row", lastErr(LogLoss{Clip: ClampLog}.Eval(y3, []float64{0.2, 0.3, 0.5, 0, 0, 0, 0.3, 0.3, 0.4}, 3)), ErrZeroRow, "y_prob", 1, -1, ""},

		{"Brier three classes 1-D", lastErr(Brier{}.Eval(y3, p2[:3], 1)), ErrClasses, "y_true", -1, -1, ""},
		{"Brier above 1", lastErr(Brier{}.Eval(y2, []float64{0.1, 0.8, 0.6, 1.25}, 1)), ErrRange, "y_prob", 3, -1, ""},
		{"Brier labels not two", lastErr(Brier{Labels: []int{0, 1, 2}}.Eval(y2, p2, 1)), ErrClasses, "labels", -1, -1, ""},
		{"Brier unknown label", lastErr(Brier{Labels: []int{0, 1}}.Eval([]int{0, 1, 1, 5}, p2, 1)), ErrUnknownLabel, "y_true", 3, -1, ""},
		{"Brier multiclass unknown label", lastErr(Brier{Labels: []int{0, 1, 2}}.Eval([]int{0, 3, 2}, p3, 3)), ErrUnknownLabel, "y_true", 1, -1, ""},
		{"Brier multiclass NaN", lastErr(Brier{}.Eval(y3, []float64{0.2, 0.3, 0.5, 0.1, 0.8, 0.1, nan, 0.3, 0.4}, 3)), ErrNaN, "y_prob", 2, 0, ""},
		{"Brier empty", lastErr(Brier{}.Eval(nil, nil, 1)), ErrEmpty, "y_true", -1, -1, ""},
		{"Brier zero weights", lastErr(Brier{SampleWeight: make([]float64, 4)}.Eval(y2, p2, 1)), ErrZeroWeight, "sample_weight", -1, -1, ""},

		{"Accuracy empty", lastErr(Accuracy{}.Eval(nil, nil)), ErrEmpty, "y_true", -1, -1, ""},
		{"Accuracy y_pred length", lastErr(Accuracy{}.Eval(y2, y3)), ErrLength, "y_pred", -1, -1, ""},
		{"Accuracy inf weight", lastErr(Accuracy{SampleWeight: []float64{1, 1, 1, inf}}.Eval(y2, y2)), ErrInf, "sample_weight", 3, -1, ""},
		{"Accuracy zero weights", lastErr(Accuracy{SampleWeight: make([]float64, 4)}.Eval(y2, y2)), ErrZeroWeight, "sample_weight", -1, -1, ""},

		{"ROCAUC one class", lastErr(ROCAUC{}.Eval([]int{1, 1, 1, 1}, p2, 1)), ErrClasses, "y_true", -1, -1, ""},
		{"ROCAUC positives weigh 0", lastErr(ROCAUC{SampleWeight: []float64{1, 0, 0, 1}}.Eval(y2, p2, 1)), ErrClasses, "y_true", -1, -1, ""},
		{"ROCAUC NaN score", lastErr(ROCAUC{}.Eval(y2, []float64{0.1, nan, 0.6, 0.3}, 1)), ErrNaN, "y_score", 1, -1, ""},
		{"ROCAUC score length", lastErr(ROCAUC{}.Eval(y2, p2[:2], 1)), ErrLength, "y_score", -1, -1, ""},
		{"ROCAUC three classes 1-D", lastErr(ROCAUC{}.Eval(y3, p2[:3], 1)), ErrClasses, "y_true", -1, -1, ""},
		{"ROCAUC row sum", lastErr(ROCAUC{}.Eval(y3, []float64{0.2, 0.3, 0.5, 0.1, 0.8, 0.2, 0.3, 0.3, 0.4}, 3)), ErrRowSum, "y_score", 1, -1,
			"metrics: y_score[1]: sum 1.1: probabilities do not sum to 1"},
		{"ROCAUC absent class", lastErr(ROCAUC{Labels: []int{0, 1, 2}}.Eval([]int{0, 1, 1}, p3, 3)), ErrClasses, "y_true", -1, -1, ""},
		{"ROCAUC unknown label", lastErr(ROCAUC{Labels: []int{0, 1, 2}}.Eval([]int{0, 1, 4}, p3, 3)), ErrUnknownLabel, "y_true", 2, -1, ""},
		{"ROCAUC columns", lastErr(ROCAUC{}.Eval(y3, p3[:6], 2)), ErrShape, "y_score", -1, -1, ""},
		{"ROC curve one class", lastErr3(ROCAUC{}.Curve(nil, nil, nil, []int{0, 0}, []float64{0.1, 0.2})), ErrClasses, "y_true", -1, -1, ""},

		{"CalibrationCurve bins", curve(CalibrationCurve{NBins: -1}, y2, p2), ErrOption, "NBins", -1, -1, ""},
		{"CalibrationCurve strategy", curve(CalibrationCurve{Strategy: 2}, y2, p2), ErrOption, "Strategy", -1, -1, ""},
		{"CalibrationCurve three classes", curve(CalibrationCurve{}, y3, p2[:3]), ErrClasses, "y_true", -1, -1, ""},
		{"CalibrationCurve above 1", curve(CalibrationCurve{}, y2, []float64{0.1, 1.01, 0.6, 0.3}), ErrRange, "y_prob", 1, -1, ""},
		{"CalibrationCurve length", curve(CalibrationCurve{}, y2, p2[:1]), ErrLength, "y_prob", -1, -1, ""},
		{"CalibrationCurve empty", curve(CalibrationCurve{}, nil, nil), ErrEmpty, "y_true", -1, -1, ""},
		{"CalibrationCurve weight length", curve(CalibrationCurve{SampleWeight: []float64{1}}, y2, p2), ErrLength, "sample_weight", -1, -1, ""},
		{"CalibrationCurve negative weight", curve(CalibrationCurve{SampleWeight: []float64{1, 1, -1, 1}}, y2, p2), ErrNegativeWeight, "sample_weight", 2, -1, ""},
		{"CalibrationCurve NaN weight", curve(CalibrationCurve{SampleWeight: []float64{1, nan, 1, 1}}, y2, p2), ErrNaN, "sample_weight", 1, -1, ""},
		{"TopLabel weight length", lastErr(CalibrationCurve{SampleWeight: []float64{1, 1}}.TopLabel(nil, y3, p3, 3)), ErrLength, "sample_weight", -1, -1, ""},
		{"PerClass negative weight", lastErr(CalibrationCurve{SampleWeight: []float64{1, -2, 1}}.PerClass(nil, y3, p3, 3)), ErrNegativeWeight, "sample_weight", 1, -1, ""},
		{"TopLabel unknown label", lastErr(CalibrationCurve{Labels: []int{0, 1, 2}}.TopLabel(nil, []int{0, 9, 2}, p3, 3)), ErrUnknownLabel, "y_true", 1, -1, ""},
		{"TopLabel negative", lastErr(CalibrationCurve{}.TopLabel(nil, y3, []float64{0.2, 0.3, 0.5, 0.1, 0.8, 0.1, 0.3, -0.3, 0.4}, 3)), ErrRange, "y_prob", 2, 1, ""},
		{"PerClass columns", lastErr(CalibrationCurve{}.PerClass(nil, y3, p3[:6], 2)), ErrShape, "y_prob", -1, -1, ""},

		{"Confusion repeated label", lastErr(Confusion{Labels: []int{0, 1, 0}}.Eval(nil, y2, y2)), ErrLabels, "labels", 2, -1,
			"metrics: labels[2] = 0: repeated: invalid labels"},
		{"Confusion no label in y_true", lastErr(Confusion{Labels: []int{5}}.Eval(nil, y2, y2)), ErrLabels, "labels", -1, -1, ""},
		{"Confusion empty labels", lastErr(Confusion{Labels: []int{}}.Eval(nil, y2, y2)), ErrLabels, "labels", -1, -1, ""},
		{"Confusion y_pred length", lastErr(Confusion{}.Eval(nil, y2, y3)), ErrLength, "y_pred", -1, -1, ""},
		{"Confusion empty", lastErr(Confusion{}.Eval(nil, nil, nil)), ErrEmpty, "y_true", -1, -1, ""},

		{"Binary label 2", lastErr(Binary([]int{0, 1, 2, 0}, p2)), ErrUnknownLabel, "y_true", 2, -1,
			"metrics: y_true[2] = 2: want 0 or 1: label not among the classes"},
		{"Binary NaN", lastErr(Binary(y2, []float64{0.1, 0.8, nan, 0.3})), ErrNaN, "y_prob", 2, -1, ""},
		{"Binary length", lastErr(Binary(y2, p2[:3])), ErrLength, "y_prob", -1, -1, ""},
		{"PositiveLabel three classes", lastErr(PositiveLabel(y3, nil)), ErrClasses, "y_true", -1, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Fatalf("error %v, want %v", tt.err, tt.want)
			}
			var e *Error
			if !errors.As(tt.err, &e) {
				t.Fatalf("error %T is not *Error", tt.err)
			}
			if e.Arg != tt.arg || e.Row != tt.row || e.Col != tt.col {
				t.Errorf("error at %s[%d, %d], want %s[%d, %d] (%v)", e.Arg, e.Row, e.Col, tt.arg, tt.row, tt.col, e)
			}
			if tt.msg != "" && e.Error() != tt.msg {
				t.Errorf("message %q, want %q", e.Error(), tt.msg)
			}
		})
	}
}

// lastErr returns the error of a two-value call.
func lastErr[T any](_ T, err error) error { return err }

// lastErr3 returns the error of a four-value call.
func lastErr3[A, B, C any](_ A, _ B, _ C, err error) error { return err }
