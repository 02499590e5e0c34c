package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/xent-ml/xent/internal/atomicfile"
)

// DefaultDPI is the resolution of PNG output when a figure's DPI is zero.
// A 6×4 inch figure becomes a 900×600 pixel image.
const DefaultDPI = 150

// Limits on figure sizes, so that a typo cannot ask for gigabytes of pixels.
const (
	MinInches = 2          // smallest width or height, in inches
	MaxInches = 100        // largest width or height, in inches
	MaxDPI    = 1200       // largest PNG resolution
	MaxPixels = 64_000_000 // largest PNG width×height
)

// Sentinel causes of [InputError] and format errors, for errors.Is.
var (
	ErrFormat    = errors.New("unsupported file format")
	ErrEmpty     = errors.New("no data")
	ErrNaN       = errors.New("not a finite number")
	ErrRange     = errors.New("out of range")
	ErrShape     = errors.New("length mismatch")
	ErrNotSorted = errors.New("not in order")
)

// InputError reports a figure input that cannot be drawn.
type InputError struct {
	Field string // the field and index, e.g. "Series[1].TPR[3]"
	Msg   string // what is wrong with it, e.g. "= NaN"
	Err   error  // ErrEmpty, ErrNaN, ErrRange, ErrShape or ErrNotSorted
}

// Error returns "plot: Field Msg: Err", e.g.
// "plot: Series[1].TPR[3] = NaN: not a finite number".
func (e *InputError) Error() string {
	s := "plot: " + e.Field
	if e.Msg != "" {
		s += " " + e.Msg
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the sentinel cause.
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(field string, err error, format string, args ...any) *InputError {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...), Err: err}
}

// formatOf returns "png" or "svg" from the extension of path, in any
// letter case.
//
// PDF is not offered: gonum/plot v0.17's PDF backend encodes text in code
// page 1252, which has no Greek letters (φ) or minus sign (−), and it
// cannot find the bold face it registers for titles.
func formatOf(path string) (string, error) {
	ext := filepath.Ext(path)
	switch f := strings.ToLower(ext); f {
	case ".png", ".svg":
		return f[1:], nil
	case "":
		return "", fmt.Errorf("plot: %s: no file extension, want .png or .svg: %w", path, ErrFormat)
	default:
		return "", fmt.Errorf("plot: %s: extension %q, want .png or .svg: %w", path, ext, ErrFormat)
	}
}

// page is a resolved figure size.
type page struct {
	w, h vg.Length
	dpi  int
}

// resolvePage applies the defaults (in inches) and checks the limits.
func resolvePage(width, height float64, dpi int, defW, defH float64) (page, error) {
	check := func(name string, v, def float64) (float64, error) {
		switch {
		case v == 0:
			return def, nil
		case math.IsNaN(v) || math.IsInf(v, 0):
			return 0, inputErr(name, ErrNaN, "= %v", v)
		case v < MinInches || v > MaxInches:
			return 0, inputErr(name, ErrRange, "= %v inches, want [%d, %d]", v, MinInches, MaxInches)
		}
		return v, nil
	}
	w, err := check("Width", width, defW)
	if err != nil {
		return page{}, err
	}
	h, err := check("Height", height, defH)
	if err != nil {
		return page{}, err
	}
	switch {
	case dpi == 0:
		dpi = DefaultDPI
	case dpi < 0 || dpi > MaxDPI:
		return page{}, inputErr("DPI", ErrRange, "= %d, want [1, %d]", dpi, MaxDPI)
	}
	return page{w: vg.Length(w) * vg.Inch, h: vg.Length(h) * vg.Inch, dpi: dpi}, nil
}

// save renders a figure to path in the format its extension names, through
// atomicfile. Formats are checked before drawing.
func save(path string, pg page, format string, drawFn func(c draw.Canvas)) error {
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		wpx := math.Ceil(float64(pg.w/vg.Inch) * float64(pg.dpi))
		hpx := math.Ceil(float64(pg.h/vg.Inch) * float64(pg.dpi))
		if wpx*hpx > MaxPixels {
			return inputErr("DPI", ErrRange, "= %d makes %.0f×%.0f pixels, want at most %d", pg.dpi, wpx, hpx, MaxPixels)
		}
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(pg.w, pg.h), vgimg.UseDPI(pg.dpi))}
	case "svg":
		c = svgCanvas{vgsvg.New(pg.w, pg.h)}
	}
	dc := draw.New(c)
	drawFn(dc)
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := c.WriteTo(w)
		return err
	})
}

// svgCanvas gives the text a font-family fallback list: gonum writes the
// bare family name "Liberation Sans", which viewers without that font
// replace by their default (often a serif). Liberation Sans has the metrics
// of Arial and Helvetica, so text laid out for it fits with either.
type svgCanvas struct{ *vgsvg.Canvas }

func (c svgCanvas) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := c.Canvas.WriteTo(&buf); err != nil {
		return 0, err
	}
	b := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	n, err := w.Write(b)
	return int64(n), err
}

// Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008),
// distinguishable under the common forms of color blindness. Yellow comes
// last: it is faint on white.
var palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

var (
	gray      = color.NRGBA{0x59, 0x59, 0x59, 0xFF}
	gridColor = color.NRGBA{0xE3, 0xE3, 0xE3, 0xFF}
	textColor = color.NRGBA{0x21, 0x21, 0x21, 0xFF}
)

// seriesColor returns the palette color of series i, cycling.
func seriesColor(i int) color.NRGBA { return palette[i%len(palette)] }

// withAlpha returns c with opacity a in [0, 1].
func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(a * 255))
	return c
}

// dashPatterns distinguish series once the palette has been used up.
var dashPatterns = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
}

// seriesLine returns the line style of series i: palette color, and a
// dash pattern that changes each time the palette wraps around.
func seriesLine(i int) draw.LineStyle {
	return draw.LineStyle{
		Color:  seriesColor(i),
		Width:  curveWidth,
		Dashes: dashPatterns[(i/len(palette))%len(dashPatterns)],
	}
}

// seriesGlyph returns the marker of series i.
func seriesGlyph(i int) draw.GlyphStyle {
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}
	return draw.GlyphStyle{Color: seriesColor(i), Radius: vg.Points(3), Shape: shapes[i%len(shapes)]}
}

const (
	curveWidth = vg.Length(2)
	refWidth   = vg.Length(1.2)
	margin     = vg.Length(10) // blank border around the figure
)

var dashed = []vg.Length{vg.Points(6), vg.Points(4)}

// Fonts: Liberation Sans, embedded in gonum/plot, metric-compatible with
// Arial and Helvetica.
var (
	sans       = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold   = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
	titleSize  = vg.Length(14)
	labelSize  = vg.Length(12)
	tickSize   = vg.Length(10.5)
	legendSize = vg.Length(10.5)
	noteSize   = vg.Length(10)
)

// newPlot returns a gonum plot with the house style: sans-serif text, dark
// gray axes, no legend (see autoLegend) and the given texts.
func newPlot(title, xLabel, yLabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sansBold, titleSize)
	p.Title.TextStyle.Color = textColor
	p.Title.Padding = vg.Points(8)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Label.TextStyle.Color = textColor
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Label.Color = textColor
		a.Tick.Length = vg.Points(5)
		a.Tick.Color = gray
		a.Color = gray
		a.Width = vg.Points(0.8)
		a.Padding = vg.Points(4)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	return p
}

// grid is a plotter of light lines at the labelled ticks of x and y; a nil
// ticker means the axis's own.
type grid struct{ x, y gplot.Ticker }

// newGrid returns light grid lines at the labelled ticks of both axes.
func newGrid() *grid { return &grid{} }

var gridLine = draw.LineStyle{Color: gridColor, Width: vg.Points(0.7)}

// Plot implements gonum's plot.Plotter.
func (g *grid) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	xt, yt := g.x, g.y
	if xt == nil {
		xt = p.X.Tick.Marker
	}
	if yt == nil {
		yt = p.Y.Tick.Marker
	}
	for _, t := range xt.Ticks(p.X.Min, p.X.Max) {
		if x := trX(t.Value); !t.IsMinor() && x >= c.Min.X && x <= c.Max.X {
			c.StrokeLine2(gridLine, x, c.Min.Y, x, c.Max.Y)
		}
	}
	for _, t := range yt.Ticks(p.Y.Min, p.Y.Max) {
		if y := trY(t.Value); !t.IsMinor() && y >= c.Min.Y && y <= c.Max.Y {
			c.StrokeLine2(gridLine, c.Min.X, y, c.Max.X, y)
		}
	}
}

// niceTicks returns up to seven labelled ticks at 1, 2, 2.5 or 5 times a
// power of ten, labelled with as few decimals as the step needs, and an
// unlabelled tick between each pair.
var niceTicks = gplot.TickerFunc(func(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return []gplot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	// The smallest step of 1, 2, 2.5 or 5 times a power of ten that gives
	// at most seven labels; hi/6 − lo/6 cannot overflow.
	mag := math.Pow(10, math.Floor(math.Log10(hi/6-lo/6))-1)
	if !(mag > 0) { // a span of a few subnormals
		mag = math.SmallestNonzeroFloat64
	}
	step, decimals := 0.0, 0
	for step == 0 && mag < math.Inf(1) {
		for _, m := range []float64{1, 2, 2.5, 5} {
			if s := m * mag; math.Floor(hi/s)-math.Ceil(lo/s) < 7 {
				step, decimals = s, -int(math.Floor(math.Log10(mag)))
				if m == 2.5 {
					decimals++
				}
				break
			}
		}
		mag *= 10
	}
	first := math.Ceil(lo / step)
	if step == 0 || math.Abs(first) > 1<<52 || math.Abs(hi/step) > 1<<52 {
		// A span of a few ulps: steps cannot be counted exactly.
		return []gplot.Tick{
			{Value: lo, Label: strconv.FormatFloat(lo, 'g', -1, 64)},
			{Value: hi, Label: strconv.FormatFloat(hi, 'g', -1, 64)},
		}
	}
	format := func(v float64) string {
		if decimals > 6 || math.Abs(v) >= 1e6 {
			return strconv.FormatFloat(v, 'g', 6, 64)
		}
		return strconv.FormatFloat(v, 'f', max(decimals, 0), 64)
	}
	var ts []gplot.Tick
	if first*step-step/2 >= lo {
		ts = append(ts, gplot.Tick{Value: first*step - step/2})
	}
	for k := first; len(ts) < 32; k++ {
		v := k * step
		if v > hi || math.IsInf(v, 0) {
			break
		}
		if v == 0 {
			v = 0 // not −0
		}
		if v < lo {
			continue // rounding
		}
		ts = append(ts, gplot.Tick{Value: v, Label: format(v)})
		if mid := v + step/2; mid <= hi {
			ts = append(ts, gplot.Tick{Value: mid})
		}
	}
	return ts
})

// probTicks marks 0, 0.2, …, 1 with minor ticks at the tenths.
var probTicks = gplot.ConstantTicks(func() []gplot.Tick {
	var ts []gplot.Tick
	for i := 0; i <= 10; i++ {
		t := gplot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = fmt.Sprintf("%.1f", t.Value)
		}
		ts = append(ts, t)
	}
	return ts
}())

// unlabelled returns the ticks of tk without labels, for a panel that
// shares its axis with the panel below.
func unlabelled(tk gplot.Ticker) gplot.Ticker {
	return gplot.TickerFunc(func(min, max float64) []gplot.Tick {
		ts := tk.Ticks(min, max)
		out := make([]gplot.Tick, len(ts))
		for i, t := range ts {
			out[i] = gplot.Tick{Value: t.Value}
		}
		return out
	})
}

// framed draws p inside c less the figure margin, on a white page (SVG
// has no background of its own).
func framed(p *gplot.Plot) func(c draw.Canvas) {
	return func(c draw.Canvas) {
		whitePage(c)
		p.Draw(draw.Crop(c, margin, -margin, margin, -margin))
	}
}

// whitePage fills the whole canvas with white.
func whitePage(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
}

// checkValues checks that xs has at least minLen values, all finite and in
// [lo, hi]; field names xs in errors.
func checkValues(field string, xs []float64, minLen int, lo, hi float64) error {
	if len(xs) < minLen {
		if len(xs) == 0 {
			return inputErr(field, ErrEmpty, "is empty")
		}
		return inputErr(field, ErrEmpty, "has %d values, want at least %d", len(xs), minLen)
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return inputErr(fmt.Sprintf("%s[%d]", field, i), ErrNaN, "= %v", x)
		}
		if x < lo || x > hi {
			return inputErr(fmt.Sprintf("%s[%d]", field, i), ErrRange, "= %v, want [%v, %v]", x, lo, hi)
		}
	}
	return nil
}

// checkLen checks len(xs) == n; other names the slice whose length xs must match.
func checkLen(field string, xs []float64, n int, other string) error {
	if len(xs) != n {
		return inputErr(field, ErrShape, "has %d values, %s has %d", len(xs), other, n)
	}
	return nil
}

// xys converts parallel slices to gonum points.
func xys(x, y []float64) plotter.XYs {
	pts := make(plotter.XYs, len(x))
	for i := range x {
		pts[i].X, pts[i].Y = x[i], y[i]
	}
	return pts
}
