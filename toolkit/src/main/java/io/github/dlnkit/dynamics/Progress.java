package io.github.dlnkit.dynamics;

/**
 * Progress callback of long runs (gradient descent, gradient flow, escape experiments): {@code done} out of
 * {@code total} units (iterations, integration time in thousandths, or runs). Called from the running thread(s);
 * implementations must be thread-safe when given to a parallel experiment.
 */
@FunctionalInterface
public interface Progress {
    /** Does nothing. */
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
