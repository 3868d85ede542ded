package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The Sturm sequence {@code p_0 = p, p_1 = p', p_{k+1} = -rem(p_{k-1}, p_k)} of a rational polynomial, for exact
 * real-root counting and isolation. Sturm's theorem: for {@code a < b}, the number of distinct real roots of
 * {@code p} in {@code (a, b]} is {@code V(a) - V(b)}, where {@code V(x)} counts the sign changes of
 * {@code p_0(x), p_1(x), ...} (zeros skipped). No rounding is involved anywhere.
 */
public final class SturmSequence {
    private final List<RationalPolynomial> seq;

    private SturmSequence(List<RationalPolynomial> seq) {
        this.seq = seq;
    }

    /** The Sturm sequence of a non-constant polynomial. */
    public static SturmSequence of(RationalPolynomial p) {
        if (p.degree() < 1) {
            throw new IllegalArgumentException("Sturm sequence of a constant polynomial " + p);
        }
        List<RationalPolynomial> s = new ArrayList<>();
        s.add(p);
        s.add(p.derivative());
        while (true) {
            RationalPolynomial r = s.get(s.size() - 2).divide(s.get(s.size() - 1))[1];
            if (r.isZero()) {
                break;
            }
            s.add(r.negate());
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
        for (RationalPolynomial p : seq) {
            int s = p.at(x).signum();
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
