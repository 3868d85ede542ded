package io.github.dlnkit.plot;

import io.github.dlnkit.critical.CriticalValue;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.slice.Slice1D;
import io.github.dlnkit.slice.Slice2D;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.SpectralDensity;
import io.github.dlnkit.stats.LineFit;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every dlnkit chart, one static call each with sensible defaults ({@link ChartOptions} to change title, labels,
 * log axes, opacity, bins, size), all in one {@link ChartStyle}. Inputs are plain arrays and toolkit records.
 * Render with {@link ChartImages} (inline image, PNG, SVG); all charts work headless.
 */
public final class Charts {
    /** Longest series drawn as is; longer ones are thinned (log-spaced on a log x axis) before plotting. */
    public static final int MAX_POINTS = 2000;

    private Charts() {
    }

    // ---------------------------------------------------------------- loss curves (Fig. 3)

    /** {@link #lossCurves(List, List, ChartOptions)} with defaults. */
    public static XYChart lossCurves(List<double[]> curves, List<String> groups) {
        return lossCurves(curves, groups, ChartOptions.defaults());
    }

    /**
     * Loss curves of many runs overlaid, like Fig. 3 of Achour et al. (2024): {@code curves.get(r)[k]} is the loss of
     * run {@code r} after {@code k} steps; runs of one group share a colour ({@link ChartStyle#forGroup}: red for
     * "strict", blue for "non-strict") and one legend entry. Defaults: log y when the values span at least a decade
     * (else linear: XChart labels only powers of ten), log x (step 0 is then dropped), opacity 0.45, labels
     * "iteration" / "loss".
     */
    public static XYChart lossCurves(List<double[]> curves, List<String> groups, ChartOptions o) {
        requireOptions(o);
        if (curves == null || groups == null || curves.size() != groups.size() || curves.isEmpty()) {
            throw new IllegalArgumentException("loss curves: got " + (curves == null ? "null" : curves.size()) + " curves and "
                    + (groups == null ? "null" : groups.size()) + " group names, expected one group name per curve (>= 1)");
        }
        boolean logX = o.logXOr(true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] y : curves) {
            for (double v : y == null ? new double[0] : y) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // default: log y when the values are positive and span at least a decade (XChart labels only decades)
        boolean logY = o.logYOr(lo > 0 && hi >= 10 * lo);
        XYChart c = xy(o, "Loss curves", "iteration", "loss");
        c.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY).setLegendPosition(Styler.LegendPosition.InsideSW);
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        Map<String, Integer> groupCount = new LinkedHashMap<>();
        for (int r = 0; r < curves.size(); r++) {
            double[] y = curves.get(r);
            String g = groups.get(r) == null ? "runs" : groups.get(r);
            if (y == null || y.length < (logX ? 3 : 2)) {
                throw new IllegalArgumentException("loss curve " + r + " (" + g + ") has " + (y == null ? "no" : y.length)
                        + " values, expected at least " + (logX ? 3 : 2));
            }
            int start = logX ? 1 : 0;
            double[] xs = new double[y.length - start];
            double[] ys = new double[y.length - start];
            for (int k = start; k < y.length; k++) {
                if (!Double.isFinite(y[k]) || (logY && y[k] <= 0)) {
                    throw new IllegalArgumentException("loss curve " + r + " (" + g + ") has value " + y[k] + " at step " + k
                            + ", expected finite" + (logY ? " and > 0 on a log y axis (use logY(false))" : ""));
                }
                xs[k - start] = k;
                ys[k - start] = y[k];
            }
            double[][] thin = thin(xs, ys, logX);
            int gi = groupIndex.computeIfAbsent(g, k -> groupIndex.size());
            int count = groupCount.merge(g, 1, Integer::sum);
            XYSeries s = c.addSeries(count == 1 ? g : g + " #" + count, thin[0], thin[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.withAlpha(o.style().forGroup(g, gi), o.alphaOr(0.45)));
            s.setLineWidth(1.4f);
            s.setShowInLegend(count == 1);
        }
        return c;
    }

    // ---------------------------------------------------------------- escape histograms (Fig. 4)

    /**
     * Histograms of escape epochs for two groups with <b>two y axes</b> (left for the first group, right for the
     * second), like Fig. 4 of Achour et al. (2024): one group escapes in tens of steps and the other in thousands, so
     * their counts live on different scales. Epochs {@code < 0} mean "did not escape" (censored) and are counted in
     * the legend, not binned. Defaults: log-spaced bins on a log x axis, 40 bins over the observed range.
     */
    public static XYChart escapeHistogram(int[] left, String leftName, int[] right, String rightName) {
        return escapeHistogram(left, leftName, right, rightName, ChartOptions.defaults());
    }

    /** As {@link #escapeHistogram(int[], String, int[], String)} with options. */
    public static XYChart escapeHistogram(int[] left, String leftName, int[] right, String rightName, ChartOptions o) {
        requireOptions(o);
        if (left == null || right == null) {
            throw new IllegalArgumentException("escape histogram needs two epoch arrays (got null)");
        }
        boolean logX = o.logXOr(true);
        int bins = o.binsOr(40);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int[] a : List.of(left, right)) {
            for (int e : a) {
                if (e >= (logX ? 1 : 0)) {
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("escape histogram: no run escaped (all " + (left.length + right.length)
                    + " epochs are censored" + (logX ? " or 0" : "") + "), nothing to draw");
        }
        if (logX) {
            lo /= 1.25;
            hi *= 1.25;
        } else {
            double pad = Math.max(1, 0.05 * (hi - lo));
            lo = Math.max(0, lo - pad);
            hi += pad;
        }
        XYChart c = xy(o, "Escape epochs", "escape epoch", leftName == null ? "runs" : "runs (" + leftName + ")");
        c.getStyler().setXAxisLogarithmic(logX).setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        String[] names = {leftName == null ? "left" : leftName, rightName == null ? "right" : rightName};
        int[][] data = {left, right};
        for (int g = 0; g < 2; g++) {
            double[][] h = histogram(data[g], lo, hi, bins, logX);
            long censored = Arrays.stream(data[g]).filter(e -> e < 0).count();
            String label = names[g] + " (" + (g == 0 ? "left" : "right") + " axis" + (censored > 0 ? ", " + censored + " censored" : "") + ")";
            XYSeries s = c.addSeries(label, h[0], h[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
            Color col = o.style().forGroup(names[g], g);
            s.setLineColor(col);
            s.setLineWidth(2f);
            s.setYAxisGroup(g);
            c.getStyler().setYAxisGroupTickLabelsColorMap(g, col);
        }
        c.setYAxisGroupTitle(0, "runs (" + names[0] + ")");
        c.setYAxisGroupTitle(1, "runs (" + names[1] + ")");
        return c;
    }

    /** Step-histogram outline: x at bin edges, y = counts (length bins + 2, closed at 0). */
    static double[][] histogram(int[] epochs, double lo, double hi, int bins, boolean log) {
        double a = log ? Math.log(lo) : lo;
        double b = log ? Math.log(hi) : hi;
        double[] counts = new double[bins];
        for (int e : epochs) {
            if (e < 0 || (log && e < 1)) {
                continue;
            }
            double v = log ? Math.log(e) : e;
            int k = (int) Math.floor((v - a) / (b - a) * bins);
            counts[Math.max(0, Math.min(bins - 1, k))]++;
        }
        double[] x = new double[bins + 2];
        double[] y = new double[bins + 2];
        for (int k = 0; k <= bins; k++) {
            double edge = a + (b - a) * k / bins;
            x[k] = log ? Math.exp(edge) : edge;
            y[k] = k < bins ? counts[k] : 0;
        }
        x[bins + 1] = x[bins];
        y[bins + 1] = 0;
        // XChart's Step style holds y[k] from x[k] to x[k+1]
        return new double[][]{x, y};
    }

    // ---------------------------------------------------------------- spectra

    /** {@link #spectrumIndex(double[], double, ChartOptions)} for a {@link DenseSpectrum} (its own zero tolerance). */
    public static XYChart spectrumIndex(DenseSpectrum s) {
        return spectrumIndex(s.eigenvalues(), s.tolerance(), ChartOptions.defaults());
    }

    /**
     * Eigenvalue index plot: eigenvalues ascending against their index, negative ones in the strict-saddle colour,
     * zeros ({@code |mu| <= zeroTolerance}) in grey, positive ones in the palette's first colour, on a shaded
     * negative band ({@code mu < 0}) with the zero line. Legend gives the counts.
     */
    public static XYChart spectrumIndex(double[] eigenvalues, double zeroTolerance, ChartOptions o) {
        requireOptions(o);
        if (eigenvalues == null || eigenvalues.length == 0) {
            throw new IllegalArgumentException("spectrum index plot needs at least one eigenvalue");
        }
        if (!(zeroTolerance >= 0)) {
            throw new IllegalArgumentException("zero tolerance = " + zeroTolerance + ", expected >= 0");
        }
        double[] ev = eigenvalues.clone();
        Arrays.sort(ev);
        XYChart c = xy(o, "Hessian eigenvalues", "index (ascending)", "eigenvalue");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(6);
        int n = ev.length;
        double lo = Math.min(ev[0], 0);
        double hi = Math.max(ev[n - 1], 0);
        double pad = 0.06 * Math.max(hi - lo, 1e-12);
        c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad).setXAxisMin(0.0).setXAxisMax(n + 1.0);
        // XChart fills an area series towards y = 0: a series along the bottom edge shades the whole band mu < 0
        XYSeries band = c.addSeries("negative (mu < 0)", new double[]{0, n + 1}, new double[]{lo - pad, lo - pad});
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        band.setFillColor(ChartStyle.withAlpha(o.style().strict(), 0.10));
        band.setLineColor(ChartStyle.withAlpha(o.style().strict(), 0.10));
        band.setLineWidth(0.1f);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
        String[] names = {"negative", "zero (|mu| <= " + String.format(Locale.ROOT, "%.1g", zeroTolerance) + ")", "positive"};
        Color[] colors = {o.style().strict(), o.style().neutral(), o.style().nonStrict()};
        for (int kind = 0; kind < 3; kind++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = ev[i] < -zeroTolerance ? 0 : ev[i] <= zeroTolerance ? 1 : 2;
                if (k == kind) {
                    xs.add(i + 1.0);
                    ys.add(ev[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(names[kind] + ": " + xs.size(), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[kind]);
        }
        return c;
    }

    /** {@link #spectralDensity(Map, ChartOptions)} for one density. */
    public static XYChart spectralDensity(SpectralDensity d) {
        return spectralDensity(Map.of("density", d), ChartOptions.defaults());
    }

    /**
     * Spectral densities (stochastic Lanczos quadrature) overlaid; names pick colours as in
     * {@link ChartStyle#forGroup}. Default log y, floored at {@code 1e-6} of the largest value so that the tails show.
     */
    public static XYChart spectralDensity(Map<String, SpectralDensity> densities, ChartOptions o) {
        requireOptions(o);
        if (densities == null || densities.isEmpty()) {
            throw new IllegalArgumentException("spectral density chart needs at least one density");
        }
        boolean logY = o.logYOr(true);
        XYChart c = xy(o, "Hessian spectral density (SLQ)", "eigenvalue", "density");
        c.getStyler().setYAxisLogarithmic(logY).setLegendPosition(Styler.LegendPosition.InsideNE);
        double top = densities.values().stream().flatMapToDouble(d -> Arrays.stream(d.density())).max().orElse(1);
        double span = densities.values().stream().mapToDouble(d -> d.grid()[d.grid().length - 1] - d.grid()[0]).max().orElse(1);
        c.getStyler().setXAxisDecimalPattern(span > 20 ? "#,##0" : span > 2 ? "0.0" : "0.000");
        int i = 0;
        for (Map.Entry<String, SpectralDensity> e : densities.entrySet()) {
            double[] y = e.getValue().density();
            if (logY) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = Math.max(y[k], 1e-6 * top);
                }
            }
            XYSeries s = c.addSeries(e.getKey(), e.getValue().grid(), y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(o.style().forGroup(e.getKey(), i++));
            s.setLineWidth(1.8f);
        }
        return c;
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
        requireOptions(o);
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("slice chart needs at least one slice");
        }
        XYChart c = xy(o, "Loss along a direction", "t", "L(W + t delta)");
        c.getStyler().setXAxisLogarithmic(o.logXOr(false)).setYAxisLogarithmic(o.logYOr(false))
                .setLegendPosition(Styler.LegendPosition.InsideN);
        int i = 0;
        for (Map.Entry<String, Slice1D> e : slices.entrySet()) {
            Color col = o.style().forGroup(e.getKey(), i++);
            XYSeries s = c.addSeries(e.getKey(), e.getValue().t(), e.getValue().loss());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineWidth(2f);
            XYSeries p = c.addSeries(e.getKey() + " at W", new double[]{0}, new double[]{e.getValue().base()});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(col);
            p.setShowInLegend(false);
        }
        return c;
    }

    /** {@link #slice(Slice2D, ChartOptions)} with defaults. */
    public static HeatMapChart slice(Slice2D s) {
        return slice(s, ChartOptions.defaults());
    }

    /**
     * 2D slice as a heat map with iso-level bands: XChart has no contour plot, so the values are quantised into
     * {@code bins} equal-width level bands (default 12) with {@link org.knowm.xchart.style.HeatMapStyler#setPiecewise
     * piecewise} colours; the iso-levels are the boundaries where the band colour changes (a filled-contour look).
     * The colour bar on the right gives the levels. Axis ticks are thinned to about 9 labels.
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
        requireOptions(o);
        if (s == null) {
            throw new IllegalArgumentException("2D slice is missing (null)");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("colour scale [" + min + ", " + max + "] of a 2D slice, expected finite "
                    + "min <= max");
        }
        ChartStyle st = o.style();
        HeatMapChart c = new HeatMapChartBuilder().width(st.width()).height(st.height())
                .title(o.titleOr("Loss on a plane through W")).xAxisTitle(o.xLabelOr("s (" + s.direction1() + ")"))
                .yAxisTitle(o.yLabelOr("t (" + s.direction2() + ")")).build();
        st.apply(c.getStyler());
        double[] xs = s.s();
        double[] ts = s.t();
        List<Number> xl = new ArrayList<>();
        List<Number> yl = new ArrayList<>();
        for (double v : xs) {
            xl.add(round(v));
        }
        for (double v : ts) {
            yl.add(round(v));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ts.length; j++) {
                cells.add(new Number[]{i, j, s.at(i, j)});
            }
        }
        int bands = o.binsOr(12);
        if (!(max > min)) {
            max = min + Math.max(1e-12, Math.abs(min) * 1e-12);
        }
        c.getStyler().setPiecewise(true).setPiecewiseRanged(false).setSplitNumber(bands)
                .setRangeColors(ramp(bands + 1)) // one colour per band (+1: XChart indexes the top edge too)
                .setMin(min).setMax(max).setShowValue(false).setDrawBorder(false)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.3g", v));
        int step = Math.max(1, (xs.length + 8) / 9);
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> label(v, xs, step));
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> label(v, ts, step));
        c.addSeries("L", xl, yl, cells);
        return c;
    }

    /** {@code k} colours along a diverging blue-yellow-red ramp (ColorBrewer RdYlBu, reversed). */
    static Color[] ramp(int k) {
        Color[] stops = {new Color(0x313695), new Color(0x4575B4), new Color(0x74ADD1), new Color(0xE0F3F8),
                new Color(0xFEE090), new Color(0xF46D43), new Color(0xA50026)};
        Color[] out = new Color[k];
        for (int i = 0; i < k; i++) {
            double f = k == 1 ? 0 : (double) i / (k - 1) * (stops.length - 1);
            int a = Math.min((int) Math.floor(f), stops.length - 2);
            double u = f - a;
            out[i] = new Color((int) Math.round(stops[a].getRed() * (1 - u) + stops[a + 1].getRed() * u),
                    (int) Math.round(stops[a].getGreen() * (1 - u) + stops[a + 1].getGreen() * u),
                    (int) Math.round(stops[a].getBlue() * (1 - u) + stops[a + 1].getBlue() * u));
        }
        return out;
    }

    private static String label(Double v, double[] grid, int step) {
        // heat-map ticks are category values; show every step-th one, and always the centre
        for (int i = 0; i < grid.length; i++) {
            if (Math.abs(round(grid[i]) - v) < 1e-12) {
                boolean show = i % step == 0 || i == grid.length - 1 || i == grid.length / 2;
                return show ? String.format(Locale.ROOT, "%.3g", grid[i]) : " ";
            }
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    // ---------------------------------------------------------------- critical values, trajectories, convergence

    /**
     * Critical values on a number line, one row per class they can have (Theorem 7): a value whose points can be
     * strict or non-strict saddles appears on both rows. Colours are the class colours.
     */
    public static XYChart criticalValues(List<CriticalValue> values) {
        return criticalValues(values, ChartOptions.defaults());
    }

    /** As {@link #criticalValues(List)} with options (log x for values spread over decades). */
    public static XYChart criticalValues(List<CriticalValue> values, ChartOptions o) {
        requireOptions(o);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("critical-value chart needs at least one critical value");
        }
        PointClass[] rows = {PointClass.GLOBAL_MIN, PointClass.NON_STRICT_SADDLE, PointClass.STRICT_SADDLE}; // bottom to top
        String[] names = {"global minimum", "non-strict saddle", "strict saddle"};
        XYChart c = xy(o, "Critical values by class", "critical value L", "class");
        c.getStyler().setXAxisLogarithmic(o.logXOr(false)).setYAxisMin(0.4).setYAxisMax(3.6).setMarkerSize(10);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setYAxisTicksVisible(false); // one row per class, named in the legend (bottom to top)
        for (int r = 0; r < rows.length; r++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (CriticalValue v : values) {
                if (v.classes().contains(rows[r])) {
                    xs.add(v.value());
                    ys.add(r + 1.0);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(names[r] + " (" + xs.size() + ")", xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(ChartStyle.withAlpha(o.style().of(rows[r]), 0.8));
        }
        return c;
    }

    /**
     * Singular values of the end-to-end map along a trajectory: {@code sv[k][i]} is the {@code i}-th singular value
     * at time {@code time[k]}; one line per index. Log x by default off, log y off.
     */
    public static XYChart singularValues(double[] time, double[][] sv, ChartOptions o) {
        requireOptions(o);
        if (time == null || sv == null || time.length != sv.length || time.length < 2) {
            throw new IllegalArgumentException("singular-value trajectories: " + (time == null ? "null" : time.length)
                    + " times and " + (sv == null ? "null" : sv.length) + " rows, expected equal lengths >= 2");
        }
        int r = sv[0].length;
        XYChart c = xy(o, "Singular values of the end-to-end map", "time", "singular value");
        c.getStyler().setXAxisLogarithmic(o.logXOr(false)).setYAxisLogarithmic(o.logYOr(false))
                .setLegendPosition(Styler.LegendPosition.InsideSE);
        for (int i = 0; i < r; i++) {
            double[] y = new double[time.length];
            for (int k = 0; k < time.length; k++) {
                if (sv[k].length != r) {
                    throw new IllegalArgumentException("singular-value row " + k + " has " + sv[k].length + " values, expected " + r);
                }
                y[k] = sv[k][i];
            }
            double[][] thin = thin(time, y, o.logXOr(false));
            XYSeries s = c.addSeries("sigma_" + (i + 1), thin[0], thin[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(o.style().palette()[i % o.style().palette().length]);
            s.setLineWidth(2f);
        }
        return c;
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
     * A convergence curve ({@code |grad|}, {@code L - L*}, distance, ...) on a log y axis with the least-squares
     * linear-rate line ({@link #fitRate}) fitted on the second half of the resolved part (up to the last value 10
     * times above the curve's floor, so a rounding plateau is left out); the legend gives the rate per step.
     */
    public static XYChart convergence(double[] k, double[] y, ChartOptions o) {
        requireOptions(o);
        if (k == null || y == null || k.length != y.length || k.length < 3) {
            throw new IllegalArgumentException("convergence chart: " + (k == null ? "null" : k.length) + " steps and "
                    + (y == null ? "null" : y.length) + " values, expected equal lengths >= 3");
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int lastPositive = -1;
        for (int i = 0; i < k.length; i++) {
            if (y[i] > 0 && Double.isFinite(y[i])) {
                xs.add(k[i]);
                ys.add(y[i]);
                lastPositive = i;
            }
        }
        if (lastPositive < 2) {
            throw new IllegalArgumentException("convergence chart: fewer than 3 positive values to draw on a log axis");
        }
        // fit where the curve is resolved: up to the last value 10x above its floor (rounding plateau), second half
        double floor = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        int end = lastPositive;
        while (end > 2 && !(y[end] > 10 * floor)) {
            end--;
        }
        RateFit fit = fitRate(k, y, end / 2, end);
        XYChart c = xy(o, "Convergence", "step k", "error");
        c.getStyler().setYAxisLogarithmic(o.logYOr(true)).setLegendPosition(Styler.LegendPosition.InsideNE);
        double[][] thin = thin(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray(), false);
        XYSeries s = c.addSeries(o.yLabelOr("error"), thin[0], thin[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(o.style().palette()[0]);
        s.setLineWidth(2f);
        double a = k[fit.from()];
        double b = k[fit.to()];
        XYSeries f = c.addSeries(String.format(Locale.ROOT, "fit: rate %.6f per step (R^2 %.4f)", fit.rate(), fit.r2()),
                new double[]{a, b}, new double[]{fit.at(a), fit.at(b)});
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(o.style().strict());
        f.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 5f}, 0f));
        return c;
    }

    // ---------------------------------------------------------------- helpers

    static void requireOptions(ChartOptions o) {
        if (o == null) {
            throw new IllegalArgumentException("chart options are missing (null), expected e.g. ChartOptions.defaults()");
        }
    }

    /** An XY chart in the options' style with their title and axis labels (else the given defaults). */
    static XYChart xy(ChartOptions o, String title, String x, String y) {
        ChartStyle st = o.style();
        XYChart c = new XYChartBuilder().width(st.width()).height(st.height()).title(o.titleOr(title))
                .xAxisTitle(o.xLabelOr(x)).yAxisTitle(o.yLabelOr(y)).build();
        st.apply(c.getStyler());
        c.getStyler().setMarkerSize(4);
        return c;
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
