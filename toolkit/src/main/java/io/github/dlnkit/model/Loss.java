package io.github.dlnkit.model;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * The loss of a deep linear network, computed from the moments of a {@link Dataset} only:
 * <pre>
 *   L(W) = c * ( ||W_H...W_1 X - Y||_F^2 + sum_h lambda_h ||W_h||_F^2 )
 *        = c * ( tr(P Sxx P^T) - 2 tr(P Sxy) + tr(Syy) + sum_h lambda_h ||W_h||_F^2 ),   P = W_{H:1},
 * </pre>
 * with {@code c} the {@link LossConvention#factor()} (1 for {@code sum}, 1/2 for {@code half}) and optional weight
 * decay {@code lambda_h >= 0} (case-file key {@code weightDecay}).
 *
 * <p>Derivatives (Achour et al. 2024, section 3), with {@code G = P Sxx - Syx}, {@code A_h = W_{H:h+1}},
 * {@code C_h = W_{h-1:1}}:
 * <pre>
 *   grad_{W_h} L = c * ( 2 A_h^T G C_h^T + 2 lambda_h W_h )
 *   delta^T Hess delta = c * ( 2 tr(P1 Sxx P1^T) + 4 &lt;G, P2&gt; + 2 sum_h lambda_h ||delta_h||^2 )
 * </pre>
 * where {@code P1 = sum_h A_h delta_h C_h} and {@code P2 = sum_{i>j} W_{H:i+1} delta_i W_{i-1:j+1} delta_j W_{j-1:1}}.
 * Immutable and thread-safe.
 */
public final class Loss {
    private final Dataset data;
    private final LossConvention convention;
    private final double[] weightDecay; // null: none; length 1: common lambda; else per layer

    private Loss(Dataset data, LossConvention convention, double[] weightDecay) {
        if (data == null) {
            throw new IllegalArgumentException("data set is missing (null)");
        }
        if (convention == null) {
            throw new IllegalArgumentException("loss convention is missing (null)");
        }
        this.data = data;
        this.convention = convention;
        this.weightDecay = weightDecay;
    }

    /** The plain-sum loss {@code ||W_H...W_1 X - Y||_F^2} (no weight decay). */
    public static Loss of(Dataset data) {
        return new Loss(data, LossConvention.SUM, null);
    }

    /** The loss with the given normalisation (no weight decay). */
    public static Loss of(Dataset data, LossConvention convention) {
        return new Loss(data, convention, null);
    }

    /**
     * The same loss plus {@code c * sum_h lambda_h ||W_h||_F^2}: one value for every layer, or one per layer
     * ({@code H} values, checked against {@code W} at evaluation). Every {@code lambda_h} must be finite and
     * {@code >= 0}; no argument removes the weight decay.
     */
    public Loss withWeightDecay(double... lambdas) {
        if (lambdas == null || lambdas.length == 0) {
            return new Loss(data, convention, null);
        }
        for (int h = 0; h < lambdas.length; h++) {
            Checks.nonNegative(lambdas.length == 1 ? "weightDecay lambda" : "weightDecay lambda_" + (h + 1), lambdas[h]);
        }
        return new Loss(data, convention, lambdas.clone());
    }

    public Dataset data() {
        return data;
    }

    public LossConvention convention() {
        return convention;
    }

    /** The weight decay as given (empty when none; one value means "the same for every layer"). */
    public double[] weightDecay() {
        return weightDecay == null ? new double[0] : weightDecay.clone();
    }

    /** {@code lambda_h} for a network of depth {@code depth} (0 without weight decay). */
    public double lambda(int h, int depth) {
        if (weightDecay == null) {
            return 0;
        }
        if (weightDecay.length == 1) {
            return weightDecay[0];
        }
        if (weightDecay.length != depth) {
            throw new IllegalArgumentException("weightDecay has " + weightDecay.length + " values, expected 1 or H = "
                    + depth + " (one per layer)");
        }
        return weightDecay[h - 1];
    }

    /** True when some {@code lambda_h > 0}. */
    public boolean hasWeightDecay() {
        return weightDecay != null && Arrays.stream(weightDecay).anyMatch(l -> l > 0);
    }

    private void requireCompatible(Weights w) {
        if (w == null) {
            throw new IllegalArgumentException("point W is missing (null)");
        }
        Architecture a = w.architecture();
        if (a.inputDim() != data.inputDim() || a.outputDim() != data.outputDim()) {
            throw new IllegalArgumentException("W has widths " + a + " mapping R^" + a.inputDim() + " to R^"
                    + a.outputDim() + ", expected d_0 = d_x = " + data.inputDim() + " and d_H = d_y = " + data.outputDim());
        }
        if (weightDecay != null) {
            lambda(1, w.depth());
        }
    }

    /** {@code L(W)}. */
    public double value(Weights w) {
        requireCompatible(w);
        DMatrixRMaj p = w.endToEnd();
        DMatrixRMaj psxx = MatrixOps.mult(p, data.sxxRef());
        double v = MatrixOps.dot(psxx, p) - 2 * MatrixOps.dot(p, data.syxRef()) + data.traceSyy();
        for (int h = 1; h <= w.depth(); h++) {
            double l = lambda(h, w.depth());
            if (l != 0) {
                v += l * MatrixOps.dot(w.ref(h), w.ref(h));
            }
        }
        return convention.factor() * v;
    }

    /**
     * {@code L(W)}, required finite: when the value overflows, the {@link IllegalArgumentException} names the
     * product that did ({@link #overflowCause}) instead of returning {@code Infinity} or {@code NaN}.
     */
    public double finiteValue(Weights w) {
        double v = value(w);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(overflowCause(w, "L(W) = " + v));
        }
        return v;
    }

    /**
     * Why a quantity computed at {@code W} is not finite, in the words of the formula: the first of the partial
     * products {@code W_h ... W_1}, then {@code P Sxx}, {@code tr(P Sxx P^T)}, the weight-decay terms that
     * overflows, with the norms of its factors. (The inputs are finite: case files and {@link Weights} refuse
     * non-finite entries, and {@link Dataset#of} refuses moments {@code X X^T} that overflow.)
     */
    public String overflowCause(Weights w, String what) {
        String prefix = what + " is not finite: ";
        DMatrixRMaj c = w.ref(1);
        StringBuilder name = new StringBuilder("W_1");
        for (int h = 2; h <= w.depth(); h++) {
            DMatrixRMaj next = MatrixOps.mult(w.ref(h), c);
            name.insert(0, "W_" + h + " ");
            if (!finite(next)) {
                return prefix + String.format(java.util.Locale.ROOT, "the product %s overflows (||W_%d||_F = %.3g times "
                        + "||%s||_F = %.3g exceeds the largest double, 1.8e308); rescale W", name, h,
                        org.ejml.dense.row.NormOps_DDRM.normF(w.ref(h)), name.substring(name.indexOf(" ") + 1),
                        org.ejml.dense.row.NormOps_DDRM.normF(c));
            }
            c = next;
        }
        DMatrixRMaj psxx = MatrixOps.mult(c, data.sxxRef());
        double pn = org.ejml.dense.row.NormOps_DDRM.normF(c);
        if (!finite(psxx) || !Double.isFinite(MatrixOps.dot(psxx, c))) {
            return prefix + String.format(java.util.Locale.ROOT, "||P X||^2 = tr(P Sxx P^T) overflows for P = %s "
                    + "(||P||_F = %.3g, ||Sxx||_F = %.3g); rescale W or the data", name, pn,
                    org.ejml.dense.row.NormOps_DDRM.normF(data.sxxRef()));
        }
        for (int h = 1; h <= w.depth(); h++) {
            if (lambda(h, w.depth()) != 0 && !Double.isFinite(lambda(h, w.depth()) * MatrixOps.dot(w.ref(h), w.ref(h)))) {
                return prefix + "the weight-decay term lambda_" + h + " ||W_" + h + "||_F^2 overflows; rescale W";
            }
        }
        return prefix + String.format(java.util.Locale.ROOT, "the terms of ||P X - Y||^2 = tr(P Sxx P^T) - 2 tr(P Sxy) + "
                + "tr(Syy) or its derivatives overflow (||P||_F = %.3g, ||Sxx||_F = %.3g, ||Syx||_F = %.3g); rescale W or the data",
                pn, org.ejml.dense.row.NormOps_DDRM.normF(data.sxxRef()), org.ejml.dense.row.NormOps_DDRM.normF(data.syxRef()));
    }

    private static boolean finite(DMatrixRMaj m) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                return false;
            }
        }
        return true;
    }

    /** The data-fit part {@code c * ||W_{H:1} X - Y||_F^2}, without weight decay. */
    public double dataTerm(Weights w) {
        return withWeightDecay().value(w);
    }

    /** {@code G = P Sxx - Syx}, the residual that drives every derivative ({@code d_y x d_x}). */
    public DMatrixRMaj residual(Weights w) {
        requireCompatible(w);
        return residual(w.endToEnd());
    }

    /** {@code G = P Sxx - Syx} for the end-to-end matrix {@code P} (the shared step of every derivative). */
    DMatrixRMaj residual(DMatrixRMaj p) {
        DMatrixRMaj g = Gemm.mult(p, data.sxxRef());
        CommonOps_DDRM.subtractEquals(g, data.syxRef());
        return g;
    }

    /** {@code C_h = W_{h-1:1}} for h = 1..H+1 (index h), {@code C_1 = I}. */
    static DMatrixRMaj[] prefixes(Weights w) {
        int hc = w.depth();
        DMatrixRMaj[] c = new DMatrixRMaj[hc + 2];
        c[1] = CommonOps_DDRM.identity(w.architecture().inputDim());
        for (int h = 1; h <= hc; h++) {
            c[h + 1] = MatrixOps.mult(w.ref(h), c[h]);
        }
        return c;
    }

    /** {@code A_h = W_{H:h+1}} for h = 0..H (index h), {@code A_H = I}. */
    static DMatrixRMaj[] suffixes(Weights w) {
        int hc = w.depth();
        DMatrixRMaj[] a = new DMatrixRMaj[hc + 1];
        a[hc] = CommonOps_DDRM.identity(w.architecture().outputDim());
        for (int h = hc; h >= 1; h--) {
            a[h - 1] = MatrixOps.mult(a[h], w.ref(h));
        }
        return a;
    }

    /** {@code grad L(W)}, layer by layer, in {@code O(H)} matrix products. */
    public Weights gradient(Weights w) {
        requireCompatible(w);
        int hc = w.depth();
        DMatrixRMaj[] c = prefixes(w);
        DMatrixRMaj[] a = suffixes(w);
        DMatrixRMaj g = residual(c[hc + 1]);
        double f = convention.factor();
        DMatrixRMaj[] out = new DMatrixRMaj[hc];
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj atg = new DMatrixRMaj(a[h].numCols, g.numCols);
            Gemm.multTransA(a[h], g, atg);
            DMatrixRMaj gh = new DMatrixRMaj(atg.numRows, c[h].numRows);
            Gemm.gemm(2 * f, atg, false, c[h], true, 0, gh);
            double l = lambda(h, hc);
            if (l != 0) {
                CommonOps_DDRM.addEquals(gh, 2 * f * l, w.ref(h));
            }
            if (!finite(gh)) {
                throw new IllegalArgumentException(overflowCause(w, "grad_{W_" + h + "} L = 2c A_" + h + "^T G C_" + h + "^T"));
            }
            out[h - 1] = gh;
        }
        return Weights.of(out);
    }

    /**
     * Hessian-vector product {@code Hess L(W) delta} in {@code O(H)} matrix products, by differentiating the
     * gradient along {@code delta} (formula in {@link HessianVectorProduct}). For many products at one point use
     * {@link #hvpAt(Weights)}, which sets up once and then allocates nothing per product.
     */
    public Weights hvp(Weights w, Weights delta) {
        return hvpAt(w).apply(delta); // hvpAt checks W, apply checks delta's widths
    }

    /** The operator {@code delta -> Hess L(W) delta} at {@code W}, with reused buffers (one per thread). */
    public HessianVectorProduct hvpAt(Weights w) {
        requireCompatible(w);
        return new HessianVectorProduct(this, w);
    }

    /**
     * The dense Hessian ({@code n x n}, parameter order of {@link Architecture}), assembled block by block from
     * the closed form of Achour et al. (2024), section 3: block {@code (h, k)}, {@code k <= h}, is
     * <pre>
     *   2c [ kron(A_h^T A_k, C_h Sxx C_k^T) + [h &gt; k] (W_{h-1:k+1})_{q,p'} (A_h^T G C_k^T)_{p,q'} ]
     * </pre>
     * at row {@code (p, q)} and column {@code (p', q')}, plus {@code 2 c lambda_h I} on diagonal blocks; the upper
     * triangle is the mirror image. Every block factor is one matrix product ({@link Gemm}); the partial products
     * {@code W_{h-1:k+1}} and {@code A_h^T G} are built incrementally, and each row of a block is written as one
     * contiguous run {@code ap * csc[q, :] + in * agc[p, :]}, then mirrored by a tiled transpose.
     * Cost {@code O(n^2)} time and memory; meant for {@code n} up to a few thousand.
     */
    public DMatrixRMaj hessian(Weights w) {
        requireCompatible(w);
        Architecture arch = w.architecture();
        Resources.requireMemory("the dense Hessian at widths " + arch, Resources.times(3, Resources.hessianBytes(arch)),
                "n x n doubles with n = " + arch.parameterCount() + ", three times: the matrix and its eigen-decomposition");
        int n = arch.parameterCount();
        return hessian(w, new DMatrixRMaj(n, n));
    }

    /**
     * {@link #hessian(Weights)} written into {@code hess} ({@code n x n}; every entry is overwritten), for a caller
     * that assembles many Hessians of one size: a fresh {@code n x n} array per call costs more than the assembly at
     * small {@code n} (the first touch of new memory; measured 2.7 ms of page faults against 0.15 ms of assembly at
     * {@code n = 256}). Returns {@code hess}.
     */
    public DMatrixRMaj hessian(Weights w, DMatrixRMaj hess) {
        requireCompatible(w);
        Architecture arch = w.architecture();
        int hc = w.depth();
        int n = arch.parameterCount();
        if (hess == null || hess.numRows != n || hess.numCols != n) {
            throw new IllegalArgumentException("Hessian output has shape " + (hess == null ? "null"
                    : hess.numRows + "x" + hess.numCols) + ", expected " + n + "x" + n + " for widths " + arch);
        }
        DMatrixRMaj[] c = prefixes(w);
        DMatrixRMaj[] a = suffixes(w);
        DMatrixRMaj g = residual(c[hc + 1]);
        double f = 2 * convention.factor();
        double[] hd = hess.data;
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            int oh = arch.offset(h);
            DMatrixRMaj cs = Gemm.mult(c[h], data.sxxRef()); // C_h Sxx
            DMatrixRMaj atg = new DMatrixRMaj(dh, g.numCols); // A_h^T G
            Gemm.multTransA(a[h], g, atg);
            DMatrixRMaj inner = null; // W_{h-1:k+1}, built from k = h-1 down: W_{h-1:k+1} = W_{h-1:k+2} W_{k+1}
            for (int k = h; k >= 1; k--) { // block (h, k), k <= h
                int dk = arch.width(k);
                int dkm = arch.width(k - 1);
                int ok = arch.offset(k);
                DMatrixRMaj ata = new DMatrixRMaj(dh, dk);
                Gemm.multTransA(a[h], a[k], ata);
                DMatrixRMaj csc = new DMatrixRMaj(dhm, dkm);
                Gemm.multTransB(cs, c[k], csc);
                DMatrixRMaj agc = null;
                if (k < h) {
                    inner = k == h - 1 ? CommonOps_DDRM.identity(dhm) : Gemm.mult(inner, w.ref(k + 1));
                    agc = new DMatrixRMaj(dh, dkm);
                    Gemm.multTransB(atg, c[k], agc);
                }
                double[] ad = ata.data;
                double[] cd = csc.data;
                double[] id = inner == null ? null : inner.data; // null on the diagonal block (k == h)
                double[] gd = agc == null ? null : agc.data;
                for (int p = 0; p < dh; p++) {
                    for (int q = 0; q < dhm; q++) {
                        int rowStart = (oh + p * dhm + q) * n + ok;
                        int cRow = q * dkm;
                        int gRow = p * dkm;
                        for (int pp = 0; pp < dk; pp++) {
                            double ap = f * ad[p * dk + pp];
                            int base = rowStart + pp * dkm;
                            if (id == null) {
                                for (int qq = 0; qq < dkm; qq++) {
                                    hd[base + qq] = ap * cd[cRow + qq];
                                }
                            } else {
                                double in = f * id[q * dk + pp];
                                for (int qq = 0; qq < dkm; qq++) {
                                    hd[base + qq] = ap * cd[cRow + qq] + in * gd[gRow + qq];
                                }
                            }
                        }
                    }
                }
            }
            double l = lambda(h, hc);
            if (l != 0) {
                for (int k = 0; k < dh * dhm; k++) {
                    hd[(oh + k) * n + oh + k] += f * l;
                }
            }
        }
        mirrorLowerToUpper(hd, n);
        return hess;
    }

    /** {@code M[i][j] = M[j][i]} for {@code i < j}, in 64 x 64 tiles (cache-friendly transpose). */
    private static void mirrorLowerToUpper(double[] m, int n) {
        final int tile = 64;
        for (int ib = 0; ib < n; ib += tile) {
            int iEnd = Math.min(n, ib + tile);
            for (int jb = ib; jb < n; jb += tile) {
                int jEnd = Math.min(n, jb + tile);
                for (int i = ib; i < iEnd; i++) {
                    int rowI = i * n;
                    for (int j = Math.max(jb, i + 1); j < jEnd; j++) {
                        m[rowI + j] = m[j * n + i];
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Loss[" + convention.key() + (weightDecay == null ? "" : ", weightDecay=" + Arrays.toString(weightDecay))
                + ", " + data + "]";
    }
}
