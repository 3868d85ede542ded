package io.github.dlnkit.plot;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.slice.Direction;
import io.github.dlnkit.slice.Directions;
import io.github.dlnkit.slice.Slice2D;
import io.github.dlnkit.slice.Slices;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelsTest {

    static BufferedImage filled(int w, int h, Color c) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = im.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return im;
    }

    @Test
    void sideBySidePlacesImagesLeftToRightTopAligned() {
        BufferedImage out = Panels.sideBySide(Color.WHITE, filled(10, 20, Color.RED), filled(30, 5, Color.BLUE));
        assertEquals(40, out.getWidth());
        assertEquals(20, out.getHeight());
        assertEquals(Color.RED.getRGB(), out.getRGB(9, 19));
        assertEquals(Color.BLUE.getRGB(), out.getRGB(10, 0));
        assertEquals(Color.BLUE.getRGB(), out.getRGB(39, 4));
        assertEquals(Color.WHITE.getRGB(), out.getRGB(39, 5), "below the shorter image: background");
    }

    /** A' has one more pivot than A, (3,2), not tightened: drawn as a thick arc in the strict colour. */
    @Test
    void pivotChainDrawsOneArcPerPivotColouredByTightening() {
        WorkedExample a = WorkedExamples.a();
        WorkedExample ap = WorkedExamples.aPrime();
        Classification ca = Classifier.classify(a.data(), a.point());
        Classification cap = Classifier.classify(ap.data(), ap.point());
        ChartStyle st = ChartStyle.defaults();
        XYChart chartA = Panels.pivotChain(ca, ChartOptions.defaults());
        XYChart chartAp = Panels.pivotChain(cap, ChartOptions.defaults());
        assertEquals(ca.pivots().size() + 2, chartA.getSeriesMap().size(), "axis + nodes + one arc per pivot");
        assertEquals(cap.pivots().size() + 2, chartAp.getSeriesMap().size());
        assertEquals(ca.pivots().size() + 1, cap.pivots().size());
        var untight = chartAp.getSeriesMap().get("(3,2)*");
        assertTrue(untight != null, () -> "series " + chartAp.getSeriesMap().keySet());
        assertEquals(st.strict(), untight.getLineColor());
        assertEquals(st.global(), chartA.getSeriesMap().get("(3,1)").getLineColor());
        double[][] arc = Panels.arc(3, 2, 40);
        assertEquals(2.0, arc[0][0], 1e-12);
        assertEquals(3.0, arc[0][40], 1e-12);
        assertEquals(0.6, arc[1][20], 1e-12);
        BufferedImage both = Panels.pivotChains(Map.of("A", ca), ChartOptions.builder().size(300, 200).build());
        assertEquals(300, both.getWidth());
        assertTrue(ChartsTest.colours(both) > 3, "not blank");
    }

    /** Two slices on one scale: each panel's colour bar spans the union of both ranges. */
    @Test
    void slicesShareOneColourScale() {
        WorkedExample e4 = WorkedExamples.e4();
        Direction d1 = Directions.random(e4.point(), Directions.Normalization.UNIT, 1);
        Direction d2 = Directions.random(e4.point(), Directions.Normalization.UNIT, 2);
        Slice2D small = Slices.plane(e4.loss(), e4.point(), d1, d2, 0.1, 9);
        Slice2D large = Slices.plane(e4.loss(), e4.point(), d1, d2, 1.0, 9);
        Map<String, Slice2D> m = new LinkedHashMap<>();
        m.put("small", small);
        m.put("large", large);
        BufferedImage img = Panels.slices(m, ChartOptions.builder().size(320, 260).build());
        assertEquals(640, img.getWidth());
        assertEquals(260, img.getHeight());
        var shared = Charts.slice(small, ChartOptions.defaults(), Math.min(small.min(), large.min()),
                Math.max(small.max(), large.max()));
        assertEquals(Math.max(small.max(), large.max()), shared.getStyler().getMax(), 0);
        assertEquals(Math.min(small.min(), large.min()), shared.getStyler().getMin(), 0);
        assertThrows(IllegalArgumentException.class, () -> Charts.slice(small, ChartOptions.defaults(), 2, 1));
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> Panels.sideBySide());
        assertThrows(IllegalArgumentException.class, () -> Panels.sideBySide(Color.WHITE, (BufferedImage) null));
        assertThrows(IllegalArgumentException.class, () -> Panels.pivotChain(null, ChartOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Panels.slices(Map.of(), ChartOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Panels.pivotChains(Map.of(), null));
    }
}
