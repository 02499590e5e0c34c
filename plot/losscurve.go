package plot

import (
	"fmt"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"gonum.org/v1/plot/plotter"
)

// LossCurve is the figure of the log loss of a single prediction: the loss
// J against the predicted probability φ(z) = 1/(1+e^(−z)) for logits z in
// [−10, 10), one curve per label:
//
//	J = −log φ(z)       if y = 1
//	J = −log(1 − φ(z))  if y = 0
//
// computed as softplus(∓z), which stays accurate where φ is near 0 or 1.
// The zero value is the plain figure; fields change it.
type LossCurve struct {
	// CompareMSE overlays, dashed, the squared error of the same
	// prediction, (1 − φ)² for y = 1 and φ² for y = 0: it never exceeds 1,
	// while the log loss of a confident mistake grows without bound. When
	// YMax is at least 4, a note marks both losses of one confident
	// mistake (y = 1 predicted at φ = 0.1).
	CompareMSE bool

	// YMax is the top of the loss axis; 0 means 5, which shows the shape
	// of both curves (they reach 10 at the ends of the z range).
	YMax float64

	// Title is the figure title; "" means "Log loss of one prediction",
	// or "Log loss vs squared error" with CompareMSE.
	Title string

	// Width and Height are the figure size in inches, within
	// [MinInches, MaxInches]; 0 means 6 and 4.
	Width, Height float64

	// DPI is the resolution of PNG output; 0 means [DefaultDPI].
	DPI int
}

// lossCurvePoints is the number of logits sampled in [−10, 10).
const lossCurvePoints = 2000

// Save draws the figure into path, in the format named by its extension
// (.png or .svg, any letter case), writing the file atomically: on
// error an existing file at path is unchanged. Errors: [ErrFormat] for
// another extension, an [*InputError] for a bad field, and file errors.
func (c LossCurve) Save(path string) error {
	format, err := formatOf(path)
	if err != nil {
		return err
	}
	pg, err := resolvePage(c.Width, c.Height, c.DPI, 6, 4)
	if err != nil {
		return err
	}
	ymax := c.YMax
	switch {
	case ymax == 0:
		ymax = 5
	case math.IsNaN(ymax) || math.IsInf(ymax, 0):
		return inputErr("YMax", ErrNaN, "= %v", ymax)
	case ymax < 0:
		return inputErr("YMax", ErrRange, "= %v, want > 0", ymax)
	}
	title := c.Title
	if title == "" {
		title = "Log loss of one prediction"
		if c.CompareMSE {
			title = "Log loss vs squared error"
		}
	}

	pos := make(plotter.XYs, lossCurvePoints) // y = 1
	neg := make(plotter.XYs, lossCurvePoints) // y = 0
	var msePos, mseNeg plotter.XYs
	if c.CompareMSE {
		msePos = make(plotter.XYs, lossCurvePoints)
		mseNeg = make(plotter.XYs, lossCurvePoints)
	}
	for i := range lossCurvePoints {
		z := -10 + 20*float64(i)/lossCurvePoints
		phi := 1 / (1 + math.Exp(-z))
		pos[i] = plotter.XY{X: phi, Y: softplus(-z)}
		neg[i] = plotter.XY{X: phi, Y: softplus(z)}
		if c.CompareMSE {
			msePos[i] = plotter.XY{X: phi, Y: (1 - phi) * (1 - phi)}
			mseNeg[i] = plotter.XY{X: phi, Y: phi * phi}
		}
	}

	p := newPlot(title, "predicted probability φ(z)", "loss J")
	p.Add(newGrid())
	leg := &autoLegend{}
	for k, s := range []struct {
		pts  plotter.XYs
		name string
		mse  bool
	}{
		{pos, "J(w) if y = 1", false},
		{neg, "J(w) if y = 0", false},
		{msePos, "(1 − φ)² if y = 1", true},
		{mseNeg, "φ² if y = 0", true},
	} {
		if s.pts == nil {
			continue
		}
		l := &plotter.Line{XYs: s.pts, LineStyle: seriesLine(k % 2)}
		if s.mse {
			l.LineStyle.Dashes = dashed
			l.LineStyle.Width = refWidth + 0.3
		}
		p.Add(l)
		leg.add(s.name, l)
		leg.avoid = append(leg.avoid, s.pts)
	}
	if c.CompareMSE && ymax >= 4 {
		// A confident mistake: y = 1 predicted at φ = 0.1.
		const phi = 0.1
		j, se := -math.Log(phi), (1-phi)*(1-phi)
		link := &plotter.Line{
			XYs:       plotter.XYs{{X: phi, Y: se}, {X: phi, Y: j}},
			LineStyle: draw.LineStyle{Color: gray, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}},
		}
		dots := &plotter.Scatter{XYs: link.XYs, GlyphStyle: draw.GlyphStyle{Color: seriesColor(0), Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}}
		txt := &note{x: phi, y: j, dx: vg.Points(9), dy: vg.Points(4), text: fmt.Sprintf(
			"confident mistake: y = 1, φ = %.2f\nlog loss %.2f vs squared error %.2f", phi, j, se)}
		p.Add(link, dots, txt)
		leg.notes = append(leg.notes, txt)
	}
	p.Add(leg)
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = probTicks
	p.Y.Min, p.Y.Max = 0, ymax
	p.Y.Tick.Marker = niceTicks
	return save(path, pg, format, framed(p))
}

// note is a plotter of text whose bottom left corner is offset by (dx, dy)
// from the data point (x, y).
type note struct {
	x, y   float64
	dx, dy vg.Length
	text   string
}

func (n *note) style(p *gplot.Plot) text.Style {
	return text.Style{
		Color:   textColor,
		Font:    font.From(sans, noteSize),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: p.TextHandler,
	}
}

// Plot implements gonum's plot.Plotter.
func (n *note) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	c.FillText(n.style(p), vg.Point{X: trX(n.x) + n.dx, Y: trY(n.y) + n.dy}, n.text)
}

// bounds returns the box the text occupies on c.
func (n *note) bounds(c draw.Canvas, p *gplot.Plot) vg.Rectangle {
	trX, trY := p.Transforms(&c)
	sty := n.style(p)
	min := vg.Point{X: trX(n.x) + n.dx, Y: trY(n.y) + n.dy}
	return vg.Rectangle{Min: min, Max: vg.Point{X: min.X + sty.Width(n.text), Y: min.Y + sty.Height(n.text)}}
}

// softplus returns log(1 + e^x) without overflow or loss of precision.
func softplus(x float64) float64 {
	return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}
