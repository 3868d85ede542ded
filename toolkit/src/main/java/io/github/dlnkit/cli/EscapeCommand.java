package io.github.dlnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.dlnkit.dynamics.EscapeExperiment;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.table.Tables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit escape --case F --sigma S --runs N}: escape epochs of gradient descent from a saddle (Figs 3-4). */
@Command(name = "escape", mixinStandardHelpOptions = true,
        description = {"Escape epochs of GD from a saddle (Figs 3-4): median, quartiles, censored runs.",
                "Runs start at the case's saddle W + sigma N(0,1); escape epoch = first k with L(W_k) < threshold;",
                "runs go in parallel and the result is identical for any --threads.",
                "Default threshold: midpoint between L(W) and the next lower critical value (4.5 for the",
                "section-12 protocol; its reference table uses 3: --threshold 3). W must be a critical saddle."})
public final class EscapeCommand implements Callable<Integer> {
    @Mixin
    CaseOption input;

    @Mixin
    OutputOptions outputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sigma", defaultValue = "" + EscapeExperiment.DEFAULT_SIGMA, paramLabel = "S", description = "perturbation size (default ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--runs", defaultValue = "" + EscapeExperiment.DEFAULT_RUNS, paramLabel = "N", description = "number of runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--threshold", paramLabel = "T", description = "escape threshold (default: midpoint to the next lower critical value)")
    Double threshold;

    @Option(names = "--lr", defaultValue = "" + EscapeExperiment.DEFAULT_LEARNING_RATE, paramLabel = "ETA", description = "GD step (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--max-epochs", defaultValue = "" + EscapeExperiment.DEFAULT_MAX_EPOCHS, paramLabel = "N", description = "censoring limit per run (default ${DEFAULT-VALUE})")
    long maxEpochs;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--out", paramLabel = "FILE", description = "write the per-run table (run, seed, escapeEpoch, censored, finalLoss) as CSV")
    Path out;

    @Option(names = "--compare", paramLabel = "FILE", description = "run the same experiment from this case's saddle too "
            + "(e.g. the non-strict one) and report both; with --png both histograms share the figure (two y axes, Fig. 4)")
    Path compare;

    @Option(names = "--png", paramLabel = "FILE", description = "draw the escape-epoch histogram (plot.Charts.escapeHistogram) as PNG")
    Path png;

    private EscapeExperiment.Result experiment(CaseFile c, String label) {
        io.github.dlnkit.model.Architecture a = c.requirePoint().architecture();
        int t = threadsOption.threads();
        Budget.memory("escape --runs " + runs, a, 6 * t, 0, Budget.records(Math.max(0, runs), 6), runs + " per-run results");
        Budget.time("escape: " + runs + " runs x up to " + maxEpochs + " epochs", a, (double) runs * maxEpochs / t,
                "use fewer --runs or a smaller --max-epochs", spec.commandLine().getErr());
        EscapeExperiment.Builder b = EscapeExperiment.builder(c.loss(), c.requirePoint()).sigma(sigma).runs(runs)
                .learningRate(lr).maxEpochs(maxEpochs).seed(seedOption.seed());
        if (threshold != null) {
            b.threshold(threshold);
        }
        b.threads(t);
        return b.progress(new ProgressPrinter(spec.commandLine().getErr(), label)).build().run();
    }

    private static String group(EscapeExperiment.Result r) {
        return switch (r.saddleClass()) {
            case STRICT_SADDLE -> "strict";
            case NON_STRICT_SADDLE -> "non-strict";
            default -> r.saddleClass().name();
        };
    }

    @Override
    public Integer call() {
        CaseFile c = input.read();
        CaseFile other = compare == null ? null : CaseOption.read(compare);
        PrintWriter err = spec.commandLine().getErr();
        EscapeExperiment.Result r = experiment(c, "escape runs");
        EscapeExperiment.Result r2 = other == null ? null : experiment(other, "escape runs (--compare)");
        if (png != null) {
            String left = group(r);
            String right = r2 == null ? "" : group(r2);
            if (left.equals(right)) {
                left = left + " (" + input.file.getFileName() + ")";
                right = right + " (" + compare.getFileName() + ")";
            }
            String title = "Escape epochs of " + r.escapeEpoch().length + " runs, " + input.caseName(c)
                    + (other == null ? "" : " vs " + CaseOption.caseName(other, compare));
            io.github.dlnkit.plot.ChartOptions co = io.github.dlnkit.plot.ChartOptions.builder().title(title).build();
            io.github.dlnkit.plot.ChartImages.save(r2 == null
                    ? io.github.dlnkit.plot.Charts.escapeHistogram(r.escapeEpoch(), left, co)
                    : io.github.dlnkit.plot.Charts.escapeHistogram(r.escapeEpoch(), left, r2.escapeEpoch(), right, co), png);
            outputs.wrote(png);
        }
        if (out != null) {
            Tables.csv(r.toTable(), out);
            outputs.wrote(out);
        }
        if (input.json()) {
            JsonObject o = toJson(r);
            if (r2 != null) {
                o.add("compare", toJson(r2));
            }
            spec.commandLine().getOut().println(Json.print(o));
        } else {
            printText(r);
            if (r2 != null) {
                spec.commandLine().getOut().println();
                spec.commandLine().getOut().println("--compare " + compare + ":");
                printText(r2);
            }
        }
        return 0;
    }

    private void printText(EscapeExperiment.Result r) {
        spec.commandLine().getOut().printf(Locale.ROOT, "escape from a %s, L(W) = %.6g, threshold %.6g (%s)%n", r.saddleClass(),
                r.saddleValue(), r.threshold(), threshold == null ? "midpoint to the next lower critical value" : "given");
        spec.commandLine().getOut().printf(Locale.ROOT, "GD: eta = %.4g, sigma = %.3g, %d runs, seed %d, censored after %d epochs%n",
                r.learningRate(), r.sigma(), r.runs(), r.seed(), r.maxEpochs());
        spec.commandLine().getOut().println("escape epochs: " + r.summary());
        spec.commandLine().getOut().printf(Locale.ROOT, "wall time %.2f s%n", r.seconds());
    }

    private static JsonObject toJson(EscapeExperiment.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("saddleClass", r.saddleClass().name());
        o.addProperty("saddleValue", r.saddleValue());
        o.addProperty("threshold", r.threshold());
        o.addProperty("sigma", r.sigma());
        o.addProperty("learningRate", r.learningRate());
        o.addProperty("maxEpochs", r.maxEpochs());
        o.addProperty("seed", r.seed());
        o.addProperty("runs", r.runs());
        o.addProperty("censored", r.censored());
        o.addProperty("escaped", r.runs() - r.censored());
        addEpoch(o, "median", r.median());
        addEpoch(o, "q1", r.quartiles()[0]);
        addEpoch(o, "q3", r.quartiles()[1]);
        o.add("min", r.min().isPresent() ? new JsonPrimitive(r.min().getAsDouble()) : JsonNull.INSTANCE);
        o.add("max", r.max().isPresent() ? new JsonPrimitive(r.max().getAsDouble()) : JsonNull.INSTANCE);
        JsonArray epochs = new JsonArray();
        for (int e : r.escapeEpoch()) {
            epochs.add(e < 0 ? JsonNull.INSTANCE : new JsonPrimitive(e));
        }
        o.add("escapeEpochs", epochs);
        o.addProperty("seconds", r.seconds());
        return o;
    }

    /** An order statistic of the escape epochs: a number, or null with a note when it falls on a censored run. */
    private static void addEpoch(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, JsonNull.INSTANCE);
            o.addProperty(key + Json.NOTE, "censored: falls on a run that did not escape within maxEpochs");
        }
    }
}
