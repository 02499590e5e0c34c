package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xent-ml/xent/data"
)

func dense(t *testing.T, m data.Matrix) []float64 {
	t.Helper()
	return data.ToDense(m).RawData()
}

func TestUnusualValidInput(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		input    string
		opt      Options
		x        []float64
		y        []int
		classes  []string
		features []string
	}{
		{"crlf", "a.csv", "label,a,b\r\n0,1,2\r\n1,3,4\r\n", Options{},
			[]float64{1, 2, 3, 4}, []int{0, 1}, []string{"0", "1"}, []string{"a", "b"}},
		{"quoted fields", "a.csv", "\"label\",\"a\"\n\"x, y\",\"1.5\"\n\"say \"\"hi\"\"\",2\n", Options{},
			[]float64{1.5, 2}, []int{1, 0}, []string{"say \"hi\"", "x, y"}, []string{"a"}},
		{"quoted newline in label", "a.csv", "label,a\n\"two\nlines\",1\nz,2\n", Options{},
			[]float64{1, 2}, []int{0, 1}, []string{"two\nlines", "z"}, []string{"a"}},
		{"string labels", "a.csv", "a,label\n1,setosa\n2,virginica\n3,versicolor\n4,setosa\n", Options{},
			[]float64{1, 2, 3, 4}, []int{0, 2, 1, 0}, []string{"setosa", "versicolor", "virginica"}, []string{"a"}},
		{"numeric labels sort numerically", "a.csv", "label,a\n10,1\n9,2\n-1,3\n", Options{},
			[]float64{1, 2, 3}, []int{2, 1, 0}, []string{"-1", "9", "10"}, []string{"a"}},
		{"trailing blank lines", "a.csv", "label,a\n0,1\n1,2\n\n\n", Options{},
			[]float64{1, 2}, []int{0, 1}, []string{"0", "1"}, []string{"a"}},
		{"no final newline", "a.csv", "label,a\n0,1\n1,2", Options{},
			[]float64{1, 2}, []int{0, 1}, []string{"0", "1"}, []string{"a"}},
		{"bom", "a.csv", "\xef\xbb\xbflabel,a\n0,1\n", Options{},
			[]float64{1}, []int{0}, []string{"0"}, []string{"a"}},
		{"spaces around numbers and names", "a.csv", "label, a , b\n0, 1 ,\t2\n", Options{},
			[]float64{1, 2}, []int{0}, []string{"0"}, []string{"a", "b"}},
		{"label column by name", "a.csv", "a,y,b\n1,p,2\n", Options{LabelColumn: "y"},
			[]float64{1, 2}, []int{0}, []string{"p"}, []string{"a", "b"}},
		{"columns chosen and reordered", "a.csv", "label,a,b,c\n0,1,2,3\n", Options{Columns: []string{"c", "a"}},
			[]float64{3, 1}, []int{0}, []string{"0"}, []string{"c", "a"}},
		{"columns dropped", "a.csv", "label,a,b,c\n0,1,2,3\n", Options{Drop: []string{"b"}},
			[]float64{1, 3}, []int{0}, []string{"0"}, []string{"a", "c"}},
		{"categorical", "a.csv", "label,color,v\n0,red,1\n1,blue,2\n0,red,3\n", Options{Categorical: []string{"color"}},
			[]float64{0, 1, 1, 1, 0, 2, 0, 1, 3}, []int{0, 1, 0}, []string{"0", "1"}, []string{"color_blue", "color_red", "v"}},
		{"impute mean", "a.csv", "label,a,b\n0,1,NA\n1,,4\n0,3,2\n", Options{Missing: MissingMean},
			[]float64{1, 3, 2, 4, 3, 2}, []int{0, 1, 0}, []string{"0", "1"}, []string{"a", "b"}},
		{"impute zero", "a.csv", "label,a\n0,NaN\n1,5\n", Options{Missing: MissingZero},
			[]float64{0, 5}, []int{0, 1}, []string{"0", "1"}, []string{"a"}},
		{"given classes keep order", "a.csv", "label,a\nb,1\n", Options{Classes: []string{"b", "a"}},
			[]float64{1}, []int{0}, []string{"b", "a"}, []string{"a"}},
		{"numeric label spellings", "a.csv", "label,a\n1,1\n1.0,2\n+1,3\n0,4\n", Options{},
			[]float64{1, 2, 3, 4}, []int{1, 1, 1, 0}, []string{"0", "+1"}, []string{"a"}},
		{"libsvm", "a.svm", "+1 1:0.5 3:-2 # comment\n\n-1 qid:3 2:1\r\n# only comment\n-1\t1:1e-3\n", Options{},
			[]float64{0.5, 0, -2, 0, 1, 0, 1e-3, 0, 0}, []int{1, 0, 0}, []string{"-1", "+1"}, nil},
		{"libsvm width given", "a.svm", "a 1:1\nb 2:1\n", Options{NumFeatures: 4},
			[]float64{1, 0, 0, 0, 0, 1, 0, 0}, []int{0, 1}, []string{"a", "b"}, nil},
		{"libsvm ignore beyond width", "a.svm", "a 1:1 9:9\n", Options{NumFeatures: 2, Unknown: UnknownIgnore},
			[]float64{1, 0}, []int{0}, []string{"a"}, nil},
		{"libsvm zero value counts for width", "a.svm", "a 1:1 3:0\n", Options{},
			[]float64{1, 0, 0}, []int{0}, []string{"a"}, nil},
		{"libsvm empty row", "a.svm", "a\nb 1:2\n", Options{},
			[]float64{0, 2}, []int{0, 1}, []string{"a", "b"}, nil},
		{"spaces around labels and categories", "a.csv", "label,c,v\n yes,a,1\nyes ,a ,2\n\" yes\",\"\tb\",3\n", Options{Categorical: []string{"c"}},
			[]float64{1, 0, 1, 1, 0, 2, 0, 1, 3}, []int{0, 0, 0}, []string{"yes"}, []string{"c_a", "c_b", "v"}},
		{"libsvm multi-label style label with features", "a.svm", "1,3 1:1\n2 2:1\n", Options{},
			[]float64{1, 0, 0, 1}, []int{0, 1}, []string{"1,3", "2"}, nil},
		{"format option beats name", "data.txt", "1 1:1\n", Options{Format: LibSVM},
			[]float64{1}, []int{0}, []string{"1"}, nil},
		{"gzip detected by magic", "plain.csv", gz(t, "label,a\n0,1\n"), Options{},
			[]float64{1}, []int{0}, []string{"0"}, []string{"a"}},
	}
	dir := t.TempDir()
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, s, err := Read(strings.NewReader(tt.input), tt.file, tt.opt)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			// From a regular file, the readers preallocate from a count of
			// its lines: the result must be the same.
			path := filepath.Join(dir, fmt.Sprint(k, "_", tt.file))
			if err := os.WriteFile(path, []byte(tt.input), 0o644); err != nil {
				t.Fatal(err)
			}
			df, _, err := ReadFile(path, nil, tt.opt)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if !slices.Equal(dense(t, df.X), dense(t, d.X)) || !slices.Equal(df.Y, d.Y) {
				t.Fatalf("ReadFile = %v, %v; Read = %v, %v", dense(t, df.X), df.Y, dense(t, d.X), d.Y)
			}
			if err := d.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if err := s.Validate(); err != nil {
				t.Fatalf("Schema.Validate: %v", err)
			}
			if got := dense(t, d.X); !slices.Equal(got, tt.x) {
				t.Errorf("X = %v, want %v", got, tt.x)
			}
			if !slices.Equal(d.Y, tt.y) || !slices.Equal(d.Classes, tt.classes) {
				t.Errorf("Y, Classes = %v, %q; want %v, %q", d.Y, d.Classes, tt.y, tt.classes)
			}
			if !slices.Equal(d.FeatureNames, tt.features) {
				t.Errorf("FeatureNames = %q, want %q", d.FeatureNames, tt.features)
			}
		})
	}
}

func TestWeights(t *testing.T) {
	d, s, err := Read(strings.NewReader("label,a,w\n0,1,0.5\n1,2,2\n"), "w.csv", Options{WeightColumn: "w"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.SampleWeight, []float64{0.5, 2}) || d.NumFeatures() != 1 || s.WeightColumn != "w" {
		t.Fatalf("weights %v, features %d, schema weight %q", d.SampleWeight, d.NumFeatures(), s.WeightColumn)
	}
	// At apply time the weight column is read when present, else nil.
	d2, err := s.Read(strings.NewReader("a,label\n3,1\n"), "p.csv", Options{})
	if err != nil || d2.SampleWeight != nil {
		t.Fatalf("apply without weight column: %v, %v", d2, err)
	}
}

func TestFloat32(t *testing.T) {
	for _, in := range []struct{ file, text string }{{"a.csv", "label,a\n0,0.1\n"}, {"a.svm", "0 1:0.1\n"}} {
		d, _, err := Read(strings.NewReader(in.text), in.file, Options{Float32: true})
		if err != nil {
			t.Fatal(err)
		}
		switch d.X.(type) {
		case *data.Dense32, *data.CSR32:
		default:
			t.Fatalf("%s: X is %T, want float32 storage", in.file, d.X)
		}
		if got := dense(t, d.X)[0]; got != float64(float32(0.1)) {
			t.Fatalf("%s: X[0,0] = %v, want float32(0.1)", in.file, got)
		}
	}
}

// TestSchemaApply learns a schema on a training file, saves it as JSON,
// loads it and applies it to a test file whose columns are in another
// order, with an extra column and without labels.
func TestSchemaApply(t *testing.T) {
	train := "id,color,size,label\n1,red,1,yes\n2,blue,NA,no\n3,green,5,yes\n"
	_, s, err := Read(strings.NewReader(train), "train.csv", Options{
		Drop: []string{"id"}, Categorical: []string{"color"}, Missing: MissingMean,
	})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var loaded Schema
	if err := json.Unmarshal(js, &loaded); err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(); err != nil {
		t.Fatalf("loaded schema: %v\n%s", err, js)
	}
	wantNames := []string{"color_blue", "color_green", "color_red", "size"}
	if !slices.Equal(loaded.FeatureNames, wantNames) || loaded.Columns[1].Fill != 3 {
		t.Fatalf("schema %s", js)
	}
	test := "size,extra,color,label\nNA,x,green,no\n2,y,red,yes\n"
	d, err := loaded.Read(strings.NewReader(test), "test.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 1, 0, 3, 0, 0, 1, 2} // size NA → training mean 3
	if got := dense(t, d.X); !slices.Equal(got, want) || !slices.Equal(d.Y, []int{0, 1}) {
		t.Fatalf("applied X = %v, Y = %v; want %v, [0 1]", got, d.Y, want)
	}
	// Prediction: no label column.
	d, err = loaded.Read(strings.NewReader("color,size\nblue,1\n"), "p.csv", Options{Labels: LabelsIgnore})
	if err != nil || d.Y != nil || !slices.Equal(dense(t, d.X), []float64{1, 0, 0, 1}) {
		t.Fatalf("predict read: %v, %v", d, err)
	}
	// Unknown category: error naming the place, or zeros when asked.
	_, err = loaded.Read(strings.NewReader("color,size,label\npurple,1,yes\n"), "u.csv", Options{})
	if !errors.Is(err, ErrUnknownCategory) || !strings.Contains(err.Error(), `u.csv:2:1: field 1 "color"`) {
		t.Fatalf("unknown category: %v", err)
	}
	d, err = loaded.Read(strings.NewReader("color,size,label\npurple,1,yes\n"), "u.csv", Options{Unknown: UnknownIgnore})
	if err != nil || !slices.Equal(dense(t, d.X), []float64{0, 0, 0, 1}) {
		t.Fatalf("unknown category ignored: %v, %v", d, err)
	}
	// Missing column, unknown label, format mismatch.
	if _, err := loaded.Read(strings.NewReader("color,label\nred,yes\n"), "m.csv", Options{}); !errors.Is(err, ErrColumn) ||
		!strings.Contains(err.Error(), `m.csv:1: column "size"`) {
		t.Fatalf("missing column: %v", err)
	}
	if _, err := loaded.Read(strings.NewReader("color,size,label\nred,1,maybe\n"), "l.csv", Options{}); !errors.Is(err, ErrUnknownLabel) ||
		!strings.Contains(err.Error(), "l.csv:2:") {
		t.Fatalf("unknown label: %v", err)
	}
	if _, err := loaded.Read(strings.NewReader("yes 1:1\n"), "x.svm", Options{Format: LibSVM}); !errors.Is(err, ErrFormat) {
		t.Fatalf("format mismatch: %v", err)
	}
}

// TestSchemaFormatMismatch: applying a schema to a file whose name or
// given format says the other format is an error, not garbage.
func TestSchemaFormatMismatch(t *testing.T) {
	_, csvSchema, err := Read(strings.NewReader("a,label\n1,yes\n2,no\n"), "train.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, svmSchema, err := Read(strings.NewReader("yes 1:1\nno 2:1\n"), "train.svm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	csvText, svmText := "a,label\n2.33,yes\n", "yes 1:2.33\n"
	tests := []struct {
		name   string
		schema *Schema
		file   string
		text   string
		opt    Options
		want   string // error text; "" means success
	}{
		{"libsvm model, csv name", svmSchema, "test.csv", csvText, Options{Labels: LabelsIgnore},
			"ingest: test.csv: the model was trained on libsvm data, this file is csv"},
		{"libsvm model, csv.gz name", svmSchema, "TEST.CSV.GZ", gz(t, csvText), Options{},
			"the model was trained on libsvm data, this file is csv"},
		{"csv model, svm name", csvSchema, "test.svm", svmText, Options{},
			"ingest: test.svm: the model was trained on csv data, this file is libsvm"},
		{"csv model, libsvm name", csvSchema, "t.libsvm", svmText, Options{}, "this file is libsvm"},
		{"csv model, svmlight name", csvSchema, "t.svmlight", svmText, Options{}, "this file is libsvm"},
		{"csv model, libsvm given", csvSchema, "t.txt", svmText, Options{Format: LibSVM},
			"the model was trained on csv data, libsvm was given"},
		{"libsvm model, csv given over a matching name", svmSchema, "t.svm", csvText, Options{Format: CSV}, "libsvm data, csv was given"},
		{"name without format takes the schema's", svmSchema, "test.txt", svmText, Options{}, ""},
		{"stdin takes the schema's", csvSchema, "-", csvText, Options{}, ""},
		{"given format overrides a misleading name", svmSchema, "odd.csv", svmText, Options{Format: LibSVM}, ""},
		{"matching name", csvSchema, "t.csv", csvText, Options{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.schema.Read(strings.NewReader(tt.text), tt.file, tt.opt)
			if tt.want == "" {
				if err != nil || d.NumSamples() != 1 {
					t.Fatalf("Read = %v, %v; want one sample", d, err)
				}
				return
			}
			if !errors.Is(err, ErrFormat) || !strings.Contains(fmt.Sprint(err), tt.want) {
				t.Fatalf("Read error = %v, want ErrFormat with %q", err, tt.want)
			}
		})
	}
}

// TestMaxFeaturesGiven: an index above MaxFeatures is read when the number
// of features is given.
func TestMaxFeaturesGiven(t *testing.T) {
	const p = MaxFeatures + 5
	d, _, err := Read(strings.NewReader(fmt.Sprintf("a 1:1 %d:2\n", p)), "h.svm", Options{NumFeatures: p})
	if err != nil {
		t.Fatal(err)
	}
	if n, c := d.X.Dims(); n != 1 || c != p {
		t.Fatalf("Dims = %d, %d; want 1, %d", n, c, p)
	}
}

func TestSchemaApplyLibSVM(t *testing.T) {
	_, s, err := Read(strings.NewReader("a 1:1 3:2\nb 2:1\n"), "train.svm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.NumFeatures != 3 {
		t.Fatalf("NumFeatures = %d, want 3", s.NumFeatures)
	}
	d, err := s.Read(strings.NewReader("b 1:5\n"), "t.svm", Options{})
	if err != nil || d.NumFeatures() != 3 || d.Y[0] != 1 {
		t.Fatalf("apply: %v, %v", d, err)
	}
	if _, err := s.Read(strings.NewReader("b 4:5\n"), "t.svm", Options{}); !errors.Is(err, ErrIndex) ||
		!strings.Contains(err.Error(), "t.svm:1:3") {
		t.Fatalf("beyond width: %v", err)
	}
	d, err = s.Read(strings.NewReader("b 4:5\n"), "t.svm", Options{Unknown: UnknownIgnore})
	if err != nil || dense(t, d.X)[0] != 0 {
		t.Fatalf("beyond width ignored: %v, %v", d, err)
	}
	// Prediction files: labels skipped, or absent altogether.
	d, err = s.Read(strings.NewReader("zzz 1:1\n2:7\n"), "p.svm", Options{Labels: LabelsIgnore})
	if err != nil || d.Y != nil || !slices.Equal(dense(t, d.X), []float64{1, 0, 0, 0, 7, 0}) {
		t.Fatalf("predict: %v, %v", d, err)
	}
}

func TestRoundTrip(t *testing.T) {
	x, _ := data.NewDense(3, 3, []float64{0.1, 0, -2.5e-300, 1e300, 3, 0, 0, 0, 0})
	d := &data.Dataset{X: x, Y: []int{1, 0, 1}, Classes: []string{"cat, black", "dog \"rex\""}, FeatureNames: []string{"a", "b b", "c"}}
	var b bytes.Buffer
	if err := WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(&b, "rt.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got *data.Dataset) {
		t.Helper()
		if g := dense(t, got.X); !slices.EqualFunc(g, x.RawData(), func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Errorf("%s: X = %v, want %v", name, g, x.RawData())
		}
		if !slices.Equal(got.Y, d.Y) {
			t.Errorf("%s: Y = %v, want %v", name, got.Y, d.Y)
		}
	}
	check("csv", got)
	if !slices.Equal(got.Classes, d.Classes) || !slices.Equal(got.FeatureNames, d.FeatureNames) {
		t.Errorf("csv: classes %q names %q", got.Classes, got.FeatureNames)
	}
	d.Classes = []string{"-1", "+1"}
	b.Reset()
	if err := WriteLibSVM(&b, d); err != nil {
		t.Fatal(err)
	}
	got, _, err = Read(&b, "rt.svm", Options{NumFeatures: 3})
	if err != nil {
		t.Fatal(err)
	}
	check("libsvm", got)
	for _, bad := range []string{"a b", "a,b", "a:b", "a#b"} {
		d.Classes = []string{bad, "c"}
		if err := WriteLibSVM(&b, d); err == nil {
			t.Errorf("WriteLibSVM with label %q: want an error", bad)
		}
	}
}
