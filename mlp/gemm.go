package mlp

import (
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/xent-ml/xent/internal/parallel"
)

// Tiles of the product C = op(A)·op(B). gonum's Dgemm runs serially when C
// has fewer than four 64×64 blocks and otherwise starts goroutines of its
// own; tiles of 64×192 keep every call serial (no allocation), and the
// tiles of one product run on parallel.For's goroutines instead. Each
// element of C is computed by one call, summing over k in the same order
// whatever the tiling and the number of goroutines, so the bits depend
// only on the shapes.
const (
	tileRows = 64
	tileCols = 192
	// parallelFlops is the least m·n·k for which the tiles of a product
	// are spread over goroutines.
	parallelFlops = 1 << 17
)

// gemmJob is one product C = op(A)·op(B) + beta·C in row-major storage,
// split into tiles.
type gemmJob struct {
	tA, tB      bool
	m, n, k     int
	a           []float64
	lda         int
	b           []float64
	ldb         int
	beta        float64
	c           []float64
	ldc         int
	tilesN      int              // tiles per row of tiles
	run         func(lo, hi int) // j.tiles, bound once so that dispatch does not allocate
	serialAlone bool             // set by tests: never use goroutines
}

func newGemmJob() *gemmJob {
	j := new(gemmJob)
	j.run = j.tiles
	return j
}

// gemm computes C = op(A)·op(B) + beta·C, where op(A) is m×k (A stored
// k×m with leading dimension lda when tA), op(B) is k×n (B stored n×k when
// tB) and C is m×n with leading dimension ldc.
func (j *gemmJob) gemm(tA, tB bool, m, n, k int, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	j.tA, j.tB, j.m, j.n, j.k = tA, tB, m, n, k
	j.a, j.lda, j.b, j.ldb, j.beta, j.c, j.ldc = a, lda, b, ldb, beta, c, ldc
	j.tilesN = (n + tileCols - 1) / tileCols
	nt := ((m + tileRows - 1) / tileRows) * j.tilesN
	if nt == 1 || j.serialAlone || m*n*k < parallelFlops || runtime.GOMAXPROCS(0) == 1 {
		j.tiles(0, nt)
	} else {
		parallel.For(nt, 1, j.run)
	}
	j.a, j.b, j.c = nil, nil, nil
}

// tiles computes tiles [lo, hi) of the current product.
func (j *gemmJob) tiles(lo, hi int) {
	tA, tB := blas.NoTrans, blas.NoTrans
	if j.tA {
		tA = blas.Trans
	}
	if j.tB {
		tB = blas.Trans
	}
	for t := lo; t < hi; t++ {
		i0 := (t / j.tilesN) * tileRows
		j0 := (t % j.tilesN) * tileCols
		mi := min(tileRows, j.m-i0)
		nj := min(tileCols, j.n-j0)
		var a, b blas64.General
		if j.tA {
			a = blas64.General{Rows: j.k, Cols: mi, Stride: j.lda, Data: j.a[i0:]}
		} else {
			a = blas64.General{Rows: mi, Cols: j.k, Stride: j.lda, Data: j.a[i0*j.lda:]}
		}
		if j.tB {
			b = blas64.General{Rows: nj, Cols: j.k, Stride: j.ldb, Data: j.b[j0*j.ldb:]}
		} else {
			b = blas64.General{Rows: j.k, Cols: nj, Stride: j.ldb, Data: j.b[j0:]}
		}
		c := blas64.General{Rows: mi, Cols: nj, Stride: j.ldc, Data: j.c[i0*j.ldc+j0:]}
		blas64.Gemm(tA, tB, 1, a, b, j.beta, c)
	}
}
