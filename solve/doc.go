// Package solve holds the optimizers that train xent's models: batch
// gradient descent, SGD, Adam, L-BFGS, OWL-QN and LIBLINEAR's trust-region
// Newton method, behind one [Solver] interface.
//
// Solvers know objectives, not models: a model exposes its training loss as
// a [Problem] (value and gradient), a [HessVecProblem] (adding
// Hessian-vector products, for [TrustRegionNewton]) or a [BatchProblem]
// (adding mini-batch estimates, for [SGD] and [Adam]).
//
// Each solver is a configuration struct whose zero value is a sensible
// default and which embeds the shared [Settings]: the stopping tolerance
// (LIBLINEAR's and scikit-learn's relative gradient rule), the iteration
// limit, a progress callback, early stopping on a validation loss, and,
// where supported, an L1 penalty and box bounds:
//
//	solver            problem          L1    bounds
//	GradientDescent   Problem          yes   yes
//	LBFGS             Problem          no    yes
//	OWLQN             Problem          yes   yes
//	TrustRegionNewton HessVecProblem   no    no
//	SGD               BatchProblem     yes   yes
//	Adam              BatchProblem     no    yes
//
// A run that stops before meeting its tolerance is not an error: the
// [Result] holds the best weights found and says why it stopped in its
// [Status], as scikit-learn's ConvergenceWarning. Cancelling the context
// stops a run the same way, with Status [Canceled].
//
// Solvers allocate their workspaces once per Minimize call and nothing per
// iteration, the history aside: it has room for 128 entries and grows by
// appending in longer runs. Every
// call to Problem.ValueGrad is counted in [Result.FuncEvals]: for a sum of
// losses each is a pass over the data, the cost that matters.
package solve
