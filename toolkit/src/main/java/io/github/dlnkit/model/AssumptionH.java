package io.github.dlnkit.model;

/**
 * Check of assumption H of Achour et al. (2024), section 2:
 * (1) {@code Sxx} invertible, (2) {@code Syx} of full row rank {@code d_y}, (3) {@code Sigma = Syx Sxx^-1 Sxy}
 * with {@code d_y} distinct eigenvalues. Each part reports a margin so a user can see how close it is to failing.
 *
 * @param sxxInverseCondition {@code sigma_min(Sxx) / sigma_max(Sxx)} (0 when singular)
 * @param sigmaMinRatio       {@code lambda_{d_y}(Sigma) / lambda_1(Sigma)} (0 when {@code Syx} is rank deficient)
 * @param minRelativeGap      {@code min_k (lambda_k - lambda_{k+1}) / lambda_1} ({@code +Inf} when {@code d_y = 1})
 * @param tolerance           threshold every margin must exceed
 */
public record AssumptionH(double sxxInverseCondition, double sigmaMinRatio, double minRelativeGap, double tolerance) {

    /** Default relative tolerance of the three checks. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    public boolean sxxInvertible() {
        return sxxInverseCondition > tolerance;
    }

    public boolean syxFullRowRank() {
        return sxxInvertible() && sigmaMinRatio > tolerance;
    }

    public boolean distinctEigenvalues() {
        return sxxInvertible() && minRelativeGap > tolerance;
    }

    /** All three parts hold. */
    public boolean holds() {
        return sxxInvertible() && syxFullRowRank() && distinctEigenvalues();
    }

    /** Human-readable account of each part and its margin. */
    public String describe() {
        return String.format("assumption H %s: Sxx invertible %s (1/cond = %.3g), Syx full row rank %s "
                        + "(lambda_min/lambda_1 = %.3g), distinct eigenvalues of Sigma %s (min gap/lambda_1 = %.3g); tolerance %.1g",
                holds() ? "holds" : "FAILS", yes(sxxInvertible()), sxxInverseCondition, yes(syxFullRowRank()),
                sigmaMinRatio, yes(distinctEigenvalues()), minRelativeGap, tolerance);
    }

    /** Throws {@link IllegalStateException} naming the failing part and its margin. */
    public AssumptionH require() {
        if (!sxxInvertible()) {
            throw new IllegalStateException("assumption H fails: Sxx = X X^T is singular (1/cond = "
                    + sxxInverseCondition + " <= " + tolerance + "); X needs full row rank d_x (m >= d_x)");
        }
        if (!syxFullRowRank()) {
            throw new IllegalStateException("assumption H fails: Syx = Y X^T is not of full row rank d_y "
                    + "(lambda_min(Sigma)/lambda_1 = " + sigmaMinRatio + " <= " + tolerance + ")");
        }
        if (!distinctEigenvalues()) {
            throw new IllegalStateException("assumption H fails: Sigma has repeated eigenvalues "
                    + "(min gap/lambda_1 = " + minRelativeGap + " <= " + tolerance + ")");
        }
        return this;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }
}
