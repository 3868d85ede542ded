package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.Vectors;

import java.util.Arrays;

/**
 * The Lanczos basis of {@link Lanczos}, kept semi-orthogonal by partial reorthogonalization (Simon 1984, "The
 * Lanczos algorithm with partial reorthogonalization", Math. Comp. 42), in contiguous blocks of {@value #BLOCK}
 * vectors so that a reorthogonalization is a pair of matrix-vector products per block ({@link Vectors#rowsDot},
 * {@link Vectors#rowsAxpy}: one native {@code dgemv} each).
 *
 * <p>Step {@code j} (Golub and Van Loan, algorithm 10.3.1): {@code w = A q_j}, {@code alpha_j = w . q_j},
 * {@code w -= alpha_j q_j + beta_{j-1} q_{j-1}} (the three-term recurrence), one local correction against
 * {@code q_j}; then Simon's recurrence estimates the loss of orthogonality {@code omega_{j+1,k} ~ q_{j+1} . q_k}
 * from the {@code alpha}, {@code beta} alone:
 * {@code beta_j omega_{j+1,k} = beta_k omega_{j,k+1} + (alpha_k - alpha_j) omega_{j,k} + beta_{k-1} omega_{j,k-1}
 * - beta_{j-1} omega_{j-1,k} +- eps ||A||}. Only when some estimate exceeds {@code sqrt(eps)} is {@code w}
 * reorthogonalized against every stored vector ({@code w -= Q (Q^T w)}, repeated when the pass removed more than half
 * of the norm squared: Daniel, Gragg, Kaufman and Stewart 1976, "twice is enough"), and then also at the next step,
 * as Simon prescribes; the estimates are reset to rounding level. Semi-orthogonality ({@code |q_i . q_k| <= sqrt(eps)})
 * is enough for the Ritz values of {@code T_m} to be exact to rounding and free of spurious copies (Simon's theorem
 * 4), and it costs a full pass over the basis only every few steps instead of at every step.
 *
 * With {@code full} set, every step reorthogonalizes: Ritz <em>vectors</em> need an orthonormal basis (from a
 * semi-orthogonal one they are orthogonal only to about {@code sqrt(eps)}).
 *
 * <p>Memory: the {@code m} basis vectors ({@code 8 n m} bytes, allocated a block at a time) and three work vectors;
 * nothing is allocated per step except a new block every {@value #BLOCK} steps. Not thread-safe.
 */
final class LanczosBasis {
    /** Vectors per contiguous block of the basis. */
    static final int BLOCK = 16;
    /** Second reorthogonalization pass when the first leaves less than this fraction of the norm. */
    private static final double DGKS = 1 / Math.sqrt(2);
    private static final double EPS = Math.ulp(1.0);
    /** Semi-orthogonality level: reorthogonalize when an estimated {@code |q_{j+1} . q_k|} exceeds it. */
    static final double SEMI = Math.sqrt(EPS);

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
    // Simon's estimates omega_{j-1,.}, omega_{j,.} and the row being formed, omega_{j+1,.} (diagonal entries 1)
    private double[] omegaPrevious;
    private double[] omegaCurrent;
    private double[] omegaNext;
    private double normEstimate;   // running max of |alpha_i| + beta_{i-1} + beta_i, a lower bound of ||A||
    private boolean reorthogonaliseNext;
    private final boolean full;
    private int reorthogonalizations;

    /**
     * A basis starting from {@code start} (normalised here; the array becomes the basis's work vector).
     *
     * @param full reorthogonalize at every step (an orthonormal basis, for Ritz vectors) instead of partially
     */
    LanczosBasis(SymmetricOperator op, double[] start, int cap, boolean full) {
        this.op = op;
        this.full = full;
        this.n = op.dimension();
        this.cap = cap;
        this.blocks = new double[(cap + BLOCK - 1) / BLOCK][];
        this.alpha = new double[cap];
        this.beta = new double[cap];
        this.coefficients = new double[cap];
        this.omegaPrevious = new double[cap + 1];
        this.omegaCurrent = new double[cap + 1];
        this.omegaNext = new double[cap + 1];
        this.omegaCurrent[0] = 1; // omega_{0,0}
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

    /** Steps at which {@code w} was reorthogonalized against the whole basis. */
    int reorthogonalizations() {
        return reorthogonalizations;
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
        double local = Vectors.dot(w, q); // local correction: q_j . w is rounding-level, but not zero
        alpha[m] += local;
        Vectors.axpy(-local, q, w);
        double raw = Vectors.norm(w);
        normEstimate = Math.max(normEstimate, Math.abs(alpha[m]) + (m > 0 ? beta[m - 1] : 0) + raw);
        boolean lost = estimateOrthogonality(raw);
        nextNorm = raw;
        if (full || lost || reorthogonaliseNext) {
            reorthogonaliseNext = lost && !reorthogonaliseNext; // Simon: q_j and q_{j+1} both, then estimates reset
            reorthogonalizations++;
            double before = raw;
            reorthogonalise();
            nextNorm = Vectors.norm(w);
            if (nextNorm < DGKS * before) {
                reorthogonalise();
                nextNorm = Vectors.norm(w);
            }
            java.util.Arrays.fill(omegaNext, 0, m + 1, rounding());
        }
        omegaNext[m + 1] = 1;
        double[] t2 = omegaPrevious;
        omegaPrevious = omegaCurrent;
        omegaCurrent = omegaNext;
        omegaNext = t2;
        m++;
        double scale = normEstimate;
        if (nextNorm <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) {
            invariant = true;
            nextNorm = 0;
            return false;
        }
        return m < cap;
    }

    /** Rounding-level orthogonality of a freshly orthogonalized vector, {@code eps sqrt(n)}. */
    private double rounding() {
        return EPS * Math.sqrt(n);
    }

    /**
     * Fills {@code omegaNext[0..m]} with Simon's estimates of {@code q_{m+1} . q_k} for the residual of norm
     * {@code raw} and says whether any exceeds {@link #SEMI}.
     */
    private boolean estimateOrthogonality(double raw) {
        int j = m;
        if (!(raw > 0)) {
            return false; // invariant subspace: no next vector
        }
        double worst = 0;
        double noise = EPS * normEstimate;
        for (int k = 0; k < j; k++) {
            double t = beta[k] * omegaCurrent[k + 1] + (alpha[k] - alpha[j]) * omegaCurrent[k]
                    - (j > 0 ? beta[j - 1] * omegaPrevious[k] : 0);
            if (k > 0) {
                t += beta[k - 1] * omegaCurrent[k - 1];
            }
            t = (t + Math.copySign(2 * noise, t)) / raw;
            omegaNext[k] = t;
            worst = Math.max(worst, Math.abs(t));
        }
        omegaNext[j] = rounding() * Math.max(1, normEstimate / raw); // local: kept small by the correction above
        worst = Math.max(worst, Math.abs(omegaNext[j]));
        return worst > SEMI;
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

    /** A copy of the stored basis vector {@code q_j}, {@code 0 <= j < m} (for checks of orthogonality). */
    double[] vector(int j) {
        if (j < 0 || j >= m) {
            throw new IllegalArgumentException("basis vector " + j + " requested, the basis holds q_0..q_" + (m - 1));
        }
        return Arrays.copyOfRange(blocks[j / BLOCK], (j % BLOCK) * n, (j % BLOCK) * n + n);
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
