package io.github.dlnkit.plot;

import io.github.dlnkit.critical.CriticalValue;
import io.github.dlnkit.critical.PointClass;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;

/** Critical values (Proposition 1) on a number line, one row per class (Theorem 7). */
final class CriticalValueCharts {
    /** Rows from bottom to top. */
    private static final PointClass[] ROWS = {PointClass.GLOBAL_MIN, PointClass.NON_STRICT_SADDLE, PointClass.STRICT_SADDLE};
    private static final String[] NAMES = {"global minimum", "non-strict saddle", "strict saddle"};
    /** Vertical step between markers of coinciding values in one row. */
    static final double STACK = 0.16;

    private CriticalValueCharts() {
    }

    /** See {@link Charts#criticalValues(List, ChartOptions)}. */
    static XYChart criticalValues(List<CriticalValue> values, ChartOptions o) {
        Charts.requireOptions(o);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("critical-value chart needs at least one critical value");
        }
        double lo = values.stream().mapToDouble(CriticalValue::value).min().orElse(0);
        double hi = values.stream().mapToDouble(CriticalValue::value).max().orElse(1);
        boolean logX = o.logXOr(false) && lo > 0;
        Plot p = Plot.create(o, "Critical values by class", "critical value L", "class the points can have", logX, false);
        XYChart c = p.chart();
        c.getStyler().setMarkerSize(10);
        double span = hi - lo > 0 ? hi - lo : Math.max(1, Math.abs(hi));
        int most = 1;
        for (int r = 0; r < ROWS.length; r++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> placed = new ArrayList<>();
            for (CriticalValue v : values) {
                if (v.classes().contains(ROWS[r])) {
                    // values that coincide (to 1e-9 of the span) are stacked upwards, one marker each
                    int same = (int) placed.stream().filter(x -> Math.abs(x - v.value()) <= 1e-9 * span).count();
                    most = Math.max(most, same + 1);
                    placed.add(v.value());
                    xs.add(v.value());
                    ys.add(r + 1.0 + STACK * same);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = p.add(NAMES[r] + " (" + xs.size() + ")", xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(ChartStyle.withAlpha(o.style().of(ROWS[r]), 0.8));
        }
        double pad = 0.04 * span;
        p.xRange(logX ? lo / 1.2 : lo - pad, logX ? hi * 1.2 : hi + pad);
        p.yRange(0.5, 3.5 + Math.min(0.45, STACK * (most - 1)));
        XYChart chart = p.finish(Plot.Legend.NONE);
        // the rows are the y tick labels; other ticks get distinct blank labels (XChart wants unique labels)
        chart.getStyler().setyAxisTickLabelsFormattingFunction(CriticalValueCharts::rowLabel);
        // a tick spacing hint of 1.2 rows makes XChart step by whole rows
        double yTop = 3.5 + Math.min(0.45, STACK * (most - 1));
        double tickSpace = 0.92 * Math.max(60, o.style().height() - 110);
        chart.getStyler().setYAxisTickMarkSpacingHint((int) Math.round(1.2 * tickSpace / (yTop - 0.5)));
        if (most > 1 && o.xLabel() == null) {
            chart.setXAxisTitle(chart.getXAxisTitle() + " (coinciding values stacked upwards)");
        }
        return chart;
    }

    static String rowLabel(double y) {
        long r = Math.round(y);
        if (Math.abs(y - r) < 1e-9 && r >= 1 && r <= NAMES.length) {
            return NAMES[(int) r - 1];
        }
        return " ".repeat(1 + (int) Math.floorMod(Math.round(y), 8L));
    }
}
