package loss

import (
	"slices"
	"testing"
)

// TestPosWeightBroadcast: a length-1 PosWeight gives what the same weight
// repeated over the last axis gives, as PyTorch broadcasts pos_weight of
// shape [1].
func TestPosWeightBroadcast(t *testing.T) {
	x := []float64{-2, -0.5, 0, 0.3, 1.5, 4}
	y := []float64{1, 0, 0.25, 1, 0.5, 1}
	tests := []struct {
		name  string
		shape []int
		q     float64
		red   Reduction
	}{
		{"2×3 mean", []int{2, 3}, 2.5, Mean},
		{"2×3 sum", []int{2, 3}, 0.5, Sum},
		{"6 none", []int{6}, 3, None},
		{"2×1×3 mean", []int{2, 1, 3}, 0, Mean},
		{"6×1 sum", []int{6, 1}, 4, Sum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 1
			for _, d := range tt.shape {
				n *= d
			}
			last := tt.shape[len(tt.shape)-1]
			rep := make([]float64, last)
			for i := range rep {
				rep[i] = tt.q
			}
			wantL, wantG := make([]float64, n), make([]float64, n)
			want, err := BinaryCrossEntropyWithLogits{PosWeight: rep, Reduction: tt.red}.Eval(wantL, wantG, x[:n], y[:n], nil, tt.shape)
			if err != nil {
				t.Fatal(err)
			}
			gotL, gotG := make([]float64, n), make([]float64, n)
			got, err := BinaryCrossEntropyWithLogits{PosWeight: []float64{tt.q}, Reduction: tt.red}.Eval(gotL, gotG, x[:n], y[:n], nil, tt.shape)
			if err != nil {
				t.Fatalf("Eval with PosWeight [%v]: %v", tt.q, err)
			}
			if got != want || !slices.Equal(gotG, wantG) || (tt.red == None && !slices.Equal(gotL, wantL)) {
				t.Errorf("Eval = %v, grad %v, losses %v; want %v, %v, %v", got, gotG, gotL, want, wantG, wantL)
			}
		})
	}
}
