//go:build !purego

#include "textflag.h"

// ADDTARGS loads the arguments of the addT kernels (func(g []float64,
// gstride int, r []float64, rstride int, x []float64, xstride int, rows,
// strips int)): the strides in bytes in BX (g), R11 (r) and R12 (x), g in
// DI, x in R13 and the strip count in AX.
#define ADDTARGS \
	MOVQ gstride+24(FP), BX; \
	SHLQ $3, BX; \
	MOVQ rstride+56(FP), R11; \
	SHLQ $3, R11; \
	MOVQ xstride+88(FP), R12; \
	SHLQ $3, R12; \
	MOVQ g_base+0(FP), DI; \
	MOVQ x_base+64(FP), R13; \
	MOVQ strips+104(FP), AX

// M412STEP multiplies one feature of four rows (at SI, R8, R9, R10 plus
// xoff bytes) by the twelve packed weights at DI plus woff bytes, adding
// into Y0–Y11.
#define M412STEP(woff, xoff) \
	VMOVUPD      woff(DI), Y12 \
	VMOVUPD      woff+32(DI), Y13 \
	VMOVUPD      woff+64(DI), Y14 \
	VBROADCASTSD xoff(SI), Y15 \
	VFMADD231PD  Y12, Y15, Y0 \
	VFMADD231PD  Y13, Y15, Y1 \
	VFMADD231PD  Y14, Y15, Y2 \
	VBROADCASTSD xoff(R8), Y15 \
	VFMADD231PD  Y12, Y15, Y3 \
	VFMADD231PD  Y13, Y15, Y4 \
	VFMADD231PD  Y14, Y15, Y5 \
	VBROADCASTSD xoff(R9), Y15 \
	VFMADD231PD  Y12, Y15, Y6 \
	VFMADD231PD  Y13, Y15, Y7 \
	VFMADD231PD  Y14, Y15, Y8 \
	VBROADCASTSD xoff(R10), Y15 \
	VFMADD231PD  Y12, Y15, Y9 \
	VFMADD231PD  Y13, Y15, Y10 \
	VFMADD231PD  Y14, Y15, Y11

// HSUM leaves the sum of the four doubles of y (whose low half is x) in
// both lanes of x, using t as scratch.
#define HSUM(y, x, t) VEXTRACTF128 $1, y, t; VADDPD t, x, x; VHADDPD x, x, x

// tailmask: loading four quadwords from tailmask<>+8·(4−t) gives a mask of
// the first t lanes (VMASKMOVPD), t = 1…3.
DATA tailmask<>+0(SB)/8, $-1
DATA tailmask<>+8(SB)/8, $-1
DATA tailmask<>+16(SB)/8, $-1
DATA tailmask<>+24(SB)/8, $-1
DATA tailmask<>+32(SB)/8, $0
DATA tailmask<>+40(SB)/8, $0
DATA tailmask<>+48(SB)/8, $0
DATA tailmask<>+56(SB)/8, $0
GLOBL tailmask<>(SB), RODATA|NOPTR, $64

// The row-block kernels (dotRows*, axpyRows*) take a whole block of rows
// per call: rows follow one another in memory, so the block streams
// through one sequential reader, and the sums of axpyRows stay in
// registers while all the rows of the block pass. LOAD4F64/LOAD4F32 load
// four elements of x at SI plus off, widened to float64 for float32
// storage; LOAD1F64/LOAD1F32 load one.
#define LOAD4F64(off, y) VMOVUPD off(SI), y
#define LOAD1F64(x) VMOVSD (SI), x
#define LOAD4F32(off, y) VCVTPS2PD off(SI), y
#define LOAD1F32(x) VCVTSS2SD (SI), x, x

// DOTROWSARGS loads the arguments of func(z []float64, x []T, cols int,
// w []float64): z in DX, the row count in R9, x in SI, cols in R10, w in
// R11.
#define DOTROWSARGS \
	MOVQ z_base+0(FP), DX; \
	MOVQ z_len+8(FP), R9; \
	MOVQ x_base+24(FP), SI; \
	MOVQ cols+48(FP), R10; \
	MOVQ w_base+56(FP), R11

// DOTROW16 multiplies sixteen elements of the row at SI (sz bytes each)
// by w at DI into Y0…Y3 and steps both pointers.
#define DOTROW16(load4, sz) \
	load4(0, Y4); \
	load4(4*sz, Y5); \
	load4(8*sz, Y6); \
	load4(12*sz, Y7); \
	VFMADD231PD (DI), Y4, Y0; \
	VFMADD231PD 32(DI), Y5, Y1; \
	VFMADD231PD 64(DI), Y6, Y2; \
	VFMADD231PD 96(DI), Y7, Y3; \
	ADDQ        $(16*sz), SI; \
	ADDQ        $128, DI; \
	SUBQ        $16, CX

// DOTROW4 is DOTROW16 for four elements, into Y0.
#define DOTROW4(load4, sz) \
	load4(0, Y4); \
	VFMADD231PD (DI), Y4, Y0; \
	ADDQ        $(4*sz), SI; \
	ADDQ        $32, DI; \
	SUBQ        $4, CX

// DOTROW1 is DOTROW16 for one element, into X0.
#define DOTROW1(load1, sz) \
	load1(X4); \
	VFMADD231SD (DI), X4, X0; \
	ADDQ        $sz, SI; \
	ADDQ        $8, DI; \
	DECQ        CX

// ZERO4 clears the four accumulators Y0…Y3.
#define ZERO4 \
	VXORPD Y0, Y0, Y0; \
	VXORPD Y1, Y1, Y1; \
	VXORPD Y2, Y2, Y2; \
	VXORPD Y3, Y3, Y3

// SUM4 leaves Y0+Y1+Y2+Y3, summed across lanes, in X0.
#define SUM4 \
	VADDPD Y1, Y0, Y0; \
	VADDPD Y3, Y2, Y2; \
	VADDPD Y2, Y0, Y0; \
	HSUM(Y0, X0, X1)


// AXPYROWSARGS loads the arguments of func(g []float64, a []float64, x
// []T, cols int): g in DI, x in R13, the row stride in bytes (cols·sz) in
// R12 and cols in AX.
#define AXPYROWSARGS(sz) \
	MOVQ g_base+0(FP), DI; \
	MOVQ x_base+48(FP), R13; \
	MOVQ cols+72(FP), AX; \
	MOVQ AX, R12; \
	SHLQ $(sz/4+1), R12

// AXPYSTRIP starts a strip: a in DX, the row count in CX, the strip's
// first row in SI.
#define AXPYSTRIP \
	MOVQ a_base+24(FP), DX; \
	MOVQ a_len+32(FP), CX; \
	MOVQ R13, SI

// AXPYROW16 adds b times sixteen elements of the row at SI (sz bytes
// each) to a0…a3 and steps SI to the next row.
#define AXPYROW16(load4, sz, b, a0, a1, a2, a3) \
	load4(0, Y8); \
	load4(4*sz, Y9); \
	load4(8*sz, Y10); \
	load4(12*sz, Y11); \
	VFMADD231PD Y8, b, a0; \
	VFMADD231PD Y9, b, a1; \
	VFMADD231PD Y10, b, a2; \
	VFMADD231PD Y11, b, a3; \
	ADDQ        R12, SI

// AXPYROW16M is AXPYROW16 for float64 rows, the elements taken by the
// multiply-adds from memory.
#define AXPYROW16M(b, a0, a1, a2, a3) \
	VFMADD231PD (SI), b, a0; \
	VFMADD231PD 32(SI), b, a1; \
	VFMADD231PD 64(SI), b, a2; \
	VFMADD231PD 96(SI), b, a3; \
	ADDQ        R12, SI

// AXPYROW4 is AXPYROW16 for four elements.
#define AXPYROW4(load4, b, a0) \
	load4(0, Y8); \
	VFMADD231PD Y8, b, a0; \
	ADDQ        R12, SI


// func dotAVX2(x, y []float64) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

dot16:
	CMPQ        CX, $16
	JLT         dot4
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VMOVUPD     64(SI), Y6
	VMOVUPD     96(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         dot16

dot4:
	CMPQ        CX, $4
	JLT         dotsum
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         dot4

dotsum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

dot1:
	TESTQ       CX, CX
	JEQ         dotdone
	VMOVSD      (SI), X4
	VFMADD231SD (DI), X4, X0
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         dot1

dotdone:
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func axpyAVX2(a float64, x, y []float64)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI

axpy16:
	CMPQ        CX, $16
	JLT         axpy4
	VMOVUPD     (DI), Y4
	VMOVUPD     32(DI), Y5
	VMOVUPD     64(DI), Y6
	VMOVUPD     96(DI), Y7
	VFMADD231PD (SI), Y0, Y4
	VFMADD231PD 32(SI), Y0, Y5
	VFMADD231PD 64(SI), Y0, Y6
	VFMADD231PD 96(SI), Y0, Y7
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, 32(DI)
	VMOVUPD     Y6, 64(DI)
	VMOVUPD     Y7, 96(DI)
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         axpy16

axpy4:
	CMPQ        CX, $4
	JLT         axpy1
	VMOVUPD     (DI), Y4
	VFMADD231PD (SI), Y0, Y4
	VMOVUPD     Y4, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         axpy4

axpy1:
	TESTQ       CX, CX
	JEQ         axpydone
	VMOVSD      (DI), X4
	VFMADD231SD (SI), X0, X4
	VMOVSD      X4, (DI)
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         axpy1

axpydone:
	VZEROUPPER
	RET

// func dot32AVX2(x []float32, y []float64) float64
TEXT ·dot32AVX2(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

d32_16:
	CMPQ        CX, $16
	JLT         d32_4
	VCVTPS2PD   (SI), Y4
	VCVTPS2PD   16(SI), Y5
	VCVTPS2PD   32(SI), Y6
	VCVTPS2PD   48(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         d32_16

d32_4:
	CMPQ        CX, $4
	JLT         d32_sum
	VCVTPS2PD   (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         d32_4

d32_sum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

d32_1:
	TESTQ       CX, CX
	JEQ         d32_done
	VCVTSS2SD   (SI), X4, X4
	VFMADD231SD (DI), X4, X0
	ADDQ        $4, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         d32_1

d32_done:
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func axpy32AVX2(a float64, x []float32, y []float64)
TEXT ·axpy32AVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI

a32_16:
	CMPQ        CX, $16
	JLT         a32_4
	VCVTPS2PD   (SI), Y8
	VCVTPS2PD   16(SI), Y9
	VCVTPS2PD   32(SI), Y10
	VCVTPS2PD   48(SI), Y11
	VMOVUPD     (DI), Y4
	VMOVUPD     32(DI), Y5
	VMOVUPD     64(DI), Y6
	VMOVUPD     96(DI), Y7
	VFMADD231PD Y8, Y0, Y4
	VFMADD231PD Y9, Y0, Y5
	VFMADD231PD Y10, Y0, Y6
	VFMADD231PD Y11, Y0, Y7
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, 32(DI)
	VMOVUPD     Y6, 64(DI)
	VMOVUPD     Y7, 96(DI)
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         a32_16

a32_4:
	CMPQ        CX, $4
	JLT         a32_1
	VCVTPS2PD   (SI), Y8
	VMOVUPD     (DI), Y4
	VFMADD231PD Y8, Y0, Y4
	VMOVUPD     Y4, (DI)
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         a32_4

a32_1:
	TESTQ       CX, CX
	JEQ         a32_done
	VCVTSS2SD   (SI), X8, X8
	VMOVSD      (DI), X4
	VFMADD231SD X8, X0, X4
	VMOVSD      X4, (DI)
	ADDQ        $4, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         a32_1

a32_done:
	VZEROUPPER
	RET

// func dot4AVX2(dst *[4]float64, x, w []float64, stride int)
TEXT ·dot4AVX2(SB), NOSPLIT, $0-64
	MOVQ   dst+0(FP), DX
	MOVQ   x_base+8(FP), SI
	MOVQ   x_len+16(FP), CX
	MOVQ   w_base+32(FP), DI
	MOVQ   stride+56(FP), BX
	SHLQ   $3, BX
	LEAQ   (DI)(BX*1), R8
	LEAQ   (R8)(BX*1), R9
	LEAQ   (R9)(BX*1), R10
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

d4_8:
	CMPQ        CX, $8
	JLT         d4_4
	VMOVUPD     (SI), Y8
	VMOVUPD     32(SI), Y9
	VFMADD231PD (DI), Y8, Y0
	VFMADD231PD (R8), Y8, Y1
	VFMADD231PD (R9), Y8, Y2
	VFMADD231PD (R10), Y8, Y3
	VFMADD231PD 32(DI), Y9, Y4
	VFMADD231PD 32(R8), Y9, Y5
	VFMADD231PD 32(R9), Y9, Y6
	VFMADD231PD 32(R10), Y9, Y7
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R8
	ADDQ        $64, R9
	ADDQ        $64, R10
	SUBQ        $8, CX
	JMP         d4_8

d4_4:
	CMPQ        CX, $4
	JLT         d4_sum
	VMOVUPD     (SI), Y8
	VFMADD231PD (DI), Y8, Y0
	VFMADD231PD (R8), Y8, Y1
	VFMADD231PD (R9), Y8, Y2
	VFMADD231PD (R10), Y8, Y3
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, R10
	SUBQ        $4, CX

d4_sum:
	VADDPD Y4, Y0, Y0
	VADDPD Y5, Y1, Y1
	VADDPD Y6, Y2, Y2
	VADDPD Y7, Y3, Y3
	HSUM(Y0, X0, X8)
	HSUM(Y1, X1, X9)
	HSUM(Y2, X2, X10)
	HSUM(Y3, X3, X11)

d4_1:
	TESTQ       CX, CX
	JEQ         d4_done
	VMOVSD      (SI), X8
	VFMADD231SD (DI), X8, X0
	VFMADD231SD (R8), X8, X1
	VFMADD231SD (R9), X8, X2
	VFMADD231SD (R10), X8, X3
	ADDQ        $8, SI
	ADDQ        $8, DI
	ADDQ        $8, R8
	ADDQ        $8, R9
	ADDQ        $8, R10
	DECQ        CX
	JMP         d4_1

d4_done:
	VMOVSD X0, (DX)
	VMOVSD X1, 8(DX)
	VMOVSD X2, 16(DX)
	VMOVSD X3, 24(DX)
	VZEROUPPER
	RET

// func dot2x4AVX2(dst *[8]float64, x0, x1, w []float64, stride int)
TEXT ·dot2x4AVX2(SB), NOSPLIT, $0-88
	MOVQ   dst+0(FP), AX
	MOVQ   x0_base+8(FP), SI
	MOVQ   x0_len+16(FP), CX
	MOVQ   x1_base+32(FP), R11
	MOVQ   w_base+56(FP), DI
	MOVQ   stride+80(FP), BX
	SHLQ   $3, BX
	LEAQ   (DI)(BX*1), R8
	LEAQ   (R8)(BX*1), R9
	LEAQ   (R9)(BX*1), R10
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

d24_4:
	CMPQ        CX, $4
	JLT         d24_sum
	VMOVUPD     (SI), Y8
	VMOVUPD     (R11), Y9
	VMOVUPD     (DI), Y10
	VFMADD231PD Y10, Y8, Y0
	VFMADD231PD Y10, Y9, Y4
	VMOVUPD     (R8), Y11
	VFMADD231PD Y11, Y8, Y1
	VFMADD231PD Y11, Y9, Y5
	VMOVUPD     (R9), Y12
	VFMADD231PD Y12, Y8, Y2
	VFMADD231PD Y12, Y9, Y6
	VMOVUPD     (R10), Y13
	VFMADD231PD Y13, Y8, Y3
	VFMADD231PD Y13, Y9, Y7
	ADDQ        $32, SI
	ADDQ        $32, R11
	ADDQ        $32, DI
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, R10
	SUBQ        $4, CX
	JMP         d24_4

d24_sum:
	HSUM(Y0, X0, X8)
	HSUM(Y1, X1, X8)
	HSUM(Y2, X2, X8)
	HSUM(Y3, X3, X8)
	HSUM(Y4, X4, X8)
	HSUM(Y5, X5, X8)
	HSUM(Y6, X6, X8)
	HSUM(Y7, X7, X8)

d24_1:
	TESTQ       CX, CX
	JEQ         d24_done
	VMOVSD      (SI), X8
	VMOVSD      (R11), X9
	VMOVSD      (DI), X10
	VFMADD231SD X10, X8, X0
	VFMADD231SD X10, X9, X4
	VMOVSD      (R8), X11
	VFMADD231SD X11, X8, X1
	VFMADD231SD X11, X9, X5
	VMOVSD      (R9), X12
	VFMADD231SD X12, X8, X2
	VFMADD231SD X12, X9, X6
	VMOVSD      (R10), X13
	VFMADD231SD X13, X8, X3
	VFMADD231SD X13, X9, X7
	ADDQ        $8, SI
	ADDQ        $8, R11
	ADDQ        $8, DI
	ADDQ        $8, R8
	ADDQ        $8, R9
	ADDQ        $8, R10
	DECQ        CX
	JMP         d24_1

d24_done:
	VMOVSD X0, (AX)
	VMOVSD X1, 8(AX)
	VMOVSD X2, 16(AX)
	VMOVSD X3, 24(AX)
	VMOVSD X4, 32(AX)
	VMOVSD X5, 40(AX)
	VMOVSD X6, 48(AX)
	VMOVSD X7, 56(AX)
	VZEROUPPER
	RET

// func addT4AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)
//
// For each strip of eight columns (AX counts them), the four classes'
// eight sums stay in Y0…Y7 while all the rows pass.
TEXT ·addT4AVX2(SB), NOSPLIT, $0-112
	ADDTARGS

at_strip:
	TESTQ   AX, AX
	JEQ     at_end
	LEAQ    (DI)(BX*1), R8
	LEAQ    (R8)(BX*1), R9
	LEAQ    (R9)(BX*1), R10
	MOVQ    r_base+32(FP), DX
	MOVQ    R13, SI
	MOVQ    rows+96(FP), CX
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD (R8), Y2
	VMOVUPD 32(R8), Y3
	VMOVUPD (R9), Y4
	VMOVUPD 32(R9), Y5
	VMOVUPD (R10), Y6
	VMOVUPD 32(R10), Y7

at_row:
	TESTQ        CX, CX
	JEQ          at_done
	VMOVUPD      (SI), Y8
	VMOVUPD      32(SI), Y9
	VBROADCASTSD (DX), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD 8(DX), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VBROADCASTSD 16(DX), Y12
	VFMADD231PD  Y8, Y12, Y4
	VFMADD231PD  Y9, Y12, Y5
	VBROADCASTSD 24(DX), Y13
	VFMADD231PD  Y8, Y13, Y6
	VFMADD231PD  Y9, Y13, Y7
	ADDQ         R12, SI
	ADDQ         R11, DX
	DECQ         CX
	JMP          at_row

at_done:
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, (R8)
	VMOVUPD Y3, 32(R8)
	VMOVUPD Y4, (R9)
	VMOVUPD Y5, 32(R9)
	VMOVUPD Y6, (R10)
	VMOVUPD Y7, 32(R10)
	ADDQ    $64, DI
	ADDQ    $64, R13
	DECQ    AX
	JMP     at_strip

at_end:
	VZEROUPPER
	RET

// func axpySqAVX2(a float64, x, y []float64)
TEXT ·axpySqAVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI

sq16:
	CMPQ        CX, $16
	JLT         sq4
	VMOVUPD     (SI), Y8
	VMOVUPD     32(SI), Y9
	VMOVUPD     64(SI), Y10
	VMOVUPD     96(SI), Y11
	VMULPD      Y8, Y0, Y12
	VMULPD      Y9, Y0, Y13
	VMULPD      Y10, Y0, Y14
	VMULPD      Y11, Y0, Y15
	VMOVUPD     (DI), Y4
	VMOVUPD     32(DI), Y5
	VMOVUPD     64(DI), Y6
	VMOVUPD     96(DI), Y7
	VFMADD231PD Y8, Y12, Y4
	VFMADD231PD Y9, Y13, Y5
	VFMADD231PD Y10, Y14, Y6
	VFMADD231PD Y11, Y15, Y7
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, 32(DI)
	VMOVUPD     Y6, 64(DI)
	VMOVUPD     Y7, 96(DI)
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         sq16

sq4:
	CMPQ        CX, $4
	JLT         sq1
	VMOVUPD     (SI), Y8
	VMULPD      Y8, Y0, Y12
	VMOVUPD     (DI), Y4
	VFMADD231PD Y8, Y12, Y4
	VMOVUPD     Y4, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         sq4

sq1:
	TESTQ       CX, CX
	JEQ         sqdone
	VMOVSD      (SI), X8
	VMULSD      X8, X0, X12
	VMOVSD      (DI), X4
	VFMADD231SD X8, X12, X4
	VMOVSD      X4, (DI)
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         sq1

sqdone:
	VZEROUPPER
	RET

// func axpySq32AVX2(a float64, x []float32, y []float64)
TEXT ·axpySq32AVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI

sq32_16:
	CMPQ        CX, $16
	JLT         sq32_4
	VCVTPS2PD   (SI), Y8
	VCVTPS2PD   16(SI), Y9
	VCVTPS2PD   32(SI), Y10
	VCVTPS2PD   48(SI), Y11
	VMULPD      Y8, Y0, Y12
	VMULPD      Y9, Y0, Y13
	VMULPD      Y10, Y0, Y14
	VMULPD      Y11, Y0, Y15
	VMOVUPD     (DI), Y4
	VMOVUPD     32(DI), Y5
	VMOVUPD     64(DI), Y6
	VMOVUPD     96(DI), Y7
	VFMADD231PD Y8, Y12, Y4
	VFMADD231PD Y9, Y13, Y5
	VFMADD231PD Y10, Y14, Y6
	VFMADD231PD Y11, Y15, Y7
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, 32(DI)
	VMOVUPD     Y6, 64(DI)
	VMOVUPD     Y7, 96(DI)
	ADDQ        $64, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         sq32_16

sq32_4:
	CMPQ        CX, $4
	JLT         sq32_1
	VCVTPS2PD   (SI), Y8
	VMULPD      Y8, Y0, Y12
	VMOVUPD     (DI), Y4
	VFMADD231PD Y8, Y12, Y4
	VMOVUPD     Y4, (DI)
	ADDQ        $16, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         sq32_4

sq32_1:
	TESTQ       CX, CX
	JEQ         sq32_done
	VCVTSS2SD   (SI), X8, X8
	VMULSD      X8, X0, X12
	VMOVSD      (DI), X4
	VFMADD231SD X8, X12, X4
	VMOVSD      X4, (DI)
	ADDQ        $4, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         sq32_1

sq32_done:
	VZEROUPPER
	RET

// func mul4x12AVX2(dst *[48]float64, x []float64, xstride int, wp []float64, cols int)
//
// Four rows' products with twelve packed classes: twelve accumulators
// (row r, classes 4j…4j+3 in Y(3r+j)), per feature three loads of wp and
// a broadcast of each row's value.
TEXT ·mul4x12AVX2(SB), NOSPLIT, $0-72
	MOVQ   x_base+8(FP), SI
	MOVQ   xstride+32(FP), BX
	SHLQ   $3, BX
	LEAQ   (SI)(BX*1), R8
	LEAQ   (R8)(BX*1), R9
	LEAQ   (R9)(BX*1), R10
	MOVQ   wp_base+40(FP), DI
	MOVQ   cols+64(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11

	// R11 = four rows in bytes: the prefetches below bring the next four
	// rows' line at the same column into L2, a group ahead (about 1 µs at
	// 784 features):
	// the hardware prefetcher alone does not keep four row streams fed,
	// and the loop ran at 60% of its in-cache speed (data's
	// BenchmarkMulMatPanels, stream against cached).
	MOVQ         BX, R11
	SHLQ         $2, R11

	// Two features per step while there are two.
m412_loop2:
	CMPQ         CX, $2
	JLT          m412_loop
	PREFETCHT1   (SI)(R11*1)
	PREFETCHT1   (R8)(R11*1)
	PREFETCHT1   (R9)(R11*1)
	PREFETCHT1   (R10)(R11*1)
	M412STEP(0, 0)
	M412STEP(96, 8)
	ADDQ         $192, DI
	ADDQ         $16, SI
	ADDQ         $16, R8
	ADDQ         $16, R9
	ADDQ         $16, R10
	SUBQ         $2, CX
	JMP          m412_loop2

m412_loop:
	TESTQ        CX, CX
	JEQ          m412_done
	M412STEP(0, 0)
	ADDQ         $96, DI
	ADDQ         $8, SI
	ADDQ         $8, R8
	ADDQ         $8, R9
	ADDQ         $8, R10
	DECQ         CX
	JMP          m412_loop

m412_done:
	MOVQ    dst+0(FP), AX
	VMOVUPD Y0, (AX)
	VMOVUPD Y1, 32(AX)
	VMOVUPD Y2, 64(AX)
	VMOVUPD Y3, 96(AX)
	VMOVUPD Y4, 128(AX)
	VMOVUPD Y5, 160(AX)
	VMOVUPD Y6, 192(AX)
	VMOVUPD Y7, 224(AX)
	VMOVUPD Y8, 256(AX)
	VMOVUPD Y9, 288(AX)
	VMOVUPD Y10, 320(AX)
	VMOVUPD Y11, 352(AX)
	VZEROUPPER
	RET

// func addT2AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)
TEXT ·addT2AVX2(SB), NOSPLIT, $0-112
	ADDTARGS

a28_strip:
	TESTQ   AX, AX
	JEQ     a28_end
	LEAQ    (DI)(BX*1), R8
	MOVQ    r_base+32(FP), DX
	MOVQ    R13, SI
	MOVQ    rows+96(FP), CX
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD (R8), Y2
	VMOVUPD 32(R8), Y3

a28_row:
	TESTQ        CX, CX
	JEQ          a28_done
	VMOVUPD      (SI), Y8
	VMOVUPD      32(SI), Y9
	VBROADCASTSD (DX), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD 8(DX), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	ADDQ         R12, SI
	ADDQ         R11, DX
	DECQ         CX
	JMP          a28_row

a28_done:
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, (R8)
	VMOVUPD Y3, 32(R8)
	ADDQ    $64, DI
	ADDQ    $64, R13
	DECQ    AX
	JMP     a28_strip

a28_end:
	VZEROUPPER
	RET

// func addT2x16AVX2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, strips int)
//
// addT2AVX2 over strips of sixteen columns: the two classes' sixteen sums
// in Y0…Y7, eight independent chains of multiply-adds (the eight-column
// strip has four, too few to cover the latency of two FMA units).
TEXT ·addT2x16AVX2(SB), NOSPLIT, $0-112
	ADDTARGS

a216_strip:
	TESTQ   AX, AX
	JEQ     a216_end
	LEAQ    (DI)(BX*1), R8
	MOVQ    r_base+32(FP), DX
	MOVQ    R13, SI
	MOVQ    rows+96(FP), CX
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD (R8), Y4
	VMOVUPD 32(R8), Y5
	VMOVUPD 64(R8), Y6
	VMOVUPD 96(R8), Y7

a216_row:
	TESTQ        CX, CX
	JEQ          a216_done
	VMOVUPD      (SI), Y8
	VMOVUPD      32(SI), Y9
	VMOVUPD      64(SI), Y10
	VMOVUPD      96(SI), Y11
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	VFMADD231PD  Y8, Y12, Y0
	VFMADD231PD  Y9, Y12, Y1
	VFMADD231PD  Y10, Y12, Y2
	VFMADD231PD  Y11, Y12, Y3
	VFMADD231PD  Y8, Y13, Y4
	VFMADD231PD  Y9, Y13, Y5
	VFMADD231PD  Y10, Y13, Y6
	VFMADD231PD  Y11, Y13, Y7
	ADDQ         R12, SI
	ADDQ         R11, DX
	DECQ         CX
	JMP          a216_row

a216_done:
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, (R8)
	VMOVUPD Y5, 32(R8)
	VMOVUPD Y6, 64(R8)
	VMOVUPD Y7, 96(R8)
	ADDQ    $128, DI
	ADDQ    $128, R13
	DECQ    AX
	JMP     a216_strip

a216_end:
	VZEROUPPER
	RET

// func dotRowsAVX2(z []float64, x []float64, cols int, w []float64)
TEXT ·dotRowsAVX2(SB), NOSPLIT, $0-80
	DOTROWSARGS

dr_row:
	TESTQ R9, R9
	JEQ   dr_end
	MOVQ  R10, CX
	MOVQ  R11, DI
	ZERO4

dr_16:
	CMPQ CX, $16
	JLT  dr_4
	DOTROW16(LOAD4F64, 8)
	JMP  dr_16

dr_4:
	CMPQ CX, $4
	JLT  dr_sum
	DOTROW4(LOAD4F64, 8)
	JMP  dr_4

dr_sum:
	SUM4

dr_1:
	TESTQ CX, CX
	JEQ   dr_store
	DOTROW1(LOAD1F64, 8)
	JMP   dr_1

dr_store:
	VMOVSD X0, (DX)
	ADDQ   $8, DX
	DECQ   R9
	JMP    dr_row

dr_end:
	VZEROUPPER
	RET

// func dotRows32AVX2(z []float64, x []float32, cols int, w []float64)
TEXT ·dotRows32AVX2(SB), NOSPLIT, $0-80
	DOTROWSARGS

dr32_row:
	TESTQ R9, R9
	JEQ   dr32_end
	MOVQ  R10, CX
	MOVQ  R11, DI
	ZERO4

dr32_16:
	CMPQ CX, $16
	JLT  dr32_4
	DOTROW16(LOAD4F32, 4)
	JMP  dr32_16

dr32_4:
	CMPQ CX, $4
	JLT  dr32_sum
	DOTROW4(LOAD4F32, 4)
	JMP  dr32_4

dr32_sum:
	SUM4

dr32_1:
	TESTQ CX, CX
	JEQ   dr32_store
	DOTROW1(LOAD1F32, 4)
	JMP   dr32_1

dr32_store:
	VMOVSD X0, (DX)
	ADDQ   $8, DX
	DECQ   R9
	JMP    dr32_row

dr32_end:
	VZEROUPPER
	RET

// func axpyRowsAVX2(g []float64, a []float64, x []float64, cols int)
//
// Strips of sixteen columns keep their sums in Y0…Y3 (even rows) and
// Y4…Y7 (odd rows): eight independent chains of multiply-adds while the
// rows pass. Then strips of four, then single columns.
TEXT ·axpyRowsAVX2(SB), NOSPLIT, $0-80
	AXPYROWSARGS(8)

ar_s16:
	CMPQ    AX, $16
	JLT     ar_s4
	AXPYSTRIP
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VXORPD  Y4, Y4, Y4
	VXORPD  Y5, Y5, Y5
	VXORPD  Y6, Y6, Y6
	VXORPD  Y7, Y7, Y7

ar_r16:
	CMPQ         CX, $2
	JLT          ar_r16one
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	AXPYROW16M(Y12, Y0, Y1, Y2, Y3)
	AXPYROW16M(Y13, Y4, Y5, Y6, Y7)
	ADDQ         $16, DX
	SUBQ         $2, CX
	JMP          ar_r16

ar_r16one:
	TESTQ        CX, CX
	JEQ          ar_d16
	VBROADCASTSD (DX), Y12
	AXPYROW16M(Y12, Y0, Y1, Y2, Y3)

ar_d16:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y5, Y1, Y1
	VADDPD  Y6, Y2, Y2
	VADDPD  Y7, Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $(16*8), R13
	SUBQ    $16, AX
	JMP     ar_s16

ar_s4:
	CMPQ    AX, $4
	JLT     ar_s1
	AXPYSTRIP
	VMOVUPD (DI), Y0
	VXORPD  Y4, Y4, Y4

ar_r4:
	CMPQ         CX, $2
	JLT          ar_r4one
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	AXPYROW4(LOAD4F64, Y12, Y0)
	AXPYROW4(LOAD4F64, Y13, Y4)
	ADDQ         $16, DX
	SUBQ         $2, CX
	JMP          ar_r4

ar_r4one:
	TESTQ        CX, CX
	JEQ          ar_d4
	VBROADCASTSD (DX), Y12
	AXPYROW4(LOAD4F64, Y12, Y0)

ar_d4:
	VADDPD  Y4, Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $(4*8), R13
	SUBQ    $4, AX
	JMP     ar_s4

ar_s1:
	TESTQ  AX, AX
	JEQ    ar_end
	AXPYSTRIP
	VMOVSD (DI), X0

ar_r1:
	TESTQ       CX, CX
	JEQ         ar_d1
	LOAD1F64(X8)
	VMOVSD      (DX), X12
	VFMADD231SD X8, X12, X0
	ADDQ        R12, SI
	ADDQ        $8, DX
	DECQ        CX
	JMP         ar_r1

ar_d1:
	VMOVSD X0, (DI)
	ADDQ   $8, DI
	ADDQ   $8, R13
	DECQ   AX
	JMP    ar_s1

ar_end:
	VZEROUPPER
	RET

// func axpyRows32AVX2(g []float64, a []float64, x []float32, cols int)
//
// Strips of sixteen columns keep their sums in Y0…Y3 (even rows) and
// Y4…Y7 (odd rows): eight independent chains of multiply-adds while the
// rows pass. Then strips of four, then single columns.
TEXT ·axpyRows32AVX2(SB), NOSPLIT, $0-80
	AXPYROWSARGS(4)

ar32_s16:
	CMPQ    AX, $16
	JLT     ar32_s4
	AXPYSTRIP
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VXORPD  Y4, Y4, Y4
	VXORPD  Y5, Y5, Y5
	VXORPD  Y6, Y6, Y6
	VXORPD  Y7, Y7, Y7

ar32_r16:
	CMPQ         CX, $2
	JLT          ar32_r16one
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	AXPYROW16(LOAD4F32, 4, Y12, Y0, Y1, Y2, Y3)
	AXPYROW16(LOAD4F32, 4, Y13, Y4, Y5, Y6, Y7)
	ADDQ         $16, DX
	SUBQ         $2, CX
	JMP          ar32_r16

ar32_r16one:
	TESTQ        CX, CX
	JEQ          ar32_d16
	VBROADCASTSD (DX), Y12
	AXPYROW16(LOAD4F32, 4, Y12, Y0, Y1, Y2, Y3)

ar32_d16:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y5, Y1, Y1
	VADDPD  Y6, Y2, Y2
	VADDPD  Y7, Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $(16*4), R13
	SUBQ    $16, AX
	JMP     ar32_s16

ar32_s4:
	CMPQ    AX, $4
	JLT     ar32_s1
	AXPYSTRIP
	VMOVUPD (DI), Y0
	VXORPD  Y4, Y4, Y4

ar32_r4:
	CMPQ         CX, $2
	JLT          ar32_r4one
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	AXPYROW4(LOAD4F32, Y12, Y0)
	AXPYROW4(LOAD4F32, Y13, Y4)
	ADDQ         $16, DX
	SUBQ         $2, CX
	JMP          ar32_r4

ar32_r4one:
	TESTQ        CX, CX
	JEQ          ar32_d4
	VBROADCASTSD (DX), Y12
	AXPYROW4(LOAD4F32, Y12, Y0)

ar32_d4:
	VADDPD  Y4, Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $(4*4), R13
	SUBQ    $4, AX
	JMP     ar32_s4

ar32_s1:
	TESTQ  AX, AX
	JEQ    ar32_end
	AXPYSTRIP
	VMOVSD (DI), X0

ar32_r1:
	TESTQ       CX, CX
	JEQ         ar32_d1
	LOAD1F32(X8)
	VMOVSD      (DX), X12
	VFMADD231SD X8, X12, X0
	ADDQ        R12, SI
	ADDQ        $8, DX
	DECQ        CX
	JMP         ar32_r1

ar32_d1:
	VMOVSD X0, (DI)
	ADDQ   $8, DI
	ADDQ   $4, R13
	DECQ   AX
	JMP    ar32_s1

ar32_end:
	VZEROUPPER
	RET

// expconst: the constants of logisticRowsAVX2, four copies each (one
// register), in the order of linear.expNonPos: log₂e, 1.5·2⁵², ln2Hi,
// ln2Lo, the Taylor coefficients 1/3! … 1/13! paired as Estrin's scheme
// takes them, 1, and the integer exponent bias 1023.
DATA expconst<>+0(SB)/8, $1.4426950408889634
DATA expconst<>+8(SB)/8, $1.4426950408889634
DATA expconst<>+16(SB)/8, $1.4426950408889634
DATA expconst<>+24(SB)/8, $1.4426950408889634
DATA expconst<>+32(SB)/8, $6.755399441055744e+15
DATA expconst<>+40(SB)/8, $6.755399441055744e+15
DATA expconst<>+48(SB)/8, $6.755399441055744e+15
DATA expconst<>+56(SB)/8, $6.755399441055744e+15
DATA expconst<>+64(SB)/8, $0.6931471803691238
DATA expconst<>+72(SB)/8, $0.6931471803691238
DATA expconst<>+80(SB)/8, $0.6931471803691238
DATA expconst<>+88(SB)/8, $0.6931471803691238
DATA expconst<>+96(SB)/8, $1.9082149292705877e-10
DATA expconst<>+104(SB)/8, $1.9082149292705877e-10
DATA expconst<>+112(SB)/8, $1.9082149292705877e-10
DATA expconst<>+120(SB)/8, $1.9082149292705877e-10
DATA expconst<>+128(SB)/8, $0.16666666666666666
DATA expconst<>+136(SB)/8, $0.16666666666666666
DATA expconst<>+144(SB)/8, $0.16666666666666666
DATA expconst<>+152(SB)/8, $0.16666666666666666
DATA expconst<>+160(SB)/8, $0.5
DATA expconst<>+168(SB)/8, $0.5
DATA expconst<>+176(SB)/8, $0.5
DATA expconst<>+184(SB)/8, $0.5
DATA expconst<>+192(SB)/8, $0.008333333333333333
DATA expconst<>+200(SB)/8, $0.008333333333333333
DATA expconst<>+208(SB)/8, $0.008333333333333333
DATA expconst<>+216(SB)/8, $0.008333333333333333
DATA expconst<>+224(SB)/8, $0.041666666666666664
DATA expconst<>+232(SB)/8, $0.041666666666666664
DATA expconst<>+240(SB)/8, $0.041666666666666664
DATA expconst<>+248(SB)/8, $0.041666666666666664
DATA expconst<>+256(SB)/8, $0.0001984126984126984
DATA expconst<>+264(SB)/8, $0.0001984126984126984
DATA expconst<>+272(SB)/8, $0.0001984126984126984
DATA expconst<>+280(SB)/8, $0.0001984126984126984
DATA expconst<>+288(SB)/8, $0.001388888888888889
DATA expconst<>+296(SB)/8, $0.001388888888888889
DATA expconst<>+304(SB)/8, $0.001388888888888889
DATA expconst<>+312(SB)/8, $0.001388888888888889
DATA expconst<>+320(SB)/8, $2.7557319223985893e-06
DATA expconst<>+328(SB)/8, $2.7557319223985893e-06
DATA expconst<>+336(SB)/8, $2.7557319223985893e-06
DATA expconst<>+344(SB)/8, $2.7557319223985893e-06
DATA expconst<>+352(SB)/8, $2.48015873015873e-05
DATA expconst<>+360(SB)/8, $2.48015873015873e-05
DATA expconst<>+368(SB)/8, $2.48015873015873e-05
DATA expconst<>+376(SB)/8, $2.48015873015873e-05
DATA expconst<>+384(SB)/8, $2.505210838544172e-08
DATA expconst<>+392(SB)/8, $2.505210838544172e-08
DATA expconst<>+400(SB)/8, $2.505210838544172e-08
DATA expconst<>+408(SB)/8, $2.505210838544172e-08
DATA expconst<>+416(SB)/8, $2.755731922398589e-07
DATA expconst<>+424(SB)/8, $2.755731922398589e-07
DATA expconst<>+432(SB)/8, $2.755731922398589e-07
DATA expconst<>+440(SB)/8, $2.755731922398589e-07
DATA expconst<>+448(SB)/8, $1.6059043836821613e-10
DATA expconst<>+456(SB)/8, $1.6059043836821613e-10
DATA expconst<>+464(SB)/8, $1.6059043836821613e-10
DATA expconst<>+472(SB)/8, $1.6059043836821613e-10
DATA expconst<>+480(SB)/8, $2.08767569878681e-09
DATA expconst<>+488(SB)/8, $2.08767569878681e-09
DATA expconst<>+496(SB)/8, $2.08767569878681e-09
DATA expconst<>+504(SB)/8, $2.08767569878681e-09
DATA expconst<>+512(SB)/8, $1.0
DATA expconst<>+520(SB)/8, $1.0
DATA expconst<>+528(SB)/8, $1.0
DATA expconst<>+536(SB)/8, $1.0
DATA expconst<>+544(SB)/8, $1023
DATA expconst<>+552(SB)/8, $1023
DATA expconst<>+560(SB)/8, $1023
DATA expconst<>+568(SB)/8, $1023
GLOBL expconst<>(SB), RODATA|NOPTR, $576

// func logisticRowsAVX2(z, pos, neg, e, h []float64, b float64, sums *LogisticSums)
//
// Four rows per step, len(z) a multiple of four, every |z+b| ≤ 708 (the
// Go wrapper checks). With s = z+b, a = pos, c = neg: e = exp(−|s|) by
// ExpNonPos's steps (the same operations, so the same bits), big =
// 1/(1+e) = σ(|s|), small = e·big; h = (a+c)·big·small; with σ₊ = σ(s)
// and σ₋ = σ(−s) chosen by the sign of s, z = c·σ₊ − a·σ₋ and lin = c·s
// or −a·s. Each step adds its four lin and z to sums' Lin and D lanes
// and folds its four e into the P lanes.
TEXT ·logisticRowsAVX2(SB), NOSPLIT, $0-136
	MOVQ         z_base+0(FP), SI
	MOVQ         z_len+8(FP), CX
	SHRQ         $2, CX
	MOVQ         pos_base+24(FP), R8
	MOVQ         neg_base+48(FP), R9
	MOVQ         e_base+72(FP), R10
	MOVQ         h_base+96(FP), R12
	VBROADCASTSD b+120(FP), Y15
	MOVQ         sums+128(FP), R13
	VXORPD       Y14, Y14, Y14

lg_loop:
	TESTQ CX, CX
	JEQ   lg_done

	// x = −|s| = min(s, −s); k = round(x·log₂e), t = x·log₂e + 1.5·2⁵²
	// holding k in its low bits; r = x − k·ln 2 in two parts.
	VADDPD       (SI), Y15, Y0
	VSUBPD       Y0, Y14, Y1
	VMINPD       Y1, Y0, Y2
	VMULPD       expconst<>+0(SB), Y2, Y5
	VADDPD       expconst<>+32(SB), Y5, Y5
	VSUBPD       expconst<>+32(SB), Y5, Y6
	VMOVAPD      Y2, Y7
	VFNMADD231PD expconst<>+64(SB), Y6, Y7
	VFNMADD231PD expconst<>+96(SB), Y6, Y7

	// 2ᵏ: the low bits of t plus the bias, shifted into the exponent.
	VPADDQ expconst<>+544(SB), Y5, Y5
	VPSLLQ $52, Y5, Y5

	// eʳ = 1 + (r + r²·Q(r)), Q by Estrin's scheme.
	VMULPD      Y7, Y7, Y8
	VMULPD      Y8, Y8, Y9
	VMULPD      Y9, Y9, Y10
	VMOVUPD     expconst<>+160(SB), Y11
	VFMADD231PD expconst<>+128(SB), Y7, Y11
	VMOVUPD     expconst<>+224(SB), Y12
	VFMADD231PD expconst<>+192(SB), Y7, Y12
	VMOVUPD     expconst<>+288(SB), Y13
	VFMADD231PD expconst<>+256(SB), Y7, Y13
	VMOVUPD     expconst<>+352(SB), Y1
	VFMADD231PD expconst<>+320(SB), Y7, Y1
	VMOVUPD     expconst<>+416(SB), Y2
	VFMADD231PD expconst<>+384(SB), Y7, Y2
	VMOVUPD     expconst<>+480(SB), Y3
	VFMADD231PD expconst<>+448(SB), Y7, Y3
	VFMADD231PD Y12, Y8, Y11
	VFMADD231PD Y1, Y8, Y13
	VFMADD231PD Y3, Y8, Y2
	VFMADD231PD Y13, Y9, Y11
	VFMADD231PD Y2, Y10, Y11
	VFMADD231PD Y11, Y8, Y7
	VADDPD      expconst<>+512(SB), Y7, Y7
	VMULPD      Y5, Y7, Y1
	VMOVUPD     Y1, (R10)

	// big, small, h.
	VADDPD  expconst<>+512(SB), Y1, Y2
	VMOVUPD expconst<>+512(SB), Y3
	VDIVPD  Y2, Y3, Y3
	VMULPD  Y3, Y1, Y4
	VMOVUPD (R8), Y5
	VMOVUPD (R9), Y6
	VADDPD  Y6, Y5, Y7
	VMULPD  Y3, Y7, Y7
	VMULPD  Y4, Y7, Y7
	VMOVUPD Y7, (R12)

	// s ≥ 0 picks σ₊ = big, σ₋ = small and lin = c·s; else the others.
	VCMPPD    $0x1D, Y14, Y0, Y9
	VBLENDVPD Y9, Y3, Y4, Y10
	VBLENDVPD Y9, Y4, Y3, Y11
	VMULPD    Y10, Y6, Y10
	VMULPD    Y11, Y5, Y11
	VSUBPD    Y11, Y10, Y10
	VMOVUPD   Y10, (SI)
	VMULPD    Y0, Y6, Y12
	VMULPD    Y0, Y5, Y13
	VSUBPD    Y13, Y14, Y13
	VBLENDVPD Y9, Y12, Y13, Y12

	// The sums: Lin += lin, D += z, P ← P + e + P·e.
	VADDPD      (R13), Y12, Y12
	VMOVUPD     Y12, (R13)
	VADDPD      32(R13), Y10, Y10
	VMOVUPD     Y10, 32(R13)
	VMOVUPD     64(R13), Y2
	VADDPD      Y1, Y2, Y3
	VFMADD231PD Y1, Y2, Y3
	VMOVUPD     Y3, 64(R13)

	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, R9
	ADDQ $32, R10
	ADDQ $32, R12
	DECQ CX
	JMP  lg_loop

lg_done:
	VZEROUPPER
	RET

// func axpyRows8AVX2(g []float64, a []float64, x []float64, cols int)
//
// axpyRowsAVX2 for a block of exactly eight rows: the eight a[r] stay
// broadcast in Y8…Y15 for the whole call, and each strip of four columns
// of g takes one load, eight multiply-adds from the rows in memory and one
// store. Then single columns.
TEXT ·axpyRows8AVX2(SB), NOSPLIT, $0-80
	MOVQ         g_base+0(FP), DI
	MOVQ         a_base+24(FP), DX
	MOVQ         x_base+48(FP), SI
	MOVQ         cols+72(FP), AX
	MOVQ         AX, R12
	SHLQ         $3, R12
	LEAQ         (R12)(R12*2), R13
	LEAQ         (SI)(R12*4), R8
	VBROADCASTSD (DX), Y8
	VBROADCASTSD 8(DX), Y9
	VBROADCASTSD 16(DX), Y10
	VBROADCASTSD 24(DX), Y11
	VBROADCASTSD 32(DX), Y12
	VBROADCASTSD 40(DX), Y13
	VBROADCASTSD 48(DX), Y14
	VBROADCASTSD 56(DX), Y15

a8_s4:
	CMPQ        AX, $4
	JLT         a8_s1
	VMOVUPD     (DI), Y0
	VMULPD      (SI), Y8, Y1
	VFMADD231PD (SI)(R12*1), Y9, Y0
	VFMADD231PD (SI)(R12*2), Y10, Y1
	VFMADD231PD (SI)(R13*1), Y11, Y0
	VFMADD231PD (R8), Y12, Y1
	VFMADD231PD (R8)(R12*1), Y13, Y0
	VFMADD231PD (R8)(R12*2), Y14, Y1
	VFMADD231PD (R8)(R13*1), Y15, Y0
	VADDPD      Y1, Y0, Y0
	VMOVUPD     Y0, (DI)
	ADDQ        $32, DI
	ADDQ        $32, SI
	ADDQ        $32, R8
	SUBQ        $4, AX
	JMP         a8_s4

a8_s1:
	TESTQ       AX, AX
	JEQ         a8_end
	VMOVSD      (DI), X0
	VMULSD      (SI), X8, X1
	VFMADD231SD (SI)(R12*1), X9, X0
	VFMADD231SD (SI)(R12*2), X10, X1
	VFMADD231SD (SI)(R13*1), X11, X0
	VFMADD231SD (R8), X12, X1
	VFMADD231SD (R8)(R12*1), X13, X0
	VFMADD231SD (R8)(R12*2), X14, X1
	VFMADD231SD (R8)(R13*1), X15, X0
	VADDSD      X1, X0, X0
	VMOVSD      X0, (DI)
	ADDQ        $8, DI
	ADDQ        $8, SI
	ADDQ        $8, R8
	DECQ        AX
	JMP         a8_s1

a8_end:
	VZEROUPPER
	RET
