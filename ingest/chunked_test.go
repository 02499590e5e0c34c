package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readChunked reads in as LibSVM with chunks of at most size bytes.
func readChunked(in io.Reader, size int, opt Options) (string, error) {
	old := svmChunkSize
	svmChunkSize = size
	defer func() { svmChunkSize = old }()
	d, s, err := Read(in, "t.svm", opt)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%v %v %#v %v", d.X, d.Y, d.Classes, s), nil
}

// TestLibSVMChunks checks that cutting the input into chunks of any size
// changes neither the result nor the error, whose line is the first bad
// line of the file.
func TestLibSVMChunks(t *testing.T) {
	long := "1" + strings.Repeat(" 7:0.5", 1) + strings.Repeat(" ", 300) + "9:0.25\n"
	tests := []struct {
		name, in string
		opt      Options
	}{
		{"plain", "1 1:0.5 3:2\n0 2:0.00392156862745098\n\n2 4:1e-3 # c\r\n1\n0 1:0", Options{}},
		{"long line", "0 1:1\n" + long + "0 2:3\n", Options{}},
		{"labels given", "b 1:1\na 2:1\nb 3:1\n", Options{Classes: []string{"b", "a"}}},
		{"labels ignored", "1:1 2:2\n3:4\n", Options{Labels: LabelsIgnore}},
		{"error late", "1 1:1\n0 2:2\n1 3:3\n0 4:x\n1 2:1 1:1\n", Options{}},
		{"two errors", "1 1:1\n0 2:2\n1 3:3 2:1\n0 4:x\n1 5:5\n", Options{}},
		{"unknown label", "a 1:1\nb 1:1\nc 1:1\nd 1:1\n", Options{Classes: []string{"a", "b"}}},
		{"empty", "\n\n# only comments\n", Options{}},
	}
	for _, tt := range tests {
		want, wantErr := readChunked(strings.NewReader(tt.in), 1<<20, tt.opt)
		for size := 1; size <= len(tt.in)+1; size++ {
			got, err := readChunked(strings.NewReader(tt.in), size, tt.opt)
			if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%s, chunks of %d: got %s, %v; want %s, %v", tt.name, size, got, err, want, wantErr)
			}
			// Reads of one byte at a time end chunks anywhere.
			got, err = readChunked(iotest.OneByteReader(strings.NewReader(tt.in)), size, tt.opt)
			if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%s, chunks of %d, one-byte reads: got %s, %v; want %s, %v", tt.name, size, got, err, want, wantErr)
			}
		}
	}
}

// TestLibSVMReadError checks that a read error is reported on the line
// after the complete lines read, unless one of them is bad.
func TestLibSVMReadError(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		in   string
		line int
		want error
	}{
		{"1 1:1\n0 2:2\n1 3", 3, boom},
		{"1 1:1\n0 2:2\n", 3, boom},
		{"1 1:1\n0 2:x\n1 3", 2, ErrNumber},
		{"", 1, boom},
	}
	for _, tt := range tests {
		for _, size := range []int{1, 5, 1 << 20} {
			in := io.MultiReader(strings.NewReader(tt.in), iotest.ErrReader(boom))
			_, err := readChunked(in, size, Options{})
			var e *Error
			if !errors.As(err, &e) || e.Line != tt.line || !errors.Is(err, tt.want) {
				t.Errorf("%q, chunks of %d: error %v, want line %d wrapping %v", tt.in, size, err, tt.line, tt.want)
			}
		}
	}
}
