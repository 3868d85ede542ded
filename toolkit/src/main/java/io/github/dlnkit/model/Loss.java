package io.github.dlnkit.model;

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
        DMatrixRMaj psxx = Matrices.mult(p, data.sxxRef());
        double v = Matrices.dot(psxx, p) - 2 * Matrices.dot(p, data.syxRef()) + data.traceSyy();
        for (int h = 1; h <= w.depth(); h++) {
            double l = lambda(h, w.depth());
            if (l != 0) {
                v += l * Matrices.dot(w.ref(h), w.ref(h));
            }
        }
        return convention.factor() * v;
    }

    /** The data-fit part {@code c * ||W_{H:1} X - Y||_F^2}, without weight decay. */
    public double dataTerm(Weights w) {
        return withWeightDecay().value(w);
    }

    /** {@code G = P Sxx - Syx}, the residual that drives every derivative ({@code d_y x d_x}). */
    public DMatrixRMaj residual(Weights w) {
        requireCompatible(w);
        DMatrixRMaj g = Matrices.mult(w.endToEnd(), data.sxxRef());
        CommonOps_DDRM.subtractEquals(g, data.syxRef());
        return g;
    }

    /** {@code C_h = W_{h-1:1}} for h = 1..H+1 (index h), {@code C_1 = I}. */
    static DMatrixRMaj[] prefixes(Weights w) {
        int hc = w.depth();
        DMatrixRMaj[] c = new DMatrixRMaj[hc + 2];
        c[1] = CommonOps_DDRM.identity(w.architecture().inputDim());
        for (int h = 1; h <= hc; h++) {
            c[h + 1] = Matrices.mult(w.ref(h), c[h]);
        }
        return c;
    }

    /** {@code A_h = W_{H:h+1}} for h = 0..H (index h), {@code A_H = I}. */
    static DMatrixRMaj[] suffixes(Weights w) {
        int hc = w.depth();
        DMatrixRMaj[] a = new DMatrixRMaj[hc + 1];
        a[hc] = CommonOps_DDRM.identity(w.architecture().outputDim());
        for (int h = hc; h >= 1; h--) {
            a[h - 1] = Matrices.mult(a[h], w.ref(h));
        }
        return a;
    }

    /** {@code grad L(W)}, layer by layer, in {@code O(H)} matrix products. */
    public Weights gradient(Weights w) {
        requireCompatible(w);
        int hc = w.depth();
        DMatrixRMaj[] c = prefixes(w);
        DMatrixRMaj[] a = suffixes(w);
        DMatrixRMaj g = Matrices.mult(c[hc + 1], data.sxxRef());
        CommonOps_DDRM.subtractEquals(g, data.syxRef());
        double f = convention.factor();
        DMatrixRMaj[] out = new DMatrixRMaj[hc];
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj atg = new DMatrixRMaj(a[h].numCols, g.numCols);
            CommonOps_DDRM.multTransA(a[h], g, atg);
            DMatrixRMaj gh = new DMatrixRMaj(atg.numRows, c[h].numRows);
            CommonOps_DDRM.multTransB(2 * f, atg, c[h], gh);
            double l = lambda(h, hc);
            if (l != 0) {
                CommonOps_DDRM.addEquals(gh, 2 * f * l, w.ref(h));
            }
            out[h - 1] = gh;
        }
        return Weights.of(out);
    }

    /**
     * Hessian-vector product {@code Hess L(W) delta} in {@code O(H)} matrix products, by differentiating the
     * gradient along {@code delta}: with {@code dC_{h+1} = delta_h C_h + W_h dC_h}, {@code dA_{h-1} = dA_h W_h + A_h delta_h},
     * {@code dG = P1 Sxx},
     * {@code (Hess delta)_h = c ( 2 dA_h^T G C_h^T + 2 A_h^T dG C_h^T + 2 A_h^T G dC_h^T + 2 lambda_h delta_h )}.
     */
    public Weights hvp(Weights w, Weights delta) {
        requireCompatible(w);
        if (delta == null || !delta.architecture().equals(w.architecture())) {
            throw new IllegalArgumentException("direction has widths " + (delta == null ? "null" : delta.architecture())
                    + ", expected " + w.architecture());
        }
        int hc = w.depth();
        DMatrixRMaj[] c = prefixes(w);
        DMatrixRMaj[] a = suffixes(w);
        DMatrixRMaj[] dc = new DMatrixRMaj[hc + 2];
        dc[1] = new DMatrixRMaj(c[1].numRows, c[1].numCols);
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj t = Matrices.mult(delta.ref(h), c[h]);
            CommonOps_DDRM.multAdd(w.ref(h), dc[h], t);
            dc[h + 1] = t;
        }
        DMatrixRMaj[] da = new DMatrixRMaj[hc + 1];
        da[hc] = new DMatrixRMaj(a[hc].numRows, a[hc].numCols);
        for (int h = hc; h >= 1; h--) {
            DMatrixRMaj t = Matrices.mult(a[h], delta.ref(h));
            CommonOps_DDRM.multAdd(da[h], w.ref(h), t);
            da[h - 1] = t;
        }
        DMatrixRMaj g = Matrices.mult(c[hc + 1], data.sxxRef());
        CommonOps_DDRM.subtractEquals(g, data.syxRef());
        DMatrixRMaj dg = Matrices.mult(dc[hc + 1], data.sxxRef());
        double f = 2 * convention.factor();
        DMatrixRMaj[] out = new DMatrixRMaj[hc];
        for (int h = 1; h <= hc; h++) {
            int rows = w.architecture().width(h);
            int cols = w.architecture().width(h - 1);
            DMatrixRMaj res = new DMatrixRMaj(rows, cols);
            DMatrixRMaj tmp = new DMatrixRMaj(rows, g.numCols);
            // dA_h^T G C_h^T
            CommonOps_DDRM.multTransA(da[h], g, tmp);
            CommonOps_DDRM.multAddTransB(tmp, c[h], res);
            // A_h^T dG C_h^T
            CommonOps_DDRM.multTransA(a[h], dg, tmp);
            CommonOps_DDRM.multAddTransB(tmp, c[h], res);
            // A_h^T G dC_h^T
            CommonOps_DDRM.multTransA(a[h], g, tmp);
            CommonOps_DDRM.multAddTransB(tmp, dc[h], res);
            double l = lambda(h, hc);
            if (l != 0) {
                CommonOps_DDRM.addEquals(res, l, delta.ref(h));
            }
            CommonOps_DDRM.scale(f, res);
            out[h - 1] = res;
        }
        return Weights.of(out);
    }

    /**
     * The dense Hessian ({@code n x n}, parameter order of {@link Architecture}), assembled block by block from
     * the closed form of Achour et al. (2024), section 3: block {@code (h, h')} is
     * {@code 2 kron(A_h^T A_h', C_h Sxx C_h'^T)} plus, for {@code h > h'}, the entries
     * {@code 2 (W_{h-1:h'+1})_{q,p'} (A_h^T G C_h'^T)_{p,q'}} (and the transpose for {@code h < h'}), all times
     * {@code c}, plus {@code 2 c lambda_h I} on diagonal blocks. Cost {@code O(n^2)} memory; meant for
     * {@code n} up to a few thousand.
     */
    public DMatrixRMaj hessian(Weights w) {
        requireCompatible(w);
        Architecture arch = w.architecture();
        int hc = w.depth();
        int n = arch.parameterCount();
        DMatrixRMaj hess = new DMatrixRMaj(n, n);
        DMatrixRMaj[] c = prefixes(w);
        DMatrixRMaj[] a = suffixes(w);
        DMatrixRMaj g = Matrices.mult(c[hc + 1], data.sxxRef());
        CommonOps_DDRM.subtractEquals(g, data.syxRef());
        DMatrixRMaj[] cs = new DMatrixRMaj[hc + 1]; // C_h Sxx
        for (int h = 1; h <= hc; h++) {
            cs[h] = Matrices.mult(c[h], data.sxxRef());
        }
        double f = 2 * convention.factor();
        double[] hd = hess.data;
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            int oh = arch.offset(h);
            for (int k = 1; k <= h; k++) { // block (h, k), k <= h, mirrored
                int dk = arch.width(k);
                int dkm = arch.width(k - 1);
                int ok = arch.offset(k);
                DMatrixRMaj ata = new DMatrixRMaj(dh, dk);
                CommonOps_DDRM.multTransA(a[h], a[k], ata);
                DMatrixRMaj csc = new DMatrixRMaj(dhm, dkm);
                CommonOps_DDRM.multTransB(cs[h], c[k], csc);
                DMatrixRMaj inner = null;
                DMatrixRMaj agc = null;
                if (h > k) {
                    inner = w.product(h - 1, k + 1); // d_{h-1} x d_k
                    DMatrixRMaj atg = new DMatrixRMaj(dh, g.numCols);
                    CommonOps_DDRM.multTransA(a[h], g, atg);
                    agc = new DMatrixRMaj(dh, dkm);
                    CommonOps_DDRM.multTransB(atg, c[k], agc);
                }
                for (int p = 0; p < dh; p++) {
                    for (int q = 0; q < dhm; q++) {
                        int row = oh + p * dhm + q;
                        for (int pp = 0; pp < dk; pp++) {
                            double ap = ata.get(p, pp);
                            double in = inner == null ? 0 : inner.get(q, pp);
                            for (int qq = 0; qq < dkm; qq++) {
                                int col = ok + pp * dkm + qq;
                                double v = ap * csc.get(q, qq);
                                if (inner != null) {
                                    v += in * agc.get(p, qq);
                                }
                                v *= f;
                                hd[row * n + col] = v;
                                hd[col * n + row] = v;
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
        return hess;
    }

    @Override
    public String toString() {
        return "Loss[" + convention.key() + (weightDecay == null ? "" : ", weightDecay=" + Arrays.toString(weightDecay))
                + ", " + data + "]";
    }
}
