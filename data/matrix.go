package data

// Matrix is a read-only n×p feature matrix that models use without copying.
//
// The methods work on a range of rows [lo, hi) so that a gradient pass can
// fuse the forward product and the backward accumulation per block of rows
// and read the data once, and so that blocks can be handed to different
// goroutines. Implementations accumulate in float64 whatever their storage
// type, visit the entries of a row in a fixed order (so a result depends
// only on the row range, never on timing), allocate nothing once warm, and
// allow concurrent calls on any row ranges as long as the destinations
// differ. Methods trust
// their arguments (the caller validated shapes once) and panic on an
// out-of-range slice, as gonum does.
//
// [Dense], [Dense32], [CSR] and [CSR32] implement it; [Rows] and [Slice]
// select rows of any of them.
type Matrix interface {
	// Dims returns the number of rows (samples) and columns (features).
	Dims() (rows, cols int)

	// MulVec sets dst[i-lo] = x_i · w for lo ≤ i < hi; len(w) == cols.
	MulVec(dst, w []float64, lo, hi int)

	// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols] for
	// lo ≤ i < hi and 0 ≤ j < k: dst is (hi-lo)×k and W is k×cols, both
	// row-major.
	MulMat(dst, W []float64, k, lo, hi int)

	// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g; len(g) == cols.
	AddTransVec(g, r []float64, lo, hi int)

	// AddTransMat adds Rᵀ X[lo:hi] to G: G[j*cols+f] += Σ_i R[(i-lo)*k+j] · x_if,
	// where G is k×cols and R is (hi-lo)×k, both row-major.
	AddTransMat(G, R []float64, k, lo, hi int)

	// DenseRows writes rows [lo, hi) densely into dst, (hi-lo)×cols
	// row-major, zeros included.
	DenseRows(dst []float64, lo, hi int)
}
