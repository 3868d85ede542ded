package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The per-step mathematics of every optimizer in this package, allocation-free: loss value and gradient of
 * <pre>
 *   L(W) = c * ( tr(P Sxx P^T) - 2 tr(P Sxy) + tr(Syy) + sum_h lambda_h ||W_h||_F^2 ),   P = W_{H:1},
 *   grad_{W_h} L = c * ( 2 W_{H:h+1}^T G W_{h-1:1}^T + 2 lambda_h W_h ),                  G = P Sxx - Syx
 * </pre>
 * (achour2024.md section 3; the same formulas as {@link Loss#value} and {@link Loss#gradient}, which the tests
 * compare it with). It reads only the precomputed moments {@code Sxx, Syx, Syy} (never the samples) and costs
 * {@code O(H width^3)} per call: one forward sweep for the prefixes {@code C_h = W_{h-1:1}} and {@code P Sxx}, then
 * the gradients by whichever of two orders of the same products needs fewer flops for the widths (fixed by the
 * constructor, {@link #flopsPerStep()}):
 * <ul>
 *   <li>{@link Route#BACKWARD} (back-propagation): {@code B_H = G}, {@code B_{h-1} = W_h^T B_h}, and
 *       {@code grad_h ~ B_h C_h^T}: {@code 2(H-1)} products, e.g. 7 in all for {@code H = 3} at equal widths;</li>
 *   <li>{@link Route#SUFFIX}: the suffixes {@code A_h = W_{H:h+1}}, {@code G C_h^T} and {@code grad_h ~ A_h^T (G C_h^T)}:
 *       {@code 3H - 4} products, cheaper when the output is much narrower than the input ({@code d_y << d_x}).</li>
 * </ul>
 * Identity factors ({@code C_1}, {@code A_H}) are copies, not products. Every intermediate lives in a buffer
 * allocated once by the constructor and filled by output-argument products ({@link Gemm}: native BLAS {@code dgemm}
 * when it loads, EJML's {@code CommonOps_DDRM} otherwise).
 *
 * <p>Layers are passed as arrays {@code w[0..H-1] = W_1..W_H} of the kernel's {@link Architecture}. One instance per
 * thread: the buffers make it not thread-safe (instances are cheap).
 */
public final class GdKernel {
    /** The order in which the gradient's products are taken (see the class comment). */
    public enum Route {
        BACKWARD, SUFFIX
    }

    private final Loss loss;
    private final Architecture arch;
    private final Route route;
    private final int depth;
    private final DMatrixRMaj sxx;
    private final DMatrixRMaj syx;
    private final double traceSyy;
    private final double factor;
    private final double[] lambda;
    /** prefix[h] = W_{h-1:1} (d_{h-1} x d_0), h = 2..H+1 (C_1 = I is never formed). */
    private final DMatrixRMaj[] prefix;
    /** suffix[h] = W_{H:h+1} (d_H x d_h), h = 1..H-1 (A_H = I is never formed); route SUFFIX. */
    private final DMatrixRMaj[] suffix;
    private final DMatrixRMaj pSxx;
    private final DMatrixRMaj g;
    /** gc[h] = G W_{h-1:1}^T (d_y x d_{h-1}); route SUFFIX. */
    private final DMatrixRMaj[] gc;
    /** back[h] = W_{H:h+1}^T G (d_h x d_x), h = 2..H-1 (back[H] is G); route BACKWARD. */
    private final DMatrixRMaj[] back;

    /**
     * A kernel for {@code loss} on networks with widths {@code arch}; the widths must map {@code R^{d_x}} to
     * {@code R^{d_y}} of the loss's data, and a per-layer weight decay must have {@code H} values.
     */
    public GdKernel(Loss loss, Architecture arch) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is missing (null)");
        }
        if (arch == null) {
            throw new IllegalArgumentException("architecture is missing (null)");
        }
        if (arch.inputDim() != loss.data().inputDim() || arch.outputDim() != loss.data().outputDim()) {
            throw new IllegalArgumentException("widths " + arch + " map R^" + arch.inputDim() + " to R^" + arch.outputDim()
                    + ", expected d_0 = d_x = " + loss.data().inputDim() + " and d_H = d_y = " + loss.data().outputDim());
        }
        this.loss = loss;
        this.arch = arch;
        this.depth = arch.depth();
        this.route = route(arch);
        this.sxx = loss.data().sxx();
        this.syx = loss.data().syx();
        this.traceSyy = loss.data().traceSyy();
        this.factor = loss.convention().factor();
        this.lambda = new double[depth + 1];
        for (int h = 1; h <= depth; h++) {
            lambda[h] = loss.lambda(h, depth);
        }
        int dx = arch.inputDim();
        int dy = arch.outputDim();
        prefix = new DMatrixRMaj[depth + 2];
        for (int h = 2; h <= depth + 1; h++) {
            prefix[h] = new DMatrixRMaj(arch.width(h - 1), dx);
        }
        pSxx = new DMatrixRMaj(dy, dx);
        g = new DMatrixRMaj(dy, dx);
        suffix = new DMatrixRMaj[depth + 1];
        gc = new DMatrixRMaj[depth + 1];
        back = new DMatrixRMaj[depth + 1];
        for (int h = 1; h <= depth; h++) {
            if (route == Route.SUFFIX) {
                gc[h] = new DMatrixRMaj(dy, arch.width(h - 1));
                if (h < depth) {
                    suffix[h] = new DMatrixRMaj(dy, arch.width(h));
                }
            } else if (h > 1 && h < depth) {
                back[h] = new DMatrixRMaj(arch.width(h), dx);
            }
        }
        back[depth] = g;
    }

    /** The order of the gradient's products for these widths: the one with fewer flops. */
    public Route route() {
        return route;
    }

    /** The route a kernel for widths {@code a} takes: {@link Route#BACKWARD} unless {@link Route#SUFFIX} needs fewer flops. */
    public static Route route(Architecture a) {
        return backwardFlops(a) <= suffixFlops(a) ? Route.BACKWARD : Route.SUFFIX;
    }

    /** Flops of one {@link #valueAndGradient} for widths {@code a}, on the route the kernel takes (see {@link #flopsPerStep()}). */
    public static double flopsPerStep(Architecture a) {
        return forwardFlops(a) + Math.min(backwardFlops(a), suffixFlops(a));
    }

    /**
     * Flops of one {@link #valueAndGradient} ({@code 2 m k n} per {@code m x k} times {@code k x n} product; copies
     * of identity factors and the element-wise work not counted).
     */
    public double flopsPerStep() {
        return flopsPerStep(arch);
    }

    /** The forward sweep: {@code W_h C_h} for {@code h >= 2} and {@code P Sxx}. */
    static double forwardFlops(Architecture a) {
        double dx = a.inputDim();
        double f = 2 * a.outputDim() * dx * dx;
        for (int h = 2; h <= a.depth(); h++) {
            f += 2.0 * a.width(h) * a.width(h - 1) * dx;
        }
        return f;
    }

    /** Route BACKWARD: {@code W_h^T B_h} ({@code h >= 2}) and {@code B_h C_h^T} ({@code h >= 2}). */
    static double backwardFlops(Architecture a) {
        double dx = a.inputDim();
        double f = 0;
        for (int h = 2; h <= a.depth(); h++) {
            f += 2.0 * a.width(h - 1) * a.width(h) * dx + 2.0 * a.width(h) * dx * a.width(h - 1);
        }
        return f;
    }

    /** Route SUFFIX: {@code A_{h+1} W_{h+1}} ({@code h <= H-2}), {@code G C_h^T} ({@code h >= 2}), {@code A_h^T (G C_h^T)} ({@code h <= H-1}). */
    static double suffixFlops(Architecture a) {
        int hc = a.depth();
        double dx = a.inputDim();
        double dy = a.outputDim();
        double f = 0;
        for (int h = 1; h <= hc; h++) {
            if (h > 1) {
                f += 2.0 * dy * dx * a.width(h - 1);
            }
            if (h < hc) {
                f += 2.0 * a.width(h) * dy * a.width(h - 1);
            }
            if (h + 1 < hc) {
                f += 2.0 * dy * a.width(h + 1) * a.width(h);
            }
        }
        return f;
    }

    public Architecture architecture() {
        return arch;
    }

    /** The loss this kernel computes. */
    public Loss loss() {
        return loss;
    }

    /** Fresh zero buffers shaped like the layers ({@code [0..H-1] = W_1..W_H}), e.g. for gradients or velocities. */
    public DMatrixRMaj[] newLayers() {
        DMatrixRMaj[] m = new DMatrixRMaj[depth];
        for (int h = 1; h <= depth; h++) {
            m[h - 1] = new DMatrixRMaj(arch.width(h), arch.width(h - 1));
        }
        return m;
    }

    /** {@code L(W)} only (no gradient): the prefix sweep and two inner products. */
    public double value(DMatrixRMaj[] w) {
        forward(w);
        return valueFromForward(w);
    }

    /**
     * {@code L(W)}, and {@code grad L(W)} written into {@code grad} (same shapes as {@code w}, e.g. from
     * {@link #newLayers()}). Returns the loss.
     */
    public double valueAndGradient(DMatrixRMaj[] w, DMatrixRMaj[] grad) {
        forward(w);
        if (grad == null || grad.length != depth) {
            throw new IllegalArgumentException("gradient buffer has " + (grad == null ? "no" : grad.length)
                    + " matrices, expected H = " + depth + " shaped like W (newLayers()) for widths " + arch);
        }
        for (int h = 1; h <= depth; h++) {
            DMatrixRMaj m = grad[h - 1];
            if (m == null || m.numRows != arch.width(h) || m.numCols != arch.width(h - 1)) {
                throw new IllegalArgumentException("gradient buffer " + h + " has shape "
                        + (m == null ? "null" : m.numRows + "x" + m.numCols) + ", expected " + arch.width(h) + "x"
                        + arch.width(h - 1) + " (like W_" + h + ") for widths " + arch);
            }
        }
        double v = valueFromForward(w); // also G = P Sxx - Syx
        double twoC = 2 * factor;
        if (route == Route.BACKWARD) {
            backward(w, grad, twoC);
        } else {
            viaSuffixes(w, grad, twoC);
        }
        for (int h = 1; h <= depth; h++) {
            if (lambda[h] != 0) {
                CommonOps_DDRM.addEquals(grad[h - 1], twoC * lambda[h], w[h - 1]);
            }
        }
        return v;
    }

    /**
     * Route BACKWARD: {@code grad_h = 2c B_h C_h^T} with {@code B_H = G}, {@code B_{h-1} = W_h^T B_h}; since
     * {@code C_1 = I}, {@code grad_1 = 2c W_2^T B_2} is written directly (no {@code B_1}).
     */
    private void backward(DMatrixRMaj[] w, DMatrixRMaj[] grad, double twoC) {
        if (depth == 1) {
            CommonOps_DDRM.scale(twoC, g, grad[0]);
            return;
        }
        for (int h = depth; h >= 2; h--) {
            Gemm.gemm(twoC, back[h], false, prefix[h], true, 0, grad[h - 1]);
            if (h > 2) {
                Gemm.multTransA(w[h - 1], back[h], back[h - 1]);
            } else {
                Gemm.gemm(twoC, w[1], true, back[2], false, 0, grad[0]);
            }
        }
    }

    /** Route SUFFIX: {@code grad_h = 2c A_h^T (G C_h^T)} with the suffixes {@code A_h = W_{H:h+1}}. */
    private void viaSuffixes(DMatrixRMaj[] w, DMatrixRMaj[] grad, double twoC) {
        for (int h = depth - 1; h >= 1; h--) {
            if (h == depth - 1) {
                suffix[h].setTo(w[h]); // W_{H:H+1} W_H = W_H
            } else {
                Gemm.mult(suffix[h + 1], w[h], suffix[h]);
            }
        }
        for (int h = 1; h <= depth; h++) {
            if (h == 1) {
                gc[1].setTo(g); // W_{0:1} = I
            } else {
                Gemm.multTransB(g, prefix[h], gc[h]);
            }
            if (h == depth) {
                CommonOps_DDRM.scale(twoC, gc[h], grad[h - 1]); // W_{H:H+1} = I
            } else {
                Gemm.gemm(twoC, suffix[h], true, gc[h], false, 0, grad[h - 1]);
            }
        }
    }

    /** The end-to-end matrix {@code P = W_{H:1}} of the last {@link #value} or {@link #valueAndGradient} call (a view: do not modify). */
    public DMatrixRMaj lastEndToEnd() {
        return prefix[depth + 1];
    }

    /** {@code sqrt(sum_h ||M_h||_F^2)}. */
    public static double norm(DMatrixRMaj[] m) {
        double s = 0;
        for (DMatrixRMaj x : m) {
            double[] d = x.data;
            for (int i = 0, n = x.getNumElements(); i < n; i++) {
                s += d[i] * d[i];
            }
        }
        return Math.sqrt(s);
    }

    private void forward(DMatrixRMaj[] w) {
        if (w.length != depth) {
            throw new IllegalArgumentException("W has " + w.length + " matrices, expected H = " + depth + " for widths " + arch);
        }
        for (int h = 1; h <= depth; h++) {
            DMatrixRMaj m = w[h - 1];
            if (m.numRows != arch.width(h) || m.numCols != arch.width(h - 1)) {
                throw new IllegalArgumentException("W_" + h + " has shape " + m.numRows + "x" + m.numCols + ", expected "
                        + arch.width(h) + "x" + arch.width(h - 1) + " for widths " + arch);
            }
            if (h == 1) {
                prefix[2].setTo(m); // W_1 I
            } else {
                Gemm.mult(m, prefix[h], prefix[h + 1]);
            }
        }
        Gemm.mult(prefix[depth + 1], sxx, pSxx);
    }

    /**
     * {@code L(W)} from the forward sweep, and {@code G = P Sxx - Syx} into its buffer, in one pass over the entries:
     * {@code tr(P Sxx P^T) - 2 tr(P Sxy) = <P Sxx - 2 Syx, P>} (four accumulators).
     */
    private double valueFromForward(DMatrixRMaj[] w) {
        double[] p = prefix[depth + 1].data;
        double[] ps = pSxx.data;
        double[] yx = syx.data;
        double[] gd = g.data;
        int n = g.getNumElements();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            gd[k] = ps[k] - yx[k];
            gd[k + 1] = ps[k + 1] - yx[k + 1];
            gd[k + 2] = ps[k + 2] - yx[k + 2];
            gd[k + 3] = ps[k + 3] - yx[k + 3];
            s0 += (gd[k] - yx[k]) * p[k];
            s1 += (gd[k + 1] - yx[k + 1]) * p[k + 1];
            s2 += (gd[k + 2] - yx[k + 2]) * p[k + 2];
            s3 += (gd[k + 3] - yx[k + 3]) * p[k + 3];
        }
        for (; k < n; k++) {
            gd[k] = ps[k] - yx[k];
            s0 += (gd[k] - yx[k]) * p[k];
        }
        double v = (s0 + s1) + (s2 + s3) + traceSyy;
        for (int h = 1; h <= depth; h++) {
            if (lambda[h] != 0) {
                v += lambda[h] * MatrixOps.dot(w[h - 1], w[h - 1]);
            }
        }
        return factor * v;
    }
}
