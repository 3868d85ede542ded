package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.stats.LineFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient descent with constant step on the regularized loss, {@code W_{k+1} = W_k - eta grad F(W_k)}, logging the
 * quantities of theory {@code regularized.md}, section 4-5: {@code F(W_k)}, {@code ||grad F(W_k)||_F},
 * {@code ||W_k - W_K||_F} (distance to the final iterate), the balancedness residual, and the error-bound ratio
 * {@code ||W_k - W_K|| / ||grad F(W_k)||}. A linear rate shows as a straight line of {@code log ||grad||} against
 * {@code k} ({@link Trace#linearRate}); the degenerate {@code lambda} gives a power law ({@link Trace#powerLaw}).
 * Works for any data (no whitening needed): the numerical route when no closed form exists.
 */
public final class RegularizedGd {
    private RegularizedGd() {
    }

    /**
     * GD options.
     *
     * @param eta           step size {@code > 0}
     * @param steps         iterations {@code K >= 1}
     * @param logEvery      record every this many steps (step 0 and {@code K} always)
     * @param progress      receives a progress line every {@code progressEvery} steps (may be {@code null})
     * @param progressEvery steps between progress lines
     */
    public record Options(double eta, int steps, int logEvery, Progress progress, int progressEvery) {
        public Options {
            Checks.positive("step size eta", eta);
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (logEvery < 1) {
                throw new IllegalArgumentException("logEvery must be >= 1, got " + logEvery);
            }
            if (progressEvery < 1) {
                throw new IllegalArgumentException("progressEvery must be >= 1, got " + progressEvery);
            }
        }

        /** {@code eta}, {@code steps}, logging about 2,000 rows, no progress output ({@code builder(eta, steps).build()}). */
        public static Options of(double eta, int steps) {
            return builder(eta, steps).build();
        }

        /** A builder for step size {@code eta} and {@code steps} iterations. */
        public static Builder builder(double eta, int steps) {
            return new Builder(eta, steps);
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            return new Builder(eta, steps).logEvery(logEvery).progress(progress, progressEvery);
        }

        /** Fluent builder of {@link Options}; values are checked by {@link #build()}. */
        public static final class Builder {
            private final double eta;
            private final int steps;
            private int logEvery;
            private Progress progress;
            private int progressEvery;

            private Builder(double eta, int steps) {
                this.eta = eta;
                this.steps = steps;
                this.logEvery = Math.max(1, steps / 2000);
                this.progressEvery = Math.max(1, steps / 10);
            }

            /** Record every {@code n} steps (step 0 and the last are always recorded). */
            public Builder logEvery(int n) {
                logEvery = n;
                return this;
            }

            /** A progress note every {@code every} steps ({@code p} may be null). */
            public Builder progress(Progress p, int every) {
                progress = p;
                progressEvery = every;
                return this;
            }

            public Options build() {
                return new Options(eta, steps, logEvery, progress, progressEvery);
            }
        }
    }

    /**
     * Which logged sequence to fit.
     */
    public enum Series { GRADIENT_NORM, DISTANCE_TO_FINAL, VALUE_GAP }

    /**
     * A least-squares fit of {@code log y = a + slope * x} ({@code x = k} for a linear rate, {@code x = log k} for a
     * power law).
     *
     * @param series   the fitted sequence
     * @param slope    slope of {@code log y} (natural log)
     * @param r2       coefficient of determination
     * @param fromStep first step used
     * @param toStep   last step used
     * @param points   number of rows used
     */
    public record Fit(Series series, double slope, double r2, int fromStep, int toStep, int points) {
        /** {@code exp(slope)}: the contraction factor per step of a linear fit. */
        public double rate() {
            return Math.exp(slope);
        }
    }

    /**
     * The logged run.
     *
     * @param step            logged iteration numbers
     * @param value           {@code F(W_k)}
     * @param gradientNorm    {@code ||grad F(W_k)||_F}
     * @param distanceToFinal {@code ||W_k - W_K||_F}
     * @param balancedness    {@code max_l ||lambda_{l+1} W_{l+1}^T W_{l+1} - lambda_l W_l W_l^T||_F}
     * @param last            the final iterate {@code W_K}
     * @param eta             the step size
     */
    public record Trace(int[] step, double[] value, double[] gradientNorm, double[] distanceToFinal,
                        double[] balancedness, Weights last, double eta) {

        /** Number of logged rows. */
        public int size() {
            return step.length;
        }

        /** {@code ||W_k - W_K|| / ||grad F(W_k)||} per row (NaN where the gradient is 0). */
        public double[] ratio() {
            double[] r = new double[step.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = gradientNorm[i] > 0 ? distanceToFinal[i] / gradientNorm[i] : Double.NaN;
            }
            return r;
        }

        /** The largest ratio over rows with {@code k <= toStep} and a gradient above the noise floor. */
        public double maxRatio(int fromStep, int toStep) {
            double floor = floor();
            double[] r = ratio();
            double m = 0;
            for (int i = 0; i < r.length; i++) {
                if (step[i] >= fromStep && step[i] <= toStep && gradientNorm[i] > floor && !Double.isNaN(r[i])) {
                    m = Math.max(m, r[i]);
                }
            }
            return m;
        }

        /** Gradient norms below this are rounding noise: {@code 1e-12 * max(1, ||grad F(W_0)||)}. */
        public double floor() {
            return 1e-12 * Math.max(1, gradientNorm[0]);
        }

        private double[] series(Series s) {
            return switch (s) {
                case GRADIENT_NORM -> gradientNorm;
                case DISTANCE_TO_FINAL -> distanceToFinal;
                case VALUE_GAP -> {
                    double[] g = new double[value.length];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = value[i] - value[value.length - 1];
                    }
                    yield g;
                }
            };
        }

        /** The last logged step whose gradient norm is above {@link #floor()}. */
        public int lastResolvedStep() {
            double f = floor();
            int last = 0;
            for (int i = 0; i < step.length; i++) {
                if (gradientNorm[i] > f) {
                    last = step[i];
                }
            }
            return last;
        }

        /**
         * Linear-rate fit of {@code log y} against {@code k} on the tail: the second half of the steps where the
         * gradient is above the noise floor (for {@link Series#DISTANCE_TO_FINAL} and {@link Series#VALUE_GAP} the rows
         * near {@code K} are dropped too, where the reference {@code W_K} dominates).
         */
        public Fit linearRate(Series s) {
            int end = lastResolvedStep();
            if (s != Series.GRADIENT_NORM) {
                end = Math.min(end, (int) (0.8 * step[step.length - 1]));
            }
            return fit(s, end / 2, end, false);
        }

        /**
         * Power-law fit of {@code log y} against {@code log k} on {@code [e/10, e]}, {@code e} the last step with the
         * gradient above the noise floor: the {@code k^{-2}} decay at a degenerate {@code lambda}.
         */
        public Fit powerLawOnTail(Series s) {
            int end = lastResolvedStep();
            return powerLaw(s, Math.max(1, end / 10), end);
        }

        /** Power-law fit of {@code log y} against {@code log k} on {@code [fromStep, toStep]} (rows with {@code k >= 1}). */
        public Fit powerLaw(Series s, int fromStep, int toStep) {
            return fit(s, Math.max(1, fromStep), toStep, true);
        }

        /** Least-squares fit of {@code log y} on {@code k} (or {@code log k}) over rows in {@code [from, to]} with {@code y > 0}. */
        public Fit fit(Series s, int from, int to, boolean logX) {
            double[] y = series(s);
            double[] ks = new double[step.length];
            double[] ys = new double[step.length];
            int m = 0;
            for (int i = 0; i < step.length; i++) {
                if (step[i] >= from && step[i] <= to && !(logX && step[i] < 1)) {
                    ks[m] = step[i];
                    ys[m++] = y[i];
                }
            }
            double[] kk = Arrays.copyOf(ks, m);
            double[] yy = Arrays.copyOf(ys, m);
            LineFit f = logX ? LineFit.logLog(kk, yy) : LineFit.logLinear(kk, yy);
            if (f.points() < 3) {
                throw new IllegalStateException("too few logged rows (" + f.points() + ") with " + s + " > 0 in steps ["
                        + from + ", " + to + "] to fit a rate; run more steps or log more often");
            }
            return new Fit(s, f.slope(), f.r2(), from, to, f.points());
        }

        /** Columns {@code k}, {@code F}, {@code |grad F|}, {@code F - F_K}, {@code |W_k - W_K|}, {@code ratio}, {@code balancedness}. */
        public Table toTable() {
            double[] gap = series(Series.VALUE_GAP);
            return Table.create("gradient descent, eta = " + eta, IntColumn.create("k", step),
                    DoubleColumn.create("F", value), DoubleColumn.create("|grad F|", gradientNorm),
                    DoubleColumn.create("F - F_K", gap), DoubleColumn.create("|W_k - W_K|", distanceToFinal),
                    DoubleColumn.create("ratio", ratio()), DoubleColumn.create("balancedness", balancedness));
        }
    }

    /** One step {@code W - eta grad F(W)}. */
    public static Weights step(Loss loss, Weights w, double eta) {
        return w.plus(loss.gradient(w), -eta);
    }

    /**
     * Runs GD from {@code w0}. Throws {@link IllegalStateException} when the iterates blow up (step too large).
     */
    public static Trace run(RegularizedProblem problem, Weights w0, Options o) {
        if (w0 == null || !w0.architecture().equals(problem.widths())) {
            throw new IllegalArgumentException("initial point has widths " + (w0 == null ? "null" : w0.architecture())
                    + ", expected " + problem.widths());
        }
        Loss loss = problem.loss();
        double[] lambdas = problem.lambdas();
        List<Integer> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> grads = new ArrayList<>();
        List<Double> bals = new ArrayList<>();
        List<double[]> iterates = new ArrayList<>();
        Weights w = w0;
        for (int k = 0; k <= o.steps(); k++) {
            Weights g = loss.gradient(w);
            if (k % o.logEvery() == 0 || k == o.steps()) {
                double v = loss.value(w);
                double gn = g.norm();
                if (!Double.isFinite(v) || !Double.isFinite(gn)) {
                    throw new IllegalStateException("gradient descent diverged at step " + k + " (F = " + v + ", |grad| = "
                            + gn + "); reduce the step size eta = " + o.eta());
                }
                steps.add(k);
                values.add(v);
                grads.add(gn);
                bals.add(Balancedness.residual(w, lambdas));
                iterates.add(w.toVector());
            }
            if (o.progress() != null && k > 0 && k % o.progressEvery() == 0) {
                o.progress().note(String.format(java.util.Locale.ROOT, "gd step %d/%d  F = %.12g  |grad| = %.3e", k,
                        o.steps(), values.get(values.size() - 1), grads.get(grads.size() - 1)));
            }
            if (k < o.steps()) {
                w = w.plus(g, -o.eta());
            }
        }
        double[] fin = iterates.get(iterates.size() - 1);
        int n = steps.size();
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] x = iterates.get(i);
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - fin[j];
                s += d * d;
            }
            dist[i] = Math.sqrt(s);
        }
        return new Trace(steps.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray(),
                grads.stream().mapToDouble(Double::doubleValue).toArray(), dist,
                bals.stream().mapToDouble(Double::doubleValue).toArray(), w, o.eta());
    }
}
