package io.github.dlnkit.critical.exact;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * A landscape question in exact rationals: the moments {@code Sxx = X X^T}, {@code Syx = Y X^T},
 * {@code Syy = Y Y^T}, the point {@code W = [W_1, ..., W_H]} (input side first) and the loss convention.
 *
 * @param sxx        {@code d_x x d_x}
 * @param syx        {@code d_y x d_x}
 * @param syy        {@code d_y x d_y}
 * @param layers     {@code W_1, ..., W_H}, {@code W_h} of shape {@code d_h x d_{h-1}}
 * @param convention {@code "sum"} or {@code "half"} (values only; classes do not depend on it)
 */
public record RationalCase(RationalMatrix sxx, RationalMatrix syx, RationalMatrix syy, List<RationalMatrix> layers,
                           LossConvention convention) {
    public RationalCase {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one layer");
        }
        if (sxx.rows() != sxx.cols() || syx.cols() != sxx.rows() || syy.rows() != syx.rows() || syy.cols() != syx.rows()) {
            throw new IllegalArgumentException("moments of shapes Sxx " + sxx.shape() + ", Syx " + syx.shape() + ", Syy "
                    + syy.shape() + " do not fit together");
        }
        int prev = sxx.rows();
        for (int h = 0; h < layers.size(); h++) {
            if (layers.get(h).cols() != prev) {
                throw new IllegalArgumentException("W_" + (h + 1) + " has shape " + layers.get(h).shape() + ", expected "
                        + layers.get(h).rows() + "x" + prev);
            }
            prev = layers.get(h).rows();
        }
        if (prev != syx.rows()) {
            throw new IllegalArgumentException("W_" + layers.size() + " has " + prev + " rows, expected d_y = " + syx.rows());
        }
    }

    /** From samples: the moments {@code X X^T, Y X^T, Y Y^T}, exactly. */
    public static RationalCase ofSamples(RationalMatrix x, RationalMatrix y, List<RationalMatrix> layers,
                                         LossConvention convention) {
        RationalMatrix xt = x.transpose();
        return new RationalCase(x.times(xt), y.times(xt), y.times(y.transpose()), layers, convention);
    }

    /** The exact rational values of double data and a double point (each double is a dyadic rational). */
    public static RationalCase exactly(Dataset data, Weights w) {
        List<RationalMatrix> l = new ArrayList<>();
        for (int h = 1; h <= w.depth(); h++) {
            l.add(RationalMatrix.exactly(w.layer(h)));
        }
        return new RationalCase(RationalMatrix.exactly(data.sxx()), RationalMatrix.exactly(data.syx()),
                RationalMatrix.exactly(data.syy()), l, LossConvention.SUM);
    }

    /** The widths {@code d_0, ..., d_H}. */
    public Architecture architecture() {
        int[] d = new int[layers.size() + 1];
        d[0] = sxx.rows();
        for (int h = 0; h < layers.size(); h++) {
            d[h + 1] = layers.get(h).rows();
        }
        return Architecture.of(d);
    }

    /** {@code H}. */
    public int depth() {
        return layers.size();
    }

    /** {@code W_h}, 1-based. */
    public RationalMatrix layer(int h) {
        return layers.get(h - 1);
    }

    /** The same case as doubles (nearest doubles), for comparison with the double-precision classifier. */
    public Dataset dataset() {
        return Dataset.fromMoments(sxx.toDouble(), syx.toDouble(), syy.toDouble());
    }

    /** The point as doubles (nearest doubles). */
    public Weights point() {
        return Weights.of(layers.stream().map(RationalMatrix::toDouble).toList());
    }
}
