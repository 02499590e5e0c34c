package modelfile

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xent-ml/xent/calibrate"
	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/preprocess"
)

// validFile returns the content of a small valid softmax model file with
// standardization and temperature calibration.
func validFile(t testing.TB) []byte {
	t.Helper()
	m := &Model{
		Kind: Softmax, Classes: []string{"setosa", "versicolor", "virginica"}, NFeatures: 2,
		FeatureNames: []string{"petal_length", "petal_width"},
		Preprocess:   preprocess.Pipeline{{Standardize: &preprocess.Standardizer{Mean: []float64{3.758, 1.199}, Scale: []float64{1.759, 0.760}}}},
		Coef:         []float64{-2.5, -2.25, 0.25, -0.5, 2.25, 2.75},
		Intercept:    []float64{-0.5, 2, -1.5},
		Calibration:  &calibrate.Model{Temperature: &calibrate.Temperature{T: 1.25}},
	}
	return encoded(t, m)
}

func replace(t testing.TB, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q not in the file:\n%s", old, b)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestLoadErrors(t *testing.T) {
	valid := validFile(t)
	tests := []struct {
		name    string
		content []byte
		want    error
		msg     string // a regular expression the message must match
	}{
		{"empty", nil, ErrNotModel, `^modelfile: m\.json: not a model file: it is empty$`},
		{"csv", []byte("label,x\n1,2\n"), ErrNotModel, `not a model file: it does not start with a JSON object`},
		{"array", []byte(`[1, 2]`), ErrNotModel, `not a model file`},
		{"other json", []byte(`{"name": "config", "size": 3}`), ErrNotModel, `no "format": "xent-model" field`},
		{"other format", replace(t, valid, `"xent-model"`, `"onnx"`), ErrNotModel, `"format" is "onnx", want "xent-model"`},
		{"format not string", replace(t, valid, `"xent-model"`, `7`), ErrNotModel, `"format" is 7`},
		{"future version", replace(t, valid, `"version": 1`, `"version": 2`), ErrVersion,
			`^modelfile: m\.json: format version 2 is newer than this xent understands \(1\); upgrade xent$`},
		{"future version gzip", gz(replace(t, valid, `"version": 1`, `"version": 17`)), ErrVersion, `format version 17 is newer`},
		{"version zero", replace(t, valid, `"version": 1`, `"version": 0`), ErrDamaged, `"version" is 0, want a positive integer`},
		{"version string", replace(t, valid, `"version": 1`, `"version": "1"`), ErrDamaged, `"version" is "1", want a positive integer`},
		{"version missing", replace(t, valid, `"version": 1,`, ``), ErrDamaged, `no "version" field`},
		{"truncated", valid[:len(valid)/2], ErrDamaged, `damaged model file: truncated JSON`},
		{"truncated end", valid[:len(valid)-3], ErrDamaged, `truncated JSON`},
		{"truncated after header", valid[:bytes.Index(valid, []byte(`"kind"`))], ErrDamaged, `truncated JSON`},
		{"truncated gzip", gz(valid)[:40], ErrDamaged, `damaged model file: gzip: unexpected EOF`},
		{"NaN weight", replace(t, valid, `"coef": [-2.5`, `"coef": [NaN`), ErrDamaged, `invalid JSON at line 11, column 12: invalid character 'N'`},
		{"huge weight", replace(t, valid, `"coef": [-2.5`, `"coef": [1e999`), ErrDamaged, `field coef: cannot store JSON number 1e999`},
		{"weight string", replace(t, valid, `"coef": [-2.5`, `"coef": ["x"`), ErrDamaged, `field coef: cannot store JSON string`},
		{"short coef", replace(t, valid, `-2.5,`, ``), ErrDamaged, `coef has 5 values, want 6 \(3 rows × 2 features after preprocessing\)`},
		{"n_features mismatch", replace(t, valid, `"n_features": 2`, `"n_features": 3`), ErrDamaged, `3 feature names for n_features = 2|2 feature names for n_features = 3`},
		{"step width", replace(t, replace(t, valid, `"n_features": 2`, `"n_features": 3`), `"feature_names": ["petal_length","petal_width"],`, ``), ErrDamaged,
			`preprocess: step 1 \(standardize\): X has 3 columns, want 2`},
		{"short intercept", replace(t, valid, `"intercept": [-0.5,`, `"intercept": [`), ErrDamaged, `intercept has 2 values, want 3`},
		{"zero scale", replace(t, valid, `"scale":[1.759`, `"scale":[0`), ErrDamaged, `scale\[0\] = 0: want a finite positive scale`},
		{"unknown kind", replace(t, valid, `"kind": "softmax"`, `"kind": "forest"`), ErrDamaged, `kind "forest" is not one of`},
		{"missing kind", replace(t, valid, `"kind": "softmax",`, ``), ErrDamaged, `no "kind" field`},
		{"missing classes", replace(t, valid, `"classes": ["setosa","versicolor","virginica"],`, ``), ErrDamaged, `no "classes" field`},
		{"missing n_features", replace(t, valid, `"n_features": 2,`, ``), ErrDamaged, `no "n_features" field`},
		{"duplicate classes", replace(t, valid, `"virginica"]`, `"setosa"]`), ErrDamaged, `classes: `},
		{"one class", replace(t, valid, `"classes": ["setosa","versicolor","virginica"]`, `"classes": ["setosa"]`), ErrDamaged, `1 classes, want at least 2`},
		{"bad temperature", replace(t, valid, `"t":1.25`, `"t":-1`), ErrDamaged, `want a finite positive temperature`},
		{"unknown step", replace(t, valid, `{"standardize":`, `{"pca":{}, "x":`), ErrDamaged, `step 1 \(invalid\): the step holds 0 transformations`},
		{"layers in linear", replace(t, valid, `"intercept"`, `"layers": [{"in":2,"out":3,"weights":[1,2,3,4,5,6],"biases":[0,0,0]}], "intercept"`), ErrDamaged, `softmax model with 1 layers`},
		{"schema not object", replace(t, valid, "\n}\n", ",\n  \"schema\": [1,\n}\n"), ErrDamaged, `invalid JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.json")
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := Load(path)
			if err == nil {
				t.Fatalf("Load succeeded: %+v", m)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q does not wrap %v", err, tt.want)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.Path != path {
				t.Errorf("error %#v does not name %s", err, path)
			}
			msg := strings.ReplaceAll(err.Error(), path, "m.json")
			if !regexp.MustCompile(tt.msg).MatchString(msg) {
				t.Errorf("error %q does not match %q", msg, tt.msg)
			}
			// Read gives the same cause without a file name.
			if _, err := Read(bytes.NewReader(tt.content)); !errors.Is(err, tt.want) || strings.Contains(err.Error(), path) {
				t.Errorf("Read error %q", err)
			}
		})
	}
}

func TestLoadAccepts(t *testing.T) {
	valid := validFile(t)
	tests := []struct {
		name    string
		content []byte
	}{
		{"valid", valid},
		{"gzip whatever the name", gz(valid)},
		{"unknown fields ignored", replace(t, valid, `"kind"`, `"comment": {"any": [1, "thing"]}, "kind"`)},
		{"reordered and compact", []byte(`{"intercept":[0,0],"coef":[],"n_features":0,"classes":["n","y"],"kind":"softmax","version":1,"format":"xent-model"}`)},
	}
	want, err := Read(bytes.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Read(bytes.NewReader(tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if tt.name != "reordered and compact" && !bytes.Equal(encoded(t, m), encoded(t, want)) {
				t.Errorf("decoded differently: %s", encoded(t, m))
			}
		})
	}
	if _, err := Load(filepath.Join(t.TempDir(), "absent.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestSaveRefusesInvalid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(path, []byte("previous content"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := &Model{Kind: Logistic, Classes: []string{"0", "1"}, NFeatures: 2, Coef: []float64{1, 2}, Intercept: []float64{0}}
	tests := []struct {
		name   string
		change func(m *Model)
		msg    string
	}{
		{"NaN coef", func(m *Model) { m.Coef[1] = math.NaN() }, `coef\[0, 1\] = NaN: not finite`},
		{"Inf intercept", func(m *Model) { m.Intercept[0] = math.Inf(-1) }, `intercept\[0\] = -Inf`},
		{"three classes", func(m *Model) { m.Classes = append(m.Classes, "2") }, `logistic model with 3 classes, want 2`},
		{"coef length", func(m *Model) { m.Coef = m.Coef[:1] }, `coef has 1 values, want 2 \(1 row × 2 features\)`},
		{"NaN hyperparameter", func(m *Model) { m.Hyperparameters = map[string]any{"tol": math.NaN()} }, `field hyperparameters: json: unsupported value: NaN`},
		{"bad schema", func(m *Model) { m.Schema = []byte("{") }, `schema is not valid JSON`},
		{"mlp with coef", func(m *Model) { m.Kind = MLP }, `mlp model with coef or intercept`},
		{"unknown kind", func(m *Model) { m.Kind = 9 }, `unknown kind Kind\(9\)`},
		{"calibration for other k", func(m *Model) {
			m.Calibration = &calibrate.Model{Platt: &calibrate.Platt{A: []float64{1, 1, 1}, B: []float64{0, 0, 0}}}
		}, `3 slopes and 3 intercepts for k = 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := *good
			m.Coef = append([]float64(nil), good.Coef...)
			m.Intercept = append([]float64(nil), good.Intercept...)
			tt.change(&m)
			err := m.Save(path)
			if !errors.Is(err, ErrInvalid) || !regexp.MustCompile(tt.msg).MatchString(err.Error()) {
				t.Errorf("Save error %v, want ErrInvalid matching %q", err, tt.msg)
			}
			if b, _ := os.ReadFile(path); string(b) != "previous content" {
				t.Errorf("the existing file was changed to %q", b)
			}
			if err := m.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate error %v", err)
			}
		})
	}
}

// badMatrix is a Matrix that can hold a NaN, as a caller's own type may.
type badMatrix struct{ *data.Dense }

func TestPredictErrors(t *testing.T) {
	m, err := Read(bytes.NewReader(validFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	x := randDense(t, 600, 2, 0, 5)
	oneHot := build(t, spec{name: "one-hot", kind: Softmax, k: 3, p: 5, prep: "onehot+standardize"}, randDense(t, 50, 5, 2, 6))
	oneHot.Preprocess[0].OneHot.Unknown = preprocess.UnknownError
	bad := randDense(t, 600, 5, 2, 6)
	bad.RawData()[517*5+1] = 7 // an unknown category in a later block
	nanX := randDense(t, 600, 2, 0, 5)
	nanX.RawData()[2*401] = math.NaN()
	tests := []struct {
		name string
		run  func() error
		want error
		msg  string
	}{
		{"width", func() error { _, err := m.PredictProba(nil, randDense(t, 3, 4, 0, 1)); return err }, data.ErrShape,
			`^modelfile: X has 4 columns, the model expects 2 features: shape mismatch$`},
		{"dst length", func() error { _, err := m.PredictProba(make([]float64, 5), x); return err }, data.ErrShape,
			`dst has 5 values, want 1800 \(600 rows × 3 classes\)`},
		{"Predict dst length", func() error { _, err := m.Predict(make([]int, 5), x); return err }, data.ErrShape, `want 600`},
		{"unknown category", func() error { _, err := oneHot.PredictProba(nil, bad); return err }, preprocess.ErrUnknownCategory,
			`^preprocess: step 1 \(one-hot\): X\[517, 1\] = 7: unknown category`},
		{"NaN input", func() error { _, err := m.PredictProba(nil, badMatrix{nanX}); return err }, data.ErrNotFinite,
			`^preprocess: step 1 \(standardize\): X\[401, 0\] = NaN`},
		{"nil X", func() error { _, err := m.PredictProba(nil, nil); return err }, data.ErrShape, `^modelfile: X is nil`},
		{"nil *Dense X", func() error { _, err := m.PredictProba(nil, (*data.Dense)(nil)); return err }, data.ErrShape, `X is nil`},
		{"nil *CSR X, Predict", func() error { _, err := m.Predict(nil, (*data.CSR)(nil)); return err }, data.ErrShape, `X is nil`},
		{"nil model", func() error { _, err := (*Model)(nil).PredictProba(nil, nil); return err }, ErrInvalid, `nil model`},
		{"nil model Predict", func() error { _, err := (*Model)(nil).Predict(nil, x); return err }, ErrInvalid, `nil model`},
		{"nil model Validate", func() error { return (*Model)(nil).Validate() }, ErrInvalid, `nil model`},
		{"nil model Write", func() error { return (*Model)(nil).Write(io.Discard) }, ErrInvalid, `nil model`},
		{"invalid model", func() error {
			c := *m
			c.Coef = c.Coef[:4]
			_, err := c.PredictProba(nil, x)
			return err
		}, ErrInvalid, `coef has 4 values, want 6`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !errors.Is(err, tt.want) || !regexp.MustCompile(tt.msg).MatchString(err.Error()) {
				t.Errorf("error %v, want %v matching %q", err, tt.want, tt.msg)
			}
		})
	}
	// Without preprocessing a NaN reaches the output, which is checked.
	plain := &Model{Kind: Logistic, Classes: []string{"0", "1"}, NFeatures: 2, Coef: []float64{1, 2}, Intercept: []float64{0}}
	if _, err := plain.PredictProba(nil, badMatrix{nanX}); err == nil || !strings.Contains(err.Error(), "row 401: predicted probability") {
		t.Errorf("NaN input without preprocessing: %v", err)
	}
}

// TestFormatExample loads the example of FORMAT.md, so that the document
// and the reader agree.
func TestFormatExample(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllSubmatch(doc, -1)
	if len(blocks) == 0 {
		t.Fatal("no JSON example in FORMAT.md")
	}
	last := blocks[len(blocks)-1][1]
	m, err := Read(bytes.NewReader(last))
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != Logistic || m.Calibration == nil || len(m.History) != 2 || !math.IsNaN(m.Training.ValidationLogLoss) {
		t.Errorf("decoded %+v", m)
	}
	if _, err := m.PredictProba(nil, randDense(t, 2, 2, 0, 1)); err != nil {
		t.Error(err)
	}
}
