package main

import (
	"context"
	"fmt"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
)

// This file is the whole integration with xent's training API; the rest of
// the driver only needs fitted weights and intercepts.

// solverByName maps the driver's -solver names to linear.Solver values.
var solverByName = map[string]linear.Solver{
	"auto":   linear.Auto,
	"newton": linear.Newton,
	"lbfgs":  linear.LBFGS,
	"gd":     linear.GD,
}

// fitResult is what a training run returns to the driver.
type fitResult struct {
	W, B       []float64 // K'×p weights, K' intercepts
	Iterations int
	FuncEvals  int
	HessVecs   int
	Converged  bool
}

// fitXent trains xent on the objective o to relative gradient tolerance
// tol (negative: never stop on the gradient) with at most maxIter
// iterations.
func fitXent(ctx context.Context, o objective, solver string, c, tol float64, maxIter int,
	x data.Matrix, y []int, classes int) (*fitResult, error) {
	s, ok := solverByName[solver]
	if !ok {
		return nil, fmt.Errorf("unknown xent solver %q", solver)
	}
	cfg := linear.Logistic{C: c, Solver: s, Tol: tol, MaxIter: maxIter, NumClasses: classes}
	var (
		m   *linear.Model
		err error
	)
	switch o {
	case objBinary:
		m, err = cfg.Fit(ctx, x, y, nil)
	case objBinaryPen, objOvRPen:
		// With more than two classes Logistic fits one-vs-rest.
		cfg.PenalizeIntercept = true
		m, err = cfg.Fit(ctx, x, y, nil)
	case objMultinomial:
		m, err = linear.Softmax(cfg).Fit(ctx, x, y, nil)
	}
	if err != nil {
		return nil, err
	}
	r := &fitResult{W: m.Coef, B: m.Intercept}
	if res := m.Result; res != nil {
		r.Iterations, r.FuncEvals, r.HessVecs, r.Converged = res.Iterations, res.FuncEvals, res.HessVecs, res.Converged
	}
	if len(r.B) == 0 {
		r.B = make([]float64, o.rows(classes))
	}
	return r, nil
}

// predictor is a fitted model for the prediction-throughput benchmark.
type predictor interface {
	PredictProba(dst []float64, x data.Matrix) ([]float64, error)
}

// fitPredictor trains a model with the package defaults (scikit-learn's:
// C = 1, tol 1e-4) for the prediction benchmark.
func fitPredictor(ctx context.Context, x data.Matrix, y []int, classes int) (predictor, error) {
	if classes > 2 {
		return linear.Softmax{NumClasses: classes}.Fit(ctx, x, y, nil)
	}
	return linear.Logistic{}.Fit(ctx, x, y, nil)
}

// gradientPass times xent's full-batch gradient through the public API:
// L-BFGS runs a fixed number of iterations (tolerance off), and the time is
// divided by the number of objective-and-gradient evaluations, each one
// pass over the data. The few O(p) vector operations of L-BFGS per
// evaluation are included, which makes the figure a slight underestimate of
// the kernel's speed.
func gradientPass(ctx context.Context, x data.Matrix, y []int, classes, iters int) (evals int, err error) {
	cfg := linear.Logistic{Solver: linear.LBFGS, Tol: -1, MaxIter: iters, NumClasses: classes}
	var m *linear.Model
	if classes > 2 {
		m, err = linear.Softmax(cfg).Fit(ctx, x, y, nil)
	} else {
		m, err = cfg.Fit(ctx, x, y, nil)
	}
	if err != nil {
		return 0, err
	}
	return m.Result.FuncEvals, nil
}
