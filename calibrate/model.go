package calibrate

import (
	"fmt"
	"strings"
)

// Calibrator is a calibration method: [*Temperature], [*Platt] or
// [*Isotonic].
type Calibrator interface {
	// Fit fits the calibration on held-out n×k probabilities and their
	// true classes; a nil sampleWeight means all ones.
	Fit(probs []float64, k int, y []int, sampleWeight []float64) error
	// Apply writes the calibrated probabilities into dst (nil allocates;
	// may alias probs) and returns it.
	Apply(dst, probs []float64, k int) ([]float64, error)
	// Validate checks that the calibration is fitted for k classes.
	Validate(k int) error
}

// Method names a calibration method, as a command-line flag or a
// configuration field does.
type Method int

const (
	// None is no calibration.
	None Method = iota
	// MethodTemperature is [Temperature] scaling.
	MethodTemperature
	// MethodPlatt is [Platt] scaling.
	MethodPlatt
	// MethodIsotonic is [Isotonic] regression.
	MethodIsotonic
)

var methodNames = [...]string{"none", "temperature", "platt", "isotonic"}

// String returns "none", "temperature", "platt" or "isotonic".
func (m Method) String() string {
	if m >= 0 && int(m) < len(methodNames) {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// ParseMethod returns the Method named s, case-insensitively: "none" (or
// ""), "temperature", "platt" (or "sigmoid", scikit-learn's name) or
// "isotonic".
func ParseMethod(s string) (Method, error) {
	switch strings.ToLower(s) {
	case "", "none":
		return None, nil
	case "temperature":
		return MethodTemperature, nil
	case "platt", "sigmoid":
		return MethodPlatt, nil
	case "isotonic":
		return MethodIsotonic, nil
	}
	return 0, fmt.Errorf("calibrate: method %q: %w (want none, temperature, platt or isotonic)", s, ErrInvalid)
}

// MarshalText implements encoding.TextMarshaler.
func (m Method) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(methodNames) {
		return nil, fmt.Errorf("calibrate: %v: %w", m, ErrInvalid)
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseMethod].
func (m *Method) UnmarshalText(b []byte) error {
	v, err := ParseMethod(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// New returns a new, unfitted Calibrator of method m, or nil for [None]
// or an unknown method.
func New(m Method) Calibrator {
	switch m {
	case MethodTemperature:
		return &Temperature{}
	case MethodPlatt:
		return &Platt{}
	case MethodIsotonic:
		return &Isotonic{}
	}
	return nil
}

// Model is one fitted calibration in the form a model file stores it:
// exactly one field is set, and its JSON key names the method, for example
//
//	{"temperature": {"t": 1.7}}
type Model struct {
	Temperature *Temperature `json:"temperature,omitempty"` // temperature scaling, or nil
	Platt       *Platt       `json:"platt,omitempty"`       // Platt scaling, or nil
	Isotonic    *Isotonic    `json:"isotonic,omitempty"`    // isotonic regression, or nil
}

// ModelOf returns the Model holding c, which must be one of the three
// methods of this package (else an error wrapping [ErrInvalid]).
func ModelOf(c Calibrator) (*Model, error) {
	switch c := c.(type) {
	case *Temperature:
		return &Model{Temperature: c}, nil
	case *Platt:
		return &Model{Platt: c}, nil
	case *Isotonic:
		return &Model{Isotonic: c}, nil
	}
	return nil, fmt.Errorf("calibrate: calibrator %T is not a method of this package: %w", c, ErrInvalid)
}

// Calibrator returns the method m holds. It returns an error wrapping
// [ErrInvalid] unless exactly one field is set.
func (m *Model) Calibrator() (Calibrator, error) {
	var c Calibrator
	n := 0
	if m.Temperature != nil {
		c, n = m.Temperature, n+1
	}
	if m.Platt != nil {
		c, n = m.Platt, n+1
	}
	if m.Isotonic != nil {
		c, n = m.Isotonic, n+1
	}
	if n != 1 {
		return nil, fieldErr("calibration", fmt.Errorf("holds %d methods, want one of temperature, platt, isotonic: %w", n, ErrInvalid))
	}
	return c, nil
}

// Method returns the method m holds, or [None] when it is not valid.
func (m *Model) Method() Method {
	switch c, _ := m.Calibrator(); c.(type) {
	case *Temperature:
		return MethodTemperature
	case *Platt:
		return MethodPlatt
	case *Isotonic:
		return MethodIsotonic
	}
	return None
}

// Validate checks that m holds one method, fitted for k classes.
func (m *Model) Validate(k int) error {
	c, err := m.Calibrator()
	if err != nil {
		return err
	}
	return c.Validate(k)
}

// Apply applies the method m holds; see the Apply method of each.
func (m *Model) Apply(dst, probs []float64, k int) ([]float64, error) {
	c, err := m.Calibrator()
	if err != nil {
		return nil, err
	}
	return c.Apply(dst, probs, k)
}
