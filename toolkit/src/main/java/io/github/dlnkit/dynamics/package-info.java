/**
 * Dynamics on the loss landscape of deep linear networks: optimizers, the escape experiment of Achour et al.
 * (achour2024.md section 12, Figures 3-4) and the conserved quantities and rates of Liao, Chitour and Couillet
 * (liao2018.md).
 * <ul>
 *   <li>{@link io.github.dlnkit.dynamics.GdKernel}: the per-step mathematics (value and gradient from the moments,
 *       allocation-free) shared by every optimizer;</li>
 *   <li>{@link io.github.dlnkit.dynamics.GradientDescent} (heavy-ball momentum optional) and
 *       {@link io.github.dlnkit.dynamics.GradientFlow} (Hipparchus Dormand-Prince 8(5,3)), both recording a
 *       {@link io.github.dlnkit.dynamics.Trajectory}; {@link io.github.dlnkit.dynamics.StepSizes} for the step bound;</li>
 *   <li>{@link io.github.dlnkit.dynamics.EscapeExperiment} (parallel, deterministic),
 *       {@link io.github.dlnkit.dynamics.EscapeScaling} (escape time against sigma) and the protocol
 *       {@link io.github.dlnkit.dynamics.Section12};</li>
 *   <li>{@link io.github.dlnkit.dynamics.Invariants} ({@code C_j = W_{j+1}^T W_{j+1} - W_j W_j^T}, Lemma 1),
 *       {@link io.github.dlnkit.dynamics.LiaoH1} (one hidden layer: critical set by rank, Lemmas 3-4) and
 *       {@link io.github.dlnkit.dynamics.RemarkOneRate} (exponential rate with the corrected constant).</li>
 * </ul>
 * Values and gradients agree with {@link io.github.dlnkit.model.Loss} (tested); saddles are checked with
 * {@link io.github.dlnkit.critical.Classifier}.
 */
package io.github.dlnkit.dynamics;
