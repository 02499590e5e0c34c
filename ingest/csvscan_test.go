package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// scanAll returns the records csvScanner reads, or its first error.
func scanAll(in string) ([][]string, error) {
	s := &csvScanner{br: bufio.NewReaderSize(strings.NewReader(in), 16)}
	var out [][]string
	for {
		err := s.next(nil, nil, nil)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		rec := make([]string, len(s.fields))
		for i, f := range s.fields {
			rec[i] = string(f)
		}
		out = append(out, rec)
	}
}

func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	for _, in := range []string{
		"a,b,c\n1,2,3\n",
		"a,b\r\n1,2\r\n\r\n\n3,4",
		"\"a,b\",\"c\"\"d\",e\n",
		"\"multi\nline\r\nfield\",x\n",
		",,\n,\n",
		"x,\"\"\n",
		"a,b,\n",
		strings.Repeat("long", 20) + "," + strings.Repeat("z", 40) + "\n",
		"\"a\"\"\",b\n",
	} {
		r := csv.NewReader(strings.NewReader(in))
		r.FieldsPerRecord = -1
		exp, werr := r.ReadAll()
		got, err := scanAll(in)
		if (err != nil) != (werr != nil) || !slices.EqualFunc(got, exp, slices.Equal) {
			t.Errorf("scan(%q) = %q, %v; encoding/csv %q, %v", in, got, err, exp, werr)
		}
	}
}

func TestCSVScannerErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		want      error
	}{
		{"a,b\"c\n", 1, 4, csv.ErrBareQuote},
		{"a,\"b\"c\n", 1, 6, csv.ErrQuote},
		{"x\n\"open\nstill open\n", 2, 1, csv.ErrQuote},
	}
	for _, tt := range tests {
		_, err := scanAll(tt.in)
		var se *scanError
		if !errors.As(err, &se) || se.line != tt.line || se.col != tt.col || !errors.Is(se.err, tt.want) {
			t.Errorf("scan(%q) error = %#v, want %v at %d:%d", tt.in, err, tt.want, tt.line, tt.col)
		}
	}
}

// FuzzCSVScanner checks the scanner against encoding/csv on arbitrary
// input: the same records, and an error exactly when encoding/csv errs.
func FuzzCSVScanner(f *testing.F) {
	f.Add("a,b\n\"c\"\"d\",\"e\nf\"\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := csv.NewReader(strings.NewReader(in))
		r.FieldsPerRecord = -1
		exp, werr := r.ReadAll()
		got, err := scanAll(in)
		if (err != nil) != (werr != nil) {
			t.Fatalf("scan(%q) error %v, encoding/csv %v", in, err, werr)
		}
		if err == nil && !slices.EqualFunc(got, exp, slices.Equal) {
			t.Fatalf("scan(%q) = %q, encoding/csv %q", in, got, exp)
		}
	})
}
