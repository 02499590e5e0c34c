// Package preprocess fits feature transformations on training data and
// applies them anywhere: at training time, in cross-validation folds and at
// prediction time from a model file.
//
// Four transformations are provided, each modelled on its scikit-learn
// counterpart (version 1.2):
//
//   - [Standardizer]: z = (x − mean) / scale with the mean and the population
//     standard deviation of each column, as StandardScaler. On sparse (CSR)
//     data it scales only, as StandardScaler(with_mean=False), so that the
//     zeros stay zeros;
//   - [MaxAbsScaler]: x / max|x| per column, as MaxAbsScaler, which keeps
//     sparsity;
//   - [OneHot]: indicator columns for the categories of chosen columns, as
//     OneHotEncoder with handle_unknown "error" or "ignore";
//   - [FeatureHasher]: signed MurmurHash3 hashing of tokens or columns into a
//     fixed number of buckets, as FeatureHasher.
//
// Fitted values are plain structs with exported, JSON-tagged fields, so that
// a model file stores them; [Step] is the tagged union a model file keeps in
// its list of steps, and [Pipeline] applies a list of steps in order.
//
// # Layouts
//
// Transform never modifies its input. It returns a new matrix of the same
// family: a [data.CSR] for CSR or CSR32 input, a [data.Dense] for every
// other layout (Dense32 is widened to float64). The one exception is
// [FeatureHasher], whose output is always CSR, as scikit-learn's.
//
// # Errors
//
// A NaN or an infinity in the input, or a value that overflows during the
// transformation, is an [*Error] naming the step, row and column and wrapping
// [data.ErrNotFinite]; a matrix of the wrong width wraps [data.ErrShape]; an
// unknown category wraps [ErrUnknownCategory]. Fitted values loaded from a
// file are checked by their Validate methods.
package preprocess
