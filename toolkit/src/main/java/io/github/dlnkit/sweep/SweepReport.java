package io.github.dlnkit.sweep;

import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.plot.ChartOptions;
import io.github.dlnkit.plot.Lines;
import io.github.dlnkit.stats.LineFit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries of a finished sweep, computed from the rows of {@code results.csv}: one {@link Summary} per
 * configuration (case x grid point) and, for escape sweeps over {@code sigma}, one {@link Fit} per case and other
 * grid point: the exponent of {@code median escape epoch ~ sigma^b} ({@link LineFit#logLog}) beside the prediction
 * {@code -(p - 2)} for a non-strict saddle whose witness has order {@code p}, and the slope of
 * {@code median ~ a + s log(1/sigma)} ({@link LineFit#of}) beside {@code 1 / (eta |lambda_min|)} for a strict saddle.
 */
public final class SweepReport {
    private SweepReport() {
    }

    /**
     * One configuration's summary of the experiment's measure ({@link Experiment#measure}).
     *
     * @param caseName  the case
     * @param cells     its grid values as written in {@code results.csv}
     * @param values    the same as numbers
     * @param count     rows
     * @param censored  rows without a value (escape: censored runs; train: diverged runs; classify: no witness)
     * @param median    median, censored rows counted as {@code +infinity} (type-7 quantiles, as {@code EscapeExperiment})
     * @param q1        first quartile
     * @param q3        third quartile
     */
    public record Summary(String caseName, List<String> cells, double[] values, int count, int censored, double median,
                          double q1, double q3) {
    }

    /**
     * A fit over sigma for one case and one point of the other grid keys.
     *
     * @param caseName        the case
     * @param others          the other grid keys' cells ({@code key=value})
     * @param pointClass      the case's class
     * @param order           witness order {@code p} (0 when none)
     * @param lr              the step {@code eta}
     * @param points          sigma values with a finite median
     * @param exponent        fitted {@code b} in {@code median ~ sigma^b}
     * @param exponentError   its standard error (NaN below 3 points)
     * @param predicted       {@code -(p-2)} for a non-strict saddle, NaN otherwise
     * @param slope           fitted {@code s} in {@code median ~ a + s ln(1/sigma)}
     * @param slopeError      its standard error
     * @param predictedSlope  {@code 1/(eta |lambda_min|)} for a strict saddle, NaN otherwise
     */
    public record Fit(String caseName, String others, PointClass pointClass, int order, double lr, int points,
                      double exponent, double exponentError, double predicted, double slope, double slopeError,
                      double predictedSlope) {
    }

    /** Summaries in plan order (cases, then grid points), from the rows of {@code results.csv}. */
    public static List<Summary> summaries(SweepPlan plan, List<List<String>> rows) {
        int g = plan.gridKeys().size();
        int m = plan.header().indexOf(plan.experiment().measure());
        int cens = plan.experiment() == Experiment.ESCAPE ? plan.header().indexOf("censored") : -1;
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        Map<String, List<String>> first = new LinkedHashMap<>();
        List<SweepTask> tasks = plan.tasks();
        for (SweepTask t : tasks) {
            if (t.run() == 0) {
                String k = t.caseName() + "|" + String.join("|", t.valueCells());
                groups.put(k, new ArrayList<>());
                List<String> id = new ArrayList<>();
                id.add(t.caseName());
                id.addAll(t.valueCells());
                first.put(k, id);
            }
        }
        for (List<String> r : rows) {
            String k = String.join("|", r.subList(0, 1 + g));
            List<Double> l = groups.get(k);
            if (l == null) {
                continue;
            }
            boolean censored = cens >= 0 ? "true".equals(r.get(cens)) : r.get(m).isEmpty();
            l.add(censored ? Double.POSITIVE_INFINITY : Double.parseDouble(r.get(m)));
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : groups.entrySet()) {
            List<String> id = first.get(e.getKey());
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int c = (int) Arrays.stream(v).filter(Double::isInfinite).count();
            double[] values = id.subList(1, id.size()).stream().mapToDouble(Double::parseDouble).toArray();
            out.add(new Summary(id.get(0), id.subList(1, id.size()), values, v.length, c, quantile(v, 0.5),
                    quantile(v, 0.25), quantile(v, 0.75)));
        }
        return out;
    }

    /** Type-7 quantile of ascending values (NaN for none). */
    static double quantile(double[] s, double q) {
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        if (lo == hi || s[lo] == s[hi]) {
            return s[lo];
        }
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Columns of {@code summary.csv}. */
    public static List<String> summaryHeader(SweepPlan plan) {
        List<String> h = new ArrayList<>();
        h.add("case");
        h.addAll(plan.gridKeys());
        h.addAll(List.of("measure", "count", "censored", "median", "q1", "q3"));
        return h;
    }

    /** A summary as a row of {@code summary.csv} (a quantile that falls on a censored row is an empty cell). */
    public static List<String> summaryRow(SweepPlan plan, Summary s) {
        List<String> r = new ArrayList<>();
        r.add(s.caseName());
        r.addAll(s.cells());
        r.add(plan.experiment().measure());
        r.add(Integer.toString(s.count()));
        r.add(Integer.toString(s.censored()));
        for (double q : new double[]{s.median(), s.q1(), s.q3()}) {
            r.add(Double.isInfinite(q) ? "" : Csv.number(q));
        }
        return r;
    }

    /** Fits over sigma (escape sweeps whose grid holds two or more sigmas; empty otherwise). */
    public static List<Fit> fits(SweepPlan plan, List<Summary> summaries, List<CaseInfo> cases) {
        int si = plan.gridKeys().indexOf("sigma");
        if (plan.experiment() != Experiment.ESCAPE || si < 0 || plan.grid().get("sigma").size() < 2) {
            return List.of();
        }
        Map<String, List<Summary>> groups = new LinkedHashMap<>();
        for (Summary s : summaries) {
            groups.computeIfAbsent(s.caseName() + "|" + others(plan, s, si), k -> new ArrayList<>()).add(s);
        }
        List<Fit> out = new ArrayList<>();
        for (List<Summary> l : groups.values()) {
            Summary s0 = l.get(0);
            CaseInfo info = cases.stream().filter(c -> c.name().equals(s0.caseName())).findFirst().orElseThrow();
            double lr = plan.gridKeys().contains("lr") ? s0.values()[plan.gridKeys().indexOf("lr")] : plan.fixed().get("lr");
            double[] sigma = l.stream().mapToDouble(s -> s.values()[si]).toArray();
            double[] med = l.stream().mapToDouble(Summary::median).toArray();
            double[] logInv = Arrays.stream(sigma).map(x -> Math.log(1 / x)).toArray();
            double[] medFinite = Arrays.stream(med).map(x -> Double.isFinite(x) ? x : Double.NaN).toArray();
            LineFit power = LineFit.logLog(sigma, medFinite);
            LineFit lin = LineFit.of(logInv, medFinite);
            boolean nonStrict = info.pointClass() == PointClass.NON_STRICT_SADDLE && info.order() > 0;
            boolean strict = info.pointClass() == PointClass.STRICT_SADDLE && info.hessianMin() < 0;
            out.add(new Fit(s0.caseName(), others(plan, s0, si), info.pointClass(), info.order(), lr, power.points(),
                    power.slope(), power.slopeStandardError(), nonStrict ? -(info.order() - 2) : Double.NaN,
                    lin.slope(), lin.slopeStandardError(), strict ? 1 / (lr * -info.hessianMin()) : Double.NaN));
        }
        return out;
    }

    private static String others(SweepPlan plan, Summary s, int si) {
        List<String> o = new ArrayList<>();
        for (int k = 0; k < plan.gridKeys().size(); k++) {
            if (k != si) {
                o.add(plan.gridKeys().get(k) + "=" + s.cells().get(k));
            }
        }
        return String.join(" ", o);
    }

    /** Columns of {@code fits.csv}. */
    public static List<String> fitHeader() {
        return List.of("case", "others", "class", "witnessOrder", "lr", "points", "exponent", "exponentSE",
                "predictedExponent", "slopeLog1OverSigma", "slopeSE", "predictedSlope");
    }

    /** A fit as a row of {@code fits.csv}. */
    public static List<String> fitRow(Fit f) {
        return List.of(f.caseName(), f.others(), f.pointClass() == null ? "" : f.pointClass().name(),
                f.order() == 0 ? "" : Integer.toString(f.order()), Csv.number(f.lr()), Integer.toString(f.points()),
                Csv.number(f.exponent()), Csv.number(f.exponentError()), Csv.number(f.predicted()), Csv.number(f.slope()),
                Csv.number(f.slopeError()), Csv.number(f.predictedSlope()));
    }

    /**
     * Median escape epoch against sigma, one series per case (and point of the other grid keys), log-log; censored
     * medians are left out. Needs an escape sweep with {@code sigma} in its grid.
     */
    public static XYChart chart(SweepPlan plan, List<Summary> summaries) {
        int si = plan.gridKeys().indexOf("sigma");
        if (plan.experiment() != Experiment.ESCAPE || si < 0) {
            throw new IllegalArgumentException("--png draws the median escape epoch against sigma: it needs experiment "
                    + "\"escape\" with \"sigma\" in \"grid\" (this sweep: " + plan.experiment().key() + ", grid "
                    + plan.gridKeys() + ")");
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Summary s : summaries) {
            String o = others(plan, s, si);
            List<double[]> l = series.computeIfAbsent(s.caseName() + (o.isEmpty() ? "" : " " + o), k -> new ArrayList<>());
            if (Double.isFinite(s.median()) && s.median() > 0) {
                l.add(new double[]{s.values()[si], s.median()});
            }
        }
        List<Lines.Series> ls = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            // neutral colour groups: a case named "strict-..." must not take the class colour of every strict case
            ls.add(Lines.Series.points(e.getKey(), x, y).group("series " + ls.size()));
        }
        if (ls.isEmpty()) {
            throw new IllegalStateException("--png: every median is censored (no run escaped in half of the runs); "
                    + "raise maxEpochs");
        }
        XYChart c = Lines.chart(ls, ChartOptions.builder().title("sweep " + plan.name() + ": median escape epoch vs sigma")
                .xLabel("perturbation sigma (log scale)").yLabel("median escape epoch, GD steps (log scale)")
                .logX(true).logY(true).size(ls.size() > 4 ? 1000 : 800, ls.size() > 12 ? 700 : 500).build());
        if (ls.size() > 4) { // many cases: a column at the right keeps the plot area as wide as the axis needs
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical);
        }
        distinguish(c);
        return c;
    }

    /** Beyond the ten palette colours, series differ by their marker (circle, square, diamond, triangle). */
    public static void distinguish(XYChart c) {
        Marker[] shapes = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP};
        int k = 0;
        for (XYSeries s : c.getSeriesMap().values()) {
            if (s.getMarker() != null && s.getMarker() != SeriesMarkers.NONE) {
                s.setMarker(shapes[(k / 10) % shapes.length]);
                k++;
            }
        }
    }
}
