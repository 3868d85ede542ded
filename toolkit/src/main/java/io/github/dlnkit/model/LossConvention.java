package io.github.dlnkit.model;

/**
 * Normalisation of the squared loss, as in the case-file format.
 * <ul>
 *   <li>{@link #SUM}: {@code L = ||W_H...W_1 X - Y||_F^2} (Achour et al.; critical values {@code tr Syy - sum_{i in S} lambda_i});</li>
 *   <li>{@link #HALF}: {@code L = 1/2 ||W_H...W_1 X - Y||_F^2} (Liao et al.; Chen, Jiang, Wang).</li>
 * </ul>
 * Values and Hessians scale by {@link #factor()}; the classification of critical points does not change.
 */
public enum LossConvention {
    /** Plain sum of squares, factor 1. */
    SUM("sum", 1.0),
    /** One half of the sum of squares, factor 1/2. */
    HALF("half", 0.5);

    private final String key;
    private final double factor;

    LossConvention(String key, double factor) {
        this.key = key;
        this.factor = factor;
    }

    /** The multiplier {@code c} of {@code ||.||_F^2}. */
    public double factor() {
        return factor;
    }

    /** The case-file spelling: {@code "sum"} or {@code "half"}. */
    public String key() {
        return key;
    }

    /** Parses the case-file spelling; throws with the accepted values otherwise. */
    public static LossConvention parse(String s) {
        for (LossConvention c : values()) {
            if (c.key.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("loss convention must be \"sum\" or \"half\", got \"" + s + "\"");
    }
}
