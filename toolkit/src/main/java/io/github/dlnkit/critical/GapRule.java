package io.github.dlnkit.critical;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How many of a set of non-negative numbers are non-zero, decided by the largest gap between them rather than by
 * a fixed threshold (scale-free: multiplying all numbers by one factor changes nothing). Numbers at or below their
 * floor (the rounding level of what they are made of, or a floor the user raised) are zero for certain. The others,
 * sorted, are cut where the ratio between the last one kept and the next one is largest; the last candidate cut
 * keeps all of them and compares the smallest with its own floor. Cuts that keep fewer
 * than {@code minKept} are not candidates (what the theory gives for free, e.g. an inner rank is at least {@code r});
 * a set with some value above its floor keeps at least one, so "zero" means "nothing above the rounding floor".
 * The margin is the chosen gap minus the next-best candidate gap, in decades: small when two cuts are about as
 * plausible, large when one gap stands out; it is also limited by how close the smallest kept value is to its
 * rounding floor, and by how far above its floor the largest dropped value stands ({@link Cut#decades()}).
 */
final class GapRule {
    private GapRule() {
    }

    /**
     * The outcome of a cut.
     *
     * @param kept     for each input number, whether it is kept as non-zero
     * @param count    how many are kept
     * @param gap      the chosen gap: {@code log10(smallest kept / largest dropped)} (dropped at least the floor)
     * @param runnerUp the best other candidate gap (0 when there was no other candidate)
     * @param keptValue    smallest kept value ({@code NaN} when none)
     * @param droppedValue largest dropped value, at least its floor
     * @param keptFloor    the rounding floor of the smallest kept value ({@code NaN} when none)
     * @param droppedFloor the rounding floor of the largest dropped value
     */
    record Cut(boolean[] kept, int count, double gap, double runnerUp, double keptValue, double droppedValue,
               double keptFloor, double droppedFloor) {
        /**
         * The margin in decades, capped at {@link Margins#CLEAN}: the smallest of {@code gap - runnerUp} (how well the
         * chosen gap stands out), {@code log10(keptValue / keptFloor) - KEPT_SPAN} (how far the smallest kept value is
         * from rounding) and, when the largest dropped value is above its floor,
         * {@code FRAGILE + DROP_SPAN - log10(droppedValue / droppedFloor)} (a zero that rounding does not explain).
         */
        double decades() {
            double m = gap - Math.max(0, runnerUp);
            if (keptValue > 0 && keptFloor > 0) {
                m = Math.min(m, Math.log10(keptValue / keptFloor) - KEPT_SPAN);
            }
            if (droppedValue > droppedFloor && droppedFloor > 0) {
                m = Math.min(m, Margins.FRAGILE + DROP_SPAN - Math.log10(droppedValue / droppedFloor));
            }
            return Margins.cap(m);
        }
    }

    /**
     * Room the rounding floor needs: a value kept as non-zero is fragile unless it stands at least
     * {@code FRAGILE + KEPT_SPAN = 5} decades above its floor. The floor {@code n eps made} is a first-order estimate;
     * in a point written in a badly conditioned basis, genuine singular values are pushed towards it and a genuine
     * value a few decades above it is not told apart from amplified rounding with certainty.
     */
    static final double KEPT_SPAN = 3;
    /**
     * A value dropped as zero while standing more than {@code DROP_SPAN} decades above its rounding floor is not
     * explained by rounding; only the gap calls it zero, so the decision is fragile.
     */
    static final double DROP_SPAN = 1;

    /**
     * Cuts {@code values} (any order) with per-value {@code floors}. A set with any value above its floor keeps at
     * least one (it is not zero); a set with none keeps none (or {@code minKept}).
     */
    static Cut cut(double[] values, double[] floors, int minKept) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -values[k]));
        int live = 0;
        int[] alive = new int[n];
        for (Integer k : order) {
            if (values[k] > floors[k]) {
                alive[live++] = k;
            }
        }
        double[] x = new double[live];
        for (int t = 0; t < live; t++) {
            x[t] = values[alive[t]];
        }
        // below the smallest live value: its own floor (certain zeros of other floors are not comparable with it)
        double bottom = live > 0 ? floors[alive[live - 1]] : 0;
        if (live > 0 && minKept == 0) {
            minKept = 1; // something stands above the floor: the matrix is not zero
        }
        if (minKept > live) { // the theory wants more than the numbers show: keep them all, no margin
            boolean[] kept = new boolean[n];
            for (int t = 0; t < Math.min(minKept, n); t++) {
                kept[order[t]] = true;
            }
            return new Cut(kept, Math.min(minKept, n), 0, 0, live == 0 ? Double.NaN : x[live - 1], bottom,
                    bottom, bottom);
        }
        double best = Double.NEGATIVE_INFINITY;
        double second = 0;
        int bestK = minKept;
        for (int k = minKept; k <= live; k++) {
            double above = k == 0 ? Double.POSITIVE_INFINITY : x[k - 1];
            double below = k < live ? x[k] : bottom;
            double g = below > 0 ? Math.log10(above / below) : Double.POSITIVE_INFINITY;
            if (g > best) {
                second = Math.max(second, best);
                best = g;
                bestK = k;
            } else {
                second = Math.max(second, g);
            }
        }
        boolean[] kept = new boolean[n];
        for (int t = 0; t < bestK; t++) {
            kept[alive[t]] = true;
        }
        double keptValue = bestK == 0 ? Double.NaN : x[bestK - 1];
        double droppedValue = bestK < live ? x[bestK] : bottom;
        double keptFloor = bestK == 0 ? Double.NaN : floors[alive[bestK - 1]];
        double droppedFloor = bestK < live ? floors[alive[bestK]] : bottom;
        return new Cut(kept, bestK, Margins.cap(best), Math.max(0, second), keptValue, droppedValue, keptFloor,
                droppedFloor);
    }

    /** Cuts singular values (descending) that share one floor. */
    static Cut cut(double[] desc, double floor, int minKept) {
        double[] f = new double[desc.length];
        Arrays.fill(f, floor);
        return cut(desc, f, minKept);
    }
}
