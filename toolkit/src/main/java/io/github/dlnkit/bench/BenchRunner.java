package io.github.dlnkit.bench;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.Gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Runs a {@link Workload}: prepare (untimed), {@code warmup} untimed executions (JIT, native library loading),
 * then {@code repeats} timed ones; reports min and median wall time, the correctness figure and the peak heap.
 * Progress lines go to the given stream (stderr in the CLI).
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /** Default timed runs. */
    public static final int DEFAULT_REPEATS = 5;
    /** Default warm-up runs. */
    public static final int DEFAULT_WARMUP = 1;

    /**
     * Options: repeats {@code >= 1}; warm-up: at least {@code warmup >= 0} untimed runs and at least
     * {@code warmupSeconds} (in {@code [0, 3600]}) of them, whichever takes longer, so that the JIT has compiled the hot
     * code before the timed runs (a few runs of a millisecond workload are not enough); threads {@code >= 1}. Build
     * with {@link #builder()}.
     */
    public record Options(int repeats, int warmup, double warmupSeconds, int threads, Progress progress) {
        public Options {
            if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
                throw new IllegalArgumentException("warm-up time must be in [0, 3600] seconds, got " + warmupSeconds);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeat must be >= 1, got " + repeats);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up runs must be >= 0, got " + warmup);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** {@link #DEFAULT_REPEATS} repeats, {@link #DEFAULT_WARMUP} warm-up, all cores, no progress. */
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            return new Builder().repeats(repeats).warmup(warmup).warmupSeconds(warmupSeconds).threads(threads)
                    .progress(progress);
        }

        /** Fluent builder of {@link Options}; values are checked by {@link #build()}. */
        public static final class Builder {
            private int repeats = DEFAULT_REPEATS;
            private int warmup = DEFAULT_WARMUP;
            private double warmupSeconds;
            private int threads = Runtime.getRuntime().availableProcessors();
            private Progress progress;

            private Builder() {
            }

            /** Timed runs (the minimum and median are reported). */
            public Builder repeats(int v) {
                repeats = v;
                return this;
            }

            /** Untimed runs before the timed ones (JIT, caches). */
            public Builder warmup(int v) {
                warmup = v;
                return this;
            }

            /** Warm up for at least this long, in seconds (default 0: the {@link #warmup(int)} runs only). */
            public Builder warmupSeconds(double v) {
                warmupSeconds = v;
                return this;
            }

            /** Threads a workload may use (default: all cores). */
            public Builder threads(int v) {
                threads = v;
                return this;
            }

            /** One note per run (may be null). */
            public Builder progress(Progress v) {
                progress = v;
                return this;
            }

            public Options build() {
                return new Options(repeats, warmup, warmupSeconds, threads, progress);
            }
        }
    }

    /** Times {@code workload} on {@code c}; {@link IllegalArgumentException} when an argument is null. */
    public static BenchResult run(Workload workload, CaseFile c, Options o) {
        if (workload == null || o == null) {
            throw new IllegalArgumentException("bench " + (workload == null ? "workload" : "options")
                    + " is missing (null)");
        }
        Workload.Task task = workload.prepare(c, o.threads());
        String name = c.name() != null ? c.name() : workload.key();
        int warmed = 0;
        long warmStart = System.nanoTime();
        while (warmed < o.warmup() || (System.nanoTime() - warmStart) / 1e9 < o.warmupSeconds()) {
            long t0 = System.nanoTime();
            task.run();
            warmed++;
            if (warmed <= o.warmup()) {
                log(o, "bench %s: warm-up %d/%d %.3f s", workload.key(), warmed, o.warmup(), (System.nanoTime() - t0) / 1e9);
            }
        }
        if (warmed > o.warmup()) {
            log(o, "bench %s: %d warm-up runs in %.2f s", workload.key(), warmed, (System.nanoTime() - warmStart) / 1e9);
        }
        System.gc();
        resetPeaks();
        double[] s = new double[o.repeats()];
        Workload.Figure fig = null;
        for (int k = 0; k < o.repeats(); k++) {
            long t0 = System.nanoTime();
            fig = task.run();
            s[k] = (System.nanoTime() - t0) / 1e9;
            log(o, "bench %s: run %d/%d %.3f s", workload.key(), k + 1, o.repeats(), s[k]);
        }
        return new BenchResult(workload, name, task.parameters(), o.threads(), warmed, s, fig, backend(),
                peakHeapMb(), task.flops());
    }

    /** {@code native (OpenBLAS)} or {@code pure Java (EJML)}: the route of matrix products and eigenvalues now. */
    public static String backend() {
        return Gemm.isNative() ? "native" : "pure Java";
    }

    private static void log(Options o, String fmt, Object... args) {
        if (o.progress() != null) {
            o.progress().note(String.format(Locale.ROOT, fmt, args));
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
