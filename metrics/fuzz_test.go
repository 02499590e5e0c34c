package metrics

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// specials are the awkward values a fuzzed probability or weight may take.
var specials = []float64{
	0, 1, math.NaN(), math.Inf(1), math.Inf(-1), -1e-300, 1 + 1e-15, 5e-324,
	1 - 1e-17, 1e-17, 0.5, -0.0, 1e300, 2,
}

// fuzzInput decodes data into a problem: k columns (1 to 4), labels in a
// small range, probabilities mostly in [0, 1] with special values mixed in,
// and optional weights.
type fuzzInput struct {
	y    []int
	p, w []float64
	k    int
}

func decodeFuzz(data []byte) (fuzzInput, byte) {
	var in fuzzInput
	if len(data) < 2 {
		return in, 0
	}
	in.k = 1 + int(data[0]%4)
	opts := data[1]
	data = data[2:]
	value := func(b []byte) float64 {
		u := binary.LittleEndian.Uint16(b)
		if u >= 65000 {
			return specials[int(u-65000)%len(specials)]
		}
		return float64(u) / 64999
	}
	rec := 1 + 2*in.k + 2
	for len(data) >= rec {
		in.y = append(in.y, int(data[0]%5)-1)
		for j := range in.k {
			in.p = append(in.p, value(data[1+2*j:]))
		}
		in.w = append(in.w, value(data[1+2*in.k:])*3)
		data = data[rec:]
	}
	if opts&1 == 0 {
		in.w = nil
	}
	return in, opts
}

func fuzzSeeds(f *testing.F) {
	f.Add([]byte{0, 0, 1, 0, 0, 0, 0, 2, 0xff, 0x7f, 0, 0})
	f.Add([]byte{0, 1, 1, 0xe8, 0xfd, 0, 1, 2, 0, 0x80, 0, 1, 3, 0xe9, 0xfd, 0xff, 0xff})
	f.Add([]byte{2, 2, 0, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0, 1, 1, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0, 2, 2, 0, 0, 0, 0, 0xe8, 0xfd, 0, 3})
	f.Add([]byte{1, 3, 1, 0x00, 0x40, 0x00, 0x40, 0, 1, 2, 0x00, 0x80, 0x00, 0x80, 0xe8, 0xfd, 0, 1, 0xff, 0xff, 0xee, 0xfd, 0, 1})
}

// FuzzLogLoss checks that LogLoss never panics and returns a finite,
// non-negative loss or an error.
func FuzzLogLoss(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, opts := decodeFuzz(data)
		l := LogLoss{SampleWeight: in.w, Clip: Clipping(opts >> 1 % 4), Rows: Renormalization(opts >> 3 % 2), Reduction: Reduction(opts >> 4 % 2)}
		if l.Clip == ClipEps {
			l.Eps = 1e-7
		}
		if opts&0x20 != 0 {
			l.Labels = []int{-1, 0, 1, 2, 3}[:1+in.k]
		}
		v, err := l.Eval(in.y, in.p, in.k)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0) || v < 0) {
			t.Fatalf("LogLoss%+v.Eval(%v, %v, %d) = %v", l, in.y, in.p, in.k, v)
		}
	})
}

// FuzzROCAUC checks that ROCAUC never panics, returns an area in [0, 1] or
// an error, and for one score column agrees with the Mann-Whitney statistic.
func FuzzROCAUC(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, opts := decodeFuzz(data)
		r := ROCAUC{SampleWeight: in.w}
		v, err := r.Eval(in.y, in.p, in.k)
		if err != nil {
			return
		}
		if !(v >= 0 && v <= 1) {
			t.Fatalf("ROCAUC.Eval(%v, %v, %d) = %v", in.y, in.p, in.k, v)
		}
		if in.k != 1 || opts&0x40 != 0 {
			return
		}
		w := in.w
		if w == nil {
			w = make([]float64, len(in.y))
			for i := range w {
				w[i] = 1
			}
		}
		pos, _ := PositiveLabel(in.y, nil)
		if want := mannWhitney(in.y, in.p, w, pos); !numtest.Close(v, want, 1e-9, 1e-12) {
			t.Fatalf("ROCAUC.Eval(%v, %v, %v) = %v, Mann-Whitney %v", in.y, in.p, w, v, want)
		}
	})
}
