package io.github.dlnkit.plot;

import io.github.dlnkit.critical.CriticalValue;
import io.github.dlnkit.slice.Slice1D;
import io.github.dlnkit.slice.Slice2D;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.SpectralDensity;
import io.github.dlnkit.stats.LineFit;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every dlnkit chart, one static call each with sensible defaults ({@link ChartOptions} to change title, labels,
 * log axes, opacity, bins, size), all in one {@link ChartStyle} and with the axis rules of one place: a log axis only
 * when the values span more than a decade, labelled ticks on every axis that never overlap, one number format per
 * axis, the legend where it covers no data. Inputs are plain arrays and toolkit records; the work is done per chart
 * family ({@code LossCharts}, {@code SpectrumCharts}, {@code SliceCharts}, {@code CriticalValueCharts},
 * {@code TrajectoryCharts}). Render with {@link ChartImages} (inline image, PNG, SVG); all charts work headless.
 */
public final class Charts {
    /** Longest series drawn as is; longer ones are thinned (log-spaced on a log x axis) before plotting. */
    public static final int MAX_POINTS = 2000;

    private Charts() {
    }

    // ---------------------------------------------------------------- loss curves (Fig. 3), escape epochs (Fig. 4)

    /** {@link #lossCurves(List, List, ChartOptions)} with defaults. */
    public static XYChart lossCurves(List<double[]> curves, List<String> groups) {
        return lossCurves(curves, groups, ChartOptions.defaults());
    }

    /**
     * Loss curves of many runs overlaid, like Fig. 3 of Achour et al. (2024): {@code curves.get(r)[k]} is the loss of
     * run {@code r} after {@code k} steps; runs of one group share a colour ({@link ChartStyle#forGroup}: red for
     * "strict", blue for "non-strict") and one legend entry. Defaults: log y when the values span more than a decade,
     * log x when there are more than 10 steps (step 0 is then dropped), opacity 0.45, labels "iteration" / "loss".
     */
    public static XYChart lossCurves(List<double[]> curves, List<String> groups, ChartOptions o) {
        return LossCharts.lossCurves(curves, groups, o);
    }

    /** The escape epochs of one group ({@link #escapeHistogram(int[], String, ChartOptions)} with defaults). */
    public static XYChart escapeHistogram(int[] epochs, String name) {
        return escapeHistogram(epochs, name, ChartOptions.defaults());
    }

    /**
     * Histogram of the escape epochs of one group of runs, one series on one y axis. Epochs {@code < 0} mean "did not
     * escape" (censored) and are counted in the legend, not binned. Defaults: log-spaced bins on a log x axis when the
     * epochs span more than a decade, {@code 2 sqrt(runs)} bins (8 to 40).
     */
    public static XYChart escapeHistogram(int[] epochs, String name, ChartOptions o) {
        return LossCharts.escapeHistogram(epochs, name, null, null, o);
    }

    /**
     * Histograms of escape epochs for two groups with <b>two y axes</b> (left for the first group, right for the
     * second), like Fig. 4 of Achour et al. (2024): one group escapes in tens of steps and the other in thousands, so
     * their counts live on different scales. Otherwise as {@link #escapeHistogram(int[], String, ChartOptions)}.
     */
    public static XYChart escapeHistogram(int[] left, String leftName, int[] right, String rightName) {
        return escapeHistogram(left, leftName, right, rightName, ChartOptions.defaults());
    }

    /** As {@link #escapeHistogram(int[], String, int[], String)} with options. */
    public static XYChart escapeHistogram(int[] left, String leftName, int[] right, String rightName, ChartOptions o) {
        if (left == null || right == null) {
            throw new IllegalArgumentException("escape histogram needs two epoch arrays (got null); for one group use "
                    + "escapeHistogram(epochs, name, options)");
        }
        return LossCharts.escapeHistogram(left, leftName, right, rightName, o);
    }

    // ---------------------------------------------------------------- spectra

    /** {@link #spectrumIndex(double[], double, ChartOptions)} for a {@link DenseSpectrum} (its own zero tolerance). */
    public static XYChart spectrumIndex(DenseSpectrum s) {
        return spectrumIndex(s.eigenvalues(), s.tolerance(), ChartOptions.defaults());
    }

    /**
     * Eigenvalue index plot: eigenvalues ascending against their index, negative ones in the strict-saddle colour,
     * zeros ({@code |mu| <= zeroTolerance}) in grey, positive ones in the non-strict colour, with the line
     * {@code mu = 0}. The legend gives the counts.
     */
    public static XYChart spectrumIndex(double[] eigenvalues, double zeroTolerance, ChartOptions o) {
        return SpectrumCharts.spectrumIndex(eigenvalues, zeroTolerance, o);
    }

    /** {@link #spectralDensity(Map, ChartOptions)} for one density. */
    public static XYChart spectralDensity(SpectralDensity d) {
        return spectralDensity(Map.of("density", d), ChartOptions.defaults());
    }

    /**
     * Spectral densities (stochastic Lanczos quadrature) overlaid; names pick colours as in
     * {@link ChartStyle#forGroup}. Default log y when the density spans more than a decade above {@code 1e-6} of its
     * peak; values below that floor are left out (gaps), not drawn as a flat line.
     */
    public static XYChart spectralDensity(Map<String, SpectralDensity> densities, ChartOptions o) {
        return SpectrumCharts.spectralDensity(densities, o);
    }

    // ---------------------------------------------------------------- slices

    /** One 1D slice. */
    public static XYChart slice(Slice1D s) {
        return slices(Map.of(s.direction(), s), ChartOptions.defaults());
    }

    /**
     * 1D slices {@code t -> L(W + t delta)} overlaid (names pick colours as in {@link ChartStyle#forGroup}), each with
     * a marker at {@code t = 0}. Linear axes by default.
     */
    public static XYChart slices(Map<String, Slice1D> slices, ChartOptions o) {
        return SliceCharts.slices(slices, o);
    }

    /** {@link #slice(Slice2D, ChartOptions)} with defaults. */
    public static HeatMapChart slice(Slice2D s) {
        return slice(s, ChartOptions.defaults());
    }

    /**
     * 2D slice as a heat map with iso-level bands: XChart has no contour plot, so the values are quantised into
     * {@code bins} equal-width level bands (default 12) with {@link org.knowm.xchart.style.HeatMapStyler#setPiecewise
     * piecewise} colours; the iso-levels are the boundaries where the band colour changes (a filled-contour look).
     * The colour key on the right gives each band as {@code lower ~ upper} edge and is titled with the quantity
     * ({@link ChartOptions#valueLabel}, default "L").
     */
    public static HeatMapChart slice(Slice2D s, ChartOptions o) {
        if (s == null) {
            throw new IllegalArgumentException("2D slice is missing (null)");
        }
        return slice(s, o, s.min(), s.max());
    }

    /**
     * As {@link #slice(Slice2D, ChartOptions)} with the colour scale spanning {@code [min, max]} instead of the
     * slice's own range, so that several slices can share one scale ({@link Panels#slices}).
     */
    public static HeatMapChart slice(Slice2D s, ChartOptions o, double min, double max) {
        return SliceCharts.slice(s, o, min, max);
    }

    // ---------------------------------------------------------------- critical values, trajectories, convergence

    /**
     * Critical values on a number line, one row per class they can have (Theorem 7), the rows named on the y axis: a
     * value whose points can be strict or non-strict saddles appears on both rows; values that coincide are stacked.
     * Colours are the class colours.
     */
    public static XYChart criticalValues(List<CriticalValue> values) {
        return criticalValues(values, ChartOptions.defaults());
    }

    /** As {@link #criticalValues(List)} with options (log x for positive values spread over decades). */
    public static XYChart criticalValues(List<CriticalValue> values, ChartOptions o) {
        return CriticalValueCharts.criticalValues(values, o);
    }

    /**
     * Singular values of the end-to-end map along a trajectory: {@code sv[k][i]} is the {@code i}-th singular value
     * at time {@code time[k]}; one line per index. Linear axes by default.
     */
    public static XYChart singularValues(double[] time, double[][] sv, ChartOptions o) {
        return TrajectoryCharts.singularValues(time, sv, o);
    }

    /** {@link #singularValues(double[], double[][], ChartOptions)} with defaults. */
    public static XYChart singularValues(double[] time, double[][] sv) {
        return singularValues(time, sv, ChartOptions.defaults());
    }

    /**
     * A linear-rate fit {@code log y_k ~ intercept + k log(rate)} (least squares on the given rows).
     *
     * @param rate      contraction per step {@code exp(slope)}
     * @param intercept {@code log y} at {@code k = 0}
     * @param r2        coefficient of determination
     * @param from      first row used
     * @param to        last row used (inclusive)
     */
    public record RateFit(double rate, double intercept, double r2, int from, int to) {
        /** The fitted value at {@code k}. */
        public double at(double k) {
            return Math.exp(intercept + k * Math.log(rate));
        }
    }

    /**
     * Least-squares fit of {@code log y} against {@code k} on rows {@code [from, to]} ({@link LineFit#logLinear}: rows
     * with {@code y <= 0} or non-finite values are skipped).
     *
     * @throws IllegalArgumentException when fewer than 3 rows are usable
     */
    public static RateFit fitRate(double[] k, double[] y, int from, int to) {
        if (k == null || y == null || k.length != y.length) {
            throw new IllegalArgumentException("rate fit: steps and values must have equal lengths");
        }
        int lo = Math.max(0, from);
        int hi = Math.max(lo, Math.min(to, k.length - 1) + 1);
        LineFit f = LineFit.logLinear(Arrays.copyOfRange(k, lo, hi), Arrays.copyOfRange(y, lo, hi));
        if (f.points() < 3) {
            throw new IllegalArgumentException("rate fit: only " + f.points() + " positive values in rows [" + from + ", "
                    + to + "], expected at least 3");
        }
        return new RateFit(f.rate(), f.intercept(), f.r2(), from, to);
    }

    /** {@link #convergence(double[], double[], ChartOptions)} with defaults. */
    public static XYChart convergence(double[] k, double[] y) {
        return convergence(k, y, ChartOptions.defaults());
    }

    /**
     * A convergence curve ({@code |grad|}, {@code L - L*}, distance, ...) on a log y axis (when it spans more than a
     * decade) with the least-squares linear-rate line ({@link #fitRate}) fitted on the second half of the resolved
     * part (up to the last value 10 times above the curve's floor, so a rounding plateau is left out) and drawn
     * dashed over the whole run, on top of the data; the legend gives the rate per step.
     */
    public static XYChart convergence(double[] k, double[] y, ChartOptions o) {
        return TrajectoryCharts.convergence(k, y, o);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Whether the chart's x axis is logarithmic. dlnkit draws a log axis as a linear axis of {@code log10} values
     * (labelled with the values themselves), so XChart's own flag stays false; the series then hold {@code log10}.
     */
    public static boolean isLogX(XYChart c) {
        return Plot.logAxes(c)[0];
    }

    /** Whether the chart's y axis is logarithmic (see {@link #isLogX}). */
    public static boolean isLogY(XYChart c) {
        return Plot.logAxes(c)[1];
    }

    static void requireOptions(ChartOptions o) {
        if (o == null) {
            throw new IllegalArgumentException("chart options are missing (null), expected e.g. ChartOptions.defaults()");
        }
    }

    /** At most {@link #MAX_POINTS} points (first and last kept; log-spaced indices when {@code log}). */
    static double[][] thin(double[] x, double[] y, boolean log) {
        int n = x.length;
        if (n <= MAX_POINTS) {
            return new double[][]{x, y};
        }
        List<Integer> idx = new ArrayList<>();
        int prev = -1;
        for (int i = 0; i < MAX_POINTS; i++) {
            double f = (double) i / (MAX_POINTS - 1);
            int k = log ? (int) Math.round(Math.pow(n, f)) - 1 : (int) Math.round(f * (n - 1));
            k = Math.max(0, Math.min(n - 1, k));
            if (k != prev) {
                idx.add(k);
                prev = k;
            }
        }
        double[] xs = new double[idx.size()];
        double[] ys = new double[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            xs[i] = x[idx.get(i)];
            ys[i] = y[idx.get(i)];
        }
        return new double[][]{xs, ys};
    }
}
