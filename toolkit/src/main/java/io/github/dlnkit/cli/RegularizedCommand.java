package io.github.dlnkit.cli;

import io.github.dlnkit.model.Progress;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.regularized.ConvergenceProtocol;
import io.github.dlnkit.regularized.CriticalPoint;
import io.github.dlnkit.regularized.CriticalSet;
import io.github.dlnkit.regularized.ErrorBound;
import io.github.dlnkit.regularized.MultiStart;
import io.github.dlnkit.regularized.RegularizedGd;
import io.github.dlnkit.regularized.RegularizedProblem;
import io.github.dlnkit.regularized.Root;
import io.github.dlnkit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dlnkit regularized --case F [--lambda L] [--critical-set] [--error-bound] [--gd STEPS --lr ETA [--starts N]]}: the
 * weight-decay landscape of Chen, Jiang, Wang (theory {@code regularized.md}).
 */
@Command(name = "regularized", mixinStandardHelpOptions = true,
        description = {"Weight-decay landscape: critical set, error bound, GD rate.", "",
                "Weight-decay landscape F = c(||W_L...W_1 X - Y||^2 + sum_l lambda_l ||W_l||^2) (regularized.md):",
                "closed-form critical set (whitened data), error-bound test with Hessian diagnostic, and gradient",
                "descent with linear-rate fit. Without an action flag: --error-bound and --critical-set."})
public final class RegularizedCommand implements Callable<Integer> {
    @Mixin
    CaseOption input;

    @Spec
    CommandSpec spec;

    @Option(names = "--lambda", split = ",", paramLabel = "L",
            description = "weight decay: one value or L comma-separated per-layer values (default: the case's weightDecay)")
    double[] lambda;

    @Option(names = "--critical-set", description = "enumerate the closed-form critical points (needs X X^T = I)")
    boolean criticalSet;

    @Option(names = "--error-bound", description = "error-bound verdict per singular value and the Hessian diagnostic (needs X X^T = I)")
    boolean errorBound;

    @Option(names = "--gd", paramLabel = "STEPS", description = "run STEPS steps of gradient descent (any data)")
    Integer gdSteps;

    @Option(names = "--lr", paramLabel = "ETA", description = "GD step size (required with --gd)")
    Double lr;

    @Option(names = "--init", defaultValue = "auto", paramLabel = "KIND",
            description = "GD start: case (the case's W), gaussian (N(0, 1/d_{l-1})), identity (1.3 I + 0.05 N(0,1)); "
                    + "auto = case if the file has W, else gaussian (default ${DEFAULT-VALUE})")
    String init;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--max-points", defaultValue = "" + CriticalSet.DEFAULT_MAX_POINTS, paramLabel = "N",
            description = "refuse to enumerate more critical points (default ${DEFAULT-VALUE})")
    int maxPoints;

    @Option(names = "--max-params", defaultValue = "" + CriticalSet.DEFAULT_MAX_PARAMETERS, paramLabel = "N",
            description = "skip the dense Hessian above N parameters (default ${DEFAULT-VALUE})")
    int maxParams;

    @Option(names = "--no-hessian", description = "do not compute Hessians of the critical points")
    boolean noHessian;

    @Option(names = "--log-every", paramLabel = "N", description = "GD: log every N steps (default: about 2000 rows)")
    Integer logEvery;

    @Option(names = "--starts", defaultValue = "1", paramLabel = "N",
            description = "GD from N seeded Gaussian starts (seeds --seed, --seed+1, ...) and list the limits with their "
                    + "distinct values: the numerical search when no closed form exists (default ${DEFAULT-VALUE})")
    int starts;

    @Override
    public Integer call() {
        if (starts < 1) {
            throw new IllegalArgumentException("--starts must be >= 1, got " + starts);
        }
        if (starts > 1 && gdSteps == null) {
            throw new IllegalArgumentException("--starts " + starts + " needs --gd STEPS --lr ETA");
        }
        if (gdSteps != null && lr == null) {
            throw new IllegalArgumentException("--gd needs a step size: add --lr ETA");
        }
        CaseFile c = input.read();
        RegularizedProblem p = RegularizedProblem.fromCase(c, lambda);
        Budget.memory("regularized", p.widths(), 8, 3, 0, null);
        if (gdSteps != null) {
            Budget.time("regularized --gd " + gdSteps + " x " + starts + " start(s)", p.widths(), (double) gdSteps * starts,
                    "use fewer --gd steps or --starts", spec.commandLine().getErr());
        }
        boolean any = criticalSet || errorBound || gdSteps != null;
        boolean doSet = criticalSet || !any;
        boolean doBound = errorBound || !any;
        CriticalSet.Options opts = CriticalSet.Options.builder().seed(seedOption.seed()).maxPoints(maxPoints)
                .maxParams(maxParams).hessian(!noHessian).build();
        ErrorBound.Report report = null;
        CriticalSet.Result set = null;
        String diagnosticSkipped = null;
        if (doBound) {
            report = ErrorBound.check(p);
        }
        if (doSet || doBound) {
            try {
                PrintWriter err = spec.commandLine().getErr();
                set = CriticalSet.enumerate(p, doBound ? opts.toBuilder().hessian(true).build() : opts, Progress.notes(line -> {
                    err.println(line);
                    err.flush();
                }));
            } catch (IllegalArgumentException e) {
                if (doSet) {
                    throw e;
                }
                diagnosticSkipped = e.getMessage();
            }
        }
        ErrorBound.HessianDiagnostic diag = doBound && set != null ? ErrorBound.hessianDiagnostic(set) : null;
        RegularizedGd.Trace trace = null;
        MultiStart.Result multi = null;
        if (gdSteps != null && starts > 1) {
            PrintWriter err = spec.commandLine().getErr();
            RegularizedGd.Options go = RegularizedGd.Options.of(lr, gdSteps);
            if (logEvery != null) {
                go = go.toBuilder().logEvery(logEvery).build();
            }
            multi = MultiStart.run(p, starts, seedOption.seed(), go, Progress.notes(s -> {
                err.println(s);
                err.flush();
            }));
        } else if (gdSteps != null) {
            Weights w0 = start(c, p);
            RegularizedGd.Options go = RegularizedGd.Options.of(lr, gdSteps);
            if (logEvery != null) {
                go = go.toBuilder().logEvery(logEvery).build();
            }
            PrintWriter err = spec.commandLine().getErr();
            go = go.toBuilder().progress(Progress.notes(s -> {
                err.println(s);
                err.flush();
            }), Math.max(1, gdSteps / 10)).build();
            trace = RegularizedGd.run(p, w0, go);
        }
        if (input.json()) {
            printJson(p, report, diag, diagnosticSkipped, doSet ? set : null, trace, multi);
        } else {
            printText(p, report, diag, diagnosticSkipped, doSet ? set : null, trace, multi);
        }
        return 0;
    }

    private Weights start(CaseFile c, RegularizedProblem p) {
        String kind = init.trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "auto" -> c.pointIfPresent().orElseGet(() -> ConvergenceProtocol.gaussianInit(p.widths(), seedOption.seed()));
            case "case" -> c.requirePoint();
            case "gaussian" -> ConvergenceProtocol.gaussianInit(p.widths(), seedOption.seed());
            case "identity" -> ConvergenceProtocol.nearIdentityInit(p.widths(), 1.3, 0.05, seedOption.seed());
            default -> throw new IllegalArgumentException("--init must be auto, case, gaussian or identity, got \"" + init + "\"");
        };
    }

    private record Fits(RegularizedGd.Fit linear, RegularizedGd.Fit power, String note) {
    }

    private static Fits fits(RegularizedGd.Trace t) {
        RegularizedGd.Fit lin = null;
        RegularizedGd.Fit pow = null;
        String note = null;
        try {
            lin = t.linearRate(RegularizedGd.Series.GRADIENT_NORM);
            pow = t.powerLawOnTail(RegularizedGd.Series.GRADIENT_NORM);
        } catch (IllegalStateException e) {
            note = e.getMessage();
        }
        return new Fits(lin, pow, note);
    }

    private void printText(RegularizedProblem p, ErrorBound.Report report, ErrorBound.HessianDiagnostic diag,
                           String skipped, CriticalSet.Result set, RegularizedGd.Trace trace, MultiStart.Result multi) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "widths      %s  (L = %d), lambda = %s, lambdabar = %.10g, %s convention%n", p.widths(),
                p.depth(), Arrays.toString(p.lambdas()), p.lambdaBar(), p.convention().key());
        out.printf(Locale.ROOT, "whitened    %s (max |X X^T - I| = %.3g)%n", p.isWhitened(RegularizedProblem.WHITENING_TOLERANCE)
                ? "yes" : "NO", p.whiteningError());
        if (report != null) {
            out.println();
            out.print(Tables.text(report.toTable()));
            out.printf(Locale.ROOT, "error bound %s (margin min_k |relative distance| = %.3g)%n",
                    report.holds() ? "HOLDS at every critical point" : "FAILS at some critical point (a z_k sits at the threshold)",
                    report.margin());
            if (diag != null) {
                out.printf(Locale.ROOT, "Hessian diagnostic: %d points checked%s, %s%n", diag.points(),
                        diag.complete() ? "" : " (" + diag.skipped() + " skipped: too many parameters)",
                        diag.holds() ? "no extra zero eigenvalue (agrees: bound holds)"
                                : "extra zero eigenvalues at " + diag.failing());
            } else if (skipped != null) {
                out.println("Hessian diagnostic skipped: " + skipped);
            }
        }
        if (set != null) {
            out.println();
            out.print(Tables.text(set.toTable()));
            out.printf(Locale.ROOT, "%d critical points, global minimum F = %.12g; pattern per z_k: - inactive, 1 (L = 2), "
                    + "s/L small/large root, D double root%n", set.points().size(), set.globalMinimum());
        }
        if (trace != null) {
            Fits f = fits(trace);
            int n = trace.size();
            int stride = Math.max(1, (n - 1) / 10);
            out.println();
            out.printf(Locale.ROOT, "%10s %20s %12s %12s %12s %12s%n", "k", "F", "|grad F|", "|W_k - W_K|", "ratio",
                    "balancedness");
            double[] ratio = trace.ratio();
            for (int i = 0; i < n; i += stride) {
                row(out, trace, ratio, i);
            }
            if ((n - 1) % stride != 0) {
                row(out, trace, ratio, n - 1);
            }
            if (f.linear() != null) {
                out.printf(Locale.ROOT, "linear fit of log|grad| on steps [%d, %d]: rate %.8f per step (r2 = %.6f)%n",
                        f.linear().fromStep(), f.linear().toStep(), f.linear().rate(), f.linear().r2());
                out.printf(Locale.ROOT, "power-law fit on [%d, %d]: |grad| ~ k^%.4f (r2 = %.6f)%n", f.power().fromStep(),
                        f.power().toStep(), f.power().slope(), f.power().r2());
            } else {
                out.println("no rate fit: " + f.note());
            }
            int k = trace.step()[n - 1];
            out.printf(Locale.ROOT, "max ratio |W_k - W_K| / |grad F(W_k)| over k <= %d: %.6g%n", k / 2, trace.maxRatio(0, k / 2));
        }
        if (multi != null) {
            out.println();
            out.print(Tables.text(multi.toTable()));
            out.println("distinct limit values (relative 1e-8): " + Arrays.toString(multi.distinctValues(1e-8)));
        }
    }

    private static void row(PrintWriter out, RegularizedGd.Trace t, double[] ratio, int i) {
        out.printf(Locale.ROOT, "%10d %20.14g %12.4e %12.4e %12.4e %12.4e%n", t.step()[i], t.value()[i], t.gradientNorm()[i],
                t.distanceToFinal()[i], ratio[i], t.balancedness()[i]);
    }

    private void printJson(RegularizedProblem p, ErrorBound.Report report, ErrorBound.HessianDiagnostic diag,
                           String skipped, CriticalSet.Result set, RegularizedGd.Trace trace, MultiStart.Result multi) {
        JsonObject o = new JsonObject();
        o.add("widths", Json.array(p.widths().widths()));
        o.add("lambda", Json.array(p.lambdas()));
        o.addProperty("lambdabar", p.lambdaBar());
        o.addProperty("convention", p.convention().key());
        o.addProperty("whitened", p.isWhitened(RegularizedProblem.WHITENING_TOLERANCE));
        o.addProperty("whiteningError", p.whiteningError());
        if (report != null) {
            o.add("errorBound", errorBoundJson(report, diag, skipped));
        }
        if (set != null) {
            o.add("criticalSet", criticalSetJson(set));
        }
        if (trace != null) {
            o.add("gd", gdJson(trace));
        }
        if (multi != null) {
            o.add("multiStart", multiStartJson(multi));
        }
        spec.commandLine().getOut().println(Json.print(o));
    }

    /** The error-bound verdict per singular value and the Hessian diagnostic (or why it was skipped). */
    private static JsonObject errorBoundJson(ErrorBound.Report report, ErrorBound.HessianDiagnostic diag, String skipped) {
        JsonObject b = new JsonObject();
        b.addProperty("holds", report.holds());
        b.addProperty("margin", report.margin());
        b.addProperty("tolerance", report.tolerance());
        JsonArray th = new JsonArray();
        for (ErrorBound.Threshold t : report.thresholds()) {
            JsonObject x = new JsonObject();
            x.addProperty("k", t.k());
            x.addProperty("z", t.z());
            x.addProperty("threshold", t.zThreshold());
            x.addProperty("distance", t.distance());
            x.addProperty("lambdabarThreshold", t.lambdaBarThreshold());
            x.addProperty("degenerate", t.degenerate());
            th.add(x);
        }
        b.add("thresholds", th);
        if (diag != null) {
            JsonObject d = new JsonObject();
            d.addProperty("holds", diag.holds());
            d.addProperty("points", diag.points());
            d.addProperty("skipped", diag.skipped());
            JsonArray fl = new JsonArray();
            diag.failing().forEach(fl::add);
            d.add("failing", fl);
            b.add("hessianDiagnostic", d);
        } else if (skipped != null) {
            b.addProperty("hessianDiagnosticSkipped", skipped);
        }
        return b;
    }

    /** Every closed-form critical point with its value, class and Hessian counts. */
    private static JsonObject criticalSetJson(CriticalSet.Result set) {
        JsonObject s = new JsonObject();
        s.add("z", Json.array(set.z()));
        s.addProperty("count", set.points().size());
        s.addProperty("globalMinimum", set.globalMinimum());
        JsonArray pts = new JsonArray();
        int m = set.z().length;
        for (CriticalPoint cp : set.points()) {
            JsonObject x = new JsonObject();
            x.add("A", Json.array(cp.active()));
            x.addProperty("pattern", cp.pattern(m));
            JsonArray roots = new JsonArray();
            for (Root r : cp.roots()) {
                roots.add(r.name());
            }
            x.add("roots", roots);
            x.add("w", Json.array(cp.w()));
            x.addProperty("value", cp.value());
            x.addProperty("loss", cp.loss());
            x.addProperty("gradientNorm", cp.gradientNorm());
            x.addProperty("balancedness", cp.balancedness());
            x.addProperty("class", cp.classification().name());
            x.addProperty("degenerate", cp.degenerate());
            x.addProperty("manifoldDimension", cp.manifoldDimension());
            if (cp.hessian() != null) {
                JsonObject h = new JsonObject();
                h.addProperty("zeros", cp.hessian().zeros());
                h.addProperty("negatives", cp.hessian().negatives());
                h.addProperty("min", cp.hessian().min());
                x.add("hessian", h);
            }
            pts.add(x);
        }
        s.add("points", pts);
        return s;
    }

    /** The gradient-descent run: final values, rate fits and the logged sequences. */
    private static JsonObject gdJson(RegularizedGd.Trace trace) {
        JsonObject g = new JsonObject();
        g.addProperty("eta", trace.eta());
        int n = trace.size();
        int k = trace.step()[n - 1];
        g.addProperty("steps", k);
        g.addProperty("finalValue", trace.value()[n - 1]);
        g.addProperty("finalGradientNorm", trace.gradientNorm()[n - 1]);
        g.addProperty("finalBalancedness", trace.balancedness()[n - 1]);
        Fits f = fits(trace);
        if (f.linear() != null) {
            g.addProperty("linearRate", f.linear().rate());
            g.addProperty("linearR2", f.linear().r2());
            g.add("linearFitSteps", Json.array(f.linear().fromStep(), f.linear().toStep()));
            g.addProperty("powerExponent", f.power().slope());
            g.addProperty("powerR2", f.power().r2());
        } else {
            g.addProperty("fitNote", f.note());
        }
        g.addProperty("maxRatio", trace.maxRatio(0, k / 2));
        g.add("step", Json.array(trace.step()));
        g.add("value", Json.array(trace.value()));
        g.add("gradientNorm", Json.array(trace.gradientNorm()));
        g.add("distanceToFinal", Json.array(trace.distanceToFinal()));
        g.add("balancedness", Json.array(trace.balancedness()));
        return g;
    }

    /** The limits of the seeded multi-start runs and their distinct values. */
    private static JsonObject multiStartJson(MultiStart.Result multi) {
        JsonObject m = new JsonObject();
        m.addProperty("starts", multi.limits().size());
        m.add("distinctValues", Json.array(multi.distinctValues(1e-8)));
        JsonArray ls = new JsonArray();
        for (MultiStart.Limit l : multi.limits()) {
            JsonObject x = new JsonObject();
            x.addProperty("seed", l.seed());
            x.addProperty("value", l.value());
            x.addProperty("gradientNorm", l.gradientNorm());
            x.addProperty("balancedness", l.balancedness());
            ls.add(x);
        }
        m.add("limits", ls);
        return m;
    }
}
