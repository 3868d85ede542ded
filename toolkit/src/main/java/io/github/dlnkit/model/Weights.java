package io.github.dlnkit.model;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An immutable point {@code W = (W_1, ..., W_H)} of the parameter space, {@code W_h} of shape
 * {@code d_h x d_{h-1}} (layer 1 at the input). Accessors return copies.
 *
 * <p>Partial products follow Achour et al. (2024), section 1: {@code W_{i:j} = W_i W_{i-1} ... W_j} for
 * {@code i >= j}, and the empty product {@code W_{j-1:j} = I_{d_{j-1}}}.
 */
public final class Weights {
    private final Architecture arch;
    private final DMatrixRMaj[] w;

    private Weights(Architecture arch, DMatrixRMaj[] w) {
        this.arch = arch;
        this.w = w;
    }

    /**
     * {@code Weights.of(W_1, W_2, ..., W_H)}; the widths are read from the shapes, which must chain
     * ({@code W_h} has as many columns as {@code W_{h-1}} has rows). Entries must be finite.
     */
    public static Weights of(DMatrixRMaj... layers) {
        return of(Arrays.asList(layers));
    }

    /** As {@link #of(DMatrixRMaj...)}. */
    public static Weights of(List<DMatrixRMaj> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("W needs at least one weight matrix W_1");
        }
        int hCount = layers.size();
        int[] d = new int[hCount + 1];
        DMatrixRMaj[] copy = new DMatrixRMaj[hCount];
        for (int h = 1; h <= hCount; h++) {
            DMatrixRMaj m = Checks.finite("W_" + h, layers.get(h - 1));
            if (h == 1) {
                d[0] = m.numCols;
            } else if (m.numCols != d[h - 1]) {
                throw new IllegalArgumentException("W_" + h + " has shape " + Checks.shape(m) + ", expected "
                        + m.numRows + "x" + d[h - 1] + " (its columns must match the " + d[h - 1] + " rows of W_" + (h - 1)
                        + ": widths must chain)");
            }
            if (m.numRows < 1 || m.numCols < 1) {
                throw new IllegalArgumentException("W_" + h + " has shape " + Checks.shape(m) + "; widths must be >= 1");
            }
            d[h] = m.numRows;
            copy[h - 1] = m.copy();
        }
        return new Weights(Architecture.of(d), copy);
    }

    /** Checks that the layers have exactly the widths of {@code arch}. */
    public static Weights of(Architecture arch, List<DMatrixRMaj> layers) {
        if (layers.size() != arch.depth()) {
            throw new IllegalArgumentException("W has " + layers.size() + " matrices, expected H = " + arch.depth()
                    + " for widths " + arch);
        }
        for (int h = 1; h <= arch.depth(); h++) {
            Checks.shape("W_" + h, layers.get(h - 1), arch.width(h), arch.width(h - 1),
                    "d_" + h + " x d_" + (h - 1) + " for widths " + arch);
        }
        return of(layers);
    }

    /** Refuses widths whose point would not fit in memory ({@link Resources}) before allocating it. */
    private static void requireRoom(Architecture arch) {
        Resources.requireMemory("a point W at widths " + arch, Resources.pointBytes(arch),
                arch.parameterCount() + " parameters x 8 bytes");
    }

    /** {@code W = 0}. */
    public static Weights zeros(Architecture arch) {
        requireRoom(arch);
        DMatrixRMaj[] m = new DMatrixRMaj[arch.depth()];
        for (int h = 1; h <= arch.depth(); h++) {
            m[h - 1] = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
        }
        return new Weights(arch, m);
    }

    /** I.i.d. Gaussian entries {@code N(0, scale^2)}, seeded. */
    public static Weights gaussian(Architecture arch, double scale, long seed) {
        requireRoom(arch);
        Checks.nonNegative("scale", scale);
        Random rng = new Random(seed);
        DMatrixRMaj[] m = new DMatrixRMaj[arch.depth()];
        for (int h = 1; h <= arch.depth(); h++) {
            m[h - 1] = RandomMatrices.gaussian(arch.width(h), arch.width(h - 1), scale, rng);
        }
        return new Weights(arch, m);
    }

    /** Each {@code W_h = scale * Q_h} with {@code Q_h} a Haar-random matrix with orthonormal rows or columns, seeded. */
    public static Weights orthogonal(Architecture arch, double scale, long seed) {
        requireRoom(arch);
        Checks.nonNegative("scale", scale);
        Random rng = new Random(seed);
        DMatrixRMaj[] m = new DMatrixRMaj[arch.depth()];
        for (int h = 1; h <= arch.depth(); h++) {
            DMatrixRMaj q = RandomMatrices.orthonormal(arch.width(h), arch.width(h - 1), rng);
            CommonOps_DDRM.scale(scale, q);
            m[h - 1] = q;
        }
        return new Weights(arch, m);
    }

    /**
     * Balanced initialisation (Arora et al. 2019): draw {@code A = scale * N(0,1)} ({@code d_y x d_x}), take its
     * top-{@code r_max} SVD {@code U S V^T}, and set {@code W_1 = O_1 [S^{1/H} V^T; 0]},
     * {@code W_h = O_h diag(S^{1/H}, 0) O_{h-1}^T}, {@code W_H = [U S^{1/H}, 0] O_{H-1}^T} with Haar-random hidden
     * rotations {@code O_h}. Then {@code W_{h+1}^T W_{h+1} = W_h W_h^T} for every {@code h} and
     * {@code W_{H:1}} is the rank-{@code r_max} truncation of {@code A}.
     */
    public static Weights balanced(Architecture arch, double scale, long seed) {
        Checks.nonNegative("scale", scale);
        Random rng = new Random(seed);
        int hc = arch.depth();
        int dx = arch.inputDim();
        int dy = arch.outputDim();
        int k = arch.rMax();
        DMatrixRMaj a = RandomMatrices.gaussian(dy, dx, scale, rng);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dy, dx, true, true, false);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("SVD failed in balanced initialisation");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj s = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, s, v, false);
        double[] root = new double[k];
        for (int i = 0; i < k; i++) {
            root[i] = Math.pow(s.get(i, i), 1.0 / hc);
        }
        DMatrixRMaj[] o = new DMatrixRMaj[hc + 1];
        for (int h = 1; h < hc; h++) {
            o[h] = RandomMatrices.orthonormal(arch.width(h), arch.width(h), rng);
        }
        DMatrixRMaj[] m = new DMatrixRMaj[hc];
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj core = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
            if (h == 1) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < dx; j++) {
                        core.set(i, j, root[i] * v.get(j, i));
                    }
                }
            }
            if (h == hc) {
                core.zero();
                for (int p = 0; p < dy; p++) {
                    for (int i = 0; i < k; i++) {
                        core.set(p, i, u.get(p, i) * root[i]);
                    }
                }
            }
            if (h > 1 && h < hc) {
                for (int i = 0; i < k; i++) {
                    core.set(i, i, root[i]);
                }
            }
            if (hc == 1) {
                core = truncated(u, s, v, k, dy, dx);
            }
            DMatrixRMaj left = h < hc ? o[h] : null;
            DMatrixRMaj right = h > 1 ? o[h - 1] : null;
            DMatrixRMaj out = core;
            if (left != null) {
                out = MatrixOps.mult(left, out);
            }
            if (right != null) {
                DMatrixRMaj t = new DMatrixRMaj(out.numRows, right.numRows);
                CommonOps_DDRM.multTransB(out, right, t);
                out = t;
            }
            m[h - 1] = out;
        }
        return new Weights(arch, m);
    }

    private static DMatrixRMaj truncated(DMatrixRMaj u, DMatrixRMaj s, DMatrixRMaj v, int k, int dy, int dx) {
        DMatrixRMaj out = new DMatrixRMaj(dy, dx);
        for (int i = 0; i < k; i++) {
            for (int p = 0; p < dy; p++) {
                for (int q = 0; q < dx; q++) {
                    out.add(p, q, u.get(p, i) * s.get(i, i) * v.get(q, i));
                }
            }
        }
        return out;
    }

    /** Reads a flat vector in the parameter order of {@link Architecture}. */
    public static Weights fromVector(Architecture arch, double[] theta) {
        if (theta.length != arch.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has length " + theta.length + ", expected n = "
                    + arch.parameterCount() + " for widths " + arch);
        }
        DMatrixRMaj[] m = new DMatrixRMaj[arch.depth()];
        for (int h = 1; h <= arch.depth(); h++) {
            DMatrixRMaj l = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
            System.arraycopy(theta, arch.offset(h), l.data, 0, arch.layerSize(h));
            m[h - 1] = Checks.finite("W_" + h, l);
        }
        return new Weights(arch, m);
    }

    /** Flat copy in the parameter order of {@link Architecture}. */
    public double[] toVector() {
        double[] theta = new double[arch.parameterCount()];
        for (int h = 1; h <= depth(); h++) {
            System.arraycopy(w[h - 1].data, 0, theta, arch.offset(h), arch.layerSize(h));
        }
        return theta;
    }

    public Architecture architecture() {
        return arch;
    }

    /** {@code H}. */
    public int depth() {
        return w.length;
    }

    /** Copy of {@code W_h}, {@code 1 <= h <= H}. */
    public DMatrixRMaj layer(int h) {
        arch.checkLayer(h);
        return w[h - 1].copy();
    }

    /** Copies of {@code W_1..W_H}. */
    public List<DMatrixRMaj> layers() {
        List<DMatrixRMaj> l = new ArrayList<>();
        for (DMatrixRMaj m : w) {
            l.add(m.copy());
        }
        return l;
    }

    /** No-copy access for the model package's hot paths. */
    DMatrixRMaj ref(int h) {
        return w[h - 1];
    }

    /**
     * Partial product {@code W_{i:j} = W_i ... W_j} ({@code d_i x d_{j-1}}), for {@code 0 <= j-1 <= i <= H};
     * {@code i = j-1} gives the identity {@code I_{d_{j-1}}}.
     */
    public DMatrixRMaj product(int i, int j) {
        if (j < 1 || i > depth() || i < j - 1) {
            throw new IllegalArgumentException("partial product W_{" + i + ":" + j + "} needs 1 <= j <= H+1, "
                    + "j-1 <= i <= H with H = " + depth());
        }
        DMatrixRMaj acc = CommonOps_DDRM.identity(arch.width(j - 1));
        for (int h = j; h <= i; h++) {
            acc = MatrixOps.mult(w[h - 1], acc);
        }
        return acc;
    }

    /** End-to-end matrix {@code P = W_{H:1}} ({@code d_y x d_x}). */
    public DMatrixRMaj endToEnd() {
        return product(depth(), 1);
    }

    /** {@code this + t * d}. */
    public Weights plus(Weights d, double t) {
        requireSameArchitecture("direction", d);
        DMatrixRMaj[] m = new DMatrixRMaj[w.length];
        for (int h = 0; h < w.length; h++) {
            m[h] = w[h].copy();
            CommonOps_DDRM.addEquals(m[h], t, d.w[h]);
        }
        return new Weights(arch, m);
    }

    /** {@code this - other}. */
    public Weights minus(Weights other) {
        return plus(other, -1.0);
    }

    /** {@code t * this}. */
    public Weights scale(double t) {
        DMatrixRMaj[] m = new DMatrixRMaj[w.length];
        for (int h = 0; h < w.length; h++) {
            m[h] = w[h].copy();
            CommonOps_DDRM.scale(t, m[h]);
        }
        return new Weights(arch, m);
    }

    /** {@code sum_h <W_h, D_h>_F}. */
    public double dot(Weights d) {
        requireSameArchitecture("other point", d);
        double s = 0;
        for (int h = 0; h < w.length; h++) {
            s += MatrixOps.dot(w[h], d.w[h]);
        }
        return s;
    }

    /** {@code sqrt(sum_h ||W_h||_F^2)}. */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** {@code ||W_h||_F} for each layer. */
    public double[] layerNorms() {
        double[] n = new double[w.length];
        for (int h = 0; h < w.length; h++) {
            n[h] = NormOps_DDRM.normF(w[h]);
        }
        return n;
    }

    /**
     * Hidden change of basis {@code W_h -> G_h W_h G_{h-1}^{-1}} with {@code G_0 = I}, {@code G_H = I}; the list
     * holds {@code G_1..G_{H-1}} ({@code G_h} is {@code d_h x d_h} and invertible). The end-to-end map, the loss
     * and the class of a critical point do not change (Achour et al. 2024, section 10).
     */
    public Weights changeOfBasis(List<DMatrixRMaj> g) {
        int hc = depth();
        if (g.size() != hc - 1) {
            throw new IllegalArgumentException("change of basis needs H-1 = " + (hc - 1) + " matrices G_1..G_{H-1}, got "
                    + g.size());
        }
        DMatrixRMaj[] inv = new DMatrixRMaj[hc];
        for (int h = 1; h < hc; h++) {
            DMatrixRMaj gh = Checks.finite("G_" + h, g.get(h - 1));
            Checks.shape("G_" + h, gh, arch.width(h), arch.width(h), "d_" + h + " x d_" + h);
            inv[h] = new DMatrixRMaj(gh.numRows, gh.numCols);
            double rc = reciprocalCondition(gh);
            if (!(rc > 1e-13) || !CommonOps_DDRM.invert(gh, inv[h])) {
                throw new IllegalArgumentException("G_" + h + " (" + Checks.shape(gh) + ") must be invertible (1/cond = "
                        + rc + ")");
            }
        }
        DMatrixRMaj[] m = new DMatrixRMaj[hc];
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj out = w[h - 1].copy();
            if (h < hc) {
                out = MatrixOps.mult(g.get(h - 1), out);
            }
            if (h > 1) {
                out = MatrixOps.mult(out, inv[h - 1]);
            }
            m[h - 1] = out;
        }
        return new Weights(arch, m);
    }

    /**
     * A random well-conditioned hidden change of basis: {@code G_h = Q_h diag(e^{u}) R_h} with Haar-random
     * orthogonal {@code Q_h, R_h} and {@code u} uniform in {@code [-spread, spread]}, so {@code cond(G_h) <= e^{2 spread}}.
     */
    public Weights randomChangeOfBasis(double spread, long seed) {
        Checks.nonNegative("spread", spread);
        Random rng = new Random(seed);
        List<DMatrixRMaj> g = new ArrayList<>();
        for (int h = 1; h < depth(); h++) {
            int d = arch.width(h);
            double[] e = new double[d];
            for (int i = 0; i < d; i++) {
                e[i] = Math.exp(spread * (2 * rng.nextDouble() - 1));
            }
            DMatrixRMaj q = RandomMatrices.orthonormal(d, d, rng);
            DMatrixRMaj r = RandomMatrices.orthonormal(d, d, rng);
            g.add(MatrixOps.mult(MatrixOps.mult(q, MatrixOps.diag(e)), r));
        }
        return changeOfBasis(g);
    }

    private static double reciprocalCondition(DMatrixRMaj m) {
        double[] s = SingularOps_DDRM.singularValues(m.copy());
        double max = Arrays.stream(s).max().orElse(0);
        double min = Arrays.stream(s).min().orElse(0);
        return max > 0 ? min / max : 0;
    }

    private void requireSameArchitecture(String what, Weights d) {
        if (!arch.equals(d.arch)) {
            throw new IllegalArgumentException(what + " has widths " + d.arch + ", expected " + arch);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Weights other) || !arch.equals(other.arch)) {
            return false;
        }
        for (int h = 0; h < w.length; h++) {
            if (!Arrays.equals(w[h].data, 0, w[h].getNumElements(), other.w[h].data, 0, other.w[h].getNumElements())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return arch.hashCode() * 31 + Arrays.hashCode(toVector());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Weights" + arch + "\n");
        for (int h = 1; h <= depth(); h++) {
            sb.append("W_").append(h).append(" = ").append(Arrays.deepToString(MatrixOps.toRows(w[h - 1]))).append('\n');
        }
        return sb.toString();
    }
}
