package jsonfloat

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, v := range []float64{0, -1.5, 1e-300, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()} {
		b, err := json.Marshal(Float(v))
		if err != nil {
			t.Fatal(err)
		}
		var got Float
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if g := float64(got); g != v && !(math.IsNaN(g) && math.IsNaN(v)) {
			t.Errorf("%v → %s → %v", v, b, g)
		}
	}
	var f Float
	if err := json.Unmarshal([]byte(`"infinity"`), &f); err == nil {
		t.Error(`"infinity" accepted`)
	}
	if err := json.Unmarshal([]byte(`null`), &f); err != nil || !math.IsNaN(float64(f)) {
		t.Errorf("null read as %v, %v; want NaN", f, err)
	}
}
