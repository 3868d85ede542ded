package io.github.dlnkit.plot;

import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    /** Distinct colours in a coarse sample: a blank or single-colour image has 1. */
    static int colours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 3) {
            for (int y = 0; y < img.getHeight(); y += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }

    @Test
    void everyGalleryChartRendersHeadlessToANonBlankImageOfTheRequestedSize(@TempDir Path dir) throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true");
        ChartStyle style = ChartStyle.defaults().withSize(520, 330);
        List<Gallery.Entry> charts = Gallery.charts(true, style, null);
        Set<String> names = new HashSet<>();
        for (Gallery.Entry e : charts) {
            names.add(e.name());
            BufferedImage img = ChartImages.toBufferedImage(e.chart());
            assertEquals(520, img.getWidth(), e.name());
            assertEquals(330, img.getHeight(), e.name());
            assertTrue(colours(img) > 20, e.name() + ": " + colours(img) + " colours");
            Path png = ChartImages.png(e.chart(), dir.resolve("sub/" + e.name() + ".png"));
            BufferedImage back = ImageIO.read(png.toFile());
            assertEquals(img.getWidth(), back.getWidth());
        }
        assertEquals(Set.of("loss-curves", "escape-histogram", "spectrum-index", "spectral-density", "slice-1d", "slice-2d",
                "critical-values", "singular-values", "convergence"), names);
    }

    @Test
    void requestedSizeAndSvgIsValidXml(@TempDir Path dir) throws Exception {
        XYChart c = Charts.lossCurves(List.of(new double[]{5, 4, 3, 1}, new double[]{5, 5, 4.9, 4}),
                List.of("strict", "non-strict"), ChartOptions.builder().size(400, 250).alpha(1).build());
        BufferedImage img = ChartImages.toBufferedImage(c);
        assertEquals(400, img.getWidth());
        assertEquals(250, img.getHeight());
        // class colours: strict red and non-strict blue both present
        Set<Integer> rgb = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                rgb.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(rgb.contains(ChartStyle.defaults().strict().getRGB() & 0xFFFFFF));
        assertTrue(rgb.contains(ChartStyle.defaults().nonStrict().getRGB() & 0xFFFFFF));
        for (Chart<?, ?> chart : List.<Chart<?, ?>>of(c, Gallery.charts(true, null).get(5).chart())) {
            Path svg = ChartImages.save(chart, dir.resolve("c" + chart.hashCode() + ".svg"));
            assertTrue(Files.size(svg) > 1000);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
            var doc = f.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getNodeName());
        }
        assertThrows(IllegalArgumentException.class, () -> ChartImages.save(c, dir.resolve("x.gif")));
    }

    @Test
    void rateFitRecoversAGeometricSequence() {
        double[] k = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            k[i] = i;
            y[i] = 3 * Math.pow(0.9, i);
        }
        Charts.RateFit f = Charts.fitRate(k, y, 0, 49);
        assertEquals(0.9, f.rate(), 1e-12);
        assertEquals(3, f.at(0), 1e-10);
        assertEquals(1, f.r2(), 1e-12);
        assertTrue(Charts.convergence(k, y).getSeriesMap().keySet().stream().anyMatch(s -> s.contains("0.900000")));
    }

    @Test
    void histogramCountsEveryEscapedRunOnce() {
        double[][] h = LossCharts.histogram(new int[]{10, 20, 20, 1000, -1}, 5, 2000, 10, true);
        double total = 0;
        for (double v : h[1]) {
            total += v;
        }
        assertEquals(4, total);
        var chart = Charts.escapeHistogram(new int[]{10, 12, -1}, "strict", new int[]{1000, 1500}, "non-strict");
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(s -> s.contains("1 censored")));
        assertEquals(1, chart.getSeriesMap().values().stream().filter(s -> s.getYAxisGroup() == 1).count());
    }

    @Test
    void thinningKeepsEndpoints() {
        double[] x = new double[10000];
        double[] y = new double[10000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = 1.0 / (i + 1);
        }
        for (boolean log : new boolean[]{true, false}) {
            double[][] t = Charts.thin(x, y, log);
            assertTrue(t[0].length <= Charts.MAX_POINTS && t[0].length > 100);
            assertEquals(1, t[0][0]);
            assertEquals(10000, t[0][t[0].length - 1]);
        }
    }

    @Test
    void badInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Charts.lossCurves(List.of(new double[]{1, 2, 3}), List.of()))
                .getMessage().contains("one group name per curve"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Charts.lossCurves(List.of(new double[]{1, 0, 3}), List.of("a"),
                ChartOptions.builder().logY(true).build())).getMessage().contains("logY(false)"));
        assertTrue(Charts.isLogY(Charts.lossCurves(List.of(new double[]{100, 10, 1, 0.5}), List.of("a"))));
        assertTrue(!Charts.isLogY(Charts.lossCurves(List.of(new double[]{5, 4, 1}), List.of("a"))));
        assertTrue(!Charts.isLogY(Charts.lossCurves(List.of(new double[]{5, 0, 1}), List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> Charts.escapeHistogram(new int[]{-1}, "a", new int[]{-1}, "b"));
        assertThrows(IllegalArgumentException.class, () -> Charts.spectrumIndex(new double[0], 0, ChartOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Charts.criticalValues(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Charts.singularValues(new double[]{1, 2}, new double[][]{{1}}));
        assertThrows(IllegalArgumentException.class, () -> Charts.convergence(new double[]{1, 2, 3}, new double[]{0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ChartOptions.builder().alpha(0).build());
        assertThrows(IllegalArgumentException.class, () -> ChartOptions.builder().bins(1).build());
        assertThrows(IllegalArgumentException.class, () -> ChartStyle.defaults().withSize(10, 10));
        assertThrows(IllegalArgumentException.class, () -> ChartImages.png(null, Path.of("x.png")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Charts.spectrumIndex(new double[]{1}, 0, null))
                .getMessage().contains("chart options"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Charts.lossCurves(List.of(new double[]{1, 2, 3}),
                List.of("a"), null)).getMessage().contains("chart options"));
        // critical values chart puts a value on every row it can have
        var cv = CriticalValues.of(Datasets.diagonal(3, 2, 1), Architecture.of(3, 1, 3));
        assertTrue(Charts.criticalValues(cv.entries()).getSeriesMap().size() >= 2);
    }
}
