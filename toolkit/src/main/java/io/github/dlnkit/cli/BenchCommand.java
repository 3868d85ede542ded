package io.github.dlnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.bench.BenchCases;
import io.github.dlnkit.bench.BenchResult;
import io.github.dlnkit.bench.BenchRunner;
import io.github.dlnkit.bench.ScalingReport;
import io.github.dlnkit.bench.Workload;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.linalg.SymmetricEigen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlnkit bench WORKLOAD --case F [--repeat N] [--threads T] [--json]}, {@code bench all}, {@code bench cases},
 * {@code bench report}: the issue-9 workloads timed on case files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time a workload (w1-w5) on a case file: min, median, correctness figure.", "",
                "w1 dense Hessian + all eigenvalues; w2 top-5 + min eigenvalue by Lanczos; w3 100 GD runs x 3000",
                "steps; w4 section-12 escape protocol (100 runs); w5 Theorem-7 classification with witness.",
                "'bench all' runs every workload on the shipped cases (examples/bench-*.json, or --quick tiny ones);",
                "'bench cases --out DIR' writes the seeded case files; 'bench report --out DIR' writes the scaling",
                "report (scaling.png, scaling.md). Progress on stderr; -Ddlnkit.native=false or --pure-java forces",
                "pure Java (EJML) instead of native OpenBLAS."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "w1, w2, w3, w4, w5, all, cases or report")
    String what;

    @Option(names = "--case", paramLabel = "FILE", description = "case file (for w1-w5)")
    Path caseFile;

    @Option(names = "--repeat", defaultValue = "" + BenchRunner.DEFAULT_REPEATS, paramLabel = "N", description = "timed repeats (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "" + BenchRunner.DEFAULT_WARMUP, paramLabel = "N", description = "untimed warm-up runs (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-time", defaultValue = "0", paramLabel = "SECONDS",
            description = "warm up for at least this long as well, e.g. 2 for millisecond workloads (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Mixin
    ThreadsOption threadsOption; // w3 / w4 and `all`

    @Option(names = "--pure-java", description = "use EJML only (same as -Ddlnkit.native=false)")
    boolean pureJava;

    @Option(names = "--quick", description = "all/cases/report: tiny instances (seconds in total)")
    boolean quick;

    @Option(names = "--cases", paramLabel = "DIR", defaultValue = "examples",
            description = "all: directory of the bench case files (default ${DEFAULT-VALUE}); missing ones are generated")
    Path casesDir;

    @Option(names = "--out", paramLabel = "DIR", description = "cases: where to write the case files; report: where to write scaling.png/.md")
    Path out;

    @Option(names = "--json", description = "print a single JSON object on stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
        if (pureJava) {
            System.setProperty("dlnkit.native", "false");
        }
        int t = threadsOption.threads();
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), "bench");
        BenchRunner.Options o = BenchRunner.Options.builder().repeats(repeat).warmup(warmup).warmupSeconds(warmupSeconds).threads(t).progress(progress).build();
        String w = what.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (w) {
            case "cases" -> writeCases();
            case "report" -> scalingReport(o);
            case "all" -> all(o, progress, t);
            default -> one(Workload.parse(w), o, t);
        };
    }

    /** {@code bench cases --out DIR}: writes the seeded benchmark case files. */
    private int writeCases() {
        if (out == null) {
            throw new IllegalArgumentException("bench cases needs --out DIR (e.g. --out examples)");
        }
        List<String> written = new ArrayList<>();
        for (BenchCases.Named n : quick ? BenchCases.quick() : BenchCases.standard()) {
            n.caseFile().write(out.resolve(n.fileName()));
            written.add(out.resolve(n.fileName()).toString());
        }
        if (json) {
            JsonObject j = new JsonObject();
            JsonArray a = new JsonArray();
            written.forEach(a::add);
            j.add("written", a);
            spec.commandLine().getOut().println(Json.print(j));
        } else {
            written.forEach(f -> spec.commandLine().getOut().println("wrote " + f));
        }
        return 0;
    }

    /** {@code bench report --out DIR}: the scaling series, chart and table. */
    private int scalingReport(BenchRunner.Options o) {
        if (out == null) {
            throw new IllegalArgumentException("bench report needs --out DIR (e.g. --out docs/perf)");
        }
        List<ScalingReport.Series> series = ScalingReport.run(quick, o);
        ScalingReport.write(series, out);
        if (json) {
            JsonObject j = new JsonObject();
            JsonArray a = new JsonArray();
            for (ScalingReport.Series s : series) {
                JsonObject so = new JsonObject();
                so.addProperty("workload", s.workload().key());
                so.addProperty("exponent", s.exponent());
                JsonArray rs = new JsonArray();
                s.results().forEach(r -> rs.add(toJson(r)));
                so.add("results", rs);
                a.add(so);
            }
            j.add("series", a);
            j.addProperty("chart", out.resolve("scaling.png").toString());
            spec.commandLine().getOut().println(Json.print(j));
        } else {
            spec.commandLine().getOut().print(ScalingReport.markdown(series));
            spec.commandLine().getOut().println("wrote " + out.resolve("scaling.png") + " and " + out.resolve("scaling.md"));
        }
        return 0;
    }

    /** {@code bench all}: every workload on its standard (or quick) case. */
    private int all(BenchRunner.Options o, ProgressPrinter progress, int t) {
        List<BenchResult> results = new ArrayList<>();
        List<BenchCases.Named> all = quick ? BenchCases.quick() : BenchCases.standard();
        progress.update(0, all.size());
        for (BenchCases.Named n : all) {
            Path f = casesDir.resolve(n.fileName());
            CaseFile c = !quick && Files.exists(f) ? CaseFile.read(f) : n.caseFile();
            BenchResult r = BenchRunner.run(n.workload(), c.withName(n.fileName()), o);
            progress.note(r.toString());
            results.add(r);
            progress.update(results.size(), all.size());
        }
        if (json) {
            JsonObject j = header(t);
            JsonArray a = new JsonArray();
            results.forEach(r -> a.add(toJson(r)));
            j.add("results", a);
            spec.commandLine().getOut().println(Json.print(j));
        } else {
            spec.commandLine().getOut().println("backend: " + SymmetricEigen.describe() + "; " + Gemm.describe());
            results.forEach(r -> spec.commandLine().getOut().println(r));
        }
        return 0;
    }

    /** {@code bench W1..W5 --case F}: one workload on one case. */
    private int one(Workload wl, BenchRunner.Options o, int t) {
        if (caseFile == null) {
            throw new IllegalArgumentException("bench " + wl.key() + " needs --case FILE (e.g. examples/bench-"
                    + wl.key() + "-*.json; 'dlnkit bench cases --out DIR' writes them)");
        }
        CaseFile c = CaseFile.read(caseFile);
        BenchResult r = BenchRunner.run(wl, c.name() == null ? c.withName(caseFile.getFileName().toString()) : c, o);
        if (json) {
            JsonObject j = header(t);
            j.add("result", toJson(r));
            spec.commandLine().getOut().println(Json.print(j));
        } else {
            spec.commandLine().getOut().println(r);
        }
        return 0;
    }

    private static JsonObject header(int threads) {
        JsonObject j = new JsonObject();
        j.addProperty("backend", BenchRunner.backend());
        j.addProperty("eigen", SymmetricEigen.describe());
        j.addProperty("blas", Gemm.describe());
        j.addProperty("threads", threads);
        j.addProperty("cores", Runtime.getRuntime().availableProcessors());
        return j;
    }

    static JsonObject toJson(BenchResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("workload", r.workload().key());
        o.addProperty("case", r.caseName());
        o.addProperty("n", r.parameters());
        o.addProperty("threads", r.threads());
        o.addProperty("warmup", r.warmup());
        o.addProperty("backend", r.backend());
        o.addProperty("min", r.min());
        o.addProperty("median", r.median());
        o.add("seconds", Json.array(r.seconds()));
        o.addProperty("figure", r.figure().name());
        o.addProperty("value", r.figure().value());
        o.addProperty("note", r.figure().note());
        o.addProperty("peakHeapMb", r.peakHeapMb());
        if (r.flops() > 0) {
            o.addProperty("gflops", r.gflops());
        }
        return o;
    }
}
