package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// EnvDir is the environment variable that names a golden folder to use
// instead of the repository's copy.
const EnvDir = "XENT_GOLDEN_DIR"

// Dir returns the golden folder: $XENT_GOLDEN_DIR when it is set and not
// empty, else testdata/golden under the module root (the nearest folder above
// the working directory that holds go.mod).
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "testdata", "golden"), nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("golden: no go.mod above %s and %s is not set", wd, EnvDir)
		}
		d = parent
	}
}

// Path returns the path of name inside the golden folder.
func Path(name string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, name), nil
}

// Float is a float64 that decodes from a JSON number or from one of the
// strings "nan", "inf" and "-inf".
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	v, err := parseFloat(b)
	*f = Float(v)
	return err
}

func parseFloat(b []byte) (float64, error) {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, err
		}
		switch s {
		case "nan":
			return math.NaN(), nil
		case "inf":
			return math.Inf(1), nil
		case "-inf":
			return math.Inf(-1), nil
		}
		return 0, fmt.Errorf("golden: bad float string %q", s)
	}
	return strconv.ParseFloat(string(b), 64)
}

// Tensor is a dense array in row-major order. Floats holds the data of a
// float64 tensor and Ints that of an int64 tensor; the other is nil.
type Tensor struct {
	Shape  []int
	DType  string
	Floats []float64
	Ints   []int
}

// Len returns the number of elements the shape describes.
func (t *Tensor) Len() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Tensor) UnmarshalJSON(b []byte) error {
	var raw struct {
		Shape []int             `json:"shape"`
		DType string            `json:"dtype"`
		Data  []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	t.Shape, t.DType = raw.Shape, raw.DType
	switch raw.DType {
	case "float64":
		t.Floats = make([]float64, len(raw.Data))
		for i, r := range raw.Data {
			v, err := parseFloat(r)
			if err != nil {
				return fmt.Errorf("golden: data[%d]: %w", i, err)
			}
			t.Floats[i] = v
		}
	case "int64":
		t.Ints = make([]int, len(raw.Data))
		for i, r := range raw.Data {
			v, err := strconv.Atoi(string(bytes.TrimSpace(r)))
			if err != nil {
				return fmt.Errorf("golden: data[%d]: %w", i, err)
			}
			t.Ints[i] = v
		}
	default:
		return fmt.Errorf("golden: unknown dtype %q", raw.DType)
	}
	if len(raw.Data) != t.Len() {
		return fmt.Errorf("golden: shape %v holds %d elements, data has %d", t.Shape, t.Len(), len(raw.Data))
	}
	return nil
}

// LossOptions holds every option a losses.json case may carry; an option a
// function does not take keeps its zero value. Nil tensors mean the option
// was null.
type LossOptions struct {
	TargetType     string  `json:"target_type"`
	Weight         *Tensor `json:"weight"`
	PosWeight      *Tensor `json:"pos_weight"`
	IgnoreIndex    *int    `json:"ignore_index"`
	Reduction      string  `json:"reduction"`
	LabelSmoothing Float   `json:"label_smoothing"`
	ClassDim       *int    `json:"class_dim"`
	LogTarget      bool    `json:"log_target"`
	Dim            *int    `json:"dim"`
	KeepDim        bool    `json:"keepdim"`
}

// LossCase is one case of losses.json.
type LossCase struct {
	ID          string      `json:"id"`
	Fn          string      `json:"fn"`
	Description string      `json:"description"`
	Note        string      `json:"note"`
	Input       Tensor      `json:"input"`
	Target      *Tensor     `json:"target"`
	Options     LossOptions `json:"options"`
	Cotangent   *Tensor     `json:"cotangent"`
	Loss        Tensor      `json:"loss"`
	GradInput   Tensor      `json:"grad_input"`
}

// MetricOptions holds every option a metrics.json case may carry.
type MetricOptions struct {
	Eps          Float           `json:"eps"`
	EpsArgument  json.RawMessage `json:"eps_argument"`
	Normalize    *bool           `json:"normalize"`
	SampleWeight *Tensor         `json:"sample_weight"`
	Labels       *Tensor         `json:"labels"`
	PosLabel     *int            `json:"pos_label"`
	NBins        int             `json:"n_bins"`
	Strategy     string          `json:"strategy"`
}

// CalibrationValue is the value of a calibration_curve case.
type CalibrationValue struct {
	ProbTrue Tensor `json:"prob_true"`
	ProbPred Tensor `json:"prob_pred"`
	BinEdges Tensor `json:"bin_edges"`
}

// MetricCase is one case of metrics.json. Value holds the scalar result;
// Calibration holds it instead for calibration_curve.
type MetricCase struct {
	ID          string            `json:"id"`
	Fn          string            `json:"fn"`
	Description string            `json:"description"`
	Note        string            `json:"note"`
	YTrue       Tensor            `json:"y_true"`
	YProb       *Tensor           `json:"y_prob"`
	YPred       *Tensor           `json:"y_pred"`
	Options     MetricOptions     `json:"options"`
	RawValue    json.RawMessage   `json:"value"`
	Value       float64           `json:"-"`
	Calibration *CalibrationValue `json:"-"`
}

// Optimum is one case of optima.json: a regularized logistic or softmax
// regression problem and its reference optimum.
type Optimum struct {
	ID                string  `json:"id"`
	Dataset           string  `json:"dataset"`
	Model             string  `json:"model"` // "binary" or "multinomial"
	C                 float64 `json:"C"`
	Penalty           string  `json:"penalty"`
	FitIntercept      bool    `json:"fit_intercept"`
	NSamples          int     `json:"n_samples"`
	NFeatures         int     `json:"n_features"`
	NClasses          int     `json:"n_classes"`
	Classes           []int   `json:"classes"`
	DesignFile        string  `json:"design_file"`
	RawFile           string  `json:"raw_file"`
	Coef              Tensor  `json:"coef"`
	Intercept         Tensor  `json:"intercept"`
	Objective         Float   `json:"objective"`
	MeanLogLoss       Float   `json:"mean_log_loss"`
	GradNorm2         Float   `json:"grad_norm_2"`
	ParamErrorBound2  Float   `json:"param_error_bound_2"`
	PredictProbaFirst Tensor  `json:"predict_proba_first_10_rows"`
	Preprocessing     struct {
		Kind  string  `json:"kind"`
		Mean  *Tensor `json:"mean"`
		Scale *Tensor `json:"scale"`
	} `json:"preprocessing"`
}

func loadJSON[T any](name string) ([]T, error) {
	p, err := Path(name)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var cases []T
	if err := json.Unmarshal(b, &cases); err != nil {
		return nil, fmt.Errorf("golden: %s: %w", p, err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("golden: %s holds no case", p)
	}
	return cases, nil
}

// Losses loads every case of losses.json.
func Losses() ([]LossCase, error) { return loadJSON[LossCase]("losses.json") }

// Optima loads every case of optima.json.
func Optima() ([]Optimum, error) { return loadJSON[Optimum]("optima.json") }

// Metrics loads every case of metrics.json, decoding each value as a
// number or, for calibration_curve, as a [CalibrationValue].
func Metrics() ([]MetricCase, error) {
	cases, err := loadJSON[MetricCase]("metrics.json")
	if err != nil {
		return nil, err
	}
	for i := range cases {
		c := &cases[i]
		if c.Fn == "calibration_curve" {
			c.Calibration = new(CalibrationValue)
			if err := json.Unmarshal(c.RawValue, c.Calibration); err != nil {
				return nil, fmt.Errorf("golden: case %s: value: %w", c.ID, err)
			}
			continue
		}
		v, err := parseFloat(c.RawValue)
		if err != nil {
			return nil, fmt.Errorf("golden: case %s: value: %w", c.ID, err)
		}
		c.Value = v
	}
	return cases, nil
}
