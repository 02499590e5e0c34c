package parallel

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

const (
	// minBlockElems is the least work per block (rows × cols) that
	// BlockRows aims for, so the cost of scheduling a block and of adding
	// its partial buffer stays small beside the block's own work.
	minBlockElems = 1 << 15
	// maxBlocks caps the number of blocks BlockRows makes, which bounds
	// the partial buffers of a reduction to maxBlocks × dim; 64 blocks
	// still balance the load over 16 cores.
	maxBlocks = 64
	// combineParallel is the size (blocks × dim) from which Reduce adds
	// the partials on several goroutines, each owning a range of elements.
	combineParallel = 1 << 16
	// combineChunk is the elements per goroutine task when combining.
	combineChunk = 4096
)

// BlockRows returns the rows per block for n rows whose work per row is
// about cols elements (features for dense data, the mean number of stored
// entries per row for sparse data): at least ⌈n/64⌉ rows and about 32768
// elements, at most n, at least 1. It depends on n and cols only.
func BlockRows(n, cols int) int {
	rows := max(ceilDiv(n, maxBlocks), ceilDiv(minBlockElems, max(cols, 1)))
	return max(1, min(rows, n))
}

// NumBlocks returns the number of blocks of blockRows rows that cover
// [0, n): ⌈n/blockRows⌉.
func NumBlocks(n, blockRows int) int {
	if n <= 0 {
		return 0
	}
	return ceilDiv(n, blockRows)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func check(op string, n, blockRows int) {
	if n < 0 || blockRows < 1 {
		panic(fmt.Sprintf("parallel: %s: n = %d, blockRows = %d: want n ≥ 0, blockRows ≥ 1", op, n, blockRows))
	}
}

// For calls fn(lo, hi) for each block [lo, hi) of blockRows rows covering
// [0, n), on up to GOMAXPROCS goroutines, and returns when all calls have
// returned. Calls for different blocks may run concurrently and in any
// order, so fn must write only to memory its block owns. A panic in fn is
// re-raised in the caller's goroutine after the other blocks finish.
//
// It runs on the calling goroutine alone, allocating nothing, when there is
// one block or GOMAXPROCS is 1. It panics if n < 0 or blockRows < 1 (a
// bug in the caller, not a data error).
func For(n, blockRows int, fn func(lo, hi int)) {
	check("For", n, blockRows)
	nb := NumBlocks(n, blockRows)
	if workers := min(runtime.GOMAXPROCS(0), nb); workers <= 1 {
		for lo := 0; lo < n; lo += blockRows {
			fn(lo, min(lo+blockRows, n))
		}
		return
	}
	run(nb, func(b int) {
		lo := b * blockRows
		fn(lo, min(lo+blockRows, n))
	})
}

// run calls task(b) for b in [0, nb) on up to GOMAXPROCS goroutines.
func run(nb int, task func(b int)) {
	workers := min(runtime.GOMAXPROCS(0), nb)
	if workers <= 1 {
		for b := 0; b < nb; b++ {
			task(b)
		}
		return
	}
	runWorkers(nb, workers, func() func(b int) { return task })
}

type panicValue struct{ v any }

// Workspace holds the partial buffers and per-goroutine scratch of
// [Workspace.Reduce] so that repeated reductions reuse them. The zero value
// is ready to use; a nil *Workspace allocates for each call. A Workspace
// must not be used by two reductions at once.
type Workspace struct {
	partial []float64   // blocks 1.. of the current reduction, (nb-1)×dim
	scratch [][]float64 // one per goroutine
}

// Reduce sets out to the sum over the blocks [lo, hi) of [0, n) of what
// fn(lo, hi, acc) accumulates into acc, a zeroed buffer of len(out)
// elements owned by that block:
//
//	out = ((acc_0 + acc_1) + acc_2) + …   (in block order)
//
// fn may overwrite acc (acc is not shared), read shared data and write only
// to memory its block owns. A scalar (a loss value) can travel in an extra
// element of out. Block 0 accumulates directly into out, so out needs no
// zeroing. The result has the same bits at any GOMAXPROCS.
//
// Reduce runs on the calling goroutine alone, allocating nothing once the
// Workspace has grown, when there is one block or GOMAXPROCS is 1; otherwise
// it makes a few small allocations per call for its goroutines. A panic in
// fn is re-raised in the caller's goroutine. It panics if n < 0 or
// blockRows < 1. With n = 0 it sets out to zeros.
func (w *Workspace) Reduce(out []float64, n, blockRows int, fn func(lo, hi int, acc []float64)) {
	if w == nil {
		w = new(Workspace)
	}
	w.reduce(out, n, blockRows, 0, fn, nil)
}

// ReduceScratch is [Workspace.Reduce] with a scratch buffer of scratchLen
// elements for fn, for temporaries such as a block's scores: each goroutine
// owns one, reused across the blocks it runs and not zeroed between them.
func (w *Workspace) ReduceScratch(out []float64, n, blockRows, scratchLen int, fn func(lo, hi int, acc, scratch []float64)) {
	if w == nil {
		w = new(Workspace)
	}
	w.reduce(out, n, blockRows, scratchLen, nil, fn)
}

func (w *Workspace) reduce(out []float64, n, blockRows, scratchLen int,
	fn func(lo, hi int, acc []float64), fnS func(lo, hi int, acc, scratch []float64)) {
	check("Reduce", n, blockRows)
	dim := len(out)
	clear(out)
	nb := NumBlocks(n, blockRows)
	if nb == 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), nb)
	if need := (nb - 1) * dim; cap(w.partial) < need {
		w.partial = make([]float64, need)
	} else {
		w.partial = w.partial[:need]
	}
	if fnS != nil {
		for len(w.scratch) < workers {
			w.scratch = append(w.scratch, nil)
		}
		for i := range workers {
			if cap(w.scratch[i]) < scratchLen {
				w.scratch[i] = make([]float64, scratchLen)
			}
			w.scratch[i] = w.scratch[i][:scratchLen]
		}
	}
	if workers <= 1 {
		for b := 0; b < nb; b++ {
			lo := b * blockRows
			hi := min(lo+blockRows, n)
			if fnS != nil {
				fnS(lo, hi, w.acc(out, b), w.scratch[0])
			} else {
				fn(lo, hi, w.acc(out, b))
			}
		}
	} else {
		var worker atomic.Int64
		runWorkers(nb, workers, func() func(b int) {
			s := int(worker.Add(1) - 1)
			return func(b int) {
				lo := b * blockRows
				hi := min(lo+blockRows, n)
				if fnS != nil {
					fnS(lo, hi, w.acc(out, b), w.scratch[s])
				} else {
					fn(lo, hi, w.acc(out, b))
				}
			}
		})
	}
	w.combine(out, nb)
}

// acc returns block b's zeroed accumulator: out for block 0 (zeroed by
// reduce), else its partial buffer.
func (w *Workspace) acc(out []float64, b int) []float64 {
	if b == 0 {
		return out
	}
	dim := len(out)
	a := w.partial[(b-1)*dim : b*dim : b*dim]
	clear(a)
	return a
}

// runWorkers is run with per-goroutine state: each of the workers
// goroutines calls newTask once and then runs blocks with the task it got.
func runWorkers(nb, workers int, newTask func() func(b int)) {
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		panicked atomic.Pointer[panicValue]
	)
	work := func() {
		defer func() {
			if r := recover(); r != nil {
				panicked.CompareAndSwap(nil, &panicValue{r})
				next.Store(int64(nb))
			}
		}()
		task := newTask()
		for {
			b := int(next.Add(1) - 1)
			if b >= nb {
				return
			}
			task(b)
		}
	}
	wg.Add(workers - 1)
	for range workers - 1 {
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(p.v)
	}
}

// combine adds partials 1..nb-1 to out in block order.
func (w *Workspace) combine(out []float64, nb int) {
	dim := len(out)
	if (nb-1)*dim < combineParallel {
		w.addPartials(out, nb, 0, dim)
		return
	}
	For(dim, combineChunk, func(lo, hi int) { w.addPartials(out, nb, lo, hi) })
}

// addPartials adds elements [lo, hi) of partials 1..nb-1 to out, in block
// order.
func (w *Workspace) addPartials(out []float64, nb, lo, hi int) {
	dim := len(out)
	o := out[lo:hi]
	for b := 1; b < nb; b++ {
		p := w.partial[(b-1)*dim+lo : (b-1)*dim+hi]
		p = p[:len(o)]
		for j := range o {
			o[j] += p[j]
		}
	}
}
