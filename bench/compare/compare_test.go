package main

import (
	"bufio"
	"math"
	"strings"
	"testing"

	"github.com/xent-ml/xent/data"
)

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		rows    int
		x       []float64
		y       []int
		wantErr string // substring; "" means success
	}{
		{name: "two rows", in: "label,x1,x2\n0,1.5,-2\n1,0,3e-1\n", rows: 2,
			x: []float64{1.5, -2, 0, 0.3}, y: []int{0, 1}},
		{name: "no final newline", in: "label,x1\n2,7", rows: 1, x: []float64{7}, y: []int{2}},
		{name: "crlf", in: "label,x1\r\n1,0.25\r\n", rows: 1, x: []float64{0.25}, y: []int{1}},
		{name: "short row", in: "label,x1,x2\n0,1\n", wantErr: ":2: wrong number of fields"},
		{name: "long row", in: "label,x1\n0,1\n1,2,3\n", wantErr: ":3: wrong number of fields"},
		{name: "bad number", in: "label,x1\n0,abc\n", wantErr: `:2: field 2: invalid number "abc"`},
		{name: "nan", in: "label,x1\n0,NaN\n", wantErr: ":2: field 2: non-finite"},
		{name: "bad label", in: "label,x1\n-1,0\n", wantErr: ":2: label"},
		{name: "no header", in: "", wantErr: ":1: missing header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, y, err := parseCSV(bufio.NewReader(strings.NewReader(tt.in)), "f.csv", 0)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseCSV error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseCSV: %v", err)
			}
			if r, _ := m.Dims(); r != tt.rows {
				t.Fatalf("rows = %d, want %d", r, tt.rows)
			}
			for i, v := range tt.x {
				if got := m.RawData()[i]; got != v {
					t.Errorf("x[%d] = %v, want %v", i, got, v)
				}
			}
			for i, v := range tt.y {
				if y[i] != v {
					t.Errorf("y[%d] = %d, want %d", i, y[i], v)
				}
			}
		})
	}
}

func TestParseLibSVM(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		cols    int
		wantCol int
		nnz     int
		wantErr string
	}{
		{name: "rows", in: "1 1:0.5 3:2\n0\n0 2:1\n", wantCol: 3, nnz: 3},
		{name: "at least cols", in: "1 1:1\n", cols: 10, wantCol: 10, nnz: 1},
		{name: "decreasing index", in: "1 3:1 2:1\n", wantErr: ":1: index"},
		{name: "zero index", in: "0 1:1\n1 0:1\n", wantErr: ":2: index"},
		{name: "no colon", in: "1 3\n", wantErr: ":1: token"},
		{name: "bad value", in: "1 3:x\n", wantErr: `:1: index 3: invalid number "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, err := parseLibSVM(bufio.NewReader(strings.NewReader(tt.in)), "f.svm", tt.cols)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseLibSVM error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseLibSVM: %v", err)
			}
			if _, c := m.Dims(); c != tt.wantCol {
				t.Errorf("cols = %d, want %d", c, tt.wantCol)
			}
			if m.NNZ() != tt.nnz {
				t.Errorf("nnz = %d, want %d", m.NNZ(), tt.nnz)
			}
		})
	}
}

// At W = 0, b = 0 every logistic loss is log 2 and every softmax loss log K;
// at a nonzero point the values are written out by hand.
func TestEvalObjective(t *testing.T) {
	x, err := data.NewDense(3, 2, []float64{1, 0, 0, 2, -1, 1})
	if err != nil {
		t.Fatal(err)
	}
	y2 := []int{0, 1, 1}
	y3 := []int{0, 2, 1}
	sp := func(z float64) float64 { return math.Log1p(math.Exp(z)) }
	tests := []struct {
		name string
		o    objective
		c    float64
		y    []int
		w, b []float64
		want float64
	}{
		{"binary zero", objBinary, 2, y2, []float64{0, 0}, []float64{0}, 2 * 3 * math.Ln2},
		{"multinomial zero", objMultinomial, 1, y3, make([]float64, 6), make([]float64, 3), 3 * math.Log(3)},
		{"ovr-pen zero", objOvRPen, 1, y3, make([]float64, 6), make([]float64, 3), 9 * math.Ln2},
		// z = x·(1, -1) + 0.5 = (1.5, -1.5, -1.5)
		{"binary", objBinary, 1, y2, []float64{1, -1}, []float64{0.5},
			sp(1.5) + sp(1.5) + sp(1.5) + 1},
		{"binary-pen", objBinaryPen, 1, y2, []float64{1, -1}, []float64{0.5},
			sp(1.5) + sp(1.5) + sp(1.5) + 1 + 0.125},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evalObjective(tt.o, tt.c, x, tt.y, tt.w, tt.b)
			if math.Abs(got-tt.want) > 1e-12*math.Abs(tt.want) {
				t.Errorf("evalObjective = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

func TestEvalMetrics(t *testing.T) {
	x, err := data.NewDense(2, 1, []float64{1, -1})
	if err != nil {
		t.Fatal(err)
	}
	// z = ±2: p(y=1) = σ(2) for row 0 (label 1), σ(-2) for row 1 (label 0).
	ll, acc := evalMetrics(objBinary, x, []int{1, 0}, []float64{2}, []float64{0})
	want := -math.Log(1 / (1 + math.Exp(-2)))
	if math.Abs(ll-want) > 1e-15 || acc != 1 {
		t.Errorf("evalMetrics = %v, %v, want %v, 1", ll, acc, want)
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
