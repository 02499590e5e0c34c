package modelfile

import (
	"errors"
	"fmt"
)

// Sentinel causes, for [errors.Is].
var (
	// ErrNotModel reports a file that is not an xent model file: not a
	// JSON object, or without "format": "xent-model".
	ErrNotModel = errors.New("not a model file")
	// ErrVersion reports a model file of a newer format version than this
	// package reads.
	ErrVersion = errors.New("format version is newer than this xent understands")
	// ErrDamaged reports a model file that cannot be used: truncated or
	// malformed JSON, missing fields, lengths that do not match the shapes,
	// non-finite parameters.
	ErrDamaged = errors.New("damaged model file")
	// ErrInvalid reports an in-memory Model that breaks the rules of
	// [Model.Validate] (Save refuses to write it).
	ErrInvalid = errors.New("invalid model")
)

// Error is a failure to read or write a model file. The message reads
// "modelfile: PATH: cause", for example
//
//	modelfile: model.json: format version 2 is newer than this xent understands (1); upgrade xent
//	modelfile: model.json: damaged model file: coef has 29 values, want 30 (1 row × 30 features)
//
// Path is empty for [Read], and the message then omits it.
type Error struct {
	Path string // the file, as given; empty for a reader
	Err  error  // the cause, wrapping ErrNotModel, ErrVersion, ErrDamaged or ErrInvalid
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Path == "" {
		return "modelfile: " + e.Err.Error()
	}
	return "modelfile: " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// versionError is the cause for a file of a newer format version.
type versionError struct{ got int }

func (e versionError) Error() string {
	return fmt.Sprintf("format version %d is newer than this xent understands (%d); upgrade xent", e.got, Version)
}

func (e versionError) Is(target error) bool { return target == ErrVersion }
