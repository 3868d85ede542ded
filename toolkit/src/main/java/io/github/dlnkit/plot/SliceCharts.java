package io.github.dlnkit.plot;

import io.github.dlnkit.slice.Slice1D;
import io.github.dlnkit.slice.Slice2D;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The loss along lines and on planes through a point. */
final class SliceCharts {
    private SliceCharts() {
    }

    /** See {@link Charts#slices(Map, ChartOptions)}. */
    static XYChart slices(Map<String, Slice1D> slices, ChartOptions o) {
        Charts.requireOptions(o);
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("slice chart needs at least one slice");
        }
        Plot p = Plot.create(o, "Loss along a direction", "t", "L(W + t delta)", o.logXOr(false), o.logYOr(false));
        int i = 0;
        for (Map.Entry<String, Slice1D> e : slices.entrySet()) {
            Color col = o.style().forGroup(e.getKey(), i++);
            XYSeries s = p.add(e.getKey(), e.getValue().t(), e.getValue().loss());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineWidth(2f);
            XYSeries at = p.add(e.getKey() + " at W", new double[]{0}, new double[]{e.getValue().base()});
            at.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            at.setMarker(SeriesMarkers.DIAMOND);
            at.setMarkerColor(col);
            at.setShowInLegend(false);
        }
        return p.finish(Plot.Legend.AUTO);
    }

    /** See {@link Charts#slice(Slice2D, ChartOptions, double, double)}. */
    static HeatMapChart slice(Slice2D s, ChartOptions o, double min, double max) {
        Charts.requireOptions(o);
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
        st.fitTitle(c);
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
        // the key: every band edge with the same number of decimals, enough to tell neighbouring edges apart
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10((max - min) / bands)) + 1);
        Function<Double, String> values = Math.max(Math.abs(min), Math.abs(max)) >= Axes.PLAIN_MAX || decimals > 6
                ? Axes.linear(min, max) : v -> new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
        c.getStyler().setPiecewise(true).setPiecewiseRanged(true).setSplitNumber(bands)
                .setRangeColors(ramp(bands + 1)) // one colour per band (+1: XChart indexes the top edge too)
                .setMin(min).setMax(max).setShowValue(false).setDrawBorder(false)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setHeatMapDecimalValueFormatter(values::apply);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Axes.linear(xs[0], xs[xs.length - 1]));
        c.getStyler().setyAxisTickLabelsFormattingFunction(Axes.linear(ts[0], ts[ts.length - 1]));
        c.addSeries(o.valueLabelOr("L"), xl, yl, cells);
        colourKeyTitle(c, o.valueLabelOr("L") + ": band lower ~ upper edge", st);
        return c;
    }

    /** The colour key's title, under the key in the bottom right corner (XChart's heat-map key has none). */
    private static void colourKeyTitle(HeatMapChart c, String text, ChartStyle st) {
        Font f = st.tickFont();
        double w = f.getStringBounds(text, new FontRenderContext(null, true, false)).getWidth();
        c.getStyler().setAnnotationTextFont(f);
        c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        c.addAnnotation(new AnnotationText(text, st.width() - w / 2 - 6, 12, true));
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

    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }
}
