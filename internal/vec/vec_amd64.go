//go:build !purego

package vec

import "golang.org/x/sys/cpu"

// useAsm is true when the processor has AVX2 and FMA.
var useAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAVX2(x, y []float64) float64

//go:noescape
func axpyAVX2(a float64, x, y []float64)

//go:noescape
func dot32AVX2(x []float32, y []float64) float64

//go:noescape
func axpy32AVX2(a float64, x []float32, y []float64)

//go:noescape
func dot4AVX2(dst *[4]float64, x, w []float64, stride int)

//go:noescape
func dot2x4AVX2(dst *[8]float64, x0, x1, w []float64, stride int)

//go:noescape
func addT4AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)

//go:noescape
func axpySqAVX2(a float64, x, y []float64)

//go:noescape
func axpySq32AVX2(a float64, x []float32, y []float64)

//go:noescape
func mul4x12AVX2(dst *[48]float64, x []float64, xstride int, wp []float64, cols int)

//go:noescape
func addT2AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)

//go:noescape
func addT2x16AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)

//go:noescape
func dotRowsAVX2(z []float64, x []float64, cols int, w []float64)

//go:noescape
func dotRows32AVX2(z []float64, x []float32, cols int, w []float64)

//go:noescape
func axpyRowsAVX2(g []float64, a []float64, x []float64, cols int)

//go:noescape
func axpyRows32AVX2(g []float64, a []float64, x []float32, cols int)

//go:noescape
func logisticRowsAVX2(z, pos, neg, e, h []float64, b float64, sums *LogisticSums)

//go:noescape
func axpyRows8AVX2(g []float64, a []float64, x []float64, cols int)
