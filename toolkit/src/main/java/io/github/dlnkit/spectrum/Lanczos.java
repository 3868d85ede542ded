package io.github.dlnkit.spectrum;

import io.github.dlnkit.model.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Matrix-free extreme eigenvalues of a {@link SymmetricOperator} by the Lanczos iteration (Golub and Van Loan,
 * section 10.1 and 10.3): {@code q_{j+1} beta_j = A q_j - alpha_j q_j - beta_{j-1} q_{j-1}}, with the basis kept
 * semi-orthogonal by Simon's partial reorthogonalization (a full classical Gram-Schmidt pass, one matrix-vector product
 * pair per block of the basis, only when the estimated loss of orthogonality reaches {@code sqrt(eps)};
 * {@link LanczosBasis}), which keeps the Ritz values exact to rounding and free of spurious copies ("ghosts"); when Ritz
 * vectors are requested every step is reorthogonalized, so that they come out orthonormal.
 *
 * <p>Convergence is judged by the Ritz residuals {@code ||A x_i - theta_i x_i|| = beta_m |y_i[m-1]|}: the run stops
 * when every requested Ritz value has residual {@code <= tolerance * scale}, {@code scale = max(1, max |theta|)}.
 * With one start vector, Lanczos finds each <em>distinct</em> eigenvalue once; multiplicities are not resolved
 * (use {@link DenseSpectrum#clusters()} for those). The reported values are the {@code k} largest / smallest
 * distinct converged Ritz values (Ritz values closer than {@code mergeTolerance * scale} count as one).
 *
 * <p>On a positive semi-definite operator every Ritz value is {@code >= lambda_min} up to rounding, so on a
 * non-strict saddle the smallest reported value is zero up to {@code ~1e-15 scale}; each value carries its residual
 * bound ({@link RitzPair}), and {@link Result#certainlyNegative(double)} says whether a negative eigenvalue is
 * certain beyond a tolerance.
 *
 * <p>As with any Krylov method, an eigenvalue whose eigenvectors are (nearly) orthogonal to the start vector can be
 * missed; the seeded Gaussian start makes this unlikely, and a rerun with another {@code seed} checks it.
 *
 * <p>Cost: one operator application (for a Hessian, one HVP) per step, {@code O(n m)} for each reorthogonalization
 * (every few steps; every step with vectors) and {@code O(n m)} memory for the basis.
 */
public final class Lanczos {
    private Lanczos() {
    }

    /** Which end of the spectrum to resolve. */
    public enum Which {
        TOP, BOTTOM, BOTH
    }

    /** Default number of extreme eigenvalues at each end. */
    public static final int DEFAULT_K = 5;
    /** Default relative Ritz residual for convergence. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    /**
     * Options.
     *
     * @param k              how many distinct largest eigenvalues (and smallest, unless {@code kBottom} is set)
     * @param kBottom        how many distinct smallest eigenvalues ({@code 0}: same as {@code k})
     * @param which          top, bottom or both
     * @param tolerance      relative Ritz residual for convergence ({@code residual <= tolerance * scale})
     * @param mergeTolerance Ritz values closer than {@code mergeTolerance * scale} are one eigenvalue
     * @param maxIterations  iteration cap (operator applications); reaching it without convergence is an error
     * @param seed           seed of the Gaussian start vector
     * @param vectors        whether to return the Ritz vectors
     * @param checkEvery     compute Ritz residuals every this many steps
     * @param progress       receives a progress line every {@code checkEvery} steps (may be {@code null})
     */
    public record Options(int k, int kBottom, Which which, double tolerance, double mergeTolerance, int maxIterations, long seed,
                          boolean vectors, int checkEvery, Progress progress) {
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("Lanczos k = " + k + ", expected >= 1");
            }
            if (kBottom < 0) {
                throw new IllegalArgumentException("Lanczos kBottom = " + kBottom + ", expected >= 0 (0: same as k)");
            }
            if (kBottom == 0) {
                kBottom = k;
            }
            if (which == null) {
                throw new IllegalArgumentException("Lanczos 'which' is missing (null), expected TOP, BOTTOM or BOTH");
            }
            if (!(tolerance > 0) || tolerance >= 1) {
                throw new IllegalArgumentException("Lanczos tolerance = " + tolerance + ", expected in (0, 1)");
            }
            if (!(mergeTolerance > 0) || mergeTolerance >= 1) {
                throw new IllegalArgumentException("Lanczos merge tolerance = " + mergeTolerance + ", expected in (0, 1)");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("Lanczos maxIterations = " + maxIterations + ", expected >= 1");
            }
            if (checkEvery < 1) {
                throw new IllegalArgumentException("Lanczos checkEvery = " + checkEvery + ", expected >= 1");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The defaults of {@link Builder}. */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            Builder b = new Builder().k(k).which(which).tolerance(tolerance).mergeTolerance(mergeTolerance)
                    .maxIterations(maxIterations).seed(seed).vectors(vectors).checkEvery(checkEvery).progress(progress);
            b.kBottom = kBottom == k ? 0 : kBottom;
            return b;
        }

        /** Defaults: {@code k = 5}, both ends, tolerance 1e-10, merge 1e-8, 500 iterations, seed 1, no vectors. */
        public static final class Builder {
            private int k = DEFAULT_K;
            private int kBottom;
            private Which which = Which.BOTH;
            private double tolerance = DEFAULT_TOLERANCE;
            private double mergeTolerance = 1e-8;
            private int maxIterations = 500;
            private long seed = 1;
            private boolean vectors;
            private int checkEvery = 5;
            private Progress progress;

            public Builder k(int v) {
                k = v;
                return this;
            }

            /** Number of smallest eigenvalues when it differs from {@code k} (e.g. top 5 and the minimum). */
            public Builder kBottom(int v) {
                kBottom = v;
                return this;
            }

            public Builder which(Which v) {
                which = v;
                return this;
            }

            public Builder tolerance(double v) {
                tolerance = v;
                return this;
            }

            public Builder mergeTolerance(double v) {
                mergeTolerance = v;
                return this;
            }

            public Builder maxIterations(int v) {
                maxIterations = v;
                return this;
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            public Builder vectors(boolean v) {
                vectors = v;
                return this;
            }

            public Builder checkEvery(int v) {
                checkEvery = v;
                return this;
            }

            public Builder progress(Progress v) {
                progress = v;
                return this;
            }

            public Options build() {
                return new Options(k, kBottom, which, tolerance, mergeTolerance, maxIterations, seed, vectors, checkEvery, progress);
            }
        }
    }

    /**
     * Outcome of a run.
     *
     * @param top          the largest distinct eigenvalues, descending (empty for {@link Which#BOTTOM})
     * @param bottom       the smallest distinct eigenvalues, ascending (empty for {@link Which#TOP})
     * @param iterations   Lanczos steps {@code m}, one operator application (HVP for a Hessian) each
     * @param scale        {@code max(1, max |theta|)}, the reference of the relative tolerances
     * @param exhausted    the Krylov space became invariant ({@code beta ~ 0}): the Ritz values are exact
     * @param tridiagonal  the tridiagonal {@code T_m}
     */
    public record Result(List<RitzPair> top, List<RitzPair> bottom, int iterations, double scale,
                         boolean exhausted, Tridiagonal tridiagonal) {
        public Result {
            top = List.copyOf(top);
            bottom = List.copyOf(bottom);
        }

        /** Operator applications (HVPs for a Hessian): one per step, {@code iterations}. */
        public long applications() {
            return iterations;
        }

        /** Smallest Ritz value (requires {@link Which#BOTTOM} or {@link Which#BOTH}). */
        public RitzPair min() {
            if (bottom.isEmpty()) {
                throw new IllegalStateException("the bottom of the spectrum was not requested (Which.TOP)");
            }
            return bottom.get(0);
        }

        /** Largest Ritz value (requires {@link Which#TOP} or {@link Which#BOTH}). */
        public RitzPair max() {
            if (top.isEmpty()) {
                throw new IllegalStateException("the top of the spectrum was not requested (Which.BOTTOM)");
            }
            return top.get(0);
        }

        /**
         * Whether a negative eigenvalue is certain beyond {@code relTol}: {@code theta_min + residual < -relTol * scale}.
         * On a non-strict saddle (PSD Hessian with zeros) this is false for any {@code relTol >= ~1e-12}.
         */
        public boolean certainlyNegative(double relTol) {
            return min().certainlyBelow(-relTol * scale);
        }

        /** Top values (descending) as an array. */
        public double[] topValues() {
            return top.stream().mapToDouble(RitzPair::value).toArray();
        }

        /** Bottom values (ascending) as an array. */
        public double[] bottomValues() {
            return bottom.stream().mapToDouble(RitzPair::value).toArray();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Lanczos[%d steps, top %s, bottom %s%s]", iterations, top, bottom,
                    exhausted ? ", Krylov space exhausted (exact)" : "");
        }
    }

    /** The {@code k} largest distinct eigenvalues, default options otherwise. */
    public static Result top(SymmetricOperator op, int k) {
        return run(op, Options.builder().k(k).which(Which.TOP).build());
    }

    /** The {@code k} smallest distinct eigenvalues, default options otherwise. */
    public static Result bottom(SymmetricOperator op, int k) {
        return run(op, Options.builder().k(k).which(Which.BOTTOM).build());
    }

    /** The {@code k} largest and {@code k} smallest distinct eigenvalues, default options otherwise. */
    public static Result extremes(SymmetricOperator op, int k) {
        return run(op, Options.builder().k(k).which(Which.BOTH).build());
    }

    /** Runs Lanczos with full reorthogonalization until the requested Ritz values converge (see class comment). */
    public static Result run(SymmetricOperator op, Options o) {
        if (op == null) {
            throw new IllegalArgumentException("operator is missing (null)");
        }
        if (o == null) {
            throw new IllegalArgumentException("Lanczos options are missing (null)");
        }
        int n = op.dimension();
        if (n < 1) {
            throw new IllegalArgumentException("operator has dimension " + n + ", expected >= 1");
        }
        LanczosBasis b = new LanczosBasis(op, gaussian(n, o.seed()), Math.min(n, o.maxIterations()), o.vectors());
        while (true) {
            boolean more = b.step();
            int m = b.steps();
            boolean check = !more || m % o.checkEvery() == 0 || m == n;
            if (!check) {
                continue;
            }
            Tridiagonal t = b.tridiagonal();
            Tridiagonal.Ritz ritz = t.ritz();
            double scale = DenseSpectrum.scaleOf(ritz.values());
            Selection sel = select(ritz, o, scale);
            boolean exhausted = b.invariant() || m == n;
            boolean converged = exhausted || sel.worst <= o.tolerance() * scale;
            if (o.progress() != null) {
                o.progress().note(exhausted
                        ? String.format(Locale.ROOT, "lanczos: step %d, Krylov space exhausted (Ritz values exact)", m)
                        : String.format(Locale.ROOT, "lanczos: step %d, %d applications, worst residual %.2e (target %.1e)",
                        m, op instanceof HessianOperator h ? h.applications() : m, sel.worst / scale, o.tolerance()));
            }
            if (converged) {
                return result(b, ritz, sel, o, scale, exhausted, t);
            }
            if (!more) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Lanczos did not converge in %d iterations (%d operator applications, n = %d): worst Ritz residual "
                                + "%.3g = %.2e relative > tolerance %.1e; raise maxIterations or loosen the tolerance",
                        m, m, n, sel.worst, sel.worst / scale, o.tolerance()));
            }
        }
    }

    /**
     * {@code steps} plain Lanczos steps with full reorthogonalization from {@code start} (normalised; not modified),
     * stopping early if the Krylov space becomes invariant. The raw material of {@link SpectralDensity} and of
     * Ritz-convergence plots ({@link Tridiagonal#ritz(int)} gives the state after any {@code m <= steps}).
     */
    public static Tridiagonal tridiagonal(SymmetricOperator op, double[] start, int steps) {
        if (op == null) {
            throw new IllegalArgumentException("operator is missing (null)");
        }
        if (start == null || start.length != op.dimension()) {
            throw new IllegalArgumentException("start vector has length " + (start == null ? "null" : start.length)
                    + ", expected n = " + op.dimension());
        }
        if (steps < 1) {
            throw new IllegalArgumentException("Lanczos steps = " + steps + ", expected >= 1");
        }
        LanczosBasis b = new LanczosBasis(op, start.clone(), Math.min(op.dimension(), steps), false);
        while (b.step()) {
            // keep going
        }
        return b.tridiagonal();
    }

    /** A seeded standard Gaussian vector. */
    static double[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private record Selection(int[] top, int[] bottom, double worst) {
    }

    /** Picks the k extreme distinct Ritz values (near-equal ones merged as in {@link DenseSpectrum#clusters(double[], double)}, keeping the smallest residual). */
    private static Selection select(Tridiagonal.Ritz ritz, Options o, double scale) {
        double[] v = ritz.values();
        double[] r = ritz.residuals();
        List<DenseSpectrum.Cluster> groups = DenseSpectrum.clusters(v, o.mergeTolerance() * scale);
        int[] best = new int[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            DenseSpectrum.Cluster gr = groups.get(g);
            int b = gr.first();
            for (int i = gr.first(); i < gr.first() + gr.multiplicity(); i++) {
                if (r[i] < r[b]) {
                    b = i;
                }
            }
            best[g] = b;
        }
        int kt = Math.min(o.k(), best.length);
        int kb = Math.min(o.kBottom(), best.length);
        int[] top = new int[0];
        int[] bottom = new int[0];
        double worst = 0;
        if (o.which() != Which.BOTTOM) {
            top = new int[kt];
            for (int i = 0; i < kt; i++) {
                top[i] = best[best.length - 1 - i];
                worst = Math.max(worst, r[top[i]]);
            }
        }
        if (o.which() != Which.TOP) {
            bottom = new int[kb];
            for (int i = 0; i < kb; i++) {
                bottom[i] = best[i];
                worst = Math.max(worst, r[bottom[i]]);
            }
        }
        int needed = o.which() == Which.TOP ? o.k() : o.which() == Which.BOTTOM ? o.kBottom() : Math.max(o.k(), o.kBottom());
        if (best.length < needed) {
            worst = Double.POSITIVE_INFINITY; // not enough distinct Ritz values yet
        }
        return new Selection(top, bottom, worst);
    }

    /** The outcome at a converged state of the basis; with {@code o.vectors()} the Ritz vectors too. */
    private static Result result(LanczosBasis b, Tridiagonal.Ritz ritz, Selection sel, Options o, double scale,
                                 boolean exhausted, Tridiagonal t) {
        int m = b.steps();
        EigenPairs.Result y = null;
        if (o.vectors()) {
            // Ritz vectors need the whole eigenvector matrix of T_m: redo the selection on that decomposition
            y = EigenPairs.tridiagonal(b.alpha(), b.beta(), m);
            double[] res = new double[m];
            double[] w0 = new double[m];
            for (int i = 0; i < m; i++) {
                res[i] = Math.abs(b.nextNorm() * y.vectors().get(m - 1, i));
                w0[i] = y.vectors().get(0, i) * y.vectors().get(0, i);
            }
            ritz = new Tridiagonal.Ritz(y.values(), w0, res);
            sel = select(ritz, o, scale);
        }
        List<RitzPair> top = new ArrayList<>();
        for (int i : sel.top()) {
            top.add(pair(b, ritz, i, y));
        }
        List<RitzPair> bottom = new ArrayList<>();
        for (int i : sel.bottom()) {
            bottom.add(pair(b, ritz, i, y));
        }
        return new Result(top, bottom, m, scale, exhausted, t);
    }

    private static RitzPair pair(LanczosBasis b, Tridiagonal.Ritz ritz, int i, EigenPairs.Result y) {
        double[] x = null;
        if (y != null) {
            double[] coefficients = new double[b.steps()];
            for (int j = 0; j < coefficients.length; j++) {
                coefficients[j] = y.vectors().get(j, i);
            }
            x = b.combination(coefficients);
        }
        return new RitzPair(ritz.values()[i], ritz.residuals()[i], x);
    }
}
