package preprocess

import (
	"errors"
	"fmt"

	"github.com/xent-ml/xent/data"
)

// Transformer is a fitted transformation: [*Standardizer], [*MaxAbsScaler],
// [*OneHot] or [*FeatureHasher]. Transform never panics, even on
// parameters that Validate rejects: it returns an error, or (for values
// such as unsorted categories) a result that is wrong but well formed.
type Transformer interface {
	// Transform returns x transformed as a new matrix, leaving x as it was.
	Transform(x data.Matrix) (data.Matrix, error)
	// OutputWidth returns the number of output columns for in input
	// columns, or an error if in is not accepted or the parameters are
	// inconsistent in structure (lengths, counts), which it checks in time
	// independent of the number of parameters wherever possible.
	OutputWidth(in int) (int, error)
	// Validate checks the fitted parameters, as after loading a file.
	Validate() error
}

// DenseTransformer is a [Transformer] that can also transform a dense
// row-major block into a caller's buffer without allocating, for
// prediction in blocks of rows: [*Standardizer], [*MaxAbsScaler] and
// [*OneHot].
type DenseTransformer interface {
	Transformer
	// TransformDense writes the transformed rows of src (rows × in) into
	// dst (rows × OutputWidth(in)) and returns dst; nil dst allocates.
	TransformDense(dst, src []float64, rows int) ([]float64, error)
}

// Step is one fitted transformation in the form a model file stores it:
// exactly one field is set, and its JSON key names the kind, for example
//
//	{"standardize": {"mean": [5.8, 3.1], "scale": [0.83, 0.43]}}
type Step struct {
	Standardize *Standardizer  `json:"standardize,omitempty"` // standardization, or nil
	MaxAbs      *MaxAbsScaler  `json:"max_abs,omitempty"`     // max-abs scaling, or nil
	OneHot      *OneHot        `json:"one_hot,omitempty"`     // one-hot encoding, or nil
	Hash        *FeatureHasher `json:"hash,omitempty"`        // feature hashing, or nil
}

// StepOf returns the Step holding t, which must be one of the four
// transformations of this package (else an error wrapping [ErrInvalid]).
func StepOf(t Transformer) (Step, error) {
	switch t := t.(type) {
	case *Standardizer:
		return Step{Standardize: t}, nil
	case *MaxAbsScaler:
		return Step{MaxAbs: t}, nil
	case *OneHot:
		return Step{OneHot: t}, nil
	case *FeatureHasher:
		return Step{Hash: t}, nil
	}
	return Step{}, fmt.Errorf("preprocess: transformer %T is not a step kind: %w", t, ErrInvalid)
}

// Transformer returns the transformation the step holds. It returns an
// error wrapping [ErrInvalid] unless exactly one field is set.
func (s Step) Transformer() (Transformer, error) {
	var t Transformer
	n := 0
	if s.Standardize != nil {
		t, n = s.Standardize, n+1
	}
	if s.MaxAbs != nil {
		t, n = s.MaxAbs, n+1
	}
	if s.OneHot != nil {
		t, n = s.OneHot, n+1
	}
	if s.Hash != nil {
		t, n = s.Hash, n+1
	}
	if n != 1 {
		return nil, stepErr("invalid", fmt.Errorf("the step holds %d transformations, want one of standardize, max_abs, one_hot, hash: %w", n, ErrInvalid))
	}
	return t, nil
}

// Name returns the kind of the step as it appears in error messages:
// "standardize", "max-abs", "one-hot", "hash", or "invalid".
func (s Step) Name() string {
	switch t, _ := s.Transformer(); t.(type) {
	case *Standardizer:
		return stepStandardize
	case *MaxAbsScaler:
		return stepMaxAbs
	case *OneHot:
		return stepOneHot
	case *FeatureHasher:
		return stepHash
	}
	return "invalid"
}

// Pipeline is a list of steps applied in order.
type Pipeline []Step

// located returns err with the 1-based step index i set when it is an
// [*Error] (on a copy), else wrapped with the index.
func located(err error, i int, name string) error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Index = i
		return &c
	}
	return &Error{Step: name, Index: i, Row: -1, Col: -1, Err: err}
}

// OutputWidth validates every step and the chain of widths from in input
// columns, and returns the width of the result. Errors name the 1-based
// step (see [Error]).
func (p Pipeline) OutputWidth(in int) (int, error) {
	w := in
	for i, s := range p {
		t, err := s.Transformer()
		if err != nil {
			return 0, located(err, i+1, "invalid")
		}
		if err := t.Validate(); err != nil {
			return 0, located(err, i+1, s.Name())
		}
		if w, err = t.OutputWidth(w); err != nil {
			return 0, located(err, i+1, s.Name())
		}
	}
	return w, nil
}

// Transform applies the steps to x in order and returns the result, a new
// matrix (x itself when p is empty). Errors name the 1-based step.
func (p Pipeline) Transform(x data.Matrix) (data.Matrix, error) {
	for i, s := range p {
		t, err := s.Transformer()
		if err != nil {
			return nil, located(err, i+1, "invalid")
		}
		if x, err = t.Transform(x); err != nil {
			return nil, located(err, i+1, s.Name())
		}
	}
	return x, nil
}
