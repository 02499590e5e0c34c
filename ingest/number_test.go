package ingest

import (
	"math"
	"math/rand/v2"
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

// TestParseNumberLongMantissas checks the 16- to 19-digit mantissas
// (divPow10) against strconv.ParseFloat bit for bit: the decimals that
// Python and Go print for pixel/255 and for random doubles, and the same
// digits cut and nudged, where rounding is closest to a tie.
func TestParseNumberLongMantissas(t *testing.T) {
	var in []string
	for i := range 256 {
		in = append(in, strconv.FormatFloat(float64(i)/255, 'f', -1, 64), strconv.FormatFloat(float64(i)/255, 'f', 17, 64))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		x := rng.Float64() * math.Pow(10, float64(rng.IntN(8)-4))
		s := strconv.FormatFloat(x, 'f', -1, 64)
		in = append(in, s, strconv.FormatFloat(x, 'f', 16+rng.IntN(4), 64))
		if len(s) > 3 { // change the last digit: off the shortest decimal
			in = append(in, s[:len(s)-1]+string(rune('0'+rng.IntN(10))))
		}
	}
	// Halfway between two doubles, exactly: 2^-1 + 2^-54 and neighbours.
	in = append(in, "0.50000000000000005551115123125782702118158340454101562", "9007199254740993", "0.9007199254740993", "0.9007199254740995")
	fast := 0
	for _, s := range in {
		got, ok := parseNumber(s)
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseNumber(%q) = %v, %v; ParseFloat = %v, %v", s, got, ok, want, err)
		}
		if m, f, plain := mantissa(s); plain && m > maxExact && f <= 22 {
			if _, ok := divPow10(m, f); ok {
				fast++
			}
		}
	}
	t.Logf("divPow10 decided %d of %d", fast, len(in))
	if fast < len(in)/4 {
		t.Errorf("divPow10 decided only %d of %d numbers", fast, len(in))
	}
}

// mantissa returns the digits of a plain decimal as an integer and the
// number of digits after its point; plain is false beyond 19 digits.
func mantissa(s string) (m uint64, frac int, plain bool) {
	digits, point := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			point = i
		case c >= '0' && c <= '9':
			if m == 0 && c == '0' {
				break
			}
			digits++
			if digits > 19 {
				return 0, 0, false
			}
			m = m*10 + uint64(c-'0')
		default:
			return 0, 0, false
		}
	}
	if point >= 0 {
		frac = len(s) - point - 1
	}
	return m, frac, true
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
