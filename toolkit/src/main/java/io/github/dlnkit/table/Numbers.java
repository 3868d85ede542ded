package io.github.dlnkit.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of dlnkit's tables, charts and text output: a fixed count of significant digits (default
 * {@value #DEFAULT_DIGITS}), trailing zeros dropped, plain decimals for magnitudes in {@code [1e-4, 1e6)} and
 * scientific notation ({@code 3.4849e-18}, {@code 3.40282e38}) outside, never {@code -0}. Values are rounded
 * half-even at the last kept digit, so {@code -0.44999999999999996} prints as {@code -0.45}.
 */
public final class Numbers {
    /** Significant digits used when none are given. */
    public static final int DEFAULT_DIGITS = 6;
    /** Smallest magnitude printed as a plain decimal. */
    public static final double PLAIN_MIN = 1e-4;
    /** Magnitudes at or above this are printed in scientific notation. */
    public static final double PLAIN_MAX = 1e6;

    private Numbers() {
    }

    /** {@code x} with {@value #DEFAULT_DIGITS} significant digits (see the class comment). */
    public static String format(double x) {
        return format(x, DEFAULT_DIGITS);
    }

    /**
     * {@code x} with {@code digits} significant digits: plain between {@value #PLAIN_MIN} and {@value #PLAIN_MAX},
     * scientific outside; zero (either sign) is {@code 0}; {@code NaN}, {@code Inf} and {@code -Inf} spelled so.
     *
     * @throws IllegalArgumentException if {@code digits} is not in 1..17
     */
    public static String format(double x, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("significant digits must be in 1..17, got " + digits);
        }
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        double a = Math.abs(b.doubleValue());
        if (a >= PLAIN_MIN && a < PLAIN_MAX) {
            return b.toPlainString();
        }
        return scientific(b);
    }

    /** A whole number as digits when it fits in {@code digits} significant digits, else in scientific notation. */
    public static String format(java.math.BigInteger n, int digits) {
        BigDecimal b = new BigDecimal(n);
        if (b.precision() <= digits) {
            return n.toString();
        }
        return scientific(b.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros());
    }

    private static String scientific(BigDecimal b) {
        String digitsText = b.unscaledValue().abs().toString();
        int exponent = digitsText.length() - 1 - b.scale();
        StringBuilder s = new StringBuilder();
        if (b.signum() < 0) {
            s.append('-');
        }
        s.append(digitsText.charAt(0));
        if (digitsText.length() > 1) {
            s.append('.').append(digitsText, 1, digitsText.length());
        }
        return s.append('e').append(exponent).toString();
    }
}
