package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import io.github.dlnkit.dynamics.GradientDescent;
import io.github.dlnkit.dynamics.GradientFlow;
import io.github.dlnkit.dynamics.StepSizes;
import io.github.dlnkit.dynamics.Trajectory;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.table.Tables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit train --case F --steps N --lr ETA [--flow]}: gradient descent or gradient flow with a recorded trajectory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Gradient descent or gradient flow from W, with a recorded trajectory.",
                "Gradient descent (optional heavy-ball momentum) or, with --flow, gradient flow (adaptive",
                "Dormand-Prince 8(5,3) over t in [0, steps x lr]) from the case's W (or a seeded Gaussian start):",
                "loss, gradient norm, drift of Liao's invariants and singular values of W_H...W_1 along the way."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CaseOption input;

    @Mixin
    OutputOptions outputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "GD steps (with --flow: time span N x lr)")
    long steps;

    @Option(names = "--lr", required = true, paramLabel = "ETA", description = "step size eta (with --flow: time unit)")
    double lr;

    @Option(names = "--flow", description = "gradient flow dW/dt = -grad L instead of gradient descent")
    boolean flow;

    @Option(names = "--momentum", defaultValue = "0", paramLabel = "M", description = "heavy-ball momentum in [0, 1) (default ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--record-every", paramLabel = "K", description = "record every K steps (default: about 1000 records)")
    Long recordEvery;

    @Option(names = "--stop-below", paramLabel = "T", description = "stop at the first iterate (flow: time) with L < T")
    Double stopBelow;

    @Option(names = "--tol", defaultValue = "1e-12", paramLabel = "TOL", description = "--flow: absolute and relative tolerance (default ${DEFAULT-VALUE})")
    double tol;

    @Option(names = "--init-scale", defaultValue = "0.1", paramLabel = "S", description = "without W in the case: Gaussian start N(0, S^2) (default ${DEFAULT-VALUE})")
    double initScale;

    @Option(names = "--perturb", paramLabel = "S", description = "start at the case's W + S N(0,1) (entrywise, seeded), e.g. near a saddle (Fig. 3)")
    Double perturb;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--out", paramLabel = "FILE", description = "write the trajectory as CSV")
    Path out;

    @Option(names = "--png", paramLabel = "FILE", description = "draw the loss curve (plot.Charts.lossCurves, one point per "
            + "step; the flow at t = k x lr) as PNG or SVG; records every step up to 100000 steps, every K-th beyond")
    Path png;

    @Override
    public Integer call() {
        checkOptions();
        CaseFile c = input.read();
        Loss loss = c.loss();
        io.github.dlnkit.model.Architecture arch = c.requireArchitecture();
        PrintWriter err = spec.commandLine().getErr();
        long every = recordEvery(arch, err);
        Weights w0 = start(c, arch);
        if (flow) {
            requireFlowTime(loss, w0, arch, err);
        }
        long t0 = System.nanoTime();
        Trajectory t = run(loss, w0, every, err);
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeFiles(c, t, every);
        report(c, loss, w0, t, seconds);
        return 0;
    }

    /** Refuses option values no run can have, before the case is read. */
    private void checkOptions() {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + lr);
        }
        if (recordEvery != null && recordEvery < 0) {
            throw new IllegalArgumentException("--record-every must be >= 0, got " + recordEvery);
        }
        if (flow && momentum != 0) {
            throw new IllegalArgumentException("--momentum applies to gradient descent, not to --flow");
        }
    }

    /** Every how many steps a record is kept (0: start and end), after checking memory and time for that many. */
    private long recordEvery(io.github.dlnkit.model.Architecture arch, PrintWriter err) {
        if (png != null && recordEvery != null && recordEvery != 1) {
            throw new IllegalArgumentException("--png draws the loss at every step: drop --record-every " + recordEvery
                    + " (or use 1)");
        }
        long every = recordEvery != null ? recordEvery  // --png: every step up to CHART_RECORDS steps, then thinned
                : png != null ? Math.max(1, (steps - 1) / Budget.CHART_RECORDS + 1) : Math.max(1, steps / 1000);
        long records = every == 0 ? 2 : steps / every + 2;
        Budget.memory("train", arch, 6, 0, Budget.records(records, 6 + arch.rMax()),
                records + " recorded steps (record every " + every + ")");
        if (!flow) {
            Budget.time("train: " + steps + " gradient descent steps", arch, steps, "use fewer --steps", err);
        }
        return every;
    }

    /** The case's point (plus {@code --perturb} Gaussian noise), or a seeded Gaussian start without one. */
    private Weights start(CaseFile c, io.github.dlnkit.model.Architecture arch) {
        Weights w0 = c.pointIfPresent().orElseGet(() -> Weights.gaussian(arch, initScale, seedOption.seed()));
        if (perturb != null) {
            if (!(perturb >= 0) || !Double.isFinite(perturb)) {
                throw new IllegalArgumentException("--perturb must be finite and >= 0, got " + perturb);
            }
            w0 = c.requirePoint().plus(Weights.gaussian(w0.architecture(), 1.0, seedOption.seed()), perturb);
        }
        return w0;
    }

    /** Refuses a flow whose explicit solver would need more than a day at the local smoothness. */
    private void requireFlowTime(Loss loss, Weights w0, io.github.dlnkit.model.Architecture arch, PrintWriter err) {
        // an explicit solver needs steps h with h ell = O(1): about 2 t ell gradient evaluations over [0, t]
        double ell = StepSizes.at(loss, w0).smoothness();
        double span = (double) steps * lr;
        Budget.time(String.format(Locale.ROOT, "train --flow over t in [0, %.3g] (steps x lr; local smoothness ell = %.3g, "
                + "about 2 t ell = %.3g gradient evaluations)", span, ell, 2 * span * ell), arch, 2 * span * ell + 100,
                "use a smaller --steps x --lr", err);
    }

    /** Gradient descent (optionally with momentum) or, with {@code --flow}, gradient flow, with a progress bar. */
    private Trajectory run(Loss loss, Weights w0, long every, PrintWriter err) {
        ProgressPrinter bar = new ProgressPrinter(err, flow ? "gradient flow" : "gradient descent");
        Trajectory t;
        if (flow) {
            int flowRecords = (int) Math.max(1, Math.min(Integer.MAX_VALUE, steps / Math.max(1, every)));
            GradientFlow.Builder b = GradientFlow.builder().time(steps * lr).records(flowRecords).tolerances(tol, tol).progress(bar);
            if (stopBelow != null) {
                b.stopBelow(stopBelow);
            }
            t = b.build().run(loss, w0);
        } else {
            GradientDescent.Builder b = GradientDescent.builder().learningRate(lr).momentum(momentum).steps(steps)
                    .recordEvery(every).progress(bar);
            if (stopBelow != null) {
                b.stopBelow(stopBelow);
            }
            t = b.build().run(loss, w0);
        }
        return t;
    }

    /** {@code --out} (the trajectory as CSV) and {@code --png} (the loss curve). */
    private void writeFiles(CaseFile c, Trajectory t, long every) {
        if (out != null) {
            t.writeCsv(out);
            outputs.wrote(out);
        }
        if (png != null) {
            String label = flow ? "gradient flow" : "gradient descent";
            io.github.dlnkit.plot.ChartOptions o = io.github.dlnkit.plot.ChartOptions.builder()
                    .title(input.caseName(c) + ": loss along " + label + (flow ? " (t = k x " + lr + ")" : ", eta = " + lr))
                    .xLabel((flow ? "k = t / lr" : "iteration") + (every > 1 ? " / " + every + " (every " + every + "-th step recorded)" : ""))
                    .build(); // log y only when the loss spans more than a decade (and is positive)
            io.github.dlnkit.plot.ChartImages.save(io.github.dlnkit.plot.Charts.lossCurves(java.util.List.of(t.loss()),
                    java.util.List.of(label), o), png);
            outputs.wrote(png);
        }
    }

    /** The summary on stdout: JSON with {@code --json}, else text and the trajectory table. */
    private void report(CaseFile c, Loss loss, Weights w0, Trajectory t, double seconds) {
        double[] sv = t.singularValues().length == 0 ? new double[0] : t.singularValues()[t.size() - 1];
        if (input.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("method", flow ? "flow" : "gd");
            o.addProperty("convention", c.convention().key());
            o.addProperty("learningRate", lr);
            o.addProperty("momentum", momentum);
            o.addProperty("initialLoss", t.loss()[0]);
            o.addProperty("finalLoss", t.finalLoss());
            o.addProperty("finalGradientNorm", t.gradientNorm()[t.size() - 1]);
            o.addProperty(flow ? "finalTime" : "iterations", t.finalTime());
            o.addProperty("stopReason", t.stopReason().name());
            o.addProperty("maxInvariantDrift", t.maxInvariantDrift());
            o.add("singularValues", Json.array(sv));
            o.addProperty("work", t.work());
            o.addProperty("records", t.size());
            o.addProperty("seconds", seconds);
            if (t.size() <= 5000) {
                o.add("time", Json.array(t.time()));
                o.add("loss", Json.array(t.loss()));
            }
            spec.commandLine().getOut().println(Json.print(o));
        } else {
            spec.commandLine().getOut().println(t);
            spec.commandLine().getOut().printf(Locale.ROOT, "singular values of W_H...W_1 at the end: %s%n", Arrays.toString(sv));
            if (!flow) {
                spec.commandLine().getOut().println(StepSizes.at(loss, w0) + " at the start");
            } else {
                spec.commandLine().getOut().printf(Locale.ROOT, "%d gradient evaluations (Dormand-Prince 8(5,3), tolerance %.1g)%n", t.work(), tol);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%.2f s%n", seconds);
            tech.tablesaw.api.Table table = t.toTable();
            spec.commandLine().getOut().print(Tables.text(table, 10));
        }
    }
}
