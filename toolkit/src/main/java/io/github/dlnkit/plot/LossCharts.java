package io.github.dlnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gradient-descent runs: loss curves (Fig. 3 of Achour et al. 2024) and escape-epoch histograms (Fig. 4). */
final class LossCharts {
    private LossCharts() {
    }

    /** See {@link Charts#lossCurves(List, List, ChartOptions)}. */
    static XYChart lossCurves(List<double[]> curves, List<String> groups, ChartOptions o) {
        Charts.requireOptions(o);
        if (curves == null || groups == null || curves.size() != groups.size() || curves.isEmpty()) {
            throw new IllegalArgumentException("loss curves: got " + (curves == null ? "null" : curves.size()) + " curves and "
                    + (groups == null ? "null" : groups.size()) + " group names, expected one group name per curve (>= 1)");
        }
        int longest = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] y : curves) {
            for (int k = 1; y != null && k < y.length; k++) {
                lo = Math.min(lo, y[k]);
                hi = Math.max(hi, y[k]);
            }
            longest = Math.max(longest, y == null ? 0 : y.length);
        }
        boolean logX = o.logXOr(longest - 1 > Axes.LOG_MIN_RATIO);
        boolean logY = o.logYOr(Axes.logWanted(lo, hi));
        Plot p = Plot.create(o, "Loss curves", "iteration", "loss", logX, logY);
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        Map<String, Integer> groupCount = new LinkedHashMap<>();
        for (int r = 0; r < curves.size(); r++) {
            double[] y = curves.get(r);
            String g = groups.get(r) == null ? "runs" : groups.get(r);
            if (y == null || y.length < (logX ? 3 : 2)) {
                throw new IllegalArgumentException("loss curve " + r + " (" + g + ") has " + (y == null ? "no" : y.length)
                        + " values, expected at least " + (logX ? 3 : 2));
            }
            int start = logX ? 1 : 0; // step 0 has no place on a log axis
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
            double[][] thin = Charts.thin(xs, ys, logX);
            int gi = groupIndex.computeIfAbsent(g, k -> groupIndex.size());
            int count = groupCount.merge(g, 1, Integer::sum);
            XYSeries s = p.add(count == 1 ? g : g + " #" + count, thin[0], thin[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.withAlpha(o.style().forGroup(g, gi), o.alphaOr(0.45)));
            s.setLineWidth(1.4f);
            s.setShowInLegend(count == 1);
        }
        return p.finish(Plot.Legend.AUTO);
    }

    /**
     * See {@link Charts#escapeHistogram(int[], String, int[], String, ChartOptions)}; {@code right == null} draws one
     * group on one y axis.
     */
    static XYChart escapeHistogram(int[] left, String leftName, int[] right, String rightName, ChartOptions o) {
        Charts.requireOptions(o);
        if (left == null) {
            throw new IllegalArgumentException("escape histogram needs an array of escape epochs (got null)");
        }
        int[][] data = right == null ? new int[][]{left} : new int[][]{left, right};
        String[] names = {leftName == null ? "runs" : leftName, rightName == null ? "second group" : rightName};
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int[] a : data) {
            for (int e : a) {
                if (e >= 1) {
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("escape histogram: no run escaped after step 1 or later (all "
                    + Arrays.stream(data).mapToInt(a -> a.length).sum() + " epochs are censored or 0), nothing to draw");
        }
        boolean logX = o.logXOr(Axes.logWanted(lo, hi));
        if (logX) {
            lo /= 1.25;
            hi *= 1.25;
        } else {
            double pad = Math.max(1, 0.05 * (hi - lo));
            lo = Math.max(0, lo - pad);
            hi += pad;
        }
        int bins = o.binsOr(Math.min(40, Math.max(8, (int) Math.round(2 * Math.sqrt(Arrays.stream(data).mapToInt(a -> a.length).sum())))));
        boolean two = data.length == 2;
        Plot p = Plot.create(o, "Escape epochs", "escape epoch (first step with loss below the threshold)",
                two ? "runs (" + names[0] + ")" : "runs", logX, false);
        XYChart c = p.chart();
        if (two) {
            c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        for (int g = 0; g < data.length; g++) {
            double[][] h = histogram(data[g], lo, hi, bins, logX);
            long censored = Arrays.stream(data[g]).filter(e -> e < 0).count();
            String label = names[g] + (two ? " (" + (g == 0 ? "left" : "right") + " axis)" : "")
                    + ", " + (data[g].length - censored) + " escaped" + (censored > 0 ? ", " + censored + " censored" : "");
            XYSeries s = p.add(label, h[0], h[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
            Color col = o.style().forGroup(names[g], g);
            s.setLineColor(col);
            s.setLineWidth(2f);
            if (two) {
                s.setYAxisGroup(g);
                c.getStyler().setYAxisGroupTickLabelsColorMap(g, col);
            }
        }
        if (two) {
            c.setYAxisGroupTitle(0, "runs (" + names[0] + ")");
            c.setYAxisGroupTitle(1, "runs (" + names[1] + ")");
        }
        p.xRange(lo, hi);
        return p.finish(Plot.Legend.BELOW);
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
}
