package ingest

import (
	"errors"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unsafe"
)

// pow10 holds the powers of ten that are exact in float64.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses a decimal number as strconv.ParseFloat(s, 64) does,
// with the same correctly rounded result, and reports whether s is a valid
// number. NaN and infinities parse (ok) and are rejected by the caller.
//
// Plain decimals "[+-]digits[.digits]" are parsed by scanNumber; anything
// else (exponents, spaces, NaN, bad text) goes to strconv.ParseFloat.
// FuzzParseNumber checks the two agree bit for bit.
func parseNumber[T string | []byte](s T) (float64, bool) {
	if v, end, ok := scanNumber(s, 0); ok && end == len(s) {
		return v, true
	}
	return parseSlow(string(s))
}

// maxExact is the largest mantissa below which every integer is exact in
// float64.
const maxExact = 1 << 53

// scanNumber parses the plain decimal "[+-]digits[.digits]" that starts at
// s[i] and ends at a comma or at the end of s, and returns its value and
// the index of its end. ok is false when the text there is anything else;
// the caller then finds the field's end itself.
func scanNumber[T string | []byte](s T, i int) (v float64, end int, ok bool) {
	v, end, ok = scanDecimal(s, i)
	if end < len(s) && s[end] != ',' {
		return 0, end, false
	}
	return v, end, ok
}

// scanDecimal parses the plain decimal "[+-]digits[.digits]" that starts
// at s[i] and returns its value and the index of the first byte after it;
// ok is false when there is no digit or when an exponent follows (the
// text is then no plain decimal, and the caller's slower path reads it).
// The caller checks what follows.
//
// Fast path (Clinger 1990): when the digits, leading zeros left out, form
// an integer m ≤ 2^53 and there are f ≤ 22 digits after the point, m and
// 10^f are exact in float64, so one correctly rounded division gives the
// correctly rounded value. That covers pixel values, most numbers programs
// print, and about half of the 17-digit ones such as 0.1607843137254902
// (pixel/255 as Python prints it); it is several times faster than
// strconv.ParseFloat (BenchmarkParseNumber), which was the largest cost of
// reading a Fashion-MNIST-sized file. Other plain decimals go to
// strconv.ParseFloat on the bytes in place, without a copy.
func scanDecimal[T string | []byte](s T, i int) (v float64, end int, ok bool) {
	first := i
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	sig := 0      // significant digits in m
	long := false // more than 19 significant digits: m is not the mantissa
	start := i
	for i < len(s) && s[i]-'0' <= 9 {
		if sig < 19 {
			m = m*10 + uint64(s[i]-'0')
			if m != 0 {
				sig++
			}
		} else {
			long = true
		}
		i++
	}
	digits := i - start
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i]-'0' <= 9 {
			if sig < 19 {
				m = m*10 + uint64(s[i]-'0')
				if m != 0 {
					sig++
				}
			} else {
				long = true
			}
			i++
		}
		frac = i - fs
		digits += frac
	}
	if digits == 0 || (i < len(s) && s[i]|0x20 == 'e') {
		return 0, i, false // no digit, or an exponent follows
	}
	if !long && frac <= 22 {
		fast := m <= maxExact
		if fast {
			v = float64(m)
			if frac > 0 {
				v /= pow10[frac]
			}
		} else {
			v, fast = divPow10(m, frac)
		}
		if fast {
			if neg {
				v = -v
			}
			return v, i, true
		}
	}
	// A plain decimal: strconv.ParseFloat's syntax, nothing for parseSlow
	// to reject.
	v, err := strconv.ParseFloat(asString(s[first:i]), 64)
	if err != nil && !(errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0)) {
		return 0, i, false
	}
	return v, i, true
}

// pow5 holds 5^f for f ≤ 22, all below 2^52.
var pow5 = func() (p [23]uint64) {
	p[0] = 1
	for f := 1; f < len(p); f++ {
		p[f] = 5 * p[f-1]
	}
	return p
}()

// divPow10 returns m/10^f correctly rounded, for 2^53 < m < 2^64 and
// 0 < f ≤ 22 (the mantissas of 16 to 19 digits that the exact fast path
// cannot take), or ok = false when it cannot decide cheaply.
//
// q = float64(m)/10^f rounds twice, so it is within an ulp or so of the
// result. q = M·2^E (2^52 ≤ M < 2^53) is the correctly rounded m/10^f when
// m/10^f lies strictly between the midpoints (2M∓1)·2^(E−1), which with
// 10^f = 5^f·2^f is the exact 128-bit integer comparison
// (2M−1)·5^f < m·2^s < (2M+1)·5^f, s = 1−E−f; q moves to its neighbour
// until that holds. Ties, the binade's edge and shifts outside 0…63 are
// left to strconv.ParseFloat (ok = false).
func divPow10(m uint64, f int) (v float64, ok bool) {
	if f <= 0 || f > 22 {
		return 0, false
	}
	q := float64(m) / pow10[f]
	p5 := pow5[f]
	for range 3 {
		b := math.Float64bits(q)
		M := b&(1<<52-1) | 1<<52
		E := int(b>>52&0x7ff) - 1075
		s := 1 - E - f
		if b>>52 == 0 || M == 1<<52 || s < 0 || s > 63 {
			return 0, false
		}
		ah, al := m>>(64-s), m<<s // m·2^s (m>>64 is 0)
		uh, ul := bits.Mul64(2*M+1, p5)
		lh, ll := bits.Mul64(2*M-1, p5)
		switch {
		case ah < lh || (ah == lh && al < ll):
			q = math.Nextafter(q, 0) // below the lower midpoint
		case ah > uh || (ah == uh && al > ul):
			q = math.Nextafter(q, math.Inf(1)) // above the upper midpoint
		case (ah == lh && al == ll) || (ah == uh && al == ul):
			return 0, false // a tie
		default:
			return q, true
		}
	}
	return 0, false
}

// asString returns the bytes of s as a string without copying; the result
// must not outlive s's bytes or be kept.
func asString[T string | []byte](s T) string {
	switch b := any(s).(type) {
	case string:
		return b
	case []byte:
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	return string(s)
}

// parseSlow is strconv.ParseFloat limited to decimal syntax: it rejects
// the underscores and hexadecimal mantissas that Go accepts and data files
// do not use.
func parseSlow(s string) (float64, bool) {
	if strings.ContainsAny(s, "_xX") {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Out of range: ParseFloat returns ±Inf with ErrRange; report it
		// as a number so that the caller's finiteness check names it.
		if errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0) {
			return v, true
		}
		return 0, false
	}
	return v, true
}

// trimSpace trims ASCII spaces and tabs.
func trimSpace[T string | []byte](s T) T {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
