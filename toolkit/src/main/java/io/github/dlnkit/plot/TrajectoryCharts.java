package io.github.dlnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Quantities along a trajectory: singular values of the end-to-end map, and convergence with its linear rate. */
final class TrajectoryCharts {
    private TrajectoryCharts() {
    }

    /** See {@link Charts#singularValues(double[], double[][], ChartOptions)}. */
    static XYChart singularValues(double[] time, double[][] sv, ChartOptions o) {
        Charts.requireOptions(o);
        if (time == null || sv == null || time.length != sv.length || time.length < 2) {
            throw new IllegalArgumentException("singular-value trajectories: " + (time == null ? "null" : time.length)
                    + " times and " + (sv == null ? "null" : sv.length) + " rows, expected equal lengths >= 2");
        }
        int r = sv[0].length;
        Plot p = Plot.create(o, "Singular values of the end-to-end map", "time", "singular value", o.logXOr(false),
                o.logYOr(false));
        for (int i = 0; i < r; i++) {
            double[] y = new double[time.length];
            for (int k = 0; k < time.length; k++) {
                if (sv[k].length != r) {
                    throw new IllegalArgumentException("singular-value row " + k + " has " + sv[k].length + " values, expected " + r);
                }
                y[k] = sv[k][i];
            }
            double[][] thin = Charts.thin(time, y, o.logXOr(false));
            XYSeries s = p.add("sigma_" + (i + 1), thin[0], thin[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(o.style().palette()[i % o.style().palette().length]);
            s.setLineWidth(2f);
        }
        return p.finish(Plot.Legend.AUTO);
    }

    /** See {@link Charts#convergence(double[], double[], ChartOptions)}. */
    static XYChart convergence(double[] k, double[] y, ChartOptions o) {
        Charts.requireOptions(o);
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
        double top = ys.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int end = lastPositive;
        while (end > 2 && !(y[end] > 10 * floor)) {
            end--;
        }
        Charts.RateFit fit = Charts.fitRate(k, y, end / 2, end);
        Plot p = Plot.create(o, "Convergence", "step k", "error", false, o.logYOr(Axes.logWanted(floor, top)));
        double[][] thin = Charts.thin(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), false);
        XYSeries s = p.add(o.yLabelOr("error"), thin[0], thin[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartStyle.withAlpha(o.style().palette()[0], 0.75));
        s.setLineWidth(3.5f);
        // the fitted line over the whole run (drawn last, so on top), thin and dashed: where it leaves the data the
        // rate no longer holds
        double a = Math.max(xs.get(0), k[0]);
        double b = k[lastPositive];
        double fa = fit.at(a);
        double fb = fit.at(b);
        if (p.logY() && !(fa > 0 && fb > 0)) {
            a = k[fit.from()];
            b = k[fit.to()];
            fa = fit.at(a);
            fb = fit.at(b);
        }
        double[] fx = {a, (a + b) / 2, b};
        double[] fy = {fa, fit.at((a + b) / 2), fb};
        XYSeries f = p.add(String.format(Locale.ROOT, "fit on steps %s-%s: rate %.6f per step (R^2 %.4f)",
                Axes.plain(k[fit.from()], 0), Axes.plain(k[fit.to()], 0), fit.rate(), fit.r2()), fx, fy);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(o.style().strict());
        f.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 4f}, 0f));
        if (p.logY()) {
            p.yRange(Math.max(floor / 2, Math.min(fa, fb) / 2) , top * 2);
        }
        return p.finish(Plot.Legend.AUTO);
    }
}
