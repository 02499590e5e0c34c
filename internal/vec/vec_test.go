package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// lengths covers every tail of the 16-, 8- and 4-wide loops.
var lengths = func() []int {
	var n []int
	for i := 0; i <= 40; i++ {
		n = append(n, i)
	}
	return append(n, 63, 64, 65, 100, 784, 1001)
}()

func randVec(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

func randVec32(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

// refDot is Σ x[i]·y[i] in the plain order, with the bound of its error
// against any other order: Σ|x[i]·y[i]| times a few ulp per term.
func refDot(x, y []float64) (sum, bound float64) {
	var abs float64
	for i := range x {
		sum += x[i] * y[i]
		abs += math.Abs(x[i] * y[i])
	}
	return sum, 4 * float64(len(x)+1) * 0x1p-53 * abs
}

func widen(x []float32) []float64 {
	w := make([]float64, len(x))
	for i, v := range x {
		w[i] = float64(v)
	}
	return w
}

// eachImpl runs f with the assembly (where the machine has it) and with the
// portable fallback.
func eachImpl(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	impls := []bool{false}
	if useAsm {
		impls = append(impls, true)
	}
	saved := useAsm
	defer setAsm(saved)
	for _, asm := range impls {
		setAsm(asm)
		t.Run(fmt.Sprintf("asm=%v", asm), f)
	}
}

func TestDotAndAxpy(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, n := range lengths {
			x, y := randVec(rng, n), randVec(rng, n+3) // y longer than x
			want, bound := refDot(x, y[:n])
			if got := Dot(x, y); math.Abs(got-want) > bound {
				t.Errorf("Dot n=%d: got %v, want %v ± %v", n, got, want, bound)
			}
			x32 := randVec32(rng, n)
			want, bound = refDot(widen(x32), y[:n])
			if got := Dot32(x32, y); math.Abs(got-want) > bound {
				t.Errorf("Dot32 n=%d: got %v, want %v ± %v", n, got, want, bound)
			}

			a := rng.NormFloat64()
			for _, wide := range []bool{false, true} {
				src := x
				if wide {
					src = widen(x32)
				}
				g := append([]float64(nil), y...)
				if wide {
					Axpy32(a, x32, g)
				} else {
					Axpy(a, x, g)
				}
				for i := range g {
					want, term := y[i], 0.0
					if i < n {
						want, term = math.FMA(a, src[i], y[i]), a*src[i]
					}
					// One rounding with FMA, two without.
					if d := math.Abs(g[i] - want); d > 0x1p-52*(math.Abs(want)+math.Abs(term)) {
						t.Fatalf("Axpy(wide=%v) n=%d: g[%d] = %v, want %v", wide, n, i, g[i], want)
					}
				}
			}
		}
	})
}

func TestAxpySq(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(9, 10))
		for _, n := range lengths {
			x, y := randVec(rng, n), randVec(rng, n+3) // y longer than x
			x32 := randVec32(rng, n)
			a := rng.NormFloat64()
			for _, wide := range []bool{false, true} {
				src := x
				g := append([]float64(nil), y...)
				if wide {
					src = widen(x32)
					AxpySq32(a, x32, g)
				} else {
					AxpySq(a, x, g)
				}
				for i := range g {
					want, term := y[i], 0.0
					if i < n {
						term = a * src[i] * src[i]
						want = y[i] + term
					}
					// At most three roundings either way.
					if d := math.Abs(g[i] - want); d > 0x1p-51*(math.Abs(want)+math.Abs(term)) {
						t.Fatalf("AxpySq(wide=%v) n=%d: g[%d] = %v, want %v", wide, n, i, g[i], want)
					}
				}
			}
		}
	})
}

func TestGramVec(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(11, 12))
		for _, rows := range []int{0, 1, 2, 3, 7} {
			for _, cols := range lengths {
				x := randVec(rng, rows*cols)
				x32 := randVec32(rng, rows*cols)
				h := randVec(rng, rows)
				w, g0 := randVec(rng, cols), randVec(rng, cols)
				b := rng.NormFloat64()
				for _, wide := range []bool{false, true} {
					src := x
					if wide {
						src = widen(x32)
					}
					// Reference: the plain sums. The bounds are the rounding
					// of the additions (eps times the sums of magnitudes)
					// plus the propagated error of each uᵢ.
					want := append([]float64(nil), g0...)
					abs := make([]float64, cols)
					prop := make([]float64, cols)
					for j := range abs {
						abs[j] = math.Abs(g0[j])
					}
					var wantSum, sumAbs, sumProp float64
					for i := 0; i < rows; i++ {
						row := src[i*cols : (i+1)*cols]
						z, zb := refDot(row, w)
						u := h[i] * (z + b)
						ub := math.Abs(h[i]) * (zb + 0x1p-51*(math.Abs(z)+math.Abs(b)))
						wantSum += u
						sumAbs += math.Abs(u)
						sumProp += ub
						for j, v := range row {
							want[j] += u * v
							abs[j] += math.Abs(u * v)
							prop[j] += ub * math.Abs(v)
						}
					}
					g := append([]float64(nil), g0...)
					var got float64
					if wide {
						got = GramVec32(x32, cols, h, b, w, g)
					} else {
						got = GramVec(x, cols, h, b, w, g)
					}
					eps := float64(rows+4) * 0x1p-52
					if d := math.Abs(got - wantSum); d > eps*sumAbs+sumProp {
						t.Errorf("GramVec(wide=%v) %dx%d: sum = %v, want %v", wide, rows, cols, got, wantSum)
					}
					for j := range g {
						if d := math.Abs(g[j] - want[j]); d > eps*abs[j]+prop[j] {
							t.Fatalf("GramVec(wide=%v) %dx%d: g[%d] = %v, want %v", wide, rows, cols, j, g[j], want[j])
						}
					}
				}
			}
		}
	})
}

func TestPack12Mul4x12(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		for _, k := range []int{3, 10, 12, 13} {
			for _, cols := range lengths {
				w := randVec(rng, k*cols)
				xstride := cols + 3
				x := randVec(rng, 3*xstride+cols)
				wp := make([]float64, PackWidth*cols)
				for c0 := 0; c0 < k; c0 += PackWidth {
					for i := range wp {
						wp[i] = math.NaN() // Pack12 must write every entry
					}
					Pack12(wp, w, k, cols, c0)
					var dst [48]float64
					Mul4x12(&dst, x, xstride, wp, cols)
					for r := range 4 {
						xr := x[r*xstride : r*xstride+cols]
						for c := range PackWidth {
							got := dst[12*r+c]
							if c0+c >= k {
								if got != 0 {
									t.Fatalf("k=%d cols=%d: padded class %d of row %d = %v, want 0", k, cols, c0+c, r, got)
								}
								continue
							}
							want, bound := refDot(xr, w[(c0+c)*cols:(c0+c+1)*cols])
							if math.Abs(got-want) > bound {
								t.Fatalf("k=%d cols=%d: row %d class %d = %v, want %v ± %v", k, cols, r, c0+c, got, want, bound)
							}
						}
					}
				}
			}
		}
	})
}

func TestDot4(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, n := range lengths {
			for _, pad := range []int{0, 5} {
				stride := n + pad
				x := randVec(rng, n)
				w := randVec(rng, 3*stride+n+2)
				var dst [4]float64
				Dot4(&dst, x, w, stride)
				for c := range dst {
					want, bound := refDot(x, w[c*stride:c*stride+n])
					if math.Abs(dst[c]-want) > bound {
						t.Errorf("Dot4 n=%d stride=%d: dst[%d] = %v, want %v ± %v", n, stride, c, dst[c], want, bound)
					}
				}
			}
		}
	})
}

// rowBlocks are the (rows, cols) shapes of the row-block kernels' tests:
// every tail of the 16- and 4-wide column strips, odd and even row counts.
var rowBlocks = func() [][2]int {
	var s [][2]int
	for _, rows := range []int{0, 1, 2, 3, 8, 33} {
		for _, cols := range []int{0, 1, 3, 4, 5, 15, 16, 17, 20, 31, 35, 100} {
			s = append(s, [2]int{rows, cols})
		}
	}
	return s
}()

func TestDotRowsAndAxpyRows(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, rc := range rowBlocks {
			rows, cols := rc[0], rc[1]
			x, w := randVec(rng, rows*cols), randVec(rng, cols)
			x32 := randVec32(rng, rows*cols)
			for _, wide := range []bool{true, false} {
				xw := x
				if !wide {
					xw = widen(x32)
				}
				z := make([]float64, rows)
				if wide {
					DotRows(z, x, cols, w)
				} else {
					DotRows32(z, x32, cols, w)
				}
				for r := range z {
					want, bound := refDot(xw[r*cols:(r+1)*cols], w)
					if math.Abs(z[r]-want) > bound {
						t.Errorf("DotRows rows=%d cols=%d float64=%v: z[%d] = %v, want %v ± %v", rows, cols, wide, r, z[r], want, bound)
					}
				}
				a, g0 := randVec(rng, rows), randVec(rng, cols)
				g := append([]float64(nil), g0...)
				if wide {
					AxpyRows(g, a, x, cols)
				} else {
					AxpyRows32(g, a, x32, cols)
				}
				col := make([]float64, rows+1)
				ones := make([]float64, rows+1)
				for j := range g {
					col[0], ones[0] = g0[j], 1
					for r := range rows {
						col[r+1], ones[r+1] = xw[r*cols+j], a[r]
					}
					want, bound := refDot(col, ones)
					if math.Abs(g[j]-want) > bound {
						t.Errorf("AxpyRows rows=%d cols=%d float64=%v: g[%d] = %v, want %v ± %v", rows, cols, wide, j, g[j], want, bound)
					}
				}
			}
		}
	})
}

func TestDot2x4AndAddT(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		for _, n := range lengths {
			stride := n + 3
			x0, x1 := randVec(rng, n), randVec(rng, n)
			w := randVec(rng, 3*stride+n)
			var d [8]float64
			Dot2x4(&d, x0, x1, w, stride)
			for r, x := range [][]float64{x0, x1} {
				for c := range 4 {
					want, bound := refDot(x, w[c*stride:c*stride+n])
					if math.Abs(d[4*r+c]-want) > bound {
						t.Errorf("Dot2x4 n=%d: dst[%d] = %v, want %v ± %v", n, 4*r+c, d[4*r+c], want, bound)
					}
				}
			}
		}
		for _, rows := range []int{0, 1, 2, 7, 20} {
			for _, cols := range []int{1, 8, 13, 16, 24, 33, 40, 47} {
				gstride, rstride, xstride := cols+3, 6, cols+1
				g0 := randVec(rng, 3*gstride+cols)
				r := randVec(rng, max(rows*rstride, 4))
				x := randVec(rng, max(rows*xstride, cols))
				for _, classes := range []int{2, 4} {
					g := append([]float64(nil), g0...)
					if classes == 2 {
						AddT2(g, gstride, r, rstride, x, xstride, rows, cols)
					} else {
						AddT4(g, gstride, r, rstride, x, xstride, rows, cols)
					}
					for i := range g {
						c, j := i/gstride, i%gstride
						want, abs := g0[i], math.Abs(g0[i])
						if j < cols && c < classes {
							for k := range rows {
								want += r[k*rstride+c] * x[k*xstride+j]
								abs += math.Abs(r[k*rstride+c] * x[k*xstride+j])
							}
						}
						if math.Abs(g[i]-want) > 4*float64(rows+1)*0x1p-53*abs {
							t.Fatalf("AddT%d rows=%d cols=%d: g[%d] = %v, want %v", classes, rows, cols, i, g[i], want)
						}
					}
				}
			}
		}
	})
}

func TestShortArgumentsPanic(t *testing.T) {
	cases := []struct {
		name string
		f    func()
	}{
		{"Dot", func() { Dot(make([]float64, 3), make([]float64, 2)) }},
		{"Axpy", func() { Axpy(1, make([]float64, 3), make([]float64, 2)) }},
		{"Dot32", func() { Dot32(make([]float32, 3), make([]float64, 2)) }},
		{"Axpy32", func() { Axpy32(1, make([]float32, 3), make([]float64, 2)) }},
		{"GramVec", func() { GramVec(make([]float64, 6), 3, make([]float64, 2), 0, make([]float64, 3), make([]float64, 2)) }},
		{"GramVec32", func() {
			GramVec32(make([]float32, 5), 3, make([]float64, 2), 0, make([]float64, 3), make([]float64, 3))
		}},
		{"Mul4x12 x", func() { var d [48]float64; Mul4x12(&d, make([]float64, 3*4+3), 4, make([]float64, 48), 4) }},
		{"Mul4x12 wp", func() { var d [48]float64; Mul4x12(&d, make([]float64, 3*4+4), 4, make([]float64, 47), 4) }},
		{"AddT4 overflowing rows", func() { AddT4(make([]float64, 32), 8, make([]float64, 4), 4, make([]float64, 8), 8, 1<<62+1, 8) }},
		{"AddT4 overflowing stride", func() { AddT4(make([]float64, 32), 1<<62+1<<20, make([]float64, 4), 4, make([]float64, 8), 8, 1, 8) }},
		{"Mul4x12 overflowing stride", func() { var d [48]float64; Mul4x12(&d, make([]float64, 4), 1<<62+1<<20, make([]float64, 12), 1) }},
		{"Mul4x12 overflowing cols", func() { var d [48]float64; Mul4x12(&d, make([]float64, 4), 1<<62, make([]float64, 12), 1<<62) }},
		{"GramVec overflowing rows", func() { GramVec(nil, 1<<62, make([]float64, 4), 0, nil, nil) }},
		{"AxpySq", func() { AxpySq(1, make([]float64, 3), make([]float64, 2)) }},
		{"AxpySq32", func() { AxpySq32(1, make([]float32, 3), make([]float64, 2)) }},
		{"Dot4 stride", func() { var d [4]float64; Dot4(&d, make([]float64, 3), make([]float64, 12), 2) }},
		{"Dot4 length", func() { var d [4]float64; Dot4(&d, make([]float64, 3), make([]float64, 11), 3) }},
		{"Dot2x4", func() { var d [8]float64; Dot2x4(&d, make([]float64, 3), make([]float64, 3), make([]float64, 11), 3) }},
		{"AddT4 x", func() { AddT4(make([]float64, 32), 8, make([]float64, 8), 4, make([]float64, 15), 8, 2, 8) }},
		{"AddT2 g", func() { AddT2(make([]float64, 15), 8, make([]float64, 8), 4, make([]float64, 16), 8, 2, 8) }},
		{"AddT4 g", func() { AddT4(make([]float64, 31), 8, make([]float64, 8), 4, make([]float64, 16), 8, 2, 8) }},
		{"DotRows z", func() { DotRows(make([]float64, 2), make([]float64, 9), 3, make([]float64, 3)) }},
		{"DotRows w", func() { DotRows(make([]float64, 3), make([]float64, 9), 3, make([]float64, 2)) }},
		{"DotRows32", func() { DotRows32(make([]float64, 3), make([]float32, 8), 3, make([]float64, 3)) }},
		{"AxpyRows g", func() { AxpyRows(make([]float64, 2), make([]float64, 3), make([]float64, 9), 3) }},
		{"AxpyRows a", func() { AxpyRows(make([]float64, 3), make([]float64, 4), make([]float64, 9), 3) }},
		{"AxpyRows32", func() { AxpyRows32(make([]float64, 3), make([]float64, 3), make([]float32, 10), 3) }},
		{"DotRows zero cols", func() { DotRows(make([]float64, 3), nil, 0, make([]float64, 1)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short argument did not panic", c.name)
				}
			}()
			c.f()
		})
	}
}

// FuzzDot checks Dot and Dot32 against the plain sum on vectors built from
// the fuzzer's bytes, including infinities and NaN (whose results must
// agree in kind).
func FuzzDot(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, uint8(3))
	f.Add(make([]byte, 8*21), uint8(21))
	f.Fuzz(func(t *testing.T, raw []byte, n uint8) {
		m := min(int(n), len(raw)/8)
		x := make([]float64, m)
		y := make([]float64, m)
		for i := range m {
			b := raw[i*8 : i*8+8]
			bits := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			x[i] = float64(int64(bits)%1000) / 7
			y[i] = math.Float64frombits(bits)
			if math.IsNaN(y[i]) {
				y[i] = 0
			}
		}
		want, bound := refDot(x, y)
		got := Dot(x, y)
		if math.IsNaN(want) || math.IsInf(want, 0) || math.IsInf(bound, 0) {
			return // overflowed partial sums may differ between orders
		}
		if math.Abs(got-want) > bound {
			t.Fatalf("Dot(%v, %v) = %v, want %v ± %v", x, y, got, want, bound)
		}
	})
}
