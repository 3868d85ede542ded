package io.github.dlnkit.critical;

/**
 * The classes of Theorem 7 of Achour, Malgouyres, Gerchinovitz (2024), {@code achour2024.md} section 7, plus the
 * verdict for points that are not first-order critical.
 */
public enum PointClass {
    /** {@code S = [[1, r_max]]}: a global minimizer (Prop. 8). */
    GLOBAL_MIN,
    /** {@code S} not a prefix, or a pivot that is not tightened: the Hessian has a negative eigenvalue. */
    STRICT_SADDLE,
    /** {@code S = [[1,r]]}, {@code r < r_max}, every pivot tightened: PSD Hessian, yet not a local minimum. */
    NON_STRICT_SADDLE,
    /** The gradient does not vanish (within tolerance): Theorem 7 does not apply. */
    NOT_CRITICAL;

    /** Parses {@code global}, {@code strict}, {@code non-strict}, {@code not-critical} or the enum name. */
    public static PointClass parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        switch (k) {
            case "global", "global-min", "global-minimizer":
                return GLOBAL_MIN;
            case "strict", "strict-saddle":
                return STRICT_SADDLE;
            case "non-strict", "nonstrict", "non-strict-saddle":
                return NON_STRICT_SADDLE;
            case "not-critical":
                return NOT_CRITICAL;
            default:
                throw new IllegalArgumentException("class must be one of global, strict, non-strict (or "
                        + "GLOBAL_MIN, STRICT_SADDLE, NON_STRICT_SADDLE), got \"" + s + "\"");
        }
    }
}
