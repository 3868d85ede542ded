package io.github.dlnkit.slice;

import io.github.dlnkit.model.Weights;

/**
 * A direction in weight space for a slice, with a label for charts and tables.
 *
 * @param label  e.g. {@code "random (filter-normalized)"}, {@code "Hessian eigenvector mu = -5.66"}, {@code "witness rotation"}
 * @param vector {@code delta}, same widths as the point
 */
public record Direction(String label, Weights vector) {
    public Direction {
        if (vector == null) {
            throw new IllegalArgumentException("direction '" + label + "' has no vector (null)");
        }
        if (!(vector.norm() > 0)) {
            throw new IllegalArgumentException("direction '" + label + "' is zero, expected a non-zero direction");
        }
    }

    /** The same direction scaled to unit Euclidean norm. */
    public Direction unit() {
        return new Direction(label, vector.scale(1 / vector.norm()));
    }

    /** {@code this - (<this, other>/|other|^2) other}, renormalised to the norm of {@code this}. */
    public Direction orthogonalTo(Direction other) {
        Weights o = other.vector();
        Weights d = vector.plus(o, -vector.dot(o) / o.dot(o));
        if (!(d.norm() > 1e-12 * vector.norm())) {
            throw new IllegalArgumentException("direction '" + label + "' is parallel to '" + other.label()
                    + "'; cannot span a plane");
        }
        return new Direction(label, d.scale(vector.norm() / d.norm()));
    }
}
