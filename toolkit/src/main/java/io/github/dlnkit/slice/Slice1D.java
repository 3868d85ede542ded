package io.github.dlnkit.slice;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * {@code t -> L(W + t delta)} sampled on a grid.
 *
 * @param t         abscissae, increasing, including 0 when the range is symmetric with an odd number of points
 * @param loss      {@code L(W + t delta)}
 * @param base      {@code L(W)}
 * @param direction label of {@code delta}
 */
public record Slice1D(double[] t, double[] loss, double base, String direction) {
    public Slice1D {
        if (t.length != loss.length || t.length < 2) {
            throw new IllegalArgumentException("slice has " + t.length + " abscissae and " + loss.length
                    + " values, expected equal lengths >= 2");
        }
        t = t.clone();
        loss = loss.clone();
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    /** Columns {@code t} (double), {@code loss} (double), {@code change} ({@code L(W + t delta) - L(W)}, double). */
    public Table toTable() {
        double[] change = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            change[i] = loss[i] - base;
        }
        return Table.create("slice along " + direction, DoubleColumn.create("t", t), DoubleColumn.create("loss", loss),
                DoubleColumn.create("change", change));
    }
}
