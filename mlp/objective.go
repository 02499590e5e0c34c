package mlp

import (
	"math"
	"math/rand/v2"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/special"
)

// Streams of the PCG generators seeded by Classifier.Seed.
const (
	streamInit    = 0x6d6c70696e697400 // "mlpinit"
	streamDropout = 0x6d6c7064726f7000 // "mlpdrop"
)

// Objective is the training objective of a [Classifier] on a dataset, a
// function of the flat parameter vector. It implements solve.Problem and
// solve.BatchProblem, so that any solver of package solve can train the
// network; [Classifier.Fit] uses it.
//
// The parameter vector is scikit-learn's _pack order: the weight matrices
// W₀, …, W_L, each sizes[l]×sizes[l+1] row-major (entry (i, j) connects
// unit i of layer l to unit j of layer l+1), then the bias vectors b₀, …,
// b_L. sizes is [p, hidden…, out] with out = 1 for two classes and K
// otherwise (see [Objective.Sizes]).
//
// An Objective keeps a workspace: its methods allocate nothing when
// GOMAXPROCS is 1 (above, the goroutines of large products make a few
// small allocations), and it must not be used by two goroutines at once.
type Objective struct {
	x       data.Matrix
	rows    []int     // data row of each sample; nil: sample i is row i
	y       []int     // class of each sample
	s       []float64 // weight of each sample: sample weight × class weight
	sumS    float64
	n, k    int // samples, classes
	alpha   float64
	smooth  float64
	init    Init
	seed    uint64
	nw      *network
	gw, gb  [][]float64
	ws      *workspace
	samples []int // samples of the current chunk
	drop    *dropout
	dropRNG *rand.PCG
}

// newObjective builds the objective over the samples rows of x (nil: all
// rows), with per-sample classes y and weights s (indexed like rows) and
// the validated settings of cfg. hidden are the hidden layer sizes.
func newObjective(cfg *Classifier, hidden []int, x data.Matrix, rows, y []int, s []float64, k int) *Objective {
	_, p := x.Dims()
	out := k
	if k == 2 {
		out = 1
	}
	sizes := append(append([]int{p}, hidden...), out)
	o := &Objective{x: x, rows: rows, y: y, s: s, n: len(y), k: k,
		alpha: cfg.Alpha, smooth: cfg.LabelSmoothing, init: cfg.Init, seed: cfg.Seed,
		nw: newNetwork(sizes, cfg.Activation)}
	for _, v := range s {
		o.sumS += v
	}
	widest := 0
	for _, w := range sizes {
		widest = max(widest, w)
	}
	o.ws = newWorkspace(sizes, chunkRows(o.n, widest))
	o.samples = make([]int, o.ws.rows)
	o.gw = make([][]float64, len(sizes)-1)
	o.gb = make([][]float64, len(sizes)-1)
	if cfg.Dropout > 0 && len(hidden) > 0 {
		o.dropRNG = rand.NewPCG(cfg.Seed, streamDropout)
		o.drop = &dropout{rate: cfg.Dropout, scale: 1 / (1 - cfg.Dropout), float: rand.New(o.dropRNG).Float64}
	}
	return o
}

// Dim returns the number of parameters; solve.Problem.
func (o *Objective) Dim() int { return numParams(o.nw.sizes) }

// NumSamples returns the number of training samples; solve.BatchProblem.
func (o *Objective) NumSamples() int { return o.n }

// Sizes returns the layer widths [p, hidden…, out]. The slice must not be
// modified.
func (o *Objective) Sizes() []int { return o.nw.sizes }

// ValueGrad returns the objective of the package doc over all samples,
// without dropout, and writes its gradient into grad unless grad is nil;
// solve.Problem. len(x) and len(grad) must be Dim().
func (o *Objective) ValueGrad(grad, x []float64) float64 {
	return o.eval(grad, x, nil, o.sumS, nil)
}

// BatchValueGrad returns the objective of the package doc over the samples
// idx (indices in [0, NumSamples())), normalized by their own total weight
// Σs (the penalty included) as scikit-learn's mini-batches are, and with
// dropout when the Classifier asks for it; solve.BatchProblem. It writes
// the gradient into grad unless grad is nil. A batch whose samples all
// have weight 0 gives 0 and a zero gradient.
//
// The penalty is scaled by the batch's weight, alpha/(2·Σ_batch s), where
// solve.BatchProblem describes the full penalty alpha/(2·Σs): xent keeps
// scikit-learn's per-batch objective so that alpha means the same in both
// libraries, and so that the epoch losses of solve.Adam and solve.SGD are
// scikit-learn's loss_curve_.
func (o *Objective) BatchValueGrad(grad, x []float64, idx []int) float64 {
	var sum float64
	for _, i := range idx {
		sum += o.s[i]
	}
	return o.eval(grad, x, idx, sum, o.drop)
}

// eval is the objective over idx (nil: all samples) with total weight sum.
func (o *Objective) eval(grad, x []float64, idx []int, sum float64, drop *dropout) float64 {
	if grad != nil {
		clear(grad)
	}
	if sum == 0 {
		return 0
	}
	nw, ws := o.nw, o.ws
	nw.bind(x)
	if grad != nil {
		bindGrad(o.gw, o.gb, nw.sizes, grad)
	}
	total := o.n
	if idx != nil {
		total = len(idx)
	}
	var loss float64
	for lo := 0; lo < total; lo += ws.rows {
		m := min(ws.rows, total-lo)
		for t := range m {
			i := lo + t
			if idx != nil {
				i = idx[i]
			}
			o.samples[t] = i
			if o.rows != nil {
				ws.batch[t] = o.rows[i]
			} else {
				ws.batch[t] = i
			}
		}
		ws.load(o.x, m)
		nw.forward(ws, m, drop)
		out := nw.sizes[len(nw.sizes)-1]
		for t, i := range o.samples[:m] {
			loss += outputLoss(ws.z[t*out:(t+1)*out], ws.p, o.y[i], o.k, o.smooth, o.s[i])
		}
		if grad != nil {
			nw.backward(ws, m, o.gw, o.gb)
		}
	}
	inv := 1 / sum
	var ss float64
	for l, w := range nw.w {
		for j, v := range w {
			ss += v * v
			if grad != nil {
				o.gw[l][j] = (o.gw[l][j] + o.alpha*v) * inv
			}
		}
	}
	if grad != nil {
		for _, g := range o.gb {
			for j := range g {
				g[j] *= inv
			}
		}
	}
	return loss*inv + 0.5*o.alpha*ss*inv
}

// bindGrad points gw and gb at grad in the layout of [Objective].
func bindGrad(gw, gb [][]float64, sizes []int, grad []float64) {
	off := 0
	for l := range gw {
		sz := sizes[l] * sizes[l+1]
		gw[l] = grad[off : off+sz : off+sz]
		off += sz
	}
	for l := range gb {
		sz := sizes[l+1]
		gb[l] = grad[off : off+sz : off+sz]
		off += sz
	}
}

// outputLoss returns s·loss for one sample of class y with output logits z
// (one logit for two classes, k otherwise) and label smoothing eps, and
// overwrites z with s times the derivative of the loss by the logits,
// s·(prob − target). p is scratch of len(z).
//
// With K = 2 the single logit z gives P(class 1) = σ(z), the target is
// t = (1−ε)·y + ε/2, and
//
//	loss = t·softplus(−z) + (1−t)·softplus(z),  ∂/∂z = σ(z) − t.
//
// With K > 2 the target is t = (1−ε)·onehot(y) + ε/K and
//
//	loss = −Σₖ tₖ·logsoftmax(z)ₖ,  ∂/∂zₖ = softmax(z)ₖ − tₖ.
func outputLoss(z, p []float64, y, k int, eps, s float64) float64 {
	if len(z) == 1 {
		t := eps / 2
		if y == 1 {
			t = 1 - eps/2
		}
		l := t*special.Softplus(-z[0]) + (1-t)*special.Softplus(z[0])
		z[0] = s * (special.Sigmoid(z[0]) - t)
		return s * l
	}
	special.LogSoftmax(p, z)
	l := -(1 - eps) * p[y]
	if eps != 0 {
		var sum float64
		for _, v := range p {
			sum += v
		}
		l -= eps / float64(k) * sum
	}
	special.Softmax(z, z)
	off := eps / float64(k)
	for j := range z {
		z[j] = s * (z[j] - off)
	}
	z[y] -= s * (1 - eps)
	return s * l
}

// InitialParams writes the seeded initial parameters of the network (see
// [Init]) into dst and returns it; a nil dst is allocated, otherwise it
// must have Dim() elements. The draws come from a PCG generator seeded by
// Classifier.Seed, layer after layer, weights (row-major) before biases.
func (o *Objective) InitialParams(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, o.Dim())
	}
	initParams(dst, o.nw.sizes, o.nw.act, o.init, o.seed)
	return dst
}

func initParams(dst []float64, sizes []int, act Activation, scheme Init, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, streamInit))
	clear(dst)
	gw, gb := make([][]float64, len(sizes)-1), make([][]float64, len(sizes)-1)
	bindGrad(gw, gb, sizes, dst)
	for l := range gw {
		fanIn, fanOut := float64(sizes[l]), float64(sizes[l+1])
		var bound, biasBound float64
		switch scheme {
		case He:
			gain := 1.0
			if l < len(gw)-1 {
				switch act {
				case ReLU:
					gain = math.Sqrt2
				case Tanh:
					gain = 5.0 / 3
				}
			}
			bound = gain * math.Sqrt(3/fanIn)
		default:
			factor := 6.0
			if act == Sigmoid {
				factor = 2
			}
			bound = math.Sqrt(factor / (fanIn + fanOut))
			biasBound = bound
		}
		for j := range gw[l] {
			gw[l][j] = bound * (2*rng.Float64() - 1)
		}
		if biasBound > 0 {
			for j := range gb[l] {
				gb[l][j] = biasBound * (2*rng.Float64() - 1)
			}
		}
	}
}

// Model returns the fitted model whose parameters are x (len Dim()),
// copied.
func (o *Objective) Model(x []float64) *Model {
	sizes := o.nw.sizes
	m := &Model{Sizes: append([]int(nil), sizes...), Activation: o.nw.act, NumClasses: o.k,
		Weights: make([][]float64, len(sizes)-1), Biases: make([][]float64, len(sizes)-1)}
	if o.k == 2 {
		m.Output = Logistic
	}
	bindGrad(m.Weights, m.Biases, sizes, append([]float64(nil), x...))
	return m
}
