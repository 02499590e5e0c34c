package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xent-ml/xent/data"
)

// labelText returns the label text of sample i.
func labelText(d *data.Dataset, i int) string {
	if d.Classes != nil {
		return d.Classes[d.Y[i]]
	}
	return strconv.Itoa(d.Y[i])
}

// WriteCSV writes d as CSV that [Read] reads back to the same values: a
// header "label", then the feature names (FeatureNames, or f1…fp), then
// "weight" when SampleWeight is not nil (read it back with WeightColumn
// "weight"); one row per sample with the label text (Classes[Y[i]], or the
// index when Classes is nil) and the values in the shortest form that
// parses back to the same float64. It checks d with [data.Dataset.Validate].
func WriteCSV(w io.Writer, d *data.Dataset) error {
	if err := d.Validate(); err != nil {
		return err
	}
	n, p := d.X.Dims()
	cw := csv.NewWriter(w)
	rec := make([]string, 0, p+2)
	rec = append(rec, "label")
	for j := 0; j < p; j++ {
		if d.FeatureNames != nil {
			rec = append(rec, d.FeatureNames[j])
		} else {
			rec = append(rec, "f"+strconv.Itoa(j+1))
		}
	}
	if d.SampleWeight != nil {
		rec = append(rec, "weight")
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	row := make([]float64, p)
	for i := 0; i < n; i++ {
		d.X.DenseRows(row, i, i+1)
		rec = append(rec[:0], labelText(d, i))
		for _, v := range row {
			rec = append(rec, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if d.SampleWeight != nil {
			rec = append(rec, strconv.FormatFloat(d.SampleWeight[i], 'g', -1, 64))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteLibSVM writes d in LibSVM format: per sample the label text, then
// "index:value" for each nonzero value, indices 1-based, values in the
// shortest form that parses back to the same float64. Label texts must not
// contain spaces, '#', ':' or ',' (a row "a,b" without features reads as a
// CSV line) and sample weights cannot be stored: either gives an error.
func WriteLibSVM(w io.Writer, d *data.Dataset) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.SampleWeight != nil {
		return errors.New("ingest: WriteLibSVM: the LibSVM format cannot store sample weights")
	}
	for k, c := range d.Classes {
		for _, b := range []byte(c) {
			if isSpace(b) || b == '#' || b == ':' || b == ',' || b == '\n' || b == '\r' || c == "" {
				return fmt.Errorf("ingest: WriteLibSVM: class %d label %q cannot be written in LibSVM", k, c)
			}
		}
		if c == "" {
			return fmt.Errorf("ingest: WriteLibSVM: class %d has an empty label", k)
		}
	}
	n, p := d.X.Dims()
	bw := bufio.NewWriter(w)
	row := make([]float64, p)
	var buf []byte
	for i := 0; i < n; i++ {
		d.X.DenseRows(row, i, i+1)
		buf = append(buf[:0], labelText(d, i)...)
		for j, v := range row {
			if v != 0 {
				buf = append(buf, ' ')
				buf = strconv.AppendInt(buf, int64(j+1), 10)
				buf = append(buf, ':')
				buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			}
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}
