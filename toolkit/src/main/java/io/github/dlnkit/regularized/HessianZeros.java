package io.github.dlnkit.regularized;

/**
 * The dense-Hessian diagnostic at a critical point (theory {@code regularized.md}, section 3): the number of zero
 * eigenvalues compared with the dimension of the critical manifold through the point. An extra zero is a degenerate
 * component: the error bound fails there.
 *
 * @param zeros             eigenvalues with {@code |mu| <= tolerance}
 * @param negatives         eigenvalues {@code < -tolerance}
 * @param min               smallest eigenvalue
 * @param smallestNonzero   smallest {@code |mu|} above the tolerance (the spectral gap that makes the bound hold)
 * @param manifoldDimension dimension of the critical manifold through the point
 * @param tolerance         absolute zero tolerance used
 */
public record HessianZeros(int zeros, int negatives, double min, double smallestNonzero, int manifoldDimension,
                           double tolerance) {

    /** {@code zeros - manifoldDimension}: positive means a degenerate direction. */
    public int extraZeros() {
        return zeros - manifoldDimension;
    }

    /** The local error-bound diagnostic: no zero eigenvalue beyond the tangent directions of the critical set. */
    public boolean errorBoundHolds() {
        return zeros <= manifoldDimension;
    }

    /** Class read off the spectrum: negative eigenvalue = strict saddle; otherwise "no negative curvature". */
    public boolean strictSaddle() {
        return negatives > 0;
    }
}
