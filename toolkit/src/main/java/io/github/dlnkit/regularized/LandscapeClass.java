package io.github.dlnkit.regularized;

/** Class of a critical point of the regularized loss (theory {@code regularized.md}, section 2.4). */
public enum LandscapeClass {
    /** A local minimum with the smallest critical value. */
    GLOBAL_MIN,
    /** A spurious local minimum (value above the global one), e.g. {@code W = 0} for {@code L >= 3}. */
    LOCAL_MIN,
    /** A saddle with a direction of negative curvature (smaller root, wrong order, or an activatable component). */
    STRICT_SADDLE,
    /** A saddle without negative curvature: a double root ({@code z_k = phi_min}), {@code L >= 3}. */
    NON_STRICT_SADDLE;

    /** True for {@link #GLOBAL_MIN} and {@link #LOCAL_MIN}. */
    public boolean isMinimum() {
        return this == GLOBAL_MIN || this == LOCAL_MIN;
    }
}
