package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Random;

/** Seeded random matrices: Gaussian entries and Haar-like orthonormal frames. The same {@link Random} state gives the same matrix. */
public final class RandomMatrices {
    private RandomMatrices() {
    }

    /** A {@code rows x cols} matrix of independent {@code N(0, scale^2)} entries, drawn row by row. */
    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.data[k] = scale * rng.nextGaussian();
        }
        return m;
    }

    /**
     * A {@code rows x cols} matrix with orthonormal columns ({@code rows >= cols}) or rows: the {@code Q} factor of a
     * Gaussian matrix with the signs fixed by {@code diag(R) > 0}, which makes it Haar distributed.
     */
    public static DMatrixRMaj orthonormal(int rows, int cols, Random rng) {
        boolean tall = rows >= cols;
        int n = tall ? rows : cols;
        int k = tall ? cols : rows;
        DMatrixRMaj g = gaussian(n, k, 1.0, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        if (!qr.decompose(g.copy())) {
            throw new IllegalStateException("QR failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < k; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < n; i++) {
                    q.set(i, j, -q.get(i, j));
                }
            }
        }
        return tall ? q : CommonOps_DDRM.transpose(q, null);
    }
}
