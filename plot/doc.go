// Package plot draws the figures of probabilistic classification with
// gonum/plot: the log-loss curve, training curves, reliability diagrams and
// ROC curves.
//
// Each figure is a struct of data and options whose zero values mean
// sensible defaults, with a Save method:
//
//	err := plot.ROC{Series: []plot.ROCSeries{{Name: "logistic", FPR: fpr, TPR: tpr}}}.Save("roc.png")
//
// The format follows the file extension, in any letter case: .png (at
// [DefaultDPI] unless the figure's DPI says otherwise) or .svg. Other
// extensions, .pdf included, give an error wrapping [ErrFormat]: gonum/plot's
// PDF backend cannot encode the Greek letters and minus signs the figures
// use. Files are written atomically, through a temporary file renamed over
// the target, so a failed Save leaves an existing file as it was.
//
// Inputs are plain slices, so any package can feed them (the metrics
// package computes ROC points and calibration bins). They are checked
// before anything is drawn: a NaN, an infinity, a probability outside
// [0, 1], slices of different lengths or values out of order give an
// [*InputError] naming the field and index, such as
//
//	plot: Series[1].TPR[3] = NaN: not a finite number
//
// with a sentinel cause ([ErrEmpty], [ErrNaN], [ErrRange], [ErrShape],
// [ErrNotSorted]) for errors.Is. Save never panics on bad data.
//
// The figures share one look: Liberation Sans text (in SVG with Arial,
// Helvetica and sans-serif as fallbacks), the Okabe–Ito color-blind-safe
// palette, light grid lines, and a legend placed inside the axes where it
// covers the least of the curves.
package plot
