// Command liblinear compares xent's L1-regularized logistic regression with
// LIBLINEAR's (-s 6). It is run by bench/liblinear_l1.sh:
//
//	liblinear libsvm DATA.csv > DATA.libsvm
//	liblinear compare -C c -model MODEL DATA.csv
//
// libsvm writes a golden CSV (a header, the integer label first, then the
// features) in LibSVM format, zeros omitted, values in shortest round-trip
// form. compare reads LIBLINEAR's model file, evaluates LIBLINEAR's
// objective at its weights,
//
//	f(w, b) = ‖w‖₁ + |b| + C · Σᵢ log(1 + exp(−sᵢ(xᵢ·w + b)))
//
// (with -B 1 LIBLINEAR 2.3 appends a constant feature 1 whose weight b is
// penalized like the others), fits xent's linear.Logistic with Penalty L1
// and PenalizeIntercept (the same objective) and prints both objectives,
// exiting 1 when they differ by more than 1e-6 relative.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: liblinear libsvm DATA.csv | liblinear compare -C c -model MODEL DATA.csv")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "libsvm":
		err = toLibSVM(os.Args[2:])
	case "compare":
		err = compare(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "liblinear:", err)
		os.Exit(1)
	}
}

// readCSV reads a CSV with a header, an integer label first, then features.
func readCSV(path string) (*data.Dense, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(recs) < 2 {
		return nil, nil, fmt.Errorf("%s: no data rows", path)
	}
	rows, cols := len(recs)-1, len(recs[0])-1
	x := make([]float64, 0, rows*cols)
	y := make([]int, rows)
	for i, rec := range recs[1:] {
		if len(rec) != cols+1 {
			return nil, nil, fmt.Errorf("%s line %d: %d fields, want %d", path, i+2, len(rec), cols+1)
		}
		if y[i], err = strconv.Atoi(rec[0]); err != nil || y[i] < 0 || y[i] > 1 {
			return nil, nil, fmt.Errorf("%s line %d: label %q, want 0 or 1", path, i+2, rec[0])
		}
		for j, s := range rec[1:] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%s line %d, column %d: %v", path, i+2, j+2, err)
			}
			x = append(x, v)
		}
	}
	m, err := data.NewDense(rows, cols, x)
	return m, y, err
}

func toLibSVM(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("libsvm: want one CSV file")
	}
	x, y, err := readCSV(args[0])
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	n, p := x.Dims()
	for i := 0; i < n; i++ {
		w.WriteString(strconv.Itoa(y[i]))
		for j := 0; j < p; j++ {
			if v := x.At(i, j); v != 0 {
				fmt.Fprintf(w, " %d:%s", j+1, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		w.WriteByte('\n')
	}
	return w.Flush()
}

// readModel reads a LIBLINEAR model file of a binary -s 6 model with
// -B 1 and returns the weights of P(y = 1) and the bias weight.
func readModel(path string, p int) (w []float64, b float64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var labels []string
	bias := -1.0
	var ws []float64
	inW := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if inW {
			if line == "" {
				continue
			}
			v, err := strconv.ParseFloat(strings.Fields(line)[0], 64)
			if err != nil {
				return nil, 0, fmt.Errorf("%s: weight %q: %v", path, line, err)
			}
			ws = append(ws, v)
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "solver_type":
			if len(fields) < 2 || fields[1] != "L1R_LR" {
				return nil, 0, fmt.Errorf("%s: solver_type %v, want L1R_LR (-s 6)", path, fields[1:])
			}
		case "label":
			labels = fields[1:]
		case "bias":
			if bias, err = strconv.ParseFloat(fields[1], 64); err != nil {
				return nil, 0, fmt.Errorf("%s: bias: %v", path, err)
			}
		case "w":
			inW = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if bias != 1 {
		return nil, 0, fmt.Errorf("%s: bias %v, want 1 (-B 1)", path, bias)
	}
	if len(ws) != p+1 {
		return nil, 0, fmt.Errorf("%s: %d weights, want %d features and the bias", path, len(ws), p+1)
	}
	if len(labels) != 2 {
		return nil, 0, fmt.Errorf("%s: labels %v, want two", path, labels)
	}
	// LIBLINEAR's weights give the log-odds of its first label.
	sign := 1.0
	if labels[0] == "0" {
		sign = -1
	}
	for j := range ws {
		ws[j] *= sign
	}
	return ws[:p], ws[p], nil
}

// objective returns LIBLINEAR's -s 6 objective with a penalized bias.
func objective(x *data.Dense, y []int, c float64, w []float64, b float64) float64 {
	n, _ := x.Dims()
	f := math.Abs(b)
	for _, v := range w {
		f += math.Abs(v)
	}
	z := make([]float64, n)
	x.MulVec(z, w, 0, n)
	var loss float64
	for i, zi := range z {
		m := zi + b
		if y[i] == 0 {
			m = -m
		}
		// log(1 + exp(−m)), stable for both signs.
		loss += math.Max(-m, 0) + math.Log1p(math.Exp(-math.Abs(m)))
	}
	return f + c*loss
}

func nonzeros(w []float64) int {
	k := 0
	for _, v := range w {
		if v != 0 {
			k++
		}
	}
	return k
}

func compare(args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	c := fs.Float64("C", 1, "LIBLINEAR's -c")
	model := fs.String("model", "", "LIBLINEAR model file")
	tol := fs.Float64("rel", 1e-6, "largest relative objective gap accepted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *model == "" {
		return fmt.Errorf("compare: want -model MODEL and one CSV file")
	}
	x, y, err := readCSV(fs.Arg(0))
	if err != nil {
		return err
	}
	_, p := x.Dims()
	lw, lb, err := readModel(*model, p)
	if err != nil {
		return err
	}
	fLib := objective(x, y, *c, lw, lb)

	cfg := linear.Logistic{C: *c, Penalty: linear.L1, PenalizeIntercept: true, Tol: 1e-10, MaxIter: 100000}
	start := time.Now()
	m, err := cfg.Fit(context.Background(), x, y, nil)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fX, err := cfg.Objective(m, x, y, nil)
	if err != nil {
		return err
	}
	// The formula above at xent's weights must be xent's own objective.
	if check := objective(x, y, *c, m.Coef, m.Intercept[0]); math.Abs(check-fX) > 1e-12*fX {
		return fmt.Errorf("C = %g: objective formula %v, xent's Objective %v", *c, check, fX)
	}
	rel := (fX - fLib) / fLib
	fmt.Printf("C=%-6g liblinear f=%.12g (nnz %2d, b=%+.6f)  xent f=%.12g (nnz %2d, b=%+.6f, %s, %d it, %.1f ms)  rel gap %+.2e\n",
		*c, fLib, nonzeros(lw), lb, fX, nonzeros(m.Coef), m.Intercept[0], m.Result.Status, m.Result.Iterations,
		float64(elapsed.Microseconds())/1000, rel)
	if math.Abs(rel) > *tol {
		return fmt.Errorf("C = %g: relative objective gap %.3g > %.0g", *c, rel, *tol)
	}
	return nil
}
