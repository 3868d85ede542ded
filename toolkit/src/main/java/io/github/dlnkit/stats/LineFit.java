package io.github.dlnkit.stats;

import org.hipparchus.stat.regression.SimpleRegression;

import java.util.function.DoubleUnaryOperator;

/**
 * A least-squares line {@code v = intercept + slope u} through transformed data, the one straight-line fit of the
 * toolkit: linear convergence rates ({@link #logLinear}: {@code log y = a + b k}), power laws and scaling exponents
 * ({@link #logLog}: {@code log y = a + p log x}) and plain lines ({@link #of}).
 *
 * <p>The sums are centred (Hipparchus {@link SimpleRegression}), so steps near {@code 1e6} or times near
 * {@code 1e-6} lose no digits. <b>One rule for unusable rows:</b> a row is used when its transformed {@code u} and
 * {@code v} are finite (for a logarithm: the value is {@code > 0} and finite); every other row is skipped and counted
 * in {@link #dropped()}. With fewer than two usable rows {@link #slope()} and {@link #intercept()} are NaN and
 * {@link #points()} says why; callers that need more points check {@link #points()} and say so in their own words.
 *
 * @param slope              {@code b} (natural logarithms where a side is logged)
 * @param intercept          {@code a}
 * @param r2                 coefficient of determination; 1 when the fitted values are all equal (a flat, exact fit)
 * @param slopeStandardError standard error of the slope ({@code sqrt(SSE / (n - 2) / Sxx)}); NaN for {@code n < 3}
 * @param points             rows used
 * @param dropped            rows skipped by the rule above
 * @param logU               whether {@code u = log x}
 * @param logV               whether {@code v = log y}
 */
public record LineFit(double slope, double intercept, double r2, double slopeStandardError, int points, int dropped,
                      boolean logU, boolean logV) {

    /** Least-squares line {@code y = a + b x}. */
    public static LineFit of(double[] x, double[] y) {
        return fit(x, y, false, false);
    }

    /** Least-squares line {@code log y = a + b x}: a linear rate {@code y_k ~ C rate^k} with {@code rate = exp(b)}. */
    public static LineFit logLinear(double[] x, double[] y) {
        return fit(x, y, false, true);
    }

    /** Least-squares line {@code log y = a + p log x}: a power law {@code y ~ C x^p}. */
    public static LineFit logLog(double[] x, double[] y) {
        return fit(x, y, true, true);
    }

    /** {@code exp(slope)}: the factor per unit of {@code u} (contraction per step of a linear-rate fit). */
    public double rate() {
        return Math.exp(slope);
    }

    /** The fitted {@code y} at {@code x}, back through the logarithms that were taken. */
    public double at(double x) {
        double v = intercept + slope * (logU ? Math.log(x) : x);
        return logV ? Math.exp(v) : v;
    }

    private static LineFit fit(double[] x, double[] y, boolean logU, boolean logV) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("line fit: " + (x == null ? "x" : "y") + " is null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("line fit: x has " + x.length + " values but y has " + y.length
                    + ", expected equal lengths");
        }
        DoubleUnaryOperator tu = logU ? LineFit::logOrNaN : u -> u;
        DoubleUnaryOperator tv = logV ? LineFit::logOrNaN : v -> v;
        SimpleRegression reg = new SimpleRegression(true);
        int dropped = 0;
        double firstV = Double.NaN;
        boolean flat = true;
        for (int i = 0; i < x.length; i++) {
            double u = tu.applyAsDouble(x[i]);
            double v = tv.applyAsDouble(y[i]);
            if (!Double.isFinite(u) || !Double.isFinite(v)) {
                dropped++;
                continue;
            }
            if (reg.getN() == 0) {
                firstV = v;
            } else if (v != firstV) {
                flat = false;
            }
            reg.addData(u, v);
        }
        int n = (int) reg.getN();
        if (n < 2) {
            return new LineFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, dropped, logU, logV);
        }
        double r2 = flat ? 1 : reg.getRSquare();
        double se = n < 3 ? Double.NaN : reg.getSlopeStdErr();
        return new LineFit(reg.getSlope(), reg.getIntercept(), r2, se, n, dropped, logU, logV);
    }

    private static double logOrNaN(double v) {
        return v > 0 ? Math.log(v) : Double.NaN;
    }
}
