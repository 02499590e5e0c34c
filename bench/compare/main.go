// Command compare is the Go driver of xent's peer-comparison suite (see
// README.md beside it; run.sh is the entry point). It reads the prepared
// datasets, trains xent and prints one JSON object per measurement on
// standard output, in the same fields as peers.py.
//
// Usage:
//
//	compare fit -data DIR -dataset NAME -objective OBJ -solver newton|lbfgs [-C 1] (-ref | -target F)
//	compare gradbench -data DIR -dataset NAME [-iters 30] [-rounds 5]
//	compare predict -data DIR -dataset NAME [-min-time 2]
//
// fit -ref trains with Newton to a tight tolerance (1e-10) and reports f, for the
// reference optimum. fit -target F sweeps the tolerance from 1 to 1e-12 by
// decades and stops at the first run whose objective, evaluated independently
// here, is at most F; that run is timed again: the median of at least three
// runs when one takes under 10 s, repeated until 1 s is spent (at most 21). gradbench measures the bytes of training data read per second by
// xent's full-batch gradient beside a plain loop that reads an array of the
// same size, the two taking turns. predict measures the rows per second of the Go API's
// PredictProba on the training rows (the larger part).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/xent-ml/xent/internal/bigmem"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compare fit|gradbench|predict [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "fit":
		err = cmdFit(os.Args[2:])
	case "gradbench":
		err = cmdGradBench(os.Args[2:])
	case "predict":
		err = cmdPredict(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q (fit, gradbench, predict)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// maxRSSMB returns the peak resident set size of this process in MiB.
func maxRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

func emit(v map[string]any) error {
	v["maxrss_mb"] = maxRSSMB()
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Println(string(b))
	return err
}

// tols is the tolerance sweep shared with peers.py.
var tols = []float64{1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12}

func cmdFit(args []string) error {
	fs := flag.NewFlagSet("fit", flag.ContinueOnError)
	dir := fs.String("data", "", "prepared data directory")
	name := fs.String("dataset", "", "dataset name")
	objName := fs.String("objective", "binary", "binary, binary-pen, multinomial or ovr-pen")
	solver := fs.String("solver", "newton", "xent solver: newton, lbfgs, auto, gd")
	c := fs.Float64("C", 1, "inverse regularization strength")
	target := fs.Float64("target", 0, "objective value to reach")
	ref := fs.Bool("ref", false, "train to a tight tolerance and report f")
	budget := fs.Duration("budget", 15*time.Minute, "give up the sweep after this much training time")
	minTime := fs.Duration("min-time", time.Second, "repeat a successful run until this much time is spent (and at least 3 times when it takes under 10 s)")
	maxIter := fs.Int("max-iter", 100000, "iteration limit of each run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o, err := parseObjective(*objName)
	if err != nil {
		return err
	}
	ds, err := loadDataset(*dir, *name)
	if err != nil {
		return err
	}
	out := map[string]any{"dataset": ds.Name, "system": "xent-" + *solver, "objective": string(o), "C": *c}
	ctx := context.Background()
	if *ref {
		t := time.Now()
		r, err := fitXent(ctx, o, "newton", *c, 1e-10, 1000, ds.X, ds.Y, ds.Classes)
		if err != nil {
			return err
		}
		out["system"] = "xent-newton tol=1e-10"
		out["seconds"] = time.Since(t).Seconds()
		out["f"] = evalObjective(o, *c, ds.X, ds.Y, r.W, r.B)
		out["iters"] = r.Iterations
		out["converged"] = r.Converged
		return emit(out)
	}
	out["target"] = *target
	out["reached"] = false
	var (
		spent    time.Duration
		best     *fitResult
		bestF    float64
		bestTol  float64
		final    *fitResult
		finalTol float64
	)
	for _, tol := range tols {
		rctx, cancel := context.WithTimeout(ctx, max(*budget-spent, time.Second))
		t := time.Now()
		r, err := fitXent(rctx, o, *solver, *c, tol, *maxIter, ds.X, ds.Y, ds.Classes)
		dt := time.Since(t)
		cancel()
		if err != nil {
			return err
		}
		spent += dt
		f := evalObjective(o, *c, ds.X, ds.Y, r.W, r.B)
		if best == nil || f < bestF {
			best, bestF, bestTol = r, f, tol
		}
		if f <= *target {
			// Met at the loosest tolerance: fewer iterations might do too,
			// so cap them, one fewer at a time, while the target holds.
			capIter := *maxIter
			if tol == tols[0] {
				out["cap_swept"] = true
				for k := r.Iterations - 1; k >= 1; k-- {
					t := time.Now()
					rk, err := fitXent(ctx, o, *solver, *c, tol, k, ds.X, ds.Y, ds.Classes)
					dtk := time.Since(t)
					if err != nil {
						return err
					}
					fk := evalObjective(o, *c, ds.X, ds.Y, rk.W, rk.B)
					if fk > *target {
						break
					}
					r, f, dt, capIter = rk, fk, dtk, k
					out["max_iter"] = k
				}
			}
			times := []float64{dt.Seconds()}
			for (sum(times) < minTime.Seconds() || (len(times) < 3 && times[0] < 10)) && len(times) < 21 {
				t := time.Now()
				if _, err := fitXent(ctx, o, *solver, *c, tol, capIter, ds.X, ds.Y, ds.Classes); err != nil {
					return err
				}
				times = append(times, time.Since(t).Seconds())
			}
			out["reached"] = true
			out["loosest_tol"] = tol == tols[0]
			out["seconds"] = median(times)
			out["runs"] = len(times)
			out["f"] = f
			final, finalTol = r, tol
			break
		}
		if spent > *budget {
			break
		}
	}
	if final == nil {
		final, finalTol = best, bestTol
		out["seconds"] = spent.Seconds()
		out["f"] = bestF
		out["runs"] = 0
	}
	out["tol"] = finalTol
	out["iters"] = final.Iterations
	out["func_evals"] = final.FuncEvals
	out["hess_vecs"] = final.HessVecs
	out["test_logloss"], out["test_accuracy"] = evalMetrics(o, ds.Xtest, ds.Ytest, final.W, final.B)
	out["train_logloss"], _ = evalMetrics(o, ds.X, ds.Y, final.W, final.B)
	return emit(out)
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// readSum is the plain memory-read loop: the sum of a, four accumulators
// so that the loop is bound by memory, not by the add latency.
func readSum(a []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i]
		s1 += a[i+1]
		s2 += a[i+2]
		s3 += a[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i]
	}
	return s0 + s1 + s2 + s3
}

// readSumParallel splits a into one contiguous part per goroutine.
func readSumParallel(a []float64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(a)/workers, (w+1)*len(a)/workers
		wg.Go(func() { parts[w] = readSum(a[lo:hi]) })
	}
	wg.Wait()
	return sum(parts)
}

var sink float64

// seconds returns the time f takes.
func seconds(f func()) float64 {
	t := time.Now()
	f()
	return time.Since(t).Seconds()
}

func cmdGradBench(args []string) error {
	fs := flag.NewFlagSet("gradbench", flag.ContinueOnError)
	dir := fs.String("data", "", "prepared data directory")
	name := fs.String("dataset", "", "dataset name")
	iters := fs.Int("iters", 30, "L-BFGS iterations per timed run")
	rounds := fs.Int("rounds", 5, "rounds of the pass and the read loops, taking turns (the fastest of each counts)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ds, err := loadDataset(*dir, *name)
	if err != nil {
		return err
	}
	ctx := context.Background()
	// The read loop's array is allocated as the training data's are
	// (bigmem: huge pages advised), so that both read the same kind of
	// memory.
	a := bigmem.Make[float64](int(ds.DataBytes/8), int(ds.DataBytes/8))
	for i := range a {
		a[i] = float64(i & 1023)
	}
	workers := runtime.GOMAXPROCS(0)
	// The pass and the read loops take turns, so that both meet the same
	// states of a shared machine's memory: on the comparison machine the
	// two-thread read loop ran at 33 or at 57 GB/s from one minute to the
	// next.
	var gradSec, seq, par float64
	evals := 0
	for r := range max(*rounds, 1) {
		var e int
		d := seconds(func() { e, err = gradientPass(ctx, ds.X, ds.Y, ds.Classes, *iters) })
		if err != nil {
			return err
		}
		if r == 0 || d < gradSec {
			gradSec, evals = d, e
		}
		s := seconds(func() { sink += readSum(a) })
		p := seconds(func() { sink += readSumParallel(a, workers) })
		if r == 0 {
			seq, par = s, p
		}
		seq, par = min(seq, s), min(par, p)
	}
	perPass := gradSec / float64(max(evals, 1))
	gb := float64(ds.DataBytes) / 1e9
	n, p := ds.X.Dims()
	return emit(map[string]any{
		"dataset": ds.Name, "rows": n, "cols": p, "classes": ds.Classes, "data_bytes": ds.DataBytes,
		"grad_seconds_per_pass": perPass, "grad_evals": evals, "grad_gbps": gb / perPass,
		"memread_1thread_gbps": gb / seq, "memread_gbps": gb / par, "workers": workers,
	})
}

func cmdPredict(args []string) error {
	fs := flag.NewFlagSet("predict", flag.ContinueOnError)
	dir := fs.String("data", "", "prepared data directory")
	name := fs.String("dataset", "", "dataset name")
	minTime := fs.Duration("min-time", 2*time.Second, "time spent predicting")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ds, err := loadDataset(*dir, *name)
	if err != nil {
		return err
	}
	ctx := context.Background()
	m, err := fitPredictor(ctx, ds.X, ds.Y, ds.Classes)
	if err != nil {
		return err
	}
	n, _ := ds.X.Dims()
	dst, err := m.PredictProba(nil, ds.X) // warm-up; allocates dst once
	if err != nil {
		return err
	}
	rows, t := 0, time.Now()
	for time.Since(t) < *minTime {
		if dst, err = m.PredictProba(dst, ds.X); err != nil {
			return err
		}
		rows += n
	}
	sec := time.Since(t).Seconds()
	return emit(map[string]any{"dataset": ds.Name, "rows": rows, "seconds": sec, "rows_per_s": float64(rows) / sec,
		"api": "linear.Model.PredictProba, preallocated destination, training rows"})
}
