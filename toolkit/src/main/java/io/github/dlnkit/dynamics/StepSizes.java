package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;
import io.github.dlnkit.spectrum.Tridiagonal;

import java.util.Locale;
import java.util.Random;

/**
 * Step-size bounds for gradient descent from the local smoothness {@code ell = max |lambda(Hess L(W))|}: on a
 * quadratic with curvature {@code ell}, gradient descent decreases the loss iff {@code eta < 2 / ell}; {@code 1/ell} is
 * the usual safe choice. {@code ell} is the largest |Ritz value| of {@link #DEFAULT_STEPS} Lanczos steps on the
 * Hessian-vector product ({@link Lanczos#tridiagonal}, matrix-free, seeded start {@link #DEFAULT_SEED}): cheap for any
 * size, exact when the Krylov space is exhausted (small nets), otherwise a lower bound that converges much faster
 * than power iteration. It is a local value, valid near {@code W}.
 */
public final class StepSizes {
    /** Lanczos steps of the estimate (fewer when the net has fewer parameters). */
    public static final int DEFAULT_STEPS = 30;
    /** Seed of the Gaussian start vector. */
    public static final long DEFAULT_SEED = 20240601L;

    private StepSizes() {
    }

    /** The estimate and the bounds derived from it. */
    public record Bound(double smoothness, double safe, double limit) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "local smoothness |lambda|_max(Hess) ~ %.4g: eta < 2/ell = %.3g "
                    + "(safe: 1/ell = %.3g)", smoothness, limit, safe);
        }
    }

    /** {@code ell ~ max |lambda(Hess L(W))|} by Lanczos on the Hessian-vector product, with {@code 2/ell} and {@code 1/ell}. */
    public static Bound at(Loss loss, Weights w) {
        if (loss == null || w == null) {
            throw new IllegalArgumentException("a step-size bound needs a loss and a point W (got null)");
        }
        HessianOperator op = HessianOperator.of(loss, w);
        int n = op.dimension();
        Random rng = new Random(DEFAULT_SEED);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextGaussian();
        }
        Tridiagonal t = Lanczos.tridiagonal(op, start, Math.min(n, DEFAULT_STEPS));
        double ell = 0;
        for (double theta : t.ritz().values()) {
            if (Double.isFinite(theta)) {
                ell = Math.max(ell, Math.abs(theta));
            }
        }
        if (ell == 0) {
            return new Bound(0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        return new Bound(ell, 1 / ell, 2 / ell);
    }
}
