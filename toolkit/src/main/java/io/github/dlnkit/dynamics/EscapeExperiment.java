package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.model.Workers;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The escape experiment of Achour et al. (Figures 3 and 4; protocol in achour2024.md section 12): from a critical
 * saddle {@code W*}, run {@code i} starts at {@code W_0 = W* + sigma N(0,1)} (entrywise) and runs plain gradient descent
 * with step {@code eta}; its <em>escape epoch</em> is the first iteration {@code k} with {@code L(W_k) < threshold}, or
 * censored when that does not happen within {@code maxEpochs}.
 *
 * <p>Default threshold: the midpoint between the saddle's value and the next lower critical value
 * ({@link CriticalValues#nextBelow}). For the section-12 protocol (value 5, next value 4, that of {@code S = {1,3}})
 * that is 4.5; the section's reference table uses 3, the midpoint between 5 and the value 1 that gradient descent
 * actually reaches next ({@code S = {1,2}}): pass {@code threshold(3)} to compare with it.
 *
 * <p>Runs execute in parallel on {@code threads} threads (default: all cores) and are <b>deterministic</b>: run
 * {@code i} draws its perturbation from its own seed, the {@code i}-th value of a {@link SplittableRandom} seeded with
 * {@code seed} (drawn in order before any run starts), so the result is identical for any thread count.
 *
 * <pre>
 *   EscapeExperiment.Result r = EscapeExperiment.builder(loss, saddle).sigma(1e-2).runs(100).threshold(3).build().run();
 *   r.median(); r.quartiles(); r.censored(); r.toTable();   EscapeExperiment.trajectory(...) replays one run
 * </pre>
 */
public final class EscapeExperiment {
    private final Loss loss;
    private final Weights saddle;
    private final PointClass saddleClass;
    private final double saddleValue;
    private final double sigma;
    private final int runs;
    private final long maxEpochs;
    private final double learningRate;
    private final double threshold;
    private final long seed;
    private final int threads;
    private final Progress progress;

    private EscapeExperiment(Builder b, PointClass cls, double saddleValue, double threshold) {
        this.loss = b.loss;
        this.saddle = b.saddle;
        this.saddleClass = cls;
        this.saddleValue = saddleValue;
        this.sigma = b.sigma;
        this.runs = b.runs;
        this.maxEpochs = b.maxEpochs;
        this.learningRate = b.learningRate;
        this.threshold = threshold;
        this.seed = b.seed;
        this.threads = b.threads;
        this.progress = b.progress;
    }

    /** Default perturbation size sigma of the start {@code W + sigma N(0, 1)}. */
    public static final double DEFAULT_SIGMA = 1e-2;
    /** Default number of runs. */
    public static final int DEFAULT_RUNS = 100;
    /** Default censoring limit per run, in epochs. */
    public static final long DEFAULT_MAX_EPOCHS = 20_000;
    /** Default gradient-descent step. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** An experiment around {@code saddle} (checked when built: it must be a critical saddle of {@code loss}). */
    public static Builder builder(Loss loss, Weights saddle) {
        return new Builder(loss, saddle);
    }

    public double threshold() {
        return threshold;
    }

    public PointClass saddleClass() {
        return saddleClass;
    }

    /** The per-run seeds: the first {@code runs} values of {@code new SplittableRandom(seed).nextLong()}. */
    public long[] runSeeds() {
        SplittableRandom root = new SplittableRandom(seed);
        long[] s = new long[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = root.nextLong();
        }
        return s;
    }

    /** The start of run {@code i}: {@code W* + sigma N(0,1)}, Gaussian entries from {@link Weights#gaussian} with the run's seed. */
    public Weights start(int run) {
        if (run < 0 || run >= runs) {
            throw new IllegalArgumentException("run index " + run + " out of range 0.." + (runs - 1));
        }
        return startFrom(runSeeds()[run]);
    }

    /** {@code W* + sigma N(0,1)} with the Gaussian entries of {@code runSeed}. */
    private Weights startFrom(long runSeed) {
        return saddle.plus(Weights.gaussian(saddle.architecture(), 1.0, runSeed), sigma);
    }

    /** Replays run {@code i} recording every {@code recordEvery}-th iterate (e.g. for the loss curves of Figure 3). */
    public Trajectory trajectory(int run, long recordEvery) {
        return descent(recordEvery).run(loss, start(run));
    }

    private GradientDescent descent(long recordEvery) {
        return GradientDescent.builder().learningRate(learningRate).steps(maxEpochs).stopBelow(threshold)
                .recordEvery(recordEvery).singularValues(recordEvery > 0).build();
    }

    /** Runs the experiment. */
    public Result run() {
        long[] seeds = runSeeds();
        int[] epoch = new int[runs];
        double[] finalLoss = new double[runs];
        GradientDescent gd = descent(0);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        // each thread takes runs in turn with one kernel (buffers) of its own; run i's result depends only on its
        // seed, so the outcome does not depend on the number of threads or the order
        Workers.forEach(threads, runs, () -> new GdKernel(loss, saddle.architecture()), (kernel, run) -> {
            Trajectory t1;
            try {
                t1 = gd.run(startFrom(seeds[run]), kernel);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("escape run " + run + ": " + e.getMessage(), e);
            }
            boolean escaped = t1.stopReason() == Trajectory.StopReason.BELOW_THRESHOLD;
            epoch[run] = escaped ? (int) t1.finalTime() : -1;
            finalLoss[run] = t1.finalLoss();
            progress.update(done.incrementAndGet(), runs);
        });
        return new Result(saddleClass, saddleValue, threshold, sigma, learningRate, maxEpochs, seed, seeds, epoch,
                finalLoss, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Outcome of an escape experiment.
     *
     * @param escapeEpoch per run, the first {@code k} with {@code L(W_k) < threshold}, or -1 when censored
     * @param finalLoss   per run, the loss where it stopped
     * @param seconds     wall time of the runs
     */
    public record Result(PointClass saddleClass, double saddleValue, double threshold, double sigma, double learningRate,
                         long maxEpochs, long seed, long[] runSeeds, int[] escapeEpoch, double[] finalLoss,
                         double seconds) {

        public int runs() {
            return escapeEpoch.length;
        }

        /** Runs that did not go below the threshold within {@code maxEpochs}. */
        public int censored() {
            return (int) Arrays.stream(escapeEpoch).filter(e -> e < 0).count();
        }

        /**
         * Quantile {@code q} of the escape epochs (linear interpolation between order statistics, as R's type 7),
         * censored runs counted as {@code +infinity}: the value is exact as long as it does not involve a censored run,
         * and {@code +infinity} otherwise.
         */
        public double quantile(double q) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("quantile q must be in [0, 1], got " + q);
            }
            double[] s = Arrays.stream(escapeEpoch).mapToDouble(e -> e < 0 ? Double.POSITIVE_INFINITY : e).sorted().toArray();
            double pos = q * (s.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = (int) Math.ceil(pos);
            if (lo == hi) {
                return s[lo];
            }
            return s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }

        public double median() {
            return quantile(0.5);
        }

        /** First and third quartiles. */
        public double[] quartiles() {
            return new double[]{quantile(0.25), quantile(0.75)};
        }

        /** Smallest escape epoch (empty when all runs are censored). */
        public OptionalDouble min() {
            return Arrays.stream(escapeEpoch).filter(e -> e >= 0).mapToDouble(e -> e).min();
        }

        /** Largest escape epoch among escaped runs (empty when all runs are censored). */
        public OptionalDouble max() {
            return Arrays.stream(escapeEpoch).filter(e -> e >= 0).mapToDouble(e -> e).max();
        }

        /** One row per run: {@code run}, {@code seed}, {@code escapeEpoch} (missing when censored), {@code censored}, {@code finalLoss}. */
        public tech.tablesaw.api.Table toTable() {
            tech.tablesaw.api.IntColumn run = tech.tablesaw.api.IntColumn.create("run");
            tech.tablesaw.api.LongColumn seedCol = tech.tablesaw.api.LongColumn.create("seed", runSeeds);
            tech.tablesaw.api.IntColumn ep = tech.tablesaw.api.IntColumn.create("escapeEpoch");
            tech.tablesaw.api.BooleanColumn cens = tech.tablesaw.api.BooleanColumn.create("censored");
            for (int i = 0; i < escapeEpoch.length; i++) {
                run.append(i);
                if (escapeEpoch[i] < 0) {
                    ep.appendMissing();
                } else {
                    ep.append(escapeEpoch[i]);
                }
                cens.append(escapeEpoch[i] < 0);
            }
            return tech.tablesaw.api.Table.create(String.format(Locale.ROOT, "escape from a %s (L = %.6g), sigma = %.3g, "
                            + "eta = %.3g, threshold %.6g", saddleClass, saddleValue, sigma, learningRate, threshold),
                    run, seedCol, ep, cens, tech.tablesaw.api.DoubleColumn.create("finalLoss", finalLoss));
        }

        /** {@code median m [q1, q3], min .. max, censored c / n}. */
        public String summary() {
            double[] q = quartiles();
            return String.format(Locale.ROOT, "median %s [quartiles %s, %s], range %s .. %s, censored %d / %d (> %d epochs)",
                    fmt(median()), fmt(q[0]), fmt(q[1]), min().isPresent() ? fmt(min().getAsDouble()) : "-",
                    max().isPresent() ? fmt(max().getAsDouble()) : "-", censored(), runs(), maxEpochs);
        }

        private static String fmt(double v) {
            return Double.isInfinite(v) ? "censored" : (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "escape from a %s (L = %.6g), sigma = %.3g, eta = %.3g, threshold %.6g, %d runs "
                    + "in %.2f s: %s", saddleClass, saddleValue, sigma, learningRate, threshold, runs(), seconds, summary());
        }
    }

    /** Options with defaults: sigma 1e-2, 100 runs, 20000 epochs, eta 1e-2, midpoint threshold, seed 1, all cores. */
    public static final class Builder {
        private final Loss loss;
        private final Weights saddle;
        private double sigma = DEFAULT_SIGMA;
        private int runs = DEFAULT_RUNS;
        private long maxEpochs = DEFAULT_MAX_EPOCHS;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double threshold = Double.NaN;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Progress progress = Progress.NONE;

        private Builder(Loss loss, Weights saddle) {
            if (loss == null || saddle == null) {
                throw new IllegalArgumentException("an escape experiment needs a loss and a saddle point W (got null)");
            }
            this.loss = loss;
            this.saddle = saddle;
        }

        /** Perturbation size {@code sigma > 0} (default 1e-2). */
        public Builder sigma(double s) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("sigma must be finite and > 0, got " + s);
            }
            this.sigma = s;
            return this;
        }

        /** Number of runs {@code >= 1} (default 100). */
        public Builder runs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("runs must be >= 1, got " + n);
            }
            this.runs = n;
            return this;
        }

        /** Iterations per run before it counts as censored ({@code >= 1}, default 20000). */
        public Builder maxEpochs(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxEpochs must be >= 1, got " + n);
            }
            this.maxEpochs = n;
            return this;
        }

        /** Gradient-descent step {@code eta > 0} (default 1e-2). */
        public Builder learningRate(double eta) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("learning rate eta must be finite and > 0, got " + eta);
            }
            this.learningRate = eta;
            return this;
        }

        /** Escape threshold, below the saddle's value (default: midpoint to the next lower critical value). */
        public Builder threshold(double t) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("threshold must be finite, got " + t);
            }
            this.threshold = t;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Worker threads {@code >= 1} (default: all cores); the result does not depend on it. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /** Progress callback {@code (runs done, runs)}, called from the worker threads. */
        public Builder progress(Progress p) {
            this.progress = p == null ? Progress.NONE : p;
            return this;
        }

        /** Checks that the point is a critical saddle (Theorem 7 classifier) and fixes the threshold. */
        public EscapeExperiment build() {
            if (loss.hasWeightDecay()) {
                throw new IllegalArgumentException("escape experiments start at a saddle of the unregularized loss "
                        + "||W_H...W_1 X - Y||^2 (Theorem 7); this loss has weight decay");
            }
            Classification c = Classifier.classify(loss.data(), saddle);
            double value = loss.value(saddle);
            if (c.pointClass() == PointClass.NOT_CRITICAL) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the start point W is not a critical point "
                        + "(||grad L|| = %.3g, L = %.6g): an escape experiment starts at a saddle (strict or non-strict); %s",
                        loss.gradient(saddle).norm(), value, c.reason()));
            }
            if (c.pointClass() == PointClass.GLOBAL_MIN) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the start point W is a global minimizer "
                        + "(L = %.6g, S = %s): there is nothing to escape to; give a strict or non-strict saddle",
                        value, Arrays.toString(c.S())));
            }
            double f = loss.convention().factor();
            double t = threshold;
            if (Double.isNaN(t)) {
                OptionalDouble next = CriticalValues.nextBelow(loss.data(), saddle.architecture(), value / f);
                if (next.isEmpty()) {
                    throw new IllegalStateException("no critical value below the saddle's value " + value
                            + ": pass an explicit threshold");
                }
                t = (value + f * next.getAsDouble()) / 2;
            } else if (t >= value) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "threshold %.6g must be below the saddle's "
                        + "value L = %.6g", t, value));
            }
            return new EscapeExperiment(this, c.pointClass(), value, t);
        }
    }
}
