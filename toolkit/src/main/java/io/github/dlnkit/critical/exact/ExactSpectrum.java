package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.util.ArrayList;
import java.util.List;

/**
 * Assumption H checked exactly, and the eigenvalues of {@code Sigma = Syx Sxx^-1 Sxy} located exactly: {@code Sxx}
 * invertible (exact inverse), {@code Syx} of full row rank (Bareiss), and the characteristic polynomial
 * {@code chi(x) = det(x I - Sigma)} squarefree (its Sturm sequence ends in a constant), so the {@code d_y}
 * eigenvalues are distinct. Each {@code lambda_k} is then known by an isolating interval {@code (a_k, b_k]} with
 * rational ends holding no other root of {@code chi}, ordered {@code lambda_1 > lambda_2 > ...}; no eigenvalue is
 * ever rounded.
 *
 * @param sigma     {@code Syx Sxx^-1 Sxy}, exactly
 * @param chi       its characteristic polynomial
 * @param intervals {@code intervals.get(k-1) = {a_k, b_k}} isolates {@code lambda_k}
 */
public record ExactSpectrum(RationalMatrix sigma, RationalPolynomial chi, List<BigFraction[]> intervals) {
    public ExactSpectrum {
        intervals = List.copyOf(intervals);
    }

    /** Checks assumption H exactly (refusing with the failed condition) and isolates the eigenvalues of Sigma. */
    public static ExactSpectrum of(RationalCase c) {
        RationalMatrix sxxInv;
        try {
            sxxInv = c.sxx().inverse("Sxx");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("assumption H fails exactly: " + e.getMessage()
                    + " (Theorem 7 needs X of full row rank)");
        }
        int dy = c.syx().rows();
        int rk = Bareiss.rank(c.syx());
        if (rk < dy) {
            throw new IllegalArgumentException("assumption H fails exactly: Syx has rank " + rk + " < d_y = " + dy
                    + " (Theorem 7 needs Syx of full row rank)");
        }
        RationalMatrix sigma = c.syx().times(sxxInv).times(c.syx().transpose());
        RationalPolynomial chi = RationalPolynomial.characteristic(sigma);
        SturmSequence sturm = SturmSequence.of(chi);
        if (!sturm.squarefree()) {
            throw new IllegalArgumentException("assumption H fails exactly: Sigma = Syx Sxx^-1 Sxy has a repeated "
                    + "eigenvalue (its characteristic polynomial " + chi + " is not squarefree)");
        }
        List<BigFraction[]> iv = sturm.isolateRoots();
        if (iv.size() != dy) {
            throw new IllegalStateException("Sigma is symmetric with " + dy + " distinct eigenvalues but " + iv.size()
                    + " real roots were isolated");
        }
        return new ExactSpectrum(sigma, chi, iv);
    }

    /**
     * The 1-based indices {@code S} of the eigenvalues of {@code Sigma} that are eigenvalues of
     * {@code A = P Sxy = U_S Lambda_S U_S^T} on its range: {@code det(x I - A) = x^{d_y - r} q(x)} with
     * {@code q = prod_{k in S} (x - lambda_k)}; {@code k in S} iff {@code q} has a root in the isolating interval of
     * {@code lambda_k} (Sturm count of {@code q}). Checks that {@code q} divides {@code chi}.
     */
    public int[] indicesOf(RationalMatrix a, int r) {
        if (r == 0) {
            return new int[0];
        }
        RationalPolynomial q = RationalPolynomial.characteristic(a).divideByPowerOfX(a.rows() - r);
        if (!chi.divide(q)[1].isZero()) {
            throw new IllegalStateException("the non-zero eigenvalues of P Sxy are not eigenvalues of Sigma (Prop. 1 fails)");
        }
        SturmSequence sq = SturmSequence.of(q);
        List<Integer> s = new ArrayList<>();
        for (int k = 0; k < intervals.size(); k++) {
            BigFraction[] iv = intervals.get(k);
            if (sq.rootsIn(iv[0], iv[1]) > 0) {
                s.add(k + 1);
            }
        }
        if (s.size() != r) {
            throw new IllegalStateException("found " + s.size() + " eigenvalues of Sigma in P Sxy, expected r = " + r);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
