package cli

import "github.com/xent-ml/xent/internal/jsonfloat"

// jsonFloat is a float64 that --json output writes as a number, or as the
// string "nan", "inf" or "-inf", since JSON has no literal for them.
type jsonFloat = jsonfloat.Float
