package io.github.dlnkit.bench;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.dynamics.EscapeExperiment;
import io.github.dlnkit.dynamics.GdKernel;
import io.github.dlnkit.dynamics.GradientDescent;
import io.github.dlnkit.dynamics.Section12;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.model.Workers;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;
import org.ejml.data.DMatrixRMaj;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The workloads of issue 9, each read from a case file so that any tool can run the identical instance
 * ({@code scripts/bench/numpy_reference.py} does, for W1-W4):
 * <ul>
 *   <li>{@link #W1}: dense Hessian ({@link Loss#hessian}) and all its eigenvalues ({@link SymmetricEigen}) at the
 *       case's point; figure: the largest eigenvalue;</li>
 *   <li>{@link #W2}: the {@value #W2_TOP} largest and the smallest Hessian eigenvalue by {@link Lanczos} on the HVP
 *       ({@link HessianOperator}); figure: the largest eigenvalue;</li>
 *   <li>{@link #W3}: {@value #W3_RUNS} full-batch gradient-descent runs of {@value #W3_STEPS} steps with step
 *       {@value #W3_ETA} from {@code W_h ~ N(0, (}{@value #W3_INIT}{@code / sqrt(d_{h-1}))^2)} (seed {@code i} for run
 *       {@code i}), on the moments, in parallel over runs; figure: the mean final loss;</li>
 *   <li>{@link #W4}: the section-12 escape protocol ({@link EscapeExperiment}: {@value #W4_RUNS} runs from the case's
 *       saddle, {@code sigma = 1e-2}, {@code eta = 1e-2}, threshold 3); figure: the median escape epoch;</li>
 *   <li>{@link #W5}: {@link Classifier#classify} of the case's point (Theorem 7 with pivots and witness); figure: the
 *       order of the witness curve (0 when there is none).</li>
 * </ul>
 */
public enum Workload {
    W1("full spectrum: dense Hessian + all eigenvalues"),
    W2("extreme eigenvalues: top-5 and min by Lanczos on the HVP"),
    W3("many GD runs: 100 full-batch runs of 3000 steps from a small init"),
    W4("escape protocol: 100 perturbed GD runs from the case's saddle (section 12)"),
    W5("classification: Theorem 7 verdict with pivots and witness");

    public static final int W2_TOP = 5;
    public static final int W3_RUNS = 100;
    public static final int W3_STEPS = 3000;
    public static final double W3_ETA = 0.05;
    public static final double W3_INIT = 0.5;
    public static final int W4_RUNS = 100;

    private final String description;

    Workload(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code w1..w5} (any case). */
    public static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "', expected one of w1, w2, w3, w4, w5");
    }

    /** The correctness figure of one execution: a named number that any tool can compare. */
    public record Figure(String name, double value, String note) {
    }

    /** One prepared execution: everything that is not timed (parsing, set-up checks) is done. */
    public interface Task {
        Figure run();

        /** Size of the instance: number of parameters {@code n}. */
        int parameters();

        /** Floating-point operations of one run when known (W3: useful matrix-product flops), else 0. */
        default double flops() {
            return 0;
        }
    }

    /** Prepares this workload on a case (what the case must contain is checked here, with a clear message). */
    public Task prepare(CaseFile c, int threads) {
        if (c == null) {
            throw new IllegalArgumentException("workload " + key() + " needs a case file, got null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Loss loss = c.loss();
        return switch (this) {
            case W1 -> {
                Weights w = requirePoint(c);
                int n = w.architecture().parameterCount();
                DMatrixRMaj hess = loss.hessian(w); // checks the memory; then reused by every run (no fresh n x n array)
                yield task(n, 0, () -> {
                    SymmetricEigen.Result r = SymmetricEigen.solveInPlace(loss.hessian(w, hess)); // no copy
                    double[] ev = r.values();
                    return new Figure("largest Hessian eigenvalue", ev[ev.length - 1],
                            String.format(Locale.ROOT, "min %.17g, backend %s", ev[0], r.backend()));
                });
            }
            case W2 -> {
                Weights w = requirePoint(c);
                yield task(w.architecture().parameterCount(), 0, () -> {
                    HessianOperator op = HessianOperator.of(loss, w);
                    Lanczos.Result r = Lanczos.run(op, Lanczos.Options.builder().k(W2_TOP).kBottom(1)
                            .which(Lanczos.Which.BOTH).seed(1).build());
                    return new Figure("largest Hessian eigenvalue", r.max().value(), String.format(Locale.ROOT,
                            "min %.17g, %d HVPs, top-%d %s, HVP time %.4f s (%.1f GFLOP/s, %.4g flops each)",
                            r.min().value(), op.applications(), W2_TOP, java.util.Arrays.toString(r.topValues()),
                            op.applicationSeconds(), op.applications() * op.flopsPerApplication()
                                    / Math.max(op.applicationSeconds(), 1e-12) / 1e9, op.flopsPerApplication()));
                });
            }
            case W3 -> {
                Architecture arch = c.requireArchitecture();
                yield task(arch.parameterCount(), W3_RUNS * (double) W3_STEPS * GdKernel.flopsPerStep(arch),
                        () -> manyRuns(loss, arch, threads));
            }
            case W4 -> {
                Weights saddle = requirePoint(c);
                EscapeExperiment e = EscapeExperiment.builder(loss, saddle).runs(W4_RUNS).sigma(1e-2)
                        .learningRate(Section12.ETA).threshold(Section12.THRESHOLD).threads(threads).seed(1).build();
                yield task(saddle.architecture().parameterCount(), 0, () -> {
                    EscapeExperiment.Result r = e.run();
                    return new Figure("median escape epoch", r.median(), r.saddleClass() + ", " + r.censored()
                            + " censored of " + r.runs());
                });
            }
            case W5 -> {
                Weights w = requirePoint(c);
                yield task(w.architecture().parameterCount(), 0, () -> {
                    Classification k = Classifier.classify(c.data(), w);
                    return new Figure("witness order", k.witness().map(x -> (double) x.order()).orElse(0.0),
                            k.pointClass() + ", S = " + java.util.Arrays.toString(k.S()) + ", "
                                    + k.pivots().size() + " pivots");
                });
            }
        };
    }

    private Weights requirePoint(CaseFile c) {
        if (c.point() == null) {
            throw new IllegalArgumentException("workload " + key() + " needs a point: the case file has no \"W\" (write "
                    + "the bench cases with 'dlnkit bench cases')");
        }
        return c.point();
    }

    private static Task task(int n, double flops, java.util.function.Supplier<Figure> body) {
        return new Task() {
            @Override
            public Figure run() {
                return body.get();
            }

            @Override
            public int parameters() {
                return n;
            }

            @Override
            public double flops() {
                return flops;
            }
        };
    }

    /** W3: {@value #W3_RUNS} seeded GD runs in parallel (run {@code i} starts from seed {@code i}; thread-count independent). */
    static Figure manyRuns(Loss loss, Architecture arch, int threads) {
        GradientDescent gd = GradientDescent.builder().learningRate(W3_ETA).steps(W3_STEPS).recordEvery(0)
                .singularValues(false).build();
        double[] finals = new double[W3_RUNS];
        Workers.forEach(threads, W3_RUNS, () -> new GdKernel(loss, arch),
                (kernel, run) -> finals[run] = gd.run(initW3(arch, run), kernel).finalLoss());
        double mean = 0;
        double max = 0;
        for (double v : finals) {
            mean += v / finals.length;
            max = Math.max(max, v);
        }
        return new Figure("mean final loss", mean, String.format(Locale.ROOT, "max %.6g over %d runs", max, W3_RUNS));
    }

    /** W3 start of run {@code i}: {@code W_h ~ N(0, (W3_INIT / sqrt(d_{h-1}))^2)} entrywise from {@code SplittableRandom(i)}. */
    static Weights initW3(Architecture arch, int run) {
        SplittableRandom rng = new SplittableRandom(run);
        DMatrixRMaj[] m = new DMatrixRMaj[arch.depth()];
        for (int h = 1; h <= arch.depth(); h++) {
            m[h - 1] = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
            double s = W3_INIT / Math.sqrt(arch.width(h - 1));
            for (int k = 0; k < m[h - 1].data.length; k++) {
                m[h - 1].data[k] = s * gaussian(rng);
            }
        }
        return Weights.of(m);
    }

    private static double gaussian(SplittableRandom rng) { // Box-Muller (SplittableRandom has no nextGaussian on Java 17)
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }


}
