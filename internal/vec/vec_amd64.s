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

// GRAMROWEND finishes a row of gramVecAVX2 / gramVec32AVX2: X0 holds the
// product z of row xn (R12). Unless that was the final add-only pass
// (R11 = 0), it sets u = h·(z+b), Σu += u (X14), a = u (Y15), moves xc (R13)
// to xn and xn to the next row (R9 bytes on) if there is one; the row loop
// then runs again.
#define GRAMROWEND(done, loop) \
	TESTQ        R11, R11; \
	JEQ          done; \
	VADDSD       b+56(FP), X0, X0; \
	VMULSD       (R10), X0, X5; \
	VADDSD       X5, X14, X14; \
	VBROADCASTSD X5, Y15; \
	ADDQ         $8, R10; \
	MOVQ         R12, R13; \
	DECQ         R11; \
	JEQ          loop; \
	ADDQ         R9, R12; \
	JMP          loop

// DOTAXPY16 is one step of the DotAxpy loop over 16 columns, shared by
// dotAxpyAVX2 and gramVecAVX2: the products of xn (SI) and w (DI) into
// Y0…Y3, g (R8) += a (Y15)·xc (DX); the pointers move on, CX counts down.
#define DOTAXPY16 \
	VMOVUPD     (SI), Y4; \
	VMOVUPD     32(SI), Y5; \
	VMOVUPD     64(SI), Y6; \
	VMOVUPD     96(SI), Y7; \
	VFMADD231PD (DI), Y4, Y0; \
	VFMADD231PD 32(DI), Y5, Y1; \
	VFMADD231PD 64(DI), Y6, Y2; \
	VFMADD231PD 96(DI), Y7, Y3; \
	VMOVUPD     (R8), Y8; \
	VMOVUPD     32(R8), Y9; \
	VMOVUPD     64(R8), Y10; \
	VMOVUPD     96(R8), Y11; \
	VFMADD231PD (DX), Y15, Y8; \
	VFMADD231PD 32(DX), Y15, Y9; \
	VFMADD231PD 64(DX), Y15, Y10; \
	VFMADD231PD 96(DX), Y15, Y11; \
	VMOVUPD     Y8, (R8); \
	VMOVUPD     Y9, 32(R8); \
	VMOVUPD     Y10, 64(R8); \
	VMOVUPD     Y11, 96(R8); \
	ADDQ        $128, SI; \
	ADDQ        $128, DI; \
	ADDQ        $128, DX; \
	ADDQ        $128, R8; \
	SUBQ        $16, CX

// DOTAXPY32X16 is DOTAXPY16 for float32 rows xn and xc (widened in Y4…Y7,
// Y12 and Y13), shared by dotAxpy32AVX2 and gramVec32AVX2.
#define DOTAXPY32X16 \
	VCVTPS2PD   (SI), Y4; \
	VCVTPS2PD   16(SI), Y5; \
	VCVTPS2PD   32(SI), Y6; \
	VCVTPS2PD   48(SI), Y7; \
	VFMADD231PD (DI), Y4, Y0; \
	VFMADD231PD 32(DI), Y5, Y1; \
	VFMADD231PD 64(DI), Y6, Y2; \
	VFMADD231PD 96(DI), Y7, Y3; \
	VMOVUPD     (R8), Y8; \
	VMOVUPD     32(R8), Y9; \
	VMOVUPD     64(R8), Y10; \
	VMOVUPD     96(R8), Y11; \
	VCVTPS2PD   (DX), Y12; \
	VCVTPS2PD   16(DX), Y13; \
	VFMADD231PD Y12, Y15, Y8; \
	VFMADD231PD Y13, Y15, Y9; \
	VCVTPS2PD   32(DX), Y12; \
	VCVTPS2PD   48(DX), Y13; \
	VFMADD231PD Y12, Y15, Y10; \
	VFMADD231PD Y13, Y15, Y11; \
	VMOVUPD     Y8, (R8); \
	VMOVUPD     Y9, 32(R8); \
	VMOVUPD     Y10, 64(R8); \
	VMOVUPD     Y11, 96(R8); \
	ADDQ        $64, SI; \
	ADDQ        $128, DI; \
	ADDQ        $64, DX; \
	ADDQ        $128, R8; \
	SUBQ        $16, CX

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

// func dotAxpyAVX2(xn, w, xc, g []float64, a float64) float64
TEXT ·dotAxpyAVX2(SB), NOSPLIT, $0-112
	MOVQ         xn_base+0(FP), SI
	MOVQ         xn_len+8(FP), CX
	MOVQ         w_base+24(FP), DI
	MOVQ         xc_base+48(FP), DX
	MOVQ         g_base+72(FP), R8
	VBROADCASTSD a+96(FP), Y15
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	VXORPD       Y2, Y2, Y2
	VXORPD       Y3, Y3, Y3

da16:
	CMPQ        CX, $16
	JLT         da4
	DOTAXPY16
	JMP         da16

da4:
	CMPQ        CX, $4
	JLT         dasum
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	VMOVUPD     (R8), Y8
	VFMADD231PD (DX), Y15, Y8
	VMOVUPD     Y8, (R8)
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, DX
	ADDQ        $32, R8
	SUBQ        $4, CX
	JMP         da4

dasum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

da1:
	TESTQ       CX, CX
	JEQ         dadone
	VMOVSD      (SI), X4
	VFMADD231SD (DI), X4, X0
	VMOVSD      (R8), X8
	VFMADD231SD (DX), X15, X8
	VMOVSD      X8, (R8)
	ADDQ        $8, SI
	ADDQ        $8, DI
	ADDQ        $8, DX
	ADDQ        $8, R8
	DECQ        CX
	JMP         da1

dadone:
	VZEROUPPER
	MOVSD X0, ret+104(FP)
	RET

// func dotAxpy32AVX2(xn []float32, w []float64, xc []float32, g []float64, a float64) float64
TEXT ·dotAxpy32AVX2(SB), NOSPLIT, $0-112
	MOVQ         xn_base+0(FP), SI
	MOVQ         xn_len+8(FP), CX
	MOVQ         w_base+24(FP), DI
	MOVQ         xc_base+48(FP), DX
	MOVQ         g_base+72(FP), R8
	VBROADCASTSD a+96(FP), Y15
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	VXORPD       Y2, Y2, Y2
	VXORPD       Y3, Y3, Y3

db16:
	CMPQ        CX, $16
	JLT         db4
	DOTAXPY32X16
	JMP         db16

db4:
	CMPQ        CX, $4
	JLT         dbsum
	VCVTPS2PD   (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	VMOVUPD     (R8), Y8
	VCVTPS2PD   (DX), Y12
	VFMADD231PD Y12, Y15, Y8
	VMOVUPD     Y8, (R8)
	ADDQ        $16, SI
	ADDQ        $32, DI
	ADDQ        $16, DX
	ADDQ        $32, R8
	SUBQ        $4, CX
	JMP         db4

dbsum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

db1:
	TESTQ       CX, CX
	JEQ         dbdone
	VCVTSS2SD   (SI), X4, X4
	VFMADD231SD (DI), X4, X0
	VCVTSS2SD   (DX), X12, X12
	VMOVSD      (R8), X8
	VFMADD231SD X12, X15, X8
	VMOVSD      X8, (R8)
	ADDQ        $4, SI
	ADDQ        $8, DI
	ADDQ        $4, DX
	ADDQ        $8, R8
	DECQ        CX
	JMP         db1

dbdone:
	VZEROUPPER
	MOVSD X0, ret+104(FP)
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

// func gramVecAVX2(x []float64, cols int, h []float64, b float64, w, g []float64) float64
//
// Row i's product is computed in the pass that adds row i−1 (DotAxpy's
// loop); the first pass adds row 0 times 0, the last one adds the last row
// and recomputes its product, which is dropped.
TEXT ·gramVecAVX2(SB), NOSPLIT, $0-120
	MOVQ   x_base+0(FP), R12
	MOVQ   R12, R13
	MOVQ   cols+24(FP), R9
	SHLQ   $3, R9
	MOVQ   h_base+32(FP), R10
	MOVQ   h_len+40(FP), R11
	VXORPD Y15, Y15, Y15
	VXORPD Y14, Y14, Y14
	TESTQ  R11, R11
	JEQ    gvdone

gvrow:
	MOVQ   R12, SI
	MOVQ   R13, DX
	MOVQ   w_base+64(FP), DI
	MOVQ   g_base+88(FP), R8
	MOVQ   cols+24(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

gv16:
	CMPQ        CX, $16
	JLT         gv4
	DOTAXPY16
	JMP         gv16

gv4:
	// Up to 15 columns left: an 8-block and a 4-block into other sums
	// than Y0, and the last 1 to 3 columns' products by masked loads, so
	// that a short row's product is a short chain of dependent additions
	// (the next row's product waits for it).
	CMPQ        CX, $8
	JLT         gv4b
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VFMADD231PD (DI), Y4, Y1
	VFMADD231PD 32(DI), Y5, Y2
	VMOVUPD     (R8), Y8
	VMOVUPD     32(R8), Y9
	VFMADD231PD (DX), Y15, Y8
	VFMADD231PD 32(DX), Y15, Y9
	VMOVUPD     Y8, (R8)
	VMOVUPD     Y9, 32(R8)
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, DX
	ADDQ        $64, R8
	SUBQ        $8, CX

gv4b:
	CMPQ        CX, $4
	JLT         gvmask
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y3
	VMOVUPD     (R8), Y8
	VFMADD231PD (DX), Y15, Y8
	VMOVUPD     Y8, (R8)
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, DX
	ADDQ        $32, R8
	SUBQ        $4, CX

gvmask:
	TESTQ       CX, CX
	JEQ         gvsum
	LEAQ        tailmask<>(SB), R14
	MOVQ        $4, AX
	SUBQ        CX, AX
	VMOVUPD     (R14)(AX*8), Y13
	VMASKMOVPD  (SI), Y13, Y4
	VMASKMOVPD  (DI), Y13, Y6
	VFMADD231PD Y6, Y4, Y0

gvsum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

gv1:
	// The last columns' additions to g, which the product does not wait
	// for (their products were taken above).
	TESTQ       CX, CX
	JEQ         gvend
	VMOVSD      (DX), X7
	VMOVSD      (R8), X8
	VFMADD231SD X7, X15, X8
	VMOVSD      X8, (R8)
	ADDQ        $8, DX
	ADDQ        $8, R8
	DECQ        CX
	JMP         gv1

gvend:
	GRAMROWEND(gvdone, gvrow)

gvdone:
	VZEROUPPER
	MOVSD X14, ret+112(FP)
	RET

// func gramVec32AVX2(x []float32, cols int, h []float64, b float64, w, g []float64) float64
//
// gramVecAVX2 for float32 rows (dotAxpy32AVX2's loop), accumulated in
// float64.
TEXT ·gramVec32AVX2(SB), NOSPLIT, $0-120
	MOVQ   x_base+0(FP), R12
	MOVQ   R12, R13
	MOVQ   cols+24(FP), R9
	SHLQ   $2, R9
	MOVQ   h_base+32(FP), R10
	MOVQ   h_len+40(FP), R11
	VXORPD Y15, Y15, Y15
	VXORPD Y14, Y14, Y14
	TESTQ  R11, R11
	JEQ    gwdone

gwrow:
	MOVQ   R12, SI
	MOVQ   R13, DX
	MOVQ   w_base+64(FP), DI
	MOVQ   g_base+88(FP), R8
	MOVQ   cols+24(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

gw16:
	CMPQ        CX, $16
	JLT         gw4
	DOTAXPY32X16
	JMP         gw16

gw4:
	CMPQ        CX, $4
	JLT         gwsum
	VCVTPS2PD   (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	VMOVUPD     (R8), Y8
	VCVTPS2PD   (DX), Y12
	VFMADD231PD Y12, Y15, Y8
	VMOVUPD     Y8, (R8)
	ADDQ        $16, SI
	ADDQ        $32, DI
	ADDQ        $16, DX
	ADDQ        $32, R8
	SUBQ        $4, CX
	JMP         gw4

gwsum:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	HSUM(Y0, X0, X1)

gw1:
	TESTQ       CX, CX
	JEQ         gwend
	VCVTSS2SD   (SI), X4, X4
	VFMADD231SD (DI), X4, X0
	VCVTSS2SD   (DX), X12, X12
	VMOVSD      (R8), X8
	VFMADD231SD X12, X15, X8
	VMOVSD      X8, (R8)
	ADDQ        $4, SI
	ADDQ        $8, DI
	ADDQ        $4, DX
	ADDQ        $8, R8
	DECQ        CX
	JMP         gw1

gwend:
	GRAMROWEND(gwdone, gwrow)

gwdone:
	VZEROUPPER
	MOVSD X14, ret+112(FP)
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
