package plot

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ReliabilityKind says what the probabilities of a reliability diagram
// are, which sets its default title and axis labels.
type ReliabilityKind int

const (
	// Binary: the predicted probability of the positive class against the
	// fraction of positives, as scikit-learn's calibration_curve.
	Binary ReliabilityKind = iota
	// PerClass: one series per class, each the one-vs-rest predicted
	// probability of that class against the fraction of samples in it.
	PerClass
	// TopLabel: the confidence (largest predicted probability) against the
	// accuracy of the predicted class, as in Guo et al., "On Calibration
	// of Modern Neural Networks", ICML 2017.
	TopLabel
)

// String returns "binary", "per-class" or "top-label".
func (k ReliabilityKind) String() string {
	switch k {
	case Binary:
		return "binary"
	case PerClass:
		return "per-class"
	case TopLabel:
		return "top-label"
	}
	return fmt.Sprintf("ReliabilityKind(%d)", int(k))
}

// Reliability is the reliability diagram of binned predictions: for each
// series, the observed frequency against the mean predicted probability
// per bin, with the diagonal of perfect calibration; and, when any series
// has counts, a histogram of the counts per bin in a panel below, sharing
// the probability axis.
type Reliability struct {
	// Series holds the curves; at least one.
	Series []ReliabilitySeries

	// Kind sets the default title and axis labels; the zero value is
	// Binary.
	Kind ReliabilityKind

	// Edges holds the bin edges of the histogram: at least two,
	// increasing, in [0, 1]. A bin's bar spans the edges around its mean
	// predicted probability; bins of one series that fall between the same
	// edges are summed. Nil means n uniform bins over [0, 1], n the length
	// of the longest series with counts, which is right when no bin was
	// dropped; scikit-learn's calibration_curve drops empty bins, so pass
	// its edges (linspace(0, 1, n_bins+1) for strategy="uniform").
	Edges []float64

	// Title, XLabel and YLabel label the figure; "" means the default of
	// Kind, e.g. "Reliability diagram", "mean predicted probability" and
	// "fraction of positives" for Binary.
	Title, XLabel, YLabel string

	// Width and Height are the figure size in inches, within
	// [MinInches, MaxInches]; 0 means 6 and 6.
	Width, Height float64

	// DPI is the resolution of PNG output; 0 means [DefaultDPI].
	DPI int
}

// ReliabilitySeries is one curve of a reliability diagram: per bin, the
// mean predicted probability, the observed frequency and the count.
type ReliabilitySeries struct {
	// Name labels the curve in the legend, followed by its expected
	// calibration error when Counts is given.
	Name string

	// Predicted holds the mean predicted probability of each bin
	// (scikit-learn's prob_pred), in [0, 1]; at least one.
	Predicted []float64

	// Observed holds the observed frequency of each bin (scikit-learn's
	// prob_true), in [0, 1]; as many as Predicted.
	Observed []float64

	// Counts holds the number (or total weight) of samples in each bin,
	// finite and ≥ 0; as many as Predicted, or nil for none. With counts
	// the legend shows the binned expected calibration error
	//
	//	ECE = Σ_b Counts[b]·|Observed[b] − Predicted[b]| / Σ_b Counts[b]
	Counts []float64
}

// Save draws the figure into path, in the format named by its extension
// (.png or .svg, any letter case), writing the file atomically: on error an
// existing file at path is unchanged. Errors: [ErrFormat] for another
// extension, an [*InputError] naming the series, field and index of a bad
// input (no series or bins, lengths that differ, NaN, probabilities outside
// [0, 1], negative counts, edges not increasing, a bin outside the edges),
// and file errors.
func (c Reliability) Save(path string) error {
	format, err := formatOf(path)
	if err != nil {
		return err
	}
	pg, err := resolvePage(c.Width, c.Height, c.DPI, 6, 6)
	if err != nil {
		return err
	}
	if len(c.Series) == 0 {
		return inputErr("Series", ErrEmpty, "is empty")
	}
	if c.Kind < Binary || c.Kind > TopLabel {
		return inputErr("Kind", ErrRange, "= %d, want Binary, PerClass or TopLabel", int(c.Kind))
	}
	nbins, withCounts := 0, 0
	for k, s := range c.Series {
		f := func(name string) string { return fmt.Sprintf("Series[%d].%s", k, name) }
		if err := checkValues(f("Predicted"), s.Predicted, 1, 0, 1); err != nil {
			return err
		}
		if err := checkLen(f("Observed"), s.Observed, len(s.Predicted), "Predicted"); err != nil {
			return err
		}
		if err := checkValues(f("Observed"), s.Observed, 1, 0, 1); err != nil {
			return err
		}
		if s.Counts != nil {
			if err := checkLen(f("Counts"), s.Counts, len(s.Predicted), "Predicted"); err != nil {
				return err
			}
			if err := checkValues(f("Counts"), s.Counts, 1, 0, math.Inf(1)); err != nil {
				return err
			}
			var sum float64
			for _, n := range s.Counts {
				sum += n
			}
			if math.IsInf(sum, 0) {
				return inputErr(f("Counts"), ErrRange, "sum to %v", sum)
			}
			nbins = max(nbins, len(s.Predicted))
			withCounts++
		}
	}
	edges := c.Edges
	if edges == nil && withCounts > 0 {
		edges = make([]float64, nbins+1)
		for i := range edges {
			edges[i] = float64(i) / float64(nbins)
		}
	} else if edges != nil {
		if err := checkValues("Edges", edges, 2, 0, 1); err != nil {
			return err
		}
		for i := 1; i < len(edges); i++ {
			if !(edges[i] > edges[i-1]) {
				return inputErr(fmt.Sprintf("Edges[%d]", i), ErrNotSorted, "= %v ≤ Edges[%d] = %v, want increasing", edges[i], i-1, edges[i-1])
			}
		}
	}

	title, xLabel, yLabel := c.Kind.labels()
	title, xLabel, yLabel = orDefault(c.Title, title), orDefault(c.XLabel, xLabel), orDefault(c.YLabel, yLabel)

	top := newPlot(title, xLabel, yLabel)
	top.Add(&grid{x: probTicks})
	diag := &plotter.Line{
		XYs:       plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}},
		LineStyle: draw.LineStyle{Color: gray, Width: refWidth, Dashes: dashed},
	}
	top.Add(diag)
	leg := &autoLegend{avoid: []plotter.XYs{diag.XYs}}

	var bars []*binBars
	for k, s := range c.Series {
		order := make([]int, len(s.Predicted))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(s.Predicted[a], s.Predicted[b]) })
		pts := make(plotter.XYs, len(order))
		for j, i := range order {
			pts[j] = plotter.XY{X: s.Predicted[i], Y: s.Observed[i]}
		}
		l := &plotter.Line{XYs: pts, LineStyle: seriesLine(k)}
		l.LineStyle.Width = vg.Points(1.8)
		g := &plotter.Scatter{XYs: pts, GlyphStyle: seriesGlyph(k)}
		top.Add(l, g)
		leg.avoid = append(leg.avoid, pts)
		leg.dots = append(leg.dots, pts)

		label := s.Name
		if s.Counts != nil {
			var num, den float64
			for i := range s.Counts {
				num += s.Counts[i] * math.Abs(s.Observed[i]-s.Predicted[i])
				den += s.Counts[i]
			}
			ece := fmt.Sprintf("ECE = %.3f", num/den)
			if den == 0 {
				ece = "no samples"
			}
			if label == "" {
				label = ece
			} else {
				label += " (" + ece + ")"
			}

			b := &binBars{edges: edges, heights: make([]float64, len(edges)-1), color: seriesColor(k), slot: len(bars), slots: withCounts}
			for i, pr := range s.Predicted {
				j, ok := binOf(edges, pr)
				if !ok {
					return inputErr(fmt.Sprintf("Series[%d].Predicted[%d]", k, i), ErrRange, "= %v, outside the bin edges [%v, %v]", pr, edges[0], edges[len(edges)-1])
				}
				b.heights[j] += s.Counts[i]
			}
			bars = append(bars, b)
		}
		if label == "" {
			label = fmt.Sprintf("series %d", k+1)
		}
		leg.add(label, l, g)
	}
	leg.add("perfectly calibrated", diag)
	top.Add(leg)
	top.X.Min, top.X.Max = 0, 1
	top.Y.Min, top.Y.Max = 0, 1
	top.X.Tick.Marker = probTicks
	top.Y.Tick.Marker = probTicks
	if len(bars) == 0 {
		return save(path, pg, format, framed(top))
	}

	// The histogram takes the x label and tick labels; the top panel keeps
	// unlabelled ticks on a shared axis.
	bottom := newPlot("", xLabel, "count")
	top.X.Label.Text = ""
	top.X.Tick.Marker = unlabelled(probTicks)
	bottom.Add(&grid{x: probTicks})
	hmax := 0.0
	for _, b := range bars {
		bottom.Add(b)
		for _, h := range b.heights {
			hmax = max(hmax, h)
		}
	}
	bottom.X.Min, bottom.X.Max = 0, 1
	bottom.X.Tick.Marker = probTicks
	bottom.Y.Min, bottom.Y.Max = 0, math.Min(hmax*1.05, math.MaxFloat64)
	if hmax == 0 {
		bottom.Y.Max = 1
	}
	bottom.Y.Tick.Marker = countTicks
	return save(path, pg, format, func(dc draw.Canvas) {
		whitePage(dc)
		stack(draw.Crop(dc, margin, -margin, margin, -margin), top, bottom, 0.27)
	})
}

// labels returns the default title and axis labels of k.
func (k ReliabilityKind) labels() (title, x, y string) {
	switch k {
	case PerClass:
		return "Reliability diagram (per class)", "mean predicted probability of the class", "fraction of samples in the class"
	case TopLabel:
		return "Reliability diagram (top label)", "confidence (top predicted probability)", "accuracy"
	}
	return "Reliability diagram", "mean predicted probability", "fraction of positives"
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// binOf returns the index of the bin [edges[j], edges[j+1]) holding p, the
// last bin closed on the right.
func binOf(edges []float64, p float64) (int, bool) {
	n := len(edges) - 1
	if p < edges[0] || p > edges[n] {
		return 0, false
	}
	j, _ := slices.BinarySearch(edges, p) // first edge ≥ p
	if j < len(edges) && edges[j] == p {
		j++ // p on an edge belongs to the bin that starts there
	}
	return min(max(j-1, 0), n-1), true
}

// binBars is a plotter of one histogram series: bar j spans its slot of
// the bin [edges[j], edges[j+1]), the bin being shared by slots series.
type binBars struct {
	edges   []float64
	heights []float64
	color   color.NRGBA
	slot    int
	slots   int
}

// Plot implements gonum's plot.Plotter.
func (b *binBars) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	fill := withAlpha(b.color, 0.75)
	if b.slots == 1 {
		fill = withAlpha(b.color, 0.6)
	}
	for j, h := range b.heights {
		if h == 0 {
			continue
		}
		x0, x1 := trX(b.edges[j]), trX(b.edges[j+1])
		gap := min(vg.Points(1), (x1-x0)/8)
		w := (x1 - x0 - 2*gap) / vg.Length(b.slots)
		r := vg.Rectangle{
			Min: vg.Point{X: x0 + gap + w*vg.Length(b.slot), Y: trY(0)},
			Max: vg.Point{X: x0 + gap + w*vg.Length(b.slot+1), Y: trY(h)},
		}
		c.SetColor(fill)
		c.Fill(r.Path())
		c.SetLineStyle(draw.LineStyle{Color: b.color, Width: vg.Points(0.6)})
		c.Stroke(r.Path())
	}
}

// countTicks is niceTicks restricted to whole numbers once the range
// exceeds a few units, for sample counts.
var countTicks = gplot.TickerFunc(func(lo, hi float64) []gplot.Tick {
	if hi-lo <= 4 {
		return niceTicks.Ticks(lo, hi)
	}
	return integerTicks.Ticks(lo, hi)
})

// stack draws top above bottom in c, bottom taking frac of the height,
// with their data areas aligned left and right so they share the x axis.
func stack(c draw.Canvas, top, bottom *gplot.Plot, frac float64) {
	const gap = vg.Length(6)
	h := c.Max.Y - c.Min.Y
	bc := c
	bc.Max.Y = c.Min.Y + vg.Length(frac)*h - gap/2
	tc := c
	tc.Min.Y = bc.Max.Y + gap

	dt, db := top.DataCanvas(tc), bottom.DataCanvas(bc)
	left := max(dt.Min.X-tc.Min.X, db.Min.X-bc.Min.X)
	right := max(tc.Max.X-dt.Max.X, bc.Max.X-db.Max.X)
	tc.Min.X += left - (dt.Min.X - tc.Min.X)
	tc.Max.X -= right - (tc.Max.X - dt.Max.X)
	bc.Min.X += left - (db.Min.X - bc.Min.X)
	bc.Max.X -= right - (bc.Max.X - db.Max.X)
	top.Draw(tc)
	bottom.Draw(bc)
}
