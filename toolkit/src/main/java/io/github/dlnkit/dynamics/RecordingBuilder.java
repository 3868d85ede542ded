package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Weights;

import java.util.function.ToDoubleFunction;

/**
 * The options that {@link GradientDescent} and {@link GradientFlow} share: what a {@link Trajectory} records besides
 * loss and gradient norm, when to stop early, and progress reporting. Defaults: no stop threshold, no distance,
 * singular values of {@code W_{H:1}} recorded, no progress callback.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class RecordingBuilder<B extends RecordingBuilder<B>> {
    double stopBelow = Double.NEGATIVE_INFINITY;
    ToDoubleFunction<Weights> distance;
    boolean singularValues = true;
    Progress progress = Progress.NONE;

    RecordingBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Stop at the first recorded state with {@code L < threshold} (default: never). Gradient descent stops at that
     * iteration; gradient flow locates the crossing time {@code L(W(t)) = threshold} as an integrator event.
     */
    public B stopBelow(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("stopBelow threshold must be a number, got NaN");
        }
        this.stopBelow = threshold;
        return self();
    }

    /** Record the Euclidean distance {@code ||W - point||} to a given (critical) point. */
    public B distanceTo(Weights point) {
        if (point == null) {
            throw new IllegalArgumentException("distanceTo needs a point (got null)");
        }
        this.distance = w -> w.minus(point).norm();
        return self();
    }

    /** Record any distance, e.g. to a critical set given by a projection. */
    public B distance(ToDoubleFunction<Weights> d) {
        this.distance = d;
        return self();
    }

    /** Record the singular values of {@code W_{H:1}} (default true; an SVD per record). */
    public B singularValues(boolean on) {
        this.singularValues = on;
        return self();
    }

    /**
     * Progress callback {@code (done, total)}: iterations for gradient descent, thousandths of the time span for
     * gradient flow.
     */
    public B progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return self();
    }
}
