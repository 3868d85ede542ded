package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable polynomial {@code c_0 + c_1 x + ... + c_n x^n} with rational coefficients, with what exact
 * eigenvalue counting needs: evaluation, derivative, Euclidean division, and the characteristic polynomial of a
 * rational matrix (Faddeev-LeVerrier).
 */
public final class RationalPolynomial {
    /** The zero polynomial (degree -1). */
    public static final RationalPolynomial ZERO = new RationalPolynomial(new BigFraction[0]);

    private final BigFraction[] c;

    private RationalPolynomial(BigFraction[] c) {
        int n = c.length;
        while (n > 0 && c[n - 1].signum() == 0) {
            n--;
        }
        this.c = Arrays.copyOf(c, n);
    }

    /** From coefficients {@code c_0, c_1, ..., c_n} (lowest first). */
    public static RationalPolynomial of(BigFraction... coefficients) {
        return new RationalPolynomial(coefficients.clone());
    }

    /**
     * {@code det(x I - A)} by the Faddeev-LeVerrier recursion in integers: with {@code D} the lcm of the
     * denominators of {@code A} and {@code B = D A} (an integer matrix), {@code M_1 = I},
     * {@code b_{n-k} = -tr(B M_k) / k} (an exact integer division), {@code M_{k+1} = B M_k + b_{n-k} I}; then
     * {@code det(x I - A) = D^-n det(D x I - B)}, so {@code c_k = b_k / D^{n-k}}.
     */
    public static RationalPolynomial characteristic(RationalMatrix a) {
        int n = a.rows();
        if (a.cols() != n) {
            throw new IllegalArgumentException("characteristic polynomial of a non-square " + a.shape() + " matrix");
        }
        BigInteger d = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                BigInteger q = a.get(i, j).getDenominator();
                d = d.divide(d.gcd(q)).multiply(q);
            }
        }
        BigInteger[][] b = new BigInteger[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = a.get(i, j).getNumerator().multiply(d.divide(a.get(i, j).getDenominator()));
            }
        }
        BigInteger[] coef = new BigInteger[n + 1];
        coef[n] = BigInteger.ONE;
        BigInteger[][] m = identity(n);
        for (int k = 1; k <= n; k++) {
            BigInteger[][] bm = times(b, m);
            BigInteger tr = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                tr = tr.add(bm[i][i]);
            }
            coef[n - k] = tr.divide(BigInteger.valueOf(k)).negate();
            if (k < n) {
                for (int i = 0; i < n; i++) {
                    bm[i][i] = bm[i][i].add(coef[n - k]);
                }
                m = bm;
            }
        }
        BigFraction[] c = new BigFraction[n + 1];
        for (int k = 0; k <= n; k++) {
            c[k] = new BigFraction(coef[k], d.pow(n - k));
        }
        return new RationalPolynomial(c);
    }

    private static BigInteger[][] identity(int n) {
        BigInteger[][] m = new BigInteger[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? BigInteger.ONE : BigInteger.ZERO;
            }
        }
        return m;
    }

    private static BigInteger[][] times(BigInteger[][] x, BigInteger[][] y) {
        int n = x.length;
        BigInteger[][] z = new BigInteger[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                BigInteger s = BigInteger.ZERO;
                for (int k = 0; k < n; k++) {
                    s = s.add(x[i][k].multiply(y[k][j]));
                }
                z[i][j] = s;
            }
        }
        return z;
    }

    /** The same polynomial times a positive rational making its coefficients coprime integers (same signs, same roots). */
    public RationalPolynomial primitive() {
        if (c.length == 0) {
            return this;
        }
        BigInteger l = BigInteger.ONE;
        for (BigFraction x : c) {
            l = l.divide(l.gcd(x.getDenominator())).multiply(x.getDenominator());
        }
        BigInteger[] z = new BigInteger[c.length];
        BigInteger g = BigInteger.ZERO;
        for (int k = 0; k < c.length; k++) {
            z[k] = c[k].getNumerator().multiply(l.divide(c[k].getDenominator()));
            g = g.gcd(z[k]);
        }
        BigFraction[] out = new BigFraction[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = new BigFraction(z[k].divide(g));
        }
        return new RationalPolynomial(out);
    }

    /** The degree; -1 for the zero polynomial. */
    public int degree() {
        return c.length - 1;
    }

    public boolean isZero() {
        return c.length == 0;
    }

    /** Coefficient of {@code x^k} (zero beyond the degree). */
    public BigFraction coefficient(int k) {
        return k < c.length ? c[k] : BigFraction.ZERO;
    }

    /** Value at {@code x} (Horner). */
    public BigFraction at(BigFraction x) {
        BigFraction v = BigFraction.ZERO;
        for (int k = c.length - 1; k >= 0; k--) {
            v = v.multiply(x).add(c[k]);
        }
        return v;
    }

    public RationalPolynomial derivative() {
        if (c.length <= 1) {
            return ZERO;
        }
        BigFraction[] d = new BigFraction[c.length - 1];
        for (int k = 1; k < c.length; k++) {
            d[k - 1] = c[k].multiply(k);
        }
        return new RationalPolynomial(d);
    }

    public RationalPolynomial negate() {
        BigFraction[] d = new BigFraction[c.length];
        for (int k = 0; k < c.length; k++) {
            d[k] = c[k].negate();
        }
        return new RationalPolynomial(d);
    }

    /** This polynomial divided by {@code x^k}; requires the lowest {@code k} coefficients to be zero. */
    public RationalPolynomial divideByPowerOfX(int k) {
        for (int i = 0; i < Math.min(k, c.length); i++) {
            if (c[i].signum() != 0) {
                throw new ArithmeticException("x^" + k + " does not divide " + this);
            }
        }
        return k >= c.length ? ZERO : new RationalPolynomial(Arrays.copyOfRange(c, k, c.length));
    }

    /** Quotient and remainder of the Euclidean division by {@code d != 0}: {@code {q, r}} with {@code deg r < deg d}. */
    public RationalPolynomial[] divide(RationalPolynomial d) {
        if (d.isZero()) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        BigFraction[] r = c.clone();
        int dn = d.degree();
        BigFraction lead = d.c[dn];
        BigFraction[] q = new BigFraction[Math.max(0, c.length - dn)];
        Arrays.fill(q, BigFraction.ZERO);
        for (int k = c.length - 1; k >= dn; k--) {
            if (r[k].signum() == 0) {
                continue;
            }
            BigFraction f = r[k].divide(lead);
            q[k - dn] = f;
            for (int i = 0; i <= dn; i++) {
                r[k - dn + i] = r[k - dn + i].subtract(f.multiply(d.c[i]));
            }
        }
        return new RationalPolynomial[]{new RationalPolynomial(q), new RationalPolynomial(Arrays.copyOf(r, Math.max(0, dn)))};
    }

    /**
     * A bound {@code B} with every real root in {@code (-B, B)}: Cauchy's {@code 1 + max_k |c_k / c_n|}.
     */
    public BigFraction rootBound() {
        BigFraction m = BigFraction.ZERO;
        BigFraction lead = c[c.length - 1];
        for (int k = 0; k < c.length - 1; k++) {
            BigFraction q = c[k].divide(lead).abs();
            if (q.compareTo(m) > 0) {
                m = q;
            }
        }
        return m.add(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RationalPolynomial p && Arrays.equals(c, p.c);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(c);
    }

    @Override
    public String toString() {
        if (c.length == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = c.length - 1; k >= 0; k--) {
            if (c[k].signum() != 0) {
                sb.append(sb.length() == 0 ? "" : " + ").append('(').append(RationalMatrix.text(c[k])).append(')');
                sb.append(k == 0 ? "" : k == 1 ? " x" : " x^" + k);
            }
        }
        return sb.toString();
    }
}
