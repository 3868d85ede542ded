package io.github.dlnkit.sweep;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.model.Progress;
import io.github.dlnkit.io.OutputFiles;
import io.github.dlnkit.io.StrictJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs a sweep into a folder: {@code results.csv} (one row per task, appended as tasks finish; a re-run skips the
 * finished tasks), then {@code summary.csv} (per configuration), {@code cases.csv} (per case: class, witness order,
 * smallest Hessian eigenvalue), {@code fits.csv} (escape sweeps over sigma) and the status {@code sweep.json}
 * (through the caller's JSON writer, at the start and at the end).
 *
 * <pre>
 *   Sweep.Result r = Sweep.run(SweepSpec.read(Path.of("examples/sweeps/escape-vs-sigma.json")), Path.of("out"),
 *           Sweep.Options.local(4));
 *   r.summaries(); r.fits();
 * </pre>
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * How to run a sweep.
     *
     * @param engine   engine name ({@code local}, {@code spark})
     * @param settings threads and master for the engine
     * @param fresh    discard earlier results in the folder
     * @param progress {@code (tasks done, tasks)} including those done before
     * @param json     prints the {@code sweep.json} object (the command line passes its strict writer {@code cli.Json})
     */
    public record Options(String engine, SweepEngine.Settings settings, boolean fresh, Progress progress,
                          Function<JsonObject, String> json) {
        /** The local engine on {@code threads} threads, no progress, Gson's pretty printer. */
        public static Options local(int threads) {
            return new Options("local", new SweepEngine.Settings(threads, null), false, Progress.NONE,
                    o -> new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
        }

        /** The same options with {@code fresh} set. */
        public Options fresh(boolean f) {
            return new Options(engine, settings, f, progress, json);
        }

        /** The same options on another engine. */
        public Options engine(String name, String master) {
            return new Options(name, new SweepEngine.Settings(settings.threads(), master), fresh, progress, json);
        }
    }

    /**
     * What a sweep did.
     *
     * @param plan      the plan
     * @param cases     per case information
     * @param summaries per configuration
     * @param fits      per case over sigma (escape)
     * @param total     tasks of the sweep
     * @param skipped   tasks found finished in {@code results.csv}
     * @param ran       tasks run now
     * @param seconds   wall time of the tasks run now
     * @param engine    where they ran
     * @param status    the content of {@code sweep.json}
     */
    public record Result(SweepPlan plan, List<CaseInfo> cases, List<SweepReport.Summary> summaries,
                         List<SweepReport.Fit> fits, long total, int skipped, int ran, double seconds, String engine,
                         JsonObject status) {
    }

    /** Runs {@code spec} into {@code dir}. */
    public static Result run(SweepSpec spec, Path dir, Options o) {
        SweepEngine engine = SweepEngine.find(o.engine());
        SweepPlan plan = SweepPlan.of(spec);
        TaskRunner runner = new TaskRunner(plan);
        List<CaseInfo> cases = caseInfo(spec, plan, runner);
        if (!o.fresh()) {
            requireSameSpec(dir, spec);
        }
        List<SweepTask> all = plan.tasks();
        List<SweepTask> pending = new ArrayList<>();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        int skipped;
        try (ResultsFile results = ResultsFile.open(dir.resolve("results.csv"), plan.header(), plan.gridKeys().size(),
                o.fresh())) {
            for (SweepTask t : all) {
                if (!results.isDone(t)) {
                    pending.add(t);
                }
            }
            skipped = all.size() - pending.size();
            String where = engine.describe(o.settings());
            OutputFiles.writeString(dir.resolve("sweep.json"),
                    o.json().apply(status(spec, plan, where, all.size(), skipped, 0, started, null, 0)));
            AtomicLong done = new AtomicLong(skipped);
            o.progress().update(skipped, all.size());
            if (!pending.isEmpty()) {
                engine.run(plan, pending, o.settings(), (t, row) -> {
                    results.append(row);
                    o.progress().update(done.incrementAndGet(), all.size());
                });
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<List<String>> rows = ResultsFile.readRows(dir.resolve("results.csv"));
        List<SweepReport.Summary> summaries = SweepReport.summaries(plan, rows);
        List<SweepReport.Fit> fits = SweepReport.fits(plan, summaries, cases);
        writeCsv(dir.resolve("summary.csv"), SweepReport.summaryHeader(plan),
                summaries.stream().map(s -> SweepReport.summaryRow(plan, s)).toList());
        writeCsv(dir.resolve("cases.csv"), CaseInfo.header(), cases.stream().map(CaseInfo::row).toList());
        if (!fits.isEmpty()) {
            writeCsv(dir.resolve("fits.csv"), SweepReport.fitHeader(), fits.stream().map(SweepReport::fitRow).toList());
        }
        String where = engine.describe(o.settings());
        JsonObject done = status(spec, plan, where, all.size(), skipped, pending.size(), started, Instant.now(), seconds);
        OutputFiles.writeString(dir.resolve("sweep.json"), o.json().apply(done));
        return new Result(plan, cases, summaries, fits, all.size(), skipped, pending.size(), seconds, where, done);
    }

    /** Per-case information; for escape sweeps also checks every case and threshold before any task runs. */
    private static List<CaseInfo> caseInfo(SweepSpec spec, SweepPlan plan, TaskRunner runner) {
        List<CaseInfo> out = new ArrayList<>();
        for (int i = 0; i < plan.caseNames().size(); i++) {
            String key = "key \"cases[" + i + "]\" (case \"" + plan.caseNames().get(i) + "\"): ";
            try {
                if (plan.experiment() != Experiment.TRAIN) {
                    runner.caseFile(i).requirePoint();
                }
                if (plan.experiment() == Experiment.ESCAPE) {
                    List<Double> thr = spec.grid().containsKey("threshold") ? spec.grid().get("threshold")
                            : List.of(spec.fixed().get("threshold"));
                    for (double t : thr) {
                        runner.threshold(i, t);
                    }
                }
                out.add(CaseInfo.of(spec, runner, i));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(key + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Refuses to append to a folder whose {@code sweep.json} holds a different spec. */
    private static void requireSameSpec(Path dir, SweepSpec spec) {
        Path status = dir.resolve("sweep.json");
        if (!Files.exists(dir.resolve("results.csv")) || !Files.isRegularFile(status)) {
            return;
        }
        try {
            JsonObject old = StrictJson.parse(Files.readString(status, StandardCharsets.UTF_8)).getAsJsonObject();
            if (old.has("spec") && !old.get("spec").equals(StrictJson.parse(spec.json()))) {
                throw new IllegalArgumentException(dir + " holds the results of another spec (" + status
                        + " differs); use --fresh to start over or another --out");
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot read " + status + " (the status of an earlier sweep): "
                    + e.getMessage() + "; use --fresh to start over", e);
        }
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder(Csv.line(header)).append('\n');
        for (List<String> r : rows) {
            b.append(Csv.line(r)).append('\n');
        }
        OutputFiles.writeString(file, b.toString());
    }

    private static JsonObject status(SweepSpec spec, SweepPlan plan, String engine, long total, int skipped, int ran,
                                     Instant started, Instant finished, double seconds) {
        JsonObject o = new JsonObject();
        o.addProperty("name", spec.name());
        o.addProperty("status", finished == null ? "running" : "complete");
        o.add("spec", StrictJson.parse(spec.json()));
        JsonObject v = new JsonObject();
        String dl = Sweep.class.getPackage().getImplementationVersion();
        v.addProperty("dlnkit", dl == null ? "dev" : dl);
        v.addProperty("java", System.getProperty("java.version"));
        o.add("versions", v);
        o.addProperty("engine", engine);
        JsonArray cols = new JsonArray();
        plan.header().forEach(cols::add);
        o.add("columns", cols);
        o.addProperty("tasks", total);
        o.addProperty("tasksSkipped", skipped);
        o.addProperty("tasksRun", ran);
        JsonObject t = new JsonObject();
        t.addProperty("started", started.toString());
        if (finished != null) {
            t.addProperty("finished", finished.toString());
            t.addProperty("seconds", seconds);
            t.addProperty("secondsPerTask", ran == 0 ? 0 : seconds / ran);
        }
        o.add("timings", t);
        return o;
    }
}
