package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.critical.PointClass;
import org.hipparchus.fraction.BigFraction;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The verdict of {@link ExactClassifier}: the same decisions as a double-precision
 * {@link io.github.dlnkit.critical.Classification} (Theorem 7 with the {@code N_ij} pivot rule), each taken in exact
 * rational arithmetic, so there are no tolerances and no margins: every zero is an exact zero.
 *
 * @param pointClass        the class ({@link PointClass#NOT_CRITICAL} when some gradient entry is non-zero)
 * @param critical          {@code grad L(W) = 0} exactly
 * @param S                 1-based learned eigen-directions (empty when not critical)
 * @param r                 {@code rk(W_{H:1})}, exact (-1 when not critical)
 * @param rMax              {@code min_h d_h}
 * @param value             the critical value {@code tr Syy - sum_{k in S} lambda_k = tr Syy - tr(P Sxy)}, plain sum
 *                          ({@code null} when not critical)
 * @param loss              {@code L(W)}, plain sum
 * @param reason            why this class, in words
 * @param pivots            every pivot (only when {@code S = [[1,r]]}, {@code r < r_max}), ordered by {@code (i, j)};
 *                          {@code norm} is {@code ||N_ij||_F} rounded to a double
 * @param minimalPivots     the minimal pivots (Definition 6)
 * @param pivotNormsSquared {@code ||N_ij||_F^2} exactly, in the order of {@code pivots}
 */
public record ExactClassification(PointClass pointClass, boolean critical, int[] S, int r, int rMax, BigFraction value,
                                  BigFraction loss, String reason, List<Pivot> pivots, List<Pivot> minimalPivots,
                                  List<BigFraction> pivotNormsSquared) {
    public ExactClassification {
        S = S.clone();
        pivots = List.copyOf(pivots);
        minimalPivots = List.copyOf(minimalPivots);
        pivotNormsSquared = List.copyOf(pivotNormsSquared);
    }

    @Override
    public int[] S() {
        return S.clone();
    }

    /** Always {@code true}: every decision was taken in exact arithmetic. */
    public boolean exact() {
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "class       %s  (exact)%n", pointClass));
        sb.append(String.format(Locale.ROOT, "reason      %s%n", reason));
        if (critical) {
            sb.append(String.format(Locale.ROOT, "S           %s  (r = %d, r_max = %d)%n", CriticalValues.setText(S), r, rMax));
            sb.append(String.format(Locale.ROOT, "value       %s = %.12g  (plain sum)%n", RationalMatrix.text(value),
                    value.doubleValue()));
            if (!pivots.isEmpty()) {
                sb.append("pivots      ").append(pivots.stream().map(p -> "(" + p.i() + "," + p.j() + ")"
                        + (p.tightened() ? "" : "*")).collect(Collectors.joining(" "))).append("   (* = not tightened)\n");
                sb.append("minimal     ").append(minimalPivots.stream().map(p -> "(" + p.i() + "," + p.j() + ")")
                        .collect(Collectors.joining(" "))).append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "loss        %s = %.12g  (plain sum)%n", RationalMatrix.text(loss),
                loss.doubleValue()));
        return sb.toString();
    }
}
