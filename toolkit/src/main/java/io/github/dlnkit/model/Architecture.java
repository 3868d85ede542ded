package io.github.dlnkit.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Layer widths {@code d_0, d_1, ..., d_H} of a deep linear network with {@code H >= 1} weight matrices,
 * {@code W_h} of shape {@code d_h x d_{h-1}} (Achour et al. 2024, section 1). {@code d_0 = d_x} is the input
 * dimension and {@code d_H = d_y} the output dimension.
 *
 * <p>Parameter order (used by {@link Weights#toVector()}, the dense Hessian and every flat vector in the toolkit):
 * layers {@code h = 1..H} in turn, each {@code W_h} in row-major order, so entry {@code (W_h)_{pq}} (0-based)
 * sits at {@code offset(h) + p * d_{h-1} + q}.
 */
public final class Architecture {
    private final int[] widths;
    private final int[] offsets;

    private Architecture(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths must list d_0..d_H with H >= 1 (at least 2 numbers), got "
                    + (widths == null ? "null" : Arrays.toString(widths)));
        }
        for (int h = 0; h < widths.length; h++) {
            if (widths[h] < 1) {
                throw new IllegalArgumentException("width d_" + h + " must be >= 1, got " + widths[h]
                        + " in " + Arrays.toString(widths));
            }
        }
        this.widths = widths.clone();
        this.offsets = new int[widths.length + 1];
        for (int h = 1; h < widths.length; h++) {
            long next = (long) offsets[h] + (long) widths[h] * widths[h - 1];
            if (next > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many parameters for widths " + Arrays.toString(widths));
            }
            offsets[h + 1] = (int) next;
        }
    }

    /** Widths {@code d_0..d_H}, input first. */
    public static Architecture of(int... widths) {
        return new Architecture(widths);
    }

    /** Input {@code dx}, {@code H-1} hidden layers of width {@code hidden}, output {@code dy}. */
    public static Architecture uniform(int dx, int hidden, int dy, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth H must be >= 1, got " + depth);
        }
        int[] d = new int[depth + 1];
        Arrays.fill(d, hidden);
        d[0] = dx;
        d[depth] = dy;
        return new Architecture(d);
    }

    /** Number of weight matrices {@code H}. */
    public int depth() {
        return widths.length - 1;
    }

    /** {@code d_h}, {@code 0 <= h <= H}. */
    public int width(int h) {
        if (h < 0 || h >= widths.length) {
            throw new IllegalArgumentException("layer index " + h + " outside 0.." + depth());
        }
        return widths[h];
    }

    /** Copy of {@code d_0..d_H}. */
    public int[] widths() {
        return widths.clone();
    }

    public int inputDim() {
        return widths[0];
    }

    public int outputDim() {
        return widths[widths.length - 1];
    }

    /** {@code r_max = min(d_0, ..., d_H)}, the largest possible rank of {@code W_{H:1}}. */
    public int rMax() {
        return Arrays.stream(widths).min().getAsInt();
    }

    /** {@code n = sum_h d_h d_{h-1}}. */
    public int parameterCount() {
        return offsets[widths.length];
    }

    /** Index of {@code (W_h)_{00}} in the flat parameter vector, {@code 1 <= h <= H}. */
    public int offset(int h) {
        checkLayer(h);
        return offsets[h];
    }

    /** Number of entries of {@code W_h}. */
    public int layerSize(int h) {
        checkLayer(h);
        return widths[h] * widths[h - 1];
    }

    /** Throws unless {@code 1 <= h <= H}. */
    public void checkLayer(int h) {
        if (h < 1 || h > depth()) {
            throw new IllegalArgumentException("weight index h=" + h + " outside 1.." + depth());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(widths, a.widths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths);
    }

    /** {@code (3,2,2,3)} */
    @Override
    public String toString() {
        return Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(",", "(", ")"));
    }
}
