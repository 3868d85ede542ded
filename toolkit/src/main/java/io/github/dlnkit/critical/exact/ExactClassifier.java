package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.critical.Theorem7;
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
 *   <li>the verdict of Theorem 7 by {@link Theorem7#decide}, the rule the double-precision classifier uses.</li>
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
        List<Pivot> pivots = new ArrayList<>();
        List<BigFraction> norms = new ArrayList<>();
        if (CriticalValues.isPrefix(s) && r < rMax) {
            pivots(r, complementProjector(a, r), sxy, pivots, norms);
        }
        Theorem7.Verdict v = Theorem7.decide(s, r, rMax, pivots);
        return new ExactClassification(v.pointClass(), true, s, r, rMax, value, loss, v.reason() + " [exact]", pivots,
                v.minimal(), norms);
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

    /**
     * {@code S = [[1,r]]}, {@code r < r_max}: every {@code (i,j)} with {@code N_ij != 0}, with its exact inner rank
     * and {@code ||N_ij||_F^2}, ordered by {@code (i, j)}.
     */
    private void pivots(int r, RationalMatrix complement, RationalMatrix sxy, List<Pivot> pivots, List<BigFraction> norms) {
        int hc = c.depth();
        RationalMatrix m = sxy.times(complement);
        for (int i = 2; i <= hc; i++) {
            RationalMatrix right = m.times(product(hc, i + 1));
            for (int j = 1; j < i; j++) {
                RationalMatrix n = product(j - 1, 1).times(right);
                if (!n.isZero()) {
                    BigFraction n2 = n.frobeniusSquared();
                    int inner = Bareiss.rank(product(i - 1, j + 1));
                    pivots.add(new Pivot(i, j, Math.sqrt(n2.doubleValue()), inner, inner == r));
                    norms.add(n2);
                }
            }
        }
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
}
