// Package vec holds the inner loops of xent's dense kernels: dot
// products and axpy updates over float64 data, and over float32 storage
// accumulated in float64, one row or four classes at a time.
//
// On amd64 processors with AVX2 and FMA the loops are assembly; elsewhere
// (and with the purego build tag) they are gonum's float64 kernels and
// plain Go. The assembly exists because a benchmark showed it was needed:
// gonum's amd64 kernels are SSE2 without fused multiply-add, and Go emits
// scalar code for float32-to-float64 loops, so a gradient pass over dense
// data ran at 40% of the machine's memory-read rate
// (BenchmarkKernels in this package compares the two).
//
// Results are deterministic for a given machine: each function adds in a
// fixed order that depends only on the lengths. The order differs between
// the assembly and the fallback, so the last bits of a sum may differ
// between machines with and without AVX2.
package vec
