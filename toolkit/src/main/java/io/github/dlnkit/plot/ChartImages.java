package io.github.dlnkit.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import io.github.dlnkit.io.OutputFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Rendering any XChart chart headless: to a {@link BufferedImage} (inline in IJava notebooks), a PNG file or an SVG
 * file (XChart's {@link VectorGraphicsEncoder}, backed by VectorGraphics2D, which XChart 3.8.8 brings along).
 * Files are written atomically ({@link OutputFiles}); parent directories are created. Works with {@code java.awt.headless=true}.
 */
public final class ChartImages {
    private ChartImages() {
    }

    /** The chart as an image of its own size. */
    public static BufferedImage toBufferedImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(requireChart(chart));
    }

    /** Writes a PNG; returns {@code path}. */
    public static Path png(Chart<?, ?> chart, Path path) {
        requireChart(chart);
        return OutputFiles.write(requirePath(path), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Writes an SVG; returns {@code path}. */
    public static Path svg(Chart<?, ?> chart, Path path) {
        requireChart(chart);
        return OutputFiles.write(requirePath(path),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }

    /** PNG or SVG by the file extension ({@code .png} / {@code .svg}). */
    public static Path save(Chart<?, ?> chart, Path path) {
        String name = path == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".png")) {
            return png(chart, path);
        }
        if (name.endsWith(".svg")) {
            return svg(chart, path);
        }
        throw new IllegalArgumentException("chart file " + path + " has an unknown extension, expected .png or .svg");
    }

    private static Chart<?, ?> requireChart(Chart<?, ?> chart) {
        if (chart == null) {
            throw new IllegalArgumentException("chart is missing (null)");
        }
        return chart;
    }

    private static Path requirePath(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("output path is missing (null)");
        }
        return path;
    }
}
