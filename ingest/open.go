package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xent-ml/xent/data"
)

// bufSize is the read buffer: large enough that bufio rarely refills
// mid-line and that LibSVM lines up to this length need no copying.
const bufSize = 1 << 20

// ReadFile reads the dataset in the file at path and learns its [Schema],
// as [Read]. A path of "-" reads stdin, for which opt.Format must be set.
// Gzip input is detected from its magic bytes. A file that cannot be
// opened gives an [*Error] wrapping the os error (errors.Is(err,
// fs.ErrNotExist) works).
func ReadFile(path string, stdin io.Reader, opt Options) (*data.Dataset, *Schema, error) {
	var d *data.Dataset
	var s *Schema
	err := withFile(path, stdin, func(r io.Reader) error {
		var err error
		d, s, err = Read(r, path, opt)
		return err
	})
	return d, s, err
}

// ReadFile reads the dataset in the file at path with schema s, as
// [Schema.Read]; path "-" reads stdin.
func (s *Schema) ReadFile(path string, stdin io.Reader, opt Options) (*data.Dataset, error) {
	var d *data.Dataset
	err := withFile(path, stdin, func(r io.Reader) error {
		var err error
		d, err = s.Read(r, path, opt)
		return err
	})
	return d, err
}

func withFile(path string, stdin io.Reader, fn func(io.Reader) error) error {
	if path == "-" {
		if stdin == nil {
			return &Error{File: path, Err: errors.New("standard input not given")}
		}
		return fn(stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{File: path, Err: err}
	}
	defer f.Close()
	return fn(f)
}

// Read reads a labelled dataset from r, named name in errors (and, when
// opt.Format is FormatAuto, for choosing the format; "-" then is an error),
// and returns it with the [Schema] it learned: dense features from CSV, CSR
// from LibSVM. Gzip input is detected and decompressed; a UTF-8 byte order
// mark is skipped.
//
// Errors in the data are an [*Error] naming name, line and column; see the
// sentinel causes for errors.Is.
func Read(r io.Reader, name string, opt Options) (*data.Dataset, *Schema, error) {
	f, err := chooseFormat(opt.Format, name, 0)
	if err != nil {
		return nil, nil, err
	}
	lines, colons, _ := sizeHint(r)
	br, err := prepare(r, name)
	if err != nil {
		return nil, nil, err
	}
	if f == CSV {
		return readCSV(br, name, &opt, nil, lines)
	}
	return readLibSVM(br, name, &opt, nil, lines, colons)
}

// Read reads a dataset from r with schema s, as at prediction or evaluation
// time: the columns, categories, imputation values, number of features and
// classes are those of s, so the result lines up with the training data. Of
// opt it uses Format (which, when set, must be the schema's), Labels,
// Unknown and Float32.
//
// The format is opt.Format when given (it must then be the schema's, or the
// error wraps [ErrFormat]); otherwise it is the schema's, and a name whose
// extension implies the other format (see [DetectFormat]) is an error
// wrapping [ErrFormat], such as
//
//	ingest: test.csv: the model was trained on libsvm data, this file is csv (by its name; give the format to override)
//
// For CSV, columns are found by name in the header (their order may
// differ; other columns are skipped) and a missing column is an error; the
// weight column is read when present. A label not in s.Classes is an error
// naming file and line.
func (s *Schema) Read(r io.Reader, name string, opt Options) (*data.Dataset, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	f, err := chooseFormat(opt.Format, name, s.Format)
	if err != nil {
		return nil, err
	}
	lines, colons, _ := sizeHint(r)
	br, err := prepare(r, name)
	if err != nil {
		return nil, err
	}
	var d *data.Dataset
	if f == CSV {
		d, _, err = readCSV(br, name, &opt, s, lines)
	} else {
		d, _, err = readLibSVM(br, name, &opt, s, lines, colons)
	}
	return d, err
}

// chooseFormat returns the format to read name in: f when given, else
// the schema's, else the one the name implies. Against a schema, an explicit
// f must be the schema's format, and when f is not given a name implying a
// format (see [DetectFormat]) must imply the schema's: reading a file with
// the other format's reader gives garbage, not an error.
func chooseFormat(f Format, name string, schema Format) (Format, error) {
	if f != FormatAuto && f != CSV && f != LibSVM {
		return 0, &Error{File: name, Err: fmt.Errorf("%w: %v", ErrFormat, f)}
	}
	if f != FormatAuto {
		if schema != FormatAuto && f != schema {
			return 0, &Error{File: name, Err: &formatErr{fmt.Sprintf("the model was trained on %v data, %v was given", schema, f)}}
		}
		return f, nil
	}
	if schema != FormatAuto {
		if named, err := DetectFormat(name); err == nil && named != schema {
			return 0, &Error{File: name, Err: &formatErr{fmt.Sprintf(
				"the model was trained on %v data, this file is %v (by its name; give the format to override)", schema, named)}}
		}
		return schema, nil
	}
	if name == "-" {
		return 0, &Error{File: name, Err: fmt.Errorf("%w: standard input needs an explicit format (csv or libsvm)", ErrFormat)}
	}
	return DetectFormat(name)
}

// formatErr is a format mismatch: its own message, wrapping [ErrFormat].
type formatErr struct{ msg string }

func (e *formatErr) Error() string { return e.msg }
func (e *formatErr) Unwrap() error { return ErrFormat }

// prepare wraps r in a buffered reader, looking through gzip compression
// (by magic bytes) and skipping a UTF-8 byte order mark.
func prepare(r io.Reader, name string) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, bufSize)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &Error{File: name, Line: 1, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
		}
		br = bufio.NewReaderSize(&gzipReader{zr}, bufSize)
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br, nil
}

// gzipReader marks decompression errors so the parsers can locate them.
type gzipReader struct{ zr *gzip.Reader }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && err != io.EOF {
		err = &corruptError{err}
	}
	return n, err
}

type corruptError struct{ err error }

func (e *corruptError) Error() string { return ErrCorrupt.Error() + ": " + e.err.Error() }
func (e *corruptError) Unwrap() []error {
	return []error{ErrCorrupt, e.err}
}

// readErr turns an error from the input stream into a located error.
func readErr(name string, line int, err error) error {
	return &Error{File: name, Line: line, Err: err}
}
