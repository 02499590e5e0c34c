package plot

import (
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// autoLegend is a plotter that draws the legend inside the data area, in
// the spot where it covers the least of the curves: it tries the corners,
// then the edge midpoints, then the center, and keeps the first spot whose
// covered curve length is smallest.
type autoLegend struct {
	entries []legendEntry
	avoid   []plotter.XYs // polylines, in data coordinates, to keep clear
	dots    []plotter.XYs // markers, in data coordinates, to keep clear
	notes   []*note       // text to keep clear
}

type legendEntry struct {
	name   string
	thumbs []gplot.Thumbnailer
}

func (a *autoLegend) add(name string, thumbs ...gplot.Thumbnailer) {
	a.entries = append(a.entries, legendEntry{name, thumbs})
}

// spots in order of preference, as fractions of the free space (x, y).
var legendSpots = [][2]float64{
	{1, 1}, {0, 1}, {1, 0}, {0, 0}, // corners: top right first
	{0.5, 1}, {0.5, 0}, {1, 0.5}, {0, 0.5}, // edge midpoints
	{0.5, 0.5},
}

const (
	legendInset  = vg.Length(6) // gap between the legend box and the axes
	legendPad    = vg.Length(5) // gap between the box and its content
	markerWeight = 12           // a covered marker counts as this many points of curve
)

// Plot implements gonum's plot.Plotter.
func (a *autoLegend) Plot(c draw.Canvas, p *gplot.Plot) {
	if len(a.entries) == 0 {
		return
	}
	l := gplot.NewLegend()
	l.TextStyle.Font = font.From(sans, legendSize)
	l.TextStyle.Color = textColor
	l.Top, l.Left = true, true
	l.Padding = vg.Points(3)
	l.ThumbnailWidth = vg.Points(26)
	for _, e := range a.entries {
		l.Add(e.name, e.thumbs...)
	}
	sz := l.Rectangle(c).Size()
	descent := l.TextStyle.FontExtents().Descent
	boxW := sz.X + 2*legendPad
	boxH := sz.Y + descent + 2*legendPad

	trX, trY := p.Transforms(&c)
	toCanvas := func(pts plotter.XYs) []vg.Point {
		out := make([]vg.Point, len(pts))
		for i, q := range pts {
			out[i] = vg.Point{X: trX(q.X), Y: trY(q.Y)}
		}
		return out
	}
	var lines, dots [][]vg.Point
	for _, pts := range a.avoid {
		lines = append(lines, toCanvas(pts))
	}
	for _, pts := range a.dots {
		dots = append(dots, toCanvas(pts))
	}

	var boxes []vg.Rectangle
	for _, n := range a.notes {
		boxes = append(boxes, n.bounds(c, p))
	}
	best := pickSpot(c.Rectangle, boxW, boxH, lines, dots, boxes)
	c.SetColor(color.NRGBA{0xFF, 0xFF, 0xFF, 0xE0})
	c.Fill(best.Path())
	c.SetLineStyle(draw.LineStyle{Color: color.NRGBA{0xBB, 0xBB, 0xBB, 0xFF}, Width: vg.Points(0.6)})
	c.Stroke(best.Path())
	inner := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: best.Min.X + legendPad, Y: best.Min.Y + legendPad},
		Max: vg.Point{X: best.Max.X - legendPad, Y: best.Max.Y - legendPad},
	}}
	l.Draw(inner)
}

// pickSpot returns the box of size w×h inside area, inset by legendInset,
// that covers the least of lines, dots and boxes; ties go to the earlier
// entry of legendSpots.
func pickSpot(area vg.Rectangle, w, h vg.Length, lines, dots [][]vg.Point, boxes []vg.Rectangle) vg.Rectangle {
	freeW := max(area.Max.X-area.Min.X-2*legendInset-w, 0)
	freeH := max(area.Max.Y-area.Min.Y-2*legendInset-h, 0)
	var best vg.Rectangle
	bestCost := math.Inf(1)
	for _, s := range legendSpots {
		min := vg.Point{
			X: area.Min.X + legendInset + vg.Length(s[0])*freeW,
			Y: area.Min.Y + legendInset + vg.Length(s[1])*freeH,
		}
		r := vg.Rectangle{Min: min, Max: vg.Point{X: min.X + w, Y: min.Y + h}}
		if cost := coverCost(r, lines, dots, boxes); cost < bestCost-1e-6 {
			best, bestCost = r, cost
		}
	}
	return best
}

// coverCost returns the length of the lines inside r, slightly enlarged,
// plus markerWeight for each dot inside it, plus the area it shares with
// each box (in square points: covering text is worse than covering a curve).
func coverCost(r vg.Rectangle, lines, dots [][]vg.Point, boxes []vg.Rectangle) float64 {
	const grow = 3
	x0, y0 := float64(r.Min.X)-grow, float64(r.Min.Y)-grow
	x1, y1 := float64(r.Max.X)+grow, float64(r.Max.Y)+grow
	var cost float64
	for _, l := range lines {
		for i := 1; i < len(l); i++ {
			cost += clippedLength(float64(l[i-1].X), float64(l[i-1].Y), float64(l[i].X), float64(l[i].Y), x0, y0, x1, y1)
		}
	}
	for _, b := range boxes {
		w := min(x1, float64(b.Max.X)) - max(x0, float64(b.Min.X))
		h := min(y1, float64(b.Max.Y)) - max(y0, float64(b.Min.Y))
		if w > 0 && h > 0 {
			cost += w * h
		}
	}
	for _, ds := range dots {
		for _, d := range ds {
			if x, y := float64(d.X), float64(d.Y); x >= x0 && x <= x1 && y >= y0 && y <= y1 {
				cost += markerWeight
			}
		}
	}
	return cost
}

// clippedLength returns the length of the segment (ax, ay)–(bx, by) inside
// the rectangle [x0, x1]×[y0, y1] (Liang–Barsky clipping).
func clippedLength(ax, ay, bx, by, x0, y0, x1, y1 float64) float64 {
	dx, dy := bx-ax, by-ay
	t0, t1 := 0.0, 1.0
	for _, e := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return 0
		}
	}
	return (t1 - t0) * math.Hypot(dx, dy)
}
