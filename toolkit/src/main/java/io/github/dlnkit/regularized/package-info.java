/**
 * The weight-decay landscape of Chen, Jiang, Wang (2025), theory file {@code regularized.md}:
 * <pre>
 *   F(W) = 1/2 ||W_L ... W_1 X - Y||_F^2 + sum_l (lambda_l / 2) ||W_l||_F^2     (HALF convention; SUM doubles F)
 * </pre>
 * <ul>
 *   <li>{@link io.github.dlnkit.regularized.RegularizedProblem}: data, widths, per-layer {@code lambda_l}, whitening check;</li>
 *   <li>{@link io.github.dlnkit.regularized.ScalarEquation}: roots of {@code z = w + lambdabar w^{(2-L)/L}}, {@code phi_min}, {@code g_max} (section 2.3);</li>
 *   <li>{@link io.github.dlnkit.regularized.CriticalSet}: closed-form critical points, values, classes (sections 2.2, 2.4);</li>
 *   <li>{@link io.github.dlnkit.regularized.ErrorBound}: error-bound verdict and Hessian diagnostic (section 3);</li>
 *   <li>{@link io.github.dlnkit.regularized.RegularizedGd}, {@link io.github.dlnkit.regularized.AlignedOracle},
 *       {@link io.github.dlnkit.regularized.ConvergenceProtocol}: gradient descent and its exact scalar oracle (sections 4, 5).</li>
 * </ul>
 * Every value, gradient and Hessian comes from {@link io.github.dlnkit.model.Loss}.
 */
package io.github.dlnkit.regularized;
