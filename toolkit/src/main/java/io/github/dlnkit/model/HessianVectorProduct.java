package io.github.dlnkit.model;

import io.github.dlnkit.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
    private final DMatrixRMaj[] dc;     // dC_h
    private final DMatrixRMaj[] da;     // dA_h
    private final DMatrixRMaj dg;       // dG, d_y x d_x
    private final DMatrixRMaj[] atdg;   // A_h^T dG, d_h x d_x
    private final int[] off;            // offset of layer h in the flat vectors

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
        da = new DMatrixRMaj[hc + 1];
        dc = new DMatrixRMaj[hc + 2];
        atdg = new DMatrixRMaj[hc + 1];
        off = new int[hc + 1];
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
            atdg[h] = new DMatrixRMaj(dh, dx);
            off[h] = arch.offset(h);
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
     * the same array. No allocation, and no copy of either vector: the products read {@code delta_h} and write
     * the result's layers where they lie in the two arrays.
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
        compute(v, outVector);
    }

    /** {@code Hess L(W) d} as new weights (the API of {@link Loss#hvp}). */
    public Weights apply(Weights d) {
        if (d == null || !d.architecture().equals(arch)) {
            throw new IllegalArgumentException("direction has widths " + (d == null ? "null" : d.architecture())
                    + ", expected " + arch);
        }
        double[] result = new double[dimension()];
        compute(d.toVector(), result);
        return Weights.fromVector(arch, result);
    }

    /**
     * The products of {@link #apply}, skipping the identity factors {@code C_1 = I}, {@code A_H = I} and the zero
     * terms {@code dC_1 = 0}, {@code dA_H = 0}: {@code 8H - 7} products ({@link #flops()}). Layer {@code h} of
     * {@code delta} is read from {@code v} and layer {@code h} of the result written into {@code res}, both at
     * {@code off[h]} (a {@code d_h x d_{h-1}} row-major block).
     */
    private void compute(double[] v, double[] res) {
        int hc = depth;
        int dx = arch.inputDim();
        int dy = arch.outputDim();
        System.arraycopy(v, off[1], dc[2].data, 0, arch.layerSize(1)); // dC_2 = delta_1 C_1 = delta_1
        for (int h = 2; h <= hc; h++) {
            // dC_{h+1} = delta_h C_h + W_h dC_h
            Gemm.gemm(1, v, off[h], false, c[h].data, 0, false, 0, dc[h + 1].data, 0, arch.width(h), dx,
                    arch.width(h - 1));
            Gemm.multAdd(w[h], dc[h], dc[h + 1]);
        }
        System.arraycopy(v, off[hc], da[hc - 1].data, 0, arch.layerSize(hc)); // dA_{H-1} = A_H delta_H = delta_H
        for (int h = hc - 1; h >= 1; h--) {
            // dA_{h-1} = A_h delta_h + dA_h W_h
            Gemm.gemm(1, a[h].data, 0, false, v, off[h], false, 0, da[h - 1].data, 0, dy, arch.width(h - 1),
                    arch.width(h));
            Gemm.multAdd(da[h], w[h], da[h - 1]);
        }
        Gemm.mult(dc[hc + 1], sxx, dg);
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            int o = off[h];
            // A_h^T dG (A_H = I)
            DMatrixRMaj atdgh = h == hc ? dg : atdg[h];
            if (h < hc) {
                Gemm.multTransA(a[h], dg, atdgh);
                // dA_h^T (G C_h^T), zero for h = H
                Gemm.gemm(f, da[h].data, 0, true, gct[h].data, 0, false, 0, res, o, dh, dhm, dy);
            }
            if (h == 1) {
                // (A_1^T dG) C_1^T = A_1^T dG; (A_1^T G) dC_1^T = 0
                double[] t = atdgh.data;
                for (int i = 0; i < dh * dhm; i++) {
                    res[o + i] = h < hc ? res[o + i] + f * t[i] : f * t[i]; // H = 1: the only term
                }
            } else {
                Gemm.gemm(f, atdgh.data, 0, false, ct[h].data, 0, false, h < hc ? 1 : 0, res, o, dh, dhm, dx);
                // (A_h^T G) dC_h^T = (G^T A_h)^T dC_h^T
                Gemm.gemm(f, gta[h].data, 0, true, dc[h].data, 0, true, 1, res, o, dh, dhm, dx);
            }
            if (lambda[h] != 0) {
                double fl = f * lambda[h];
                for (int i = o; i < o + dh * dhm; i++) {
                    res[i] += fl * v[i];
                }
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
