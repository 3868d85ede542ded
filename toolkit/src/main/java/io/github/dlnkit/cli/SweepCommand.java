package io.github.dlnkit.cli;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.plot.ChartImages;
import io.github.dlnkit.sweep.Sweep;
import io.github.dlnkit.sweep.SweepEngine;
import io.github.dlnkit.sweep.SweepReport;
import io.github.dlnkit.sweep.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit sweep --spec F --out DIR}: a grid of experiments on all cores (or on Spark), resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep: a grid of escape / train / classify / spectrum tasks over cases (docs/sweeps.md).",
                "Rows go to DIR/results.csv as tasks finish; running the same command again skips finished tasks",
                "(a killed sweep loses at most the tasks in flight); --fresh starts over. At the end: DIR/summary.csv",
                "(count, median, quartiles, censored per configuration), DIR/cases.csv, DIR/fits.csv (escape over",
                "sigma) and DIR/sweep.json (spec, versions, engine, timings). Rows are identical for any --threads",
                "and any engine."})
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    OutputOptions outputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "sweep specification (JSON, docs/sweeps.md)")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for results.csv, summary.csv, "
            + "cases.csv, fits.csv, sweep.json (created; an earlier run of the same spec there is resumed)")
    Path out;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "NAME",
            description = "local (all cores of this machine, default) or spark (scripts/sweep-spark.sh)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]; spark://host:7077, yarn)")
    String master;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--fresh", description = "discard the results already in DIR and start over")
    boolean fresh;

    @Option(names = "--png", paramLabel = "FILE", description = "chart of the summary: median escape epoch vs sigma "
            + "per case, log-log (escape sweeps with sigma in the grid)")
    Path png;

    @Option(names = "--json", description = "print sweep.json on stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
        SweepSpec s = SweepSpec.read(specFile);
        int t = threadsOption.threads();
        if (master != null && !"spark".equals(engine)) {
            throw new IllegalArgumentException("--master " + master + " is for --engine spark (this run: --engine " + engine + ")");
        }
        if (png != null && (s.experiment() != io.github.dlnkit.sweep.Experiment.ESCAPE || !s.grid().containsKey("sigma"))) {
            throw new IllegalArgumentException("--png draws the median escape epoch against sigma: it needs experiment "
                    + "\"escape\" with \"sigma\" in \"grid\" (" + specFile + ": " + s.experiment().key() + ", grid "
                    + s.grid().keySet() + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        Sweep.Options o = new Sweep.Options(engine, new SweepEngine.Settings(t, master), fresh,
                new EtaBar(err, "tasks of sweep " + s.name()), Json::print);
        Sweep.Result r = Sweep.run(s, out, o);
        for (String f : new String[]{"results.csv", "summary.csv", "cases.csv", "fits.csv", "sweep.json"}) {
            if (!f.equals("fits.csv") || !r.fits().isEmpty()) {
                outputs.wrote(out.resolve(f));
            }
        }
        if (png != null) {
            ChartImages.save(SweepReport.chart(r.plan(), r.summaries()), png);
            outputs.wrote(png);
        }
        if (json) {
            spec.commandLine().getOut().println(Json.print(r.status()));
        } else {
            printText(r);
        }
        return 0;
    }

    private void printText(Sweep.Result r) {
        spec.commandLine().getOut().printf(Locale.ROOT, "sweep %s: %s, %d cases, %d tasks (%d run now on %s in %.1f s, %d found done)%n",
                r.plan().name(), r.plan().experiment().key(), r.plan().caseNames().size(), r.total(), r.ran(), r.engine(),
                r.seconds(), r.skipped());
        spec.commandLine().getOut().print(textTable(SweepReport.summaryHeader(r.plan()),
                r.summaries().stream().map(x -> SweepReport.summaryRow(r.plan(), x)).toList()));
        if (!r.fits().isEmpty()) {
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().print(textTable(SweepReport.fitHeader(), r.fits().stream().map(SweepReport::fitRow).toList()));
        }
    }

    /** Rows as aligned text columns (numbers shortened to 6 significant digits for reading). */
    static String textTable(java.util.List<String> header, java.util.List<java.util.List<String>> rows) {
        java.util.List<java.util.List<String>> all = new java.util.ArrayList<>();
        all.add(header);
        for (java.util.List<String> r : rows) {
            all.add(r.stream().map(SweepCommand::shorten).toList());
        }
        int[] w = new int[header.size()];
        for (java.util.List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (java.util.List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + Math.max(1, w[i]) + "s", r.get(i)));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String shorten(String cell) {
        try {
            double v = Double.parseDouble(cell);
            if (cell.contains(".") && Double.isFinite(v)) {
                return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
            }
        } catch (NumberFormatException ignored) {
            // not a number: shown as it is
        }
        return cell.isEmpty() ? "-" : cell;
    }

    /**
     * A progress bar with the estimated time left, on stderr: {@code [#####.....]  45% 450/1000 tasks, ETA 1m20s}.
     * On a terminal one line redrawn in place (at most twice a second); otherwise a line at 10%, 25%, 50%, 75%, 90%
     * and 100%. The rate counts only the tasks run now (not those found done), so a resumed sweep estimates well.
     */
    static final class EtaBar implements Progress {
        private static final long[] MILESTONES = {10, 25, 50, 75, 90, 100};
        private final PrintWriter err;
        private final String label;
        private final boolean terminal;
        private long start = -1;
        private long first;
        private long lastDraw;
        private int milestone;

        EtaBar(PrintWriter err, String label) {
            this.err = err;
            this.label = label;
            this.terminal = System.console() != null;
        }

        @Override
        public synchronized void update(long done, long total) {
            long now = System.nanoTime();
            if (start < 0) {
                start = now;
                first = done;
                while (milestone < MILESTONES.length && total > 0 && 100 * done / total >= MILESTONES[milestone]) {
                    milestone++;
                }
                return;
            }
            long pct = total <= 0 ? 100 : 100 * done / total;
            if (terminal) {
                if (done < total && now - lastDraw < 500_000_000L) {
                    return;
                }
                lastDraw = now;
                err.print("\r" + bar(done, total, pct, now) + (done >= total ? System.lineSeparator() : ""));
                err.flush();
                return;
            }
            if (milestone < MILESTONES.length && pct >= MILESTONES[milestone]) {
                while (milestone < MILESTONES.length && pct >= MILESTONES[milestone]) {
                    milestone++;
                }
                err.println(bar(done, total, pct, now));
                err.flush();
            }
        }

        private String bar(long done, long total, long pct, long now) {
            int width = 30;
            int filled = (int) (width * pct / 100);
            double secs = (now - start) / 1e9;
            long ran = done - first;
            String eta = done >= total ? "done in " + duration(secs)
                    : ran <= 0 ? "ETA -" : "ETA " + duration(secs / ran * (total - done));
            return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format(Locale.ROOT, "%3d%%", pct)
                    + " " + done + "/" + total + " " + label + ", " + eta;
        }

        static String duration(double s) {
            long t = Math.round(s);
            if (t < 60) {
                return t + "s";
            }
            if (t < 3600) {
                return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
            }
            return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
        }
    }
}
