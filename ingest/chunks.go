package ingest

import (
	"bytes"
	"io"
	"os"

	"github.com/xent-ml/xent/internal/bigmem"
)

// chunkLen is the elements per chunk of a growing column of values.
const chunkLen = 1 << 16

// chunks is an append-only sequence stored in chunks, so that growing it
// never copies: a 60000×784 file appended to one slice copied about five
// times its final size through append's 1.25× growth (the largest cost in
// the first profile of BenchmarkRead). When the final length is known in
// advance (reserve), the first chunk holds everything and collect returns
// it without copying; otherwise collect copies once.
type chunks[T bigmem.Elem] struct {
	full [][]T
	cur  []T
}

// reserve makes the first chunk hold n elements; call it before add.
func (c *chunks[T]) reserve(n int) {
	if c.cur == nil && c.full == nil && n > 0 {
		c.cur = bigmem.Make[T](0, n)
	}
}

func (c *chunks[T]) add(v T) {
	if len(c.cur) == cap(c.cur) {
		c.grow()
	}
	c.cur = append(c.cur, v)
}

// addAll appends the elements of s.
func (c *chunks[T]) addAll(s []T) {
	for len(s) > 0 {
		if len(c.cur) == cap(c.cur) {
			c.grow()
		}
		n := min(len(s), cap(c.cur)-len(c.cur))
		c.cur = append(c.cur, s[:n]...)
		s = s[n:]
	}
}

func (c *chunks[T]) grow() {
	if c.cur != nil {
		c.full = append(c.full, c.cur)
	}
	c.cur = make([]T, 0, chunkLen)
}

func (c *chunks[T]) len() int {
	n := len(c.cur)
	for _, ch := range c.full {
		n += len(ch)
	}
	return n
}

// collect returns the elements in one non-nil slice and releases the
// chunks; it copies unless everything is in the first chunk.
func (c *chunks[T]) collect() []T {
	if len(c.full) == 0 && c.cur != nil {
		out := c.cur
		c.cur = nil
		return out
	}
	out := bigmem.Make[T](0, c.len())
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	out = append(out, c.cur...)
	c.full, c.cur = nil, nil
	return out
}

// convert returns x as []T, x itself when T is float64.
func convert[T float32 | float64](x []float64) []T {
	if _, ok := any(T(0)).(float64); ok {
		return any(x).([]T)
	}
	out := make([]T, len(x))
	for i, v := range x {
		out[i] = T(v)
	}
	return out
}

// sizeHint counts the line feeds and colons of a regular, uncompressed
// file from its current offset, without moving it, so that the readers can
// allocate their arrays once: the line count bounds the rows, the colon
// count the LibSVM entries. It reads the file a second time (from the page
// cache, at several GB/s), which costs less than copying the values into a
// grown array. ok is false for anything but a regular file not starting
// with the gzip magic bytes.
func sizeHint(r io.Reader) (lines, colons int, ok bool) {
	f, isFile := r.(*os.File)
	if !isFile {
		return 0, 0, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0, 0, false
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, 0, false
	}
	buf := make([]byte, 1<<20)
	first := true
	for {
		n, err := f.ReadAt(buf, off)
		if first && n >= 2 && buf[0] == 0x1f && buf[1] == 0x8b {
			return 0, 0, false
		}
		first = false
		lines += bytes.Count(buf[:n], []byte{'\n'})
		colons += bytes.Count(buf[:n], []byte{':'})
		off += int64(n)
		if err == io.EOF {
			return lines + 1, colons, true
		}
		if err != nil {
			return 0, 0, false
		}
	}
}
