package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Full-batch gradient descent on a {@link Loss} (any convention, weight decay allowed), with optional heavy-ball
 * momentum {@code mu}:
 * <pre>
 *   v_{k+1} = mu v_k - eta grad L(W_k),   W_{k+1} = W_k + v_{k+1}      (mu = 0: W_{k+1} = W_k - eta grad L(W_k))
 * </pre>
 * The per-step mathematics is {@link GdKernel} (allocation-free, from the moments only). Records a
 * {@link Trajectory} every {@code recordEvery} iterations (0: only the start and the end) and at the stop; stops
 * after {@code steps} iterations or at the first iterate with {@code L(W_k) < stopBelow} (that {@code k} is the
 * trajectory's last time). A NaN/infinite loss, or one above {@code 1e6 L(W_0)}, ends the run with an
 * {@link IllegalStateException} that says the step is too large and gives the bound {@code 2/ell} of
 * {@link StepSizes#at}.
 *
 * <pre>
 *   Trajectory t = GradientDescent.builder().learningRate(1e-2).steps(5000).stopBelow(3).build().run(loss, w0);
 * </pre>
 */
public final class GradientDescent {
    private final double learningRate;
    private final double momentum;
    private final long steps;
    private final long recordEvery;
    private final double stopBelow;
    private final ToDoubleFunction<Weights> distance;
    private final boolean singularValues;
    private final double divergenceFactor;
    private final Progress progress;

    private GradientDescent(Builder b) {
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.steps = b.steps;
        this.recordEvery = b.recordEvery;
        this.stopBelow = b.stopBelow;
        this.distance = b.distance;
        this.singularValues = b.singularValues;
        this.divergenceFactor = b.divergenceFactor;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code steps} plain gradient-descent steps with step {@code eta}, every iterate recorded. */
    public static Trajectory run(Loss loss, Weights start, double eta, long steps) {
        return builder().learningRate(eta).steps(steps).build().run(loss, start);
    }

    public double learningRate() {
        return learningRate;
    }

    public long steps() {
        return steps;
    }

    /** Runs from {@code start}; see the class comment. */
    public Trajectory run(Loss loss, Weights start) {
        if (loss == null || start == null) {
            throw new IllegalArgumentException("gradient descent needs a loss and a start point W (got null)");
        }
        return run(start, new GdKernel(loss, start.architecture()));
    }

    /**
     * {@link #run(Loss, Weights)} for the kernel's loss on {@code kernel}, a {@link GdKernel} for the start's widths
     * that one thread reuses over many runs (its buffers are allocated once, not per run).
     */
    public Trajectory run(Weights start, GdKernel kernel) {
        if (start == null || kernel == null) {
            throw new IllegalArgumentException("gradient descent needs a start point W and a kernel (got null)");
        }
        Loss loss = kernel.loss();
        if (!kernel.architecture().equals(start.architecture())) {
            throw new IllegalArgumentException("kernel for widths " + kernel.architecture() + " cannot run from a start with"
                    + " widths " + start.architecture());
        }
        DMatrixRMaj[] w = start.layers().toArray(new DMatrixRMaj[0]);
        DMatrixRMaj[] grad = kernel.newLayers();
        DMatrixRMaj[] velocity = momentum != 0 ? kernel.newLayers() : null;
        Recorder rec = new Recorder("gd", start, distance, singularValues);
        double initial = Double.NaN;
        long progressEvery = Math.max(1, steps / 200);
        for (long k = 0; ; k++) {
            double value = kernel.valueAndGradient(w, grad);
            if (k == 0) {
                initial = value;
            }
            if (!Double.isFinite(value) || (initial > 0 && value > divergenceFactor * initial)) {
                throw diverged(loss, start, k, initial, value);
            }
            boolean below = value < stopBelow;
            boolean last = below || k == steps;
            if (last || (recordEvery > 0 && k % recordEvery == 0) || k == 0) {
                rec.record(k, value, GdKernel.norm(grad), w, kernel.lastEndToEnd());
            }
            if (last) {
                progress.update(steps, steps);
                return rec.finish(Weights.of(w), below ? Trajectory.StopReason.BELOW_THRESHOLD
                        : Trajectory.StopReason.COMPLETED, k);
            }
            for (int h = 0; h < w.length; h++) {
                if (velocity == null) {
                    CommonOps_DDRM.addEquals(w[h], -learningRate, grad[h]);
                } else {
                    CommonOps_DDRM.scale(momentum, velocity[h]);
                    CommonOps_DDRM.addEquals(velocity[h], -learningRate, grad[h]);
                    CommonOps_DDRM.addEquals(w[h], velocity[h]);
                }
            }
            if (k % progressEvery == 0) {
                progress.update(k, steps);
            }
        }
    }

    private IllegalStateException diverged(Loss loss, Weights start, long k, double initial, double value) {
        String bound;
        try {
            bound = StepSizes.at(loss, start).toString() + " at the start";
        } catch (RuntimeException e) {
            bound = "no local bound could be estimated (" + e.getMessage() + ")";
        }
        return new IllegalStateException(String.format(Locale.ROOT, "gradient descent diverged at iteration %d: loss %s "
                + "(started at %.6g) with learning rate eta = %.4g%s; the step is too large: %s", k,
                Double.isFinite(value) ? String.format(Locale.ROOT, "%.3g > %.0g x initial", value, divergenceFactor) : String.valueOf(value),
                initial, learningRate, momentum != 0 ? " and momentum " + momentum : "", bound));
    }

    /** Options with defaults: momentum 0, steps 1000, record every iteration, no stop threshold, singular values on. */
    public static final class Builder extends RecordingBuilder<Builder> {
        private double learningRate = Double.NaN;
        private double momentum = 0;
        private long steps = 1000;
        private long recordEvery = 1;
        private double divergenceFactor = 1e6;

        private Builder() {
        }

        /** The step {@code eta > 0} (required). */
        public Builder learningRate(double eta) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("learning rate eta must be finite and > 0, got " + eta);
            }
            this.learningRate = eta;
            return this;
        }

        /** Heavy-ball momentum {@code 0 <= mu < 1} (default 0). */
        public Builder momentum(double mu) {
            if (!(mu >= 0 && mu < 1)) {
                throw new IllegalArgumentException("momentum mu must be in [0, 1), got " + mu);
            }
            this.momentum = mu;
            return this;
        }

        /** Maximal number of steps {@code >= 0} (default 1000). */
        public Builder steps(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + n);
            }
            this.steps = n;
            return this;
        }

        /** Record every {@code k}-th iterate ({@code k >= 0}; 0: only the start and the end; default 1). */
        public Builder recordEvery(long k) {
            if (k < 0) {
                throw new IllegalArgumentException("recordEvery must be >= 0 (0 = start and end only), got " + k);
            }
            this.recordEvery = k;
            return this;
        }

        /** Divergence when {@code L > factor * L(W_0)} (default 1e6, must be > 1). */
        public Builder divergenceFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("divergenceFactor must be > 1, got " + factor);
            }
            this.divergenceFactor = factor;
            return this;
        }

        public GradientDescent build() {
            if (Double.isNaN(learningRate)) {
                throw new IllegalStateException("gradient descent needs a learning rate: call learningRate(eta) with eta > 0");
            }
            return new GradientDescent(this);
        }
    }
}
