package plot

import (
	"fmt"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// TrainingCurve is the figure of a training history: one value per epoch or
// iteration for the training set and, optionally, the validation set.
// Nil and zero fields take the defaults given with each.
type TrainingCurve struct {
	// Train holds the training values, one per epoch or iteration; at
	// least one, all finite.
	Train []float64

	// Valid holds the validation values, as many as Train; nil means no
	// validation curve.
	Valid []float64

	// X holds the x coordinate of each value, increasing, as many as
	// Train; nil means 0, 1, 2, ….
	X []float64

	// XLabel, YLabel and Title label the figure; "" means "epoch", "loss"
	// and "Training curve".
	XLabel, YLabel, Title string

	// TrainName and ValidName are the legend entries; "" means "training"
	// and "validation". A figure without Valid has no legend.
	TrainName, ValidName string

	// LogY draws the y axis on a log scale; every value must then be
	// positive.
	LogY bool

	// Width and Height are the figure size in inches, within
	// [MinInches, MaxInches]; 0 means 6 and 4.
	Width, Height float64

	// DPI is the resolution of PNG output; 0 means [DefaultDPI].
	DPI int
}

// maxMarked is the longest history drawn with a marker at each value.
const maxMarked = 40

// Save draws the figure into path, in the format named by its extension
// (.png or .svg, any letter case), writing the file atomically: on error an
// existing file at path is unchanged. Errors: [ErrFormat] for another
// extension, an [*InputError] naming the field and index of a bad input
// (empty Train, lengths that differ, NaN or ±Inf, X not increasing,
// a value ≤ 0 with LogY), and file errors.
func (c TrainingCurve) Save(path string) error {
	format, err := formatOf(path)
	if err != nil {
		return err
	}
	pg, err := resolvePage(c.Width, c.Height, c.DPI, 6, 4)
	if err != nil {
		return err
	}
	lo := math.Inf(-1)
	if c.LogY {
		lo = math.SmallestNonzeroFloat64
	}
	if err := checkValues("Train", c.Train, 1, lo, math.Inf(1)); err != nil {
		return err
	}
	n := len(c.Train)
	if c.Valid != nil {
		if err := checkLen("Valid", c.Valid, n, "Train"); err != nil {
			return err
		}
		if err := checkValues("Valid", c.Valid, 1, lo, math.Inf(1)); err != nil {
			return err
		}
	}
	x := c.X
	if x == nil {
		x = make([]float64, n)
		for i := range x {
			x[i] = float64(i)
		}
	} else {
		if err := checkLen("X", x, n, "Train"); err != nil {
			return err
		}
		if err := checkValues("X", x, 1, math.Inf(-1), math.Inf(1)); err != nil {
			return err
		}
		for i := 1; i < n; i++ {
			if !(x[i] > x[i-1]) {
				return inputErr(fmt.Sprintf("X[%d]", i), ErrNotSorted, "= %v ≤ X[%d] = %v, want increasing", x[i], i-1, x[i-1])
			}
		}
	}

	p := newPlot(orDefault(c.Title, "Training curve"), orDefault(c.XLabel, "epoch"), orDefault(c.YLabel, "loss"))
	p.Add(newGrid())
	leg := &autoLegend{}
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for k, s := range []struct {
		y    []float64
		name string
	}{
		{c.Train, orDefault(c.TrainName, "training")},
		{c.Valid, orDefault(c.ValidName, "validation")},
	} {
		if s.y == nil {
			continue
		}
		pts := xys(x, s.y)
		l := &plotter.Line{XYs: pts, LineStyle: seriesLine(k)}
		p.Add(l)
		thumbs := []gplot.Thumbnailer{l}
		if n <= maxMarked {
			g := &plotter.Scatter{XYs: pts, GlyphStyle: seriesGlyph(k)}
			g.Radius = vg.Points(2.5)
			p.Add(g)
			thumbs = append(thumbs, g)
			leg.dots = append(leg.dots, pts)
		}
		leg.add(s.name, thumbs...)
		leg.avoid = append(leg.avoid, pts)
		for _, v := range s.y {
			ymin, ymax = min(ymin, v), max(ymax, v)
		}
	}
	if c.Valid != nil {
		p.Add(leg) // one curve needs no legend: the y label names it
	}

	// gonum/plot maps values through (v − min)/(max − min), which must
	// not overflow.
	if math.IsInf(ymax-ymin, 0) {
		field := "Train"
		if c.Valid != nil {
			field = "Train, Valid"
		}
		return inputErr(field, ErrRange, "values span [%v, %v], wider than the largest float64", ymin, ymax)
	}
	if math.IsInf(x[n-1]-x[0], 0) {
		return inputErr("X", ErrRange, "values span [%v, %v], wider than the largest float64", x[0], x[n-1])
	}

	// x: the data range, or ±0.5 around a single value.
	p.X.Min, p.X.Max = x[0], x[n-1]
	if n == 1 {
		p.X.Min, p.X.Max = x[0]-0.5, x[0]+0.5
	}
	p.X.Tick.Marker = niceTicks
	if c.X == nil {
		p.X.Tick.Marker = integerTicks
	}
	// y: the data range with 5% room (a factor on a log scale), so that the
	// legend finds free space; ±0.5 (×/÷ 2) around a constant.
	if c.LogY {
		// Logs, not ratios, so that spans beyond MaxFloat64 do not overflow.
		r := 0.05 * (math.Log(ymax) - math.Log(ymin))
		if r == 0 {
			r = math.Ln2
		}
		p.Y.Min = math.Max(ymin*math.Exp(-r), 0x1p-1022) // smallest normal
		p.Y.Max = math.Min(ymax*math.Exp(r), math.MaxFloat64)
		p.Y.Scale = gplot.LogScale{}
		p.Y.Tick.Marker = logTicks
	} else {
		pad := ymax/20 - ymin/20
		if pad == 0 {
			pad = math.Max(0.5, math.Abs(ymax)*0.1)
		}
		p.Y.Min, p.Y.Max = ymin-pad, ymax+pad
		if math.IsInf(p.Y.Max-p.Y.Min, 0) {
			p.Y.Min, p.Y.Max = ymin, ymax
		}
		p.Y.Tick.Marker = niceTicks
	}
	return save(path, pg, format, framed(p))
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// integerTicks is niceTicks restricted to whole numbers, for counts of
// epochs or iterations.
var integerTicks = gplot.TickerFunc(func(lo, hi float64) []gplot.Tick {
	if hi-lo < 5 {
		var ts []gplot.Tick
		for v := math.Ceil(lo); v <= hi; v++ {
			if v == 0 {
				v = 0 // not −0
			}
			ts = append(ts, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		}
		return ts
	}
	var ts []gplot.Tick
	for _, t := range niceTicks.Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			ts = append(ts, t)
		}
	}
	return ts
})

// logTicks labels the powers of ten and marks 2…9 times them; over more
// than eight decades it labels every few decades only; within a decade or
// so, where that gives fewer than two labels, it labels 2 and 5 times them
// too, and failing that falls back to niceTicks.
var logTicks = gplot.TickerFunc(func(lo, hi float64) []gplot.Tick {
	e0, e1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	stride := max(1, math.Ceil((e1-e0)/8))
	build := func(show func(m int, e float64) bool) (ts []gplot.Tick, labels int) {
		for e := e0; e <= e1; e++ {
			for m := 1; m < 10; m++ {
				v := float64(m) * math.Pow(10, e)
				if v < lo || v > hi || (stride > 1 && (m > 1 || math.Mod(e, stride) != 0)) {
					continue
				}
				t := gplot.Tick{Value: v}
				if show(m, e) {
					t.Label = formatPow10(m, int(e))
					labels++
				}
				ts = append(ts, t)
			}
		}
		return ts, labels
	}
	ts, n := build(func(m int, e float64) bool { return m == 1 && math.Mod(e, stride) == 0 })
	if n < 2 {
		ts, n = build(func(m int, _ float64) bool { return m == 1 || m == 2 || m == 5 })
	}
	if n < 2 {
		ts = niceTicks.Ticks(lo, hi)
	}
	return ts
})

// formatPow10 writes m×10^e (1 ≤ m ≤ 9) as a decimal when its exponent is
// in [−4, 5], else as "me+E", the way strconv does.
func formatPow10(m, e int) string {
	v := float64(m) * math.Pow(10, float64(e))
	if e >= -4 && e <= 5 {
		return strconv.FormatFloat(v, 'f', max(0, -e), 64)
	}
	return strconv.FormatFloat(v, 'g', 1, 64)
}
