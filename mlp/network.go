package mlp

import (
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/special"
)

// network is a view of the parameters of a perceptron with layer widths
// sizes = [p, h₁, …, h_L, out]: w[l] is sizes[l]×sizes[l+1] row-major and
// b[l] has sizes[l+1] entries.
type network struct {
	sizes []int
	act   Activation
	w, b  [][]float64
}

// numParams returns the length of the flat parameter vector of sizes.
func numParams(sizes []int) int {
	n := 0
	for l := 0; l+1 < len(sizes); l++ {
		n += sizes[l]*sizes[l+1] + sizes[l+1]
	}
	return n
}

// newNetwork returns a network of the given sizes with room for its views.
func newNetwork(sizes []int, act Activation) *network {
	L := len(sizes) - 1
	return &network{sizes: sizes, act: act, w: make([][]float64, L), b: make([][]float64, L)}
}

// bind points the views at x in scikit-learn's _pack order: every weight
// matrix in turn, then every bias vector. It does not allocate.
func (nw *network) bind(x []float64) {
	off := 0
	for l := range nw.w {
		sz := nw.sizes[l] * nw.sizes[l+1]
		nw.w[l] = x[off : off+sz : off+sz]
		off += sz
	}
	for l := range nw.b {
		sz := nw.sizes[l+1]
		nw.b[l] = x[off : off+sz : off+sz]
		off += sz
	}
}

// workspace holds the activations of a chunk of at most rows samples.
type workspace struct {
	rows  int
	x     []float64   // rows×p, the densified inputs
	a     [][]float64 // a[l], l = 1…L−1: hidden outputs (after dropout), rows×sizes[l]
	d     [][]float64 // d[l]: activation derivative × dropout scale, rows×sizes[l]
	z     []float64   // rows×out: logits, then the output deltas
	p     []float64   // out: one row of probabilities
	delta [2][]float64
	mm    *gemmJob
	batch []int // data rows of the current chunk
}

// chunkRows returns the rows per chunk for p features and widest layer
// width: up to 256, fewer for very wide inputs so that the densified chunk
// stays near 16 MiB, at least 16, at most n.
func chunkRows(n, width int) int {
	r := min(256, max(16, (1<<21)/max(width, 1)))
	return max(1, min(r, n))
}

func newWorkspace(sizes []int, rows int) *workspace {
	L := len(sizes) - 1
	ws := &workspace{rows: rows, x: make([]float64, rows*sizes[0]), mm: newGemmJob(),
		a: make([][]float64, L), d: make([][]float64, L), batch: make([]int, rows)}
	widest := 0
	for l := 1; l < L; l++ {
		ws.a[l] = make([]float64, rows*sizes[l])
		ws.d[l] = make([]float64, rows*sizes[l])
		widest = max(widest, sizes[l])
	}
	ws.z = make([]float64, rows*sizes[L])
	ws.p = make([]float64, sizes[L])
	ws.delta[0] = make([]float64, rows*widest)
	ws.delta[1] = make([]float64, rows*widest)
	return ws
}

// load densifies the data rows ws.batch[:m] of x into ws.x, one DenseRows
// call per run of consecutive rows.
func (ws *workspace) load(x data.Matrix, m int) {
	p := len(ws.x) / ws.rows
	for s := 0; s < m; {
		e := s + 1
		for e < m && ws.batch[e] == ws.batch[e-1]+1 {
			e++
		}
		x.DenseRows(ws.x[s*p:e*p], ws.batch[s], ws.batch[s]+e-s)
		s = e
	}
}

// dropout draws the inverted-dropout masks of a forward pass.
type dropout struct {
	rate  float64
	scale float64 // 1/(1−rate)
	float func() float64
}

// forward computes the logits of the m samples in ws.x into ws.z, keeping
// the hidden outputs and derivatives for backward. With drop not nil each
// hidden unit is zeroed with probability drop.rate, the masks drawn in
// row-major order layer after layer.
func (nw *network) forward(ws *workspace, m int, drop *dropout) {
	L := len(nw.w)
	in, inW := ws.x[:m*nw.sizes[0]], nw.sizes[0]
	for l := 0; l < L; l++ {
		out := nw.sizes[l+1]
		var z []float64
		if l == L-1 {
			z = ws.z[:m*out]
		} else {
			z = ws.a[l+1][:m*out]
		}
		ws.mm.gemm(false, false, m, out, inW, in, inW, nw.w[l], out, 0, z, out)
		b := nw.b[l]
		for i := 0; i < m; i++ {
			row := z[i*out : (i+1)*out]
			for j, bj := range b {
				row[j] += bj
			}
		}
		if l < L-1 {
			activate(nw.act, z, ws.d[l+1][:m*out])
			if drop != nil {
				d := ws.d[l+1][:m*out]
				for k := range z {
					if drop.float() < drop.rate {
						z[k], d[k] = 0, 0
					} else {
						z[k] *= drop.scale
						d[k] *= drop.scale
					}
				}
			}
		}
		in, inW = z, out
	}
}

// activate applies act to z in place and writes its derivative into d.
func activate(act Activation, z, d []float64) {
	switch act {
	case ReLU:
		for k, v := range z {
			if v > 0 {
				d[k] = 1
			} else {
				z[k], d[k] = 0, 0
			}
		}
	case Tanh:
		for k, v := range z {
			t := math.Tanh(v)
			z[k], d[k] = t, 1-t*t
		}
	case Sigmoid:
		for k, v := range z {
			s := special.Sigmoid(v)
			z[k], d[k] = s, s*(1-s)
		}
	}
}

// backward adds to gw and gb the gradient of Σᵢ (loss of sample i) given
// the output deltas in ws.z (rows already multiplied by the sample
// weights), for the m samples of the last forward pass.
func (nw *network) backward(ws *workspace, m int, gw, gb [][]float64) {
	L := len(nw.w)
	cur, curW := ws.z[:m*nw.sizes[L]], nw.sizes[L]
	for l := L - 1; l >= 0; l-- {
		inW := nw.sizes[l]
		var in []float64
		if l == 0 {
			in = ws.x[:m*inW]
		} else {
			in = ws.a[l][:m*inW]
		}
		ws.mm.gemm(true, false, inW, curW, m, in, inW, cur, curW, 1, gw[l], curW)
		g := gb[l]
		for i := 0; i < m; i++ {
			for j, v := range cur[i*curW : (i+1)*curW] {
				g[j] += v
			}
		}
		if l == 0 {
			break
		}
		next := ws.delta[l%2][:m*inW]
		ws.mm.gemm(false, true, m, inW, curW, cur, curW, nw.w[l], curW, 0, next, inW)
		for k, d := range ws.d[l][:m*inW] {
			next[k] *= d
		}
		cur, curW = next, inW
	}
}
