package io.github.dlnkit.cli;

import picocli.CommandLine;
import io.github.dlnkit.model.Progress;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.plot.ChartImages;
import io.github.dlnkit.plot.ChartOptions;
import io.github.dlnkit.plot.Charts;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Hutchinson;
import io.github.dlnkit.spectrum.Lanczos;
import io.github.dlnkit.spectrum.RitzPair;
import io.github.dlnkit.spectrum.SpectralDensity;
import io.github.dlnkit.table.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code dlnkit spectrum --case F [--k K] [--density] [--dense] [--png out.png]}: Hessian spectrum, dense or Lanczos. */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"Hessian spectrum at W: extreme eigenvalues (dense or Lanczos), SLQ density, trace.", "",
                "Dense eigen-decomposition for n <= --dense-limit parameters (all eigenvalues, multiplicities at",
                "--tol), matrix-free Lanczos with full reorthogonalization on Hessian-vector products above it",
                "(top-K and bottom-K distinct eigenvalues, each with its Ritz residual bound). The smallest",
                "eigenvalue decides strict (certainly < 0) vs PSD. --density adds the stochastic Lanczos",
                "quadrature density and a Hutchinson trace estimate; --png draws the density or the eigenvalues."})
public final class SpectrumCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaseOption input;

    @Option(names = "--k", defaultValue = "" + Lanczos.DEFAULT_K, paramLabel = "K", description = "extreme eigenvalues at each end (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--dense", description = "force the dense eigen-decomposition (refused above --max-params)")
    boolean dense;

    @Option(names = "--lanczos", description = "force Lanczos even for small n")
    boolean lanczos;

    @Option(names = "--dense-limit", defaultValue = "1500", paramLabel = "N", description = "automatic choice: dense up to N parameters (default ${DEFAULT-VALUE})")
    int denseLimit;

    @Mixin
    DenseHessianGuard denseGuard;

    @Option(names = "--tol", defaultValue = "" + DenseSpectrum.DEFAULT_RELATIVE_TOLERANCE, paramLabel = "REL",
            description = "relative tolerance: zero eigenvalues / multiplicities (dense), certain negativity (both) (default ${DEFAULT-VALUE})")
    double tol;

    @Option(names = "--lanczos-tol", defaultValue = "" + Lanczos.DEFAULT_TOLERANCE, paramLabel = "REL", description = "relative Ritz residual for convergence (default ${DEFAULT-VALUE})")
    double lanczosTol;

    @Option(names = "--max-iter", defaultValue = "1000", paramLabel = "M", description = "Lanczos iteration cap (default ${DEFAULT-VALUE})")
    int maxIter;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--density", description = "stochastic Lanczos quadrature density and Hutchinson trace")
    boolean density;

    @Option(names = "--probes", defaultValue = "" + SpectralDensity.DEFAULT_PROBES, paramLabel = "P", description = "SLQ / Hutchinson probes (default ${DEFAULT-VALUE}; Hutchinson uses 10 P)")
    int probes;

    @Option(names = "--steps", defaultValue = "" + SpectralDensity.DEFAULT_STEPS, paramLabel = "M", description = "Lanczos steps per SLQ probe (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--png", paramLabel = "FILE", description = "draw the density (with --density) or the eigenvalues to a PNG (or .svg)")
    Path png;

    @Override
    public Integer call() {
        if (dense && lanczos) {
            throw new IllegalArgumentException("--dense and --lanczos exclude each other");
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k is " + k + ", expected >= 1");
        }
        CaseFile c = input.read();
        Weights w = c.requirePoint();
        Loss loss = c.loss();
        int n = w.architecture().parameterCount();
        boolean useDense = dense || (!lanczos && n <= denseLimit);
        if (useDense) {
            denseGuard.check(w.architecture(), dense ? "--dense" : "the dense spectrum (n <= --dense-limit)",
                    "drop --dense (Lanczos)");
        }
        if (!useDense) {
            Budget.memory("spectrum (Lanczos with full reorthogonalization)", w.architecture(),
                    Math.min(maxIter, n) + 2 * k + 4, 0, 0, "one per Lanczos vector, --max-iter " + maxIter);
        }
        Progress progress = new ProgressPrinter(spec.commandLine().getErr(), "dlnkit spectrum");
        Report r = new Report();
        JsonObject o = r.json;
        StringBuilder text = r.text;
        o.add("widths", Json.array(w.architecture().widths()));
        o.addProperty("parameters", n);
        o.addProperty("method", useDense ? "dense" : "lanczos");
        text.append(String.format(Locale.ROOT, "widths      %s  (n = %d parameters, %s convention)%n", w.architecture(), n,
                loss.convention().key()));
        if (useDense) {
            denseSpectrum(loss, w, progress, r);
        } else {
            lanczosSpectrum(loss, w, progress, r);
        }
        SpectralDensity sd = density ? density(loss, w, useDense, progress, r) : null;
        if (png != null) {
            String title = input.caseName(c) + ": Hessian " + (sd != null ? "spectral density" : useDense ? "eigenvalues" : "extreme eigenvalues (Lanczos)")
                    + ", n = " + n;
            ChartOptions co = ChartOptions.builder().title(title).build();
            ChartImages.save(sd != null ? Charts.spectralDensity(Map.of("density", sd), co)
                    : Charts.spectrumIndex(r.plotValues, r.zeroTolerance, co), png);
            text.append("chart       ").append(png).append('\n');
            o.addProperty("png", png.toString());
        }
        spec.commandLine().getOut().print(input.json() ? Json.print(o) + "\n" : text);
        return 0;
    }

    /** What the parts of the command contribute: JSON fields, text lines, the values a chart shows. */
    private static final class Report {
        final JsonObject json = new JsonObject();
        final StringBuilder text = new StringBuilder();
        double[] plotValues;
        double zeroTolerance;
        double exactTrace = Double.NaN;
    }

    /** All eigenvalues of the dense Hessian: extremes, counts, clusters and the exact trace. */
    private void denseSpectrum(Loss loss, Weights w, Progress progress, Report r) {
        int n = w.architecture().parameterCount();
        JsonObject o = r.json;
        StringBuilder text = r.text;
        long t0 = System.nanoTime();
        if (n > 500) {
            progress.note(String.format(Locale.ROOT, "dense eigen-decomposition, n = %d ...", n));
        }
        DenseSpectrum s = DenseSpectrum.of(loss.hessian(w), tol);
        double[] ev = s.eigenvalues();
        List<DenseSpectrum.Cluster> clusterList = s.clusters();
        int negatives = s.negativeCount();
        int zeros = s.zeroCount();
        r.plotValues = ev;
        r.zeroTolerance = s.tolerance();
        double[] top = new double[Math.min(k, n)];
        double[] bottom = new double[Math.min(k, n)];
        for (int i = 0; i < top.length; i++) {
            top[i] = ev[n - 1 - i];
            bottom[i] = ev[i];
        }
        o.add("top", Json.array(top));
        o.add("bottom", Json.array(bottom));
        o.addProperty("min", s.min());
        o.addProperty("max", s.max());
        r.exactTrace = Arrays.stream(ev).sum();
        o.addProperty("exactTrace", r.exactTrace);
        o.addProperty("negativeCount", negatives);
        o.addProperty("zeroCount", zeros);
        o.addProperty("positiveCount", s.positiveCount());
        o.addProperty("zeroTolerance", s.tolerance());
        o.addProperty("distinct", clusterList.size());
        o.addProperty("negative", negatives > 0);
        JsonArray clusters = new JsonArray();
        for (DenseSpectrum.Cluster cl : clusterList) {
            JsonObject j = new JsonObject();
            j.addProperty("value", cl.value());
            j.addProperty("multiplicity", cl.multiplicity());
            clusters.add(j);
        }
        o.add("clusters", clusters);
        text.append(String.format(Locale.ROOT, "method      dense (%.2f s)%n", (System.nanoTime() - t0) / 1e9));
        text.append(String.format(Locale.ROOT, "min         %.12g%nmax         %.12g%n", s.min(), s.max()));
        text.append(String.format(Locale.ROOT, "counts      %d negative, %d zero (|mu| <= %.3g), %d positive; %d distinct values%n",
                negatives, zeros, s.tolerance(), s.positiveCount(), clusterList.size()));
        text.append("trace       ").append(Numbers.format(r.exactTrace)).append(" (exact: sum of the eigenvalues)\n");
        text.append("top         ").append(join(top)).append('\n');
        text.append("bottom      ").append(join(bottom)).append('\n');
        text.append("clusters    ");
        List<String> parts = new ArrayList<>();
        for (DenseSpectrum.Cluster cl : clusterList) {
            parts.add(String.format(Locale.ROOT, "%.6g%s", cl.value(), cl.multiplicity() > 1 ? " (x" + cl.multiplicity() + ")" : ""));
        }
        text.append(String.join(", ", parts.size() > 24 ? parts.subList(0, 24) : parts)).append(parts.size() > 24 ? ", ..." : "").append('\n');
        text.append(negatives > 0 ? "verdict     negative curvature: a negative eigenvalue below -tol\n"
                : "verdict     positive semi-definite within the tolerance\n");
    }

    /** The {@code --k} extreme eigenvalues by Lanczos with full reorthogonalisation, each with its residual bound. */
    private void lanczosSpectrum(Loss loss, Weights w, Progress progress, Report r) {
        JsonObject o = r.json;
        StringBuilder text = r.text;
        long t0 = System.nanoTime();
        HessianOperator op = HessianOperator.of(loss, w);
        Lanczos.Result l = Lanczos.run(op, Lanczos.Options.builder().k(k).tolerance(lanczosTol).maxIterations(maxIter)
                .seed(seedOption.seed()).checkEvery(10).progress(progress).build());
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Double> vals = new ArrayList<>();
        l.top().forEach(p -> vals.add(p.value()));
        l.bottom().forEach(p -> vals.add(p.value()));
        r.plotValues = vals.stream().mapToDouble(Double::doubleValue).distinct().toArray();
        r.zeroTolerance = tol * l.scale();
        o.add("top", pairs(l.top()));
        o.add("bottom", pairs(l.bottom()));
        o.addProperty("min", l.min().value());
        o.addProperty("minResidual", l.min().residual());
        o.addProperty("max", l.max().value());
        o.addProperty("iterations", l.iterations());
        o.addProperty("hvps", op.applications());
        o.addProperty("exhausted", l.exhausted());
        o.addProperty("seconds", secs);
        o.addProperty("negative", l.certainlyNegative(tol));
        text.append(String.format(Locale.ROOT, "method      Lanczos, full reorthogonalization: %d steps, %d Hessian-vector products, %.2f s%s%n",
                l.iterations(), op.applications(), secs, l.exhausted() ? " (Krylov space exhausted: exact)" : ""));
        text.append("top         ").append(l.top()).append('\n');
        text.append("bottom      ").append(l.bottom()).append('\n');
        text.append(String.format(Locale.ROOT, "min         %.12g +- %.2g%n", l.min().value(), l.min().residual()));
        text.append(l.certainlyNegative(tol)
                ? String.format(Locale.ROOT, "verdict     negative curvature: lambda_min + residual < -%.1g * scale%n", tol)
                : String.format(Locale.ROOT, "verdict     no eigenvalue certainly below -%.1g * %.4g (PSD within the tolerance)%n", tol, l.scale()));
    }

    /** The SLQ density (unit probes, hence exact, when the dense spectrum is used) and Hutchinson's trace. */
    private SpectralDensity density(Loss loss, Weights w, boolean useDense, Progress progress, Report r) {
        JsonObject o = r.json;
        StringBuilder text = r.text;
        HessianOperator op = HessianOperator.of(loss, w);
        // with the dense spectrum at hand, the n unit probes make the density and its trace exact
        SpectralDensity sd = SpectralDensity.of(op, SpectralDensity.Options.builder().probes(probes).steps(steps).seed(seedOption.seed())
                .unitProbes(useDense).progress(progress).build());
        Hutchinson.Estimate tr = Hutchinson.trace(op, 10 * probes, seedOption.seed());
        JsonObject d = new JsonObject();
        d.add("grid", Json.array(sd.grid()));
        d.add("density", Json.array(sd.density()));
        d.addProperty("sigma", sd.sigma());
        d.addProperty("probes", sd.probes());
        d.addProperty("probeKind", sd.unitProbes() ? "unit" : "rademacher");
        d.addProperty("steps", sd.steps());
        d.addProperty("slqTrace", sd.traceEstimate());
        d.addProperty("slqTraceStandardError", sd.traceStandardError());
        o.add("density", d);
        JsonObject t = new JsonObject();
        t.addProperty("estimate", tr.trace());
        t.addProperty("standardError", tr.standardError());
        t.addProperty("probes", tr.probes());
        o.add("trace", t);
        text.append(String.format(Locale.ROOT, "density     SLQ, %d %s probes x %d steps, sigma %s; trace (SLQ) %s%s%n",
                sd.probes(), sd.unitProbes() ? "unit" : "Rademacher", sd.steps(), Numbers.format(sd.sigma(), 3),
                Numbers.format(sd.traceEstimate()), sd.unitProbes() ? " (exact)"
                        : " +- " + Numbers.format(sd.traceStandardError(), 2)));
        text.append(String.format(Locale.ROOT, "trace       %s (Hutchinson)%s%n", tr,
                Double.isNaN(r.exactTrace) ? "" : "; exact " + Numbers.format(r.exactTrace) + " (sum of the dense eigenvalues)"));
        return sd;
    }

    private static JsonArray pairs(List<RitzPair> list) {
        JsonArray a = new JsonArray();
        for (RitzPair p : list) {
            JsonObject j = new JsonObject();
            j.addProperty("value", p.value());
            j.addProperty("residual", p.residual());
            a.add(j);
        }
        return a;
    }

    private static String join(double[] v) {
        return String.join(", ", Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.10g", x)).toList());
    }
}
