package ingest

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/xent-ml/xent/data"
)

// MaxFeatures is the largest number of features a LibSVM read learns from
// the indices: an index above it is an error wrapping [ErrIndex] unless
// [Options.NumFeatures] (or the schema) gives the number of features, up to
// math.MaxInt32. It guards against one stray index such as 2147483647
// making every later weight vector many gigabytes; 1<<27 features take
// 1 GiB per class as float64.
const MaxFeatures = 1 << 27

// libsvmReader parses the lines of one chunk of a LibSVM input.
type libsvmReader struct {
	name   string
	opt    *Options
	line   int // number of the line being parsed
	labels *labeler
	width  int // the given number of features; 0 = learn
	maxIdx int
	ends   []int // per row: its end in ind and val
	ind    []int32
	val    []float64
}

func (r *libsvmReader) errAt(col int, err error) *Error {
	return &Error{File: r.name, Line: r.line, Column: col + 1, Err: err}
}

// parseChunk parses the lines of b, the first of them line number line,
// into r's rows, replacing those of the previous chunk. b holds whole
// lines: it ends with a line feed or at the end of the input.
func (r *libsvmReader) parseChunk(b []byte, line int) error {
	r.maxIdx = 0
	r.ends, r.ind, r.val = r.ends[:0], r.ind[:0], r.val[:0]
	r.labels.y = r.labels.y[:0]
	for len(b) > 0 {
		ln := b
		if k := bytes.IndexByte(b, '\n'); k >= 0 {
			ln, b = b[:k], b[k+1:]
		} else {
			b = nil
		}
		if n := len(ln); n > 0 && ln[n-1] == '\r' {
			ln = ln[:n-1]
		}
		r.line = line
		line++
		if err := r.parseLine(ln); err != nil {
			return err
		}
	}
	return nil
}

// svmChunkSize is the most input bytes parsed as one chunk (more for a
// longer line); a variable so that tests can make chunks tiny.
var svmChunkSize = 256 << 10

// svmChunk is one chunk of input on its way through readLibSVM's
// pipeline: read, parsed by a worker, merged in input order, reused.
type svmChunk struct {
	buf   []byte
	line  int   // number of the first line in buf
	rerr  error // a read error after buf, located
	err   error // the first error of the chunk, parse or read
	done  chan struct{}
	p     libsvmReader
	remap []int32 // learning labels: p.labels ids → global ids
}

// readLibSVM reads LibSVM lines from br. The input is cut into chunks of
// whole lines that GOMAXPROCS goroutines parse while one more reads (and
// decompresses) ahead; the chunks are merged in input order, so the result
// and the error (the first in the file, with its line) are those of
// parsing line by line. A few chunks are in flight at a time.
//
// lines and colons, when positive, bound the lines and the index:value
// entries (see sizeHint), so that the arrays are allocated once.
func readLibSVM(br io.Reader, name string, opt *Options, schema *Schema, lines, colons int) (*data.Dataset, *Schema, error) {
	classes := opt.Classes
	width := opt.NumFeatures
	if schema != nil {
		classes, width = schema.Classes, schema.NumFeatures
	}
	if width < 0 || width > math.MaxInt32 {
		return nil, nil, &Error{File: name, Err: fmt.Errorf("%w: number of features %d", ErrIndex, width)}
	}
	labels, err := newLabeler(classes)
	if err != nil {
		return nil, nil, err
	}
	labels.y = make([]int32, 0, max(lines, 0))
	indptr := make([]int, 1, max(lines, 0)+1)
	var indices chunks[int32]
	var values chunks[float64]
	var values32 chunks[float32] // with opt.Float32, so that no float64 copy is held
	indices.reserve(colons)
	if opt.Float32 {
		values32.reserve(colons)
	} else {
		values.reserve(colons)
	}
	nnz, maxIdx := 0, 0

	workers := runtime.GOMAXPROCS(0)
	inflight := workers + 2
	free := make(chan *svmChunk, inflight)
	work := make(chan *svmChunk, inflight)
	order := make(chan *svmChunk, inflight)
	quit := make(chan struct{})
	for range inflight {
		l, _ := newLabeler(classes) // classes passed the check above
		free <- &svmChunk{done: make(chan struct{}, 1),
			p: libsvmReader{name: name, opt: opt, width: width, labels: l}}
	}
	var wg sync.WaitGroup
	wg.Go(func() { readChunks(br, name, free, work, order, quit) })
	for range workers {
		wg.Go(func() {
			for c := range work {
				c.err = c.p.parseChunk(c.buf, c.line)
				if c.err == nil {
					c.err = c.rerr
				}
				c.done <- struct{}{}
			}
		})
	}
	for c := range order {
		<-c.done
		if c.err != nil {
			close(quit)
			wg.Wait()
			return nil, nil, c.err
		}
		for _, e := range c.p.ends {
			indptr = append(indptr, nnz+e)
		}
		nnz += len(c.p.ind)
		indices.addAll(c.p.ind)
		if opt.Float32 {
			for _, v := range c.p.val {
				values32.add(float32(v))
			}
		} else {
			values.addAll(c.p.val)
		}
		maxIdx = max(maxIdx, c.p.maxIdx)
		if opt.Labels != LabelsIgnore {
			if labels.given != nil {
				labels.y = append(labels.y, c.p.labels.y...)
			} else {
				for id := len(c.remap); id < len(c.p.labels.texts); id++ {
					c.remap = append(c.remap, labels.intern(c.p.labels.texts[id]))
				}
				for _, id := range c.p.labels.y {
					labels.y = append(labels.y, c.remap[id])
				}
			}
		}
		free <- c
	}
	wg.Wait()

	rows := len(indptr) - 1
	if rows == 0 {
		return nil, nil, &Error{File: name, Line: 1, Err: fmt.Errorf("%w: no samples", ErrEmpty)}
	}
	p := width
	if p == 0 {
		p = maxIdx
	}
	d := &data.Dataset{}
	ind := indices.collect()
	if opt.Float32 {
		d.X, err = data.NewCSR32(rows, p, indptr, ind, values32.collect())
	} else {
		d.X, err = data.NewCSR(rows, p, indptr, ind, values.collect())
	}
	if err != nil {
		return nil, nil, &Error{File: name, Err: err}
	}
	s := schema
	if opt.Labels != LabelsIgnore {
		cls, err := labels.finish()
		if err != nil {
			return nil, nil, &Error{File: name, Err: err}
		}
		d.Y, d.Classes = labels.ints(), cls
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

// readChunks cuts br into chunks of whole lines, taken from free and sent
// to order (for merging in input order) and to work (for parsing), until
// the end of the input, a read error or quit; it closes work and order.
// A read error goes with the lines read before it, located on the line
// after them, as a line-by-line reader would report it.
func readChunks(br io.Reader, name string, free <-chan *svmChunk, work, order chan<- *svmChunk, quit <-chan struct{}) {
	defer close(work)
	defer close(order)
	var carry []byte // the start of a line cut by the end of a chunk
	line := 1
	size := min(64<<10, svmChunkSize) // small inputs need no large buffers
	for {
		var c *svmChunk
		select {
		case c = <-free:
		case <-quit:
			return
		}
		buf := append(c.buf[:0], carry...)
		if cap(buf) < size {
			buf = slices.Grow(buf, size-len(buf))
		}
		size = min(2*size, svmChunkSize)
		var rerr error
		for {
			for len(buf) < cap(buf) && rerr == nil {
				var n int
				n, rerr = br.Read(buf[len(buf):cap(buf)])
				buf = buf[:len(buf)+n]
			}
			k := bytes.LastIndexByte(buf, '\n')
			if rerr == nil && k < 0 {
				buf = slices.Grow(buf, cap(buf)) // a line longer than the chunk
				continue
			}
			if rerr == io.EOF {
				carry = carry[:0]
			} else {
				carry = append(carry[:0], buf[k+1:]...)
				buf = buf[:k+1]
			}
			break
		}
		c.buf, c.line, c.rerr = buf, line, nil
		line += bytes.Count(buf, []byte{'\n'})
		if rerr != nil && rerr != io.EOF {
			c.rerr = readErr(name, line, rerr)
		}
		order <- c // order and work have room for every chunk
		work <- c
		if rerr != nil {
			return
		}
	}
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
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if idx, v, end, ok := scanFeature(line, i); ok && scanFeatures && idx > prev && r.plainFeature(idx, v) {
			// The common case, in one scan; anything else (errors, qid,
			// ignored features) goes the token's way below.
			i, prev = end, idx
			r.maxIdx = max(r.maxIdx, idx)
			if v != 0 {
				r.ind = append(r.ind, int32(idx-1))
				r.val = append(r.val, v)
			}
			continue
		}
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
		r.ind = append(r.ind, int32(idx-1))
		r.val = append(r.val, v)
	}
	r.ends = append(r.ends, len(r.ind))
	return nil
}

// scanFeatures enables scanFeature's one-scan path; tests turn it off to
// compare the results with the token path's.
var scanFeatures = true

// scanFeature parses "index:value" at line[i], a positive index and a
// plain decimal (scanDecimal) followed by a space or the end of the line,
// and returns the index after it; ok is false for anything else.
func scanFeature(line []byte, i int) (idx int, v float64, end int, ok bool) {
	j := i
	for j < len(line) && j-i < 10 && line[j]-'0' <= 9 {
		idx = idx*10 + int(line[j]-'0')
		j++
	}
	if j == i || j == len(line) || line[j] != ':' || idx < 1 || idx > math.MaxInt32 {
		return 0, 0, i, false
	}
	v, end, ok = scanDecimal(line, j+1)
	if !ok || (end < len(line) && !isSpace(line[end])) {
		return 0, 0, i, false
	}
	return idx, v, end, true
}

// plainFeature reports whether feature idx with value v is kept as read,
// with no error: finite (for float32 too) and within the features.
func (r *libsvmReader) plainFeature(idx int, v float64) bool {
	if !(math.Abs(v) <= math.MaxFloat64) || (r.opt.Float32 && math.Abs(v) > math.MaxFloat32) {
		return false
	}
	if r.width > 0 {
		return idx <= r.width
	}
	return idx <= MaxFeatures
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
