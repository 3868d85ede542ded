package io.github.dlnkit.plot;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.slice.Slice2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pictures that compare several things at a glance: images side by side, heat maps of several 2D slices on one shared
 * colour scale (so equal colours mean equal loss across panels), and the pivots of a classified critical point drawn
 * on its layer chain (Definitions 3-6, Theorem 7 of Achour et al.: an arc from layer {@code j} to layer {@code i} for
 * each pivot {@code (i, j)}, in the global-minimum colour when tightened, thicker and in the strict colour when not).
 */
public final class Panels {
    private Panels() {
    }

    /** The images next to each other, top-aligned, on the chart background; at least one image. */
    public static BufferedImage sideBySide(BufferedImage... images) {
        return sideBySide(ChartStyle.defaults().background(), images);
    }

    /** As {@link #sideBySide(BufferedImage...)} on a given background colour. */
    public static BufferedImage sideBySide(Color background, BufferedImage... images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("no images to put side by side (expected at least one)");
        }
        int w = 0;
        int h = 0;
        for (int k = 0; k < images.length; k++) {
            if (images[k] == null) {
                throw new IllegalArgumentException("image " + k + " of " + images.length + " is missing (null)");
            }
            w += images[k].getWidth();
            h = Math.max(h, images[k].getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(background == null ? Color.WHITE : background);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage im : images) {
            g.drawImage(im, x, 0, null);
            x += im.getWidth();
        }
        g.dispose();
        return out;
    }

    /**
     * Heat maps of the slices (title = map key), side by side, every panel with the colour scale of the smallest and
     * largest loss over <em>all</em> slices. {@code o} sets the size of each panel and the number of bands.
     */
    public static BufferedImage slices(Map<String, Slice2D> slices, ChartOptions o) {
        return slices(slices, o, true);
    }

    /**
     * Heat maps of the slices side by side: with {@code sharedScale} one colour scale over all of them (equal colours
     * mean equal loss in every panel, and the keys are identical), otherwise each panel on its own range (finer
     * bands, but colours cannot be compared across panels).
     */
    public static BufferedImage slices(Map<String, Slice2D> slices, ChartOptions o, boolean sharedScale) {
        boolean shared = sharedScale;
        Charts.requireOptions(o);
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("no 2D slices to compare (expected at least one)");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Slice2D s : slices.values()) {
            if (s == null) {
                throw new IllegalArgumentException("a 2D slice is missing (null)");
            }
            min = Math.min(min, s.min());
            max = Math.max(max, s.max());
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (Map.Entry<String, Slice2D> e : slices.entrySet()) {
            ChartOptions each = o.withTitle(e.getKey());
            Slice2D s = e.getValue();
            panels.add(ChartImages.toBufferedImage(shared ? Charts.slice(s, each, min, max) : Charts.slice(s, each)));
        }
        return sideBySide(o.style().background(), panels.toArray(new BufferedImage[0]));
    }

    /**
     * The layer chain {@code W_1 .. W_H} of a classified point with one arc per pivot {@code (i, j)} from {@code j} to
     * {@code i} (height proportional to {@code i - j}): tightened pivots thin, in the style's global colour; pivots that
     * are not tightened thick, in its strict colour. A point without pivots shows the bare chain.
     */
    public static XYChart pivotChain(Classification c, ChartOptions o) {
        Charts.requireOptions(o);
        if (c == null) {
            throw new IllegalArgumentException("classification is missing (null)");
        }
        int depth = c.architecture().depth();
        ChartStyle st = o.style();
        XYChart ch = new XYChartBuilder().width(st.width()).height(st.height())
                .title(o.titleOr(c.pointClass() + ": pivots (i, j) as arcs, * = not tightened"))
                .xAxisTitle(o.xLabelOr("layer h")).yAxisTitle(o.yLabelOr(" ")).build();
        st.apply(ch.getStyler());
        st.fitTitle(ch);
        var styler = ch.getStyler();
        styler.setLegendVisible(false);
        styler.setYAxisTicksVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setYAxisMin(-0.3);
        styler.setYAxisMax(Math.max(1.0, 0.6 * (depth - 1)) + 0.3);
        styler.setXAxisMin(0.5);
        styler.setXAxisMax(depth + 0.5);
        styler.setMarkerSize(12);
        XYSeries axis = ch.addSeries("chain", new double[]{1, depth}, new double[]{0, 0});
        axis.setLineColor(Color.GRAY);
        axis.setMarker(SeriesMarkers.NONE);
        for (Pivot p : c.pivots()) {
            double[][] arc = arc(p.i(), p.j(), 40);
            XYSeries s = ch.addSeries("(" + p.i() + "," + p.j() + ")" + (p.tightened() ? "" : "*"), arc[0], arc[1]);
            s.setLineColor(p.tightened() ? st.global() : st.strict());
            s.setLineWidth(p.tightened() ? 2f : 3.5f);
            s.setMarker(SeriesMarkers.NONE);
        }
        double[] lx = new double[depth];
        for (int h = 1; h <= depth; h++) {
            lx[h - 1] = h;
        }
        XYSeries nodes = ch.addSeries("W_h", lx, new double[depth]);
        nodes.setMarker(SeriesMarkers.CIRCLE);
        nodes.setMarkerColor(Color.DARK_GRAY);
        nodes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return ch;
    }

    /**
     * Pivot chains of several points side by side (title = map key), each panel of the size in {@code o}: the
     * picture that tells A from A' in notebook 03.
     */
    public static BufferedImage pivotChains(Map<String, Classification> points, ChartOptions o) {
        Charts.requireOptions(o);
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("no classified points to draw (expected at least one)");
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (Map.Entry<String, Classification> e : points.entrySet()) {
            ChartOptions each = o.withTitle(e.getKey());
            panels.add(ChartImages.toBufferedImage(pivotChain(e.getValue(), each)));
        }
        return sideBySide(o.style().background(), panels.toArray(new BufferedImage[0]));
    }

    /** A half-ellipse from {@code j} to {@code i} on the axis, {@code n + 1} points, height {@code 0.6 (i - j)}. */
    static double[][] arc(int i, int j, int n) {
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double th = Math.PI * k / n;
            x[k] = (i + j) / 2.0 - (i - j) / 2.0 * Math.cos(th);
            y[k] = (i - j) * 0.6 * Math.sin(th);
        }
        return new double[][]{x, y};
    }
}
