package io.github.dlnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain XY chart in the one {@link ChartStyle}, for the curves that have no dedicated chart in {@link Charts}
 * (a measured quantity against a parameter, a curve with its bound, Ritz values against Lanczos steps):
 * <pre>
 *   Lines.chart(ChartOptions.builder().title("...").logY(true).build(),
 *           Lines.Series.line("L(t)", t, loss).group("random start"),
 *           Lines.Series.dashed("bound", t, bound).group("random start"),
 *           Lines.Series.points("strict saddle", sigma, medians));
 * </pre>
 * Series of one group share a colour; a group name containing "strict", "non-strict" or "global" gets the class
 * colour ({@link ChartStyle#forGroup}), other groups the palette colours in order. Linear axes unless the options ask
 * for log axes; on a log axis every value must be positive.
 */
public final class Lines {
    private Lines() {
    }

    /** How a series is drawn. */
    public enum Kind {
        /** Solid line, no markers. */
        LINE,
        /** Dashed line, no markers (bounds, predictions, reference values). */
        DASHED,
        /** Markers joined by a thin line. */
        POINTS,
        /** Markers only. */
        SCATTER
    }

    /**
     * One curve.
     *
     * @param name  legend entry
     * @param group colour group (defaults to the name)
     * @param x     abscissae
     * @param y     ordinates, same length
     * @param kind  how it is drawn
     */
    public record Series(String name, String group, double[] x, double[] y, Kind kind) {
        public Series {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("series name is missing, expected a legend entry");
            }
            if (x == null || y == null || x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("series \"" + name + "\" has " + (x == null ? "no" : x.length) + " x and "
                        + (y == null ? "no" : y.length) + " y values, expected equal lengths >= 1");
            }
            if (kind == null) {
                throw new IllegalArgumentException("series \"" + name + "\" has no kind (LINE, DASHED, POINTS or SCATTER)");
            }
            group = group == null ? name : group;
            x = x.clone();
            y = y.clone();
        }

        public static Series line(String name, double[] x, double[] y) {
            return new Series(name, null, x, y, Kind.LINE);
        }

        public static Series dashed(String name, double[] x, double[] y) {
            return new Series(name, null, x, y, Kind.DASHED);
        }

        public static Series points(String name, double[] x, double[] y) {
            return new Series(name, null, x, y, Kind.POINTS);
        }

        public static Series scatter(String name, double[] x, double[] y) {
            return new Series(name, null, x, y, Kind.SCATTER);
        }

        /** The same series in colour group {@code g}. */
        public Series group(String g) {
            return new Series(name, g, x, y, kind);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /** {@link #chart(List, ChartOptions)} with the series as arguments. */
    public static XYChart chart(ChartOptions o, Series... series) {
        return chart(series == null ? null : Arrays.asList(series), o);
    }

    /**
     * The series overlaid on one chart (defaults: title "", axes "x" / "y", linear axes, the legend in the emptiest
     * inside corner or below the plot; ticks and number formats as in {@link Charts}).
     */
    public static XYChart chart(List<Series> series, ChartOptions o) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("line chart needs at least one series");
        }
        ChartOptions opt = o == null ? ChartOptions.defaults() : o;
        boolean logX = opt.logXOr(false);
        boolean logY = opt.logYOr(false);
        ChartStyle st = opt.style();
        Plot p = Plot.create(opt, "", "x", "y", logX, logY);
        p.chart().getStyler().setMarkerSize(7);
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Series s : series) {
            if (s == null) {
                throw new IllegalArgumentException("line chart: a series is missing (null)");
            }
            check(s, s.x, logX, "x");
            check(s, s.y, logY, "y");
            Color col = colours.computeIfAbsent(s.group(), g -> st.forGroup(g, colours.size()));
            double[][] thin = s.kind() == Kind.LINE || s.kind() == Kind.DASHED ? Charts.thin(s.x, s.y, logX)
                    : new double[][]{s.x, s.y};
            XYSeries xs = p.add(s.name(), thin[0], thin[1]);
            xs.setLineColor(col);
            xs.setMarkerColor(col);
            switch (s.kind()) {
                case LINE -> {
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineWidth(2f);
                }
                case DASHED -> {
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[]{8f, 5f}, 0f));
                }
                case POINTS -> {
                    xs.setMarker(SeriesMarkers.CIRCLE);
                    xs.setLineWidth(1.2f);
                }
                case SCATTER -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        return p.finish(Plot.Legend.AUTO);
    }

    private static void check(Series s, double[] v, boolean log, String axis) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || (log && v[i] <= 0)) {
                throw new IllegalArgumentException("series \"" + s.name() + "\" has " + axis + "[" + i + "] = " + v[i]
                        + ", expected finite" + (log ? " and > 0 on a log " + axis + " axis" : ""));
            }
        }
    }
}
