package io.github.dlnkit.model;

import java.util.Locale;

/**
 * Memory and time a job will need, estimated <em>before</em> it starts, so that an impossible request is refused
 * with the numbers instead of ending in an {@link OutOfMemoryError} or running for years.
 *
 * <p>Memory: {@code 8} bytes per double; a point {@code W} of widths {@code d_0..d_H} holds
 * {@code n = sum_h d_h d_{h-1}} doubles, and a job needs a small number of such copies (gradient, momentum,
 * partial products) plus what it says it needs on top (dense Hessians {@code n^2}, recorded steps, per-run
 * results). The limit is {@link Runtime#maxMemory()} less what is in use; the message gives both and an
 * {@code -Xmx} hint ({@code DLNKIT_JAVA_OPTS} for {@code bin/dlnkit}).
 *
 * <p>Time: a gradient costs about {@code 4 n (d_0 + d_H) + 8 n} flops (the products with the prefixes
 * {@code W_{h-1:1}} and suffixes {@code W_{H:h+1}}); at a conservative {@link #FLOPS_PER_SECOND} and
 * {@link #SECONDS_PER_STEP} of overhead per step this gives the estimate that {@link #requireTime} compares with
 * {@link #MAX_SECONDS}.
 */
public final class Resources {
    /** Sustained rate assumed for time estimates (conservative for small dense products on one core). */
    public static final double FLOPS_PER_SECOND = 1e9;
    /** Fixed cost per gradient step (allocation, bookkeeping), seconds. */
    public static final double SECONDS_PER_STEP = 2e-6;
    /** Jobs estimated above this many seconds (one day) are refused. */
    public static final double MAX_SECONDS = 86_400;
    /** Jobs estimated above this many seconds (ten minutes) get a warning with the estimate. */
    public static final double WARN_SECONDS = 600;

    private Resources() {
    }

    /** Bytes of one copy of {@code W}: {@code 8 n}. */
    public static long pointBytes(Architecture a) {
        return 8L * a.parameterCount();
    }

    /** Bytes of the dense Hessian: {@code 8 n^2}. */
    public static long hessianBytes(Architecture a) {
        long n = a.parameterCount();
        return 8L * n * n;
    }

    /** Bytes of the square hidden matrices {@code d_h x d_h} (changes of basis, projections), summed over layers. */
    public static long squareBytes(Architecture a) {
        long s = 0;
        for (int d : a.widths()) {
            s += 8L * d * d;
        }
        return s;
    }

    /** Flops of one gradient at widths {@code a}: {@code 4 n (d_0 + d_H) + 8 n}. */
    public static double gradientFlops(Architecture a) {
        double n = a.parameterCount();
        return 4 * n * (a.inputDim() + a.outputDim()) + 8 * n;
    }

    /** Estimated seconds of {@code steps} gradient steps (saturates at infinity, never overflows). */
    public static double stepSeconds(Architecture a, double steps) {
        return steps * (gradientFlops(a) / FLOPS_PER_SECOND + SECONDS_PER_STEP);
    }

    /** Memory this JVM can still take: {@code maxMemory - (totalMemory - freeMemory)}. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Refuses a job that needs more than the memory available.
     *
     * @param job       what is asked, e.g. {@code "train at widths [2, 40000, 40000, 2]"}
     * @param bytes     the estimate (saturated: pass {@link Long#MAX_VALUE} for "more than can be counted")
     * @param breakdown how the estimate is made, e.g. {@code "6 copies of W, n = 1.6e9 parameters"}
     */
    public static void requireMemory(String job, long bytes, String breakdown) {
        long avail = available();
        if (bytes < 0 || bytes > avail) {
            double gib = bytes < 0 ? Double.POSITIVE_INFINITY : bytes / (double) (1L << 30);
            long suggest = bytes < 0 || gib > 1e6 ? -1 : (long) Math.ceil(gib * 1.25 + 1);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs about %s of memory (%s) but this JVM can use %.1f GiB more (Runtime.maxMemory %.1f GiB)%s",
                    job, bytesText(bytes), breakdown, avail / (double) (1L << 30),
                    Runtime.getRuntime().maxMemory() / (double) (1L << 30),
                    suggest > 0 ? "; give Java more, e.g. DLNKIT_JAVA_OPTS=-Xmx" + suggest + "g, or use smaller sizes"
                            : "; use smaller sizes"));
        }
    }

    /**
     * Refuses a job estimated above {@link #MAX_SECONDS}; returns a warning line (or {@code null}) when it is
     * above {@link #WARN_SECONDS}.
     */
    public static String requireTime(String job, double seconds, String hint) {
        if (!(seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s would take about %s (estimate at %.0g flop/s)"
                    + ", more than the %s limit%s", job, durationText(seconds), FLOPS_PER_SECOND,
                    durationText(MAX_SECONDS), hint == null ? "" : "; " + hint));
        }
        if (seconds > WARN_SECONDS) {
            return String.format(Locale.ROOT, "warning: %s will take about %s", job, durationText(seconds));
        }
        return null;
    }

    /** {@code a * b} for byte counts, saturating at {@link Long#MAX_VALUE}. */
    public static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a + b} for byte counts, saturating at {@link Long#MAX_VALUE}. */
    public static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "12.8 GiB", "640 MiB", "more than 8 EiB". */
    public static String bytesText(long bytes) {
        if (bytes < 0 || bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] unit = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < unit.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, unit[u]);
    }

    /** "42 s", "3.5 h", "2.1e+04 years". */
    public static String durationText(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "forever";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 3 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        double days = seconds / 86400;
        return days < 730 ? String.format(Locale.ROOT, "%.0f days", days)
                : String.format(Locale.ROOT, "%.2g years", days / 365.25);
    }
}
