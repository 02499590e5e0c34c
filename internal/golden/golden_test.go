package golden

import (
	"math"
	"testing"
)

func TestLoadAll(t *testing.T) {
	losses, err := Losses()
	if err != nil {
		t.Fatal(err)
	}
	metrics, err := Metrics()
	if err != nil {
		t.Fatal(err)
	}
	optima, err := Optima()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range losses {
		if c.ID == "" || c.Fn == "" || c.GradInput.Len() != c.Input.Len() {
			t.Errorf("loss case %q: incomplete (fn %q, grad %v, input %v)", c.ID, c.Fn, c.GradInput.Shape, c.Input.Shape)
		}
	}
	for _, c := range metrics {
		if c.Fn == "calibration_curve" && c.Calibration == nil {
			t.Errorf("metric case %q: no calibration value", c.ID)
		}
	}
	for _, o := range optima {
		if o.Coef.Len() == 0 || o.DesignFile == "" {
			t.Errorf("optimum %q: incomplete", o.ID)
		}
	}
	t.Logf("%d loss cases, %d metric cases, %d optima", len(losses), len(metrics), len(optima))
}

func TestFloatStrings(t *testing.T) {
	var tn Tensor
	if err := tn.UnmarshalJSON([]byte(`{"shape":[4],"dtype":"float64","data":[1.5,"nan","inf","-inf"]}`)); err != nil {
		t.Fatal(err)
	}
	if tn.Floats[0] != 1.5 || !math.IsNaN(tn.Floats[1]) || !math.IsInf(tn.Floats[2], 1) || !math.IsInf(tn.Floats[3], -1) {
		t.Errorf("decoded %v", tn.Floats)
	}
	if err := tn.UnmarshalJSON([]byte(`{"shape":[2],"dtype":"float64","data":[1]}`)); err == nil {
		t.Error("shape/data mismatch accepted")
	}
	if err := tn.UnmarshalJSON([]byte(`{"shape":[1],"dtype":"float64","data":["infinity"]}`)); err == nil {
		t.Error("unknown float string accepted")
	}
}
