package io.github.dlnkit.regularized;

/** Which root of the scalar equation {@code z_k = w + lambdabar w^{(2-L)/L}} an active component sits on (section 2.3). */
public enum Root {
    /** {@code L = 2}: the only root {@code w = z - lambdabar}. */
    SIMPLE,
    /** {@code L >= 3}: the smaller of two roots (strict saddle direction). */
    SMALL,
    /** {@code L >= 3}: the larger of two roots. */
    LARGE,
    /** {@code L >= 3}, {@code z_k = phi_min}: the double root {@code w*} (degenerate: the error bound fails). */
    DOUBLE;

    /** One-letter code used in tables: S, s, L, D. */
    public String code() {
        return switch (this) {
            case SIMPLE -> "1";
            case SMALL -> "s";
            case LARGE -> "L";
            case DOUBLE -> "D";
        };
    }
}
