package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Random;

/**
 * Shared fixtures and named tolerances of the symmetric-eigen tests ({@link SymmetricEigenContract} and the tests
 * of each backend): seeded symmetric matrices with known spectra, and the relative tolerances they are judged by.
 */
public final class EigenFixtures {
    /** Eigenvalues agree to this, relative to {@code max(1, max |lambda|)} (issue 20: 1e-10 relative). */
    public static final double EIGENVALUE_REL = 1e-10;
    /** {@code ||A v - lambda v|| <= RESIDUAL_REL * max(1, ||A||_F)} for each unit eigenvector. */
    public static final double RESIDUAL_REL = 1e-10;
    /** {@code |V^T V - I|_max <= ORTHOGONALITY} for the eigenvector matrix. */
    public static final double ORTHOGONALITY = 1e-10;

    private EigenFixtures() {
    }

    /** A symmetric matrix with standard Gaussian entries on and below the diagonal. */
    public static DMatrixRMaj randomSymmetric(int n, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextGaussian();
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
        return m;
    }

    /** {@code Q diag(mu) Q^T} with a Haar-random orthogonal {@code Q}: a symmetric matrix with the spectrum {@code mu}. */
    public static DMatrixRMaj withSpectrum(double[] mu, Random rng) {
        int n = mu.length;
        DMatrixRMaj q = RandomMatrices.orthonormal(n, n, rng);
        DMatrixRMaj qd = q.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                qd.set(i, j, q.get(i, j) * mu[j]);
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, m);
        return m;
    }

    /** {@code n} well-separated eigenvalues spread over {@code [-scale, scale]} (distinct: Lanczos resolves each). */
    public static double[] separatedSpectrum(int n, double scale, Random rng) {
        double[] mu = new double[n];
        for (int k = 0; k < n; k++) {
            mu[k] = scale * (-1 + 2.0 * (k + 0.25 + 0.5 * rng.nextDouble()) / n);
        }
        return mu;
    }

    /** Ascending copy. */
    public static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** {@code max(1, max |v|)}: the scale relative tolerances refer to. */
    public static double scaleOf(double[] v) {
        double s = 1;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }
}
