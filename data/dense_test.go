package data

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestNewDenseErrors(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		data       []float64
		want       error
		text       string
	}{
		{"short", 2, 2, []float64{1, 2, 3}, ErrShape, "len(data) = 3"},
		{"negative", -1, 2, nil, ErrShape, "negative"},
		{"nan", 2, 3, []float64{1, 2, 3, 4, math.NaN(), 6}, ErrNotFinite, "X[1, 1] = NaN"},
		{"inf", 2, 2, []float64{math.Inf(-1), 0, 0, 0}, ErrNotFinite, "X[0, 0] = -Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDense(tt.rows, tt.cols, tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("NewDense = %v, want %v containing %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestNewDenseNil(t *testing.T) {
	m, err := NewDense(3, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 3 || c != 2 || len(m.RawData()) != 6 {
		t.Fatalf("Dims = %d, %d, len %d", r, c, len(m.RawData()))
	}
}
