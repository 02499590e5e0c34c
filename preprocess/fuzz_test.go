package preprocess

import (
	"encoding/json"
	"testing"

	"github.com/xent-ml/xent/data"
)

// FuzzPipelineJSON decodes arbitrary bytes as a Pipeline, as a model file
// loader does, and applies whatever validates to small dense and sparse
// matrices: no panic, and a validated pipeline's output has the width it
// announced.
func FuzzPipelineJSON(f *testing.F) {
	f.Add([]byte(`[{"standardize":{"mean":[1,2],"scale":[0.5,2]}}]`), 2)
	f.Add([]byte(`[{"one_hot":{"n_input":2,"columns":[0],"categories":[[0,1,2]],"unknown":"ignore"}},{"max_abs":{"scale":[1,1,1,3]}}]`), 2)
	f.Add([]byte(`[{"hash":{"n_features":4,"names":["a","b"]}}]`), 2)
	f.Add([]byte(`[{"hash":{"n_features":3}}, {"standardize":{"scale":[1,1,1]}}]`), 2)
	f.Add([]byte(`[{"one_hot":{"n_input":2,"columns":[1,0],"categories":[[0],[1]]}}]`), 2)
	f.Add([]byte(`[{}]`), 1)
	f.Add([]byte(`[{"standardize":{"mean":[1],"scale":[0.5,2]}}]`), 2)
	f.Add([]byte(`[{"one_hot":{"n_input":2,"columns":[5],"categories":[[]]}}]`), 2)
	f.Fuzz(func(t *testing.T, b []byte, in int) {
		if in < 0 || in > 8 {
			return
		}
		var p Pipeline
		if json.Unmarshal(b, &p) != nil {
			return
		}
		// Transform must not panic even on parameters Validate rejects.
		raw, _ := data.NewDense(2, in, make([]float64, 2*in))
		for _, s := range p {
			if t, err := s.Transformer(); err == nil {
				if h, ok := t.(*FeatureHasher); ok && h.width() > 1<<16 {
					continue
				}
				_, _ = t.Transform(raw)
				_, _ = t.Transform(data.ToCSR(raw))
			}
		}
		w, err := p.OutputWidth(in)
		if err != nil || w > 1<<16 {
			return
		}
		vals := make([]float64, 3*in)
		for i := range vals {
			vals[i] = float64(i%3) - 0.5*float64(i%2)
		}
		x, _ := data.NewDense(3, in, vals)
		for _, m := range []data.Matrix{x, data.ToCSR(x)} {
			z, err := p.Transform(m)
			if err != nil {
				continue
			}
			if r, c := z.Dims(); r != 3 || c != w {
				t.Fatalf("Transform gives %d×%d, OutputWidth said 3×%d", r, c, w)
			}
		}
	})
}
