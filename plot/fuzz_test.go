package plot

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzSave feeds arbitrary numbers to every figure: Save must return nil
// or an error, never panic or hang. Half the inputs are folded into the
// valid ranges so that drawing, not only validation, is exercised.
func FuzzSave(f *testing.F) {
	f.Add([]byte{0x3f, 0xe0, 0, 0, 0, 0, 0, 0, 0x3f, 0xd0, 0, 0, 0, 0, 0, 0}, uint8(0))
	f.Add(binary.BigEndian.AppendUint64(nil, math.Float64bits(math.NaN())), uint8(1))
	f.Add(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, math.Float64bits(1e308)), math.Float64bits(-1e308)), uint8(6))
	f.Add(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, 1), 2), uint8(7)) // subnormals
	f.Add([]byte("the quick brown fox jumps over the lazy dog, twice over"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		var xs []float64
		for len(data) >= 8 && len(xs) < 64 {
			xs = append(xs, math.Float64frombits(binary.BigEndian.Uint64(data)))
			data = data[8:]
		}
		fold := mode&1 == 1
		if fold {
			for i, x := range xs {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					x = 0.5
				}
				xs[i] = math.Abs(math.Mod(x, 1))
			}
		}
		half := xs[:len(xs)/2]
		rest := xs[len(xs)/2:][:len(half)]
		sorted := func(v []float64) []float64 { v = slices.Clone(v); slices.Sort(v); return v }
		figs := []saver{
			TrainingCurve{Train: xs, LogY: mode&2 != 0},
			TrainingCurve{Train: half, Valid: rest, LogY: mode&2 != 0},
			ROC{Series: []ROCSeries{{FPR: sorted(half), TPR: sorted(rest)}}},
			Reliability{Series: []ReliabilitySeries{{Predicted: half, Observed: rest, Counts: rest}}, Kind: ReliabilityKind(mode % 4)},
			LossCurve{YMax: firstOr(xs, 0), CompareMSE: mode&4 != 0},
		}
		dir := t.TempDir()
		for _, fig := range figs {
			path := filepath.Join(dir, "f.svg")
			err := fig.Save(path)
			var ie *InputError
			if err != nil && !errors.As(err, &ie) {
				t.Errorf("%T.Save: %v, want nil or an *InputError", fig, err)
			}
			if err == nil {
				if b, _ := os.ReadFile(path); bytes.Contains(b, []byte("NaN")) {
					t.Errorf("%T.Save wrote NaN coordinates", fig)
				}
			}
			os.Remove(path)
		}
	})
}

func firstOr(xs []float64, def float64) float64 {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
}
