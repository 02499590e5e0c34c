package plot

import (
	"math"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func labels(ts []gplot.Tick) []string {
	var out []string
	for _, t := range ts {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   string
	}{
		{0, 5, "0 1 2 3 4 5"},
		{0, 1, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0.05, 0.75, "0.1 0.2 0.3 0.4 0.5 0.6 0.7"},
		{-1, 29, "0 5 10 15 20 25"},
		{0, 609, "0 100 200 300 400 500 600"},
		{0, 1e-300, "0 2e-301 4e-301 6e-301 8e-301 1e-300"},
		{0, 1260, "0 200 400 600 800 1000 1200"},
		{0.3095, 0.3205, "0.310 0.312 0.314 0.316 0.318 0.320"},
		{-2.5, 2.5, "-2 -1 0 1 2"},
		{-1e9, 1e9, "-1e+09 -5e+08 0 5e+08 1e+09"},
		{3, 3, "3"},
		{0, 5e-324, "0 4.94066e-324"},
		{1, math.Nextafter(1, 2), "1 1.0000000000000002"},
		{math.Inf(-1), 0, "-Inf"},
		{-1.7e308, 1.7e308, "-1.5e+308 -1e+308 -5e+307 0 5e+307 1e+308 1.5e+308"},
	}
	for _, tt := range tests {
		ts := niceTicks.Ticks(tt.lo, tt.hi)
		if got := strings.Join(labels(ts), " "); got != tt.want {
			t.Errorf("niceTicks(%v, %v) labels = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
		for _, tk := range ts {
			if tk.Value < tt.lo || tk.Value > tt.hi {
				if !(tt.lo == tt.hi || math.IsInf(tt.lo, 0)) {
					t.Errorf("niceTicks(%v, %v) has tick %v outside the range", tt.lo, tt.hi, tk.Value)
				}
			}
		}
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   string
	}{
		{0.07, 0.8, "0.1 0.2 0.5"},
		{0.001, 20, "0.001 0.01 0.1 1 10"},
		{0.31, 0.32, "0.310 0.312 0.314 0.316 0.318 0.320"},
		{1e-9, 1e3, "1e-08 1e-06 0.0001 0.01 1 100"},
		{2, 3e6, "10 100 1000 10000 100000 1e+06"},
	}
	for _, tt := range tests {
		if got := strings.Join(labels(logTicks.Ticks(tt.lo, tt.hi)), " "); got != tt.want {
			t.Errorf("logTicks(%v, %v) labels = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestIntegerTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   string
	}{
		{-0.5, 0.5, "0"},
		{0, 2, "0 1 2"},
		{0, 29, "0 5 10 15 20 25"},
		{0, 299, "0 50 100 150 200 250"},
	}
	for _, tt := range tests {
		if got := strings.Join(labels(integerTicks.Ticks(tt.lo, tt.hi)), " "); got != tt.want {
			t.Errorf("integerTicks(%v, %v) labels = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestBinOf(t *testing.T) {
	edges := []float64{0, 0.25, 0.5, 1}
	tests := []struct {
		p    float64
		want int
		ok   bool
	}{
		{0, 0, true}, {0.1, 0, true}, {0.25, 1, true}, {0.49, 1, true},
		{0.5, 2, true}, {0.99, 2, true}, {1, 2, true}, // last bin closed
		{-0.01, 0, false}, {1.01, 0, false},
	}
	for _, tt := range tests {
		got, ok := binOf(edges, tt.p)
		if got != tt.want || ok != tt.ok {
			t.Errorf("binOf(%v) = %d, %v; want %d, %v", tt.p, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClippedLength(t *testing.T) {
	// The rectangle [0, 10]×[0, 10].
	tests := []struct {
		name           string
		ax, ay, bx, by float64
		want           float64
	}{
		{"inside", 1, 1, 4, 5, 5},
		{"outside", 11, 0, 20, 10, 0},
		{"crossing horizontally", -5, 5, 15, 5, 10},
		{"crossing vertically", 5, -5, 5, 15, 10},
		{"diagonal through", -1, -1, 11, 11, 10 * math.Sqrt2},
		{"half in", 5, 5, 15, 5, 5},
		{"point inside", 3, 3, 3, 3, 0},
		{"parallel outside", -1, -5, -1, 15, 0},
		{"misses a corner", 8, 12, 12, 8, 0},
	}
	for _, tt := range tests {
		got := clippedLength(tt.ax, tt.ay, tt.bx, tt.by, 0, 0, 10, 10)
		if math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("clippedLength(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPickSpot(t *testing.T) {
	area := vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}
	const w, h = 100, 50
	line := func(pts ...float64) []vg.Point {
		var out []vg.Point
		for i := 0; i < len(pts); i += 2 {
			out = append(out, vg.Point{X: vg.Length(pts[i]), Y: vg.Length(pts[i+1])})
		}
		return out
	}
	tests := []struct {
		name  string
		lines [][]vg.Point
		boxes []vg.Rectangle
		want  vg.Point // Min of the chosen box
	}{
		{"empty: top right", nil, nil, vg.Point{X: 294, Y: 244}},
		{"ROC-like curve: bottom right", [][]vg.Point{line(0, 0, 20, 250, 100, 290, 400, 300), line(0, 0, 400, 300)}, nil, vg.Point{X: 294, Y: 6}},
		{"falling curve: top right", [][]vg.Point{line(0, 300, 50, 100, 400, 10)}, nil, vg.Point{X: 294, Y: 244}},
		{"both rising edges: top center", [][]vg.Point{line(5, 300, 30, 50, 400, 0), line(0, 0, 370, 50, 395, 300)}, nil, vg.Point{X: 150, Y: 244}},
		{"text in the top right: top left", nil, []vg.Rectangle{{Min: vg.Point{X: 250, Y: 200}, Max: vg.Point{X: 400, Y: 300}}}, vg.Point{X: 6, Y: 244}},
	}
	for _, tt := range tests {
		got := pickSpot(area, w, h, tt.lines, nil, tt.boxes)
		if got.Min != tt.want {
			t.Errorf("pickSpot(%s) = %v, want Min %v", tt.name, got, tt.want)
		}
	}
}
