package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Gradient flow {@code dW/dt = -grad L(W)} on a {@link Loss}, integrated by Hipparchus's adaptive Dormand-Prince 8(5,3)
 * method ({@link DormandPrince853Integrator}) with absolute and relative tolerances (default {@code 1e-12} both); the
 * right-hand side is {@link GdKernel}. The state is recorded at chosen times (dense output of the integrator, so the
 * records do not constrain the steps) into the same {@link Trajectory} as gradient descent; an event stops the
 * integration exactly where {@code L(W(t)) = stopBelow}.
 *
 * <p>Along the flow of a loss without weight decay, Liao's invariants {@code W_{j+1}^T W_{j+1} - W_j W_j^T} are
 * conserved (liao2018.md Lemma 1); their drift, recorded in the trajectory, measures the integration error.
 *
 * <pre>
 *   Trajectory t = GradientFlow.builder().time(6).records(600).build().run(loss, w0);
 * </pre>
 */
public final class GradientFlow {
    private final double time;
    private final double[] recordTimes;
    private final int records;
    private final double absTol;
    private final double relTol;
    private final double stopBelow;
    private final ToDoubleFunction<Weights> distance;
    private final boolean singularValues;
    private final Progress progress;

    private GradientFlow(Builder b) {
        this.time = b.time;
        this.recordTimes = b.recordTimes;
        this.records = b.records;
        this.absTol = b.absTol;
        this.relTol = b.relTol;
        this.stopBelow = b.stopBelow;
        this.distance = b.distance;
        this.singularValues = b.singularValues;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The flow from {@code start} over {@code [0, time]} with default tolerances, 100 uniform records. */
    public static Trajectory run(Loss loss, Weights start, double time) {
        return builder().time(time).build().run(loss, start);
    }

    /** The record times: the explicit ones, or {@code records} uniform intervals of {@code [0, time]}. */
    double[] grid() {
        if (recordTimes != null) {
            return recordTimes.clone();
        }
        double[] g = new double[records + 1];
        for (int i = 0; i <= records; i++) {
            g[i] = time * i / records;
        }
        return g;
    }

    /** Integrates from {@code start}; see the class comment. */
    public Trajectory run(Loss loss, Weights start) {
        if (loss == null || start == null) {
            throw new IllegalArgumentException("gradient flow needs a loss and a start point W (got null)");
        }
        GdKernel kernel = new GdKernel(loss, start.architecture());
        DMatrixRMaj[] w = kernel.newLayers();
        DMatrixRMaj[] grad = kernel.newLayers();
        int n = start.architecture().parameterCount();
        double[] grid = grid();
        double tEnd = grid[grid.length - 1];
        Recorder rec = new Recorder("flow", start, distance, singularValues);
        double initial = loss.value(start);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                load(y, w);
                double v = kernel.valueAndGradient(w, grad);
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "gradient flow blew up at t = %.6g "
                            + "(loss %s, started at %.6g): the loss is unbounded along this flow or the time span too long", t, v, initial));
                }
                double[] d = new double[n];
                int k = 0;
                for (DMatrixRMaj g : grad) {
                    for (int i = 0, m = g.getNumElements(); i < m; i++) {
                        d[k++] = -g.data[i];
                    }
                }
                return d;
            }
        };
        int[] next = {0};
        ODEStepHandler handler = new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interp) {
                double t1 = interp.getCurrentState().getTime();
                while (next[0] < grid.length && grid[next[0]] <= t1) {
                    double tr = grid[next[0]++];
                    double[] y = tr == t1 ? interp.getCurrentState().getPrimaryState()
                            : interp.getInterpolatedState(tr).getPrimaryState();
                    record(rec, kernel, tr, y, w, grad);
                }
                progress.update(Math.round(1000 * t1 / tEnd), 1000);
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(0, tEnd, absTol, relTol);
        integrator.addStepHandler(handler);
        boolean[] stopped = {false};
        if (stopBelow > Double.NEGATIVE_INFINITY) {
            integrator.addEventDetector(new LossThreshold(kernel, w, stopBelow, tEnd, stopped));
        }
        double[] y0 = start.toVector();
        ODEStateAndDerivative end;
        try {
            if (initial < stopBelow) {
                record(rec, kernel, 0, y0, w, grad);
                return rec.finish(start, Trajectory.StopReason.BELOW_THRESHOLD, 1);
            }
            end = integrator.integrate(ode, new ODEState(0, y0), tEnd);
        } catch (MathRuntimeException e) {
            throw new IllegalStateException("gradient flow integration failed (" + e.getMessage() + "); loosen the "
                    + "tolerances (now abs " + absTol + ", rel " + relTol + ") or shorten the time span", e);
        }
        double tStop = end.getTime();
        if (rec.lastTime() != tStop) {
            record(rec, kernel, tStop, end.getPrimaryState(), w, grad);
        }
        load(end.getPrimaryState(), w);
        progress.update(1000, 1000);
        return rec.finish(Weights.of(w), stopped[0] ? Trajectory.StopReason.BELOW_THRESHOLD
                : Trajectory.StopReason.COMPLETED, integrator.getEvaluations());
    }

    private static void record(Recorder rec, GdKernel kernel, double t, double[] y, DMatrixRMaj[] w, DMatrixRMaj[] grad) {
        load(y, w);
        double v = kernel.valueAndGradient(w, grad);
        rec.record(t, v, GdKernel.norm(grad), w, kernel.lastEndToEnd());
    }

    private static void load(double[] y, DMatrixRMaj[] w) {
        int k = 0;
        for (DMatrixRMaj m : w) {
            int len = m.getNumElements();
            System.arraycopy(y, k, m.data, 0, len);
            k += len;
        }
    }

    /** {@code g = L(W(t)) - threshold}; stops the integration at its root. */
    private static final class LossThreshold implements ODEEventDetector {
        private final GdKernel kernel;
        private final DMatrixRMaj[] w;
        private final double threshold;
        private final double maxCheck;
        private final boolean[] stopped;

        LossThreshold(GdKernel kernel, DMatrixRMaj[] w, double threshold, double tEnd, boolean[] stopped) {
            this.kernel = kernel;
            this.w = w;
            this.threshold = threshold;
            this.maxCheck = tEnd / 1000;
            this.stopped = stopped;
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return s -> maxCheck;
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return new BracketingNthOrderBrentSolver(1e-14, 1e-14, 1e-300, 5);
        }

        @Override
        public ODEEventHandler getHandler() {
            return (state, detector, increasing) -> {
                stopped[0] = true;
                return Action.STOP;
            };
        }

        @Override
        public double g(ODEStateAndDerivative s) {
            load(s.getPrimaryState(), w);
            return kernel.value(w) - threshold;
        }
    }

    /** Options with defaults: tolerances 1e-12 (absolute and relative), 100 uniform records, no stop threshold. */
    public static final class Builder extends RecordingBuilder<Builder> {
        private double time = Double.NaN;
        private double[] recordTimes;
        private int records = 100;
        private double absTol = 1e-12;
        private double relTol = 1e-12;

        private Builder() {
        }

        /** Integrate over {@code [0, T]}, {@code T > 0} (required unless {@link #recordAt} is given). */
        public Builder time(double t) {
            if (!(t > 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException("flow time T must be finite and > 0, got " + t);
            }
            this.time = t;
            return this;
        }

        /** Record at {@code n + 1} uniform times {@code 0, T/n, ..., T} ({@code n >= 1}, default 100). */
        public Builder records(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("records must be >= 1, got " + n);
            }
            this.records = n;
            this.recordTimes = null;
            return this;
        }

        /** Record at these times (increasing, starting at 0 or later; the last one is the end of the integration). */
        public Builder recordAt(double... times) {
            if (times == null || times.length == 0) {
                throw new IllegalArgumentException("recordAt needs at least one time");
            }
            for (int i = 0; i < times.length; i++) {
                if (!(times[i] >= 0) || !Double.isFinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
                    throw new IllegalArgumentException("record times must be finite, >= 0 and increasing, got "
                            + Arrays.toString(times));
                }
            }
            if (!(times[times.length - 1] > 0)) {
                throw new IllegalArgumentException("the last record time (the end of the integration) must be > 0");
            }
            this.recordTimes = times.clone();
            this.time = times[times.length - 1];
            return this;
        }

        /** Absolute and relative tolerances of the integrator (both finite and {@code > 0}; default 1e-12). */
        public Builder tolerances(double absolute, double relative) {
            if (!(absolute > 0) || !(relative > 0) || !Double.isFinite(absolute) || !Double.isFinite(relative)) {
                throw new IllegalArgumentException("integrator tolerances must be finite and > 0, got abs " + absolute
                        + ", rel " + relative);
            }
            this.absTol = absolute;
            this.relTol = relative;
            return this;
        }

        public GradientFlow build() {
            if (Double.isNaN(time)) {
                throw new IllegalStateException("gradient flow needs a time span: call time(T) with T > 0 or recordAt(...)");
            }
            return new GradientFlow(this);
        }
    }
}
