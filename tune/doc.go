// Package tune chooses the regularization strength C of a linear model by
// stratified k-fold cross-validation along a warm-started path, as
// scikit-learn's LogisticRegressionCV: in every fold the model is fitted
// for each C in turn, each fit starting from the previous C's solution, and
// scored by its log loss on the held-out fold; the best C has the lowest
// mean log loss over the folds.
//
// The folds come from data.StratifiedKFold, identical to scikit-learn's
// StratifiedKFold without shuffling and a deterministic function of the
// seed with it; the fits run one after another and each is deterministic,
// so a run has the same result at any GOMAXPROCS.
package tune
