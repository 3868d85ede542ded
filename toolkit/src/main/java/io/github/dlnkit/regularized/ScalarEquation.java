package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Checks;

/**
 * The scalar equation of one aligned component (theory {@code regularized.md}, section 2.2-2.3):
 * <pre>
 *   z = phi(w) := w + lambdabar * w^{(2-L)/L},   w > 0
 *   equivalently, with s = w^{1/L}:   g(s) := s^{L-2} (z - s^L) = lambdabar .
 * </pre>
 * {@code L = 2}: {@code w = z - lambdabar}, a root iff {@code z > lambdabar}. {@code L >= 3}: {@code phi} is convex with
 * minimum {@code phi_min = (2L-2)/(L-2) w*}, {@code w* = (lambdabar (L-2)/L)^{L/(2L-2)}}; two roots if
 * {@code z > phi_min}, a double root {@code w*} if {@code z = phi_min}, none below. In terms of {@code lambdabar}:
 * two roots iff {@code lambdabar < g_max(z) = (L/(2L-2)) ((L-2)/(2L-2))^{(L-2)/L} z^{(2L-2)/L}}.
 */
public final class ScalarEquation {
    /** Default relative tolerance for "z is at the threshold" (double root / degenerate component). */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    private ScalarEquation() {
    }

    /**
     * The roots for one singular value.
     *
     * @param kind       how many positive roots
     * @param small      the smaller root {@code w} (the only one for SIMPLE and DOUBLE), NaN when none
     * @param large      the larger root {@code w} ({@code = small} for SIMPLE and DOUBLE), NaN when none
     * @param distance   relative distance of {@code z} to the threshold: {@code (z - t)/t}, {@code t = lambdabar}
     *                   ({@code L = 2}) or {@code phi_min} ({@code L >= 3})
     */
    public record Roots(Kind kind, double small, double large, double distance) {
        /** Number of positive roots and their type. */
        public enum Kind { NONE, SIMPLE, TWO, DOUBLE }

        /** The root choices available for an active component, in the order SMALL, LARGE (or SIMPLE / DOUBLE). */
        public Root[] choices() {
            return switch (kind) {
                case NONE -> new Root[0];
                case SIMPLE -> new Root[]{Root.SIMPLE};
                case DOUBLE -> new Root[]{Root.DOUBLE};
                case TWO -> new Root[]{Root.SMALL, Root.LARGE};
            };
        }

        /** The value {@code w} of a root choice. */
        public double w(Root r) {
            return switch (r) {
                case SMALL, SIMPLE, DOUBLE -> small;
                case LARGE -> large;
            };
        }
    }

    private static void checkDepth(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("depth L must be >= 2, got " + depth);
        }
    }

    /** {@code w* = (lambdabar (L-2)/L)^{L/(2L-2)}}, the minimiser of {@code phi} ({@code L >= 3}). */
    public static double wStar(int depth, double lambdaBar) {
        requireDeep(depth);
        Checks.positive("lambdabar", lambdaBar);
        return Math.pow(lambdaBar * (depth - 2) / depth, depth / (2.0 * depth - 2));
    }

    /** {@code phi_min = (2L-2)/(L-2) w*}: the smallest {@code z} with a root ({@code L >= 3}). */
    public static double phiMin(int depth, double lambdaBar) {
        return (2.0 * depth - 2) / (depth - 2) * wStar(depth, lambdaBar);
    }

    /**
     * The threshold on {@code lambdabar} for singular value {@code z}: {@code z} itself for {@code L = 2};
     * {@code g_max(z) = (L/(2L-2)) ((L-2)/(2L-2))^{(L-2)/L} z^{(2L-2)/L}} for {@code L >= 3}
     * (e.g. {@code L = 3}: {@code (3/4)(z/4)^{1/3} z}, {@code g_max(1) = 0.4724703937}).
     */
    public static double gMax(int depth, double z) {
        checkDepth(depth);
        Checks.nonNegative("singular value z", z);
        if (depth == 2) {
            return z;
        }
        double l = depth;
        return l / (2 * l - 2) * Math.pow((l - 2) / (2 * l - 2), (l - 2) / l) * Math.pow(z, (2 * l - 2) / l);
    }

    /** The threshold on {@code z}: {@code lambdabar} ({@code L = 2}) or {@code phi_min(lambdabar)} ({@code L >= 3}). */
    public static double zThreshold(int depth, double lambdaBar) {
        checkDepth(depth);
        Checks.positive("lambdabar", lambdaBar);
        return depth == 2 ? lambdaBar : phiMin(depth, lambdaBar);
    }

    /** {@code phi(w) = w + lambdabar w^{(2-L)/L}}. */
    public static double phi(int depth, double lambdaBar, double w) {
        return w + lambdaBar * Math.pow(w, (2.0 - depth) / depth);
    }

    /**
     * The positive roots {@code w} of {@code z = w + lambdabar w^{(2-L)/L}}; {@code z} within relative distance
     * {@code tol} of the threshold counts as the threshold (L = 2: no root; L >= 3: the double root {@code w*}).
     */
    public static Roots roots(int depth, double lambdaBar, double z, double tol) {
        checkDepth(depth);
        Checks.positive("lambdabar", lambdaBar);
        Checks.nonNegative("singular value z", z);
        Checks.nonNegative("tolerance", tol);
        double t = zThreshold(depth, lambdaBar);
        double dist = (z - t) / t;
        if (depth == 2) {
            if (dist > tol) {
                return new Roots(Roots.Kind.SIMPLE, z - lambdaBar, z - lambdaBar, dist);
            }
            return new Roots(Roots.Kind.NONE, Double.NaN, Double.NaN, dist);
        }
        if (dist < -tol) {
            return new Roots(Roots.Kind.NONE, Double.NaN, Double.NaN, dist);
        }
        if (dist <= tol) {
            double ws = wStar(depth, lambdaBar);
            return new Roots(Roots.Kind.DOUBLE, ws, ws, dist);
        }
        // g(s) = s^{L-2} (z - s^L) increases on (0, s*) and decreases on (s*, z^{1/L}); s*^L = z (L-2)/(2L-2).
        double sStar = Math.pow(z * (depth - 2) / (2.0 * depth - 2), 1.0 / depth);
        double sSmall = bisect(depth, z, lambdaBar, 0, sStar, true);
        double sLarge = bisect(depth, z, lambdaBar, sStar, Math.pow(z, 1.0 / depth), false);
        return new Roots(Roots.Kind.TWO, Math.pow(sSmall, depth), Math.pow(sLarge, depth), dist);
    }

    /** Roots with {@link #DEFAULT_TOLERANCE}. */
    public static Roots roots(int depth, double lambdaBar, double z) {
        return roots(depth, lambdaBar, z, DEFAULT_TOLERANCE);
    }

    private static double g(int depth, double z, double s) {
        return Math.pow(s, depth - 2) * (z - Math.pow(s, depth));
    }

    /** Bisection for g(s) = lambdabar on [a, b] where g is increasing (or decreasing); ends at machine precision. */
    private static double bisect(int depth, double z, double lambdaBar, double a, double b, boolean increasing) {
        double lo = a;
        double hi = b;
        for (int it = 0; it < 2000; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            double v = g(depth, z, mid) - lambdaBar;
            if ((v < 0) == increasing) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double glo = Math.abs(g(depth, z, lo) - lambdaBar);
        double ghi = Math.abs(g(depth, z, hi) - lambdaBar);
        return glo <= ghi ? lo : hi;
    }

    private static void requireDeep(int depth) {
        if (depth < 3) {
            throw new IllegalArgumentException("w* and phi_min exist only for depth L >= 3, got L = " + depth
                    + " (for L = 2 the threshold is z = lambdabar)");
        }
    }
}
