package io.github.dlnkit.critical;

/**
 * The dense-Hessian cross-check of a {@link Classification} ({@code achour2024.md} section 10): a strict saddle
 * needs {@code lambda_min(Hess) < -tol * lambda_1(Sigma)}, a global minimizer or non-strict saddle
 * {@code lambda_min(Hess) >= -tol * lambda_1(Sigma)} (plain-sum loss).
 *
 * @param min           smallest Hessian eigenvalue
 * @param max           largest Hessian eigenvalue
 * @param negativeCount eigenvalues below {@code -threshold}
 * @param zeroCount     eigenvalues with {@code |mu| <= threshold}
 * @param threshold     {@code tol * lambda_1}
 * @param agrees        whether the Hessian sign confirms the class
 */
public record HessianCheck(double min, double max, int negativeCount, int zeroCount, double threshold, boolean agrees) {
}
