// Package jsonfloat provides a float64 whose JSON form can hold the
// non-finite values, for the model file and the command's --json output.
package jsonfloat

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Float is a float64 whose JSON form is a number, or one of the strings
// "nan", "inf" and "-inf" for the non-finite values (the convention of the
// project's golden files); null reads as NaN.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"nan"`), nil
	case math.IsInf(v, 1):
		return []byte(`"inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-inf"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "null", `"nan"`:
		*f = Float(math.NaN())
		return nil
	case `"inf"`:
		*f = Float(math.Inf(1))
		return nil
	case `"-inf"`:
		*f = Float(math.Inf(-1))
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%s is not a number, \"nan\", \"inf\" or \"-inf\"", b)
	}
	*f = Float(v)
	return nil
}
