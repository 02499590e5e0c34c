// Package demodata embeds the dataset that `xent demo` trains on: the Breast
// Cancer Wisconsin (Diagnostic) data set (UCI, CC BY 4.0; see PROVENANCE.md),
// with a fixed stratified train/test split and standardization fitted on the
// training rows.
package demodata

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
)

//go:embed breast_cancer.csv
var breastCancerCSV []byte

//go:embed PROVENANCE.md
var provenance string

// Provenance returns the source, authors and license of the embedded data.
func Provenance() string { return provenance }

// Table is a dense labelled dataset: X is Rows×Cols row-major.
type Table struct {
	X            []float64
	Y            []int
	Rows, Cols   int
	FeatureNames []string
	ClassNames   []string // ClassNames[k] names label k
}

// BreastCancer returns the 569×30 data set as stored (raw features).
func BreastCancer() (*Table, error) {
	r := csv.NewReader(bytes.NewReader(breastCancerCSV))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("demodata: %w", err)
	}
	if len(recs) < 2 || len(recs[0]) < 2 || recs[0][0] != "label" {
		return nil, fmt.Errorf("demodata: unexpected header %q", recs[0])
	}
	t := &Table{
		Rows:         len(recs) - 1,
		Cols:         len(recs[0]) - 1,
		FeatureNames: recs[0][1:],
		ClassNames:   []string{"malignant", "benign"},
	}
	t.X = make([]float64, 0, t.Rows*t.Cols)
	for i, rec := range recs[1:] {
		y, err := strconv.Atoi(rec[0])
		if err != nil || y < 0 || y > 1 {
			return nil, fmt.Errorf("demodata: line %d: bad label %q", i+2, rec[0])
		}
		t.Y = append(t.Y, y)
		for j, f := range rec[1:] {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("demodata: line %d, column %d: %w", i+2, j+2, err)
			}
			t.X = append(t.X, v)
		}
	}
	return t, nil
}

// Split is the demo's train/test split, standardized with the training rows'
// statistics.
type Split struct {
	Train, Test *Table
	Mean, Scale []float64 // the standardization, fitted on Train
}

// TestEvery puts every TestEvery-th sample of each class (in file order) in
// the test set: a fixed, stratified 25% split that needs no random numbers
// and that any tool can reproduce (bench/demo_parity.py does).
const TestEvery = 4

// StratifiedSplit splits t without randomness: within each class, the
// samples whose rank (0-based, in file order) r has r%TestEvery ==
// TestEvery-1 go to the test set. Both parts are then standardized as
// scikit-learn's StandardScaler fitted on the training part does:
//
//	z = (x - mean) / scale,  scale = population standard deviation (ddof 0),
//
// with a scale of 0 replaced by 1.
func StratifiedSplit(t *Table) *Split {
	var trainIdx, testIdx []int
	rank := map[int]int{}
	for i, y := range t.Y {
		if rank[y]%TestEvery == TestEvery-1 {
			testIdx = append(testIdx, i)
		} else {
			trainIdx = append(trainIdx, i)
		}
		rank[y]++
	}
	s := &Split{Train: t.subset(trainIdx), Test: t.subset(testIdx)}
	s.Mean, s.Scale = meanScale(s.Train)
	s.Train.standardize(s.Mean, s.Scale)
	s.Test.standardize(s.Mean, s.Scale)
	return s
}

func (t *Table) subset(idx []int) *Table {
	s := &Table{Rows: len(idx), Cols: t.Cols, FeatureNames: t.FeatureNames, ClassNames: t.ClassNames}
	s.X = make([]float64, 0, len(idx)*t.Cols)
	for _, i := range idx {
		s.X = append(s.X, t.X[i*t.Cols:(i+1)*t.Cols]...)
		s.Y = append(s.Y, t.Y[i])
	}
	return s
}

func meanScale(t *Table) (mean, scale []float64) {
	mean = make([]float64, t.Cols)
	scale = make([]float64, t.Cols)
	n := float64(t.Rows)
	for i := 0; i < t.Rows; i++ {
		for j, v := range t.X[i*t.Cols : (i+1)*t.Cols] {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= n
	}
	for i := 0; i < t.Rows; i++ {
		for j, v := range t.X[i*t.Cols : (i+1)*t.Cols] {
			d := v - mean[j]
			scale[j] += d * d
		}
	}
	for j := range scale {
		scale[j] = math.Sqrt(scale[j] / n)
		if scale[j] == 0 {
			scale[j] = 1
		}
	}
	return mean, scale
}

func (t *Table) standardize(mean, scale []float64) {
	for i := 0; i < t.Rows; i++ {
		row := t.X[i*t.Cols : (i+1)*t.Cols]
		for j := range row {
			row[j] = (row[j] - mean[j]) / scale[j]
		}
	}
}
