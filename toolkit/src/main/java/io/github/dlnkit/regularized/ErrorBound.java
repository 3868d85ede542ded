package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.LossConvention;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The error-bound test of theory {@code regularized.md}, section 3: {@code dist(W, Crit) <= kappa ||grad F(W)||}
 * near every critical point iff no singular value {@code z_k} of {@code Z = Y X^T} (all {@code min(d_0, d_L)} of them)
 * sits at the threshold: {@code z_k != lambdabar} ({@code L = 2}: an inactive component with
 * {@code f''(0) = 2(lambdabar - z_k) = 0}) and {@code z_k != phi_min(lambdabar)} ({@code L >= 3}: a double root).
 * The threshold test is one route; {@link #hessianDiagnostic} is the independent one (zero Hessian eigenvalues at
 * every enumerated critical point vs the dimension of the critical manifold).
 */
public final class ErrorBound {
    private ErrorBound() {
    }

    /**
     * Distance of one singular value to its threshold.
     *
     * @param k                  1-based index
     * @param z                  {@code z_k}
     * @param zThreshold         {@code lambdabar} ({@code L = 2}) or {@code phi_min(lambdabar)} ({@code L >= 3})
     * @param distance           {@code (z_k - zThreshold) / zThreshold}
     * @param lambdaBarThreshold the {@code lambdabar} at which {@code z_k} is degenerate: {@code z_k} or {@code g_max(z_k)}
     * @param degenerate         {@code |distance| <= tolerance}
     */
    public record Threshold(int k, double z, double zThreshold, double distance, double lambdaBarThreshold,
                            boolean degenerate) {
    }

    /**
     * The verdict.
     *
     * @param problem    the problem
     * @param thresholds one entry per singular value of {@code Z}
     * @param tolerance  relative tolerance used for "at the threshold"
     */
    public record Report(RegularizedProblem problem, List<Threshold> thresholds, double tolerance) {
        public Report {
            thresholds = List.copyOf(thresholds);
        }

        /** The error bound holds at every critical point. */
        public boolean holds() {
            return thresholds.stream().noneMatch(Threshold::degenerate);
        }

        /** {@code min_k |distance_k|}: how far the instance is from a degenerate one. */
        public double margin() {
            return thresholds.stream().mapToDouble(t -> Math.abs(t.distance())).min().orElse(Double.POSITIVE_INFINITY);
        }

        /** Columns {@code k}, {@code z_k}, {@code threshold}, {@code relative distance}, {@code lambdabar threshold}, {@code degenerate}. */
        public Table toTable() {
            IntColumn k = IntColumn.create("k");
            DoubleColumn z = DoubleColumn.create("z_k");
            DoubleColumn t = DoubleColumn.create(problem.depth() == 2 ? "threshold lambdabar" : "threshold phi_min");
            DoubleColumn d = DoubleColumn.create("relative distance");
            DoubleColumn lt = DoubleColumn.create(problem.depth() == 2 ? "lambdabar threshold z_k" : "lambdabar threshold g_max(z_k)");
            BooleanColumn deg = BooleanColumn.create("degenerate");
            for (Threshold th : thresholds) {
                k.append(th.k());
                z.append(th.z());
                t.append(th.zThreshold());
                d.append(th.distance());
                lt.append(th.lambdaBarThreshold());
                deg.append(th.degenerate());
            }
            return Table.create("error bound " + problem + ": " + (holds() ? "holds" : "FAILS"), k, z, t, d, lt, deg);
        }
    }

    /**
     * The Hessian diagnostic over the whole enumerated critical set.
     *
     * @param points  points checked (those with a Hessian)
     * @param failing patterns of the points with more zero eigenvalues than the manifold dimension
     * @param skipped points without a Hessian (above the parameter limit)
     */
    public record HessianDiagnostic(int points, List<String> failing, int skipped) {
        public HessianDiagnostic {
            failing = List.copyOf(failing);
        }

        /** No checked point has an extra zero eigenvalue. */
        public boolean holds() {
            return failing.isEmpty();
        }

        /** True when every point was checked. */
        public boolean complete() {
            return skipped == 0;
        }
    }

    /** {@link #check(RegularizedProblem, double)} with {@link ScalarEquation#DEFAULT_TOLERANCE}. */
    public static Report check(RegularizedProblem problem) {
        return check(problem, ScalarEquation.DEFAULT_TOLERANCE);
    }

    /** The issue's {@code errorBoundHolds(data, lambdas, widths)} (HALF loss; thresholds do not depend on it). */
    public static Report check(Dataset data, double[] lambdas, int... widths) {
        return check(RegularizedProblem.of(data, Architecture.of(widths), LossConvention.HALF, lambdas));
    }

    /** Thresholds of section 3 for every singular value; needs whitened data. */
    public static Report check(RegularizedProblem problem, double tolerance) {
        problem.requireWhitened();
        double[] z = problem.svd().z();
        int depth = problem.depth();
        double lbar = problem.lambdaBar();
        double t = ScalarEquation.zThreshold(depth, lbar);
        List<Threshold> out = new ArrayList<>();
        for (int k = 0; k < z.length; k++) {
            double dist = (z[k] - t) / t;
            out.add(new Threshold(k + 1, z[k], t, dist, ScalarEquation.gMax(depth, z[k]), Math.abs(dist) <= tolerance));
        }
        return new Report(problem, out, tolerance);
    }

    /** The independent route: enumerate the critical set and count extra zero Hessian eigenvalues at each point. */
    public static HessianDiagnostic hessianDiagnostic(RegularizedProblem problem, CriticalSet.Options options) {
        return hessianDiagnostic(CriticalSet.enumerate(problem, options.toBuilder().hessian(true).build()));
    }

    /** The diagnostic of an already enumerated critical set. */
    public static HessianDiagnostic hessianDiagnostic(CriticalSet.Result set) {
        int checked = 0;
        int skipped = 0;
        List<String> failing = new ArrayList<>();
        int m = set.z().length;
        for (CriticalPoint p : set.points()) {
            if (p.hessian() == null) {
                skipped++;
                continue;
            }
            checked++;
            if (!p.hessian().errorBoundHolds()) {
                failing.add(p.pattern(m));
            }
        }
        return new HessianDiagnostic(checked, failing, skipped);
    }
}
