// Package linear implements linear classifiers trained by minimizing
// regularized cross-entropy: binary logistic regression (the sigmoid
// hypothesis with the log-loss cost).
//
// The objective is scikit-learn's and LIBLINEAR's, so that the same C gives
// the same model:
//
//	f(w, b) = C · Σᵢ sᵢ · logloss(yᵢ, σ(xᵢ·w + b)) + ½‖w‖²
//
// where sᵢ is the sample weight (1 when none is given), σ the logistic
// sigmoid and the intercept b is not penalized. The objective implements
// the interfaces of package solve, so any of its solvers can minimize it;
// the default is batch gradient descent with a line search.
package linear
