package plot

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// ROC is the figure of one or more receiver operating characteristic
// curves, with the chance diagonal.
type ROC struct {
	// Series holds the curves; at least one.
	Series []ROCSeries

	// Title is the figure title; "" means "ROC curve".
	Title string

	// Width and Height are the figure size in inches, within
	// [MinInches, MaxInches]; 0 means 5.5 and 5.
	Width, Height float64

	// DPI is the resolution of PNG output; 0 means [DefaultDPI].
	DPI int
}

// ROCSeries is one ROC curve, as the points (FPR[i], TPR[i]) that
// scikit-learn's roc_curve returns, joined by straight lines.
type ROCSeries struct {
	// Name labels the curve in the legend, followed by its AUC; "" shows
	// the AUC alone.
	Name string

	// FPR and TPR are the false and true positive rates at decreasing
	// thresholds: as many of each, at least two, in [0, 1], both
	// nondecreasing.
	FPR, TPR []float64

	// AUC is the area under the curve shown in the legend; 0 means the
	// area by the trapezoidal rule over the points, which is what
	// scikit-learn's roc_auc_score returns for a curve from roc_curve.
	AUC float64
}

// Save draws the figure into path, in the format named by its extension
// (.png or .svg, any letter case), writing the file atomically: on error an
// existing file at path is unchanged. Errors: [ErrFormat] for another
// extension, an [*InputError] naming the series, field and index of a bad
// input (no series, fewer than two points, lengths that differ, NaN,
// rates outside [0, 1] or decreasing, AUC outside [0, 1]), and file errors.
func (c ROC) Save(path string) error {
	format, err := formatOf(path)
	if err != nil {
		return err
	}
	pg, err := resolvePage(c.Width, c.Height, c.DPI, 5.5, 5)
	if err != nil {
		return err
	}
	if len(c.Series) == 0 {
		return inputErr("Series", ErrEmpty, "is empty")
	}
	aucs := make([]float64, len(c.Series))
	for k, s := range c.Series {
		f := func(name string) string { return fmt.Sprintf("Series[%d].%s", k, name) }
		if err := checkValues(f("FPR"), s.FPR, 2, 0, 1); err != nil {
			return err
		}
		if err := checkLen(f("TPR"), s.TPR, len(s.FPR), "FPR"); err != nil {
			return err
		}
		if err := checkValues(f("TPR"), s.TPR, 2, 0, 1); err != nil {
			return err
		}
		for _, r := range []struct {
			name string
			v    []float64
		}{{"FPR", s.FPR}, {"TPR", s.TPR}} {
			for i := 1; i < len(r.v); i++ {
				if r.v[i] < r.v[i-1] {
					return inputErr(fmt.Sprintf("%s[%d]", f(r.name), i), ErrNotSorted, "= %v < %s[%d] = %v, want nondecreasing", r.v[i], r.name, i-1, r.v[i-1])
				}
			}
		}
		switch auc := s.AUC; {
		case math.IsNaN(auc) || math.IsInf(auc, 0):
			return inputErr(f("AUC"), ErrNaN, "= %v", auc)
		case auc < 0 || auc > 1:
			return inputErr(f("AUC"), ErrRange, "= %v, want [0, 1]", auc)
		case auc == 0:
			aucs[k] = trapezoid(s.FPR, s.TPR)
		default:
			aucs[k] = auc
		}
	}

	p := newPlot(orDefault(c.Title, "ROC curve"), "false positive rate", "true positive rate")
	p.Add(newGrid())
	leg := &autoLegend{}
	chance := &plotter.Line{
		XYs:       plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}},
		LineStyle: draw.LineStyle{Color: gray, Width: refWidth, Dashes: dashed},
	}
	p.Add(chance)
	leg.avoid = append(leg.avoid, chance.XYs)
	for k, s := range c.Series {
		pts := xys(s.FPR, s.TPR)
		l := &plotter.Line{XYs: pts, LineStyle: seriesLine(k)}
		if len(c.Series) == 1 {
			l.FillColor = withAlpha(seriesColor(k), 0.12)
		}
		p.Add(l)
		label := fmt.Sprintf("AUC = %.3f", aucs[k])
		if s.Name != "" {
			label = fmt.Sprintf("%s (AUC = %.3f)", s.Name, aucs[k])
		}
		leg.add(label, &plotter.Line{LineStyle: l.LineStyle})
		leg.avoid = append(leg.avoid, pts)
	}
	leg.add("chance (AUC = 0.5)", chance)
	p.Add(leg)
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Tick.Marker = probTicks
	p.Y.Tick.Marker = probTicks
	return save(path, pg, format, framed(p))
}

// trapezoid returns the area under the polyline (x[i], y[i]), x
// nondecreasing, by the trapezoidal rule.
func trapezoid(x, y []float64) float64 {
	var a float64
	for i := 1; i < len(x); i++ {
		a += (x[i] - x[i-1]) * (y[i] + y[i-1]) / 2
	}
	return a
}
