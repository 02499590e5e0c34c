package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"unsafe"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/bigmem"
)

// The suite reads its own prepared files, whose format it knows exactly
// (prep.py, fileio.py): CSV with a header and the label first, LibSVM with
// 1-based increasing indices. These readers are deliberately small and fast;
// they are not the ingest package and do not time it.

// lineError locates a parse error in a data file.
type lineError struct {
	File string
	Line int
	Err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *lineError) Unwrap() error { return e.Err }

// parseFloat parses b without copying it (strconv keeps the text only in
// the error, which is formatted before b is reused).
func parseFloat(b []byte) (float64, error) {
	if len(b) == 0 {
		return 0, fmt.Errorf("empty number")
	}
	if len(b) == 1 && b[0] >= '0' && b[0] <= '9' {
		return float64(b[0] - '0'), nil
	}
	v, err := strconv.ParseFloat(unsafe.String(&b[0], len(b)), 64)
	if err != nil {
		return 0, fmt.Errorf("invalid number %q", string(b))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("non-finite number %q", string(b))
	}
	return v, nil
}

func parseLabel(b []byte) (int, error) {
	v, err := strconv.Atoi(string(b))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("label %q: want an integer ≥ 0", string(b))
	}
	return v, nil
}

// countLines returns the number of '\n' in the file.
func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n := 0
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// readCSV reads a dense CSV file "label,x1,...,xd" (header first) into a
// Dense matrix and its labels. It counts the lines first so that the matrix
// is allocated once, at its exact size.
func readCSV(path string) (*data.Dense, []int, error) {
	lines, err := countLines(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return parseCSV(bufio.NewReaderSize(f, 1<<20), path, lines-1)
}

func parseCSV(r *bufio.Reader, name string, rowsHint int) (*data.Dense, []int, error) {
	header, err := r.ReadSlice('\n')
	if err != nil {
		return nil, nil, &lineError{name, 1, fmt.Errorf("missing header: %v", err)}
	}
	cols := bytes.Count(header, []byte{','})
	if cols < 1 {
		return nil, nil, &lineError{name, 1, fmt.Errorf("header has no feature column")}
	}
	if rowsHint < 0 {
		rowsHint = 0
	}
	x := bigmem.Make[float64](0, rowsHint*cols)
	y := make([]int, 0, rowsHint)
	line := 1
	for {
		b, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, nil, &lineError{name, line + 1, fmt.Errorf("line longer than the read buffer")}
		}
		if len(b) == 0 && err == io.EOF {
			break
		}
		line++
		b = bytes.TrimRight(b, "\r\n")
		if len(b) == 0 {
			continue
		}
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			return nil, nil, &lineError{name, line, fmt.Errorf("%d fields, want %d", 1, cols+1)}
		}
		lab, perr := parseLabel(b[:i])
		if perr != nil {
			return nil, nil, &lineError{name, line, perr}
		}
		b = b[i+1:]
		for j := 0; j < cols; j++ {
			k := bytes.IndexByte(b, ',')
			field := b
			if k >= 0 {
				field, b = b[:k], b[k+1:]
			} else {
				b = nil
			}
			if (k < 0) != (j == cols-1) {
				return nil, nil, &lineError{name, line, fmt.Errorf("wrong number of fields, want %d", cols+1)}
			}
			v, perr := parseFloat(field)
			if perr != nil {
				return nil, nil, &lineError{name, line, fmt.Errorf("field %d: %v", j+2, perr)}
			}
			x = append(x, v)
		}
		y = append(y, lab)
		if err == io.EOF {
			break
		}
	}
	m, err := data.NewDense(len(y), cols, x)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, y, nil
}

// readLibSVM reads "label idx:val ..." lines into a CSR matrix with at
// least cols columns (the largest index seen otherwise).
func readLibSVM(path string, cols int) (*data.CSR, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return parseLibSVM(bufio.NewReaderSize(f, 4<<20), path, cols)
}

func parseLibSVM(r *bufio.Reader, name string, cols int) (*data.CSR, []int, error) {
	indptr := []int{0}
	var indices []int32
	var values []float64
	var y []int
	line := 0
	for {
		b, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, nil, &lineError{name, line + 1, fmt.Errorf("line longer than the read buffer")}
		}
		if len(b) == 0 && err == io.EOF {
			break
		}
		line++
		b = bytes.TrimRight(b, "\r\n")
		if len(b) == 0 {
			if err == io.EOF {
				break
			}
			continue
		}
		fields := bytes.Fields(b)
		lab, perr := parseLabel(fields[0])
		if perr != nil {
			return nil, nil, &lineError{name, line, perr}
		}
		prev := 0
		for _, t := range fields[1:] {
			c := bytes.IndexByte(t, ':')
			if c <= 0 {
				return nil, nil, &lineError{name, line, fmt.Errorf("token %q: want index:value", string(t))}
			}
			j, aerr := strconv.Atoi(string(t[:c]))
			if aerr != nil || j <= prev || j > math.MaxInt32 {
				return nil, nil, &lineError{name, line, fmt.Errorf("index %q: want increasing integers ≥ 1", string(t[:c]))}
			}
			prev = j
			v, perr := parseFloat(t[c+1:])
			if perr != nil {
				return nil, nil, &lineError{name, line, fmt.Errorf("index %d: %v", j, perr)}
			}
			if j > cols {
				cols = j
			}
			indices = append(indices, int32(j-1))
			values = append(values, v)
		}
		indptr = append(indptr, len(indices))
		y = append(y, lab)
		if err == io.EOF {
			break
		}
	}
	m, err := data.NewCSR(len(y), cols, indptr, indices, values)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, y, nil
}

// dataset is one prepared dataset: train and test parts.
type dataset struct {
	Name      string
	X, Xtest  data.Matrix
	Y, Ytest  []int
	Classes   int
	DataBytes int64 // bytes of the training matrix's storage
}

// loadDataset reads DIR/NAME/train and test: CSV when present (dense),
// else LibSVM (sparse).
func loadDataset(dir, name string) (*dataset, error) {
	base := dir + "/" + name + "/"
	ds := &dataset{Name: name}
	if _, err := os.Stat(base + "train.csv"); err == nil {
		x, y, err := readCSV(base + "train.csv")
		if err != nil {
			return nil, err
		}
		xt, yt, err := readCSV(base + "test.csv")
		if err != nil {
			return nil, err
		}
		r, c := x.Dims()
		ds.X, ds.Y, ds.Xtest, ds.Ytest, ds.DataBytes = x, y, xt, yt, int64(r)*int64(c)*8
	} else {
		x, y, err := readLibSVM(base+"train.svm", 0)
		if err != nil {
			return nil, err
		}
		_, c := x.Dims()
		xt, yt, err := readLibSVM(base+"test.svm", c)
		if err != nil {
			return nil, err
		}
		if _, ct := xt.Dims(); ct != c {
			return nil, fmt.Errorf("%s: test has %d features, train %d", name, ct, c)
		}
		r, _ := x.Dims()
		ds.X, ds.Y, ds.Xtest, ds.Ytest = x, y, xt, yt
		ds.DataBytes = int64(x.NNZ())*(8+4) + int64(r+1)*8
	}
	for _, v := range ds.Y {
		ds.Classes = max(ds.Classes, v+1)
	}
	for i, v := range ds.Ytest {
		if v >= ds.Classes {
			return nil, fmt.Errorf("%s: test label[%d] = %d not seen in training", name, i, v)
		}
	}
	return ds, nil
}
