package preprocess

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
)

// dense returns the rows as a *data.Dense.
func dense(t testing.TB, rows [][]float64) *data.Dense {
	t.Helper()
	n, p := len(rows), 0
	if n > 0 {
		p = len(rows[0])
	}
	flat := make([]float64, 0, n*p)
	for _, r := range rows {
		flat = append(flat, r...)
	}
	m, err := data.NewDense(n, p, flat)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sparseOf returns the nonzero entries of m as a *data.CSR.
func sparseOf(t testing.TB, m data.Matrix) *data.CSR {
	t.Helper()
	c := data.ToCSR(m)
	return c
}

// rowsOf returns the matrix as rows of float64.
func rowsOf(m data.Matrix) [][]float64 {
	n, p := m.Dims()
	flat := make([]float64, n*p)
	m.DenseRows(flat, 0, n)
	out := make([][]float64, n)
	for i := range out {
		out[i] = flat[i*p : (i+1)*p]
	}
	return out
}

// readCSV reads a golden CSV file (header, label first) and returns the
// features as a *data.Dense.
func readCSV(t *testing.T, path string) *data.Dense {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]float64, 0, len(recs)-1)
	for l, rec := range recs[1:] {
		row := make([]float64, len(rec)-1)
		for j, s := range rec[1:] {
			if row[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s:%d: %v", path, l+2, err)
			}
		}
		rows = append(rows, row)
	}
	return dense(t, rows)
}

// parse returns the float64 values of Python reprs.
func parse(t testing.TB, s ...string) []float64 {
	t.Helper()
	v := make([]float64, len(s))
	for i, x := range s {
		var err error
		if v[i], err = strconv.ParseFloat(x, 64); err != nil {
			t.Fatal(err)
		}
	}
	return v
}
