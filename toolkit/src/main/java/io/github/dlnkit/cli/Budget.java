package io.github.dlnkit.cli;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Resources;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The resource checks the commands run before any work ({@link Resources}): memory for copies of {@code W} and
 * what a job adds, time for a number of gradient steps. One line per command, so the rules stay in one place.
 */
final class Budget {
    /** At most this many records are kept for a chart ({@code train --png}); longer runs record every K-th step. */
    static final long CHART_RECORDS = 100_000;

    private Budget() {
    }

    /**
     * Refuses {@code job} unless {@code copies} copies of {@code W} at widths {@code a}, {@code squares} sets of
     * hidden {@code d_h x d_h} matrices and {@code extraBytes} more fit in memory.
     */
    static void memory(String job, Architecture a, int copies, int squares, long extraBytes, String extraWhat) {
        long bytes = Resources.plus(Resources.plus(Resources.times(copies, Resources.pointBytes(a)),
                Resources.times(squares, Resources.squareBytes(a))), extraBytes);
        String what = String.format(Locale.ROOT, "%d copies of W, n = %d parameters at widths %s%s%s", copies,
                a.parameterCount(), a, squares > 0 ? ", " + squares + " sets of d_h x d_h matrices" : "",
                extraWhat == null ? "" : ", " + extraWhat);
        Resources.requireMemory(job, bytes, what);
    }

    /** Refuses {@code steps} gradient steps at widths {@code a} estimated above a day; warns on {@code err} above ten minutes. */
    static void time(String job, Architecture a, double steps, String hint, PrintWriter err) {
        String warning = Resources.requireTime(job, Resources.stepSeconds(a, steps), hint);
        if (warning != null) {
            err.println("dlnkit " + warning);
            err.flush();
        }
    }

    /** Bytes of {@code records} records of {@code doubles} numbers each (saturating). */
    static long records(double records, int doubles) {
        return records >= Long.MAX_VALUE / 64 ? Long.MAX_VALUE : Resources.times((long) records, 8L * doubles + 16);
    }
}
