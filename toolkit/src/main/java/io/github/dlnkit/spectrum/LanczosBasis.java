package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.Vectors;

import java.util.Arrays;

/**
 * The Lanczos basis of {@link Lanczos} with full reorthogonalization, kept in contiguous blocks of
 * {@value #BLOCK} vectors so that reorthogonalization is a pair of matrix-vector products per block
 * ({@link Vectors#rowsDot}, {@link Vectors#rowsAxpy}: one native {@code dgemv} each) instead of one {@code ddot} and
 * one {@code daxpy} per stored vector.
 *
 * <p>Step {@code j} (Golub and Van Loan, algorithm 10.3.1 with classical Gram-Schmidt reorthogonalization):
 * {@code w = A q_j}, {@code alpha_j = w . q_j}, {@code w -= alpha_j q_j + beta_{j-1} q_{j-1}} (the three-term
 * recurrence), then {@code w -= Q (Q^T w)} over all stored {@code q_0..q_j}, repeated once when that pass removed
 * more than half of the norm squared ({@code ||w_after|| < ||w_before|| / sqrt 2}: the criterion of Daniel, Gragg,
 * Kaufman and Stewart 1976, "twice is enough"); {@code beta_j = ||w||}, {@code q_{j+1} = w / beta_j}. Because the
 * recurrence is subtracted first, the reorthogonalization pass removes only rounding-level components and the
 * second pass is rare.
 *
 * <p>Memory: the {@code m} basis vectors ({@code 8 n m} bytes, allocated a block at a time) and three work vectors;
 * nothing is allocated per step except a new block every {@value #BLOCK} steps. Not thread-safe.
 */
final class LanczosBasis {
    /** Vectors per contiguous block of the basis. */
    static final int BLOCK = 16;
    /** Second reorthogonalization pass when the first leaves less than this fraction of the norm. */
    private static final double DGKS = 1 / Math.sqrt(2);

    private final SymmetricOperator op;
    private final int n;
    private final int cap;
    private final double[][] blocks;
    private final double[] alpha;
    private final double[] beta;
    private final double[] coefficients;
    private double[] current;   // q_j as a plain vector (the operator's input)
    private double[] previous;  // q_{j-1}
    private final double[] w;   // A q_j, then the residual
    private double nextNorm;
    private int m;
    private boolean invariant;

    /** A basis starting from {@code start} (normalised here; the array becomes the basis's work vector). */
    LanczosBasis(SymmetricOperator op, double[] start, int cap) {
        this.op = op;
        this.n = op.dimension();
        this.cap = cap;
        this.blocks = new double[(cap + BLOCK - 1) / BLOCK][];
        this.alpha = new double[cap];
        this.beta = new double[cap];
        this.coefficients = new double[cap];
        double norm = Vectors.norm(start);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalArgumentException("start vector has norm " + norm + ", expected finite and > 0");
        }
        for (int i = 0; i < n; i++) {
            start[i] /= norm;
        }
        this.w = start;
        this.current = new double[n];
        this.previous = new double[n];
        this.nextNorm = 1;
    }

    /** Steps taken so far ({@code m}): the basis holds {@code q_0..q_{m-1}}. */
    int steps() {
        return m;
    }

    /** Whether the Krylov space became invariant ({@code beta ~ 0}). */
    boolean invariant() {
        return invariant;
    }

    /** The residual norm {@code beta_m} after the last step (0 once invariant). */
    double nextNorm() {
        return nextNorm;
    }

    double[] alpha() {
        return alpha;
    }

    double[] beta() {
        return beta;
    }

    /** One step; false when no further step is possible (cap or invariant subspace). */
    boolean step() {
        double[] t = previous;
        previous = current;
        current = t;
        double[] q = current;
        for (int i = 0; i < n; i++) {
            q[i] = w[i] / nextNorm;
        }
        if (m > 0) {
            beta[m - 1] = nextNorm;
        }
        System.arraycopy(q, 0, block(m), (m % BLOCK) * n, n);
        op.apply(q, w);
        double a = Vectors.dot(w, q);
        alpha[m] = a;
        Vectors.axpy(-a, q, w);
        if (m > 0) {
            Vectors.axpy(-beta[m - 1], previous, w);
        }
        double before = Vectors.norm(w);
        reorthogonalise();
        nextNorm = Vectors.norm(w);
        if (nextNorm < DGKS * before) {
            reorthogonalise();
            nextNorm = Vectors.norm(w);
        }
        m++;
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, Math.abs(alpha[i]) + (i > 0 ? beta[i - 1] : 0) + (i < m - 1 ? beta[i] : 0));
        }
        if (nextNorm <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) {
            invariant = true;
            nextNorm = 0;
            return false;
        }
        return m < cap;
    }

    /** {@code w -= Q (Q^T w)} over {@code q_0..q_m} (classical Gram-Schmidt, one {@code dgemv} pair per block). */
    private void reorthogonalise() {
        int count = m + 1;
        for (int b = 0; b * BLOCK < count; b++) {
            Vectors.rowsDot(blocks[b], 0, Math.min(BLOCK, count - b * BLOCK), n, w, coefficients, b * BLOCK);
        }
        for (int b = 0; b * BLOCK < count; b++) {
            Vectors.rowsAxpy(-1, blocks[b], 0, Math.min(BLOCK, count - b * BLOCK), n, coefficients, b * BLOCK, w);
        }
    }

    /** The block holding {@code q_j}, allocated on first use. */
    private double[] block(int j) {
        int b = j / BLOCK;
        if (blocks[b] == null) {
            blocks[b] = new double[Vectors.paddedLength(Math.min(BLOCK, cap - b * BLOCK), n)];
        }
        return blocks[b];
    }

    /** {@code T_m}. */
    Tridiagonal tridiagonal() {
        return new Tridiagonal(Arrays.copyOf(alpha, m), Arrays.copyOf(beta, m - 1), nextNorm);
    }

    /** {@code sum_j y[j] q_j} over the {@code m} basis vectors, normalised: a Ritz vector. */
    double[] combination(double[] y) {
        double[] x = new double[n];
        for (int b = 0; b * BLOCK < m; b++) {
            Vectors.rowsAxpy(1, blocks[b], 0, Math.min(BLOCK, m - b * BLOCK), n, y, b * BLOCK, x);
        }
        double nx = Vectors.norm(x);
        for (int j = 0; j < n; j++) {
            x[j] /= nx;
        }
        return x;
    }
}
