package io.github.dlnkit.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Timings of one workload on one case: {@code repeats} timed executions after {@code warmup} untimed ones.
 *
 * @param seconds    wall time of each timed execution
 * @param figure     the correctness figure of the last execution
 * @param backend    the linear-algebra route ({@code native} or {@code pure Java})
 * @param peakHeapMb peak heap use during the timed executions (MB)
 * @param flops      floating-point operations of one execution when known (else 0)
 */
public record BenchResult(Workload workload, String caseName, int parameters, int threads, int warmup,
                          double[] seconds, Workload.Figure figure, String backend, double peakHeapMb, double flops) {

    public double min() {
        return Arrays.stream(seconds).min().orElse(Double.NaN);
    }

    public double median() {
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** {@code flops / min} in GFLOP/s (0 when the flop count is unknown). */
    public double gflops() {
        return flops > 0 ? flops / min() / 1e9 : 0;
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on %s (n = %d, %d thread%s, %s): min %.4f s, median %.4f s over %d "
                        + "(warm-up %d)%s; %s = %.10g (%s); peak heap %.0f MB",
                workload.key(), caseName, parameters, threads, threads == 1 ? "" : "s", backend, min(), median(),
                seconds.length, warmup, flops > 0 ? String.format(Locale.ROOT, ", %.1f GFLOP/s", gflops()) : "",
                figure.name(), figure.value(), figure.note(), peakHeapMb);
    }
}
