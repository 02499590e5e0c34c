package bigmem

import "testing"

// TestMake checks that Make returns a zeroed slice of the asked length and
// capacity, below and above the threshold, for each element type.
func TestMake(t *testing.T) {
	for _, c := range []int{0, 1, 1000, Threshold/8 + 12345} {
		f := Make[float64](c/2, c)
		g := Make[float32](c, c)
		i := Make[int32](c, c)
		if len(f) != c/2 || cap(f) != c || len(g) != c || len(i) != c {
			t.Fatalf("c=%d: len/cap %d/%d, %d, %d", c, len(f), cap(f), len(g), len(i))
		}
		for k := range f[:cap(f)] {
			if f[:cap(f)][k] != 0 {
				t.Fatalf("c=%d: element %d = %v, want 0", c, k, f[k])
			}
		}
		for k := range g {
			if g[k] != 0 || i[k] != 0 {
				t.Fatalf("c=%d: element %d not zero", c, k)
			}
		}
	}
}
