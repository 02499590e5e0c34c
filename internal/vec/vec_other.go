//go:build !amd64 || purego

package vec

// useAsm is false: there is no assembly for this build.
var useAsm = false

func dotAVX2(x, y []float64) float64                       { panic("unreachable") }
func axpyAVX2(a float64, x, y []float64)                   { panic("unreachable") }
func dot32AVX2(x []float32, y []float64) float64           { panic("unreachable") }
func axpy32AVX2(a float64, x []float32, y []float64)       { panic("unreachable") }
func dot4AVX2(dst *[4]float64, x, w []float64, stride int) { panic("unreachable") }

func dot2x4AVX2(dst *[8]float64, x0, x1, w []float64, stride int) { panic("unreachable") }

func addT4AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int) {
	panic("unreachable")
}

func axpySqAVX2(a float64, x, y []float64)             { panic("unreachable") }
func axpySq32AVX2(a float64, x []float32, y []float64) { panic("unreachable") }

func mul4x12AVX2(dst *[48]float64, x []float64, xstride int, wp []float64, cols int) {
	panic("unreachable")
}

func addT2AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int) {
	panic("unreachable")
}

func addT2x16AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int) {
	panic("unreachable")
}

func dotRowsAVX2(z []float64, x []float64, cols int, w []float64)   { panic("unreachable") }
func dotRows32AVX2(z []float64, x []float32, cols int, w []float64) { panic("unreachable") }
func axpyRowsAVX2(g []float64, a []float64, x []float64, cols int)  { panic("unreachable") }
func axpyRows32AVX2(g []float64, a []float64, x []float32, cols int) {
	panic("unreachable")
}

func logisticRowsAVX2(z, pos, neg, e, h []float64, b float64, sums *LogisticSums) {
	panic("unreachable")
}

func axpyRows8AVX2(g []float64, a []float64, x []float64, cols int) { panic("unreachable") }
