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
// most 15 significant digits and at most 22 fractional digits is m/10^f with
// m and 10^f exact in float64, so one correctly rounded division gives the
// correctly rounded result. That covers pixel values and most numbers that
// programs print, and is about 3× faster than strconv.ParseFloat, which was
// the largest cost of reading a Fashion-MNIST-sized CSV
// (BenchmarkParseNumber). Anything else goes to strconv.ParseFloat.
func parseNumber[T string | []byte](s T) (float64, bool) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	digits, frac := 0, 0
	sawDot, sawDigit := false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if m == 0 && c == '0' {
				// leading zeros are not significant
			} else {
				digits++
			}
			m = m*10 + uint64(c-'0')
			if sawDot {
				frac++
			}
		case c == '.' && !sawDot:
			sawDot = true
		default:
			return parseSlow(string(s))
		}
		if digits > 15 || frac > 22 {
			return parseSlow(string(s))
		}
	}
	if !sawDigit {
		return parseSlow(string(s))
	}
	v := float64(m)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg {
		v = -v
	}
	return v, true
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
