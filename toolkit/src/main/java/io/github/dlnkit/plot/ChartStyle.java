package io.github.dlnkit.plot;

import io.github.dlnkit.critical.PointClass;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * The one look shared by every dlnkit chart: size, fonts, palette and the class colours of Achour et al. (2024),
 * Fig. 3 (strict saddles red, non-strict saddles blue; global minimizers green).
 *
 * @param width      pixels
 * @param height     pixels
 * @param titleFont  chart title
 * @param axisFont   axis titles
 * @param tickFont   tick labels and legend
 * @param palette    colours for groups without a class name, in order
 * @param strict     strict saddles
 * @param nonStrict  non-strict saddles
 * @param global     global minimizers
 * @param neutral    everything else (zero eigenvalues, not critical)
 * @param background plot background
 */
public record ChartStyle(int width, int height, Font titleFont, Font axisFont, Font tickFont, Color[] palette,
                         Color strict, Color nonStrict, Color global, Color neutral, Color background) {
    public ChartStyle {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("chart size is " + width + "x" + height + " pixels, expected at least 50x50");
        }
        if (palette == null || palette.length == 0) {
            throw new IllegalArgumentException("chart palette is empty, expected at least one colour");
        }
        palette = palette.clone();
    }

    /** 760 x 420, SansSerif, a colour-blind-friendly palette (Tableau 10), red/blue/green for the classes. */
    public static ChartStyle defaults() {
        return new ChartStyle(760, 420, new Font(Font.SANS_SERIF, Font.BOLD, 15), new Font(Font.SANS_SERIF, Font.PLAIN, 13),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11),
                new Color[]{new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
                        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
                        new Color(0xBCBD22), new Color(0x17BECF)},
                new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x7F7F7F), Color.WHITE);
    }

    /** The same style at another size. */
    public ChartStyle withSize(int w, int h) {
        return new ChartStyle(w, h, titleFont, axisFont, tickFont, palette, strict, nonStrict, global, neutral, background);
    }

    @Override
    public Color[] palette() {
        return palette.clone();
    }

    /** The colour of a class ({@link #neutral} for {@code NOT_CRITICAL}). */
    public Color of(PointClass c) {
        return switch (c) {
            case STRICT_SADDLE -> strict;
            case NON_STRICT_SADDLE -> nonStrict;
            case GLOBAL_MIN -> global;
            case NOT_CRITICAL -> neutral;
        };
    }

    /**
     * The colour of a group: class colours for names containing "non-strict"/"nonstrict", "strict" or "global"
     * (case-insensitive), else the palette colour of its position.
     */
    public Color forGroup(String name, int index) {
        String k = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (k.contains("non-strict") || k.contains("nonstrict") || k.contains("non_strict")) {
            return nonStrict;
        }
        if (k.contains("strict")) {
            return strict;
        }
        if (k.contains("global")) {
            return global;
        }
        return palette[Math.floorMod(index, palette.length)];
    }

    /** {@code c} with alpha in {@code [0, 1]}. */
    public static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

    /**
     * Makes a chart's title fit its width: a smaller title font first (down to the tick font's size), then the
     * title cut with "...".
     */
    public void fitTitle(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        String t = chart.getTitle();
        if (t == null || t.isEmpty()) {
            return;
        }
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        double room = 0.8 * chart.getWidth() - 16; // XChart centres the title over the plot, not the whole chart
        Font f = titleFont;
        while (f.getStringBounds(t, frc).getWidth() > room && f.getSize2D() > tickFont.getSize2D()) {
            f = f.deriveFont(f.getSize2D() - 1);
        }
        chart.getStyler().setChartTitleFont(f);
        if (f.getStringBounds(t, frc).getWidth() > room) {
            while (t.length() > 4 && f.getStringBounds(t + "...", frc).getWidth() > room) {
                t = t.substring(0, t.length() - 1);
            }
            chart.setTitle(t.stripTrailing() + "...");
        }
    }

    /** Applies fonts, background, legend and grid settings to any chart styler. */
    public void apply(Styler s) {
        s.setChartTitleFont(titleFont);
        s.setLegendFont(tickFont);
        s.setChartBackgroundColor(background);
        s.setPlotBackgroundColor(background);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
        s.setPlotBorderColor(new Color(0x999999));
        s.setSeriesColors(palette);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(axisFont);
            a.setAxisTickLabelsFont(tickFont);
            a.setPlotGridLinesColor(new Color(0xE5E5E5));
            a.setAxisTickMarkLength(4);
        }
    }
}
