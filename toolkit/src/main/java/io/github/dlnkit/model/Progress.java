package io.github.dlnkit.model;

import java.util.function.Consumer;

/**
 * The one progress callback of long work: counts ({@link #update}: {@code done} out of {@code total} units, e.g.
 * iterations, integration time in thousandths, runs, probes, tasks) and, optionally, lines of text ({@link #note}: a
 * phase, an estimate, a milestone). Called from the running thread(s); implementations must be thread-safe when given
 * to a parallel computation. The CLI's {@code ProgressPrinter} draws both as one redrawn line on a terminal and a few
 * milestone lines otherwise.
 */
@FunctionalInterface
public interface Progress {
    /** Does nothing. */
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} units are finished. */
    void update(long done, long total);

    /** A line of text about the run; ignored unless an implementation shows it. */
    default void note(String text) {
    }

    /** A callback that shows only the notes, e.g. {@code Progress.notes(System.err::println)}; {@code null}: {@link #NONE}. */
    static Progress notes(Consumer<String> sink) {
        if (sink == null) {
            return NONE;
        }
        return new Progress() {
            @Override
            public void update(long done, long total) {
            }

            @Override
            public void note(String text) {
                sink.accept(text);
            }
        };
    }

    /** {@code p}, or {@link #NONE} when {@code p} is {@code null}. */
    static Progress orNone(Progress p) {
        return p == null ? NONE : p;
    }
}
