package io.github.dlnkit.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rendering any XChart chart headless: to a {@link BufferedImage} (inline in IJava notebooks), a PNG file or an SVG
 * file (XChart's {@link VectorGraphicsEncoder}, backed by VectorGraphics2D, which XChart 3.8.8 brings along).
 * Parent directories are created. Works with {@code java.awt.headless=true}.
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
        try (OutputStream out = Files.newOutputStream(prepare(path))) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    /** Writes an SVG; returns {@code path}. */
    public static Path svg(Chart<?, ?> chart, Path path) {
        requireChart(chart);
        try (OutputStream out = Files.newOutputStream(prepare(path))) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SVG " + path + ": " + e.getMessage(), e);
        }
        return path;
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

    private static Path prepare(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("output path is missing (null)");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return path;
    }
}
