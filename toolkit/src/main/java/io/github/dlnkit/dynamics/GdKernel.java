package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.linalg.Vectors;
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
 *       {@code grad_h ~ B_h C_h^T}: {@code 2(H-1)} products, e.g. 7 in all for {@code H = 3} at equal widths. It
 *       carries the transposes {@code P^T = C_H^T W_H^T}, {@code G^T = Sxx^T P^T - Syx^T} and
 *       {@code B_{h-1}^T = B_h^T W_h}, so that {@code grad_h ~ (B_h^T)^T (C_h)^T} and {@code grad_1 ~ W_2^T (B_2^T)^T}:
 *       every product is of the form {@code X Y}, {@code X^T Y} or {@code X^T Y^T}, never {@code X Y^T}, which
 *       OpenBLAS 0.3.31 runs 1.4x slower at {@code 32 x 32} (Java, one thread: 1.10 us against 0.76-0.79;
 *       docs/perf/profile.md, third round);</li>
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
    /** Syx (d_y x d_x) on route SUFFIX, Syx^T on route BACKWARD: the residual's data term in the residual's layout. */
    private final DMatrixRMaj target;
    /** -target, the start of the residual (its product is added with beta = 1). */
    private final DMatrixRMaj negTarget;
    private final double traceSyy;
    private final double factor;
    private final double[] lambda;
    /** prefix[h] = W_{h-1:1} (d_{h-1} x d_0), h = 2..H+1 (C_1 = I is never formed). */
    private final DMatrixRMaj[] prefix;
    /** suffix[h] = W_{H:h+1} (d_H x d_h), h = 1..H-1 (A_H = I is never formed); route SUFFIX. */
    private final DMatrixRMaj[] suffix;
    /** The residual in the layout of {@link #target}: G = P Sxx - Syx (d_y x d_x) on route SUFFIX, G^T on BACKWARD. */
    private final DMatrixRMaj residual;
    /** P^T (d_x x d_y); route BACKWARD. */
    private final DMatrixRMaj pt;
    /** On route BACKWARD, whether prefix[H+1] = P still has to be transposed from P^T for {@link #lastEndToEnd()}. */
    private boolean endToEndStale;
    /** gc[h] = G W_{h-1:1}^T (d_y x d_{h-1}); route SUFFIX. */
    private final DMatrixRMaj[] gc;
    /** backT[h] = (W_{H:h+1}^T G)^T = G^T W_{H:h+1} (d_x x d_h), h = 2..H-1 (backT[H] is G^T); route BACKWARD. */
    private final DMatrixRMaj[] backT;

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
        DMatrixRMaj syx = loss.data().syx();
        this.target = route == Route.BACKWARD ? CommonOps_DDRM.transpose(syx, null) : syx;
        this.negTarget = target.copy();
        CommonOps_DDRM.scale(-1, negTarget);
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
        boolean backward = route == Route.BACKWARD;
        residual = new DMatrixRMaj(target.numRows, target.numCols);
        pt = backward ? new DMatrixRMaj(dx, dy) : null;
        suffix = new DMatrixRMaj[depth + 1];
        gc = new DMatrixRMaj[depth + 1];
        backT = new DMatrixRMaj[depth + 1];
        for (int h = 1; h <= depth; h++) {
            if (!backward) {
                gc[h] = new DMatrixRMaj(dy, arch.width(h - 1));
                if (h < depth) {
                    suffix[h] = new DMatrixRMaj(dy, arch.width(h));
                }
            } else if (h > 1 && h < depth) {
                backT[h] = new DMatrixRMaj(dx, arch.width(h));
            }
        }
        backT[depth] = residual; // G^T on this route
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
     * Route BACKWARD on the transposes: {@code grad_h = 2c (B_h^T)^T C_h^T} with {@code B_H^T = G^T},
     * {@code B_{h-1}^T = B_h^T W_h}; since {@code C_1 = I}, {@code grad_1 = 2c W_2^T (B_2^T)^T} is written directly
     * (no {@code B_1}).
     */
    private void backward(DMatrixRMaj[] w, DMatrixRMaj[] grad, double twoC) {
        if (depth == 1) {
            CommonOps_DDRM.transpose(residual, grad[0]);
            CommonOps_DDRM.scale(twoC, grad[0]);
            return;
        }
        for (int h = depth; h >= 2; h--) {
            Gemm.gemm(twoC, backT[h], true, prefix[h], true, 0, grad[h - 1]);
            if (h > 2) {
                Gemm.mult(backT[h], w[h - 1], backT[h - 1]);
            } else {
                Gemm.gemm(twoC, w[1], true, backT[2], true, 0, grad[0]);
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
                gc[1].setTo(residual); // W_{0:1} = I
            } else {
                Gemm.multTransB(residual, prefix[h], gc[h]);
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
        if (endToEndStale) { // route BACKWARD computed P^T
            CommonOps_DDRM.transpose(pt, prefix[depth + 1]);
            endToEndStale = false;
        }
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

    /**
     * The prefixes {@code C_h = W_{h-1:1}} for {@code h <= H}, then on route SUFFIX {@code P = W_H C_H} and
     * {@code G = P Sxx - Syx}, on route BACKWARD {@code P^T = C_H^T W_H^T} and {@code G^T = Sxx^T P^T - Syx^T} (the
     * product added onto {@code -Syx} or {@code -Syx^T}).
     */
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
        }
        prefix[2].setTo(w[0]); // W_1 I
        for (int h = 2; h < depth; h++) {
            Gemm.mult(w[h - 1], prefix[h], prefix[h + 1]);
        }
        if (route == Route.BACKWARD) {
            if (depth == 1) {
                CommonOps_DDRM.transpose(w[0], pt);
            } else {
                Gemm.gemm(1, prefix[depth], true, w[depth - 1], true, 0, pt);
            }
            residual.setTo(negTarget);
            Gemm.gemm(1, sxx, true, pt, false, 1, residual); // G^T = Sxx^T P^T - Syx^T
            endToEndStale = true;
        } else {
            if (depth > 1) {
                Gemm.mult(w[depth - 1], prefix[depth], prefix[depth + 1]);
            }
            residual.setTo(negTarget);
            Gemm.multAdd(prefix[depth + 1], sxx, residual); // G = P Sxx - Syx
        }
    }

    /**
     * {@code L(W)} from the forward sweep: {@code tr(P Sxx P^T) - 2 tr(P Sxy) + tr(Syy) = <G, P> - <Syx, P> + tr(Syy)}
     * (on route BACKWARD the same inner products of the transposes), two dot products on the native BLAS for layers
     * of 1,024 entries and more (0.11 us each at 1,024, against 0.6 us for a fused Java loop that also formed
     * {@code G}).
     */
    private double valueFromForward(DMatrixRMaj[] w) {
        double[] end = route == Route.BACKWARD ? pt.data : prefix[depth + 1].data; // P in the residual's layout
        double v = Vectors.dot(residual.data, end) - Vectors.dot(target.data, end) + traceSyy;
        for (int h = 1; h <= depth; h++) {
            if (lambda[h] != 0) {
                v += lambda[h] * MatrixOps.dot(w[h - 1], w[h - 1]);
            }
        }
        return factor * v;
    }
}
