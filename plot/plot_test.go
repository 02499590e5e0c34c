package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// figureCase is a figure with what its PNG must show.
type figureCase struct {
	name   string
	fig    saver
	w, h   int           // PNG size in pixels
	colors []color.NRGBA // curve colors that must appear
	texts  []string      // strings the SVG must contain
}

func figureCases() []figureCase {
	s := sampleFigures()
	blue, orange := palette[0], palette[1]
	return []figureCase{
		{"losscurve", s["losscurve"], 900, 600, []color.NRGBA{blue, orange},
			[]string{"Log loss of one prediction", "J(w) if y = 1", "J(w) if y = 0", "predicted probability φ(z)", "loss J"}},
		{"losscurve_mse", s["losscurve_mse"], 900, 600, []color.NRGBA{blue, orange},
			[]string{"(1 − φ)² if y = 1", "φ² if y = 0"}},
		{"training", s["training"], 900, 600, []color.NRGBA{blue, orange}, []string{"Training curve", "training", "validation", "epoch"}},
		{"training_logy", s["training_logy"], 900, 600, []color.NRGBA{blue, orange}, []string{"log loss"}},
		{"roc", s["roc"], 825, 750, []color.NRGBA{blue}, []string{"ROC curve", "logistic (AUC = 0.", "chance (AUC = 0.5)"}},
		{"roc_compare", s["roc_compare"], 825, 750, []color.NRGBA{blue, orange, palette[2]}, []string{"perfect (AUC = 1.000)"}},
		{"reliability", s["reliability"], 900, 900, []color.NRGBA{blue}, []string{"Reliability diagram", "logistic (ECE = 0.", "perfectly calibrated", "count"}},
		{"reliability_perclass", s["reliability_perclass"], 900, 900, []color.NRGBA{blue, orange, palette[2]}, []string{"(per class)", "virginica"}},
		{"reliability_toplabel", s["reliability_toplabel"], 900, 900, []color.NRGBA{blue}, []string{"(top label)", "accuracy", "confidence"}},
		{"reliability_nocounts", s["reliability_nocounts"], 900, 900, []color.NRGBA{blue}, []string{"logistic"}},
		{"custom size", TrainingCurve{Train: []float64{3, 2, 1}, Width: 4, Height: 3, DPI: 100}, 400, 300, []color.NRGBA{blue}, []string{"Training curve"}},
	}
}

func TestSavePNG(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range figureCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".png")
			if err := tc.fig.Save(path); err != nil {
				t.Fatalf("Save(%s): %v", path, err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) < 10_000 {
				t.Errorf("PNG has %d bytes, want more than 10000", len(b))
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("png.Decode: %v", err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Errorf("PNG size = %v, want %dx%d", got, tc.w, tc.h)
			}
			hist := histogram(img)
			if len(hist) < 100 {
				t.Errorf("PNG has %d distinct colors, want at least 100 (blank image?)", len(hist))
			}
			if white := hist[color.NRGBA{255, 255, 255, 255}]; white < tc.w*tc.h/3 {
				t.Errorf("PNG has %d white pixels of %d, want a white background", white, tc.w*tc.h)
			}
			for _, c := range tc.colors {
				if n := countNear(hist, c, 6); n < 150 {
					t.Errorf("PNG has %d pixels of curve color %v, want at least 150", n, c)
				}
			}
			if n := countNear(hist, color.NRGBA{0x21, 0x21, 0x21, 0xFF}, 40); n < 300 {
				t.Errorf("PNG has %d dark text pixels, want at least 300", n)
			}
		})
	}
}

// histogram counts the pixels of each color.
func histogram(img image.Image) map[color.NRGBA]int {
	h := make(map[color.NRGBA]int)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			h[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	return h
}

// countNear counts the pixels within tol of c in every channel.
func countNear(hist map[color.NRGBA]int, c color.NRGBA, tol int) int {
	near := func(a, b uint8) bool { return int(a)-int(b) <= tol && int(b)-int(a) <= tol }
	n := 0
	for k, v := range hist {
		if near(k.R, c.R) && near(k.G, c.G) && near(k.B, c.B) && k.A == 255 {
			n += v
		}
	}
	return n
}

func TestSaveSVG(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range figureCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".svg")
			if err := tc.fig.Save(path); err != nil {
				t.Fatalf("Save(%s): %v", path, err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) < 5_000 {
				t.Errorf("SVG has %d bytes, want more than 5000", len(b))
			}
			root, paths, texts := parseSVG(t, b)
			if root != "svg" {
				t.Errorf("SVG root element = <%s>, want <svg>", root)
			}
			if paths < 20 {
				t.Errorf("SVG has %d <path> elements, want at least 20", paths)
			}
			all := strings.Join(texts, "\n")
			for _, want := range tc.texts {
				if !strings.Contains(all, want) {
					t.Errorf("SVG text lacks %q; has:\n%s", want, all)
				}
			}
			if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf")) {
				t.Error("SVG has NaN or Inf coordinates")
			}
			if !bytes.Contains(b, []byte("sans-serif")) {
				t.Error("SVG font-family has no generic sans-serif fallback")
			}
		})
	}
}

// parseSVG returns the root element name, the number of <path> elements
// and the text contents, failing the test if b is not well-formed XML.
func parseSVG(t *testing.T, b []byte) (root string, paths int, texts []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, paths, texts
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = e.Name.Local
			}
			switch e.Name.Local {
			case "path":
				paths++
			case "text":
				inText = true
			}
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				texts = append(texts, string(e))
			}
		}
	}
}

func TestSaveExtensionCase(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"upper.PNG", "mixed.Svg"} {
		path := filepath.Join(dir, name)
		if err := (LossCurve{}).Save(path); err != nil {
			t.Errorf("Save(%s): %v", name, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "upper.PNG"))
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Errorf("upper.PNG is not a PNG: %v", err)
	}
}

func TestSaveUnknownExtension(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.pdf", "a.jpg", "a.eps", "noext", "a.png.bak", "a."} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			for _, fig := range sampleFigures() {
				err := fig.Save(path)
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("Save(%s) = %v, want ErrFormat", name, err)
				}
				if !strings.Contains(err.Error(), path) || (filepath.Ext(name) != "" && !strings.Contains(err.Error(), filepath.Ext(name))) {
					t.Errorf("error %q does not name the path and extension", err)
				}
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Stat(%s) = %v: a file was written", name, err)
			}
		})
	}
}

func TestSaveBadInput(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	inf := func() float64 { var z float64; return 1 / z }()
	okROC := ROCSeries{FPR: []float64{0, 0.5, 1}, TPR: []float64{0, 0.8, 1}}
	okRel := ReliabilitySeries{Predicted: []float64{0.2, 0.7}, Observed: []float64{0.1, 0.8}, Counts: []float64{5, 7}}
	tests := []struct {
		name  string
		fig   saver
		field string // must appear in the message
		is    error
		exts  []string // nil means .png and .svg
	}{
		{"loss YMax negative", LossCurve{YMax: -1}, "YMax", ErrRange, nil},
		{"loss YMax NaN", LossCurve{YMax: nan}, "YMax", ErrNaN, nil},
		{"width negative", LossCurve{Width: -6}, "Width", ErrRange, nil},
		{"height infinite", LossCurve{Height: inf}, "Height", ErrNaN, nil},
		{"width too large", LossCurve{Width: MaxInches + 1}, "Width", ErrRange, nil},
		{"dpi negative", ROC{Series: []ROCSeries{okROC}, DPI: -1}, "DPI", ErrRange, nil},
		{"dpi too large", ROC{Series: []ROCSeries{okROC}, DPI: MaxDPI + 1}, "DPI", ErrRange, nil},
		{"too many pixels", LossCurve{Width: 90, Height: 90, DPI: 1000}, "DPI = 1000 makes 90000×90000 pixels", ErrRange, []string{".png"}},
		{"width too small", LossCurve{Width: 1.5}, "Width = 1.5 inches", ErrRange, nil},

		{"train nil", TrainingCurve{}, "Train", ErrEmpty, nil},
		{"train NaN", TrainingCurve{Train: []float64{1, 2, nan}}, "Train[2]", ErrNaN, nil},
		{"train Inf", TrainingCurve{Train: []float64{inf}}, "Train[0]", ErrNaN, nil},
		{"valid short", TrainingCurve{Train: []float64{1, 2}, Valid: []float64{1}}, "Valid", ErrShape, nil},
		{"valid NaN", TrainingCurve{Train: []float64{1, 2}, Valid: []float64{nan, 1}}, "Valid[0]", ErrNaN, nil},
		{"logy zero", TrainingCurve{Train: []float64{1, 0}, LogY: true}, "Train[1]", ErrRange, nil},
		{"logy negative valid", TrainingCurve{Train: []float64{1, 1}, Valid: []float64{1, -1}, LogY: true}, "Valid[1]", ErrRange, nil},
		{"x length", TrainingCurve{Train: []float64{1, 2}, X: []float64{1}}, "X", ErrShape, nil},
		{"x not increasing", TrainingCurve{Train: []float64{1, 2, 3}, X: []float64{1, 2, 2}}, "X[2]", ErrNotSorted, nil},
		{"x NaN", TrainingCurve{Train: []float64{1, 2}, X: []float64{0, nan}}, "X[1]", ErrNaN, nil},
		{"y span overflows", TrainingCurve{Train: []float64{-1e308, 1e308}}, "Train", ErrRange, nil},
		{"x span overflows", TrainingCurve{Train: []float64{1, 2}, X: []float64{-1e308, 1e308}}, "X", ErrRange, nil},

		{"roc no series", ROC{}, "Series", ErrEmpty, nil},
		{"roc one point", ROC{Series: []ROCSeries{{FPR: []float64{0}, TPR: []float64{0}}}}, "Series[0].FPR", ErrEmpty, nil},
		{"roc TPR length", ROC{Series: []ROCSeries{okROC, {FPR: []float64{0, 1}, TPR: []float64{0, 1, 1}}}}, "Series[1].TPR", ErrShape, nil},
		{"roc FPR above 1", ROC{Series: []ROCSeries{{FPR: []float64{0, 1.5}, TPR: []float64{0, 1}}}}, "Series[0].FPR[1]", ErrRange, nil},
		{"roc TPR NaN", ROC{Series: []ROCSeries{{FPR: []float64{0, 1}, TPR: []float64{nan, 1}}}}, "Series[0].TPR[0]", ErrNaN, nil},
		{"roc FPR decreasing", ROC{Series: []ROCSeries{{FPR: []float64{0, 0.6, 0.5, 1}, TPR: []float64{0, 0.5, 0.7, 1}}}}, "Series[0].FPR[2]", ErrNotSorted, nil},
		{"roc TPR decreasing", ROC{Series: []ROCSeries{{FPR: []float64{0, 0.5, 1}, TPR: []float64{0, 0.7, 0.6}}}}, "Series[0].TPR[2]", ErrNotSorted, nil},
		{"roc AUC NaN", ROC{Series: []ROCSeries{{FPR: okROC.FPR, TPR: okROC.TPR, AUC: nan}}}, "Series[0].AUC", ErrNaN, nil},
		{"roc AUC above 1", ROC{Series: []ROCSeries{{FPR: okROC.FPR, TPR: okROC.TPR, AUC: 1.5}}}, "Series[0].AUC", ErrRange, nil},

		{"rel no series", Reliability{}, "Series", ErrEmpty, nil},
		{"rel empty bins", Reliability{Series: []ReliabilitySeries{{}}}, "Series[0].Predicted", ErrEmpty, nil},
		{"rel observed length", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5}, Observed: []float64{0.5, 0.6}}}}, "Series[0].Observed", ErrShape, nil},
		{"rel predicted NaN", Reliability{Series: []ReliabilitySeries{okRel, {Predicted: []float64{nan}, Observed: []float64{0.5}}}}, "Series[1].Predicted[0]", ErrNaN, nil},
		{"rel observed above 1", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5, 0.6}, Observed: []float64{0.5, 1.2}}}}, "Series[0].Observed[1]", ErrRange, nil},
		{"rel counts length", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5}, Observed: []float64{0.5}, Counts: []float64{1, 2}}}}, "Series[0].Counts", ErrShape, nil},
		{"rel counts negative", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5, 0.6}, Observed: []float64{0.5, 0.6}, Counts: []float64{1, -2}}}}, "Series[0].Counts[1]", ErrRange, nil},
		{"rel counts overflow", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5, 0.6}, Observed: []float64{0.5, 0.6}, Counts: []float64{1e308, 1e308}}}}, "Series[0].Counts", ErrRange, nil},
		{"rel edges not increasing", Reliability{Series: []ReliabilitySeries{okRel}, Edges: []float64{0, 0.5, 0.5, 1}}, "Edges[2]", ErrNotSorted, nil},
		{"rel edges above 1", Reliability{Series: []ReliabilitySeries{okRel}, Edges: []float64{0, 2}}, "Edges[1]", ErrRange, nil},
		{"rel edges one", Reliability{Series: []ReliabilitySeries{okRel}, Edges: []float64{0}}, "Edges", ErrEmpty, nil},
		{"rel outside edges", Reliability{Series: []ReliabilitySeries{okRel}, Edges: []float64{0.3, 1}}, "Series[0].Predicted[0]", ErrRange, nil},
		{"rel kind", Reliability{Series: []ReliabilitySeries{okRel}, Kind: 7}, "Kind", ErrRange, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exts := tt.exts
			if exts == nil {
				exts = []string{".png", ".svg"}
			}
			for _, ext := range exts {
				path := filepath.Join(t.TempDir(), "fig"+ext)
				if err := os.WriteFile(path, []byte("previous figure"), 0o644); err != nil {
					t.Fatal(err)
				}
				err := tt.fig.Save(path)
				if !errors.Is(err, tt.is) {
					t.Fatalf("Save(%s) = %v, want %v", ext, err, tt.is)
				}
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("Save(%s) error %T, want *InputError", ext, err)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, "plot: ") || !strings.Contains(msg, tt.field) {
					t.Errorf("Save(%s) = %q, want it to start with \"plot: \" and name %q", ext, msg, tt.field)
				}
				if b, _ := os.ReadFile(path); string(b) != "previous figure" {
					t.Errorf("failed Save(%s) changed the existing file to %d bytes", ext, len(b))
				}
				if names, _ := os.ReadDir(filepath.Dir(path)); len(names) != 1 {
					t.Errorf("folder holds %d entries after a failed Save, want 1", len(names))
				}
			}
		})
	}
}

func TestSaveWriteError(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub.svg"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path string }{
		{"missing folder", filepath.Join(dir, "no", "such", "fig.png")},
		{"target is a folder", filepath.Join(dir, "sub.svg")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := (LossCurve{}).Save(tt.path)
			if err == nil {
				t.Fatalf("Save(%s) = nil, want an error", tt.path)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("Save error %q does not name %q", err, tt.path)
			}
		})
	}
}

// TestAUCAndECEInLegend checks the values the legends compute.
func TestAUCAndECEInLegend(t *testing.T) {
	tests := []struct {
		name string
		fig  saver
		want string
	}{
		// Trapezoids: 0.5·(0+1)/2 + 0.5·(1+1)/2 = 0.75.
		{"AUC by trapezoid", ROC{Series: []ROCSeries{{Name: "m", FPR: []float64{0, 0.5, 1}, TPR: []float64{0, 1, 1}}}}, "m (AUC = 0.750)"},
		{"AUC given", ROC{Series: []ROCSeries{{FPR: []float64{0, 0.5, 1}, TPR: []float64{0, 1, 1}, AUC: 0.8125}}}, "AUC = 0.812"},
		{"AUC of a worst curve", ROC{Series: []ROCSeries{{FPR: []float64{0, 1, 1}, TPR: []float64{0, 0, 1}}}}, "AUC = 0.000"},
		// ECE: (10·|0.3−0.2| + 30·|0.6−0.8|) / 40 = (1 + 6) / 40 = 0.175.
		{"ECE", Reliability{Series: []ReliabilitySeries{{Name: "m", Predicted: []float64{0.2, 0.8}, Observed: []float64{0.3, 0.6}, Counts: []float64{10, 30}}}}, "m (ECE = 0.175)"},
		{"ECE no samples", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.2}, Observed: []float64{0.3}, Counts: []float64{0}}}}, "no samples"},
		{"unnamed without counts", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.2}, Observed: []float64{0.3}}}}, "series 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.svg")
			if err := tt.fig.Save(path); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(path)
			_, _, texts := parseSVG(t, b)
			if all := strings.Join(texts, "\n"); !strings.Contains(all, tt.want) {
				t.Errorf("legend lacks %q; texts:\n%s", tt.want, all)
			}
		})
	}
}

func TestEdgeCasesDraw(t *testing.T) {
	tests := []struct {
		name string
		fig  saver
	}{
		{"one epoch", TrainingCurve{Train: []float64{0.7}, Valid: []float64{0.8}}},
		{"constant history", TrainingCurve{Train: []float64{1, 1, 1}}},
		{"constant zero history", TrainingCurve{Train: []float64{0, 0}}},
		{"constant log history", TrainingCurve{Train: []float64{2, 2}, LogY: true}},
		{"huge span", TrainingCurve{Train: []float64{-0.8e308, 0.8e308}}},
		{"huge log span", TrainingCurve{Train: []float64{5e-324, 1.7e308}, LogY: true}},
		{"narrow log span", TrainingCurve{Train: []float64{0.31, 0.32}, LogY: true}},
		{"tiny span", TrainingCurve{Train: []float64{1, 1 + 1e-15}}},
		{"custom x", TrainingCurve{Train: []float64{3, 2, 1}, X: []float64{-1e9, 0, 1e9}}},
		{"roc two points", ROC{Series: []ROCSeries{{FPR: []float64{0, 1}, TPR: []float64{0, 1}}}}},
		{"many series", ROC{Series: func() []ROCSeries {
			s := make([]ROCSeries, 12)
			for i := range s {
				s[i] = ROCSeries{FPR: []float64{0, 0.1 * float64(i%10), 1}, TPR: []float64{0, 0.5, 1}}
			}
			return s
		}()}},
		{"reliability one bin at 1", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{1}, Observed: []float64{1}, Counts: []float64{3}}}}},
		{"reliability all zero counts", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0, 0.5}, Observed: []float64{0, 1}, Counts: []float64{0, 0}}}}},
		{"reliability edge values", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5, 0.25}, Observed: []float64{0.5, 0.3}, Counts: []float64{1, 2}}}, Edges: []float64{0.25, 0.5}}},
		{"loss tiny ymax", LossCurve{YMax: 1e-300}},
		{"smallest figure", Reliability{Series: []ReliabilitySeries{{Predicted: []float64{0.5}, Observed: []float64{0.5}, Counts: []float64{1}}}, Width: MinInches, Height: MinInches, DPI: 1, Title: "a title far too long for a figure two inches wide"}},
		{"small loss curve", LossCurve{Width: MinInches, Height: MinInches, CompareMSE: true}},
		{"small ROC", ROC{Series: []ROCSeries{{Name: "a long name for a legend", FPR: []float64{0, 1}, TPR: []float64{0, 1}}}, Width: MinInches, Height: MinInches}},
		{"small training", TrainingCurve{Train: []float64{1, 2}, Valid: []float64{2, 3}, Width: MinInches, Height: MinInches, LogY: true}},
		{"loss huge ymax", LossCurve{YMax: 1e300, CompareMSE: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, ext := range []string{".png", ".svg"} {
				path := filepath.Join(t.TempDir(), "f"+ext)
				if err := tt.fig.Save(path); err != nil {
					t.Errorf("Save(%s): %v", ext, err)
				}
				if b, _ := os.ReadFile(path); ext == ".svg" && (bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf"))) {
					t.Errorf("SVG has NaN or Inf coordinates")
				}
			}
		})
	}
}

func TestReliabilityKindString(t *testing.T) {
	for k, want := range map[ReliabilityKind]string{Binary: "binary", PerClass: "per-class", TopLabel: "top-label", 9: "ReliabilityKind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("ReliabilityKind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func BenchmarkSave(b *testing.B) {
	figs := sampleFigures()
	for _, name := range []string{"losscurve_mse", "training", "roc_compare", "reliability_compare"} {
		for _, ext := range []string{".png", ".svg"} {
			b.Run(name+ext, func(b *testing.B) {
				path := filepath.Join(b.TempDir(), "f"+ext)
				b.ReportAllocs()
				for b.Loop() {
					if err := figs[name].Save(path); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
