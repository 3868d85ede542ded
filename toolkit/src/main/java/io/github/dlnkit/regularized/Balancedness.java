package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Balancedness of the regularized loss (theory {@code regularized.md}, section 2.1): for every {@code W},
 * {@code W_{l+1}^T grad_{l+1} - grad_l W_l^T = lambda_{l+1} W_{l+1}^T W_{l+1} - lambda_l W_l W_l^T}, so every
 * critical point satisfies {@code lambda_{l+1} W_{l+1}^T W_{l+1} = lambda_l W_l W_l^T}, {@code l = 1..L-1}.
 */
public final class Balancedness {
    private Balancedness() {
    }

    /** {@code max_l ||lambda_{l+1} W_{l+1}^T W_{l+1} - lambda_l W_l W_l^T||_F}; {@code lambdas} has one value per layer. */
    public static double residual(Weights w, double[] lambdas) {
        int depth = w.depth();
        if (lambdas.length != depth) {
            throw new IllegalArgumentException("balancedness needs L = " + depth + " weight-decay values, got "
                    + lambdas.length);
        }
        double worst = 0;
        for (int l = 1; l < depth; l++) {
            DMatrixRMaj next = w.layer(l + 1);
            DMatrixRMaj cur = w.layer(l);
            DMatrixRMaj a = new DMatrixRMaj(next.numCols, next.numCols);
            CommonOps_DDRM.multTransA(lambdas[l], next, next, a);
            DMatrixRMaj b = new DMatrixRMaj(cur.numRows, cur.numRows);
            CommonOps_DDRM.multTransB(lambdas[l - 1], cur, cur, b);
            CommonOps_DDRM.subtractEquals(a, b);
            worst = Math.max(worst, NormOps_DDRM.normF(a));
        }
        return worst;
    }
}
