package io.github.dlnkit.cli;

import picocli.CommandLine.Option;

/**
 * Mixin for commands that spread independent work over threads: {@code --threads T}, 1 to {@value #MAX}, all cores
 * when absent. Results never depend on it (each task draws from its own seeded stream); only the wall time does.
 */
public final class ThreadsOption {
    /** The largest {@code --threads} accepted. */
    public static final int MAX = 4096;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads, 1.." + MAX + " (default: all cores)")
    Integer threads;

    /** {@code --threads} when given (checked: 1..{@value #MAX}, else a one-line error naming the value), else the cores. */
    public int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > MAX) {
            throw new IllegalArgumentException("--threads must be in 1.." + MAX + ", got " + threads);
        }
        return threads;
    }
}
