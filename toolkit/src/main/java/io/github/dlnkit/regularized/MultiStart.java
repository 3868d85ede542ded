package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Weights;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The numerical route to the critical set when no closed form exists (data not whitened, theory
 * {@code regularized.md} section 1): gradient descent from many seeded Gaussian starts
 * ({@link ConvergenceProtocol#gaussianInit}), each limit with its value, gradient norm and balancedness residual
 * (balancedness holds at every critical point for any data, section 2.1), and the distinct limit values.
 */
public final class MultiStart {
    private MultiStart() {
    }

    /**
     * One start.
     *
     * @param seed         seed of the start
     * @param value        {@code F(W_K)}
     * @param gradientNorm {@code ||grad F(W_K)||}
     * @param balancedness balancedness residual at {@code W_K}
     * @param last         {@code W_K}
     */
    public record Limit(long seed, double value, double gradientNorm, double balancedness, Weights last) {
    }

    /**
     * All starts.
     *
     * @param problem the problem
     * @param limits  one per start, in seed order
     */
    public record Result(RegularizedProblem problem, List<Limit> limits) {
        public Result {
            limits = List.copyOf(limits);
        }

        /** Distinct limit values, ascending; values within {@code relTol * max(1, |v|)} are merged. */
        public double[] distinctValues(double relTol) {
            double[] v = limits.stream().mapToDouble(Limit::value).sorted().toArray();
            List<Double> out = new ArrayList<>();
            for (double x : v) {
                if (out.isEmpty() || x - out.get(out.size() - 1) > relTol * Math.max(1, Math.abs(x))) {
                    out.add(x);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Columns {@code seed}, {@code F}, {@code |grad F|}, {@code balancedness}, {@code value rank} (1 = lowest distinct value at 1e-8). */
        public Table toTable() {
            double[] distinct = distinctValues(1e-8);
            LongColumn s = LongColumn.create("seed");
            DoubleColumn f = DoubleColumn.create("F");
            DoubleColumn g = DoubleColumn.create("|grad F|");
            DoubleColumn b = DoubleColumn.create("balancedness");
            IntColumn rank = IntColumn.create("value rank");
            for (Limit l : limits) {
                s.append(l.seed());
                f.append(l.value());
                g.append(l.gradientNorm());
                b.append(l.balancedness());
                int r = 1;
                for (int i = 0; i < distinct.length; i++) {
                    if (Math.abs(distinct[i] - l.value()) <= 1e-8 * Math.max(1, Math.abs(l.value()))) {
                        r = i + 1;
                        break;
                    }
                }
                rank.append(r);
            }
            return Table.create("GD from " + limits.size() + " starts, " + problem, s, f, g, b, rank);
        }
    }

    /**
     * GD with {@code options} from {@code starts} Gaussian starts with seeds {@code seed, seed+1, ...}; works for
     * any data. {@code progress} (may be {@code null}) receives one line per start.
     */
    public static Result run(RegularizedProblem problem, int starts, long seed, RegularizedGd.Options options,
                             Progress progress) {
        if (starts < 1) {
            throw new IllegalArgumentException("number of starts must be >= 1, got " + starts);
        }
        List<Limit> out = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            long s = seed + i;
            RegularizedGd.Trace t = RegularizedGd.run(problem, ConvergenceProtocol.gaussianInit(problem.widths(), s), options);
            int n = t.size() - 1;
            out.add(new Limit(s, t.value()[n], t.gradientNorm()[n], t.balancedness()[n], t.last()));
            if (progress != null) {
                progress.note(String.format(java.util.Locale.ROOT, "start %d/%d (seed %d): F = %.12g, |grad| = %.3e",
                        i + 1, starts, s, t.value()[n], t.gradientNorm()[n]));
            }
        }
        return new Result(problem, out);
    }
}
