package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Matrices;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A rank pattern of a chain {@code R^{d_0} -> ... -> R^{d_H}} given by its interval decomposition
 * ({@code achour2024.md} section 11): after a change of basis at each vertex, every chain is a sum of
 * intervals {@code [a,b]} (a line born at vertex {@code a}, carried by {@code W_{a+1}..W_b}, killed by
 * {@code W_{b+1}}). The ranks and the multiplicities determine each other:
 * {@code rho(a,b) = rk W_{b:a+1}} and {@code mult[a,b] = rho(a,b) - rho(a-1,b) - rho(a,b+1) + rho(a-1,b+1)}
 * (with {@code rho(a,a) = d_a}, {@code rho(-1,.) = rho(.,H+1) = 0}); a pattern is realizable as a chain iff all
 * multiplicities are {@code >= 0}.
 *
 * <p>This object holds the <em>extra</em> intervals only: the {@code r = |S|} full intervals {@code [0,H]} come
 * from {@code S}, and isolated ones {@code [h,h]} fill the remaining width. {@link #construct} builds a critical
 * point by the section-11 recipe: full intervals carry {@code phi_k = u_k^T Syx Sxx^{-1}} to {@code u_k}; top
 * intervals {@code [a,H]} get generic outputs {@code u_I}, bottom intervals {@code [0,b]} generic functionals
 * {@code phi_J} projected onto the constraint null spaces (c2) {@code Rm phi_J^T = 0} when {@code b = H-1} and
 * (c3) {@code u_I^T Rm phi_J^T = 0} when {@code a <= b+1}, with {@code Rm = U_{S^c} U_{S^c}^T Syx}. Then
 * condition (b) of section 5 holds, so the point is critical with {@code W_{H:1} = U_S U_S^T Syx Sxx^{-1}}.
 * Unrealizable requests are rejected with the reason.
 */
public final class RankPattern {
    /** An interval {@code [a,b]}, {@code 0 <= a <= b <= H}. */
    public record Interval(int a, int b) {
        @Override
        public String toString() {
            return "[" + a + "," + b + "]";
        }
    }

    /** The outcome of {@link #construct}: the block point and its class read off the intervals (section 11). */
    public record Construction(Weights weights, PointClass predictedClass, String reason) {
    }

    private final int depth;
    private final List<Interval> extras;

    private RankPattern(int depth, List<Interval> extras) {
        this.depth = depth;
        List<Interval> sorted = new ArrayList<>(extras);
        sorted.sort(Comparator.comparingInt(Interval::a).thenComparingInt(Interval::b));
        this.extras = List.copyOf(sorted);
    }

    /**
     * Extra intervals (a multiset) for depth {@code H}. Full intervals {@code [0,H]} come from {@code S} and
     * isolated ones {@code [h,h]} are implicit, so neither may be listed.
     */
    public static RankPattern ofIntervals(int depth, List<Interval> intervals) {
        if (depth < 2) {
            throw new IllegalArgumentException("rank patterns need H >= 2 weight matrices, got H = " + depth);
        }
        for (Interval iv : intervals) {
            if (iv.a() < 0 || iv.b() > depth || iv.a() > iv.b()) {
                throw new IllegalArgumentException("interval " + iv + " must satisfy 0 <= a <= b <= H = " + depth);
            }
            if (iv.a() == 0 && iv.b() == depth) {
                throw new IllegalArgumentException("interval " + iv + " is a full interval [0,H]: full intervals come "
                        + "from S (one per learned eigen-direction), do not list them");
            }
            if (iv.a() == iv.b()) {
                throw new IllegalArgumentException("interval " + iv + " is isolated: isolated intervals [h,h] are "
                        + "implicit (they fill the remaining width), do not list them");
            }
        }
        return new RankPattern(depth, intervals);
    }

    /**
     * From the ranks {@code rho[a][b] = rk W_{b:a+1}} for {@code 0 <= a < b <= H} (entries with {@code a >= b}
     * are ignored; the diagonal is taken from the widths). Rejects patterns with a negative multiplicity, naming it.
     * The full multiplicity {@code mult[0,H] = rho[0][H]} must later equal {@code |S|}.
     */
    public static RankPattern fromRanks(Architecture arch, int[][] rho) {
        int hc = arch.depth();
        if (rho.length != hc + 1) {
            throw new IllegalArgumentException("rank table has " + rho.length + " rows, expected H+1 = " + (hc + 1));
        }
        for (int a = 0; a <= hc; a++) {
            if (rho[a].length != hc + 1) {
                throw new IllegalArgumentException("rank table row " + a + " has " + rho[a].length
                        + " entries, expected H+1 = " + (hc + 1));
            }
            for (int b = a + 1; b <= hc; b++) {
                int max = Math.min(arch.width(a), arch.width(b));
                if (rho[a][b] < 0 || rho[a][b] > max) {
                    throw new IllegalArgumentException("rank rho(" + a + "," + b + ") = rk W_{" + b + ":" + (a + 1)
                            + "} = " + rho[a][b] + " outside 0.." + max);
                }
            }
        }
        List<Interval> extras = new ArrayList<>();
        for (int a = 0; a <= hc; a++) {
            for (int b = a; b <= hc; b++) {
                int m = rho(arch, rho, a, b) - rho(arch, rho, a - 1, b) - rho(arch, rho, a, b + 1)
                        + rho(arch, rho, a - 1, b + 1);
                if (m < 0) {
                    throw new IllegalArgumentException("rank pattern is not realizable by any chain: multiplicity of "
                            + "interval [" + a + "," + b + "] = rho(" + a + "," + b + ") - rho(" + (a - 1) + "," + b
                            + ") - rho(" + a + "," + (b + 1) + ") + rho(" + (a - 1) + "," + (b + 1) + ") = " + m + " < 0");
                }
                if (a < b && !(a == 0 && b == hc)) {
                    for (int k = 0; k < m; k++) {
                        extras.add(new Interval(a, b));
                    }
                }
            }
        }
        return new RankPattern(hc, extras);
    }

    private static int rho(Architecture arch, int[][] rho, int a, int b) {
        if (a < 0 || b > arch.depth()) {
            return 0;
        }
        return a == b ? arch.width(a) : rho[a][b];
    }

    /** The pattern of an existing point: ranks of all partial products, at relative tolerance {@code tol}. */
    public static int[][] measureRanks(Weights w, double tol) {
        int hc = w.depth();
        int[][] rho = new int[hc + 1][hc + 1];
        double[] norms = w.layerNorms();
        for (int a = 0; a <= hc; a++) {
            rho[a][a] = w.architecture().width(a);
            for (int b = a + 1; b <= hc; b++) {
                double scale = 1;
                for (int h = a + 1; h <= b; h++) {
                    scale *= norms[h - 1];
                }
                rho[a][b] = Classifier.rankAbove(Numerics.svd(w.product(b, a + 1)).s(), tol * scale);
            }
        }
        return rho;
    }

    /**
     * Parses {@code "1-2,0-1x2"}: comma-separated intervals {@code a-b} with optional multiplicity {@code xM}
     * (also accepts {@code [a,b]} and {@code ;} as separator). The empty string is the empty pattern.
     */
    public static RankPattern parse(int depth, String spec) {
        List<Interval> out = new ArrayList<>();
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return ofIntervals(depth, out);
        }
        for (String part : s.replace("],", "];").split(";|,(?![^\\[]*\\])")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int times = 1;
            int x = p.toLowerCase(Locale.ROOT).lastIndexOf('x');
            if (x > 0) {
                times = parseInt(p.substring(x + 1), spec);
                p = p.substring(0, x).trim();
            }
            p = p.replace("[", "").replace("]", "");
            String[] ab = p.split("[-,]");
            if (ab.length != 2) {
                throw new IllegalArgumentException("rank pattern \"" + spec + "\": cannot read interval \"" + part
                        + "\"; expected a-b or a-bxM, e.g. 1-2,0-1x2");
            }
            Interval iv = new Interval(parseInt(ab[0], spec), parseInt(ab[1], spec));
            if (times < 1) {
                throw new IllegalArgumentException("rank pattern \"" + spec + "\": multiplicity must be >= 1 in \"" + part + "\"");
            }
            for (int k = 0; k < times; k++) {
                out.add(iv);
            }
        }
        return ofIntervals(depth, out);
    }

    private static int parseInt(String s, String spec) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rank pattern \"" + spec + "\": \"" + s.trim() + "\" is not an integer");
        }
    }

    public int depth() {
        return depth;
    }

    /** The extra intervals, sorted. */
    public List<Interval> intervals() {
        return extras;
    }

    /** {@code rho(a,b)} predicted for {@code r} full intervals ({@code a < b}); diagonal = widths. */
    public int[][] ranks(Architecture arch, int r) {
        int hc = arch.depth();
        int[][] rho = new int[hc + 1][hc + 1];
        for (int a = 0; a <= hc; a++) {
            rho[a][a] = arch.width(a);
            for (int b = a + 1; b <= hc; b++) {
                int c = r;
                for (Interval iv : extras) {
                    if (iv.a() <= a && iv.b() >= b) {
                        c++;
                    }
                }
                rho[a][b] = c;
            }
        }
        return rho;
    }

    /** Throws {@link IllegalArgumentException} with the reason when this pattern cannot carry {@code S}. */
    void requireCompatible(Dataset data, Architecture arch, int[] s) {
        if (arch.depth() != depth) {
            throw new IllegalArgumentException("rank pattern is for H = " + depth + ", widths " + arch + " have H = "
                    + arch.depth());
        }
        int r = s.length;
        int hc = depth;
        for (int h = 0; h <= hc; h++) {
            int alive = r;
            for (Interval iv : extras) {
                if (iv.a() <= h && h <= iv.b()) {
                    alive++;
                }
            }
            if (alive > arch.width(h)) {
                throw new IllegalArgumentException("rank pattern " + this + " with r = " + r + " full intervals has "
                        + alive + " intervals alive at vertex " + h + ", more than its width d_" + h + " = " + arch.width(h));
            }
        }
        long oneToH = extras.stream().filter(iv -> iv.a() == 1 && iv.b() == hc).count();
        if (oneToH > 0) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + "mult[1,H] must be 0 (criticality forces rk W_{H:2} = r, section 5), got " + oneToH);
        }
        long tops = extras.stream().filter(iv -> iv.b() == hc).count();
        int dy = data.outputDim();
        if (tops > dy - r) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + tops + " top intervals [a,H] need outputs independent of U_S, at most d_y - r = " + (dy - r));
        }
        long lastBottoms = extras.stream().filter(iv -> iv.a() == 0 && iv.b() == hc - 1).count();
        int dx = data.inputDim();
        if (lastBottoms > dx - dy) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + lastBottoms + " bottom intervals [0,H-1] need functionals orthogonal to the rows of Y, at most "
                    + "d_x - d_y = " + (dx - dy));
        }
    }

    /** Builds the block point of section 11 with generic vectors from {@code seed}; see the class comment. */
    Construction construct(Dataset data, Architecture arch, int[] s, long seed) {
        int hc = depth;
        int r = s.length;
        Random rng = new Random(seed);
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj ols = data.olsMap();
        int dy = data.outputDim();
        int dx = data.inputDim();
        boolean[] inS = new boolean[dy];
        for (int k : s) {
            inS[k - 1] = true;
        }
        int[] sc = java.util.stream.IntStream.range(0, dy).filter(k -> !inS[k]).toArray();
        DMatrixRMaj uc = new DMatrixRMaj(dy, sc.length);
        for (int c = 0; c < sc.length; c++) {
            for (int i = 0; i < dy; i++) {
                uc.set(i, c, u.get(i, sc[c]));
            }
        }
        DMatrixRMaj rm = Numerics.mult(Numerics.multTransB(uc, uc), data.syx()); // d_y x d_x

        // all intervals: full ones first (index k in S), then extras
        List<Interval> all = new ArrayList<>();
        List<DMatrixRMaj> phi = new ArrayList<>(); // rows (1 x d_x) for a = 0
        List<DMatrixRMaj> out = new ArrayList<>(); // columns (d_y x 1) for b = H
        for (int k : s) {
            all.add(new Interval(0, hc));
            DMatrixRMaj uk = Numerics.column(u, k - 1);
            out.add(uk);
            phi.add(Numerics.multTransA(uk, ols));
        }
        all.addAll(extras);
        for (int t = r; t < all.size(); t++) {
            phi.add(null);
            out.add(null);
        }
        // tops: generic outputs
        for (int t = r; t < all.size(); t++) {
            if (all.get(t).b() == hc) {
                out.set(t, Matrices.gaussian(dy, 1, 1.0, rng));
            }
        }
        // bottoms: generic functionals in the constraint null space
        for (int t = r; t < all.size(); t++) {
            Interval iv = all.get(t);
            if (iv.a() != 0) {
                continue;
            }
            List<DMatrixRMaj> rows = new ArrayList<>();
            if (iv.b() == hc - 1) {
                DMatrixRMaj q = Numerics.multTransA(uc, data.syx()); // (d_y - r) x d_x
                for (int i = 0; i < q.numRows; i++) {
                    rows.add(CommonOps_DDRM.extract(q, i, i + 1, 0, dx));
                }
            }
            for (int o = r; o < all.size(); o++) {
                Interval top = all.get(o);
                if (top.b() == hc && top.a() <= iv.b() + 1) {
                    rows.add(Numerics.multTransA(out.get(o), rm));
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
                basis = Numerics.nullSpace(c, 1e-10);
            }
            if (basis.numCols == 0) {
                throw new IllegalArgumentException("rank pattern " + this + " is not realizable here: bottom interval "
                        + iv + " must be orthogonal to " + rows.size() + " constraint rows (c2/c3 of section 11) and "
                        + "no functional is left in R^" + dx);
            }
            DMatrixRMaj coef = Matrices.gaussian(basis.numCols, 1, 1.0, rng);
            phi.set(t, Numerics.transpose(Numerics.mult(basis, coef)));
        }
        // independence: every functional of an interval born at 0 and every output of an interval dying at H must be
        // independent of the others (with the full ones); the choices above are generic within the constraints
        // (c2)/(c3), whose dimension does not depend on the choice of the tops, so a dependence here is forced.
        requireIndependent(all, phi, true, dx);
        requireIndependent(all, out, false, dy);
        // indices at hidden vertices
        int[][] idx = new int[all.size()][hc + 1];
        for (int h = 1; h < hc; h++) {
            int next = 0;
            for (int t = 0; t < all.size(); t++) {
                Interval iv = all.get(t);
                idx[t][h] = iv.a() <= h && h <= iv.b() ? next++ : -1;
            }
        }
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int h = 1; h <= hc; h++) {
            DMatrixRMaj m = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
            for (int t = 0; t < all.size(); t++) {
                Interval iv = all.get(t);
                boolean carried = iv.a() <= h - 1 && iv.b() >= h;
                if (!carried) {
                    continue;
                }
                if (h == 1 && hc == 1) {
                    throw new IllegalStateException("unreachable: H >= 2");
                }
                if (h == 1) {
                    CommonOps_DDRM.insert(phi.get(t), m, idx[t][1], 0);
                } else if (h == hc) {
                    CommonOps_DDRM.insert(out.get(t), m, 0, idx[t][hc - 1]);
                } else {
                    m.set(idx[t][h], idx[t][h - 1], 1);
                }
            }
            layers.add(m);
        }
        Weights w = Weights.of(layers);
        return predict(arch, all, phi, out, rm, s, w);
    }

    private void requireIndependent(List<Interval> all, List<DMatrixRMaj> vecs, boolean bottom, int dim) {
        List<DMatrixRMaj> chosen = new ArrayList<>();
        List<Interval> which = new ArrayList<>();
        for (int t = 0; t < all.size(); t++) {
            Interval iv = all.get(t);
            if (bottom ? iv.a() == 0 : iv.b() == depth) {
                DMatrixRMaj v = vecs.get(t);
                chosen.add(bottom ? Numerics.transpose(v) : v);
                which.add(iv);
            }
        }
        if (chosen.isEmpty()) {
            return;
        }
        DMatrixRMaj m = new DMatrixRMaj(dim, chosen.size());
        for (int c = 0; c < chosen.size(); c++) {
            DMatrixRMaj v = chosen.get(c).copy();
            CommonOps_DDRM.scale(1 / Math.max(Numerics.normF(v), Double.MIN_NORMAL), v);
            CommonOps_DDRM.insert(v, m, 0, c);
        }
        double[] sv = Numerics.svd(m).s();
        int rank = Classifier.rankAbove(sv, 1e-8);
        if (rank < chosen.size()) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point with "
                    + "these data and S: the " + (bottom ? "input functionals phi of the intervals born at 0"
                    : "outputs u of the intervals reaching H") + " " + which + " are forced to be linearly dependent "
                    + "by the criticality constraints (c1)-(c3) of section 11 (rank " + rank + " < " + chosen.size() + ")");
        }
    }

    /** Class read off the intervals (section 11), independent of the {@code N_ij} computation on {@code W}. */
    private Construction predict(Architecture arch, List<Interval> all, List<DMatrixRMaj> phi, List<DMatrixRMaj> out,
                                 DMatrixRMaj rm, int[] s, Weights w) {
        int hc = depth;
        int r = s.length;
        if (!CriticalValues.isPrefix(s)) {
            return new Construction(w, PointClass.STRICT_SADDLE, "S not a prefix");
        }
        if (r == arch.rMax()) {
            return new Construction(w, PointClass.GLOBAL_MIN, "S = [[1, r_max]]");
        }
        double rmNorm = Numerics.normF(rm);
        for (int i = 2; i <= hc; i++) {
            for (int j = 1; j < i; j++) {
                // upper ends alive at i, lower ends alive at j-1
                final int ii = i;
                final int jj = j;
                DMatrixRMaj left = i == hc ? CommonOps_DDRM.identity(rm.numRows) : stackColumns(all, out, t -> t.b() == hc && t.a() <= ii && t.a() > 0);
                DMatrixRMaj right = j == 1 ? CommonOps_DDRM.identity(rm.numCols) : stackColumns(all, transposeAll(phi), t -> t.a() == 0 && t.b() >= jj - 1 && t.b() < hc);
                if (left.numCols == 0 || right.numCols == 0) {
                    continue;
                }
                DMatrixRMaj coupling = Numerics.mult(Numerics.multTransA(left, rm), right);
                double scale = Numerics.normF(left) * rmNorm * Numerics.normF(right);
                if (!(Numerics.normF(coupling) > 1e-9 * scale)) {
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
        return rows.stream().map(x -> x == null ? null : Numerics.transpose(x)).toList();
    }

    private static DMatrixRMaj stackColumns(List<Interval> all, List<DMatrixRMaj> cols,
                                            java.util.function.Predicate<Interval> keep) {
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

    /** Throws {@link IllegalStateException} unless the ranks of {@code w} are the ones this pattern prescribes. */
    void requireRealized(Weights w, int r, double tol) {
        int[][] want = ranks(w.architecture(), r);
        int[][] got = measureRanks(w, tol);
        if (!Arrays.deepEquals(want, got)) {
            throw new IllegalStateException("the generic construction did not realize rank pattern " + this
                    + " (ranks rho(a,b) wanted " + Arrays.deepToString(want) + ", got " + Arrays.deepToString(got)
                    + "); the pattern is not realizable by a critical point with this S and these widths");
        }
    }

    @Override
    public String toString() {
        return extras.isEmpty() ? "{}" : extras.stream().map(Interval::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
