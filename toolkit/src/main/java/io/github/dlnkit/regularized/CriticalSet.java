package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Loss;
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

    /** Default seed of the hidden orthogonal factors. */
    public static final long DEFAULT_SEED = 1;
    /** Default cap on the number of enumerated points. */
    public static final int DEFAULT_MAX_POINTS = 10_000;
    /** Default cap on the parameters for the dense-Hessian diagnostic (per point, so lower than a single check's). */
    public static final int DEFAULT_MAX_PARAMETERS = 2_000;
    /** Default relative tolerance for zero Hessian eigenvalues. */
    public static final double DEFAULT_ZERO_TOLERANCE = 1e-8;

    /**
     * Options of {@link #enumerate}; build with {@link #builder()} (defaults: the {@code DEFAULT_*} constants, Hessian
     * diagnostic on, threshold tolerance {@link ScalarEquation#DEFAULT_TOLERANCE}).
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

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            return new Builder().seed(seed).maxPoints(maxPoints).hessian(hessian).maxParams(maxParams)
                    .zeroTolerance(zeroTolerance).thresholdTolerance(thresholdTolerance);
        }

        /** Fluent builder of {@link Options}; values are checked by {@link #build()}. */
        public static final class Builder {
            private long seed = DEFAULT_SEED;
            private int maxPoints = DEFAULT_MAX_POINTS;
            private boolean hessian = true;
            private int maxParams = DEFAULT_MAX_PARAMETERS;
            private double zeroTolerance = DEFAULT_ZERO_TOLERANCE;
            private double thresholdTolerance = ScalarEquation.DEFAULT_TOLERANCE;

            private Builder() {
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            public Builder maxPoints(int v) {
                maxPoints = v;
                return this;
            }

            /** Compute the dense-Hessian diagnostic of every point (default on). */
            public Builder hessian(boolean v) {
                hessian = v;
                return this;
            }

            public Builder maxParams(int v) {
                maxParams = v;
                return this;
            }

            public Builder zeroTolerance(double v) {
                zeroTolerance = v;
                return this;
            }

            public Builder thresholdTolerance(double v) {
                thresholdTolerance = v;
                return this;
            }

            public Options build() {
                return new Options(seed, maxPoints, hessian, maxParams, zeroTolerance, thresholdTolerance);
            }
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
                    sb.append(sb.length() == 0 ? "" : ", ").append(sixDigits(v));
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
    public static Result enumerate(RegularizedProblem problem, Options options, Progress progress) {
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
        double count = ActiveSet.count(roots, dmin);
        if (count > options.maxPoints()) {
            throw new IllegalArgumentException("the critical set has " + (count < 1e15 ? String.format(java.util.Locale.ROOT, "%.0f", count) : String.format(java.util.Locale.ROOT, "%.4g", count))
                    + " points (index sets |A| <= d_min = " + dmin + " over " + m + " singular values, times root choices)"
                    + ", more than maxPoints = " + options.maxPoints() + "; raise the limit (--max-points) or use smaller widths");
        }
        Random rng = new Random(options.seed());
        Architecture arch = problem.widths();
        DMatrixRMaj[] hidden = new DMatrixRMaj[depth];
        for (int l = 1; l < depth; l++) {
            hidden[l] = RandomMatrices.orthonormal(arch.width(l), arch.width(l), rng);
        }
        List<ActiveSet> raws = ActiveSet.all(roots, dmin);
        Loss loss = problem.loss();
        double zNorm = Math.sqrt(svd.normSquared());
        double half = 0.5 * problem.data().traceSyy();
        List<CriticalPoint> pts = new ArrayList<>();
        double[] values = new double[raws.size()];
        for (int i = 0; i < raws.size(); i++) {
            ActiveSet r = raws.get(i);
            double v = half;
            for (int j = 0; j < r.active().length; j++) {
                double zk = z[r.active()[j]];
                double wk = r.w()[j];
                v += -0.5 * zk * zk + 0.5 * (zk - wk) * (zk - wk) + 0.5 * depth * lbar * Math.pow(wk, 2.0 / depth);
            }
            values[i] = problem.scale() * v;
        }
        double globalMin = java.util.Arrays.stream(values).min().orElseThrow();
        int every = Math.max(1, raws.size() / 10);
        for (int i = 0; i < raws.size(); i++) {
            if (progress != null && raws.size() > 100 && i > 0 && i % every == 0) {
                progress.note("critical set: " + i + "/" + raws.size() + " points built and checked");
            }
            ActiveSet r = raws.get(i);
            Weights wts = build(problem, svd, hidden, r);
            double lv = loss.value(wts);
            double gn = loss.gradient(wts).norm() / (problem.scale() * Math.max(1, zNorm));
            double bal = Balancedness.residual(wts, problem.lambdas());
            boolean degenerate = r.degenerate(problem, z, roots, dmin, options.thresholdTolerance());
            LandscapeClass cls = r.classify(problem, z, dmin, options.thresholdTolerance(), values[i], globalMin);
            int dim = r.manifoldDimension(arch, z, options.thresholdTolerance());
            HessianZeros hc = null;
            if (options.hessian() && arch.parameterCount() <= options.maxParams()) {
                hc = hessianZeros(loss, wts, dim, options.zeroTolerance());
            }
            int[] oneBased = new int[r.active().length];
            for (int j = 0; j < oneBased.length; j++) {
                oneBased[j] = r.active()[j] + 1;
            }
            pts.add(new CriticalPoint(oneBased, r.roots(), r.w(), wts, values[i], lv, gn, bal, cls, degenerate, dim, hc));
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

    /** {@code W_l = O_l D_l O_{l-1}^T} with {@code O_0 = Q}, {@code O_L = P}, {@code sigma_{l,k} = sqrt(tau_k/lambda_l)}. */
    private static Weights build(RegularizedProblem problem, RegularizedProblem.Svd svd, DMatrixRMaj[] hidden, ActiveSet r) {
        Architecture arch = problem.widths();
        int depth = problem.depth();
        double lbar = problem.lambdaBar();
        int rank = r.active().length;
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj core = new DMatrixRMaj(arch.width(l), arch.width(l - 1));
            for (int i = 0; i < rank; i++) {
                double tau = lbar * Math.pow(r.w()[i], 2.0 / depth);
                double sigma = Math.sqrt(tau / problem.lambda(l));
                int k = r.active()[i];
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
                out = MatrixOps.mult(hidden[l], out);
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


    /** 6 significant digits, plain in {@code [1e-4, 1e6)} (or 0), else scientific. */
    static String sixDigits(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e6 ? b.toPlainString() : b.toString().replace("E+", "e").replace("E", "e");
    }
}
