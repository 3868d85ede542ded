package io.github.dlnkit.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;

/**
 * One XY chart under construction in the {@link ChartStyle}, with the {@link Axes} rules: series go in through
 * {@link #add} (values on a log axis are checked positive and drawn as {@code log10}), and {@link #finish} sets one
 * label format per axis and puts the legend where it covers no data (the emptiest inside corner, else below the
 * plot).
 */
final class Plot {
    /** Where the legend goes. */
    enum Legend {
        /** The inside corner with the fewest data points, or below the plot when every corner has data. */
        AUTO,
        /** Below the plot, entries side by side. */
        BELOW,
        /** No legend. */
        NONE
    }

    private final XYChart chart;
    private final boolean logX;
    private final boolean logY;
    private final List<double[][]> drawn = new ArrayList<>();
    private double xLo = Double.POSITIVE_INFINITY;
    private double xHi = Double.NEGATIVE_INFINITY;
    private double yLo = Double.POSITIVE_INFINITY;
    private double yHi = Double.NEGATIVE_INFINITY;

    /** Which axes of the charts made here are log axes (XChart sees linear axes of log10 values). */
    private static final java.util.Map<XYChart, boolean[]> LOG_AXES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Plot(XYChart chart, boolean logX, boolean logY) {
        this.chart = chart;
        this.logX = logX;
        this.logY = logY;
        LOG_AXES.put(chart, new boolean[]{logX, logY});
    }

    /** {@code {logX, logY}} of a chart made here; XChart's own log flags for any other chart. */
    static boolean[] logAxes(XYChart c) {
        boolean[] b = LOG_AXES.get(c);
        return b != null ? b.clone() : new boolean[]{c.getStyler().isXAxisLogarithmic(), c.getStyler().isYAxisLogarithmic()};
    }

    /** A chart with the options' title and axis titles (else the defaults), log axes as given. */
    static Plot create(ChartOptions o, String title, String x, String y, boolean logX, boolean logY) {
        ChartStyle st = o.style();
        XYChart c = new XYChartBuilder().width(st.width()).height(st.height()).title(o.titleOr(title))
                .xAxisTitle(o.xLabelOr(x)).yAxisTitle(o.yLabelOr(y)).build();
        st.apply(c.getStyler());
        st.fitTitle(c);
        c.getStyler().setMarkerSize(4);
        return new Plot(c, logX, logY);
    }

    XYChart chart() {
        return chart;
    }

    boolean logX() {
        return logX;
    }

    boolean logY() {
        return logY;
    }

    /**
     * Adds a series ({@code NaN} in {@code y} leaves a gap).
     *
     * @throws IllegalArgumentException when a value is not finite, or not positive on a log axis
     */
    XYSeries add(String name, double[] x, double[] y) {
        int n = x.length;
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0; i < n; i++) {
            tx[i] = map(x[i], logX, name, "x", i);
            ty[i] = Double.isNaN(y[i]) ? Double.NaN : map(y[i], logY, name, "y", i);
            xLo = Math.min(xLo, tx[i]);
            xHi = Math.max(xHi, tx[i]);
            if (!Double.isNaN(ty[i])) {
                yLo = Math.min(yLo, ty[i]);
                yHi = Math.max(yHi, ty[i]);
            }
        }
        drawn.add(new double[][]{tx, ty});
        return chart.addSeries(name, tx, ty);
    }

    private static double map(double v, boolean log, String name, String axis, int i) {
        if (!Double.isFinite(v) || (log && v <= 0)) {
            throw new IllegalArgumentException("series \"" + name + "\" has " + axis + "[" + i + "] = " + v
                    + ", expected finite" + (log ? " and > 0 on a log " + axis + " axis" : ""));
        }
        return log ? Math.log10(v) : v;
    }

    /** A value in the coordinates the chart is drawn in ({@code log10} on a log axis). */
    double toX(double v) {
        return logX ? Math.log10(v) : v;
    }

    double toY(double v) {
        return logY ? Math.log10(v) : v;
    }

    /** Fixes the y range (values in data units) instead of the data's own. */
    Plot yRange(double lo, double hi) {
        yLo = toY(lo);
        yHi = toY(hi);
        return this;
    }

    /** Fixes the x range (values in data units). */
    Plot xRange(double lo, double hi) {
        xLo = toX(lo);
        xHi = toX(hi);
        return this;
    }

    /** Tick label formats for both axes and the legend; returns the chart. */
    XYChart finish(Legend legend) {
        var s = chart.getStyler();
        // XChart puts the ticks at the data abscissae when these (with the axis ends) are equally spaced (steps 0, 67,
        // 134, ...); an axis start a hair (1e-7 of the span) below the first value keeps it on round steps
        double dx = xHi > xLo ? xHi - xLo : Math.max(1, Math.abs(xHi));
        double dy = yHi > yLo ? yHi - yLo : Math.max(1, Math.abs(yHi));
        s.setXAxisMin(xLo - 1e-7 * dx).setXAxisMax(xHi);
        s.setYAxisMin(yLo - 1e-7 * dy).setYAxisMax(yHi);
        s.setxAxisTickLabelsFormattingFunction(logX ? Axes.log(Math.pow(10, xLo), Math.pow(10, xHi)) : Axes.linear(xLo, xHi));
        s.setyAxisTickLabelsFormattingFunction(logY ? Axes.log(Math.pow(10, yLo), Math.pow(10, yHi)) : Axes.linear(yLo, yHi));
        switch (legend) {
            case NONE -> s.setLegendVisible(false);
            case BELOW -> s.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
            case AUTO -> {
                Styler.LegendPosition p = emptiestCorner();
                if (p == null) {
                    s.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
                } else {
                    s.setLegendPosition(p);
                }
            }
        }
        return chart;
    }

    /** The legend's width and height as fractions of the plot area (estimated from the tick font), with a margin. */
    private double[] legendBox() {
        var st = chart.getStyler();
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        double w = 0;
        int entries = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                entries++;
                w = Math.max(w, st.getLegendFont().getStringBounds(s.getName(), frc).getWidth());
            }
        }
        double lineHeight = st.getLegendFont().getSize2D() * 1.25;
        double plotW = Math.max(100, chart.getWidth() - 110);
        double plotH = Math.max(80, chart.getHeight() - 110);
        double width = (w + st.getLegendSeriesLineLength() + 3 * st.getLegendPadding() + 12) / plotW;
        double height = (entries * (lineHeight + st.getLegendPadding()) + 2 * st.getLegendPadding() + 12) / plotH;
        return new double[]{Math.min(1, width), Math.min(1, height)};
    }

    /**
     * The inside corner whose legend-sized box holds no drawn point (lines sampled along their segments), preferring
     * top right, top left, bottom right, bottom left; null when every corner has data.
     */
    Styler.LegendPosition emptiestCorner() {
        double[] box = legendBox();
        double bw = box[0];
        double bh = box[1];
        Styler.LegendPosition[] corners = {Styler.LegendPosition.InsideNE, Styler.LegendPosition.InsideNW,
                Styler.LegendPosition.InsideSE, Styler.LegendPosition.InsideSW};
        int[] hits = new int[4];
        double xr = xHi > xLo ? xHi - xLo : 1;
        double yr = yHi > yLo ? yHi - yLo : 1;
        for (double[][] d : drawn) {
            double[] x = d[0];
            double[] y = d[1];
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(y[i])) {
                    continue;
                }
                int steps = 1;
                if (i + 1 < x.length && !Double.isNaN(y[i + 1])) {
                    double len = Math.hypot((x[i + 1] - x[i]) / xr, (y[i + 1] - y[i]) / yr);
                    steps = 1 + (int) Math.min(40, len * 80);
                }
                for (int k = 0; k < steps; k++) {
                    double f = (double) k / steps;
                    double u = ((i + 1 < x.length && steps > 1 ? x[i] + f * (x[i + 1] - x[i]) : x[i]) - xLo) / xr;
                    double v = ((i + 1 < x.length && steps > 1 ? y[i] + f * (y[i + 1] - y[i]) : y[i]) - yLo) / yr;
                    boolean right = u >= 1 - bw;
                    boolean left = u <= bw;
                    boolean top = v >= 1 - bh;
                    boolean bottom = v <= bh;
                    hits[0] += right && top ? 1 : 0;
                    hits[1] += left && top ? 1 : 0;
                    hits[2] += right && bottom ? 1 : 0;
                    hits[3] += left && bottom ? 1 : 0;
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            if (hits[c] == 0) {
                return corners[c];
            }
        }
        return null;
    }
}
