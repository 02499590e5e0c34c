// Package linear implements linear classifiers trained by minimizing
// weighted, regularized cross-entropy: binary logistic regression (the
// sigmoid hypothesis with the log-loss cost), multinomial softmax regression
// (the maximum-entropy classifier: one weight vector per class, the full
// softmax over K classes, no reference class) and one-vs-rest (K binary
// problems).
//
// # Objective
//
// The objective is scikit-learn's and LIBLINEAR's, so that the same C gives
// the same model:
//
//	f(W, b) = C · Σᵢ sᵢ · ℓᵢ(W, b) + R(W)
//
//	R(W) = ½‖W‖²                                   L2 (the default)
//	     = ‖W‖₁                                    L1
//	     = r·‖W‖₁ + ½(1−r)·‖W‖²,  r = L1Ratio        ElasticNet (scikit-learn's)
//	     = 0                                       NoPenalty
//
// where sᵢ is the sample weight times the class weight of yᵢ (each 1 when
// not given) and the intercepts b are not penalized (unless
// PenalizeIntercept, as LIBLINEAR's -B 1). With targets t (one-hot, or
// smoothed: (1−ε)·onehot + ε/K) the losses are
//
//	binary, z = x·w + b:       ℓ = q·t·softplus(−z) + (1−t)·softplus(z)
//	multinomial, z = Wx + b:   ℓ = logsumexp(z) − Σ_k t_k z_k
//
// with q the PosWeight (PyTorch's pos_weight, 1 by default). Without
// weights and smoothing these are scikit-learn 1.2.1's binary and
// multinomial objectives times C (scikit-learn minimizes f/C, which has the
// same minimizer), checked against its reference optima in the tests.
//
// Parameters are laid out as one vector [W (K'×p, row-major), b (K')] with
// K' = 1 for the binary model and K' = K for the others; this is the x of
// solve's Problem and the Iteration.X of a Callback.
//
// # Solvers
//
// The objective implements solve.Problem, HessVecProblem, HessDiagProblem
// and BatchProblem, so every solver of package solve can minimize it.
// Logistic.Solver picks one; Auto takes TrustRegionNewton (LIBLINEAR's
// primal method) for L2 and no penalty, L-BFGS with bounds and OWL-QN for L1
// and elastic-net. Newton is the default, as LIBLINEAR's, because it was the
// fastest to scikit-learn's tolerance on the reference problems overall
// (BenchmarkGolden, figures in bench_test.go): 3 to 6 times faster than L-BFGS
// on the multinomial iris problems, within a factor 2 either way on the
// binary breast cancer ones, and 1.3 times faster on a 100 000 × 100 binary
// problem; it also needs far fewer passes over the data on ill-conditioned
// (unscaled) data. Tol and MaxIter are scikit-learn's (1e-4 on the relative
// gradient norm, 100 iterations). A run that stops before its tolerance
// returns the best weights with Result.Converged false and the reason in
// Result.Status.
//
// # Kernels
//
// Each gradient is one pass over the data: per chunk of rows the scores,
// the losses and residuals, and Xᵀ·residuals run back to back (about
// 128 KiB of data per chunk, so the second product reads from cache).
// Hessian-vector products are one pass too. On a processor with AVX2 and
// FMA, a binary model's gradients and Hessian-vector products over dense
// data go by blocks of eight rows instead (data.Dense.GradRows,
// vec.GramVec): each block's products, read from memory once, then its
// residuals, then its sum added to the result from the cache; on CSR data the Hessian-vector product reads each sparse row
// once too (data.CSR.GramVec). A multinomial model's scores on dense data
// take four rows and twelve classes at a time, from weights packed once
// per pass (data.Panels), and its transposed products four classes by
// eight columns, kept in registers while a chunk's rows pass
// (vec.AddT4). The rows are split into the
// fixed blocks of package internal/parallel, whose partial sums are added
// in block order, so a fit has the same bits at any GOMAXPROCS. Workspaces
// are allocated once per Fit and an evaluation allocates nothing at
// GOMAXPROCS = 1 (parallel runs make a few small allocations for their
// goroutines). The four layouts of package data (Dense, Dense32, CSR, CSR32)
// work unchanged.
//
// # Layout
//
// Fit chooses the layout its passes read from the data's shape. Sparse
// data that are not very sparse are faster dense: a CSR32 matrix whose
// Dense32 copy would take at most 4/3 of its storage (from 3/8 density) is
// trained on that copy. A CSR matrix at half density or more keeps its CSR
// form for the objective and gradient of a binary or one-vs-rest model, and
// the Hessian passes of Newton's method (Hessian-vector products and the
// preconditioner), most of its work, read a Dense32 copy: half the bytes of
// a float64 copy, less memory than one. Their float32 rounding (relative
// 6e-8) perturbs only the Newton steps; the objective, the gradient and the
// stopping rule are exact, so the optimum is the float64 problem's. The
// multinomial model trains on a Dense (float64) copy instead. Standardization decides
// centering from the caller's layout, not the copy. Dense and Dense32 data
// and sparser CSR data are read as they are.
//
// # Standardization
//
// With Standardize, the model is trained on x̃ⱼ = (xⱼ − μⱼ)/σⱼ (population
// mean and standard deviation of the training rows, σⱼ = 1 for a constant
// column) and the penalty applies to the coefficients of x̃, as Spark's
// standardization=true. The transformation is folded into the parameters,
// so the data are not copied, and the model reports the equivalent
// coefficients of the original features: wⱼ = w̃ⱼ/σⱼ and
// b = b̃ − Σⱼ μⱼwⱼ. Sparse data (CSR, CSR32) and models without intercept
// are scaled only (μ = 0), which keeps the sparsity.
//
// # Prior correction
//
// Class weights (and PosWeight) make the model fit a reweighted sample
// whose class frequencies π̃ₖ differ from the training frequencies πₖ.
// With PriorCorrection the intercepts are shifted after training (King &
// Zeng 2001, "Logistic regression in rare events data", Political
// Analysis 9, eq. 10, generalized to K classes):
//
//	multinomial:                b_k += log(π_k / π̃_k)
//	binary, each OvR problem:   b   += log(π₁ / π̃₁) − log(π₀ / π̃₀)
//
// where π are the sample-weighted class frequencies and π̃ the same with
// the class weights and pos_weight applied (for an OvR problem, "1" is the
// class and "0" the rest). For a model whose intercept-only fit is exact
// this makes the mean predicted probability of each class its training
// frequency. Label smoothing is not corrected for.
package linear
