package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

/**
 * The scales the classifier measures its quantities against: the Frobenius norms of every partial product
 * {@code W_{b:a} = W_b ... W_a} of one point, and for each product the size of what it is made of,
 * {@code made(b,a) = sum_{h=a..b} ||W_{b:h+1}||_F ||W_h||_F ||W_{h-1:a}||_F}: computing {@code W_{b:a}} one layer at
 * a time, the step that multiplies by {@code W_h} commits a rounding error of at most about
 * {@code n eps ||W_h|| ||W_{h-1:a}||}, which the layers above carry with norm {@code ||W_{b:h+1}||}; so
 * {@code n eps made(b,a)} bounds the rounding error of {@code W_{b:a}} to first order ({@code n} the largest width).
 * Unlike the product of the layer norms it is unchanged by layer rescalings {@code W_h -> c_h W_h},
 * {@code prod c_h = 1}, and grows only with the conditioning of a hidden change of basis, not with its power.
 * Empty products ({@code b < a}) are identities: norm and scale 1.
 */
final class Scales {
    /** Unit roundoff of double precision, {@code 2^-52}. */
    static final double EPS = Math.ulp(1.0);

    private final double[][] norm; // norm[b][a] = ||W_{b:a}||_F, 1 <= a <= b <= H
    private final double[][] made;
    private final double[] layer;
    private final int depth;
    private final int maxWidth;

    private Scales(Weights w) {
        depth = w.depth();
        layer = w.layerNorms();
        norm = new double[depth + 2][depth + 2];
        made = new double[depth + 2][depth + 2];
        int mw = 1;
        for (int h = 0; h <= depth; h++) {
            mw = Math.max(mw, w.architecture().width(h));
        }
        maxWidth = mw;
        for (int a = 1; a <= depth; a++) {
            DMatrixRMaj p = w.layer(a);
            norm[a][a] = layer[a - 1];
            for (int b = a + 1; b <= depth; b++) {
                p = MatrixOps.mult(w.layer(b), p);
                norm[b][a] = MatrixOps.normF(p);
            }
        }
        for (int a = 1; a <= depth; a++) {
            for (int b = a; b <= depth; b++) {
                double s = 0;
                for (int h = a; h <= b; h++) {
                    s += norm(b, h + 1) * layer[h - 1] * norm(h - 1, a);
                }
                made[b][a] = s;
            }
        }
    }

    static Scales of(Weights w) {
        return new Scales(w);
    }

    /** {@code ||W_{b:a}||_F} (1 for an empty product, {@code b < a}). */
    double norm(int b, int a) {
        return b < a ? 1 : norm[b][a];
    }

    /** {@code made(b,a)}, the size {@code W_{b:a}} is made of (1 for an empty product). */
    double made(int b, int a) {
        return b < a ? 1 : made[b][a];
    }

    /** Relative rounding level {@code n eps} of one product, {@code n} the largest width. */
    double roundoff() {
        return maxWidth * EPS;
    }

    int depth() {
        return depth;
    }
}
