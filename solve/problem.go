package solve

// Problem is a smooth objective f: ℝⁿ → ℝ to minimize. Every solver calls
// ValueGrad from one goroutine at a time; each call is counted in
// [Result.FuncEvals].
type Problem interface {
	// Dim returns n, the number of parameters.
	Dim() int

	// ValueGrad returns f(x) and, when grad is not nil, writes ∇f(x) into
	// grad (len n). It must not keep x or grad.
	ValueGrad(grad, x []float64) float64
}

// HessVecProblem is a [Problem] that also multiplies by its Hessian, as the
// trust-region Newton method needs.
type HessVecProblem interface {
	Problem

	// HessVec writes ∇²f(x)·v into dst, where x is the point of the most
	// recent ValueGrad call (the convention of LIBLINEAR's TRON: the model
	// keeps the per-sample curvature of that call). [TrustRegionNewton]
	// calls ValueGrad again at x after evaluating a rejected trial point,
	// so that the curvature is always that of the current iterate.
	HessVec(dst, v []float64)
}

// BatchProblem is a [Problem] whose objective is a sum over samples, so that
// stochastic solvers can estimate it from mini-batches.
type BatchProblem interface {
	Problem

	// NumSamples returns the number of samples the objective sums over.
	NumSamples() int

	// BatchValueGrad returns an unbiased estimate of f(x) from the samples
	// idx (the data term scaled by NumSamples()/len(idx), the penalty in
	// full) and, when grad is not nil, writes the matching estimate of
	// ∇f(x) into grad.
	BatchValueGrad(grad, x []float64, idx []int) float64
}

// HessDiagProblem is a [HessVecProblem] that also gives the diagonal of its
// Hessian, which [TrustRegionNewton] uses to precondition its conjugate
// gradient iterations (as LIBLINEAR ≥ 2.20 does).
type HessDiagProblem interface {
	HessVecProblem

	// HessDiag writes the diagonal of ∇²f(x) into dst (len n), at the same
	// x as HessVec.
	HessDiag(dst []float64)
}
