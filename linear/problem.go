package linear

import (
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/parallel"
	"github.com/xent-ml/xent/internal/vec"
)

// chunkElems is the data one chunk of a gradient pass covers (about
// 128 KiB of float64): the forward product and the backward accumulation
// of a chunk run back to back, so the second reads the rows from cache.
const chunkElems = 16384

// problem is the training objective f(θ) of the package doc over one
// feature matrix, for the binary model (k = 1 score per row) or the
// multinomial one (k = K scores). It implements solve.Problem,
// solve.HessVecProblem, solve.HessDiagProblem and solve.BatchProblem.
//
// Parameters θ are laid out as [W (k×p row-major), b (k)], b absent
// without intercept. With standardization θ holds the parameters of the
// standardized features x̃_j = (x_j − μ_j)·inv_j; the passes read the raw
// matrix with the equivalent raw parameters
//
//	W_raw[c,j] = W[c,j]·inv_j,  b_raw[c] = b[c] − Σ_j μ_j·W_raw[c,j],
//
// a linear map θ_raw = Jθ, and return Jᵀ times the raw gradient (and
// Jᵀ H_raw J v for Hessian-vector products), so the data are never copied.
//
// Every pass splits the rows into the fixed blocks of internal/parallel
// and, within a block, chunks of a fixed number of rows (or single rows,
// for the row-by-row passes of vgRows and hvRows); the partial sums
// are combined in block order, so results have the same bits at any
// GOMAXPROCS. Workspaces are allocated once, by newProblem and the first
// calls; no pass allocates at GOMAXPROCS = 1.
type problem struct {
	x     data.Matrix
	n, p  int
	k     int  // scores per row
	multi bool // softmax (else k = 1 sigmoid)
	fitB  bool // intercepts are parameters
	nc    int  // k·p coefficients

	// Binary rows: loss_i = pos[i]·softplus(−z) + neg[i]·softplus(z).
	pos, neg []float64
	// Multinomial rows: loss_i = s[i]·(LSE(z) − Σ_c t_c z_c) with
	// t = (1−eps)·onehot(y[i]) + eps/k.
	y   []int
	s   []float64
	eps float64

	// Penalty: ½·l2·‖W‖² (and ½·l2·‖b‖² when penB).
	l2   float64
	penB bool

	// Standardization: nil when absent; mu nil when scaling only.
	inv, mu []float64

	// hx is the matrix the Hessian passes (HessVec, HessDiag, Precondition)
	// read: x, or a float32 copy of it (see trainingLayout).
	hx data.Matrix
	// rowPass and hRowPass say whether the binary passes over x and hx go
	// by blocks of rows (Dense or Dense32 data on a machine with the vector
	// kernels; see data.Dense.GradRows).
	rowPass, hRowPass bool
	// sameWeight says whether every row's a+c (pos[i]+neg[i]) equals
	// rowWeight, which lets vgRows take its logarithms in groups; set by
	// the trainer's setup, false (one logarithm per row) otherwise.
	sameWeight bool
	rowWeight  float64

	blockRows, chunkRows int
	ws                   parallel.Workspace
	scratchLen           int

	// serial runs the passes on the calling goroutine, for the problems
	// of a one-vs-rest fit that run side by side (see reduce).
	serial              bool
	serialPart, serialS []float64

	out     []float64 // reduction output: nc + k gradient (or product), 1 loss
	raw     []float64 // raw parameters (nc + k), used with standardization
	rawV    []float64 // raw direction of HessVec
	zero    []float64 // k zeros: intercepts of a model without them
	curv    []float64 // binary: n curvatures; multinomial: n×k probabilities
	row     []float64 // k scores of BatchValueGrad
	diagAcc []float64 // reduction output of HessDiag
	pcD     []float64 // preconditioner: diagonal in centered coordinates
	pcInv   []float64 // 1/pcD, so that PrecondSolve multiplies
	pcMu    []float64 // preconditioner: centering means (nc), nil for none
	pcMuBuf []float64

	// Inputs of the pass in progress, read by the block functions.
	curW, curB []float64
	wantGrad   bool
	// panels holds curW packed for the multi-class scores of Dense data
	// (data.Panels), when packed says the pass in progress has them.
	panels data.Panels
	packed bool

	fnVG, fnHV, fnHD func(lo, hi int, acc, scratch []float64)
	// fnHDSample is fnHD on every pcStride-th block of rows (diagPass).
	fnHDSample func(lo, hi int, acc, scratch []float64)
	pcStride   int
}

// newProblem returns the problem over x with k scores per row; the caller
// fills pos/neg (binary) or y/s/eps (multinomial), l2, penB, inv and mu.
func newProblem(x, hx data.Matrix, k int, multi, fitB bool) *problem {
	n, p := x.Dims()
	o := &problem{x: x, hx: hx, n: n, p: p, k: k, multi: multi, fitB: fitB, nc: k * p}
	work := p
	switch m := x.(type) {
	case *data.CSR:
		work = m.NNZ() / max(n, 1)
	case *data.CSR32:
		work = m.NNZ() / max(n, 1)
	}
	work = max(work, 1)
	// Each block adds its own partial gradient of nc+k values, which are
	// zeroed and summed every pass: on wide sparse data (text) that costs
	// more than the block's rows unless the block holds several times as
	// many stored entries (4×) as the gradient has values. (16× left the
	// SpamAssassin problem, 4534 × 42769 at 232 entries per row, two
	// unequal blocks on two cores; 4× makes seven and was 1.2 to 1.3 times
	// faster.) The size depends on the data's shape only, so results stay
	// the same at any GOMAXPROCS.
	o.blockRows = max(parallel.BlockRows(n, work*k), min(n, (4*(o.nc+k)+work*k-1)/(work*k)))
	o.chunkRows = max(1, min(o.blockRows, chunkElems/work))
	o.scratchLen = o.chunkRows * k
	o.out = make([]float64, o.nc+k+1)
	o.zero = make([]float64, k)
	o.row = make([]float64, k)
	if k == 1 && !multi && vec.Accelerated() {
		o.rowPass, o.hRowPass = hasGradRows(x), hasGradRows(hx)
	}
	o.fnVG = o.vgBlock
	o.fnHV = o.hvBlock
	o.fnHD = o.hdBlock
	o.fnHDSample = o.hdSampleBlock
	return o
}

// Dim implements solve.Problem.
func (o *problem) Dim() int {
	if o.fitB {
		return o.nc + o.k
	}
	return o.nc
}

// NumSamples implements solve.BatchProblem.
func (o *problem) NumSamples() int { return o.n }

// toRaw returns the raw coefficients and intercepts of θ (see problem).
func (o *problem) toRaw(theta []float64) (w, b []float64) {
	if o.inv == nil {
		w = theta[:o.nc]
		if o.fitB {
			return w, theta[o.nc : o.nc+o.k]
		}
		return w, o.zero
	}
	if o.raw == nil {
		o.raw = make([]float64, o.nc+o.k)
	}
	w, b = o.raw[:o.nc], o.raw[o.nc:]
	o.mapRaw(w, b, theta)
	return w, b
}

// mapRaw writes J·θ into w and b.
func (o *problem) mapRaw(w, b, theta []float64) {
	p := o.p
	for c := 0; c < o.k; c++ {
		wc, tc := w[c*p:(c+1)*p], theta[c*p:(c+1)*p]
		for j, v := range tc {
			wc[j] = v * o.inv[j]
		}
		if !o.fitB {
			b[c] = 0
			continue
		}
		bc := theta[o.nc+c]
		if o.mu != nil {
			bc -= dot(o.mu, wc)
		}
		b[c] = bc
	}
}

// fromRaw writes Jᵀ·(gw, gb) into dst (len Dim()).
func (o *problem) fromRaw(dst, gw, gb []float64) {
	if o.inv == nil {
		copy(dst[:o.nc], gw)
		if o.fitB {
			copy(dst[o.nc:], gb)
		}
		return
	}
	p := o.p
	for c := 0; c < o.k; c++ {
		dc, gc := dst[c*p:(c+1)*p], gw[c*p:(c+1)*p]
		if o.mu != nil {
			bc := gb[c]
			for j, v := range gc {
				dc[j] = o.inv[j] * (v - o.mu[j]*bc)
			}
		} else {
			for j, v := range gc {
				dc[j] = o.inv[j] * v
			}
		}
	}
	if o.fitB {
		copy(dst[o.nc:], gb)
	}
}

// penalty adds ½·l2·‖θ‖² (intercepts only when penB) to f and l2·θ to grad.
func (o *problem) penalty(grad, theta []float64) float64 {
	if o.l2 == 0 {
		return 0
	}
	m := o.nc
	if o.penB && o.fitB {
		m += o.k
	}
	var reg float64
	for _, v := range theta[:m] {
		reg += v * v
	}
	if grad != nil {
		for j, v := range theta[:m] {
			grad[j] += o.l2 * v
		}
	}
	return 0.5 * o.l2 * reg
}

// ValueGrad implements solve.Problem in one pass over the data: per chunk
// of rows the scores, then the losses and residuals, then Xᵀ·residuals
// (or, with rowPass, row by row: vgRows). With a gradient it also records
// the per-row curvature for HessVec.
func (o *problem) ValueGrad(grad, theta []float64) float64 {
	o.curW, o.curB = o.toRaw(theta)
	o.pack(o.x)
	o.wantGrad = grad != nil
	if o.wantGrad && o.curv == nil {
		o.curv = make([]float64, o.n*o.k)
	}
	o.reduce(o.out, o.vgScratchLen(), o.fnVG)
	f := o.out[o.nc+o.k]
	if grad != nil {
		o.fromRaw(grad, o.out[:o.nc], o.out[o.nc:o.nc+o.k])
	}
	return f + o.penalty(grad, theta)
}

// reduce is parallel.Workspace.ReduceScratch over the rows in blocks of
// blockRows. With serial it runs the blocks in order on the calling
// goroutine, with the same partial sums added in the same order, hence the
// same bits, and without starting goroutines.
func (o *problem) reduce(out []float64, scratchLen int, fn func(lo, hi int, acc, scratch []float64)) {
	o.reduceRows(out, o.n, scratchLen, fn)
}

// reduceRows is reduce over rows [0, n) of fn's row numbering (n ≤ o.n
// when fn maps them to other rows, as diagPass's sample does).
func (o *problem) reduceRows(out []float64, n, scratchLen int, fn func(lo, hi int, acc, scratch []float64)) {
	if !o.serial {
		o.ws.ReduceScratch(out, n, o.blockRows, scratchLen, fn)
		return
	}
	dim := len(out)
	clear(out)
	nb := parallel.NumBlocks(n, o.blockRows)
	if nb == 0 {
		return
	}
	if need := (nb - 1) * dim; len(o.serialPart) < need {
		o.serialPart = make([]float64, need)
	}
	if len(o.serialS) < scratchLen {
		o.serialS = make([]float64, scratchLen)
	}
	scratch := o.serialS[:scratchLen]
	for b := range nb {
		lo := b * o.blockRows
		acc := out
		if b > 0 {
			acc = o.serialPart[(b-1)*dim : b*dim : b*dim]
			clear(acc)
		}
		fn(lo, min(lo+o.blockRows, n), acc, scratch)
	}
	for b := 1; b < nb; b++ {
		part := o.serialPart[(b-1)*dim : b*dim]
		for i := range out {
			out[i] += part[i]
		}
	}
}

// value returns the data term only at θ (no penalty, no curvature).
func (o *problem) value(theta []float64) float64 {
	o.curW, o.curB = o.toRaw(theta)
	o.pack(o.x)
	o.wantGrad = false
	o.reduce(o.out, o.scratchLen, o.fnVG)
	return o.out[o.nc+o.k]
}

// pack packs curW into panels for a multi-class pass over x when x is
// Dense, and says so in packed.
func (o *problem) pack(x data.Matrix) {
	_, dense := x.(*data.Dense)
	o.packed = o.multi && dense
	if o.packed {
		o.panels.Pack(o.curW[:o.nc], o.k, o.p)
	}
}

// curScores is scores with curW, from the packed panels when there are.
func (o *problem) curScores(x data.Matrix, z []float64, lo, hi int) {
	if m, ok := x.(*data.Dense); ok && o.packed {
		m.MulMatPanels(z, &o.panels, lo, hi)
		return
	}
	o.scores(x, z, o.curW, lo, hi)
}

// scores sets z to the scores of rows [lo, hi) of x under w (the
// intercepts are added by the caller).
func (o *problem) scores(x data.Matrix, z, w []float64, lo, hi int) {
	if o.k == 1 {
		x.MulVec(z, w, lo, hi)
	} else {
		x.MulMat(z, w, o.k, lo, hi)
	}
}

// addTrans adds xᵀ·r over rows [lo, hi) to acc's coefficient part and the
// column sums of r to its intercept part.
func (o *problem) addTrans(x data.Matrix, acc, r []float64, lo, hi int) {
	k := o.k
	if k == 1 {
		x.AddTransVec(acc[:o.nc], r, lo, hi)
		var s float64
		for _, v := range r {
			s += v
		}
		acc[o.nc] += s
		return
	}
	x.AddTransMat(acc[:o.nc], r, k, lo, hi)
	gb := acc[o.nc : o.nc+k]
	for i := 0; i < len(r); i += k {
		for c, v := range r[i : i+k] {
			gb[c] += v
		}
	}
}

func (o *problem) vgBlock(lo, hi int, acc, scratch []float64) {
	if o.rowPass && o.wantGrad {
		o.vgRows(lo, hi, acc, scratch)
		return
	}
	var loss float64
	for clo := lo; clo < hi; clo += o.chunkRows {
		chi := min(clo+o.chunkRows, hi)
		z := scratch[:(chi-clo)*o.k]
		o.curScores(o.x, z, clo, chi)
		if o.multi {
			loss += o.multiRows(z, clo)
		} else {
			loss += o.binaryRows(z, clo)
		}
		if o.wantGrad {
			o.addTrans(o.x, acc, z, clo, chi)
		}
	}
	acc[o.nc+o.k] += loss
}

// vgRows is vgBlock for a binary model over Dense or Dense32 data, by
// blocks of rows through data.Dense.GradRows, their scores in scratch:
// vec.LogisticRows turns each block's scores into residuals and keeps the
// sums. The logarithms of the losses go once per logBlocks blocks where
// every row has the same weight a+c (sameWeight): Σ log1p(eᵢ) =
// log1p(P) with P = Π(1+eᵢ) − 1 (vec.LogisticSums), which keeps the
// digits however small the eᵢ, and a lane's P stays below 2¹⁶. One
// logarithm per row was a third of the compute of the pass (in cache, 100
// features); otherwise each row takes its own.
func (o *problem) vgRows(lo, hi int, acc, scratch []float64) {
	b := o.curB[0]
	pos, neg, curv := o.pos, o.neg, o.curv
	var sums vec.LogisticSums
	var es [data.GradRowsBlock]float64
	var logs float64
	blocks := 0
	gradRows(o.x, o.curW, acc[:o.nc], scratch, lo, hi, func(first int, z []float64) {
		end := first + len(z)
		e := es[:len(z)]
		vec.LogisticRows(z, pos[first:end], neg[first:end], e, curv[first:end], b, &sums)
		if !o.sameWeight {
			for r, er := range e {
				logs += (pos[first+r] + neg[first+r]) * log1pSmall(er)
			}
			return
		}
		if blocks++; blocks == logBlocks {
			logs += o.rowWeight * log1pSmall(sums.TakeP())
			blocks = 0
		}
	})
	if o.sameWeight {
		logs += o.rowWeight * log1pSmall(sums.TakeP())
	}
	var lin, gb float64
	for l := range sums.Lin {
		lin += sums.Lin[l]
		gb += sums.D[l]
	}
	acc[o.nc] += gb
	acc[o.nc+1] += lin + logs
}

// logBlocks is the number of blocks of rows (data.GradRowsBlock each)
// whose logarithms vgRows takes at once.
const logBlocks = 8

// hvRows is hvBlock for a binary model over Dense or Dense32 data (hx):
// GramVec over the rows, by blocks of vec.RowBlock.
func (o *problem) hvRows(lo, hi int, acc []float64) {
	b, h, p := o.curB[0], o.curv[lo:hi], o.nc
	w, g := o.curW[:p], acc[:p]
	switch m := o.hx.(type) {
	case *data.Dense:
		acc[p] += vec.GramVec(m.RawData()[lo*p:hi*p], p, h, b, w, g)
	case *data.Dense32:
		acc[p] += vec.GramVec32(m.RawData()[lo*p:hi*p], p, h, b, w, g)
	default:
		panic("linear: hvRows: layout without a row kernel")
	}
}

// binaryRows replaces the margins z of rows lo… by the residuals
// ∂loss/∂z and returns the summed loss; with wantGrad it records the
// curvatures ∂²loss/∂z².
func (o *problem) binaryRows(z []float64, lo int) float64 {
	b := o.curB[0]
	pos, neg := o.pos[lo:lo+len(z)], o.neg[lo:lo+len(z)]
	var curv []float64
	if o.wantGrad {
		curv = o.curv[lo : lo+len(z)]
	}
	var loss float64
	for r, zr := range z {
		l, d, h := binaryLoss(pos[r], neg[r], zr+b)
		loss += l
		z[r] = d
		if curv != nil {
			curv[r] = h
		}
	}
	return loss
}

// binaryLoss returns a·softplus(−z) + c·softplus(z), its derivative
// c·σ(z) − a·σ(−z) and its second derivative (a+c)·σ(z)·σ(−z), from one
// exp and one log1p; all are finite for every finite z and keep their
// relative accuracy in both tails.
func binaryLoss(a, c, z float64) (loss, d, h float64) {
	e, lin, d, h := vec.Logistic(a, c, z)
	return (a+c)*log1pSmall(e) + lin, d, h
}

// log1pSmall returns log1p(e) for e ≥ 0 (a row's e ≤ 1, the P < 2⁶⁴ of
// logBlocks blocks in vgRows) as log(u) corrected for the rounding of u = 1+e
// (Goldberg 1991; within a few ulp, and e itself when u rounds to 1):
// math.Log is assembly on amd64 and math.Log1p is not, and it runs in
// every gradient pass (BenchmarkValueGrad: 20% of a dense pass when it ran
// once per row; TestBinaryLossLog1p and TestRowPassLoss check the
// accuracy).
func log1pSmall(e float64) float64 {
	u := 1 + e
	return math.Log(u) - ((u-1)-e)/u
}

// multiRows replaces the scores of rows lo… (row-major, k per row) by the
// residuals s·(p − t) and returns the summed loss; with wantGrad it
// records the probabilities p.
func (o *problem) multiRows(z []float64, lo int) float64 {
	k := o.k
	var loss float64
	for r := 0; r*k < len(z); r++ {
		i := lo + r
		row := z[r*k : (r+1)*k]
		for c, v := range o.curB {
			row[c] += v
		}
		var curv []float64
		if o.wantGrad {
			curv = o.curv[i*k : (i+1)*k]
		}
		loss += o.multiRow(row, curv, i)
	}
	return loss
}

// multiRow is multiRows for row i with scores z (intercepts added); curv,
// when not nil, receives the probabilities. With m = z_j the largest score
// and S = Σ_{c≠j} exp(z_c − m), it uses K−1 exponentials for both the
// log-sum-exp, m + log1p(S) (accurate when one class dominates, as
// special.LogSumExp), and the probabilities exp(z_c − m)/(1 + S).
func (o *problem) multiRow(z, curv []float64, i int) float64 {
	s, y := o.s[i], o.y[i]
	j := 0
	for c, v := range z {
		if v > z[j] {
			j = c
		}
	}
	m, zy := z[j], z[y]
	var others, sum float64
	for c, v := range z {
		sum += v
		if c != j {
			e := math.Exp(v - m)
			others += e
			z[c] = e
		}
	}
	z[j] = 1
	lse := m + math.Log1p(others)
	var l float64
	if o.eps == 0 {
		l = s * (lse - zy)
	} else {
		l = s * (lse - (1-o.eps)*zy - o.eps/float64(o.k)*sum)
	}
	inv := 1 / (1 + others)
	sm := s * o.eps / float64(o.k)
	for c, e := range z {
		p := e * inv
		if curv != nil {
			curv[c] = p
		}
		z[c] = s*p - sm
	}
	z[y] -= s * (1 - o.eps)
	return l
}

// HessVec implements solve.HessVecProblem: ∇²f·v at the point of the last
// ValueGrad with a gradient, in one pass over the data.
//
//	binary:       H = Jᵀ Xᵀ D X J + l2·I, D = diag(hᵢ)
//	multinomial:  row i contributes sᵢ·(diag(pᵢ) − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ
//
// (with the intercept as a column of ones).
func (o *problem) HessVec(dst, v []float64) {
	if o.inv == nil {
		o.curW = v[:o.nc]
		o.curB = o.zero
		if o.fitB {
			o.curB = v[o.nc : o.nc+o.k]
		}
	} else {
		if o.rawV == nil {
			o.rawV = make([]float64, o.nc+o.k)
		}
		o.mapRaw(o.rawV[:o.nc], o.rawV[o.nc:], v)
		o.curW, o.curB = o.rawV[:o.nc], o.rawV[o.nc:]
	}
	o.pack(o.hx)
	o.reduce(o.out[:o.nc+o.k], o.scratchLen, o.fnHV)
	o.fromRaw(dst, o.out[:o.nc], o.out[o.nc:o.nc+o.k])
	if o.l2 != 0 {
		m := o.nc
		if o.penB && o.fitB {
			m += o.k
		}
		for j, t := range v[:m] {
			dst[j] += o.l2 * t
		}
	}
}

func (o *problem) hvBlock(lo, hi int, acc, scratch []float64) {
	if o.hRowPass {
		o.hvRows(lo, hi, acc)
		return
	}
	if m, ok := o.hx.(*data.CSR); ok && !o.multi {
		acc[o.nc] += m.GramVec(o.curW[:o.nc], acc[:o.nc], o.curv[lo:hi], o.curB[0], lo, hi)
		return
	}
	k := o.k
	for clo := lo; clo < hi; clo += o.chunkRows {
		chi := min(clo+o.chunkRows, hi)
		u := scratch[:(chi-clo)*k]
		o.curScores(o.hx, u, clo, chi)
		if !o.multi {
			b := o.curB[0]
			h := o.curv[clo:chi]
			for r := range u {
				u[r] = h[r] * (u[r] + b)
			}
		} else {
			for r := 0; r < chi-clo; r++ {
				i := clo + r
				ur := u[r*k : (r+1)*k]
				p := o.curv[i*k : (i+1)*k]
				var pu float64
				for c := range ur {
					ur[c] += o.curB[c]
					pu += p[c] * ur[c]
				}
				s := o.s[i]
				for c := range ur {
					ur[c] = s * p[c] * (ur[c] - pu)
				}
			}
		}
		o.addTrans(o.hx, acc, u, clo, chi)
	}
}

// HessDiag implements solve.HessDiagProblem: the diagonal of ∇²f at the
// point of the last ValueGrad with a gradient (one pass over the data, for
// the preconditioner of TrustRegionNewton).
func (o *problem) HessDiag(dst []float64) {
	nc, k := o.nc, o.k
	acc := o.diagPass(o.mu != nil, false)
	d2, db := acc[:nc], acc[len(acc)-k:]
	p := o.p
	for c := 0; c < k; c++ {
		for j := 0; j < p; j++ {
			v := d2[c*p+j]
			if o.inv != nil {
				if o.mu != nil {
					m := o.mu[j]
					v += m * (m*db[c] - 2*acc[nc+c*p+j])
				}
				v *= o.inv[j] * o.inv[j]
			}
			dst[c*p+j] = v + o.l2
		}
	}
	if o.fitB {
		for c := 0; c < k; c++ {
			dst[nc+c] = db[c]
			if o.penB {
				dst[nc+c] += o.l2
			}
		}
	}
}

// diagPass returns the sums over the rows of the raw curvatures h (per
// score) times x² (nc values), times x (nc values, when withD1) and of h
// (k values), at the point of the last ValueGrad with a gradient. With
// sample, above pcSampleRows rows they are estimated from a sample of the
// rows (see pcSampleRows).
func (o *problem) diagPass(withD1, sample bool) []float64 {
	size := o.nc + o.k
	if withD1 {
		size += o.nc
	}
	if len(o.diagAcc) != size {
		o.diagAcc = make([]float64, size)
	}
	sl := o.scratchLen
	if !isKnownLayout(o.hx) {
		sl = max(sl, o.chunkRows*o.p)
	}
	nb := parallel.NumBlocks(o.n, o.blockRows)
	stride := (o.n + pcSampleRows - 1) / pcSampleRows
	if !sample || stride <= 1 || nb < 2*stride {
		o.reduce(o.diagAcc, sl, o.fnHD)
		return o.diagAcc
	}
	// Every stride-th block of rows, as the blocks of a shorter range.
	picked := (nb + stride - 1) / stride
	br := o.blockRows
	rows := 0
	for b := 0; b < nb; b += stride {
		rows += min((b+1)*br, o.n) - b*br
	}
	o.pcStride = stride
	o.reduceRows(o.diagAcc, picked*br, sl, o.fnHDSample)
	scale := float64(o.n) / float64(rows)
	for i := range o.diagAcc {
		o.diagAcc[i] *= scale
	}
	return o.diagAcc
}

// hdSampleBlock is hdBlock for block lo/blockRows of the sampled range:
// block lo/blockRows·pcStride of the rows.
func (o *problem) hdSampleBlock(lo, hi int, acc, scratch []float64) {
	a := lo / o.blockRows * o.pcStride * o.blockRows
	o.fnHD(a, min(a+hi-lo, o.n), acc, scratch)
}

// pcSampleRows is about the most rows the preconditioner's pass reads:
// above it, diagPass sums every stride-th block of rows and scales the
// sums by n over the rows read. M is only an approximation of the
// Hessian (LIBLINEAR's mixes 1% of its diagonal with 99% of the
// identity). On the comparison suite's 1,000,000 × 100 set, where the full
// pass was a fifth of a Newton fit's passes over the data, the fit made
// the same steps with the same number of Hessian-vector products.
const pcSampleRows = 1 << 16

// pcgWeight is the weight of the Hessian's diagonal in the preconditioner,
// against the identity (LIBLINEAR's alpha_pcg).
const pcgWeight = 0.01

// Precondition implements solve.PreconditionedProblem (one pass over the
// data, or over a sample of its rows above pcSampleRows). The Hessian of
// a class's block of coefficients and its intercept
// is Σᵢ hᵢ·[xᵢ; 1][xᵢ; 1]ᵀ: on uncentered features (raw pixel counts,
// say) the intercept direction is nearly parallel to every feature's and
// its diagonal says nothing of that. With an unpenalized intercept, M
// changes coordinates to the intercepts b'_c = b_c + μ_c·w_c at the
// curvature-weighted means μ_c = Σᵢ hᵢ_c·xᵢ / Σᵢ hᵢ_c, which decouples each
// intercept from its class's coefficients exactly, and takes there
// LIBLINEAR's 0.99·I + 0.01·diag(∇²f) with the diagonal of the centered
// Hessian (the weighted variances Σᵢ hᵢ_c·(xᵢ − μ_c)² plus l2). Without
// an intercept, or with a penalized one, M is LIBLINEAR's diagonal
// preconditioner. The objective's data are those of θ (standardized when
// standardizing).
func (o *problem) Precondition() bool {
	nc, k, p := o.nc, o.k, o.p
	center := o.fitB && !o.penB
	acc := o.diagPass(center || o.mu != nil, true)
	if len(o.pcD) != o.Dim() {
		o.pcD = make([]float64, o.Dim())
	}
	o.pcMu = nil
	if center {
		if len(o.pcMuBuf) != nc {
			o.pcMuBuf = make([]float64, nc)
		}
		o.pcMu = o.pcMuBuf
	}
	d2 := acc[:nc]
	var d1 []float64
	if len(acc) == 2*nc+k {
		d1 = acc[nc : 2*nc]
	}
	db := acc[len(acc)-k:]
	mix := func(v float64) float64 {
		m := (1 - pcgWeight) + pcgWeight*v
		if !(m > 0) || math.IsInf(m, 0) {
			return 1
		}
		return m
	}
	for c := 0; c < k; c++ {
		hb := db[c]
		for j := 0; j < p; j++ {
			i := c*p + j
			v := d2[i]
			var v1 float64
			if d1 != nil {
				v1 = d1[i]
			}
			if o.inv != nil {
				// Sums over the features x̃ = (x − μ)·inv of θ.
				if o.mu != nil {
					m := o.mu[j]
					v += m * (m*hb - 2*v1)
					v1 -= m * hb
				}
				v *= o.inv[j] * o.inv[j]
				v1 *= o.inv[j]
			}
			if center && hb > 0 {
				mu := v1 / hb
				o.pcMu[i] = mu
				v = max(v-mu*v1, 0)
			} else if center {
				o.pcMu[i] = 0
			}
			o.pcD[i] = mix(v + o.l2)
		}
		if o.fitB {
			v := hb
			if o.penB {
				v += o.l2
			}
			o.pcD[nc+c] = mix(v)
		}
	}
	if len(o.pcInv) != len(o.pcD) {
		o.pcInv = make([]float64, len(o.pcD))
	}
	for i, d := range o.pcD {
		o.pcInv[i] = 1 / d
	}
	return true
}

// PrecondSolve implements solve.PreconditionedProblem: dst = M⁻¹·v with M
// of the last Precondition.
func (o *problem) PrecondSolve(dst, v []float64) {
	if o.pcMu == nil {
		for i, vi := range v[:len(o.pcInv)] {
			dst[i] = vi * o.pcInv[i]
		}
		return
	}
	// M = Jᵀ·D·J with J: b' = b + μ·w. M⁻¹v = J⁻¹·D⁻¹·J⁻ᵀ·v.
	nc, p := o.nc, o.p
	for c := 0; c < o.k; c++ {
		vb := v[nc+c]
		mu, dw := o.pcMu[c*p:(c+1)*p], o.pcInv[c*p:(c+1)*p]
		vw, xw := v[c*p:(c+1)*p], dst[c*p:(c+1)*p]
		xb := vb * o.pcInv[nc+c]
		var shift float64
		for j, t := range vw {
			w := (t - mu[j]*vb) * dw[j]
			xw[j] = w
			shift += mu[j] * w
		}
		dst[nc+c] = xb - shift
	}
}

// PrecondMul implements solve.PreconditionedProblem: dst = M·v with M of
// the last Precondition.
func (o *problem) PrecondMul(dst, v []float64) {
	if o.pcMu == nil {
		for i, vi := range v[:len(o.pcD)] {
			dst[i] = vi * o.pcD[i]
		}
		return
	}
	nc, p := o.nc, o.p
	for c := 0; c < o.k; c++ {
		mu, dw := o.pcMu[c*p:(c+1)*p], o.pcD[c*p:(c+1)*p]
		vw, yw := v[c*p:(c+1)*p], dst[c*p:(c+1)*p]
		ub := v[nc+c] + dot(mu, vw)
		ub *= o.pcD[nc+c]
		for j, t := range vw {
			yw[j] = t*dw[j] + mu[j]*ub
		}
		dst[nc+c] = ub
	}
}

func isKnownLayout(x data.Matrix) bool {
	switch x.(type) {
	case *data.Dense, *data.Dense32, *data.CSR, *data.CSR32:
		return true
	}
	return false
}

// curvature writes the curvature of row i per score into h (len k).
func (o *problem) curvature(h []float64, i int) {
	if !o.multi {
		h[0] = o.curv[i]
		return
	}
	s := o.s[i]
	for c, p := range o.curv[i*o.k : (i+1)*o.k] {
		h[c] = s * p * (1 - p)
	}
}

func (o *problem) hdBlock(lo, hi int, acc, scratch []float64) {
	nc, k, p := o.nc, o.k, o.p
	d2 := acc[:nc]
	var d1 []float64
	if len(acc) == 2*nc+k {
		d1 = acc[nc : 2*nc]
	}
	db := acc[len(acc)-k:]
	h := scratch[:k]
	addDense := func(x []float64) {
		for c, hc := range h {
			vec.AxpySq(hc, x, d2[c*p:(c+1)*p])
			if d1 != nil {
				vec.Axpy(hc, x, d1[c*p:(c+1)*p])
			}
		}
	}
	switch m := o.hx.(type) {
	case *data.Dense:
		for i := lo; i < hi; i++ {
			o.curvature(h, i)
			addDense(m.Row(i))
			addSum(db, h)
		}
	case *data.Dense32:
		for i := lo; i < hi; i++ {
			o.curvature(h, i)
			x := m.Row(i)
			for c, hc := range h {
				vec.AxpySq32(hc, x, d2[c*p:(c+1)*p])
				if d1 != nil {
					vec.Axpy32(hc, x, d1[c*p:(c+1)*p])
				}
			}
			addSum(db, h)
		}
	case *data.CSR:
		for i := lo; i < hi; i++ {
			o.curvature(h, i)
			idx, val := m.RowNZ(i)
			val = val[:len(idx)]
			for c, hc := range h {
				d2c := d2[c*p : (c+1)*p]
				if d1 == nil {
					for t, j := range idx {
						v := val[t]
						d2c[j] += hc * v * v
					}
					continue
				}
				d1c := d1[c*p : (c+1)*p]
				for t, j := range idx {
					v := val[t]
					d2c[j] += hc * v * v
					d1c[j] += hc * v
				}
			}
			addSum(db, h)
		}
	case *data.CSR32:
		for i := lo; i < hi; i++ {
			o.curvature(h, i)
			idx, val := m.RowNZ(i)
			val = val[:len(idx)]
			for c, hc := range h {
				d2c := d2[c*p : (c+1)*p]
				if d1 == nil {
					for t, j := range idx {
						v := float64(val[t])
						d2c[j] += hc * v * v
					}
					continue
				}
				d1c := d1[c*p : (c+1)*p]
				for t, j := range idx {
					v := float64(val[t])
					d2c[j] += hc * v * v
					d1c[j] += hc * v
				}
			}
			addSum(db, h)
		}
	default:
		rows := scratch[k:]
		for clo := lo; clo < hi; clo += o.chunkRows {
			chi := min(clo+o.chunkRows, hi)
			buf := rows[:(chi-clo)*p]
			o.hx.DenseRows(buf, clo, chi)
			for i := clo; i < chi; i++ {
				o.curvature(h, i)
				addDense(buf[(i-clo)*p : (i-clo+1)*p])
				addSum(db, h)
			}
		}
	}
}

func addSum(dst, src []float64) {
	for c, v := range src {
		dst[c] += v
	}
}

// BatchValueGrad implements solve.BatchProblem: the data term over the rows
// idx scaled by n/len(idx), plus the full penalty.
func (o *problem) BatchValueGrad(grad, theta []float64, idx []int) float64 {
	w, b := o.toRaw(theta)
	o.curW, o.curB = w, b
	o.packed = false // the panels are of another pass's weights
	acc := o.out[:o.nc+o.k]
	if grad != nil {
		clear(acc)
	}
	k := o.k
	z := o.row[:k]
	var loss float64
	for _, i := range idx {
		o.scores(o.x, z, w, i, i+1)
		if o.multi {
			for c, v := range b {
				z[c] += v
			}
			loss += o.multiRow(z, nil, i)
		} else {
			l, d, _ := binaryLoss(o.pos[i], o.neg[i], z[0]+b[0])
			loss += l
			z[0] = d
		}
		if grad != nil {
			o.addTrans(o.x, acc, z, i, i+1)
		}
	}
	scale := 1.0
	if len(idx) > 0 {
		scale = float64(o.n) / float64(len(idx))
	}
	if grad != nil {
		for j := range acc {
			acc[j] *= scale
		}
		o.fromRaw(grad, acc[:o.nc], acc[o.nc:])
	}
	return loss*scale + o.penalty(grad, theta)
}

// dot returns Σ x[i]·y[i].
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}

// vgScratchLen is the scratch a gradient pass needs per worker: a chunk's
// scores, or with the pass by blocks of rows a block's (vgRows).
func (o *problem) vgScratchLen() int {
	if o.rowPass {
		return max(o.scratchLen, data.GradRowsBlock)
	}
	return o.scratchLen
}

// hasGradRows reports whether x has the row-by-row pass (gradRows).
func hasGradRows(x data.Matrix) bool {
	switch x.(type) {
	case *data.Dense, *data.Dense32:
		return true
	}
	return false
}

// gradRows runs x's GradRows; x must be Dense or Dense32 (hasGradRows).
// A type switch rather than an interface, so that f does not escape.
func gradRows(x data.Matrix, w, g, buf []float64, lo, hi int, f func(first int, z []float64)) {
	switch m := x.(type) {
	case *data.Dense:
		m.GradRows(w, g, buf, lo, hi, f)
	case *data.Dense32:
		m.GradRows(w, g, buf, lo, hi, f)
	default:
		panic("linear: gradRows: layout without GradRows")
	}
}
