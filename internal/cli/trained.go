package cli

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/ingest"
	"github.com/xent-ml/xent/linear"
	"github.com/xent-ml/xent/mlp"
	"github.com/xent-ml/xent/modelfile"
	"github.com/xent-ml/xent/preprocess"
)

// trained is a model fitted by `xent train`, with what the model file
// records beside it.
type trained struct {
	model    string // the --model flag
	lin      *linear.Model
	net      *mlp.Model
	schema   *ingest.Schema
	pipeline preprocess.Pipeline
	hyper    map[string]any
	summary  trainSummary
	history  []historyEntry
}

// historyEntry is one iteration (or epoch) of training.
type historyEntry struct {
	Iter      int
	Objective float64
	GradNorm  float64
	ValidLoss float64
	Seconds   float64
}

func (t *trained) numClasses() int {
	if t.net != nil {
		return t.net.NumClasses
	}
	return t.lin.NumClasses
}

// predictProba returns the n×K probabilities of x, already transformed by
// the pipeline.
func (t *trained) predictProba(x data.Matrix) ([]float64, error) {
	if t.net != nil {
		return t.net.PredictProba(nil, x)
	}
	return t.lin.PredictProba(nil, x)
}

// modelFile converts t into the plain form of package modelfile.
func (t *trained) modelFile() (*modelfile.Model, error) {
	schema, err := json.Marshal(t.schema)
	if err != nil {
		return nil, err
	}
	m := &modelfile.Model{
		Classes:         t.schema.Classes,
		NFeatures:       t.schema.NumFeatures,
		FeatureNames:    t.schema.FeatureNames,
		Preprocess:      t.pipeline,
		Hyperparameters: t.hyper,
		Schema:          schema,
		CreatedBy:       "xent " + Version,
	}
	if len(m.Classes) == 0 {
		for k := range t.numClasses() {
			m.Classes = append(m.Classes, strconv.Itoa(k))
		}
	}
	s := t.summary
	m.Training = &modelfile.Training{
		Solver: s.Solver, Iterations: s.Iterations, Converged: s.Converged, Status: s.Status,
		Objective: float64(s.Objective), TrainLogLoss: float64(s.TrainLogLoss), ValidationLogLoss: math.NaN(), Seconds: float64(s.Seconds),
	}
	if s.ValidLogLoss != nil {
		m.Training.ValidationLogLoss = float64(*s.ValidLogLoss)
	}
	for _, h := range t.history {
		it := modelfile.Iteration{Iter: h.Iter, Objective: math.NaN(), Loss: math.NaN(), GradNorm: h.GradNorm, ValidationLoss: h.ValidLoss}
		if t.net != nil {
			it.Loss = h.Objective
		} else {
			it.Objective = h.Objective
		}
		m.History = append(m.History, it)
	}
	switch {
	case t.net != nil:
		net := t.net
		m.Kind = modelfile.MLP
		act, err := modelfile.ParseActivation(net.Activation.String())
		if err != nil {
			return nil, err
		}
		m.Activation = act
		for l := range net.Weights {
			in, out := net.Sizes[l], net.Sizes[l+1]
			w := make([]float64, in*out)
			// mlp stores in×out (scikit-learn's coefs_); the file stores out×in.
			for i := 0; i < in; i++ {
				for j := 0; j < out; j++ {
					w[j*in+i] = net.Weights[l][i*out+j]
				}
			}
			m.Layers = append(m.Layers, modelfile.Layer{In: in, Out: out, Weights: w, Biases: append([]float64(nil), net.Biases[l]...)})
		}
	default:
		lin := t.lin
		switch lin.Kind {
		case linear.Binary:
			m.Kind = modelfile.Logistic
		case linear.Multinomial:
			m.Kind = modelfile.Softmax
		default:
			m.Kind = modelfile.OvR
		}
		m.Coef = lin.Coef
		m.Intercept = lin.Intercept
	}
	return m, nil
}

// save writes t as a model file, atomically.
func (t *trained) save(path string) error {
	m, err := t.modelFile()
	if err != nil {
		return err
	}
	return m.Save(path)
}

// diverged reports whether training ended worse than it started: the
// stochastic solvers stop when their epoch loss stops improving, which a
// learning rate that is far too large also triggers.
func (t *trained) diverged() bool {
	if len(t.history) < 2 {
		return false
	}
	first, last := t.history[0].Objective, t.history[len(t.history)-1].Objective
	return !(last <= first) // NaN too
}
