package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.stats.LineFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Escape time against the perturbation size (achour2024.md section 12): one {@link EscapeExperiment} per
 * {@code sigma}, and two fits of the medians:
 * <ul>
 *   <li>{@code logLogSlope}: least-squares slope of {@code log median} against {@code log sigma}; about {@code -(p-2)}
 *       at a non-strict saddle whose first descending term has order {@code p} ({@code -1} for the section-12
 *       protocol, where it is third order);</li>
 *   <li>{@code perDecade}: slope of the median against {@code log10(1/sigma)}; at a strict saddle it approaches
 *       {@code ln(10) / (eta |lambda_min(Hess)|)} ({@link #strictPerDecade}), since the unstable component grows like
 *       {@code (1 + eta |lambda_min|)^k}.</li>
 * </ul>
 *
 * @param sigma    the perturbation sizes, as given
 * @param results  one experiment per sigma
 * @param median   the median escape epochs (infinite when half or more of the runs are censored)
 */
public record EscapeScaling(double[] sigma, EscapeExperiment.Result[] results, double[] median, double logLogSlope,
                            double perDecade) {

    /**
     * Runs {@code options.apply(builder(loss, saddle)).sigma(s)} for each {@code s} in {@code sigmas} (at least two
     * distinct values; {@code options} sets runs, seed, threshold, ...).
     */
    public static EscapeScaling sweep(Loss loss, Weights saddle, double[] sigmas,
                                      UnaryOperator<EscapeExperiment.Builder> options) {
        if (sigmas == null || Arrays.stream(sigmas).distinct().count() < 2) {
            throw new IllegalArgumentException("a sigma sweep needs at least two distinct sigmas, got "
                    + Arrays.toString(sigmas));
        }
        UnaryOperator<EscapeExperiment.Builder> opt = options == null ? b -> b : options;
        EscapeExperiment.Result[] res = new EscapeExperiment.Result[sigmas.length];
        double[] med = new double[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            res[i] = opt.apply(EscapeExperiment.builder(loss, saddle)).sigma(sigmas[i]).build().run();
            med[i] = res[i].median();
        }
        double[] logSigma = Arrays.stream(sigmas).map(Math::log).toArray();
        double[] logMed = Arrays.stream(med).map(Math::log).toArray();
        double[] decades = Arrays.stream(sigmas).map(s -> -Math.log10(s)).toArray();
        return new EscapeScaling(sigmas.clone(), res, med, slope(logSigma, logMed), slope(decades, med));
    }

    /** {@code ln(10) / (eta |lambda_min(Hess L(W*))|)}: iterations per decade of sigma predicted at a strict saddle. */
    public static double strictPerDecade(Loss loss, Weights saddle, double eta) {
        if (loss == null || saddle == null) {
            throw new IllegalArgumentException("the strict-saddle escape law needs a loss and a saddle W (got null)");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate eta must be finite and > 0, got " + eta);
        }
        DenseSpectrum sp = DenseSpectrum.of(loss.hessian(saddle));
        double min = sp.min();
        if (sp.negativeCount() == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the Hessian at W has no negative eigenvalue "
                    + "(min %.3g, zero at the relative tolerance 1e-9): not a strict saddle, the log(1/sigma) law does not apply", min));
        }
        return Math.log(10) / (eta * -min);
    }

    /**
     * Least-squares slope of {@code y} against {@code x} ({@link LineFit#of}); NaN when some {@code y} is not finite
     * (a censored median has no place on the line, so the sweep has no slope).
     */
    static double slope(double[] x, double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
        }
        return LineFit.of(x, y).slope();
    }

    /** One row per sigma: {@code sigma}, {@code median}, quartiles, {@code censored}. */
    public Table toTable() {
        DoubleColumn q1 = DoubleColumn.create("q1");
        DoubleColumn q3 = DoubleColumn.create("q3");
        IntColumn cens = IntColumn.create("censored");
        for (EscapeExperiment.Result r : results) {
            q1.append(r.quartiles()[0]);
            q3.append(r.quartiles()[1]);
            cens.append(r.censored());
        }
        return Table.create(String.format(Locale.ROOT, "escape epochs vs sigma (log-log slope %.3f, %.1f iterations per "
                        + "decade)", logLogSlope, perDecade), DoubleColumn.create("sigma", sigma),
                DoubleColumn.create("median", median), q1, q3, cens);
    }
}
