package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.hipparchus.fraction.BigFraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Theorem 7 of Achour, Malgouyres and Gerchinovitz decided in exact rational arithmetic, for rational data and a
 * rational point ({@code docs/theory/exact-mode.md}). No tolerance is involved anywhere:
 * <ol>
 *   <li>criticality: {@code grad_h L = 2 W_{H:h+1}^T (P Sxx - Syx) W_{h-1:1}^T = 0} for every {@code h}, entry by
 *       entry (a point that is not critical needs nothing more);</li>
 *   <li>assumption H and the eigenvalues of {@code Sigma} exactly ({@link ExactSpectrum});</li>
 *   <li>association (Prop. 1): {@code A = P Sxy} must equal {@code U_S Lambda_S U_S^T}; this is checked through
 *       rational identities ({@code A} symmetric, {@code A Sigma = Sigma A}, {@code A^2 = A Sigma},
 *       {@code rk A = rk P}), and {@code S} is read off the characteristic polynomial of {@code A} against the
 *       isolating intervals of the {@code lambda_k} ({@link ExactSpectrum#indicesOf});</li>
 *   <li>ranks by fraction-free elimination ({@link Bareiss}); {@code r = rk P};</li>
 *   <li>pivots: {@code range(A) = span(U_S)}, so {@code U_{S^c} U_{S^c}^T = I - B (B^T B)^-1 B^T} for a basis
 *       {@code B} of the columns of {@code A} is rational, and so is
 *       {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1}}; a pivot is {@code N_ij != 0}, tightened iff
 *       {@code rk W_{i-1:j+1} = r} (Def. 5);</li>
 *   <li>the verdict of Theorem 7.</li>
 * </ol>
 * Sizes are bounded by {@link ExactLimits}.
 */
public final class ExactClassifier {
    private final RationalCase c;
    private final Map<Long, RationalMatrix> products = new HashMap<>();

    private ExactClassifier(RationalCase c) {
        this.c = c;
    }

    /** Classifies the point of a rational case exactly. */
    public static ExactClassification classify(RationalCase c) {
        ExactLimits.check(c.architecture());
        return new ExactClassifier(c).run();
    }

    /**
     * Classifies double data and a double point, taking every double at its exact (dyadic rational) value. Points
     * built in floating point are rarely exactly critical; this is meant for data and points with exactly
     * representable entries (integers, halves, ...).
     */
    public static ExactClassification classify(Dataset data, Weights w) {
        return classify(RationalCase.exactly(data, w));
    }

    private ExactClassification run() {
        int hc = c.depth();
        int rMax = c.architecture().rMax();
        RationalMatrix sxy = c.syx().transpose();
        RationalMatrix p = product(hc, 1);
        BigFraction loss = p.times(c.sxx()).times(p.transpose()).trace()
                .subtract(p.times(sxy).trace().multiply(2)).add(c.syy().trace());
        RationalMatrix g = p.times(c.sxx()).minus(c.syx());
        for (int h = 1; h <= hc; h++) {
            RationalMatrix grad = product(hc, h + 1).transpose().times(g).times(product(h - 1, 1).transpose()).scale(BigFraction.TWO);
            if (!grad.isZero()) {
                String reason = String.format(Locale.ROOT, "not a critical point: the gradient with respect to W_%d is not "
                        + "zero (exactly; ||grad W_%d||_F = %.6g)", h, h, Math.sqrt(grad.frobeniusSquared().doubleValue()));
                return new ExactClassification(PointClass.NOT_CRITICAL, false, new int[0], -1, rMax, null, loss, reason,
                        List.of(), List.of(), List.of());
            }
        }
        ExactSpectrum spectrum = ExactSpectrum.of(c);
        RationalMatrix a = p.times(sxy);
        int r = Bareiss.rank(p);
        requireAssociation(a, spectrum.sigma(), r);
        int[] s = spectrum.indicesOf(a, r);
        BigFraction value = c.syy().trace().subtract(a.trace());
        if (CriticalValues.isPrefix(s) && r == rMax) {
            return new ExactClassification(PointClass.GLOBAL_MIN, true, s, r, rMax, value, loss, "S = "
                    + CriticalValues.setText(s) + " = [[1, r_max]] with r_max = " + rMax + ": global minimizer (Thm 7, "
                    + "Prop. 8; exact)", List.of(), List.of(), List.of());
        }
        if (!CriticalValues.isPrefix(s)) {
            int l = firstMissing(s);
            return new ExactClassification(PointClass.STRICT_SADDLE, true, s, r, rMax, value, loss, "S = "
                    + CriticalValues.setText(s) + " is not [[1," + s.length + "]]: lambda_" + l + " is not learned while "
                    + "lambda_" + s[s.length - 1] + " < lambda_" + l + " is (Thm 7: strict saddle; exact)",
                    List.of(), List.of(), List.of());
        }
        return pivotVerdict(s, r, rMax, value, loss, complementProjector(a, r), sxy);
    }

    /** Prop. 1 at an exactly critical point: {@code A = P Sxy} is {@code U_S Lambda_S U_S^T} with {@code |S| = r}. */
    private static void requireAssociation(RationalMatrix a, RationalMatrix sigma, int r) {
        boolean ok = a.isSymmetric() && a.times(sigma).equals(sigma.times(a)) && a.times(a).equals(a.times(sigma))
                && Bareiss.rank(a) == r;
        if (!ok) {
            throw new IllegalStateException("the gradient is exactly zero but P Sxy is not U_S Lambda_S U_S^T with |S| = "
                    + "rk P = " + r + " (Prop. 1 fails; please report this case)");
        }
    }

    /** {@code U_{S^c} U_{S^c}^T = I - B (B^T B)^-1 B^T} with {@code B} a basis of {@code range(A) = span(U_S)}. */
    private static RationalMatrix complementProjector(RationalMatrix a, int r) {
        RationalMatrix id = RationalMatrix.identity(a.rows());
        if (r == 0) {
            return id;
        }
        RationalMatrix b = a.columns(Bareiss.echelon(a).pivotColumns());
        RationalMatrix proj = b.times(b.transpose().times(b).inverse("B^T B")).times(b.transpose());
        return id.minus(proj);
    }

    /** {@code S = [[1,r]]}, {@code r < r_max}: pivots, tightening, Theorem 7. */
    private ExactClassification pivotVerdict(int[] s, int r, int rMax, BigFraction value, BigFraction loss,
                                             RationalMatrix complement, RationalMatrix sxy) {
        int hc = c.depth();
        RationalMatrix m = sxy.times(complement);
        List<Pivot> pivots = new ArrayList<>();
        List<BigFraction> norms = new ArrayList<>();
        boolean[][] isPivot = new boolean[hc + 1][hc + 1];
        for (int i = 2; i <= hc; i++) {
            RationalMatrix right = m.times(product(hc, i + 1));
            for (int j = 1; j < i; j++) {
                RationalMatrix n = product(j - 1, 1).times(right);
                if (!n.isZero()) {
                    BigFraction n2 = n.frobeniusSquared();
                    int inner = Bareiss.rank(product(i - 1, j + 1));
                    pivots.add(new Pivot(i, j, Math.sqrt(n2.doubleValue()), inner, inner == r));
                    norms.add(n2);
                    isPivot[i][j] = true;
                }
            }
        }
        List<Pivot> minimal = new ArrayList<>();
        for (Pivot pv : pivots) {
            int i = pv.i();
            int j = pv.j();
            if (!(i - 1 > j && isPivot[i - 1][j]) && !(j + 1 < i && isPivot[i][j + 1])) {
                minimal.add(pv);
            }
        }
        Pivot bad = minimal.stream().filter(x -> !x.tightened()).findFirst()
                .orElse(pivots.stream().filter(x -> !x.tightened()).findFirst().orElse(null));
        PointClass cls;
        String reason;
        if (bad != null) {
            cls = PointClass.STRICT_SADDLE;
            reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d, but pivot (%d,%d) is not tightened: "
                            + "its inner block W_{%d:%d} has rank %d > r (Def. 5, Thm 7: strict saddle; exact)",
                    r, r, rMax, bad.i(), bad.j(), bad.i() - 1, bad.j() + 1, bad.innerRank());
        } else {
            cls = PointClass.NON_STRICT_SADDLE;
            reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d and all %d pivots are tightened "
                            + "(minimal: %s): non-strict saddle (Def. 6, Thm 7; exact)", r, r, rMax, pivots.size(),
                    minimal.stream().map(x -> "(" + x.i() + "," + x.j() + ")").toList());
        }
        return new ExactClassification(cls, true, s, r, rMax, value, loss, reason, pivots, minimal, norms);
    }

    /** {@code W_{top:bottom} = W_top ... W_bottom}; the identity of size {@code d_top} when {@code top = bottom - 1}. */
    private RationalMatrix product(int top, int bottom) {
        if (top == bottom - 1) {
            return RationalMatrix.identity(c.architecture().width(top));
        }
        long key = (long) top << 32 | bottom;
        RationalMatrix cached = products.get(key);
        if (cached == null) {
            cached = top == bottom ? c.layer(top) : c.layer(top).times(product(top - 1, bottom));
            products.put(key, cached);
        }
        return cached;
    }

    private static int firstMissing(int[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                return i + 1;
            }
        }
        return s.length + 1;
    }
}
