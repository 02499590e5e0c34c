package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
)

// checkFuzzResult asserts the reader's contract on arbitrary input: either a
// located *Error, or a valid dataset that writes and reads back unchanged.
func checkFuzzResult(t *testing.T, d *data.Dataset, s *Schema, err error, file string,
	write func(*bytes.Buffer, *data.Dataset) error, opt Options) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.File != file || e.Line < 1 {
			t.Fatalf("error %q (%T) is not located in %s", err, err, file)
		}
		return
	}
	if err := d.Validate(); err != nil {
		t.Fatalf("dataset invalid: %v", err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("schema invalid: %v", err)
	}
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		return // a label that the format cannot hold
	}
	d2, _, err := Read(&b, file, opt)
	if err != nil {
		t.Fatalf("reading back: %v\n%q", err, b.String())
	}
	x1, x2 := data.ToDense(d.X).RawData(), data.ToDense(d2.X).RawData()
	if !slices.EqualFunc(x1, x2, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
		t.Fatalf("X changed on round trip: %v → %v", x1, x2)
	}
	if !slices.Equal(d.Y, d2.Y) {
		t.Fatalf("Y changed on round trip: %v → %v (classes %q → %q)", d.Y, d2.Y, d.Classes, d2.Classes)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"label,a,b\n0,1,2\n1,3,4\n",
		"\xef\xbb\xbflabel,a\r\n\"x, y\",1.5\r\n\r\n",
		"a,label\n1,setosa\n2,\"vir\"\"ginica\"\n",
		"label,a\n0,NaN\n",
		"label,a\n0,1\n1,2,3\n",
		"label\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, s, err := Read(strings.NewReader(in), "f.csv", Options{})
		checkFuzzResult(t, d, s, err, "f.csv", func(b *bytes.Buffer, d *data.Dataset) error { return WriteCSV(b, d) }, Options{})
	})
}

func FuzzReadLibSVM(f *testing.F) {
	for _, s := range []string{
		"+1 1:0.5 3:-2 # c\n-1 qid:2 2:1\n",
		"1 0:1\n",
		"1 3:1 2:1\n",
		"a\r\n\r\nb 7:1e-300\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, s, err := Read(strings.NewReader(in), "f.svm", Options{})
		// The one-scan path for "index:value" must change nothing: the
		// same data or the same error as the token path alone.
		scanFeatures = false
		d2, _, err2 := Read(strings.NewReader(in), "f.svm", Options{})
		scanFeatures = true
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("one-scan path: error %v, token path: %v", err, err2)
		}
		if err == nil && !sameDataset(d, d2) {
			t.Fatalf("one-scan path and token path read different data")
		}
		opt := Options{}
		if err == nil {
			opt.NumFeatures = d.NumFeatures()
		}
		checkFuzzResult(t, d, s, err, "f.svm", func(b *bytes.Buffer, d *data.Dataset) error { return WriteLibSVM(b, d) }, opt)
	})
}

// referenceCSV reads in with encoding/csv and strconv.ParseFloat as the
// default Options document: a "label" column, every other column numeric,
// missing values (labels included), NaN and infinities errors, spaces and
// tabs around labels removed.
func referenceCSV(in string) (x []float64, labels []string, ok bool) {
	in = strings.TrimPrefix(in, "\xef\xbb\xbf")
	recs, err := csv.NewReader(strings.NewReader(in)).ReadAll()
	if err != nil || len(recs) < 2 {
		return nil, nil, false
	}
	label := -1
	seen := map[string]bool{}
	for i, h := range recs[0] {
		h = strings.Trim(h, " \t")
		if seen[h] {
			return nil, nil, false
		}
		seen[h] = true
		if h == "label" {
			label = i
		}
	}
	if label < 0 {
		return nil, nil, false
	}
	for _, rec := range recs[1:] {
		for i, f := range rec {
			if i == label {
				f = strings.Trim(f, " \t")
				switch f {
				case "", "NA", "N/A", "NaN", "nan", "null":
					return nil, nil, false
				}
				labels = append(labels, f)
				continue
			}
			f = strings.Trim(f, " \t")
			if strings.ContainsAny(f, "_xX") {
				return nil, nil, false
			}
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, false
			}
			x = append(x, v)
		}
	}
	return x, labels, true
}

// FuzzReadCSVReference compares the CSV reader with referenceCSV: the same
// success, the same values bit for bit and the same labels.
func FuzzReadCSVReference(f *testing.F) {
	for _, s := range []string{
		"label,a,b\n0,1,2\n1,-3.25,4e2\n",
		"a,label\n\"1\",x\n 2 ,\"y\nz\"\n",
		"label,a\n0,1.0000000000000002\n0,123456789012345678\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		x, labels, ok := referenceCSV(in)
		d, _, err := Read(strings.NewReader(in), "f.csv", Options{})
		if (err == nil) != ok {
			t.Fatalf("Read error %v, reference ok %v", err, ok)
		}
		if err != nil {
			return
		}
		got := data.ToDense(d.X).RawData()
		if !slices.EqualFunc(got, x, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Fatalf("X = %v, reference %v", got, x)
		}
		for i, y := range d.Y {
			if li, _ := data.NewLabelIndex(d.Classes); li != nil {
				if k, _ := li.Lookup(labels[i]); k != y {
					t.Fatalf("Y[%d] = %d (%q), reference label %q", i, y, d.Classes[y], labels[i])
				}
			}
		}
	})
}

// sameDataset reports whether a and b hold the same labels and the same
// values bit for bit, in the same layout.
func sameDataset(a, b *data.Dataset) bool {
	if a.NumFeatures() != b.NumFeatures() || !slices.Equal(a.Y, b.Y) || !slices.Equal(a.Classes, b.Classes) {
		return false
	}
	n, p := a.X.Dims()
	if n2, p2 := b.X.Dims(); n2 != n || p2 != p || fmt.Sprintf("%T", a.X) != fmt.Sprintf("%T", b.X) {
		return false
	}
	if ca, ok := a.X.(*data.CSR); ok {
		cb := b.X.(*data.CSR)
		for i := range n {
			ia, va := ca.RowNZ(i)
			ib, vb := cb.RowNZ(i)
			if !slices.Equal(ia, ib) || !numtest.SameBits(va, vb) {
				return false
			}
		}
		return true
	}
	ra, rb := make([]float64, n*p), make([]float64, n*p)
	a.X.DenseRows(ra, 0, n)
	b.X.DenseRows(rb, 0, n)
	return numtest.SameBits(ra, rb)
}
