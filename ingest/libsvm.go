package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"

	"github.com/xent-ml/xent/data"
)

// MaxFeatures is the largest number of features a LibSVM read learns from
// the indices: an index above it is an error wrapping [ErrIndex] unless
// [Options.NumFeatures] (or the schema) gives the number of features, up to
// math.MaxInt32. It guards against one stray index such as 2147483647
// making every later weight vector many gigabytes; 1<<27 features take
// 1 GiB per class as float64.
const MaxFeatures = 1 << 27

// libsvmReader holds the state of one LibSVM read.
type libsvmReader struct {
	name    string
	opt     *Options
	br      *bufio.Reader
	line    int
	long    []byte // a line longer than the buffer, assembled
	labels  *labeler
	width   int // the given number of features; 0 = learn
	maxIdx  int
	indptr  []int
	indices chunks[int32]
	values  chunks[float64]
}

// readLine returns the next line without its line end, or io.EOF. The slice
// is valid until the next call.
func (r *libsvmReader) readLine() ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = r.br.ReadSlice('\n')
			r.long = append(r.long, b...)
		}
		b = r.long
	}
	if err == io.EOF {
		if len(b) == 0 {
			return nil, io.EOF
		}
		err = nil
	}
	if err != nil {
		return nil, err
	}
	r.line++
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, nil
}

func (r *libsvmReader) errAt(col int, err error) *Error {
	return &Error{File: r.name, Line: r.line, Column: col + 1, Err: err}
}

func readLibSVM(br *bufio.Reader, name string, opt *Options, schema *Schema, lines, colons int) (*data.Dataset, *Schema, error) {
	r := &libsvmReader{name: name, opt: opt, br: br, indptr: make([]int, 1, lines+1)}
	r.indices.reserve(colons)
	r.values.reserve(colons)
	classes := opt.Classes
	r.width = opt.NumFeatures
	if schema != nil {
		classes, r.width = schema.Classes, schema.NumFeatures
	}
	if r.width < 0 || r.width > math.MaxInt32 {
		return nil, nil, &Error{File: name, Err: fmt.Errorf("%w: number of features %d", ErrIndex, r.width)}
	}
	var err error
	if r.labels, err = newLabeler(classes); err != nil {
		return nil, nil, err
	}
	for {
		line, err := r.readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, readErr(name, r.line+1, err)
		}
		if err := r.parseLine(line); err != nil {
			return nil, nil, err
		}
	}
	rows := len(r.indptr) - 1
	if rows == 0 {
		return nil, nil, &Error{File: name, Line: 1, Err: fmt.Errorf("%w: no samples", ErrEmpty)}
	}
	p := r.width
	if p == 0 {
		p = r.maxIdx
	}
	d := &data.Dataset{}
	ind := r.indices.collect()
	if opt.Float32 {
		v32 := convert[float32](r.values.collect())
		d.X, err = data.NewCSR32(rows, p, r.indptr, ind, v32)
	} else {
		d.X, err = data.NewCSR(rows, p, r.indptr, ind, r.values.collect())
	}
	if err != nil {
		return nil, nil, &Error{File: name, Err: err}
	}
	s := schema
	if opt.Labels != LabelsIgnore {
		cls, err := r.labels.finish()
		if err != nil {
			return nil, nil, &Error{File: name, Err: err}
		}
		d.Y, d.Classes = r.labels.ints(), cls
	}
	if s == nil {
		s = &Schema{Format: LibSVM, NumFeatures: p, Classes: d.Classes}
		if s.Classes == nil {
			s.Classes = []string{}
		}
	} else {
		d.Classes = s.Classes
		d.FeatureNames = s.FeatureNames
	}
	return d, s, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

// parseLine parses "label idx:val ... # comment".
func (r *libsvmReader) parseLine(line []byte) error {
	if k := bytes.IndexByte(line, '#'); k >= 0 {
		line = line[:k]
	}
	i := 0
	next := func() (start int, tok []byte) {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		start = i
		for i < len(line) && !isSpace(line[i]) {
			i++
		}
		return start, line[start:i]
	}
	start, tok := next()
	if len(tok) == 0 {
		return nil // blank or comment-only line
	}
	colon := bytes.IndexByte(tok, ':')
	if colon < 0 && bytes.IndexByte(tok, ',') >= 0 {
		// "2.33,-0.66,yes": a CSV line. Commas in a label followed by
		// features ("1,3 1:0.5", LibSVM's multi-label form) are kept.
		if len(bytes.Trim(line[i:], " \t\v\f")) == 0 {
			return r.errAt(start, withHint(ErrSyntax, string(tok), "a comma-separated line, not LibSVM: is the file CSV?"))
		}
	}
	if r.opt.Labels == LabelsIgnore {
		// Prediction files may omit the label: a first token that is a
		// feature is read as one.
		if colon > 0 && !bytes.HasPrefix(tok, []byte("qid:")) {
			i = start
		}
	} else {
		if colon >= 0 {
			return r.errAt(start, withHint(ErrSyntax, string(tok), "the line must start with a label"))
		}
		if isMissing(tok) {
			return r.errAt(start, withHint(ErrMissing, string(tok), "a missing label"))
		}
		if !r.labels.addBytes(tok) {
			return r.errAt(start, withHint(ErrUnknownLabel, string(tok), "not among the classes"))
		}
	}
	prev := 0
	for {
		start, tok := next()
		if len(tok) == 0 {
			break
		}
		c := bytes.IndexByte(tok, ':')
		if c < 0 {
			return r.errAt(start, withHint(ErrSyntax, string(tok), "want index:value"))
		}
		if bytes.Equal(tok[:c], []byte("qid")) {
			continue
		}
		idx, ok := parseIndex(tok[:c])
		if !ok {
			return r.errAt(start, withHint(ErrIndex, string(tok[:c]), "want an integer from 1"))
		}
		if idx <= prev {
			return r.errAt(start, withHint(ErrUnsorted, string(tok[:c]), fmt.Sprintf("after %d", prev)))
		}
		prev = idx
		vs := tok[c+1:]
		v, ok := parseNumber(vs)
		if !ok {
			return r.errAt(start+c+1, withText(ErrNumber, string(vs)))
		}
		if !(math.Abs(v) <= math.MaxFloat64) {
			return r.errAt(start+c+1, withText(ErrNotFinite, string(vs)))
		}
		if r.opt.Float32 && math.Abs(v) > math.MaxFloat32 {
			return r.errAt(start+c+1, withHint(ErrNotFinite, string(vs), "overflows float32"))
		}
		if r.width > 0 && idx > r.width {
			if r.opt.Unknown == UnknownIgnore {
				continue
			}
			return r.errAt(start, withHint(ErrIndex, string(tok[:c]), fmt.Sprintf("beyond the %d features", r.width)))
		}
		if r.width == 0 && idx > MaxFeatures {
			return r.errAt(start, withHint(ErrIndex, string(tok[:c]), fmt.Sprintf(
				"more than %d features: give the number of features to allow it, or hash the features", MaxFeatures)))
		}
		r.maxIdx = max(r.maxIdx, idx)
		if v == 0 {
			continue
		}
		r.indices.add(int32(idx - 1))
		r.values.add(v)
	}
	r.indptr = append(r.indptr, r.indices.len())
	return nil
}

// parseIndex parses a positive decimal feature index up to MaxInt32.
func parseIndex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > math.MaxInt32 {
		return 0, false
	}
	return n, true
}
