package io.github.dlnkit.bench;

import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.plot.ChartImages;
import io.github.dlnkit.plot.ChartOptions;
import io.github.dlnkit.plot.Lines;
import io.github.dlnkit.stats.LineFit;
import org.knowm.xchart.XYChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Time versus problem size for each workload (W1 and W2 versus {@code n} at {@code H = 4}, W3 versus width, W5 versus
 * depth at width 64), with the exponent of a least-squares fit {@code log t = a + p log n}, and a log-log chart
 * drawn by the toolkit ({@link Lines}).
 */
public final class ScalingReport {
    private ScalingReport() {
    }

    /** One series: a workload on cases of growing size. */
    public record Series(Workload workload, String label, List<BenchResult> results) {
        /** Slope {@code p} of {@code log(median time)} against {@code log n} (points with time {@code >= 1 ms}). */
        public double exponent() {
            List<double[]> pts = new ArrayList<>();
            for (BenchResult r : results) {
                if (r.median() >= 1e-3) {
                    pts.add(new double[]{r.parameters(), r.median()});
                }
            }
            double[] n = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] t = pts.stream().mapToDouble(p -> p[1]).toArray();
            return LineFit.logLog(n, t).slope();
        }
    }

    /** The series of the report, each case built when asked for; {@code quick} keeps the smaller sizes only. */
    public static Map<String, Supplier<CaseFile>> seriesCases(Workload w, boolean quick) {
        Map<String, Supplier<CaseFile>> m = new LinkedHashMap<>();
        switch (w) {
            case W1 -> {
                for (int d : quick ? new int[]{4, 8} : new int[]{4, 8, 12, 16, 22}) {
                    m.put("width " + d, () -> BenchCases.spectrum(d));
                }
            }
            case W2 -> {
                for (int d : quick ? new int[]{8, 16} : new int[]{16, 32, 64, 128}) {
                    m.put("width " + d, () -> BenchCases.spectrum(d));
                }
            }
            case W3 -> {
                for (int d : quick ? new int[]{2, 4} : new int[]{8, 16, 32}) {
                    m.put("width " + d, () -> BenchCases.gradientDescent(d));
                }
            }
            case W5 -> {
                for (int h : quick ? new int[]{3, 4} : new int[]{3, 6, 9, 12}) {
                    m.put("depth " + h, () -> BenchCases.classification(quick ? 6 : 64, h));
                }
            }
            default -> throw new IllegalArgumentException("no scaling series for " + w.key()
                    + " (its instance is fixed by the section-12 protocol)");
        }
        return m;
    }

    /** Runs every series with the given options. */
    public static List<Series> run(boolean quick, BenchRunner.Options o) {
        List<Series> out = new ArrayList<>();
        for (Workload w : new Workload[]{Workload.W1, Workload.W2, Workload.W3, Workload.W5}) {
            List<BenchResult> rs = new ArrayList<>();
            for (var e : seriesCases(w, quick).entrySet()) {
                CaseFile c = e.getValue().get().withName(e.getKey());
                rs.add(BenchRunner.run(w, c, o));
                if (o.progress() != null) {
                    o.progress().note("bench report: " + rs.get(rs.size() - 1));
                }
            }
            out.add(new Series(w, w.key().toUpperCase(Locale.ROOT) + " (" + switch (w) {
                case W1 -> "dense Hessian + eigenvalues, H = 4";
                case W2 -> "Lanczos top-5 + min, H = 4";
                case W3 -> "100 GD runs x 3000 steps, H = 3";
                default -> "classify, width " + (quick ? 6 : 64) + ", H = 3..12";
            } + ")", rs));
        }
        return out;
    }

    /** Log-log chart: median time against the number of parameters, one line per workload. */
    public static XYChart chart(List<Series> series) {
        List<Lines.Series> lines = new ArrayList<>();
        for (Series s : series) {
            double[] x = s.results().stream().mapToDouble(BenchResult::parameters).toArray();
            double[] y = s.results().stream().mapToDouble(BenchResult::median).toArray();
            lines.add(Lines.Series.line(String.format(Locale.ROOT, "%s, slope %.2f", s.label(), s.exponent()), x, y));
        }
        XYChart chart = Lines.chart(lines, ChartOptions.builder().title("dlnkit scaling (median wall time, "
                + BenchRunner.backend() + ")").xLabel("parameters n").yLabel("seconds").logX(true).logY(true).build());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        return chart;
    }

    /** Markdown table of every point and the fitted exponents. */
    public static String markdown(List<Series> series) {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | case | n | min (s) | median (s) | figure | peak heap (MB) |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Series s : series) {
            for (BenchResult r : s.results()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %s = %.8g | %.0f |%n",
                        r.workload().key(), r.caseName(), r.parameters(), r.min(), r.median(), r.figure().name(),
                        r.figure().value(), r.peakHeapMb()));
            }
        }
        sb.append("\n| workload | fitted exponent p (t ~ n^p) |\n| --- | --- |\n");
        for (Series s : series) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f |%n", s.label(), s.exponent()));
        }
        return sb.toString();
    }

    /** Writes {@code scaling.png} and {@code scaling.md} into {@code dir}. */
    public static void write(List<Series> series, Path dir) {
        ChartImages.png(chart(series), dir.resolve("scaling.png"));
        io.github.dlnkit.io.OutputFiles.writeString(dir.resolve("scaling.md"), markdown(series));
    }
}
