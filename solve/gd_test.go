package solve

import (
	"context"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

func TestGradientDescentQuadratic(t *testing.T) {
	q := newQuadratic(5, 1)
	res, err := GradientDescent{Settings: Settings{Tol: 1e-10, MaxIter: 100000}}.Minimize(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v iters %d evals %d", res.Status, res.Iterations, res.FuncEvals)
	for _, h := range res.History[max(0, len(res.History)-12):] {
		t.Logf("%+v", h)
	}
	if !res.Converged {
		t.Fatalf("status %v", res.Status)
	}
	if m := numtest.Mismatch(res.X, q.xstar, 1e-7, 1e-7); m != "" {
		t.Errorf("X: %s", m)
	}
}
