package ingest

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"0", true}, {"-0", true}, {"255", true}, {"+3.25", true}, {"0.1", true}, {".5", true},
		{"5.", true}, {"1e5", true}, {"1E-5", true}, {"123456789012345678", true}, {"9007199254740993", true}, {"0.21176470588235294", true},
		{"1234567890123456789012345", true}, {"-0.00000000000000000000001", true},
		{"0.0000000000000000000000001", true}, {"1e400", true}, {"1e-400", true},
		{"NaN", true}, {"inf", true}, {"0x1p-2", false}, {"1_000", false},
		{"", false}, {"-", false}, {".", false}, {"1.2.3", false}, {"abc", false}, {"1e", false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		want, err := strconv.ParseFloat(tt.in, 64)
		if ok != tt.ok {
			t.Errorf("parseNumber(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && err == nil && math.Float64bits(got) != math.Float64bits(want) && !math.IsNaN(want) {
			t.Errorf("parseNumber(%q) = %v, want %v (ParseFloat)", tt.in, got, want)
		}
	}
}

// FuzzParseNumber checks the fast path against strconv.ParseFloat bit for
// bit wherever ParseFloat succeeds.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0", "-0.5", "255", "3.14159", "1e10", "123456789012345", "0.30000000000000004", "0.21176470588235294", "9007199254740993", "-0.9007199254740993", "12345678901234567890.5", "0.00000000000000000000000123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseNumber(s)
		want, err := strconv.ParseFloat(s, 64)
		if err == nil && !strings.ContainsAny(s, "_xX") {
			if !ok || (math.Float64bits(got) != math.Float64bits(want) && !math.IsNaN(want)) {
				t.Fatalf("parseNumber(%q) = %v, %v; ParseFloat = %v", s, got, ok, want)
			}
		}
	})
}

var sinkF float64

func BenchmarkParseNumber(b *testing.B) {
	in := []string{"0", "255", "17", "0.5", "3.14159", "-12.75"}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			for _, s := range in {
				v, _ := parseNumber(s)
				sinkF += v
			}
		}
	})
	// Pixel/255 as Python prints it: 16 to 18 digits.
	long := [][]byte{[]byte("0.00392156862745098"), []byte("0.1607843137254902"),
		[]byte("0.21176470588235294"), []byte("0.7372549019607844"), []byte("0.403921568627451"), []byte("1")}
	b.Run("long", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range long {
				v, _ := parseNumber(s)
				sinkF += v
			}
		}
	})
	b.Run("long/strconv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range long {
				v, _ := strconv.ParseFloat(string(s), 64)
				sinkF += v
			}
		}
	})
	b.Run("strconv", func(b *testing.B) {
		for b.Loop() {
			for _, s := range in {
				v, _ := strconv.ParseFloat(s, 64)
				sinkF += v
			}
		}
	})
}
