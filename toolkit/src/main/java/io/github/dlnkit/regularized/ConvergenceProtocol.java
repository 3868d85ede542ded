package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The GD experiment of theory {@code regularized.md}, section 5 [PROP]: whitened {@code X} ({@code d_0 x N} with
 * orthonormal rows), Gaussian {@code Z}, {@code Y = Z X}; depths {@code L}, hidden width, {@code lambda}; Gaussian
 * initialisation with standard deviation {@code 1/sqrt(d_{l-1})} (or {@code 1.3 I + 0.05 N(0,1)}); constant step.
 * Generic {@code lambda}: {@code log ||grad||} is a straight line (linear rate); {@code lambda = g_max(z_min)}
 * ({@code L >= 3}) or {@code lambda = z_min} ({@code L = 2}): sublinear decay, about {@code k^{-2}} for the gradient.
 */
public final class ConvergenceProtocol {
    private ConvergenceProtocol() {
    }

    /** Layer {@code l} with i.i.d. {@code N(0, 1/d_{l-1})} entries, seeded. */
    public static Weights gaussianInit(Architecture a, long seed) {
        Random rng = new Random(seed);
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= a.depth(); l++) {
            layers.add(RandomMatrices.gaussian(a.width(l), a.width(l - 1), 1 / Math.sqrt(a.width(l - 1)), rng));
        }
        return Weights.of(a, layers);
    }

    /** {@code diag * I + noise * N(0,1)} per layer ({@code I} rectangular when the layer is not square), seeded. */
    public static Weights nearIdentityInit(Architecture a, double diag, double noise, long seed) {
        Checks.finite("diag", diag);
        Checks.nonNegative("noise", noise);
        Random rng = new Random(seed);
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= a.depth(); l++) {
            DMatrixRMaj m = RandomMatrices.gaussian(a.width(l), a.width(l - 1), noise, rng);
            for (int i = 0; i < Math.min(m.numRows, m.numCols); i++) {
                m.add(i, i, diag);
            }
            layers.add(m);
        }
        return Weights.of(a, layers);
    }

    /**
     * The degenerate common {@code lambda} for the smallest singular value: {@code g_max(z_min)} ({@code L >= 3},
     * double root) or {@code z_min} ({@code L = 2}).
     */
    public static double degenerateLambda(RegularizedProblem p) {
        double[] z = p.svd().z();
        return ScalarEquation.gMax(p.depth(), z[z.length - 1]);
    }

    /**
     * One run of the protocol.
     *
     * @param depth        {@code L}
     * @param lambda       common weight decay
     * @param degenerate   {@code lambda} is the degenerate value
     * @param trace        the GD log
     * @param linear       linear-rate fit of {@code log ||grad||} on the tail
     * @param power        power-law fit of {@code log ||grad||} against {@code log k} on the resolved tail
     * @param maxRatio     largest {@code ||W_k - W_K|| / ||grad F(W_k)||} over {@code k <= K/2}
     */
    public record Run(int depth, double lambda, boolean degenerate, RegularizedGd.Trace trace, RegularizedGd.Fit linear,
                      RegularizedGd.Fit power, double maxRatio) {
    }

    /** Initialisation of the protocol runs. */
    public enum Init {
        /** {@link #gaussianInit}: std {@code 1/sqrt(d_{l-1})}. */
        GAUSSIAN,
        /** {@link #nearIdentityInit} with {@code 1.3 I + 0.05 N(0,1)}. */
        NEAR_IDENTITY
    }

    /** {@link #sweep(int, int, int, int[], double[], double, int, long, Init, Consumer)} with Gaussian starts. */
    public static List<Run> sweep(int d, int n, int hidden, int[] depths, double[] lambdas, double eta, int steps,
                                  long seed, Progress progress) {
        return sweep(d, n, hidden, depths, lambdas, eta, steps, seed, Init.GAUSSIAN, progress);
    }

    /**
     * Runs the protocol: data {@code d x d} with {@code N} samples (seeded), hidden width {@code hidden}, for every
     * depth and {@code lambda} plus, per depth, the degenerate {@code lambda}; the same start per depth.
     */
    public static List<Run> sweep(int d, int n, int hidden, int[] depths, double[] lambdas, double eta, int steps,
                                  long seed, Init init, Progress progress) {
        Dataset data = Datasets.whitened(d, d, n, seed);
        List<Run> out = new ArrayList<>();
        for (int depth : depths) {
            Architecture a = Architecture.uniform(d, hidden, d, depth);
            Weights w0 = init == Init.GAUSSIAN ? gaussianInit(a, seed + depth) : nearIdentityInit(a, 1.3, 0.05, seed + depth);
            List<Double> ls = new ArrayList<>();
            for (double l : lambdas) {
                ls.add(l);
            }
            double deg = degenerateLambda(RegularizedProblem.of(data, a, 1.0));
            ls.add(deg);
            for (double lambda : ls) {
                RegularizedProblem p = RegularizedProblem.of(data, a, lambda);
                if (progress != null) {
                    progress.note(String.format(java.util.Locale.ROOT, "protocol L = %d, lambda = %.6g%s", depth, lambda,
                            lambda == deg ? " (degenerate)" : ""));
                }
                out.add(analyse(p, w0, eta, steps, lambda == deg));
            }
        }
        return out;
    }

    /** GD from {@code w0} and the fits of one run. */
    public static Run analyse(RegularizedProblem p, Weights w0, double eta, int steps, boolean degenerate) {
        RegularizedGd.Trace t = RegularizedGd.run(p, w0, RegularizedGd.Options.of(eta, steps));
        RegularizedGd.Fit lin = t.linearRate(RegularizedGd.Series.GRADIENT_NORM);
        RegularizedGd.Fit pow = t.powerLawOnTail(RegularizedGd.Series.GRADIENT_NORM);
        return new Run(p.depth(), p.lambda(1), degenerate, t, lin, pow, t.maxRatio(0, steps / 2));
    }

    /**
     * Columns {@code L}, {@code lambda}, {@code degenerate}, {@code final |grad|}, {@code linear rate} (per step, tail
     * fit), {@code linear r2}, {@code power exponent} (of {@code ||grad||} vs {@code k} on the resolved tail),
     * {@code power r2}, {@code max ratio}.
     */
    public static Table toTable(List<Run> runs) {
        IntColumn l = IntColumn.create("L");
        DoubleColumn lam = DoubleColumn.create("lambda");
        BooleanColumn deg = BooleanColumn.create("degenerate");
        DoubleColumn fg = DoubleColumn.create("final |grad|");
        DoubleColumn rate = DoubleColumn.create("linear rate");
        DoubleColumn r2 = DoubleColumn.create("linear r2");
        DoubleColumn pe = DoubleColumn.create("power exponent");
        DoubleColumn pr2 = DoubleColumn.create("power r2");
        DoubleColumn mr = DoubleColumn.create("max ratio");
        for (Run r : runs) {
            l.append(r.depth());
            lam.append(r.lambda());
            deg.append(r.degenerate());
            double[] g = r.trace().gradientNorm();
            fg.append(g[g.length - 1]);
            rate.append(r.linear().rate());
            r2.append(r.linear().r2());
            pe.append(r.power().slope());
            pr2.append(r.power().r2());
            mr.append(r.maxRatio());
        }
        return Table.create("GD convergence (regularized.md section 5)", l, lam, deg, fg, rate, r2, pe, pr2, mr);
    }
}
