package modelfile

import (
	"errors"
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

// Validate checks that m can be saved and used for prediction:
//
//   - Kind is known; Classes has at least two distinct labels (exactly two
//     for Logistic);
//   - NFeatures ≥ 0; FeatureNames is nil or has NFeatures names;
//   - every preprocessing step is valid and the steps chain from
//     NFeatures input columns to a width w;
//   - a linear model (Logistic, Softmax, OvR) has R intercepts and R×w
//     coefficients (R = 1 for Logistic, K otherwise) and no layers;
//   - an MLP has a known activation, no Coef or Intercept, and layers that
//     chain from w inputs to K outputs (1 for two classes), each with
//     In×Out weights and Out biases;
//   - every parameter is finite;
//   - the calibration, when present, is valid for K classes;
//   - Schema, when present, is valid JSON, and Hyperparameters can be
//     written as JSON (no NaN, no channel…).
//
// The error wraps [ErrInvalid] and says what is wrong.
func (m *Model) Validate() error {
	if _, err := m.check(true); err != nil {
		return fmt.Errorf("modelfile: %w: %w", ErrInvalid, err)
	}
	return nil
}

// check validates m and returns the width of the preprocessed input. With
// full false it checks only what prediction needs to run without a panic
// (kinds, counts and lengths, which cost O(layers + steps)); full adds the
// O(parameters) scans: finiteness of every parameter and the values of the
// preprocessing and calibration parameters.
func (m *Model) check(full bool) (int, error) {
	if m == nil {
		return 0, errors.New("nil model")
	}
	k := len(m.Classes)
	if m.Kind < Logistic || m.Kind > MLP {
		return 0, fmt.Errorf("unknown kind %v", m.Kind)
	}
	if k < 2 {
		return 0, fmt.Errorf("%d classes, want at least 2", k)
	}
	if m.Kind == Logistic && k != 2 {
		return 0, fmt.Errorf("logistic model with %d classes, want 2", k)
	}
	if m.NFeatures < 0 {
		return 0, fmt.Errorf("n_features = %d", m.NFeatures)
	}
	var w int
	var err error
	if full {
		if _, err := data.NewLabelIndex(m.Classes); err != nil {
			return 0, fmt.Errorf("classes: %w", err)
		}
		if m.FeatureNames != nil && len(m.FeatureNames) != m.NFeatures {
			return 0, fmt.Errorf("%d feature names for n_features = %d", len(m.FeatureNames), m.NFeatures)
		}
		if w, err = m.Preprocess.OutputWidth(m.NFeatures); err != nil {
			return 0, err
		}
	} else if w, err = m.pipelineWidth(); err != nil {
		return 0, err
	}
	switch m.Kind {
	case Logistic, Softmax, OvR:
		r := k
		if m.Kind == Logistic {
			r = 1
		}
		if len(m.Layers) != 0 {
			return 0, fmt.Errorf("%v model with %d layers, want none", m.Kind, len(m.Layers))
		}
		if len(m.Intercept) != r {
			return 0, fmt.Errorf("intercept has %d values, want %d", len(m.Intercept), r)
		}
		if len(m.Coef) != r*w {
			return 0, fmt.Errorf("coef has %d values, want %d (%d %s × %d features%s)", len(m.Coef), r*w, r, plural(r, "row"), w, afterSteps(len(m.Preprocess)))
		}
		if full {
			if err := finite("coef", m.Coef, w); err != nil {
				return 0, err
			}
			if err := finite("intercept", m.Intercept, 0); err != nil {
				return 0, err
			}
		}
	case MLP:
		if m.Activation < ReLU || m.Activation > Sigmoid {
			return 0, fmt.Errorf("unknown activation %v", m.Activation)
		}
		if len(m.Coef) != 0 || len(m.Intercept) != 0 {
			return 0, fmt.Errorf("mlp model with coef or intercept, want layers only")
		}
		if len(m.Layers) == 0 {
			return 0, fmt.Errorf("mlp model without layers")
		}
		in := w
		for l := range m.Layers {
			ly := &m.Layers[l]
			if ly.In != in {
				return 0, fmt.Errorf("layers[%d] has %d inputs, want %d", l, ly.In, in)
			}
			if ly.Out < 1 {
				return 0, fmt.Errorf("layers[%d] has %d units", l, ly.Out)
			}
			if len(ly.Weights) != ly.In*ly.Out {
				return 0, fmt.Errorf("layers[%d] has %d weights, want %d (%d units × %d inputs)", l, len(ly.Weights), ly.In*ly.Out, ly.Out, ly.In)
			}
			if len(ly.Biases) != ly.Out {
				return 0, fmt.Errorf("layers[%d] has %d biases, want %d", l, len(ly.Biases), ly.Out)
			}
			if full {
				if err := finite(fmt.Sprintf("layers[%d].weights", l), ly.Weights, ly.In); err != nil {
					return 0, err
				}
				if err := finite(fmt.Sprintf("layers[%d].biases", l), ly.Biases, 0); err != nil {
					return 0, err
				}
			}
			in = ly.Out
		}
		want := k
		if k == 2 {
			want = 1
		}
		if in != want {
			return 0, fmt.Errorf("the output layer has %d units, want %d for %d classes", in, want, k)
		}
	}
	if m.Calibration != nil {
		if full {
			if err := m.Calibration.Validate(k); err != nil {
				return 0, err
			}
		} else if _, err := m.Calibration.Calibrator(); err != nil {
			return 0, err
		}
	}
	if full && len(m.Schema) > 0 && !jsonValid(m.Schema) {
		return 0, fmt.Errorf("schema is not valid JSON")
	}
	if full && m.Hyperparameters != nil {
		if _, err := marshal(m.Hyperparameters); err != nil {
			return 0, fmt.Errorf("field hyperparameters: %w", err)
		}
	}
	return w, nil
}

// pipelineWidth returns the width after preprocessing, checking only the
// counts the steps need to run.
func (m *Model) pipelineWidth() (int, error) {
	w := m.NFeatures
	for i, s := range m.Preprocess {
		t, err := s.Transformer()
		if err != nil {
			return 0, fmt.Errorf("preprocess step %d: %w", i+1, err)
		}
		if w, err = t.OutputWidth(w); err != nil {
			return 0, fmt.Errorf("preprocess step %d: %w", i+1, err)
		}
	}
	return w, nil
}

// finite returns an error naming the first non-finite element of v, as
// name[i] or, when cols > 0, name[row, col].
func finite(name string, v []float64, cols int) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if cols > 0 {
				return fmt.Errorf("%s[%d, %d] = %v: not finite", name, i/cols, i%cols, x)
			}
			return fmt.Errorf("%s[%d] = %v: not finite", name, i, x)
		}
	}
	return nil
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

func afterSteps(steps int) string {
	if steps == 0 {
		return ""
	}
	return " after preprocessing"
}
