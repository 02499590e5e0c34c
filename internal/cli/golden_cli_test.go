package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/modelfile"
)

// TestTrainReachesGoldenOptima trains every case of optima.json through the
// command line (xent train, as a user would) and checks the objective it
// reports and the probabilities xent predict --proba gives for the first 10
// rows against scikit-learn's, from the golden folder (or XENT_GOLDEN_DIR).
func TestTrainReachesGoldenOptima(t *testing.T) {
	optima, err := golden.Optima()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range optima {
		t.Run(o.ID, func(t *testing.T) {
			dir := t.TempDir()
			design, err := golden.Path(o.DesignFile)
			if err != nil {
				t.Fatal(err)
			}
			modelPath := filepath.Join(dir, "model.json")
			model := "logistic"
			if o.Model == "multinomial" {
				model = "softmax"
			}
			if o.Penalty != "l2" || !o.FitIntercept {
				t.Fatalf("case %s: penalty %q, fit_intercept %v: this test knows only l2 with intercept", o.ID, o.Penalty, o.FitIntercept)
			}
			code, out, errOut := runCLI(t, "train", "--data", design, "--model", model, "--C", strconv.FormatFloat(o.C, 'g', -1, 64), "--json", "--quiet", "--out", modelPath)
			if code != ExitOK {
				t.Fatalf("train: exit %d: %s", code, errOut)
			}
			var s trainSummary
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatalf("train --json: %v\n%s", err, out)
			}
			want := float64(o.Objective)
			if rel := math.Abs(float64(s.Objective)-want) / math.Abs(want); rel > 1e-8 {
				t.Errorf("objective %.17g, want %.17g (relative gap %.2g)", s.Objective, want, rel)
			}
			if !s.Converged {
				t.Errorf("train did not converge: %s", s.Status)
			}

			// Coefficients within 1e-4 relative (in norm) of the reference;
			// multinomial intercepts after centering.
			m, err := modelfile.Load(modelPath)
			if err != nil {
				t.Fatal(err)
			}
			if d := relDist(m.Coef, o.Coef.Floats); d > 1e-4 {
				t.Errorf("coefficients %.3g away (relative), want ≤ 1e-4", d)
			}
			if d := relDist(centered(m.Intercept), centered(o.Intercept.Floats)); d > 1e-4 && o.Model == "multinomial" {
				t.Errorf("centered intercepts %.3g away (relative), want ≤ 1e-4", d)
			}

			probaPath := filepath.Join(dir, "proba.csv")
			if code, _, errOut := runCLI(t, "predict", "--model", modelPath, "--data", design, "--proba", "--out", probaPath); code != ExitOK {
				t.Fatalf("predict: exit %d: %s", code, errOut)
			}
			f, err := os.Open(probaPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			k := o.PredictProbaFirst.Shape[1]
			if len(recs) != o.NSamples+1 || len(recs[0]) != k {
				t.Fatalf("predict --proba wrote %d rows of %d columns, want %d of %d", len(recs), len(recs[0]), o.NSamples+1, k)
			}
			for j, c := range o.Classes {
				if recs[0][j] != fmt.Sprint(c) {
					t.Errorf("column %d headed %q, want class %d", j, recs[0][j], c)
				}
			}
			for i := 0; i < o.PredictProbaFirst.Shape[0]; i++ {
				for j := 0; j < k; j++ {
					got, err := strconv.ParseFloat(recs[i+1][j], 64)
					if err != nil {
						t.Fatal(err)
					}
					if want := o.PredictProbaFirst.Floats[i*k+j]; math.Abs(got-want) > 1e-6 {
						t.Errorf("P(class %d | row %d) = %v, scikit-learn %v", j, i, got, want)
					}
				}
			}
		})
	}
}

// relDist returns ‖a − b‖₂ / max(‖b‖₂, 1e-300); +Inf when lengths differ.
func relDist(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var d, n float64
	for i := range a {
		d += (a[i] - b[i]) * (a[i] - b[i])
		n += b[i] * b[i]
	}
	return math.Sqrt(d) / math.Max(math.Sqrt(n), 1e-300)
}

// centered returns v minus its mean.
func centered(v []float64) []float64 {
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x - mean
	}
	return out
}
