package io.github.dlnkit.spectrum;

import java.util.Arrays;

/**
 * The Lanczos tridiagonal {@code T_m = Q_m^T A Q_m}: diagonal {@code alpha_0..alpha_{m-1}}, off-diagonal
 * {@code beta_0..beta_{m-2}}, and {@code residualNorm = beta_{m-1} = ||A q_{m-1} - alpha q_{m-1} - beta q_{m-2}||}
 * (after full reorthogonalization), so that the Ritz pair {@code (theta_i, Q_m y_i)} has residual
 * {@code ||A x - theta x|| = residualNorm |y_i[m-1]|} (Golub and Van Loan, section 10.1.4).
 *
 * @param alpha        diagonal, length {@code m}
 * @param beta         off-diagonal, length {@code m - 1}
 * @param residualNorm norm of the last residual vector ({@code 0} when the Krylov space is invariant)
 */
public record Tridiagonal(double[] alpha, double[] beta, double residualNorm) {
    public Tridiagonal {
        if (alpha.length == 0 || beta.length != alpha.length - 1) {
            throw new IllegalArgumentException("tridiagonal has " + alpha.length + " diagonal and " + beta.length
                    + " off-diagonal entries, expected m >= 1 and m - 1");
        }
        alpha = alpha.clone();
        beta = beta.clone();
    }

    /**
     * Ritz values, quadrature weights and residual bounds of the leading {@code m x m} block (the state after
     * {@code m} Lanczos steps), by implicit QL on the tridiagonal in {@code O(m^2)}.
     *
     * @param values    ascending Ritz values {@code theta_i}
     * @param weights   {@code tau_i = (e_1^T y_i)^2}, the Gauss quadrature weights of stochastic Lanczos
     *                  quadrature (they sum to 1)
     * @param residuals {@code ||A x_i - theta_i x_i||}: some eigenvalue lies within this distance of {@code theta_i}
     *                  (exact for the full block; for a leading block it uses {@code beta_{m-1}})
     */
    public record Ritz(double[] values, double[] weights, double[] residuals) {
    }

    public int size() {
        return alpha.length;
    }

    @Override
    public double[] alpha() {
        return alpha.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    /** Ritz data of the whole tridiagonal. */
    public Ritz ritz() {
        return ritz(size());
    }

    /** Ritz data of the leading {@code m x m} block, {@code 1 <= m <= size()}. */
    public Ritz ritz(int m) {
        if (m < 1 || m > size()) {
            throw new IllegalArgumentException("block size m = " + m + ", expected 1.." + size());
        }
        TridiagonalQl.Result r = TridiagonalQl.solve(alpha, beta, m);
        double next = m < size() ? beta[m - 1] : residualNorm;
        double[] w = new double[m];
        double[] res = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = r.first()[i] * r.first()[i];
            res[i] = Math.abs(next * r.last()[i]);
        }
        return new Ritz(r.values(), w, res);
    }

    @Override
    public String toString() {
        return "Tridiagonal[m=" + size() + ", alpha=" + Arrays.toString(Arrays.copyOf(alpha, Math.min(4, size()))) + "...]";
    }
}
