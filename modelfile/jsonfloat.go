package modelfile

import (
	"encoding/json"
	"math"

	"github.com/xent-ml/xent/internal/jsonfloat"
)

// jfloat is the model file's float: a JSON number, or "nan", "inf", "-inf".
type jfloat = jsonfloat.Float

var nan = jfloat(math.NaN())

type trainingJSON struct {
	Solver            string `json:"solver,omitempty"`
	Iterations        int    `json:"iterations"`
	Converged         bool   `json:"converged"`
	Status            string `json:"status,omitempty"`
	Objective         jfloat `json:"objective"`
	TrainLogLoss      jfloat `json:"train_log_loss"`
	ValidationLogLoss jfloat `json:"validation_log_loss"`
	Seconds           jfloat `json:"seconds"`
}

// MarshalJSON writes t with NaN and infinities as "nan", "inf", "-inf".
func (t Training) MarshalJSON() ([]byte, error) {
	return json.Marshal(trainingJSON{t.Solver, t.Iterations, t.Converged, t.Status,
		jfloat(t.Objective), jfloat(t.TrainLogLoss), jfloat(t.ValidationLogLoss), jfloat(t.Seconds)})
}

// UnmarshalJSON reads t; absent float fields read as NaN.
func (t *Training) UnmarshalJSON(b []byte) error {
	j := trainingJSON{Objective: nan, TrainLogLoss: nan, ValidationLogLoss: nan, Seconds: nan}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = Training{j.Solver, j.Iterations, j.Converged, j.Status,
		float64(j.Objective), float64(j.TrainLogLoss), float64(j.ValidationLogLoss), float64(j.Seconds)}
	return nil
}

type iterationJSON struct {
	Iter           int    `json:"iter"`
	Objective      jfloat `json:"objective"`
	Loss           jfloat `json:"loss"`
	GradNorm       jfloat `json:"grad_norm"`
	ValidationLoss jfloat `json:"validation_loss"`
}

// MarshalJSON writes it with NaN and infinities as "nan", "inf", "-inf".
func (it Iteration) MarshalJSON() ([]byte, error) {
	return json.Marshal(iterationJSON{it.Iter, jfloat(it.Objective), jfloat(it.Loss), jfloat(it.GradNorm), jfloat(it.ValidationLoss)})
}

// UnmarshalJSON reads it; absent float fields read as NaN.
func (it *Iteration) UnmarshalJSON(b []byte) error {
	j := iterationJSON{Objective: nan, Loss: nan, GradNorm: nan, ValidationLoss: nan}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*it = Iteration{j.Iter, float64(j.Objective), float64(j.Loss), float64(j.GradNorm), float64(j.ValidationLoss)}
	return nil
}

// jsonValid reports whether b is one valid JSON value.
func jsonValid(b []byte) bool { return json.Valid(b) }
