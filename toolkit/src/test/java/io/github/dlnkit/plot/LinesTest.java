package io.github.dlnkit.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinesTest {

    @Test
    void seriesKeepTheirDataGroupsShareAColourAndClassNamesGetClassColours() {
        double[] x = {1, 2, 3};
        XYChart c = Lines.chart(ChartOptions.builder().title("t").xLabel("sigma").yLabel("epochs").logY(true).build(),
                Lines.Series.line("L(t), random start", x, new double[]{3, 2, 1}).group("random"),
                Lines.Series.dashed("bound, random start", x, new double[]{4, 3, 2}).group("random"),
                Lines.Series.points("other", x, new double[]{1, 1, 1}),
                Lines.Series.scatter("strict saddle", x, new double[]{5, 6, 7}),
                Lines.Series.points("non-strict saddle", x, new double[]{50, 60, 70}));
        XYSeries a = c.getSeriesMap().get("L(t), random start");
        XYSeries b = c.getSeriesMap().get("bound, random start");
        // a log axis is drawn as a linear axis of log10 values (labelled with the values themselves)
        assertArrayEquals(new double[]{Math.log10(3), Math.log10(2), 0}, a.getYData(), 1e-15);
        assertEquals(a.getLineColor(), b.getLineColor(), "one group, one colour");
        assertNotEquals(a.getLineColor(), c.getSeriesMap().get("other").getLineColor());
        assertEquals(ChartStyle.defaults().strict(), c.getSeriesMap().get("strict saddle").getMarkerColor());
        assertEquals(ChartStyle.defaults().nonStrict(), c.getSeriesMap().get("non-strict saddle").getLineColor());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getSeriesMap().get("strict saddle").getXYSeriesRenderStyle());
        assertTrue(Charts.isLogY(c));
        assertEquals("sigma", c.getXAxisTitle());
        BufferedImage img = ChartImages.toBufferedImage(c);
        assertEquals(ChartStyle.defaults().width(), img.getWidth());
        assertTrue(ChartsTest.colours(img) > 10);
    }

    @Test
    void longLinesAreThinnedButKeepTheirEnds() {
        int n = 10 * Charts.MAX_POINTS;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.exp(-1e-3 * i);
        }
        XYSeries s = Lines.chart(List.of(Lines.Series.line("decay", x, y)), null).getSeriesMap().get("decay");
        assertTrue(s.getXData().length <= Charts.MAX_POINTS);
        assertEquals(0, s.getXData()[0]);
        assertEquals(n - 1, s.getXData()[s.getXData().length - 1]);
    }

    @Test
    void badInputIsRefusedWithTheSeriesNamed() {
        double[] x = {1, 2};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lines.Series.line("m", x, new double[]{1}))
                .getMessage().contains("\"m\" has 2 x and 1 y values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lines.Series.line(" ", x, x))
                .getMessage().contains("name is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lines.chart(ChartOptions.builder().logY(true).build(),
                Lines.Series.line("loss", x, new double[]{1, 0}))).getMessage().contains("\"loss\" has y[1] = 0.0, expected finite and > 0 on a log y axis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lines.chart(ChartOptions.defaults(),
                Lines.Series.line("nan", new double[]{Double.NaN, 1}, x))).getMessage().contains("x[0] = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lines.chart(List.of(), null))
                .getMessage().contains("at least one series"));
    }
}
