package numtest

import (
	"math"
	"testing"
)

func TestClose(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name      string
		got, want float64
		ok        bool
	}{
		{"equal", 1, 1, true},
		{"within relative", 1 + 5e-13, 1, true},
		{"beyond relative", 1 + 5e-12, 1, false},
		{"within absolute near zero", 5e-16, 0, true},
		{"beyond absolute near zero", 5e-15, 0, false},
		{"nan matches nan", nan, nan, true},
		{"number does not match nan", 0, nan, false},
		{"nan does not match number", nan, 0, false},
		{"inf matches inf", inf, inf, true},
		{"-inf does not match inf", -inf, inf, false},
		{"big number does not match inf", math.MaxFloat64, inf, false},
	}
	for _, tt := range tests {
		if got := Golden(tt.got, tt.want); got != tt.ok {
			t.Errorf("%s: Golden(%v, %v) = %v, want %v", tt.name, tt.got, tt.want, got, tt.ok)
		}
	}
}

func TestCentralDiff(t *testing.T) {
	x := []float64{1, -2, 3}
	g := CentralDiff(func(x []float64) float64 { return x[0]*x[0] + 3*x[1] + math.Sin(x[2]) }, x, 1e-6)
	want := []float64{2, 3, math.Cos(3)}
	if m := Mismatch(g, want, 1e-8, 1e-8); m != "" {
		t.Errorf("CentralDiff: %s", m)
	}
	if x[0] != 1 || x[1] != -2 || x[2] != 3 {
		t.Errorf("CentralDiff changed x to %v", x)
	}
}
