package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
)

// csvScanner splits CSV records as encoding/csv reads them with its
// defaults (comma separator; fields quoted with '"', '""' for a quote,
// line breaks allowed inside quotes; LF or CRLF line ends, CRLF inside a
// quoted field read as LF; blank lines skipped; a quote inside an unquoted
// field is csv.ErrBareQuote, text after a closing quote or an unclosed
// quote is csv.ErrQuote).
//
// It exists for speed: encoding/csv copies every record into a new string
// and its field splitting took about half of the time of reading a
// Fashion-MNIST-sized CSV. A record without quotes is split in place in the
// bufio buffer, allocating nothing; a record with quotes takes a slower
// path that unescapes into a reused buffer. Field slices are valid until
// the next call of next.
type csvScanner struct {
	br     *bufio.Reader
	line   int      // number of the last line read
	fields [][]byte // fields of the current record
	lines  []int    // 1-based line of each field's start; nil: all on line
	cols   []int    // 1-based byte column of each field's start
	long   []byte   // a line longer than the bufio buffer, assembled
	quoted []byte   // unescaped fields of a record with quotes
	spans  [][2]int // field bounds in quoted
}

// scanError is a syntax error at a place; the caller adds the file name.
type scanError struct {
	line, col int
	err       error
}

func (e *scanError) Error() string { return e.err.Error() }

// readLine returns the next line without its LF or CRLF, or io.EOF.
func (s *csvScanner) readLine() ([]byte, error) {
	b, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = s.br.ReadSlice('\n')
			s.long = append(s.long, b...)
		}
		b = s.long
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
	s.line++
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, nil
}

// next reads the next record into s.fields; io.EOF at the end.
//
// When slot is not nil, a record without quotes is split and parsed in one
// pass (the two loops mispredicted a branch at every field end, which made
// them the largest costs of reading numeric CSV): for each field f with
// slot[f] ≥ 0 holding a fast-path number (see scanNumber), vals[slot[f]]
// gets its value and have[slot[f]] is true; have is false for the others,
// and for every slot after a record with quotes.
func (s *csvScanner) next(slot []int, vals []float64, have []bool) error {
	for {
		b, err := s.readLine()
		if err != nil {
			return err
		}
		if len(b) == 0 {
			continue
		}
		if bytes.IndexByte(b, '"') < 0 {
			s.split(b, slot, vals, have)
			return nil
		}
		clear(have)
		return s.parseQuoted(b)
	}
}

// split splits a line without quotes at its commas, parsing the numeric
// fields on the way (see next).
func (s *csvScanner) split(b []byte, slot []int, vals []float64, have []bool) {
	s.fields, s.cols = s.fields[:0], s.cols[:0]
	pos := 0
	for f := 0; ; f++ {
		end := -1
		if f < len(slot) && slot[f] >= 0 {
			v, e, ok := scanNumber(b, pos)
			have[slot[f]] = ok
			if ok {
				vals[slot[f]] = v
				end = e
			}
		}
		if end < 0 {
			end = len(b)
			if i := bytes.IndexByte(b[pos:], ','); i >= 0 {
				end = pos + i
			}
		}
		s.fields = append(s.fields, b[pos:end:end])
		s.cols = append(s.cols, pos+1)
		if end >= len(b) {
			break
		}
		pos = end + 1
	}
	s.lines = s.lines[:0]
}

// fieldLine returns the line on which field i starts.
func (s *csvScanner) fieldLine(i int) int {
	if len(s.lines) == 0 {
		return s.line
	}
	return s.lines[i]
}

// parseQuoted parses a record with quotes, starting with line b and
// reading more lines while a quoted field is open.
func (s *csvScanner) parseQuoted(b []byte) error {
	s.quoted, s.spans = s.quoted[:0], s.spans[:0]
	s.lines, s.cols = s.lines[:0], s.cols[:0]
	pos := 0
	for {
		fieldLine, fieldCol := s.line, pos+1
		start := len(s.quoted)
		if pos < len(b) && b[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(b[pos:], '"')
				if i < 0 {
					s.quoted = append(s.quoted, b[pos:]...)
					s.quoted = append(s.quoted, '\n')
					nb, err := s.readLine()
					if err == io.EOF {
						return &scanError{fieldLine, fieldCol, csv.ErrQuote}
					}
					if err != nil {
						return err
					}
					b, pos = nb, 0
					continue
				}
				s.quoted = append(s.quoted, b[pos:pos+i]...)
				pos += i + 1
				if pos < len(b) && b[pos] == '"' {
					s.quoted = append(s.quoted, '"')
					pos++
					continue
				}
				if pos < len(b) && b[pos] != ',' {
					return &scanError{s.line, pos + 1, csv.ErrQuote}
				}
				break
			}
		} else {
			end := len(b)
			if i := bytes.IndexByte(b[pos:], ','); i >= 0 {
				end = pos + i
			}
			if j := bytes.IndexByte(b[pos:end], '"'); j >= 0 {
				return &scanError{s.line, pos + j + 1, csv.ErrBareQuote}
			}
			s.quoted = append(s.quoted, b[pos:end]...)
			pos = end
		}
		s.spans = append(s.spans, [2]int{start, len(s.quoted)})
		s.lines = append(s.lines, fieldLine)
		s.cols = append(s.cols, fieldCol)
		if pos >= len(b) {
			break
		}
		pos++ // the comma
	}
	s.fields = s.fields[:0]
	for _, sp := range s.spans {
		s.fields = append(s.fields, s.quoted[sp[0]:sp[1]:sp[1]])
	}
	return nil
}
