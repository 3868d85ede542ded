package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

/**
 * Step-size bounds for gradient descent from the local smoothness {@code ell = max |lambda(Hess L(W))|}: on a
 * quadratic with curvature {@code ell}, gradient descent decreases the loss iff {@code eta < 2 / ell}; {@code 1/ell} is
 * the usual safe choice. {@code ell} is estimated by power iteration on {@link Loss#hvp} (matrix-free, seeded, 60
 * iterations), so it is cheap for any size; it is a local value, valid near {@code W}.
 */
public final class StepSizes {
    private StepSizes() {
    }

    /** The estimate and the bounds derived from it. */
    public record Bound(double smoothness, double safe, double limit) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "local smoothness |lambda|_max(Hess) ~ %.4g: eta < 2/ell = %.3g "
                    + "(safe: 1/ell = %.3g)", smoothness, limit, safe);
        }
    }

    /** {@code ell ~ max |lambda(Hess L(W))|} by power iteration, with {@code 2/ell} and {@code 1/ell}. */
    public static Bound at(Loss loss, Weights w) {
        if (loss == null || w == null) {
            throw new IllegalArgumentException("a step-size bound needs a loss and a point W (got null)");
        }
        Weights v = Weights.gaussian(w.architecture(), 1.0, 20240601L);
        v = v.scale(1 / v.norm());
        double ell = 0;
        for (int it = 0; it < 60; it++) {
            Weights hv = loss.hvp(w, v);
            double n = hv.norm();
            if (n == 0 || !Double.isFinite(n)) {
                break;
            }
            ell = n;
            v = hv.scale(1 / n);
        }
        if (ell == 0) {
            return new Bound(0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        return new Bound(ell, 1 / ell, 2 / ell);
    }
}
