package io.github.dlnkit.model;

import io.github.dlnkit.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * {@code delta -> Hess L(W) delta} at a fixed point {@code W}, matrix-free, with every buffer allocated once
 * (made by {@link Loss#hvpAt}). Per product {@code 8H - 7} matrix products ({@code O(H width^3)}, native BLAS when
 * loaded, see {@link Gemm}) and no allocation in {@link #apply(double[], double[])}.
 *
 * <p>Formula (Achour et al. 2024, section 3, differentiated along {@code delta}): with {@code C_h = W_{h-1:1}},
 * {@code A_h = W_{H:h+1}}, {@code G = P Sxx - Syx}, {@code dC_{h+1} = delta_h C_h + W_h dC_h},
 * {@code dA_{h-1} = dA_h W_h + A_h delta_h}, {@code dG = dC_{H+1} Sxx}:
 * <pre>
 *   (Hess delta)_h = 2c ( dA_h^T (G C_h^T) + (A_h^T dG) C_h^T + (A_h^T G) dC_h^T + lambda_h delta_h )
 * </pre>
 * where {@code G C_h^T}, {@code A_h^T G} and {@code C_h^T} do not depend on {@code delta} and are computed once.
 * The two terms with a transposed right factor are taken as {@code (A_h^T dG) (C_h^T)} (both operands as stored)
 * and {@code (G^T A_h)^T dC_h^T} (both transposed), never as {@code X Y^T}: OpenBLAS 0.3.31 takes 9.4 us for a
 * row-major {@code 64 x 64} product {@code X Y^T} against 4.9-5.3 us for the other three forms on the machine of
 * issue 20 (one thread, a C loop over {@code cblas_dgemm}), which made these six products a third of the HVP at
 * {@code H = 4}.
 * Not thread-safe (one instance per thread); the point is copied, so later changes to it do not matter.
 */
public final class HessianVectorProduct {
    private final Architecture arch;
    private final int depth;
    private final double f;
    private final double[] lambda;
    private final DMatrixRMaj sxx;
    private final DMatrixRMaj[] w;      // W_h (copies), index h
    private final DMatrixRMaj[] c;      // C_h, h = 1..H+1
    private final DMatrixRMaj[] a;      // A_h, h = 0..H
    private final DMatrixRMaj[] gct;    // G C_h^T, d_y x d_{h-1}
    private final DMatrixRMaj[] ct;     // C_h^T, d_x x d_{h-1}, h = 2..H
    private final DMatrixRMaj[] gta;    // (A_h^T G)^T = G^T A_h, d_x x d_h, h = 2..H
    private final DMatrixRMaj[] delta;  // input buffers, index h
    private final DMatrixRMaj[] dc;     // dC_h
    private final DMatrixRMaj[] da;     // dA_h
    private final DMatrixRMaj dg;       // dG, d_y x d_x
    private final DMatrixRMaj[] atdg;   // A_h^T dG, d_h x d_x
    private final DMatrixRMaj[] out;    // result buffers

    HessianVectorProduct(Loss loss, Weights point) {
        this.arch = point.architecture();
        this.depth = point.depth();
        this.f = 2 * loss.convention().factor();
        this.sxx = loss.data().sxxRef();
        this.lambda = new double[depth + 1];
        for (int h = 1; h <= depth; h++) {
            lambda[h] = loss.lambda(h, depth);
        }
        int hc = depth;
        w = new DMatrixRMaj[hc + 1];
        for (int h = 1; h <= hc; h++) {
            w[h] = point.ref(h).copy();
        }
        c = Loss.prefixes(point);
        a = Loss.suffixes(point);
        DMatrixRMaj g = loss.residual(c[hc + 1]);
        int dx = arch.inputDim();
        int dy = arch.outputDim();
        gct = new DMatrixRMaj[hc + 1];
        ct = new DMatrixRMaj[hc + 1];
        gta = new DMatrixRMaj[hc + 1];
        delta = new DMatrixRMaj[hc + 1];
        da = new DMatrixRMaj[hc + 1];
        dc = new DMatrixRMaj[hc + 2];
        atdg = new DMatrixRMaj[hc + 1];
        out = new DMatrixRMaj[hc + 1];
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            gct[h] = new DMatrixRMaj(dy, dhm);
            Gemm.multTransB(g, c[h], gct[h]);
            if (h > 1) {
                ct[h] = CommonOps_DDRM.transpose(c[h], null);
                gta[h] = new DMatrixRMaj(dx, dh);
                Gemm.multTransA(g, a[h], gta[h]);
            }
            delta[h] = new DMatrixRMaj(dh, dhm);
            atdg[h] = new DMatrixRMaj(dh, dx);
            out[h] = new DMatrixRMaj(dh, dhm);
        }
        for (int h = 1; h <= hc + 1; h++) {
            dc[h] = new DMatrixRMaj(arch.width(h - 1), dx);
        }
        for (int h = 0; h <= hc; h++) {
            da[h] = new DMatrixRMaj(dy, arch.width(h));
        }
        dg = new DMatrixRMaj(dy, dx);
    }

    public Architecture architecture() {
        return arch;
    }

    /** Number of parameters {@code n}: the length of the vectors {@link #apply(double[], double[])} takes. */
    public int dimension() {
        return arch.parameterCount();
    }

    /**
     * {@code out = Hess L(W) v} for flat vectors in the parameter order of {@link Architecture} (as
     * {@link Weights#toVector()}); {@code v} and {@code out} must have length {@link #dimension()} and may not be
     * the same array. No allocation.
     */
    public void apply(double[] v, double[] outVector) {
        int n = dimension();
        if (v == null || v.length != n) {
            throw new IllegalArgumentException("HVP input vector has length " + (v == null ? "null" : v.length)
                    + ", expected n = " + n + " parameters of " + arch);
        }
        if (outVector == null || outVector.length != n) {
            throw new IllegalArgumentException("HVP output vector has length "
                    + (outVector == null ? "null" : outVector.length) + ", expected n = " + n + " parameters of " + arch);
        }
        if (v == outVector) {
            throw new IllegalArgumentException("HVP input and output vectors are the same array, expected distinct");
        }
        for (int h = 1; h <= depth; h++) {
            System.arraycopy(v, arch.offset(h), delta[h].data, 0, arch.layerSize(h));
        }
        compute();
        for (int h = 1; h <= depth; h++) {
            System.arraycopy(out[h].data, 0, outVector, arch.offset(h), arch.layerSize(h));
        }
    }

    /** {@code Hess L(W) d} as new weights (the API of {@link Loss#hvp}). */
    public Weights apply(Weights d) {
        if (d == null || !d.architecture().equals(arch)) {
            throw new IllegalArgumentException("direction has widths " + (d == null ? "null" : d.architecture())
                    + ", expected " + arch);
        }
        for (int h = 1; h <= depth; h++) {
            delta[h].setTo(d.ref(h));
        }
        compute();
        DMatrixRMaj[] res = new DMatrixRMaj[depth];
        for (int h = 1; h <= depth; h++) {
            res[h - 1] = out[h].copy();
        }
        return Weights.of(res);
    }

    /**
     * The products of {@link #apply}, skipping the identity factors {@code C_1 = I}, {@code A_H = I} and the zero
     * terms {@code dC_1 = 0}, {@code dA_H = 0}: {@code 8H - 7} products ({@link #flops()}).
     */
    private void compute() {
        int hc = depth;
        dc[2].setTo(delta[1]); // dC_2 = delta_1 C_1 = delta_1
        for (int h = 2; h <= hc; h++) {
            Gemm.mult(delta[h], c[h], dc[h + 1]);
            Gemm.multAdd(w[h], dc[h], dc[h + 1]);
        }
        da[hc - 1].setTo(delta[hc]); // dA_{H-1} = A_H delta_H = delta_H
        for (int h = hc - 1; h >= 1; h--) {
            Gemm.mult(a[h], delta[h], da[h - 1]);
            Gemm.multAdd(da[h], w[h], da[h - 1]);
        }
        Gemm.mult(dc[hc + 1], sxx, dg);
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj res = out[h];
            // A_h^T dG (A_H = I)
            DMatrixRMaj atdgh = h == hc ? dg : atdg[h];
            if (h < hc) {
                Gemm.multTransA(a[h], dg, atdgh);
                // dA_h^T (G C_h^T), zero for h = H
                Gemm.gemm(f, da[h], true, gct[h], false, 0, res);
            }
            double beta = h < hc ? 1 : 0;
            if (h == 1) {
                // (A_1^T dG) C_1^T = A_1^T dG; (A_1^T G) dC_1^T = 0
                if (h < hc) {
                    CommonOps_DDRM.addEquals(res, f, atdgh);
                } else {
                    CommonOps_DDRM.scale(f, atdgh, res); // H = 1: the only term
                }
            } else {
                Gemm.gemm(f, atdgh, false, ct[h], false, beta, res);
                // (A_h^T G) dC_h^T = (G^T A_h)^T dC_h^T
                Gemm.gemm(f, gta[h], true, dc[h], true, 1, res);
            }
            if (lambda[h] != 0) {
                CommonOps_DDRM.addEquals(res, f * lambda[h], delta[h]);
            }
        }
    }

    /**
     * Floating-point operations of one product: {@code 2 p q r} for every {@code (p x q)(q x r)} product that
     * {@link #apply} computes ({@code 8H - 7} of them; identity factors and zero terms are skipped).
     */
    public double flops() {
        int hc = depth;
        int dx = arch.inputDim();
        int dy = arch.outputDim();
        double fl = 2.0 * dy * dx * dx; // dG
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            if (h > 1) {
                fl += 2 * (2.0 * dh * dhm * dx);       // delta_h C_h, W_h dC_h
                fl += 2 * (2.0 * dh * dx * dhm);       // (A_h^T dG) C_h^T, (A_h^T G) dC_h^T
            }
            if (h < hc) {
                fl += 2 * (2.0 * dy * dh * dhm);       // A_h delta_h, dA_h W_h
                fl += 2.0 * dh * dy * dhm + 2.0 * dh * dy * dx; // dA_h^T (G C_h^T), A_h^T dG
            }
        }
        return fl;
    }
}
