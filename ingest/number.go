package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// pow10 holds the powers of ten that are exact in float64.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses a decimal number as strconv.ParseFloat(s, 64) does,
// with the same correctly rounded result, and reports whether s is a valid
// number. NaN and infinities parse (ok) and are rejected by the caller.
//
// Fast path (Clinger 1990): a plain decimal "[+-]digits[.digits]" with at
// most 15 digits is m/10^f with m and 10^f exact in float64, so one
// correctly rounded division gives the correctly rounded result. That
// covers pixel values and most numbers that programs print, and is several
// times faster than strconv.ParseFloat (BenchmarkParseNumber), which was
// the largest cost of reading a Fashion-MNIST-sized CSV. Anything else goes
// to strconv.ParseFloat. FuzzParseNumber checks the two agree bit for bit.
func parseNumber[T string | []byte](s T) (float64, bool) {
	if v, end, ok := scanNumber(s, 0); ok && end == len(s) {
		return v, true
	}
	return parseSlow(string(s))
}

// scanNumber parses the fast-path number "[+-]digits[.digits]" (at most
// 15 digits, leading zeros included, so that m < 10^15 < 2^53 and 10^frac
// are exact) that starts at s[i] and ends at a comma or at the end of s,
// and returns its value and the index of its end. ok is false when the text
// there is anything else; the caller then finds the field's end itself.
func scanNumber[T string | []byte](s T, i int) (v float64, end int, ok bool) {
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var m uint64
	for i < len(s) && s[i]-'0' <= 9 {
		m = m*10 + uint64(s[i]-'0')
		i++
	}
	digits := i - start
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i]-'0' <= 9 {
			m = m*10 + uint64(s[i]-'0')
			i++
		}
		frac = i - fs
		digits += frac
	}
	if (i < len(s) && s[i] != ',') || digits == 0 || digits > 15 {
		return 0, i, false
	}
	v = float64(m)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg {
		v = -v
	}
	return v, i, true
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
