package io.github.dlnkit.critical.exact;

import io.github.dlnkit.model.Architecture;

/**
 * The sizes exact classification accepts: exact rational arithmetic grows with the number of digits of the entries
 * and, for the partial products, with the depth, so the work is bounded up front. At the largest size (every width
 * 12, {@code H = 8}) a classification takes about a second or less on one core (measured in
 * {@code docs/theory/exact-mode.md}).
 */
public final class ExactLimits {
    /** Largest width {@code d_h} (also {@code d_x}, {@code d_y}). */
    public static final int MAX_WIDTH = 12;
    /** Largest depth {@code H}. */
    public static final int MAX_DEPTH = 8;
    /** Largest number of samples (columns of {@code X}) when the case gives samples rather than moments. */
    public static final int MAX_SAMPLES = 10_000;
    /** Largest number of decimal digits in the numerator or the denominator of one entry. */
    public static final int MAX_DIGITS = 200;

    private ExactLimits() {
    }

    /** Refuses architectures beyond {@link #MAX_WIDTH} and {@link #MAX_DEPTH}, naming the width or depth found. */
    public static void check(Architecture arch) {
        if (arch.depth() > MAX_DEPTH) {
            throw new IllegalArgumentException("exact mode supports H <= " + MAX_DEPTH + " layers, got H = " + arch.depth()
                    + " (classify without --exact)");
        }
        for (int h = 0; h <= arch.depth(); h++) {
            if (arch.width(h) > MAX_WIDTH) {
                throw new IllegalArgumentException("exact mode supports widths <= " + MAX_WIDTH + ", got d_" + h + " = "
                        + arch.width(h) + " in " + arch + " (classify without --exact)");
            }
        }
    }

    /** Refuses more than {@link #MAX_SAMPLES} samples. */
    public static void checkSamples(int m) {
        if (m > MAX_SAMPLES) {
            throw new IllegalArgumentException("exact mode supports at most " + MAX_SAMPLES + " samples, got m = " + m
                    + " columns in \"X\" (give the moments Sxx, Syx, Syy as fractions, or classify without --exact)");
        }
    }
}
