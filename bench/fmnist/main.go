// Command fmnist trains xent's MLP on Fashion-MNIST and prints one result
// line for the comparison table of run.sh:
//
//	RESULT<TAB>system<TAB>seconds per epoch<TAB>test accuracy<TAB>test log loss<TAB>epochs
//
// It reads the IDX files of Debian's dataset-fashion-mnist package itself
// (pixel/255 in float64, the original 60000/10000 split). Progress goes to
// standard error.
package main

import (
	"compress/gzip"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/mlp"
)

func main() {
	dir := flag.String("data", "/usr/share/datasets/fashion-mnist", "folder of the Fashion-MNIST IDX .gz files")
	epochs := flag.Int("epochs", 20, "training epochs")
	batch := flag.Int("batch", 200, "mini-batch size")
	hidden := flag.String("hidden", "128", "hidden layer sizes, comma-separated")
	alpha := flag.Float64("alpha", 1e-4, "L2 penalty (scikit-learn's alpha)")
	lr := flag.Float64("lr", 1e-3, "Adam learning rate")
	seed := flag.Uint64("seed", 0, "seed of initialization and shuffling")
	flag.Parse()
	if err := run(*dir, *epochs, *batch, *hidden, *alpha, *lr, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "fmnist:", err)
		os.Exit(1)
	}
}

func run(dir string, epochs, batch int, hidden string, alpha, lr float64, seed uint64) error {
	train, err := load(dir, "train")
	if err != nil {
		return err
	}
	test, err := load(dir, "t10k")
	if err != nil {
		return err
	}
	var sizes []int
	for _, f := range strings.Split(hidden, ",") {
		h, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-hidden %q: %v", hidden, err)
		}
		sizes = append(sizes, h)
	}
	cfg := mlp.NewClassifier()
	cfg.HiddenSizes = sizes
	cfg.Alpha = alpha
	cfg.LearningRate = lr
	cfg.BatchSize = batch
	cfg.MaxIter = epochs
	cfg.Tol = -1 // run every epoch
	cfg.Seed = seed
	cfg.Callback = func(e mlp.Epoch) bool {
		fmt.Fprintf(os.Stderr, "xent epoch %d: loss %.5f, %.1f s\n", e.Iter, e.TrainLoss, e.Elapsed.Seconds())
		return false
	}
	fmt.Fprintf(os.Stderr, "xent: %d×%d train, %d test, hidden %v, GOMAXPROCS %d\n",
		len(train.Y), train.NumFeatures(), len(test.Y), sizes, runtime.GOMAXPROCS(0))
	start := time.Now()
	m, err := cfg.Fit(context.Background(), train, nil)
	if err != nil {
		return err
	}
	// Seconds of the training epochs themselves; Fit's total also holds the
	// input scan and solve's final full-data evaluation at the result.
	secs := m.History[len(m.History)-1].Elapsed.Seconds()
	fmt.Fprintf(os.Stderr, "xent: %d epochs in %.1f s, Fit %.1f s\n", m.Result.Iterations, secs, time.Since(start).Seconds())
	proba, err := m.PredictProba(nil, test.X)
	if err != nil {
		return err
	}
	acc, ll := score(proba, test.Y, m.NumClasses)
	fmt.Printf("RESULT\txent (Go, float64, GOMAXPROCS %d)\t%.3f\t%.4f\t%.4f\t%d\n", runtime.GOMAXPROCS(0), secs/float64(m.Result.Iterations), acc, ll, m.Result.Iterations)
	return nil
}

// score returns the accuracy and scikit-learn 1.2's log_loss: probabilities
// clipped to [eps, 1−eps] (eps = 2.22e-16), rows renormalized, mean of
// −log p[y].
func score(p []float64, y []int, k int) (acc, logLoss float64) {
	const eps = 0x1p-52
	for i, c := range y {
		row := p[i*k : (i+1)*k]
		best, sum := 0, 0.0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
			sum += min(max(v, eps), 1-eps)
		}
		if best == c {
			acc++
		}
		logLoss -= math.Log(min(max(row[c], eps), 1-eps) / sum)
	}
	n := float64(len(y))
	return acc / n, logLoss / n
}

// load reads the images and labels of one split ("train" or "t10k") from
// the IDX files, scaling each pixel to pixel/255.
func load(dir, split string) (*data.Dataset, error) {
	img, dims, err := readIDX(filepath.Join(dir, split+"-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, err
	}
	lab, ldims, err := readIDX(filepath.Join(dir, split+"-labels-idx1-ubyte.gz"))
	if err != nil {
		return nil, err
	}
	if len(dims) != 3 || len(ldims) != 1 || dims[0] != ldims[0] {
		return nil, fmt.Errorf("%s: image dims %v, label dims %v", split, dims, ldims)
	}
	n, p := dims[0], dims[1]*dims[2]
	x := make([]float64, n*p)
	for i, v := range img {
		x[i] = float64(v) / 255
	}
	y := make([]int, n)
	for i, v := range lab {
		y[i] = int(v)
	}
	d, err := data.NewDense(n, p, x)
	if err != nil {
		return nil, err
	}
	return &data.Dataset{X: d, Y: y}, nil
}

// readIDX reads a gzipped IDX file of unsigned bytes: magic 0x00 0x00 0x08
// ndim, the dimensions as big-endian uint32, then the data row-major.
func readIDX(path string) ([]byte, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	var magic [4]byte
	if _, err := io.ReadFull(z, magic[:]); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	if magic[0] != 0 || magic[1] != 0 || magic[2] != 8 {
		return nil, nil, fmt.Errorf("%s: magic % x, want unsigned-byte IDX", path, magic)
	}
	dims := make([]int, magic[3])
	size := 1
	for i := range dims {
		var d uint32
		if err := binary.Read(z, binary.BigEndian, &d); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		dims[i] = int(d)
		size *= int(d)
	}
	buf := make([]byte, size)
	if _, err := io.ReadFull(z, buf); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	return buf, dims, nil
}
