package io.github.dlnkit.cli;

import io.github.dlnkit.model.Progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one progress display of the command line, fed by the one callback type {@link Progress}
 * ({@code done} of {@code total}) and, for steps that report in words (Lanczos, benchmarks, the gallery), by
 * {@link #note}. On a terminal ({@code System.console() != null}) it redraws a single line with {@code \r}; otherwise
 * (a log file, a pipe, CI) it prints one line at each milestone, 0, 25, 50, 75 and 100 %, so a log gets five lines
 * per run instead of a line per update. Thread-safe (parallel escape runs report from several threads).
 */
public final class ProgressPrinter implements Progress {
    /** Percentages printed when the output is not a terminal. */
    static final int[] MILESTONES = {0, 25, 50, 75, 100};
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private int shown = -1;
    private boolean lineOpen;

    /** Progress of {@code label} on {@code err}, redrawn in place when stdin/stdout are a terminal. */
    public ProgressPrinter(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    ProgressPrinter(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(long done, long total) {
        if (total <= 0) {
            return;
        }
        int pct = (int) Math.max(0, Math.min(100, 100 * done / total));
        if (terminal) {
            if (pct == shown) {
                return;
            }
            shown = pct;
            int filled = WIDTH * pct / 100;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", pct) + " " + label);
            lineOpen = pct < 100;
            if (pct == 100) {
                err.println();
            }
        } else {
            int milestone = -1;
            for (int m : MILESTONES) {
                if (pct >= m && m > shown) {
                    milestone = m;
                }
            }
            if (milestone < 0) {
                return;
            }
            shown = milestone;
            err.println(String.format(Locale.ROOT, "%s: %3d%% (%d of %d)", label, milestone, done, total));
        }
        err.flush();
    }

    /** A message in words (one line), printed without breaking a progress line that is being redrawn. */
    public synchronized void note(String message) {
        if (terminal && lineOpen) {
            err.print("\r" + " ".repeat(WIDTH + 8 + label.length()) + "\r");
        }
        err.println(label + ": " + message);
        if (terminal && lineOpen && shown >= 0) {
            int filled = WIDTH * shown / 100;
            err.print("[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", shown) + " " + label);
        }
        err.flush();
    }
}
