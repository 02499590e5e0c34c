package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/xent-ml/xent/data"
)

// isMissing reports whether a trimmed field is a missing-value marker, a
// subset of pandas' default na_values.
func isMissing[T string | []byte](s T) bool {
	switch string(s) {
	case "", "NA", "N/A", "NaN", "nan", "null":
		return true
	}
	return false
}

// csvItem is one source column that becomes features.
type csvItem struct {
	field int    // index in the header
	name  string // header name
	cat   *labeler
	fill  float64 // apply: the value that replaces a missing entry
	// learning, MissingMean: sum and count of the present values
	sum   float64
	count int
}

// csvReader holds the state of one CSV read.
type csvReader struct {
	name   string
	opt    *Options
	schema *Schema // applied schema, nil when learning
	sc     *csvScanner
	header []string

	label, weight int // header index, -1 if absent or ignored
	items         []*csvItem
	numItems      []*csvItem // the numeric items, in feature order
	catItems      []*csvItem
	missing       Missing

	slot    []int     // numeric slot of each header field, -1 if none
	vals    []float64 // values of the current record's numeric slots
	have    []bool    // whether vals holds the slot's value
	labels  *labeler
	weights []float64
	num     chunks[float64] // n × len(numItems), row-major
	holes   []int           // MissingMean while learning: indices into num to fill
	rows    int
}

// errAt returns a located error for field i of the current record.
func (r *csvReader) errAt(i int, err error) *Error {
	name := ""
	if i < len(r.header) {
		name = r.header[i]
	}
	return &Error{File: r.name, Line: r.sc.fieldLine(i), Column: r.sc.cols[i], Field: i + 1, Name: name, Err: err}
}

// headerErr returns a located error about the header (line 1).
func (r *csvReader) headerErr(name string, err error) *Error {
	return &Error{File: r.name, Line: 1, Name: name, Err: err}
}

// readErr converts an error of the scanner into a located error.
func (r *csvReader) readErr(err error) error {
	var se *scanError
	if errors.As(err, &se) {
		return &Error{File: r.name, Line: se.line, Column: se.col, Err: se.err}
	}
	return readErr(r.name, r.sc.line+1, err)
}

func readCSV(br *bufio.Reader, name string, opt *Options, schema *Schema, lines int) (*data.Dataset, *Schema, error) {
	r := &csvReader{name: name, opt: opt, schema: schema, label: -1, weight: -1}
	r.sc = &csvScanner{br: br}
	err := r.sc.next(nil, nil, nil)
	if err == io.EOF {
		return nil, nil, &Error{File: name, Line: 1, Err: fmt.Errorf("%w: no header", ErrEmpty)}
	}
	if err != nil {
		return nil, nil, r.readErr(err)
	}
	r.header = make([]string, len(r.sc.fields))
	for i, h := range r.sc.fields {
		r.header[i] = string(trimSpace(h))
	}
	if err := r.plan(); err != nil {
		return nil, nil, err
	}
	r.num.reserve(lines * len(r.numItems))
	r.slot = make([]int, len(r.header))
	for i := range r.slot {
		r.slot[i] = -1
	}
	for k, it := range r.numItems {
		r.slot[it.field] = k
	}
	r.vals = make([]float64, len(r.numItems))
	r.have = make([]bool, len(r.numItems))
	for {
		err := r.sc.next(r.slot, r.vals, r.have)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, r.readErr(err)
		}
		if err := r.row(r.sc.fields); err != nil {
			return nil, nil, err
		}
	}
	if r.rows == 0 {
		return nil, nil, &Error{File: name, Line: r.sc.line + 1, Err: ErrNoRows}
	}
	return r.finish()
}

// plan maps the header to label, weight and feature columns.
func (r *csvReader) plan() error {
	pos := make(map[string]int, len(r.header))
	for i, h := range r.header {
		if j, ok := pos[h]; ok {
			return r.errAt(i, fmt.Errorf("%w: repeats field %d", ErrColumn, j+1))
		}
		pos[h] = i
	}
	var labelName, weightName string
	var cols []Column
	if s := r.schema; s != nil {
		labelName, weightName, cols, r.missing = s.LabelColumn, s.WeightColumn, s.Columns, s.Missing
	} else {
		labelName, weightName, r.missing = r.opt.labelColumn(), r.opt.WeightColumn, r.opt.Missing
		var err error
		if cols, err = r.learnColumns(pos, labelName); err != nil {
			return err
		}
	}
	if i, ok := pos[labelName]; ok && r.opt.Labels != LabelsIgnore {
		r.label = i
	} else if r.opt.Labels != LabelsIgnore {
		return r.headerErr(labelName, fmt.Errorf("%w: no label column (set the label column's name)", ErrColumn))
	}
	if weightName != "" {
		if i, ok := pos[weightName]; ok {
			r.weight = i
		} else if r.schema == nil {
			return r.headerErr(weightName, fmt.Errorf("%w: no such weight column", ErrColumn))
		}
	}
	var classes []string
	if r.schema != nil {
		classes = r.schema.Classes
	} else {
		classes = r.opt.Classes
	}
	var err error
	if r.labels, err = newLabeler(classes); err != nil {
		return err
	}
	for _, c := range cols {
		i, ok := pos[c.Name]
		if !ok {
			return r.headerErr(c.Name, fmt.Errorf("%w: no such column", ErrColumn))
		}
		it := &csvItem{field: i, name: c.Name, fill: c.Fill}
		if r.schema == nil && r.missing == MissingZero {
			it.fill = 0
		}
		if c.Categorical {
			var given []string
			if r.schema != nil {
				given = c.Categories
				if given == nil {
					given = []string{}
				}
			}
			if it.cat, err = newLabeler(given); err != nil {
				return err
			}
			r.catItems = append(r.catItems, it)
		} else {
			r.numItems = append(r.numItems, it)
		}
		r.items = append(r.items, it)
	}
	return nil
}

// learnColumns chooses the feature columns from the options.
func (r *csvReader) learnColumns(pos map[string]int, labelName string) ([]Column, error) {
	o := r.opt
	check := func(what string, names []string) (map[string]bool, error) {
		set := make(map[string]bool, len(names))
		for _, n := range names {
			if _, ok := pos[n]; !ok {
				return nil, r.headerErr(n, fmt.Errorf("%w: %s column not in the header", ErrColumn, what))
			}
			if set[n] {
				return nil, r.headerErr(n, fmt.Errorf("%w: named twice among the %s columns", ErrColumn, what))
			}
			if n == labelName || (n == o.WeightColumn && n != "") {
				return nil, r.headerErr(n, fmt.Errorf("%w: the label or weight column cannot be a %s column", ErrColumn, what))
			}
			set[n] = true
		}
		return set, nil
	}
	if o.WeightColumn != "" && o.WeightColumn == labelName {
		return nil, r.headerErr(labelName, fmt.Errorf("%w: the weight column is the label column", ErrColumn))
	}
	cat, err := check("categorical", o.Categorical)
	if err != nil {
		return nil, err
	}
	drop, err := check("dropped", o.Drop)
	if err != nil {
		return nil, err
	}
	var names []string
	if o.Columns != nil {
		if _, err := check("feature", o.Columns); err != nil {
			return nil, err
		}
		names = o.Columns
	} else {
		for _, h := range r.header {
			if h != labelName && (h != o.WeightColumn || h == "") && !drop[h] {
				names = append(names, h)
			}
		}
	}
	inFeatures := make(map[string]bool, len(names))
	cols := make([]Column, len(names))
	for k, n := range names {
		cols[k] = Column{Name: n, Categorical: cat[n]}
		inFeatures[n] = true
	}
	for _, n := range o.Categorical {
		if !inFeatures[n] {
			return nil, r.headerErr(n, fmt.Errorf("%w: categorical column is not a feature column", ErrColumn))
		}
	}
	return cols, nil
}

// row parses one record.
func (r *csvReader) row(rec [][]byte) error {
	if len(rec) != len(r.header) {
		e := &Error{File: r.name, Line: r.sc.fieldLine(0),
			Err: fmt.Errorf("%w: %d, want %d like the header", ErrFieldCount, len(rec), len(r.header))}
		if len(rec) > len(r.header) {
			e.Line, e.Column = r.sc.fieldLine(len(r.header)), r.sc.cols[len(r.header)]
		}
		return e
	}
	f32 := r.opt.Float32
	mean := r.schema == nil && r.missing == MissingMean
	for k, it := range r.numItems {
		v := r.vals[k]
		if !r.have[k] {
			// Not a plain number (spaces, a missing marker, an exponent,
			// bad text, NaN or infinity) or in a record with quotes.
			var err error
			if v, err = r.slowValue(it, rec[it.field]); err != nil {
				return err
			}
			if math.IsNaN(v) { // a hole to fill with the mean
				r.holes = append(r.holes, r.num.len())
				r.num.add(0)
				continue
			}
		}
		if f32 && math.Abs(v) > math.MaxFloat32 {
			return r.errAt(it.field, withHint(ErrNotFinite, string(rec[it.field]), "overflows float32"))
		}
		if mean {
			it.sum += v
			it.count++
		}
		r.num.add(v)
	}
	for _, it := range r.catItems {
		s := trimSpace(rec[it.field])
		if isMissing(s) {
			if r.missing == MissingError {
				return r.errAt(it.field, withHint(ErrMissing, string(s), "set the missing-value policy to impute"))
			}
			it.cat.addNone()
			continue
		}
		if !it.cat.addBytes(s) {
			if r.opt.Unknown == UnknownError {
				return r.errAt(it.field, withHint(ErrUnknownCategory, string(s), "not seen in training"))
			}
			it.cat.addNone()
		}
	}
	if r.label >= 0 {
		s := trimSpace(rec[r.label])
		if len(s) == 0 {
			return r.errAt(r.label, fmt.Errorf("%w: empty label", ErrMissing))
		}
		if isMissing(s) {
			return r.errAt(r.label, withHint(ErrMissing, string(s), "a missing label"))
		}
		if !r.labels.addBytes(s) {
			return r.errAt(r.label, withHint(ErrUnknownLabel, string(s), "not among the classes"))
		}
	}
	if r.weight >= 0 {
		s := trimSpace(rec[r.weight])
		v, ok := parseNumber(s)
		switch {
		case isMissing(s):
			return r.errAt(r.weight, withText(ErrMissing, string(s)))
		case !ok:
			return r.errAt(r.weight, withText(ErrNumber, string(rec[r.weight])))
		case math.IsNaN(v) || math.IsInf(v, 0):
			return r.errAt(r.weight, withText(ErrNotFinite, string(rec[r.weight])))
		case v < 0:
			return r.errAt(r.weight, withText(ErrWeight, string(rec[r.weight])))
		}
		r.weights = append(r.weights, v)
	}
	r.rows++
	return nil
}

// slowValue handles a numeric field that is not a plain finite number: it
// returns the value (trimmed of spaces), the fill value of a missing entry,
// NaN for a missing entry to impute with the mean, or a located error.
func (r *csvReader) slowValue(it *csvItem, raw []byte) (float64, error) {
	s := trimSpace(raw)
	if isMissing(s) {
		switch {
		case r.missing == MissingError:
			return 0, r.errAt(it.field, withHint(ErrMissing, string(s), "set the missing-value policy to impute"))
		case r.schema == nil && r.missing == MissingMean:
			return math.NaN(), nil
		}
		return it.fill, nil
	}
	v, ok := parseNumber(s)
	if !ok {
		return 0, r.errAt(it.field, withText(ErrNumber, string(raw)))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, r.errAt(it.field, withText(ErrNotFinite, string(raw)))
	}
	return v, nil
}

// finish imputes, one-hot encodes and builds the Dataset and Schema.
func (r *csvReader) finish() (*data.Dataset, *Schema, error) {
	nn := len(r.numItems)
	num := r.num.collect()
	if r.schema == nil && r.missing == MissingMean {
		for _, it := range r.numItems {
			if it.count > 0 {
				it.fill = it.sum / float64(it.count)
			}
		}
		for _, h := range r.holes {
			it := r.numItems[h%nn]
			if it.count == 0 {
				return nil, nil, &Error{File: r.name, Line: 1, Name: it.name,
					Err: fmt.Errorf("%w: every value is missing, no mean to impute", ErrMissing)}
			}
			num[h] = it.fill
		}
	}
	s := &Schema{Format: CSV, Missing: r.missing}
	if r.schema != nil {
		s = r.schema
	} else {
		s.LabelColumn = r.opt.labelColumn()
		s.WeightColumn = r.opt.WeightColumn
	}
	// Feature layout.
	learned := r.schema == nil
	p := 0
	var names []string
	widths := make([]int, len(r.items))
	for k, it := range r.items {
		col := Column{Name: it.name}
		if it.cat != nil {
			cats, err := it.cat.finish()
			if err != nil {
				return nil, nil, &Error{File: r.name, Name: it.name, Err: err}
			}
			col.Categorical, col.Categories = true, cats
			for _, c := range cats {
				names = append(names, it.name+"_"+c)
			}
			widths[k] = len(cats)
		} else {
			if r.missing != MissingError {
				col.Fill = it.fill
			}
			names = append(names, it.name)
			widths[k] = 1
		}
		p += widths[k]
		if learned {
			s.Columns = append(s.Columns, col)
		}
	}
	if learned {
		s.NumFeatures, s.FeatureNames = p, names
	}
	d := &data.Dataset{FeatureNames: s.FeatureNames, SampleWeight: r.weights}
	var err error
	if r.opt.Float32 {
		d.X, err = data.NewDense32(r.rows, p, assemble[float32](r, num, p, widths))
	} else {
		d.X, err = data.NewDense(r.rows, p, assemble[float64](r, num, p, widths))
	}
	if err != nil {
		return nil, nil, &Error{File: r.name, Err: err}
	}
	if r.label >= 0 {
		classes, err := r.labels.finish()
		if err != nil {
			return nil, nil, &Error{File: r.name, Name: s.LabelColumn, Err: err}
		}
		d.Y, d.Classes = r.labels.ints(), classes
		if learned {
			s.Classes = classes
		}
	} else if learned {
		s.Classes = []string{}
	}
	if r.schema != nil {
		d.Classes = r.schema.Classes
	}
	return d, s, nil
}

// assemble returns the n×p feature matrix: the numeric values as read
// when there is no categorical column, else numeric values and one-hot
// encodings interleaved in column order.
func assemble[T float32 | float64](r *csvReader, num []float64, p int, widths []int) []T {
	if len(r.catItems) == 0 {
		return convert[T](num)
	}
	nn := len(r.numItems)
	x := make([]T, r.rows*p)
	for i := 0; i < r.rows; i++ {
		row := x[i*p : (i+1)*p]
		f, k := 0, 0
		for j, it := range r.items {
			if it.cat == nil {
				row[f] = T(num[i*nn+k])
				k++
			} else if c := it.cat.y[i]; c >= 0 {
				row[f+int(c)] = 1
			}
			f += widths[j]
		}
	}
	return x
}
