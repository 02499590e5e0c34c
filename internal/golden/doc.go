// Package golden loads the reference vectors and optima that xent's parity
// tests compare against.
//
// The files were computed with PyTorch and scikit-learn; their schema is
// described in testdata/golden/README.md at the module root. Tests read that
// copy unless the environment variable XENT_GOLDEN_DIR names another folder
// with the same layout, so the same tests can be run against reference files
// the project has never seen.
//
// Only test code imports this package.
package golden
