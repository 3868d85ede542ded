package io.github.dlnkit.plot;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Charts are checked as a reader sees them: after XChart has laid a chart out (rendered it), every axis of every
 * gallery chart has at least 3 tick labels inside the plot, no two of them overlap (widths and heights measured
 * with the style's tick font), the labels of one axis share one number format and none is {@code -0}, and the
 * image is not blank.
 */
class ChartAxesTest {
    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern SCIENTIFIC = Pattern.compile("-?\\d(\\.\\d+)?e-?\\d+");
    private static List<Gallery.Entry> gallery;
    private static List<Gallery.Entry> small;

    @BeforeAll
    static void render() {
        gallery = Gallery.charts(true, null);
        small = Gallery.charts(true, ChartStyle.defaults().withSize(520, 330), null);
    }

    /** A laid-out tick label: its text and its centre in pixels along the axis. */
    record Tick(String label, double at) {
    }

    @Test
    void everyAxisOfEveryGalleryChartHasAtLeastThreeLabelsThatDoNotOverlap() throws Exception {
        for (List<Gallery.Entry> list : List.of(gallery, small)) {
            for (Gallery.Entry e : list) {
                Chart<?, ?> c = e.chart();
                BufferedImage img = ChartImages.toBufferedImage(c);
                String where = e.name() + " " + img.getWidth() + "x" + img.getHeight();
                assertNotBlank(img, where);
                Font font = c.getStyler() instanceof org.knowm.xchart.style.AxesChartStyler a ? a.getAxisTickLabelsFont() : null;
                List<Axis<?, ?>> axes = new ArrayList<>();
                axes.add(xAxis(c));
                axes.add(yAxis(c, 0));
                if (c instanceof XYChart xy && xy.getSeriesMap().values().stream().anyMatch(s -> s.getYAxisGroup() == 1)) {
                    axes.add(yAxis(c, 1));
                }
                for (int k = 0; k < axes.size(); k++) {
                    boolean x = k == 0;
                    String which = where + (x ? " x axis" : " y axis " + (k - 1));
                    List<Tick> ticks = laidOut(axes.get(k), x);
                    assertTrue(ticks.size() >= 3, which + ": " + ticks);
                    assertNoOverlap(ticks, font, x, which);
                    if (!e.name().equals("critical-values") || x) {
                        assertOneNumberFormat(ticks, which);
                    }
                }
            }
        }
    }

    @Test
    void sweepSummaryChartOfThePlateauAtlasKeepsItsPlotAreaAndLabels() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("user.dir")).getParent();
        var plan = io.github.dlnkit.sweep.SweepPlan.of(
                io.github.dlnkit.sweep.SweepSpec.read(root.resolve("examples/sweeps/plateau-atlas.json")));
        var rows = io.github.dlnkit.sweep.ResultsFile.readRows(root.resolve("docs/atlas/results.csv"));
        XYChart c = io.github.dlnkit.sweep.SweepReport.chart(plan, io.github.dlnkit.sweep.SweepReport.summaries(plan, rows));
        BufferedImage img = ChartImages.toBufferedImage(c);
        assertNotBlank(img, "plateau atlas");
        Font font = c.getStyler().getAxisTickLabelsFont();
        Axis<?, ?> x = xAxis(c);
        // a legend laid out in the wrong direction once squeezed the plot area to a few pixels
        assertTrue(x.getBounds().getWidth() > 0.6 * img.getWidth(), "plot area " + x.getBounds().getWidth() + " px wide");
        for (boolean isX : new boolean[]{true, false}) {
            List<Tick> ticks = laidOut(isX ? x : yAxis(c, 0), isX);
            assertTrue(ticks.size() >= 3, (isX ? "x" : "y") + ": " + ticks);
            assertNoOverlap(ticks, font, isX, "plateau atlas " + (isX ? "x" : "y"));
            assertOneNumberFormat(ticks, "plateau atlas " + (isX ? "x" : "y"));
        }
    }

    @Test
    void oneGroupEscapeHistogramHasOneSeriesAndNoRightAxis() {
        XYChart c = Charts.escapeHistogram(new int[]{12, 15, 20, 40, 300, -1}, "strict saddle");
        assertEquals(1, c.getSeriesMap().size(), () -> "series " + c.getSeriesMap().keySet());
        assertTrue(c.getSeriesMap().values().stream().allMatch(s -> s.getYAxisGroup() == 0));
        assertEquals("runs", c.getYAxisTitle());
        String name = c.getSeriesMap().keySet().iterator().next();
        assertTrue(name.contains("5 escaped") && name.contains("1 censored"), name);
    }

    @Test
    void logAxesOnlyBeyondADecadeAndThenWithIntermediateLabels() throws Exception {
        double[] k = new double[300];
        double[] shallow = new double[300];
        double[] steep = new double[300];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
            shallow[i] = 6 - 4.0 * i / k.length; // 6 -> 2: less than a decade
            steep[i] = 30 * Math.exp(-i / 100.0); // 30 -> 1.5: more than a decade
        }
        XYChart lin = Charts.lossCurves(List.of(shallow), List.of("run"));
        XYChart log = Charts.lossCurves(List.of(steep), List.of("run"));
        assertFalse(Charts.isLogY(lin));
        assertTrue(Charts.isLogY(log));
        for (XYChart c : List.of(lin, log)) {
            ChartImages.toBufferedImage(c);
            List<Tick> y = laidOut(yAxis(c, 0), false);
            assertTrue(y.size() >= 3, y.toString());
            assertOneNumberFormat(y, "loss axis");
        }
        // 1.5 .. 30 on a log axis: labels between the decades, not just "10"
        assertTrue(laidOut(yAxis(log, 0), false).stream().anyMatch(t -> !t.label().matches("1|10|100")),
                laidOut(yAxis(log, 0), false).toString());
    }

    @Test
    void numberFormatsAreOnePerAxisAndNeverMinusZero() {
        var lin = Axes.linear(-1, 1);
        assertEquals("0", lin.apply(-1e-17));
        assertEquals("-0.5", lin.apply(-0.5));
        var small = Axes.linear(0, 3e-7);
        assertEquals("1.5e-7", small.apply(1.5e-7));
        assertEquals("0", small.apply(0.0));
        var log = Axes.log(1e-4, 10);
        assertEquals("1e-4", log.apply(-4.0));
        assertEquals("1e0", log.apply(0.0));
        assertEquals("3.2e-1", log.apply(-0.5));
        var plain = Axes.log(1, 1e4);
        assertEquals("1000", plain.apply(3.0));
        assertEquals("10000", plain.apply(4.0));
        assertEquals("3.2", plain.apply(0.5));
    }

    // ---------------------------------------------------------------- helpers

    static Axis<?, ?> xAxis(Chart<?, ?> c) throws Exception {
        Method m = Chart.class.getDeclaredMethod("getXAxis");
        m.setAccessible(true);
        return (Axis<?, ?>) m.invoke(c);
    }

    static Axis<?, ?> yAxis(Chart<?, ?> c, int group) throws Exception {
        Method m = Chart.class.getDeclaredMethod("getYAxis", int.class);
        m.setAccessible(true);
        return (Axis<?, ?>) m.invoke(c, group);
    }

    /** The labels XChart paints: non-null, not blank, strictly inside the axis (as {@code AxisTickLabels} does). */
    static List<Tick> laidOut(Axis<?, ?> axis, boolean x) {
        var calc = axis.getAxisTickCalculator();
        double length = x ? axis.getBounds().getWidth() : axis.getBounds().getHeight();
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < calc.getTickLabels().size(); i++) {
            String label = calc.getTickLabels().get(i);
            double at = calc.getTickLocations().get(i);
            if (label != null && !label.isBlank() && at > 0 && at < length) {
                out.add(new Tick(label, at));
            }
        }
        return out;
    }

    static void assertNoOverlap(List<Tick> ticks, Font font, boolean x, String where) {
        FontRenderContext frc = new FontRenderContext(null, true, false);
        List<Tick> sorted = new ArrayList<>(ticks);
        sorted.sort(java.util.Comparator.comparingDouble(Tick::at));
        for (int i = 1; i < sorted.size(); i++) {
            Rectangle2D a = new TextLayout(sorted.get(i - 1).label(), font, frc).getBounds();
            Rectangle2D b = new TextLayout(sorted.get(i).label(), font, frc).getBounds();
            double gap = sorted.get(i).at() - sorted.get(i - 1).at();
            double need = x ? (a.getWidth() + b.getWidth()) / 2 + 2 : (a.getHeight() + b.getHeight()) / 2 + 1;
            assertTrue(gap >= need, where + ": labels \"" + sorted.get(i - 1).label() + "\" and \"" + sorted.get(i).label()
                    + "\" are " + gap + " px apart, need " + need);
        }
    }

    static void assertOneNumberFormat(List<Tick> ticks, String where) {
        boolean sci = ticks.stream().anyMatch(t -> SCIENTIFIC.matcher(t.label()).matches());
        for (Tick t : ticks) {
            assertFalse(t.label().equals("-0"), where + ": a -0 tick");
            assertTrue((sci ? SCIENTIFIC : PLAIN).matcher(t.label()).matches() || (sci && t.label().equals("0")),
                    where + ": \"" + t.label() + "\" does not follow the axis' " + (sci ? "scientific" : "plain") + " format in " + ticks);
        }
    }

    static void assertNotBlank(BufferedImage img, String where) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        int background = img.getRGB(0, 0);
        long other = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                colours.add(rgb);
                other += rgb != background ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 20 && other > img.getWidth() * img.getHeight() / 4 / 50,
                where + ": " + colours.size() + " colours, " + other + " pixels off the background");
    }
}
