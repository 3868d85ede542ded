package io.github.dlnkit.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Function;

/**
 * The axis rules every dlnkit chart follows, in one place.
 * <ul>
 *   <li>A logarithmic axis only when the (positive) values span more than a decade ({@link #logWanted}); a log axis
 *   is drawn as a linear axis of {@code log10} values, so that XChart places its ticks at even steps of
 *   {@code log10}: whole decades when there is room for many, otherwise intermediate values (steps of 0.1, 0.2 or
 *   0.5 decade: 1, 1.6, 2.5, 4, 6.3, 10, ...), always labelled, and with no minor grid lines.</li>
 *   <li>One number format per axis ({@link #linear}, {@link #log}): plain decimals when every value on the axis lies
 *   in {@code [1e-3, 1e5)} (or is 0), otherwise scientific notation {@code 2.5e-7} for every label; never {@code -0}.</li>
 *   <li>Tick spacing: XChart's tick calculator widens the step ({@code 1, 2, 5 x 10^k}) until the widest label, as
 *   formatted here, fits 1.1 times into it, so labels never overlap; the tests read the laid-out labels back.</li>
 * </ul>
 */
final class Axes {
    /** Smallest ratio {@code max / min} drawn on a log axis by default. */
    static final double LOG_MIN_RATIO = 10;
    /** Plain decimals for magnitudes in {@code [PLAIN_MIN, PLAIN_MAX)}. */
    static final double PLAIN_MIN = 1e-3;
    static final double PLAIN_MAX = 1e5;

    private Axes() {
    }

    /** True when {@code [lo, hi]} is positive and spans more than a decade. */
    static boolean logWanted(double lo, double hi) {
        return lo > 0 && Double.isFinite(hi) && hi > LOG_MIN_RATIO * lo;
    }

    /**
     * Labels for a linear axis over {@code [lo, hi]}: enough decimals to tell ticks a fiftieth of the span apart,
     * trailing zeros dropped; scientific for every label when the largest magnitude is outside {@code [1e-3, 1e5)}.
     */
    static Function<Double, String> linear(double lo, double hi) {
        double a = Math.max(Math.abs(lo), Math.abs(hi));
        double span = hi - lo > 0 ? hi - lo : (a > 0 ? a : 1);
        boolean sci = a > 0 && (a >= PLAIN_MAX || a < PLAIN_MIN);
        double zero = span * 1e-9;
        if (!sci) {
            int decimals = clamp((int) Math.ceil(-Math.log10(span / 50)), 0, 12);
            return v -> plain(Math.abs(v) <= zero ? 0 : v, decimals);
        }
        int digits = clamp((int) Math.ceil(Math.log10(a / span * 50)), 1, 6);
        return v -> Math.abs(v) <= zero ? "0" : scientific(v, digits);
    }

    /**
     * Labels for a log axis drawn as {@code log10} values: the tick {@code v} is labelled {@code 10^v}, exactly at
     * whole decades and to 2 significant digits between them; plain when every value of {@code [lo, hi]} (the data
     * range, not logged) lies in {@code [1e-3, 1e5)}, else scientific.
     */
    static Function<Double, String> log(double lo, double hi) {
        boolean sci = lo < PLAIN_MIN || hi >= PLAIN_MAX;
        return v -> {
            long decade = Math.round(v);
            boolean whole = Math.abs(v - decade) < 1e-6;
            BigDecimal x = whole ? BigDecimal.ONE.scaleByPowerOfTen((int) decade)
                    : new BigDecimal(Math.pow(10, v)).round(new MathContext(2, RoundingMode.HALF_EVEN));
            return sci ? scientific(x) : x.stripTrailingZeros().toPlainString();
        };
    }

    static String plain(double v, int decimals) {
        BigDecimal b = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    static String scientific(double v, int digits) {
        return v == 0 ? "0" : scientific(new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    /** {@code 2.5e-7}, {@code 1e4}, {@code -3e0}. */
    static String scientific(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        if (s.signum() == 0) {
            return "0";
        }
        int exponent = s.precision() - s.scale() - 1;
        BigDecimal mantissa = s.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
