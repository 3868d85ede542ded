package io.github.dlnkit.spectrum;

import java.util.Locale;

/**
 * An approximate eigenpair from {@link Lanczos}: the Ritz value {@code theta} and, when requested, the unit Ritz
 * vector {@code x}, with {@code residual = ||A x - theta x||}. For a symmetric {@code A} some eigenvalue lies in
 * {@code [theta - residual, theta + residual]} (Golub and Van Loan, Theorem 8.1.13), so a reported negative value
 * means a negative eigenvalue only when {@code theta + residual < 0}; compare with your own tolerance via
 * {@link #certainlyBelow}.
 *
 * @param value    {@code theta}
 * @param residual {@code ||A x - theta x||}
 * @param vector   unit Ritz vector, or {@code null} when not requested
 */
public record RitzPair(double value, double residual, double[] vector) {
    public RitzPair {
        if (vector != null) {
            vector = vector.clone();
        }
    }

    @Override
    public double[] vector() {
        return vector == null ? null : vector.clone();
    }

    /** {@code theta - residual}. */
    public double lowerBound() {
        return value - residual;
    }

    /** {@code theta + residual}. */
    public double upperBound() {
        return value + residual;
    }

    /** True when some eigenvalue is certainly {@code < threshold}: {@code theta + residual < threshold}. */
    public boolean certainlyBelow(double threshold) {
        return upperBound() < threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.12g (residual %.2g)", value, residual);
    }
}
