package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.critical.RankPattern.Construction;
import io.github.dlnkit.critical.RankPattern.Interval;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The block point of a {@link RankPattern} (section 11 of {@code achour2024.md}): every interval {@code [a,b]} is a
 * line carried from vertex {@code a} to {@code b}. Full intervals {@code [0,H]} (one per {@code k in S}) carry
 * {@code phi_k = u_k^T Syx Sxx^{-1}} to {@code u_k}; tops {@code [a,H]} get generic outputs {@code u_I}; bottoms
 * {@code [0,b]} generic functionals {@code phi_J} in the null space of the constraints (c2)
 * {@code Rm phi_J^T = 0} when {@code b = H-1} and (c3) {@code u_I^T Rm phi_J^T = 0} when {@code a <= b+1}, with
 * {@code Rm = U_{S^c} U_{S^c}^T Syx}. Then condition (b) of section 5 holds, so the point is critical with
 * {@code W_{H:1} = U_S U_S^T Syx Sxx^{-1}}; its class is read off the intervals ({@link #predict}), independently of
 * the {@code N_ij} computation on {@code W}. One instance builds one point.
 */
final class IntervalConstruction {
    /** Relative cut-off for the constraint null space of a bottom functional. */
    static final double NULL_SPACE_TOLERANCE = 1e-10;
    /** Relative singular-value cut-off below which chosen functionals or outputs count as dependent. */
    static final double INDEPENDENCE_TOLERANCE = 1e-8;
    /** Relative size below which a pivot's coupling {@code left^T Rm right} counts as zero. */
    static final double COUPLING_TOLERANCE = 1e-9;

    private final RankPattern pattern;
    private final Dataset data;
    private final Architecture arch;
    private final int[] s;
    private final Random rng;
    private final int depth;
    private final DMatrixRMaj uc;   // U_{S^c}: d_y x (d_y - r)
    private final DMatrixRMaj rm;   // Rm = U_{S^c} U_{S^c}^T Syx: d_y x d_x
    private final List<Interval> all = new ArrayList<>();   // full intervals first (k in S), then the extras
    private final List<DMatrixRMaj> phi = new ArrayList<>(); // rows (1 x d_x) of the intervals born at 0
    private final List<DMatrixRMaj> out = new ArrayList<>(); // columns (d_y x 1) of the intervals reaching H

    IntervalConstruction(RankPattern pattern, Dataset data, Architecture arch, int[] s, long seed) {
        this.pattern = pattern;
        this.data = data;
        this.arch = arch;
        this.s = s.clone();
        this.rng = new Random(seed);
        this.depth = pattern.depth();
        int dy = data.outputDim();
        boolean[] inS = new boolean[dy];
        for (int k : s) {
            inS[k - 1] = true;
        }
        int[] sc = IntStream.range(0, dy).filter(k -> !inS[k]).toArray();
        DMatrixRMaj u = data.eigenvectors();
        uc = new DMatrixRMaj(dy, sc.length);
        for (int c = 0; c < sc.length; c++) {
            for (int i = 0; i < dy; i++) {
                uc.set(i, c, u.get(i, sc[c]));
            }
        }
        rm = MatrixOps.mult(MatrixOps.multTransB(uc, uc), data.syx());
    }

    /** Chooses the vectors, checks they are independent, assembles the layers and predicts the class. */
    Construction build() {
        fullIntervals();
        topOutputs();
        bottomFunctionals();
        // every functional of an interval born at 0 and every output of an interval dying at H must be independent
        // of the others; the choices are generic within (c2)/(c3), whose dimension does not depend on the choice of
        // the tops, so a dependence here is forced.
        requireIndependent(phi, true, data.inputDim());
        requireIndependent(out, false, data.outputDim());
        return predict(Weights.of(layers()));
    }

    /** {@code [0,H]} for each {@code k in S}: functional {@code phi_k = u_k^T Syx Sxx^{-1}}, output {@code u_k}. */
    private void fullIntervals() {
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj ols = data.olsMap();
        for (int k : s) {
            all.add(new Interval(0, depth));
            DMatrixRMaj uk = MatrixOps.column(u, k - 1);
            out.add(uk);
            phi.add(MatrixOps.multTransA(uk, ols));
        }
        all.addAll(pattern.intervals());
        for (int t = s.length; t < all.size(); t++) {
            phi.add(null);
            out.add(null);
        }
    }

    /** Tops {@code [a,H]}: generic Gaussian outputs. */
    private void topOutputs() {
        for (int t = s.length; t < all.size(); t++) {
            if (all.get(t).b() == depth) {
                out.set(t, RandomMatrices.gaussian(data.outputDim(), 1, 1.0, rng));
            }
        }
    }

    /** Bottoms {@code [0,b]}: generic functionals in the null space of the constraints (c2) and (c3). */
    private void bottomFunctionals() {
        int dx = data.inputDim();
        for (int t = s.length; t < all.size(); t++) {
            Interval iv = all.get(t);
            if (iv.a() != 0) {
                continue;
            }
            List<DMatrixRMaj> rows = new ArrayList<>();
            if (iv.b() == depth - 1) {
                DMatrixRMaj q = MatrixOps.multTransA(uc, data.syx()); // (d_y - r) x d_x
                for (int i = 0; i < q.numRows; i++) {
                    rows.add(CommonOps_DDRM.extract(q, i, i + 1, 0, dx));
                }
            }
            for (int o = s.length; o < all.size(); o++) {
                Interval top = all.get(o);
                if (top.b() == depth && top.a() <= iv.b() + 1) {
                    rows.add(MatrixOps.multTransA(out.get(o), rm));
                }
            }
            DMatrixRMaj basis;
            if (rows.isEmpty()) {
                basis = CommonOps_DDRM.identity(dx);
            } else {
                DMatrixRMaj c = new DMatrixRMaj(rows.size(), dx);
                for (int i = 0; i < rows.size(); i++) {
                    CommonOps_DDRM.insert(rows.get(i), c, i, 0);
                }
                basis = SingularOps.nullSpace(c, NULL_SPACE_TOLERANCE);
            }
            if (basis.numCols == 0) {
                throw new IllegalArgumentException("rank pattern " + pattern + " is not realizable here: bottom interval "
                        + iv + " must be orthogonal to " + rows.size() + " constraint rows (c2/c3 of section 11) and "
                        + "no functional is left in R^" + dx);
            }
            DMatrixRMaj coef = RandomMatrices.gaussian(basis.numCols, 1, 1.0, rng);
            phi.set(t, MatrixOps.transpose(MatrixOps.mult(basis, coef)));
        }
    }

    /** {@code W_1} holds the functionals, {@code W_H} the outputs, hidden layers move each line one vertex up. */
    private List<DMatrixRMaj> layers() {
        int[][] idx = new int[all.size()][depth + 1];
        for (int h = 1; h < depth; h++) {
            int next = 0;
            for (int t = 0; t < all.size(); t++) {
                Interval iv = all.get(t);
                idx[t][h] = iv.a() <= h && h <= iv.b() ? next++ : -1;
            }
        }
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int h = 1; h <= depth; h++) {
            DMatrixRMaj m = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
            for (int t = 0; t < all.size(); t++) {
                Interval iv = all.get(t);
                if (!(iv.a() <= h - 1 && iv.b() >= h)) {
                    continue; // not carried by W_h
                }
                if (h == 1) {
                    CommonOps_DDRM.insert(phi.get(t), m, idx[t][1], 0);
                } else if (h == depth) {
                    CommonOps_DDRM.insert(out.get(t), m, 0, idx[t][depth - 1]);
                } else {
                    m.set(idx[t][h], idx[t][h - 1], 1);
                }
            }
            layers.add(m);
        }
        return layers;
    }

    private void requireIndependent(List<DMatrixRMaj> vecs, boolean bottom, int dim) {
        List<DMatrixRMaj> chosen = new ArrayList<>();
        List<Interval> which = new ArrayList<>();
        for (int t = 0; t < all.size(); t++) {
            Interval iv = all.get(t);
            if (bottom ? iv.a() == 0 : iv.b() == depth) {
                DMatrixRMaj v = vecs.get(t);
                chosen.add(bottom ? MatrixOps.transpose(v) : v);
                which.add(iv);
            }
        }
        if (chosen.isEmpty()) {
            return;
        }
        DMatrixRMaj m = new DMatrixRMaj(dim, chosen.size());
        for (int c = 0; c < chosen.size(); c++) {
            DMatrixRMaj v = chosen.get(c).copy();
            CommonOps_DDRM.scale(1 / Math.max(MatrixOps.normF(v), Double.MIN_NORMAL), v);
            CommonOps_DDRM.insert(v, m, 0, c);
        }
        double[] sv = SingularOps.svd(m).s();
        int rank = SingularOps.rankAbove(sv, INDEPENDENCE_TOLERANCE);
        if (rank < chosen.size()) {
            throw new IllegalArgumentException("rank pattern " + pattern + " is not realizable by a critical point with "
                    + "these data and S: the " + (bottom ? "input functionals phi of the intervals born at 0"
                    : "outputs u of the intervals reaching H") + " " + which + " are forced to be linearly dependent "
                    + "by the criticality constraints (c1)-(c3) of section 11 (rank " + rank + " < " + chosen.size() + ")");
        }
    }

    /** Class read off the intervals (section 11), independent of the {@code N_ij} computation on {@code W}. */
    private Construction predict(Weights w) {
        int hc = depth;
        int r = s.length;
        if (!CriticalValues.isPrefix(s)) {
            return new Construction(w, PointClass.STRICT_SADDLE, "S not a prefix");
        }
        if (r == arch.rMax()) {
            return new Construction(w, PointClass.GLOBAL_MIN, "S = [[1, r_max]]");
        }
        double rmNorm = MatrixOps.normF(rm);
        for (int i = 2; i <= hc; i++) {
            for (int j = 1; j < i; j++) {
                // upper ends alive at i, lower ends alive at j-1
                final int ii = i;
                final int jj = j;
                DMatrixRMaj left = i == hc ? CommonOps_DDRM.identity(rm.numRows) : stackColumns(out, t -> t.b() == hc && t.a() <= ii && t.a() > 0);
                DMatrixRMaj right = j == 1 ? CommonOps_DDRM.identity(rm.numCols) : stackColumns(transposeAll(phi), t -> t.a() == 0 && t.b() >= jj - 1 && t.b() < hc);
                if (left.numCols == 0 || right.numCols == 0) {
                    continue;
                }
                DMatrixRMaj coupling = MatrixOps.mult(MatrixOps.multTransA(left, rm), right);
                double scale = MatrixOps.normF(left) * rmNorm * MatrixOps.normF(right);
                if (!(MatrixOps.normF(coupling) > COUPLING_TOLERANCE * scale)) {
                    continue;
                }
                boolean wide;
                if (i == j + 1) {
                    wide = arch.width(j) > r;
                } else {
                    wide = all.stream().anyMatch(t -> !(t.a() == 0 && t.b() == hc) && t.a() <= jj && t.b() >= ii - 1);
                }
                if (wide) {
                    return new Construction(w, PointClass.STRICT_SADDLE, "pivot (" + i + "," + j
                            + ") has a non-full interval alive on " + j + ".." + (i - 1));
                }
            }
        }
        return new Construction(w, PointClass.NON_STRICT_SADDLE, "every coupled pair has only full intervals inside");
    }

    private static List<DMatrixRMaj> transposeAll(List<DMatrixRMaj> rows) {
        return rows.stream().map(x -> x == null ? null : MatrixOps.transpose(x)).toList();
    }

    private DMatrixRMaj stackColumns(List<DMatrixRMaj> cols, Predicate<Interval> keep) {
        List<DMatrixRMaj> chosen = new ArrayList<>();
        int rows = 0;
        for (int t = 0; t < all.size(); t++) {
            if (keep.test(all.get(t)) && cols.get(t) != null) {
                chosen.add(cols.get(t));
                rows = cols.get(t).numRows;
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, chosen.size());
        for (int c = 0; c < chosen.size(); c++) {
            CommonOps_DDRM.insert(chosen.get(c), m, 0, c);
        }
        return m;
    }
}
