// Package modelfile defines xent's model file: a versioned, documented
// JSON format (FORMAT.md in this folder) holding a trained classifier, its
// preprocessing and calibration, and the record of its training. It saves
// models atomically, loads them with errors that say what is wrong, and
// predicts from them.
//
// Inference needs nothing but this package and the small packages it
// imports (data, special, preprocess, calibrate): no solver and no training
// code, so that a service that loads a model and predicts stays small.
//
//	m, err := modelfile.Load("model.json.gz")
//	if err != nil {
//		return err // modelfile: model.json.gz: damaged model file: ...
//	}
//	probs, err := m.PredictProba(nil, x) // n×K, in the order of m.Classes
//
// # Kinds
//
// A [Model] is one of four kinds: binary logistic regression ([Logistic]),
// multinomial softmax regression ([Softmax]), one-vs-rest logistic
// regression ([OvR]) and a multilayer perceptron ([MLP]). Probabilities are
// computed as scikit-learn's predict_proba computes them for the same
// parameters; see [Model.PredictProba].
//
// # Versions
//
// Every file starts with "format": "xent-model" and "version": 1. A reader
// rejects a file of a newer version with [ErrVersion] ("format version 2 is
// newer than this xent understands (1); upgrade xent") and ignores fields it
// does not know within its version, so that optional fields can be added
// without a new version.
//
// # Errors
//
// Load and Read return an [*Error] naming the file and wrapping
// [ErrNotModel], [ErrVersion] or [ErrDamaged] with the detail (the line and
// column of a JSON error, the field and the expected length of a shape
// mismatch, the index of a non-finite parameter). They never panic, whatever
// the bytes (a fuzz test checks it).
package modelfile
