package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gz(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

// TestBadInput is the catalogue of bad inputs: each must fail with the
// sentinel cause and a message naming the place (file:line[:column]).
func TestBadInput(t *testing.T) {
	var csvText, svmText strings.Builder
	csvText.WriteString("label,a\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&csvText, "%d,%d\n", i%3, i*i)
		fmt.Fprintf(&svmText, "%d 1:%d 7:%d\n", i%3, i*i, i)
	}
	truncated := gz(t, csvText.String())
	truncated = truncated[:len(truncated)/2]
	truncatedSVM := gz(t, svmText.String())
	truncatedSVM = truncatedSVM[:len(truncatedSVM)/2]

	tests := []struct {
		name  string
		file  string
		input string
		opt   Options
		want  error
		where string // expected in the message
	}{
		{"csv empty", "e.csv", "", Options{}, ErrEmpty, "e.csv:1:"},
		{"csv header only", "h.csv", "label,a,b\n", Options{}, ErrNoRows, "h.csv:2:"},
		{"csv header only crlf", "h.csv", "label,a\r\n", Options{}, ErrNoRows, "h.csv:2:"},
		{"csv ragged short", "r.csv", "label,a,b\n0,1,2\n1,2\n", Options{}, ErrFieldCount, "r.csv:3:"},
		{"csv ragged long", "r.csv", "label,a\n0,1\n1,2,3\n", Options{}, ErrFieldCount, "r.csv:3:"},
		{"csv non-numeric", "x.csv", "label,a,b\n0,1,2\n1,2,abc\n", Options{}, ErrNumber, `x.csv:3:5: field 3 "b": invalid number "abc"`},
		{"csv decimal comma", "x.csv", "label,a\n0,\"1,5\"\n", Options{}, ErrNumber, `x.csv:2:3: field 2 "a"`},
		{"csv NaN is missing", "n.csv", "label,a\n0,NaN\n", Options{}, ErrMissing, `n.csv:2:3: field 2 "a": missing value "NaN"`},
		{"csv empty field", "n.csv", "label,a,b\n0,,1\n", Options{}, ErrMissing, `n.csv:2:3: field 2 "a"`},
		{"csv NA", "n.csv", "label,a,b\n0,1,NA\n", Options{}, ErrMissing, `n.csv:2:5: field 3 "b"`},
		{"csv inf", "i.csv", "label,a\n0,1\n1,-inf\n", Options{}, ErrNotFinite, `i.csv:3:3: field 2 "a": value is not finite "-inf"`},
		{"csv overflow", "i.csv", "label,a\n0,1e999\n", Options{}, ErrNotFinite, `i.csv:2:3`},
		{"csv unknown label", "u.csv", "label,a\n0,1\n7,2\n", Options{Classes: []string{"0", "1"}}, ErrUnknownLabel, `u.csv:3:1: field 1 "label": unknown class label "7"`},
		{"csv empty label", "u.csv", "a,label\n1,\n", Options{}, ErrMissing, `u.csv:2:3: field 2 "label"`},
		{"csv no label column", "l.csv", "a,b\n1,2\n", Options{}, ErrColumn, `l.csv:1: column "label"`},
		{"csv no such column", "c.csv", "label,a\n1,2\n", Options{Columns: []string{"z"}}, ErrColumn, `c.csv:1: column "z"`},
		{"csv drop unknown", "c.csv", "label,a\n1,2\n", Options{Drop: []string{"z"}}, ErrColumn, `c.csv:1: column "z"`},
		{"csv categorical not feature", "c.csv", "label,a,b\n1,2,3\n", Options{Drop: []string{"b"}, Categorical: []string{"b"}}, ErrColumn, `c.csv:1: column "b"`},
		{"csv label as feature", "c.csv", "label,a\n1,2\n", Options{Columns: []string{"label"}}, ErrColumn, `c.csv:1: column "label"`},
		{"csv duplicate header", "c.csv", "label,a,a\n1,2,3\n", Options{}, ErrColumn, `c.csv:1:9: field 3 "a"`},
		{"csv bare quote", "q.csv", "label,a\n0,1\n1,2\"x\n", Options{}, nil, "q.csv:3:"},
		{"csv negative weight", "w.csv", "label,a,w\n0,1,1\n1,2,-1\n", Options{WeightColumn: "w"}, ErrWeight, `w.csv:3:5: field 3 "w"`},
		{"csv missing weight column", "w.csv", "label,a\n0,1\n", Options{WeightColumn: "w"}, ErrColumn, `w.csv:1: column "w"`},
		{"csv truncated gzip", "t.csv.gz", truncated, Options{}, ErrCorrupt, "t.csv.gz:"},
		{"csv not gzip after magic", "t.csv", "\x1f\x8bxxxxxxxxxxxxxxxxxx", Options{}, ErrCorrupt, "t.csv:1:"},
		{"libsvm empty", "e.svm", "", Options{}, ErrEmpty, "e.svm:1:"},
		{"libsvm only comments", "e.svm", "# nothing\n\n", Options{}, ErrEmpty, "e.svm:1:"},
		{"libsvm index 0", "z.svm", "1 1:2\n0 0:1 3:2\n", Options{}, ErrIndex, `z.svm:2:3: bad feature index "0"`},
		{"libsvm unsorted", "s.svm", "1 3:1 2:1\n", Options{}, ErrUnsorted, `s.svm:1:7: feature indices not strictly increasing "2" (after 3)`},
		{"libsvm duplicate", "s.svm", "1 1:1\n1 2:1 2:3\n", Options{}, ErrUnsorted, `s.svm:2:7`},
		{"libsvm bad value", "v.svm", "1 1:x\n", Options{}, ErrNumber, `v.svm:1:5: invalid number "x"`},
		{"libsvm nan value", "v.svm", "1 1:nan\n", Options{}, ErrNotFinite, `v.svm:1:5`},
		{"libsvm bad index", "v.svm", "1 a:1\n", Options{}, ErrIndex, `v.svm:1:3`},
		{"libsvm negative index", "v.svm", "1 -2:1\n", Options{}, ErrIndex, `v.svm:1:3`},
		{"libsvm no colon", "v.svm", "1 2:1 7\n", Options{}, ErrSyntax, `v.svm:1:7`},
		{"libsvm no label", "v.svm", "1:2 3:4\n", Options{}, ErrSyntax, `v.svm:1:1`},
		{"libsvm unknown label", "u.svm", "1 1:1\n\n2 1:1\n", Options{Classes: []string{"1"}}, ErrUnknownLabel, `u.svm:3:1: unknown class label "2"`},
		{"libsvm beyond width", "w.svm", "1 1:1 5:2\n", Options{NumFeatures: 4}, ErrIndex, `w.svm:1:7: bad feature index "5"`},
		{"libsvm truncated gzip", "t.svm.gz", truncatedSVM, Options{}, ErrCorrupt, "t.svm.gz:"},
		{"csv NA label", "m.csv", "label,a\n0,1\nNA,2\n", Options{}, ErrMissing, `m.csv:3:1: field 1 "label": missing value "NA"`},
		{"csv nan label", "m.csv", "a,label\n1,nan\n", Options{}, ErrMissing, `m.csv:2:3: field 2 "label"`},
		{"csv null label spaced", "m.csv", "label,a\n null ,1\n", Options{}, ErrMissing, `m.csv:2:1`},
		{"csv N/A label quoted", "m.csv", "label,a\n\"N/A\",1\n", Options{}, ErrMissing, `m.csv:2:1`},
		{"csv NaN label given classes", "m.csv", "label,a\nNaN,1\n", Options{Classes: []string{"NaN", "x"}}, ErrMissing, `m.csv:2:1`},
		{"libsvm NaN label", "m.svm", "1 1:1\nNaN 1:2\n", Options{}, ErrMissing, `m.svm:2:1: missing value "NaN"`},
		{"libsvm null label", "m.svm", "null 1:2\n", Options{}, ErrMissing, `m.svm:1:1`},
		{"libsvm reads a csv line", "d.txt", "2.33,-0.66,yes\n", Options{Format: LibSVM}, ErrSyntax, `d.txt:1:1`},
		{"libsvm reads a csv line, labels ignored", "d.txt", "1 1:1\n2.33,-0.66,yes\n", Options{Format: LibSVM, Labels: LabelsIgnore}, ErrSyntax, `d.txt:2:1`},
		{"libsvm csv line with comment", "d.txt", "a,b # x\n", Options{Format: LibSVM, Labels: LabelsIgnore}, ErrSyntax, `d.txt:1:1`},
		{"libsvm huge index", "h.svm", "1 1:1 2147483647:1\n", Options{}, ErrIndex, `h.svm:1:7: bad feature index "2147483647"`},
		{"libsvm index above MaxFeatures", "h.svm", fmt.Sprintf("1 %d:1\n", MaxFeatures+1), Options{}, ErrIndex, `h.svm:1:3`},
		{"stdin no format", "-", "label,a\n1,2\n", Options{}, ErrFormat, "ingest: -:"},
		{"unknown extension", "data.txt", "label,a\n1,2\n", Options{}, ErrFormat, "ingest: data.txt:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(strings.NewReader(tt.input), tt.file, tt.opt)
			if err == nil {
				t.Fatalf("Read = nil error, want %v at %q", tt.want, tt.where)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Read error %q does not wrap %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("Read error %q is not an *Error", err)
			}
			if !strings.Contains(err.Error()+":", tt.where) {
				t.Errorf("Read error %q does not name %q", err, tt.where)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.csv")
	_, _, err := ReadFile(path, nil, Options{})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "absent.csv") {
		t.Fatalf("ReadFile(absent) = %v, want a not-exist error naming the file", err)
	}
	_, _, err = ReadFile("-", nil, Options{Format: CSV})
	if err == nil {
		t.Fatal("ReadFile(-) with nil stdin: want an error")
	}
}

func TestReadFileGzipAndStdin(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.svm.gz")
	if err := os.WriteFile(path, []byte(gz(t, "1 1:2\n0 2:3\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	d, s, err := ReadFile(path, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != LibSVM || d.NumSamples() != 2 || d.NumFeatures() != 2 {
		t.Fatalf("ReadFile(%s): format %v, %d×%d", path, s.Format, d.NumSamples(), d.NumFeatures())
	}
	d, _, err = ReadFile("-", strings.NewReader(gz(t, "label,a\nx,1\n")), Options{Format: CSV})
	if err != nil || d.NumSamples() != 1 {
		t.Fatalf("ReadFile(-) = %v, %v", d, err)
	}
}
