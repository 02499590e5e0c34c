// Package bigmem allocates the large arrays of a data set (a dense
// matrix's values) with transparent huge pages advised, on Linux: the
// kernel then backs them with 2 MiB pages where it can, as NumPy does for
// its arrays from 4 MiB. A pass over a matrix of hundreds of megabytes
// then takes one TLB entry per 2 MiB instead of per 4 KiB. On the 2-core
// machine of the comparison suite, xent's binary gradient pass over a
// 1,000,000 × 100 float64 matrix (bench/compare gradbench, three runs
// alternating the two builds) read 30.9–36.0 GB/s from 4 KiB pages and
// 39.5–41.1 GB/s from huge pages, while the two-thread read loop beside
// it, whose array was allocated the same way in each build, read 36–61
// and 59–62 GB/s.
//
// The advice (madvise MADV_HUGEPAGE) changes no value and can fail
// silently: where the kernel has transparent huge pages off, or on other
// systems, the arrays are plain Go allocations.
package bigmem

import "unsafe"

// Threshold is the size in bytes from which Make advises huge pages:
// NumPy's, 4 MiB (smaller arrays gain little and would round the advice
// down to nothing).
const Threshold = 4 << 20

// Elem is the element types of the arrays Make allocates.
type Elem interface {
	~float32 | ~float64 | ~int32 | ~int64 | ~int
}

// Make returns make([]T, n, c), c ≥ n, advising huge pages for its backing
// array when it has Threshold bytes or more.
func Make[T Elem](n, c int) []T {
	s := make([]T, n, c)
	var zero T
	if size := c * int(unsafe.Sizeof(zero)); c > 0 && size >= Threshold {
		advise(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size))
	}
	return s
}
