package demodata

import (
	"math"
	"strings"
	"testing"
)

func TestBreastCancer(t *testing.T) {
	tab, err := BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows != 569 || tab.Cols != 30 || len(tab.X) != 569*30 || len(tab.Y) != 569 {
		t.Fatalf("shape %d×%d (len X %d, len Y %d), want 569×30", tab.Rows, tab.Cols, len(tab.X), len(tab.Y))
	}
	counts := [2]int{}
	for _, y := range tab.Y {
		counts[y]++
	}
	// scikit-learn's load_breast_cancer: 212 malignant (0), 357 benign (1).
	if counts != [2]int{212, 357} {
		t.Errorf("class counts %v, want [212 357]", counts)
	}
	if tab.X[0] != 17.99 {
		t.Errorf("X[0][0] = %v, want 17.99", tab.X[0])
	}
	if !strings.Contains(Provenance(), "CC BY 4.0") {
		t.Error("provenance does not name the license")
	}
}

func TestStratifiedSplit(t *testing.T) {
	tab, err := BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	s := StratifiedSplit(tab)
	if s.Train.Rows+s.Test.Rows != tab.Rows {
		t.Fatalf("split loses rows: %d + %d != %d", s.Train.Rows, s.Test.Rows, tab.Rows)
	}
	// 212/4 = 53 malignant and 357/4 = 89 benign test samples.
	var testCounts [2]int
	for _, y := range s.Test.Y {
		testCounts[y]++
	}
	if testCounts != [2]int{53, 89} {
		t.Errorf("test class counts %v, want [53 89]", testCounts)
	}
	// Training columns are standardized: mean 0, population variance 1.
	for j := 0; j < s.Train.Cols; j++ {
		var m, v float64
		for i := 0; i < s.Train.Rows; i++ {
			m += s.Train.X[i*s.Train.Cols+j]
		}
		m /= float64(s.Train.Rows)
		for i := 0; i < s.Train.Rows; i++ {
			d := s.Train.X[i*s.Train.Cols+j] - m
			v += d * d
		}
		v /= float64(s.Train.Rows)
		if math.Abs(m) > 1e-12 || math.Abs(v-1) > 1e-12 {
			t.Errorf("column %d: mean %g, variance %g after standardization", j, m, v)
		}
	}
}
