package io.github.dlnkit.model;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Random;

/** Seeded synthetic data sets. */
public final class Datasets {
    private Datasets() {
    }

    /** {@code X} ({@code d_x x m}) and {@code Y} ({@code d_y x m}) with i.i.d. {@code N(0,1)} entries. */
    public static Dataset gaussian(int dx, int dy, int m, long seed) {
        requireSizes(dx, dy, m);
        Random rng = new Random(seed);
        return Dataset.of(RandomMatrices.gaussian(dx, m, 1, rng), RandomMatrices.gaussian(dy, m, 1, rng));
    }

    /**
     * Whitened inputs: {@code X} has orthonormal rows ({@code X X^T = I}, from the QR of an {@code m x d_x}
     * Gaussian matrix) and {@code Y = Z X} with {@code Z} Gaussian, so {@code Syx = Z}. Needs {@code m >= d_x}.
     */
    public static Dataset whitened(int dx, int dy, int m, long seed) {
        requireSizes(dx, dy, m);
        if (m < dx) {
            throw new IllegalArgumentException("whitened data needs m >= d_x, got m = " + m + ", d_x = " + dx);
        }
        Random rng = new Random(seed);
        DMatrixRMaj x = RandomMatrices.orthonormal(dx, m, rng);
        DMatrixRMaj z = RandomMatrices.gaussian(dy, dx, 1, rng);
        return Dataset.of(x, MatrixOps.mult(z, x));
    }

    /** {@code X = I_n}, {@code Y = diag(y)}: {@code Sigma = diag(y_k^2)}, {@code U = I} (the protocol data of section 12). */
    public static Dataset diagonal(double... y) {
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("diagonal data needs at least one value");
        }
        return Dataset.of(CommonOps_DDRM.identity(n), MatrixOps.diag(y));
    }

    private static void requireSizes(int dx, int dy, int m) {
        if (dx < 1 || dy < 1 || m < 1) {
            throw new IllegalArgumentException("sizes must be >= 1, got d_x = " + dx + ", d_y = " + dy + ", m = " + m);
        }
    }
}
