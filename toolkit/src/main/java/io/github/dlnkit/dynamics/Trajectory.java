package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Weights;
import io.github.dlnkit.table.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A recorded optimization run ({@link GradientDescent} or {@link GradientFlow}): at each recorded iteration
 * (gradient descent) or time (gradient flow) the loss, the gradient norm {@code ||grad L||}, the optional distance
 * to a given critical set or point (NaN when none was given), the relative drift of Liao's invariants from the start
 * ({@link Invariants#drift}) and the singular values of the end-to-end matrix {@code W_{H:1}} (descending).
 *
 * @param method        {@code "gd"} or {@code "flow"}
 * @param time          iteration numbers (gradient descent) or flow times, increasing
 * @param loss          {@code L} at each recorded time
 * @param gradientNorm  {@code ||grad L||} at each recorded time
 * @param distance      distance to the given critical set or point (NaN when none was given)
 * @param invariantDrift relative drift of {@code C_j = W_{j+1}^T W_{j+1} - W_j W_j^T} since the start
 * @param singularValues singular values of {@code W_{H:1}} at each recorded time, descending
 * @param start         the starting point
 * @param end           the last point (the one where the run stopped)
 * @param stopReason    why the run ended
 * @param work          gradient-descent steps taken, or gradient evaluations of the flow integrator
 */
public record Trajectory(String method, double[] time, double[] loss, double[] gradientNorm, double[] distance,
                         double[] invariantDrift, double[][] singularValues, Weights start, Weights end,
                         StopReason stopReason, long work) {

    /** Why a run ended. */
    public enum StopReason {
        /** All requested steps (or the whole time span) were done. */
        COMPLETED,
        /** The loss fell below the requested threshold ({@code stopBelow}). */
        BELOW_THRESHOLD
    }

    /** Number of recorded rows. */
    public int size() {
        return time.length;
    }

    /** The last recorded loss. */
    public double finalLoss() {
        return loss[loss.length - 1];
    }

    /** The last recorded time (iteration for gradient descent). */
    public double finalTime() {
        return time[time.length - 1];
    }

    /** The largest invariant drift recorded. */
    public double maxInvariantDrift() {
        return Arrays.stream(invariantDrift).max().orElse(0);
    }

    /**
     * A Tablesaw table, one row per recorded time: {@code iteration} (or {@code t}), {@code loss},
     * {@code gradNorm}, {@code distance} (only when one was requested), {@code invariantDrift} and {@code sigma_1..sigma_k}.
     */
    public Table toTable() {
        Table t = Table.create(method.equals("gd") ? "gradient descent" : "gradient flow");
        t.addColumns(DoubleColumn.create(method.equals("gd") ? "iteration" : "t", time),
                DoubleColumn.create("loss", loss), DoubleColumn.create("gradNorm", gradientNorm));
        if (Arrays.stream(distance).anyMatch(d -> !Double.isNaN(d))) {
            t.addColumns(DoubleColumn.create("distance", distance));
        }
        t.addColumns(DoubleColumn.create("invariantDrift", invariantDrift));
        int k = singularValues.length == 0 ? 0 : singularValues[0].length;
        for (int i = 0; i < k; i++) {
            double[] col = new double[singularValues.length];
            for (int r = 0; r < col.length; r++) {
                col[r] = singularValues[r][i];
            }
            t.addColumns(DoubleColumn.create("sigma_" + (i + 1), col));
        }
        return t;
    }

    /** Writes {@link #toTable()} as CSV (header row, full double precision; {@link Tables#csv}). */
    public void writeCsv(Path file) {
        Tables.csv(toTable(), file);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s trajectory: %d records, %s %s, loss %.6g -> %.6g, |grad| %.3g, "
                        + "invariant drift %.2e, %s", method, size(), method.equals("gd") ? "iterations" : "t =",
                method.equals("gd") ? String.valueOf((long) finalTime()) : String.format(java.util.Locale.ROOT, "%.4g", finalTime()),
                loss[0], finalLoss(), gradientNorm[gradientNorm.length - 1], maxInvariantDrift(), stopReason);
    }
}
