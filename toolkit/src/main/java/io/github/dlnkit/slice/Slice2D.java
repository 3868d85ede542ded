package io.github.dlnkit.slice;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * {@code (s, t) -> L(W + s delta_1 + t delta_2)} on a grid.
 *
 * @param s          first-axis abscissae, increasing
 * @param t          second-axis abscissae, increasing
 * @param loss       {@code loss[i][j] = L(W + s_i delta_1 + t_j delta_2)}
 * @param base       {@code L(W)}
 * @param direction1 label of {@code delta_1}
 * @param direction2 label of {@code delta_2}
 */
public record Slice2D(double[] s, double[] t, double[][] loss, double base, String direction1, String direction2) {
    public Slice2D {
        if (loss.length != s.length || s.length < 2 || t.length < 2) {
            throw new IllegalArgumentException("2D slice has a " + loss.length + "-row value grid for " + s.length
                    + " x " + t.length + " abscissae, expected matching sizes >= 2");
        }
        double[][] c = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            if (loss[i].length != t.length) {
                throw new IllegalArgumentException("2D slice row " + i + " has " + loss[i].length + " values, expected " + t.length);
            }
            c[i] = loss[i].clone();
        }
        s = s.clone();
        t = t.clone();
        loss = c;
    }

    @Override
    public double[] s() {
        return s.clone();
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public double[][] loss() {
        double[][] c = new double[loss.length][];
        for (int i = 0; i < loss.length; i++) {
            c[i] = loss[i].clone();
        }
        return c;
    }

    /** {@code L} at grid node {@code (i, j)}. */
    public double at(int i, int j) {
        return loss[i][j];
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double[] r : loss) {
            for (double v : r) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] r : loss) {
            for (double v : r) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** Long format, one row per grid node: {@code s}, {@code t}, {@code loss}, {@code change} (all double). */
    public Table toTable() {
        DoubleColumn cs = DoubleColumn.create("s");
        DoubleColumn ct = DoubleColumn.create("t");
        DoubleColumn cl = DoubleColumn.create("loss");
        DoubleColumn cc = DoubleColumn.create("change");
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < t.length; j++) {
                cs.append(s[i]);
                ct.append(t[j]);
                cl.append(loss[i][j]);
                cc.append(loss[i][j] - base);
            }
        }
        return Table.create("slice along " + direction1 + " x " + direction2, cs, ct, cl, cc);
    }
}
