// Command scaling measures how xent's training passes scale with the
// number of cores: for each GOMAXPROCS in -procs it times, on seeded
// synthetic data held in memory,
//
//   - the binary gradient pass (rows×cols, float64), in GB/s of matrix
//     data read, beside a plain parallel memory-read loop over an array of
//     the same size with as many goroutines;
//   - the multinomial gradient pass (mrows×mcols, -classes classes);
//   - a whole binary Newton fit (tolerance 1e-6) and a multinomial one
//     (tolerance 1e-4).
//
// A pass's time is that of an L-BFGS run of -iters iterations with the
// tolerance off, divided by its objective-and-gradient evaluations (each
// reads the data once); the fastest of -reps runs is kept. It prints one
// JSON line per measurement and a Markdown table.
//
//	go run ./bench/scaling -procs 1,2,4,8,16
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/bigmem"
	"github.com/xent-ml/xent/linear"
)

func main() {
	procs := flag.String("procs", "1,2,4,8,16", "GOMAXPROCS values to measure, comma-separated")
	rows := flag.Int("rows", 1_000_000, "rows of the binary data")
	cols := flag.Int("cols", 100, "features of the binary data")
	mrows := flag.Int("mrows", 60_000, "rows of the multinomial data")
	mcols := flag.Int("mcols", 784, "features of the multinomial data")
	classes := flag.Int("classes", 10, "classes of the multinomial data")
	iters := flag.Int("iters", 20, "L-BFGS iterations per timed pass run")
	reps := flag.Int("reps", 3, "runs per measurement; the fastest is kept")
	flag.Parse()
	var ps []int
	for _, f := range strings.Split(*procs, ",") {
		p, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || p < 1 {
			fmt.Fprintf(os.Stderr, "scaling: bad -procs entry %q\n", f)
			os.Exit(2)
		}
		ps = append(ps, p)
	}
	bx, by := synthetic(*rows, *cols, 2, 1)
	mx, my := synthetic(*mrows, *mcols, *classes, 2)
	ctx := context.Background()
	type row struct {
		Procs                        int
		ReadGBps, GradGBps, SoftGBps float64
		NewtonSec, SoftmaxNewtonSec  float64
		NewtonIters, SoftmaxIters    int
	}
	var table []row
	for _, p := range ps {
		runtime.GOMAXPROCS(p)
		r := row{Procs: p}
		bytes := float64(*rows * *cols * 8)
		r.ReadGBps = bytes / best(*reps, func() time.Duration { return readLoop(bx.RawData(), p) }).Seconds() / 1e9
		r.GradGBps = bytes / passTime(ctx, *reps, *iters, bx, by, 0).Seconds() / 1e9
		r.SoftGBps = float64(*mrows**mcols*8) / passTime(ctx, *reps, *iters, mx, my, *classes).Seconds() / 1e9
		var m *linear.Model
		r.NewtonSec = best(*reps, func() time.Duration {
			t := time.Now()
			m = must(linear.Logistic{Solver: linear.Newton, Tol: 1e-6}.Fit(ctx, bx, by, nil))
			return time.Since(t)
		}).Seconds()
		r.NewtonIters = m.Result.Iterations
		r.SoftmaxNewtonSec = best(*reps, func() time.Duration {
			t := time.Now()
			m = must(linear.Softmax{Solver: linear.Newton, Tol: 1e-4, NumClasses: *classes}.Fit(ctx, mx, my, nil))
			return time.Since(t)
		}).Seconds()
		r.SoftmaxIters = m.Result.Iterations
		line, _ := json.Marshal(r)
		fmt.Println(string(line))
		table = append(table, r)
	}
	fmt.Printf("\nbinary %d×%d, multinomial %d×%d with %d classes, float64; %s, %d CPUs\n\n", *rows, *cols, *mrows, *mcols, *classes, runtime.GOARCH, runtime.NumCPU())
	fmt.Println("| GOMAXPROCS | read loop GB/s | binary gradient GB/s | gradient / read | multinomial gradient GB/s | binary Newton fit s | speed-up | multinomial Newton fit s | speed-up |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range table {
		fmt.Printf("| %d | %.1f | %.1f | %.0f%% | %.1f | %.3f | %.2f | %.2f | %.2f |\n", r.Procs, r.ReadGBps, r.GradGBps,
			100*r.GradGBps/r.ReadGBps, r.SoftGBps, r.NewtonSec, table[0].NewtonSec/r.NewtonSec, r.SoftmaxNewtonSec, table[0].SoftmaxNewtonSec/r.SoftmaxNewtonSec)
	}
}

// synthetic returns n×p standard normal features and labels drawn from a
// linear model with k classes (seeded).
func synthetic(n, p, k int, seed uint64) (*data.Dense, []int) {
	x := bigmem.Make[float64](n*p, n*p) // as the library's readers allocate
	y := make([]int, n)
	w := make([]float64, k*p)
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range w {
		w[i] = rng.NormFloat64() / math.Sqrt(float64(p))
	}
	// Rows in parallel, each block with its own seeded generator.
	const block = 4096
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += block {
		wg.Add(1)
		go func(lo int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(lo)))
			z := make([]float64, k)
			for i := lo; i < min(lo+block, n); i++ {
				row := x[i*p : (i+1)*p]
				for j := range row {
					row[j] = r.NormFloat64()
				}
				for c := range z {
					z[c] = 0
					for j, v := range row {
						z[c] += v * w[c*p+j]
					}
				}
				y[i] = draw(r, z)
			}
		}(lo)
	}
	wg.Wait()
	return must(data.NewDense(n, p, x)), y
}

// draw samples a class from the softmax of z (for two classes, class 1
// with probability σ(z1 − z0)).
func draw(r *rand.Rand, z []float64) int {
	m := z[0]
	for _, v := range z {
		m = max(m, v)
	}
	var s float64
	for _, v := range z {
		s += math.Exp(v - m)
	}
	u := r.Float64() * s
	for c, v := range z {
		u -= math.Exp(v - m)
		if u <= 0 {
			return c
		}
	}
	return len(z) - 1
}

// passTime is the time of one objective-and-gradient pass (see the
// command's doc).
func passTime(ctx context.Context, reps, iters int, x data.Matrix, y []int, classes int) time.Duration {
	return best(reps, func() time.Duration {
		cfg := linear.Logistic{Solver: linear.LBFGS, Tol: -1, MaxIter: iters}
		t := time.Now()
		var m *linear.Model
		if classes > 2 {
			cfg.NumClasses = classes
			m = must(linear.Softmax(cfg).Fit(ctx, x, y, nil))
		} else {
			m = must(cfg.Fit(ctx, x, y, nil))
		}
		return time.Since(t) / time.Duration(max(m.Result.FuncEvals, 1))
	})
}

var sink float64

// readLoop sums x with g goroutines, each over a contiguous part, four
// accumulators each.
func readLoop(x []float64, g int) time.Duration {
	t := time.Now()
	parts := make([]float64, g)
	var wg sync.WaitGroup
	for w := range g {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			lo, hi := w*len(x)/g, (w+1)*len(x)/g
			var s0, s1, s2, s3 float64
			i := lo
			for ; i+4 <= hi; i += 4 {
				s0 += x[i]
				s1 += x[i+1]
				s2 += x[i+2]
				s3 += x[i+3]
			}
			for ; i < hi; i++ {
				s0 += x[i]
			}
			parts[w] = s0 + s1 + s2 + s3
		}(w)
	}
	wg.Wait()
	d := time.Since(t)
	for _, v := range parts {
		sink += v
	}
	return d
}

// best runs f reps times and returns the shortest duration.
func best(reps int, f func() time.Duration) time.Duration {
	d := time.Duration(math.MaxInt64)
	for range max(reps, 1) {
		d = min(d, f())
	}
	return d
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, "scaling:", err)
		os.Exit(1)
	}
	return v
}
