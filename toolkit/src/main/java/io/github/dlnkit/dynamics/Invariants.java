package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The conserved quantities of Liao, Chitour and Couillet (liao2018.md section 3, Lemma 1):
 * <pre>
 *   C_j(W) = W_{j+1}^T W_{j+1} - W_j W_j^T      (d_j x d_j),   j = 1..H-1,
 * </pre>
 * constant along the gradient flow of any loss that depends on {@code W} only through {@code W_{H:1}} (so not
 * with weight decay). One step of gradient descent with step {@code eta} changes them by exactly
 * {@code eta^2 (g_{j+1}^T g_{j+1} - g_j g_j^T)}, {@code g_i = grad_{W_i} L} ({@link #gdStepChange}).
 * Layers are numbered as in Achour et al. ({@code W_1..W_H}); Liao's {@code H} hidden layers are {@code H+1} here.
 */
public final class Invariants {
    private Invariants() {
    }

    /** {@code [C_1, ..., C_{H-1}]} (empty for {@code H = 1}). */
    public static List<DMatrixRMaj> of(Weights w) {
        requirePoint("W", w);
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int j = 1; j < w.depth(); j++) {
            out.add(of(w, j));
        }
        return out;
    }

    /** {@code C_j = W_{j+1}^T W_{j+1} - W_j W_j^T}, {@code 1 <= j <= H-1}. */
    public static DMatrixRMaj of(Weights w, int j) {
        requirePoint("W", w);
        if (j < 1 || j >= w.depth()) {
            throw new IllegalArgumentException("invariant index j = " + j + " out of range: expected 1 <= j <= H-1 = "
                    + (w.depth() - 1));
        }
        return difference(w.layer(j + 1), w.layer(j));
    }

    /**
     * The exact change of every {@code C_j} in one gradient-descent step {@code W -> W - eta g}:
     * {@code eta^2 (g_{j+1}^T g_{j+1} - g_j g_j^T)} (the first-order terms cancel; liao2018.md section 3).
     */
    public static List<DMatrixRMaj> gdStepChange(Weights gradient, double eta) {
        requirePoint("gradient", gradient);
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("step eta must be finite, got " + eta);
        }
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int j = 1; j < gradient.depth(); j++) {
            DMatrixRMaj d = difference(gradient.layer(j + 1), gradient.layer(j));
            CommonOps_DDRM.scale(eta * eta, d);
            out.add(d);
        }
        return out;
    }

    /**
     * Relative drift of the invariants from {@code start} to {@code now}:
     * {@code max_j ||C_j(now) - C_j(start)||_F / (||W_{j+1}^T W_{j+1}||_F + ||W_j W_j^T||_F)} with the scale taken
     * at {@code start} (the size of the two terms whose difference is conserved; 1 if both vanish). 0 for {@code H = 1}.
     */
    public static double drift(Weights start, Weights now) {
        return new Drift(start).at(now);
    }

    /**
     * The reference of {@link #drift} fixed once at a start point, for a trajectory that measures the drift at many
     * points ({@code C_j(start)} and the scales are computed once). Immutable.
     */
    public static final class Drift {
        private final Weights start;
        private final DMatrixRMaj[] c0;
        private final double[] scale;

        /** The reference at {@code start}. */
        public Drift(Weights start) {
            requirePoint("start", start);
            this.start = start;
            int h = start.depth();
            this.c0 = new DMatrixRMaj[Math.max(0, h - 1)];
            this.scale = new double[c0.length];
            for (int j = 1; j < h; j++) {
                DMatrixRMaj up = gram(start.layer(j + 1), true);
                DMatrixRMaj lo = gram(start.layer(j), false);
                double sc = NormOps_DDRM.normF(up) + NormOps_DDRM.normF(lo);
                scale[j - 1] = sc == 0 ? 1 : sc;
                CommonOps_DDRM.subtractEquals(up, lo);
                c0[j - 1] = up;
            }
        }

        /** {@link #drift}{@code (start, now)}. */
        public double at(Weights now) {
            requirePoint("now", now);
            if (!start.architecture().equals(now.architecture())) {
                throw new IllegalArgumentException("drift compares points with the same widths, got "
                        + start.architecture() + " and " + now.architecture());
            }
            double worst = 0;
            for (int j = 1; j < start.depth(); j++) {
                DMatrixRMaj c1 = difference(now.layer(j + 1), now.layer(j));
                CommonOps_DDRM.subtractEquals(c1, c0[j - 1]);
                worst = Math.max(worst, NormOps_DDRM.normF(c1) / scale[j - 1]);
            }
            return worst;
        }
    }

    /**
     * Drift of the invariants over the time span {@code [0, time]}: gradient descent with each step {@code eta}
     * ({@code round(time / eta)} steps) against the gradient flow ({@link GradientFlow}, tolerance 1e-12), as a table
     * {@code method, step, drift, loss}. Gradient descent drifts about proportionally to {@code eta} (each step adds
     * {@code eta^2 (...)}, {@code time / eta} steps); the flow only by its integration error.
     */
    public static tech.tablesaw.api.Table driftVersusStep(io.github.dlnkit.model.Loss loss, Weights start, double time,
                                                          double... etas) {
        tech.tablesaw.api.StringColumn method = tech.tablesaw.api.StringColumn.create("method");
        tech.tablesaw.api.DoubleColumn step = tech.tablesaw.api.DoubleColumn.create("step");
        tech.tablesaw.api.DoubleColumn drift = tech.tablesaw.api.DoubleColumn.create("invariant drift");
        tech.tablesaw.api.DoubleColumn value = tech.tablesaw.api.DoubleColumn.create("loss at end");
        Trajectory flow = GradientFlow.builder().time(time).records(1).singularValues(false).build().run(loss, start);
        method.append("gradient flow (Dormand-Prince 8(5,3))");
        step.append(Double.NaN);
        drift.append(drift(start, flow.end()));
        value.append(flow.finalLoss());
        for (double eta : etas) {
            Trajectory gd = GradientDescent.builder().learningRate(eta).steps(Math.round(time / eta)).recordEvery(0)
                    .singularValues(false).build().run(loss, start);
            method.append("gradient descent");
            step.append(eta);
            drift.append(drift(start, gd.end()));
            value.append(gd.finalLoss());
        }
        return tech.tablesaw.api.Table.create("invariants C_j = W_{j+1}^T W_{j+1} - W_j W_j^T over t in [0, " + time + "]",
                method, step, drift, value);
    }

    private static void requirePoint(String name, Weights w) {
        if (w == null) {
            throw new IllegalArgumentException("invariants need the layers of " + name + " (got null)");
        }
    }

    /** {@code up^T up - lo lo^T}. */
    private static DMatrixRMaj difference(DMatrixRMaj up, DMatrixRMaj lo) {
        DMatrixRMaj a = gram(up, true);
        CommonOps_DDRM.subtractEquals(a, gram(lo, false));
        return a;
    }

    /** {@code m^T m} ({@code transA}) or {@code m m^T}. */
    static DMatrixRMaj gram(DMatrixRMaj m, boolean transA) {
        DMatrixRMaj a = transA ? new DMatrixRMaj(m.numCols, m.numCols) : new DMatrixRMaj(m.numRows, m.numRows);
        if (transA) {
            CommonOps_DDRM.multTransA(m, m, a);
        } else {
            CommonOps_DDRM.multTransB(m, m, a);
        }
        return a;
    }
}
