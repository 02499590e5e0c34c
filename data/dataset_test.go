package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDatasetValidate(t *testing.T) {
	x, _ := NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	tests := []struct {
		name string
		d    Dataset
		want error
		text string
	}{
		{"ok", Dataset{X: x, Y: []int{0, 1, 0}, Classes: []string{"a", "b"}}, nil, ""},
		{"nil X", Dataset{Y: []int{0}}, ErrShape, "X is nil"},
		{"short Y", Dataset{X: x, Y: []int{0, 1}}, ErrShape, "len(Y) = 2"},
		{"class range", Dataset{X: x, Y: []int{0, 2, 0}, Classes: []string{"a", "b"}}, ErrIndex, "Y[1] = 2"},
		{"negative class", Dataset{X: x, Y: []int{0, -1, 0}}, ErrIndex, "Y[1] = -1"},
		{"duplicate class", Dataset{X: x, Y: []int{0, 1, 0}, Classes: []string{"a", "a"}}, ErrClasses, "Classes[1]"},
		{"weight", Dataset{X: x, Y: []int{0, 1, 0}, SampleWeight: []float64{1, -1, 1}}, ErrWeight, "SampleWeight[1] = -1"},
		{"weight len", Dataset{X: x, Y: []int{0, 1, 0}, SampleWeight: []float64{1}}, ErrShape, "len(SampleWeight)"},
		{"names", Dataset{X: x, Y: []int{0, 1, 0}, FeatureNames: []string{"f"}}, ErrShape, "len(FeatureNames)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.d.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("Validate = %v, want %v containing %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestClassCounts(t *testing.T) {
	d := Dataset{Y: []int{2, 0, 2, 2}}
	if got := d.ClassCounts(nil); !slices.Equal(got, []int{1, 0, 3}) {
		t.Fatalf("ClassCounts = %v, want [1 0 3]", got)
	}
	if d.NumClasses() != 3 {
		t.Fatalf("NumClasses = %d, want 3", d.NumClasses())
	}
}

func TestSortClasses(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"numeric", []string{"10", "9", "-1", "9"}, []string{"-1", "9", "10"}},
		{"numeric merge", []string{"1.0", "1", "+1", "0"}, []string{"0", "+1"}},
		{"text", []string{"b", "a", "B", "10", "9"}, []string{"10", "9", "B", "a", "b"}},
		{"nan is text", []string{"NaN", "1"}, []string{"1", "NaN"}},
		{"empty", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SortClasses(tt.in); !slices.Equal(got, tt.want) {
				t.Fatalf("SortClasses(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEncodeLabels(t *testing.T) {
	y, classes, err := EncodeLabels(nil, []string{"3", "1", "3.0", "2"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(classes, []string{"1", "2", "3"}) || !slices.Equal(y, []int{2, 0, 2, 1}) {
		t.Fatalf("EncodeLabels = %v, %q", y, classes)
	}
	_, _, err = EncodeLabels(nil, []string{"1", "4"}, classes)
	if !errors.Is(err, ErrUnknownLabel) || !strings.Contains(err.Error(), `labels[1] = "4"`) {
		t.Fatalf("EncodeLabels unknown = %v", err)
	}
	if _, err := NewLabelIndex([]string{"1", "1.0"}); !errors.Is(err, ErrClasses) {
		t.Fatalf("NewLabelIndex duplicate value = %v, want ErrClasses", err)
	}
}
