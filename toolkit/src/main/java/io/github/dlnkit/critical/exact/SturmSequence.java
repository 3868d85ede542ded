package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The Sturm sequence {@code p_0 = p, p_1 = p', p_{k+1} = -rem(p_{k-1}, p_k)} of a rational polynomial, for exact
 * real-root counting and isolation. Sturm's theorem: for {@code a < b}, the number of distinct real roots of
 * {@code p} in {@code (a, b]} is {@code V(a) - V(b)}, where {@code V(x)} counts the sign changes of
 * {@code p_0(x), p_1(x), ...} (zeros skipped). Only signs matter, so each element is kept as a primitive integer
 * polynomial (scaled by a positive constant), which keeps the numbers small. No rounding is involved anywhere.
 */
public final class SturmSequence {
    private final List<RationalPolynomial> seq;
    /** Each element times the positive lcm of its denominators: same signs, integer arithmetic when evaluating. */
    private final List<BigInteger[]> integer;

    private SturmSequence(List<RationalPolynomial> seq) {
        this.seq = seq;
        this.integer = seq.stream().map(SturmSequence::integerCoefficients).toList();
    }

    private static BigInteger[] integerCoefficients(RationalPolynomial p) {
        BigInteger l = BigInteger.ONE;
        for (int k = 0; k <= p.degree(); k++) {
            BigInteger d = p.coefficient(k).getDenominator();
            l = l.divide(l.gcd(d)).multiply(d);
        }
        BigInteger[] c = new BigInteger[p.degree() + 1];
        for (int k = 0; k <= p.degree(); k++) {
            BigFraction x = p.coefficient(k);
            c[k] = x.getNumerator().multiply(l.divide(x.getDenominator()));
        }
        return c;
    }

    /** Sign of {@code p(num/den)} for {@code den > 0}: sign of {@code sum_k c_k num^k den^(n-k)} (homogeneous Horner). */
    private static int signAt(BigInteger[] c, BigInteger num, BigInteger den) {
        int n = c.length - 1;
        BigInteger v = c[n];
        BigInteger dp = BigInteger.ONE;
        for (int k = n - 1; k >= 0; k--) {
            dp = dp.multiply(den);
            v = v.multiply(num).add(c[k].multiply(dp));
        }
        return v.signum();
    }

    /** The Sturm sequence of a non-constant polynomial. */
    public static SturmSequence of(RationalPolynomial p) {
        if (p.degree() < 1) {
            throw new IllegalArgumentException("Sturm sequence of a constant polynomial " + p);
        }
        List<RationalPolynomial> s = new ArrayList<>();
        s.add(p.primitive());
        s.add(p.derivative().primitive());
        while (true) {
            RationalPolynomial r = s.get(s.size() - 2).divide(s.get(s.size() - 1))[1];
            if (r.isZero()) {
                break;
            }
            s.add(r.negate().primitive());
        }
        return new SturmSequence(List.copyOf(s));
    }

    /** Whether {@code p} has no repeated root: the last element (the gcd of {@code p} and {@code p'}) is constant. */
    public boolean squarefree() {
        return seq.get(seq.size() - 1).degree() == 0;
    }

    /** {@code V(x)}: sign changes of the sequence at {@code x}. */
    public int signChanges(BigFraction x) {
        int changes = 0;
        int last = 0;
        BigInteger num = x.getNumerator();
        BigInteger den = x.getDenominator();
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        for (BigInteger[] p : integer) {
            int s = signAt(p, num, den);
            if (s != 0) {
                if (last != 0 && s != last) {
                    changes++;
                }
                last = s;
            }
        }
        return changes;
    }

    /** Number of distinct real roots in {@code (a, b]}. */
    public int rootsIn(BigFraction a, BigFraction b) {
        return signChanges(a) - signChanges(b);
    }

    /**
     * Disjoint intervals {@code (a, b]}, each holding exactly one distinct real root, ordered from the largest root
     * to the smallest (bisection from Cauchy's bound).
     */
    public List<BigFraction[]> isolateRoots() {
        BigFraction bound = seq.get(0).rootBound();
        List<BigFraction[]> out = new ArrayList<>();
        Deque<BigFraction[]> todo = new ArrayDeque<>();
        todo.push(new BigFraction[]{bound.negate(), bound});
        while (!todo.isEmpty()) {
            BigFraction[] iv = todo.pop();
            int n = rootsIn(iv[0], iv[1]);
            if (n == 1) {
                out.add(iv);
            } else if (n > 1) {
                BigFraction mid = iv[0].add(iv[1]).divide(2);
                todo.push(new BigFraction[]{iv[0], mid});
                todo.push(new BigFraction[]{mid, iv[1]});
            }
        }
        out.sort(Comparator.comparing((BigFraction[] iv) -> iv[1]).reversed());
        return out;
    }
}
