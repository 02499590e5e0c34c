package vec

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

var sink float64

// BenchmarkKernels compares the assembly with the portable fallback
// (gonum's SSE2 kernels for float64, plain Go for float32) at the widths
// of the comparison suite's datasets; MB/s counts the bytes of x read.
func BenchmarkKernels(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	impls := []bool{false}
	if useAsm {
		impls = append(impls, true)
	}
	saved := useAsm
	defer setAsm(saved)
	for _, n := range []int{30, 100, 784} {
		x, y := randVec(rng, n), randVec(rng, n)
		x32 := randVec32(rng, n)
		w := randVec(rng, 4*n)
		for _, asm := range impls {
			setAsm(asm)
			name := "fallback"
			if asm {
				name = "avx2"
			}
			run := func(op string, bytes int, f func()) {
				b.Run(fmt.Sprintf("%s/n=%d/%s", op, n, name), func(b *testing.B) {
					setAsm(asm)
					b.SetBytes(int64(bytes))
					for b.Loop() {
						f()
					}
				})
			}
			run("Dot", 8*n, func() { sink += Dot(x, y) })
			run("Axpy", 8*n, func() { Axpy(1e-9, x, y) })
			run("Dot32", 4*n, func() { sink += Dot32(x32, y) })
			run("Axpy32", 4*n, func() { Axpy32(1e-9, x32, y) })
			var d [4]float64
			run("Dot4", 8*n, func() { Dot4(&d, x, w, n); sink += d[0] })
		}
	}
}
