package io.github.dlnkit.critical;

import io.github.dlnkit.model.Weights;

/**
 * A checked certificate that a saddle is not a local minimum ({@code achour2024.md} section 10.4).
 * For a strict saddle, {@code direction} has {@code curvature = delta^T Hess delta < 0}. For a non-strict saddle
 * the curve {@code t -> W + t delta} has {@code L(W + t delta) = L(W) + leading t^order + O(t^{order+1})} with
 * {@code leading < 0} and {@code order >= 3}.
 *
 * @param kind      {@code "rotation"} (S not a prefix), {@code "pivot-S1"}, {@code "pivot-S2"} (non-tightened
 *                  pivot), {@code "chain"} (higher-order descent along a pivot, non-strict saddles)
 * @param direction {@code delta}
 * @param curvature {@code delta^T Hess L(W) delta}, from an exact Hessian-vector product (plain-sum loss)
 * @param order     order of the first non-vanishing term of {@code L(W + t delta) - L(W)}
 * @param leading   its coefficient (negative)
 * @param polynomial coefficients {@code c_0..c_{2H}} of {@code L(W + t delta)} (plain sum), exact up to rounding
 * @param pivot     the pivot used, or {@code null}
 */
public record Witness(String kind, Weights direction, double curvature, int order, double leading,
                      double[] polynomial, Pivot pivot) {
    public Witness {
        polynomial = polynomial.clone();
    }

    @Override
    public double[] polynomial() {
        return polynomial.clone();
    }

    /** {@code L(W + t delta)} from the polynomial. */
    public double lossAt(double t) {
        double v = 0;
        for (int k = polynomial.length - 1; k >= 0; k--) {
            v = v * t + polynomial[k];
        }
        return v;
    }

    @Override
    public String toString() {
        return kind + (pivot == null ? "" : " on (" + pivot.i() + "," + pivot.j() + ")")
                + String.format(java.util.Locale.ROOT, ": curvature %.6g, L(W+t delta) = L %s %.6g t^%d + ...",
                curvature, leading < 0 ? "-" : "+", Math.abs(leading), order);
    }
}
