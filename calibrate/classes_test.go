package calibrate

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestFitClassesMissing: calibration data with fewer than two classes, or
// (one-vs-rest methods, k > 2) with a class that never occurs, is an error
// wrapping ErrClasses instead of a meaningless fit.
func TestFitClassesMissing(t *testing.T) {
	probs2 := []float64{0.9, 0.1, 0.7, 0.3, 0.2, 0.8, 0.4, 0.6}
	probs3 := []float64{
		0.7, 0.2, 0.1,
		0.1, 0.8, 0.1,
		0.6, 0.3, 0.1,
		0.2, 0.5, 0.3,
	}
	methods := []struct {
		name string
		new  func() Calibrator
	}{
		{"temperature", func() Calibrator { return &Temperature{} }},
		{"platt", func() Calibrator { return &Platt{} }},
		{"isotonic", func() Calibrator { return &Isotonic{} }},
	}
	tests := []struct {
		name    string
		probs   []float64
		k       int
		y       []int
		w       []float64
		tempOK  bool   // Temperature fits
		ovrOK   bool   // Platt and Isotonic fit
		message string // in the error of the failing methods
	}{
		{"binary one class", probs2, 2, []int{1, 1, 1, 1}, nil, false, false, "1 of the k = 2 classes occurs"},
		{"binary other class weighted out", probs2, 2, []int{0, 1, 1, 1}, []float64{0, 1, 2, 1}, false, false, "1 of the k = 2 classes occurs"},
		{"three classes one occurs", probs3, 3, []int{0, 0, 0, 0}, nil, false, false, "1 of the k = 3 classes occurs"},
		{"three classes, class 2 absent", probs3, 3, []int{0, 1, 0, 1}, nil, true, false, "class 2 never occurs"},
		{"three classes, class 1 weighted out", probs3, 3, []int{0, 1, 2, 1}, []float64{1, 0, 1, 0}, true, false, "class 1 never occurs"},
		{"binary both", probs2, 2, []int{0, 0, 1, 1}, nil, true, true, ""},
		{"three classes all", probs3, 3, []int{0, 1, 2, 1}, nil, true, true, ""},
	}
	for _, tt := range tests {
		for _, m := range methods {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				c := m.new()
				err := c.Fit(tt.probs, tt.k, tt.y, tt.w)
				ok := tt.ovrOK
				if m.name == "temperature" {
					ok = tt.tempOK
				}
				if ok {
					if err != nil {
						t.Fatalf("Fit = %v, want success", err)
					}
					if err := c.Validate(tt.k); err != nil {
						t.Fatalf("Validate after Fit: %v", err)
					}
					return
				}
				if !errors.Is(err, ErrClasses) || !strings.Contains(err.Error(), tt.message) {
					t.Fatalf("Fit = %v, want ErrClasses with %q", err, tt.message)
				}
				if err := c.Validate(tt.k); !errors.Is(err, ErrNotFitted) {
					t.Errorf("Validate after a failed Fit = %v, want ErrNotFitted (unchanged)", err)
				}
			})
		}
	}
}

func TestCurveAtDegenerate(t *testing.T) {
	tests := []struct {
		name string
		c    Curve
		x    float64
		want float64 // NaN: want NaN
	}{
		{"empty", Curve{}, 0.5, math.NaN()},
		{"lengths differ", Curve{X: []float64{0, 1}, Y: []float64{0.5}}, 0.5, math.NaN()},
		{"more y", Curve{X: []float64{0}, Y: []float64{0.5, 1}}, 0.5, math.NaN()},
		{"NaN x", Curve{X: []float64{0, 1}, Y: []float64{0, 1}}, math.NaN(), math.NaN()},
		{"one point", Curve{X: []float64{0.3}, Y: []float64{0.7}}, 0.9, 0.7},
		{"interpolated", Curve{X: []float64{0, 1}, Y: []float64{0, 1}}, 0.25, 0.25},
		{"clipped below", Curve{X: []float64{0.2, 1}, Y: []float64{0.1, 1}}, 0, 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.At(tt.x)
			if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
				t.Errorf("At(%v) = %v, want %v", tt.x, got, tt.want)
			}
		})
	}
}
