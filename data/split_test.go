package data

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
)

func TestStratifiedKFoldScikitLearn(t *testing.T) {
	// Without shuffle the folds equal scikit-learn's; the expected sets are
	// those of the StratifiedKFold examples in the scikit-learn 1.2
	// documentation (API reference and user guide §3.1.2.2).
	folds, err := StratifiedKFold([]int{0, 0, 1, 1}, 2, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Fold{{Train: []int{1, 3}, Test: []int{0, 2}}, {Train: []int{0, 2}, Test: []int{1, 3}}}
	for f := range want {
		if !slices.Equal(folds[f].Train, want[f].Train) || !slices.Equal(folds[f].Test, want[f].Test) {
			t.Errorf("fold %d = %v, want %v", f, folds[f], want[f])
		}
	}
	y := make([]int, 50)
	for i := 45; i < 50; i++ {
		y[i] = 1
	}
	folds, err = StratifiedKFold(y, 3, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	for f, w := range [][2]int{{15, 2}, {15, 2}, {15, 1}} {
		d := Dataset{Y: y}
		sub := Dataset{Y: gather(y, folds[f].Test)}
		if got := sub.ClassCounts(nil); got[0] != w[0] || got[1] != w[1] {
			t.Errorf("fold %d test class counts %v, want %v (of %v)", f, got, w, d.ClassCounts(nil))
		}
	}
}

func gather(y, idx []int) []int {
	out := make([]int, len(idx))
	for k, i := range idx {
		out[k] = y[i]
	}
	return out
}

func TestStratifiedKFoldProperties(t *testing.T) {
	y := make([]int, 103)
	for i := range y {
		y[i] = (i * 7) % 4 % 3
	}
	counts := (&Dataset{Y: y}).ClassCounts(nil)
	for _, shuf := range []bool{false, true} {
		folds, err := StratifiedKFold(y, 5, shuf, 42)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]int, len(y))
		for f, fold := range folds {
			if len(fold.Train)+len(fold.Test) != len(y) || !slices.IsSorted(fold.Test) || !slices.IsSorted(fold.Train) {
				t.Fatalf("shuffle=%v fold %d: sizes %d+%d or unsorted", shuf, f, len(fold.Train), len(fold.Test))
			}
			for _, i := range fold.Test {
				seen[i]++
			}
			tc := (&Dataset{Y: gather(y, fold.Test), Classes: []string{"a", "b", "c"}}).ClassCounts(nil)
			for c := range tc {
				if lo := counts[c] / 5; tc[c] < lo || tc[c] > lo+1 {
					t.Errorf("shuffle=%v fold %d class %d: %d test samples, want %d or %d", shuf, f, c, tc[c], lo, lo+1)
				}
			}
		}
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("sample %d in %d test folds", i, s)
			}
		}
	}
	// Deterministic: same seed, same folds, at any GOMAXPROCS.
	a, _ := StratifiedKFold(y, 5, true, 7)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b, _ := StratifiedKFold(y, 5, true, 7)
	c, _ := StratifiedKFold(y, 5, true, 8)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("same seed gave different folds")
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Error("different seeds gave the same folds")
	}
}

func TestStratifiedErrors(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
		want error
	}{
		{"folds < 2", func() error { _, err := StratifiedKFold([]int{0, 1}, 1, false, 0); return err }, ErrShape},
		{"folds > n", func() error { _, err := StratifiedKFold([]int{0, 1}, 3, false, 0); return err }, ErrShape},
		{"class too small", func() error { _, err := StratifiedKFold([]int{0, 1, 0, 1}, 3, false, 0); return err }, ErrClasses},
		{"negative", func() error { _, err := StratifiedKFold([]int{0, -1, 0}, 2, false, 0); return err }, ErrIndex},
		{"test size", func() error { _, _, err := StratifiedSplit([]int{0, 1}, 1, 0); return err }, ErrShape},
		{"singleton class", func() error { _, _, err := StratifiedSplit([]int{0, 0, 0, 1}, 0.5, 0); return err }, ErrClasses},
		{"too few test", func() error { _, _, err := StratifiedSplit([]int{0, 0, 1, 1, 2, 2}, 0.1, 0); return err }, ErrClasses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.err(); !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestStratifiedSplit(t *testing.T) {
	y := make([]int, 569) // breast cancer: 212 malignant, 357 benign
	for i := 212; i < 569; i++ {
		y[i] = 1
	}
	train, test, err := StratifiedSplit(y, 0.25, 0)
	if err != nil {
		t.Fatal(err)
	}
	// scikit-learn 1.2 train_test_split(test_size=0.25, stratify=y): by its
	// _approximate_mode, 143 test samples, 53 of class 0 and 90 of class 1.
	tc := (&Dataset{Y: gather(y, test)}).ClassCounts(nil)
	if len(test) != 143 || len(train) != 426 || tc[0] != 53 || tc[1] != 90 {
		t.Fatalf("split sizes train %d test %d, test counts %v; want 426, 143, [53 90]", len(train), len(test), tc)
	}
	all := append(slices.Clone(train), test...)
	slices.Sort(all)
	for i, v := range all {
		if v != i {
			t.Fatalf("train ∪ test is not a partition at %d", i)
		}
	}
	t2, _, _ := StratifiedSplit(y, 0.25, 0)
	t3, _, _ := StratifiedSplit(y, 0.25, 1)
	if !slices.Equal(train, t2) || slices.Equal(train, t3) {
		t.Fatal("split not a deterministic function of the seed")
	}
}
