package io.github.dlnkit.spectrum;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.HessianVectorProduct;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code delta -> Hess L(W) delta} at a fixed point {@code W}, matrix-free: each application is one product of
 * {@link Loss#hvpAt} ({@code O(H)} matrix products, buffers set up once, no {@code n x n} matrix). Vectors are flat in the parameter order
 * of {@link Architecture}. Counts its applications ({@link #applications()}), the cost unit of Lanczos.
 */
public final class HessianOperator implements SymmetricOperator {
    private final Loss loss;
    private final Weights point;
    private final Architecture arch;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final HessianVectorProduct product;

    private HessianOperator(Loss loss, Weights point) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is missing (null)");
        }
        if (point == null) {
            throw new IllegalArgumentException("point W is missing (null)");
        }
        this.loss = loss;
        this.point = point;
        this.arch = point.architecture();
        this.product = loss.hvpAt(point); // validates the widths against the data
    }

    /** The Hessian of {@code loss} at {@code w}. */
    public static HessianOperator of(Loss loss, Weights w) {
        return new HessianOperator(loss, w);
    }

    public Loss loss() {
        return loss;
    }

    public Weights point() {
        return point;
    }

    public Architecture architecture() {
        return arch;
    }

    @Override
    public int dimension() {
        return arch.parameterCount();
    }

    /** Thread-safe: products are serialised (the underlying {@link HessianVectorProduct} reuses its buffers). */
    @Override
    public synchronized void apply(double[] in, double[] out) {
        if (in.length != dimension() || out.length != dimension()) {
            throw new IllegalArgumentException("vector has length " + in.length + " (output " + out.length
                    + "), expected n = " + dimension() + " for widths " + arch);
        }
        count.incrementAndGet();
        long t0 = System.nanoTime();
        product.apply(in, out);
        nanos.addAndGet(System.nanoTime() - t0);
    }

    /** Wall time spent inside the products so far, in seconds (for profiles: HVP time against the whole run). */
    public double applicationSeconds() {
        return nanos.get() * 1e-9;
    }

    /** Floating-point operations of one product ({@link HessianVectorProduct#flops()}). */
    public double flopsPerApplication() {
        return product.flops();
    }

    /** Number of Hessian-vector products computed so far. */
    public long applications() {
        return count.get();
    }

    /** A flat vector as a direction in weight space. */
    public Weights toWeights(double[] v) {
        return Weights.fromVector(arch, v);
    }
}
