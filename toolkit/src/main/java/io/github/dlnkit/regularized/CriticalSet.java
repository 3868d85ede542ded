package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Matrices;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The closed-form critical set of the regularized loss for whitened data (theory {@code regularized.md}, section 2.2):
 * {@code W} is critical iff there are {@code A} with {@code |A| <= d_min}, roots {@code w_k} of
 * {@code z_k = w + lambdabar w^{(2-L)/L}} ({@code k in A}) and orthogonal {@code O_l} with
 * {@code W_l = O_l D_l O_{l-1}^T}, {@code D_l = diag(sqrt(tau_k / lambda_l))}, {@code tau_k = lambdabar w_k^{2/L}},
 * {@code O_0 = [q_k ...]}, {@code O_L = [p_k ...]}. Value
 * <pre>
 *   F = 1/2 sum_{k not in A} z_k^2 + 1/2 sum_{k in A} (z_k - w_k)^2 + (L/2) lambdabar sum_{k in A} w_k^{2/L}
 *       + 1/2 (||Y||^2 - ||Z||^2)          (times 2c for the convention c).
 * </pre>
 * Classes (section 2.4): a smaller root, an active {@code k} below an inactive {@code j} ({@code z_j > z_k}), or
 * ({@code L = 2}) an inactive {@code z_j > lambdabar} with free width ({@code |A| < d_min}) give a strict saddle; a
 * double root a non-strict saddle; otherwise a local minimum, global when its value is the least.
 */
public final class CriticalSet {
    private CriticalSet() {
    }

    /**
     * Options of {@link #enumerate}.
     *
     * @param seed               seed of the hidden orthogonal factors {@code O_1..O_{L-1}}
     * @param maxPoints          refuse to enumerate more critical points than this
     * @param hessian            compute the dense-Hessian diagnostic of every point
     * @param maxParams          skip the Hessian above this many parameters
     * @param zeroTolerance      relative tolerance for zero Hessian eigenvalues ({@link DenseSpectrum})
     * @param thresholdTolerance relative tolerance for {@code z_k} at a threshold ({@link ScalarEquation})
     */
    public record Options(long seed, int maxPoints, boolean hessian, int maxParams, double zeroTolerance,
                          double thresholdTolerance) {
        public Options {
            if (maxPoints < 1) {
                throw new IllegalArgumentException("maxPoints must be >= 1, got " + maxPoints);
            }
            if (maxParams < 1) {
                throw new IllegalArgumentException("maxParams must be >= 1, got " + maxParams);
            }
            Checks.positive("zeroTolerance", zeroTolerance);
            Checks.nonNegative("thresholdTolerance", thresholdTolerance);
        }

        /** Seed 1, at most 10,000 points, Hessian up to 2,000 parameters, zero tolerance 1e-8, threshold 1e-9. */
        public static Options defaults() {
            return new Options(1, 10_000, true, 2_000, 1e-8, ScalarEquation.DEFAULT_TOLERANCE);
        }

        public Options withSeed(long s) {
            return new Options(s, maxPoints, hessian, maxParams, zeroTolerance, thresholdTolerance);
        }

        public Options withMaxPoints(int n) {
            return new Options(seed, n, hessian, maxParams, zeroTolerance, thresholdTolerance);
        }

        public Options withHessian(boolean h) {
            return new Options(seed, maxPoints, h, maxParams, zeroTolerance, thresholdTolerance);
        }

        public Options withMaxParams(int n) {
            return new Options(seed, maxPoints, hessian, n, zeroTolerance, thresholdTolerance);
        }

        public Options withZeroTolerance(double t) {
            return new Options(seed, maxPoints, hessian, maxParams, t, thresholdTolerance);
        }

        public Options withThresholdTolerance(double t) {
            return new Options(seed, maxPoints, hessian, maxParams, zeroTolerance, t);
        }
    }

    /**
     * The enumerated critical set.
     *
     * @param problem the problem
     * @param z       singular values of {@code Z = Y X^T}, descending
     * @param points  every critical point (one per index set and root choice)
     */
    public record Result(RegularizedProblem problem, double[] z, List<CriticalPoint> points) {
        public Result {
            points = List.copyOf(points);
        }

        @Override
        public double[] z() {
            return z.clone();
        }

        /** The least critical value (the global minimum value of {@code F}). */
        public double globalMinimum() {
            return points.stream().mapToDouble(CriticalPoint::value).min().orElseThrow();
        }

        /** Points of one class. */
        public List<CriticalPoint> ofClass(LandscapeClass c) {
            return points.stream().filter(p -> p.classification() == c).toList();
        }

        /** The point with this index set and pattern (see {@link CriticalPoint#pattern}), e.g. {@code "LL-"}. */
        public CriticalPoint find(String pattern) {
            return points.stream().filter(p -> p.pattern(z.length).equals(pattern)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no critical point with pattern \"" + pattern + "\""));
        }

        /**
         * One row per critical point: {@code A}, {@code pattern} (per {@code k}: {@code -} inactive, {@code 1} L = 2
         * root, {@code s}/{@code L} small/large root, {@code D} double root), {@code w}, {@code F (formula)},
         * {@code F (loss)}, {@code |grad| rel}, {@code balancedness}, {@code class}, {@code degenerate},
         * {@code manifold dim} and, when computed, {@code Hessian zeros}, {@code Hessian negatives}, {@code Hessian min}.
         */
        public Table toTable() {
            StringColumn a = StringColumn.create("A");
            StringColumn pat = StringColumn.create("pattern");
            StringColumn ws = StringColumn.create("w");
            DoubleColumn f = DoubleColumn.create("F (formula)");
            DoubleColumn fl = DoubleColumn.create("F (loss)");
            DoubleColumn g = DoubleColumn.create("|grad| rel");
            DoubleColumn b = DoubleColumn.create("balancedness");
            StringColumn cls = StringColumn.create("class");
            BooleanColumn deg = BooleanColumn.create("degenerate");
            IntColumn dim = IntColumn.create("manifold dim");
            IntColumn hz = IntColumn.create("Hessian zeros");
            IntColumn hn = IntColumn.create("Hessian negatives");
            DoubleColumn hm = DoubleColumn.create("Hessian min");
            for (CriticalPoint p : points) {
                a.append(p.activeLabel());
                pat.append(p.pattern(z.length));
                StringBuilder sb = new StringBuilder();
                for (double v : p.w()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.10g", v));
                }
                ws.append(sb.toString());
                f.append(p.value());
                fl.append(p.loss());
                g.append(p.gradientNorm());
                b.append(p.balancedness());
                cls.append(p.classification().name());
                deg.append(p.degenerate());
                dim.append(p.manifoldDimension());
                if (p.hessian() != null) {
                    hz.append(p.hessian().zeros());
                    hn.append(p.hessian().negatives());
                    hm.append(p.hessian().min());
                } else {
                    hz.appendMissing();
                    hn.appendMissing();
                    hm.appendMissing();
                }
            }
            return Table.create("critical set " + problem, a, pat, ws, f, fl, g, b, cls, deg, dim, hz, hn, hm);
        }
    }

    /** Enumerates with {@link Options#defaults()}. */
    public static Result enumerate(RegularizedProblem problem) {
        return enumerate(problem, Options.defaults());
    }

    /**
     * Every critical point for whitened data: all index sets {@code A} ({@code |A| <= d_min}) of components with a
     * root, and every root choice. Throws {@link IllegalStateException} for non-whitened data (no closed form) and
     * {@link IllegalArgumentException} when the count exceeds {@code maxPoints} (checked before building anything).
     */
    public static Result enumerate(RegularizedProblem problem, Options options) {
        return enumerate(problem, options, null);
    }

    /**
     * As {@link #enumerate(RegularizedProblem, Options)}, reporting progress to {@code progress} (may be {@code null})
     * about every 10% when there are more than 100 points.
     */
    public static Result enumerate(RegularizedProblem problem, Options options, java.util.function.Consumer<String> progress) {
        problem.requireWhitened();
        RegularizedProblem.Svd svd = problem.svd();
        double[] z = svd.z();
        int m = z.length;
        int depth = problem.depth();
        double lbar = problem.lambdaBar();
        ScalarEquation.Roots[] roots = new ScalarEquation.Roots[m];
        for (int k = 0; k < m; k++) {
            roots[k] = ScalarEquation.roots(depth, lbar, z[k], options.thresholdTolerance());
        }
        int dmin = problem.minWidth();
        double count = count(roots, dmin);
        if (count > options.maxPoints()) {
            throw new IllegalArgumentException("the critical set has " + (count < 1e15 ? String.format(java.util.Locale.ROOT, "%.0f", count) : String.format(java.util.Locale.ROOT, "%.4g", count))
                    + " points (index sets |A| <= d_min = " + dmin + " over " + m + " singular values, times root choices)"
                    + ", more than maxPoints = " + options.maxPoints() + "; raise the limit (--max-points) or use smaller widths");
        }
        Random rng = new Random(options.seed());
        Architecture arch = problem.widths();
        DMatrixRMaj[] hidden = new DMatrixRMaj[depth];
        for (int l = 1; l < depth; l++) {
            hidden[l] = Matrices.orthonormal(arch.width(l), arch.width(l), rng);
        }
        List<Raw> raws = new ArrayList<>();
        collect(roots, dmin, 0, new ArrayList<>(), new ArrayList<>(), raws);
        Loss loss = problem.loss();
        double zNorm = Math.sqrt(svd.normSquared());
        double half = 0.5 * problem.data().traceSyy();
        List<CriticalPoint> pts = new ArrayList<>();
        double[] values = new double[raws.size()];
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            double v = half;
            for (int j = 0; j < r.active.length; j++) {
                double zk = z[r.active[j]];
                double wk = r.w[j];
                v += -0.5 * zk * zk + 0.5 * (zk - wk) * (zk - wk) + 0.5 * depth * lbar * Math.pow(wk, 2.0 / depth);
            }
            values[i] = problem.scale() * v;
        }
        double globalMin = java.util.Arrays.stream(values).min().orElseThrow();
        int every = Math.max(1, raws.size() / 10);
        for (int i = 0; i < raws.size(); i++) {
            if (progress != null && raws.size() > 100 && i > 0 && i % every == 0) {
                progress.accept("critical set: " + i + "/" + raws.size() + " points built and checked");
            }
            Raw r = raws.get(i);
            Weights wts = build(problem, svd, hidden, r);
            double lv = loss.value(wts);
            double gn = loss.gradient(wts).norm() / (problem.scale() * Math.max(1, zNorm));
            double bal = Balancedness.residual(wts, problem.lambdas());
            boolean degenerate = degenerate(problem, z, roots, r, dmin, options.thresholdTolerance());
            LandscapeClass cls = classify(problem, z, r, dmin, options.thresholdTolerance(), values[i], globalMin);
            int dim = manifoldDimension(arch, z, r, options.thresholdTolerance());
            HessianZeros hc = null;
            if (options.hessian() && arch.parameterCount() <= options.maxParams()) {
                hc = hessianZeros(loss, wts, dim, options.zeroTolerance());
            }
            int[] oneBased = new int[r.active.length];
            for (int j = 0; j < oneBased.length; j++) {
                oneBased[j] = r.active[j] + 1;
            }
            pts.add(new CriticalPoint(oneBased, r.roots, r.w, wts, values[i], lv, gn, bal, cls, degenerate, dim, hc));
        }
        return new Result(problem, z, pts);
    }

    /** The dense-Hessian diagnostic at {@code w}: zero / negative eigenvalues vs the critical-manifold dimension. */
    public static HessianZeros hessianZeros(Loss loss, Weights w, int manifoldDimension, double zeroTolerance) {
        DenseSpectrum s = DenseSpectrum.of(loss.hessian(w), zeroTolerance);
        double gap = Double.POSITIVE_INFINITY;
        for (double v : s.eigenvalues()) {
            if (Math.abs(v) > s.tolerance()) {
                gap = Math.min(gap, Math.abs(v));
            }
        }
        return new HessianZeros(s.zeroCount(), s.negativeCount(), s.min(), gap, manifoldDimension, s.tolerance());
    }

    private record Raw(int[] active, Root[] roots, double[] w) {
    }

    private static double count(ScalarEquation.Roots[] roots, int dmin) {
        double[] dp = new double[dmin + 1]; // dp[j]: choices with |A| = j among the components seen so far
        dp[0] = 1;
        for (ScalarEquation.Roots r : roots) {
            int c = r.choices().length;
            for (int j = dmin; j >= 1; j--) {
                dp[j] += dp[j - 1] * c;
            }
        }
        double s = 0;
        for (double v : dp) {
            s += v;
        }
        return s;
    }

    private static void collect(ScalarEquation.Roots[] roots, int dmin, int k, List<Integer> act, List<Root> rc,
                                List<Raw> out) {
        if (k == roots.length) {
            int[] a = act.stream().mapToInt(Integer::intValue).toArray();
            Root[] r = rc.toArray(new Root[0]);
            double[] w = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                w[j] = roots[a[j]].w(r[j]);
            }
            out.add(new Raw(a, r, w));
            return;
        }
        collect(roots, dmin, k + 1, act, rc, out);
        if (act.size() < dmin) {
            for (Root choice : roots[k].choices()) {
                act.add(k);
                rc.add(choice);
                collect(roots, dmin, k + 1, act, rc, out);
                act.remove(act.size() - 1);
                rc.remove(rc.size() - 1);
            }
        }
    }

    /** {@code W_l = O_l D_l O_{l-1}^T} with {@code O_0 = Q}, {@code O_L = P}, {@code sigma_{l,k} = sqrt(tau_k/lambda_l)}. */
    private static Weights build(RegularizedProblem problem, RegularizedProblem.Svd svd, DMatrixRMaj[] hidden, Raw r) {
        Architecture arch = problem.widths();
        int depth = problem.depth();
        double lbar = problem.lambdaBar();
        int rank = r.active.length;
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj core = new DMatrixRMaj(arch.width(l), arch.width(l - 1));
            for (int i = 0; i < rank; i++) {
                double tau = lbar * Math.pow(r.w[i], 2.0 / depth);
                double sigma = Math.sqrt(tau / problem.lambda(l));
                int k = r.active[i];
                if (l == 1) { // sigma e_i q_k^T
                    for (int c = 0; c < core.numCols; c++) {
                        core.add(i, c, sigma * svd.qRef().get(c, k));
                    }
                } else if (l == depth) { // sigma p_k e_i^T
                    for (int row = 0; row < core.numRows; row++) {
                        core.add(row, i, sigma * svd.pRef().get(row, k));
                    }
                } else {
                    core.set(i, i, sigma);
                }
            }
            DMatrixRMaj out = core;
            if (l < depth) {
                out = Matrices.mult(hidden[l], out);
            }
            if (l > 1) {
                DMatrixRMaj t = new DMatrixRMaj(out.numRows, hidden[l - 1].numRows);
                CommonOps_DDRM.multTransB(out, hidden[l - 1], t);
                out = t;
            }
            layers.add(out);
        }
        return Weights.of(arch, layers);
    }

    private static boolean above(double a, double b, double tol) {
        return a > b + tol * Math.max(Math.abs(a), Math.abs(b));
    }

    private static LandscapeClass classify(RegularizedProblem problem, double[] z, Raw r, int dmin, double tol,
                                           double value, double globalMin) {
        boolean[] on = new boolean[z.length];
        for (int k : r.active) {
            on[k] = true;
        }
        for (Root root : r.roots) {
            if (root == Root.SMALL) {
                return LandscapeClass.STRICT_SADDLE;
            }
        }
        for (int k : r.active) {
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && above(z[j], z[k], tol)) {
                    return LandscapeClass.STRICT_SADDLE; // rotate p_k, q_k towards p_j, q_j: F drops
                }
            }
        }
        if (problem.depth() == 2 && r.active.length < dmin) {
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && above(z[j], problem.lambdaBar(), tol)) {
                    return LandscapeClass.STRICT_SADDLE; // f''(0) has eigenvalue lambdabar - z_j < 0 (equal lambdas)
                }
            }
        }
        for (Root root : r.roots) {
            if (root == Root.DOUBLE) {
                return LandscapeClass.NON_STRICT_SADDLE;
            }
        }
        boolean global = value <= globalMin + 1e-10 * Math.max(1, Math.abs(globalMin));
        return global ? LandscapeClass.GLOBAL_MIN : LandscapeClass.LOCAL_MIN;
    }

    /**
     * Section 3: an active double root ({@code L >= 3}), or ({@code L = 2}) an inactive {@code z_j = lambdabar} with
     * free width {@code |A| < d_min}.
     */
    private static boolean degenerate(RegularizedProblem problem, double[] z, ScalarEquation.Roots[] roots, Raw r,
                                      int dmin, double tol) {
        for (Root root : r.roots) {
            if (root == Root.DOUBLE) {
                return true;
            }
        }
        if (problem.depth() == 2 && r.active.length < dmin) {
            boolean[] on = new boolean[z.length];
            for (int k : r.active) {
                on[k] = true;
            }
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && Math.abs(roots[j].distance()) <= tol) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Dimension of the critical manifold through the point: the hidden orbit
     * {@code sum_{l=1}^{L-1} [dim O(d_l) - dim O(d_l - |A|)]}, plus, for each block of equal singular values of size
     * {@code b} split into groups (inactive / each root type) of sizes {@code g_i}, the flag-manifold dimension
     * {@code (b^2 - sum g_i^2) / 2} (rotations of singular pairs within the block).
     */
    static int manifoldDimension(Architecture arch, double[] z, Raw r, double tol) {
        int rank = r.active.length;
        int dim = 0;
        for (int l = 1; l < arch.depth(); l++) {
            int d = arch.width(l);
            dim += d * (d - 1) / 2 - (d - rank) * (d - rank - 1) / 2;
        }
        String[] state = new String[z.length];
        java.util.Arrays.fill(state, "-");
        for (int i = 0; i < rank; i++) {
            state[r.active[i]] = r.roots[i].name();
        }
        int start = 0;
        while (start < z.length) {
            int end = start + 1;
            while (end < z.length && !above(z[start], z[end], tol)) {
                end++;
            }
            int b = end - start;
            java.util.Map<String, Integer> groups = new java.util.HashMap<>();
            for (int k = start; k < end; k++) {
                groups.merge(state[k], 1, Integer::sum);
            }
            int sq = groups.values().stream().mapToInt(g -> g * g).sum();
            dim += (b * b - sq) / 2;
            start = end;
        }
        return dim;
    }
}
