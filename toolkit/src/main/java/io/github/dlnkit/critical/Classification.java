package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The verdict of {@link Classifier} for one point: Theorem 7 of {@code achour2024.md} (section 7) with the
 * derived pivot rule of section 6.
 *
 * @param pointClass    the class ({@link PointClass#NOT_CRITICAL} when the gradient does not vanish)
 * @param critical      whether {@code W} is first-order critical (and associated with some {@code S})
 * @param S             1-based learned eigen-directions (empty when not critical)
 * @param r             {@code rk(W_{H:1})} (numerical; -1 when not critical)
 * @param rMax          {@code r_max = min_h d_h}
 * @param value         the critical value {@code tr Syy - sum_{i in S} lambda_i} (plain sum; NaN when not critical)
 * @param loss          {@code L(W)} (plain sum)
 * @param reason        why this class, in words
 * @param pivots        every pivot (only when {@code S = [[1,r]]} and {@code r < r_max}, else empty), ordered by {@code (i, j)}
 * @param minimalPivots the minimal pivots (Definition 6)
 * @param margins       the evidence of each kind of decision, in decades
 * @param confidence    {@link Confidence#FRAGILE} when some decision had less than {@link Margins#FRAGILE} decades
 * @param fragile       when fragile: the weakest decision, its evidence and what would settle it; else empty
 * @param witness       a checked certificate that a saddle is not a minimum, when requested and found
 * @param hessian       the dense Hessian cross-check, when requested
 * @param architecture  the widths
 */
public record Classification(PointClass pointClass, boolean critical, int[] S, int r, int rMax, double value,
                             double loss, String reason, List<Pivot> pivots, List<Pivot> minimalPivots,
                             Margins margins, Confidence confidence, String fragile, Optional<Witness> witness, Optional<HessianCheck> hessian,
                             Architecture architecture) {
    public Classification {
        S = S.clone();
        pivots = List.copyOf(pivots);
        minimalPivots = List.copyOf(minimalPivots);
    }

    @Override
    public int[] S() {
        return S.clone();
    }

    /** Smallest Hessian eigenvalue, when the cross-check was run. */
    public OptionalDouble hessianMin() {
        return hessian.map(h -> OptionalDouble.of(h.min())).orElse(OptionalDouble.empty());
    }

    /** Whether the Hessian cross-check disagrees with the verdict (false when it was not run, undecidable or not applicable). */
    public boolean hessianDisagrees() {
        return hessian.map(h -> h.outcome() == HessianCheck.Outcome.DISAGREES).orElse(false);
    }

    /** The pivots that are not tightened. */
    public List<Pivot> untightenedPivots() {
        return pivots.stream().filter(p -> !p.tightened()).toList();
    }

    /** {@code S = [[1, r]]}. */
    public boolean prefix() {
        return CriticalValues.isPrefix(S);
    }

    /** One row per pivot: {@code i}, {@code j}, {@code norm} ({@code ||N_ij||_F}), {@code innerRank}, {@code tightened}, {@code minimal}. */
    public Table toTable() {
        IntColumn ci = IntColumn.create("i");
        IntColumn cj = IntColumn.create("j");
        DoubleColumn cn = DoubleColumn.create("norm");
        IntColumn cr = IntColumn.create("innerRank");
        BooleanColumn ct = BooleanColumn.create("tightened");
        BooleanColumn cm = BooleanColumn.create("minimal");
        for (Pivot p : pivots) {
            ci.append(p.i());
            cj.append(p.j());
            cn.append(p.norm());
            cr.append(p.innerRank());
            ct.append(p.tightened());
            cm.append(minimalPivots.contains(p));
        }
        return Table.create("pivots " + pointClass + " " + CriticalValues.setText(S), ci, cj, cn, cr, ct, cm);
    }

    private static String outcomeText(HessianCheck h) {
        return switch (h.outcome()) {
            case AGREES -> "agrees";
            case DISAGREES -> "DISAGREES";
            case UNDECIDABLE -> "undecidable in double precision (min between -threshold and -10 rounding)";
            case NOT_APPLICABLE -> "not applicable (not a critical point)";
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "class       %s%n", pointClass));
        sb.append(String.format(Locale.ROOT, "reason      %s%n", reason));
        if (critical) {
            sb.append(String.format(Locale.ROOT, "S           %s  (r = %d, r_max = %d)%n", CriticalValues.setText(S), r, rMax));
            sb.append(String.format(Locale.ROOT, "value       %.12g  (loss %.12g, plain sum)%n", value, loss));
            if (!pivots.isEmpty()) {
                sb.append("pivots      ").append(pivots.stream().map(p -> "(" + p.i() + "," + p.j() + ")"
                        + (p.tightened() ? "" : "*")).collect(Collectors.joining(" "))).append("   (* = not tightened)\n");
                sb.append("minimal     ").append(minimalPivots.stream().map(p -> "(" + p.i() + "," + p.j() + ")")
                        .collect(Collectors.joining(" "))).append('\n');
            }
        } else {
            sb.append(String.format(Locale.ROOT, "loss        %.12g (plain sum)%n", loss));
        }
        sb.append(String.format(Locale.ROOT, "margins     gradient %.1f (rel. %.2e), association %.1f, ranks %.1f, pivots %.1f decades%n",
                margins.gradientDecades(), margins.relativeGradient(), margins.associationDecades(),
                margins.rankDecades(), margins.pivotDecades()));
        sb.append("confidence  ").append(confidence).append(fragile.isEmpty() ? "" : ": " + fragile).append('\n');
        witness.ifPresent(w -> sb.append("witness     ").append(w).append('\n'));
        hessian.ifPresent(h -> sb.append(String.format(Locale.ROOT,
                "Hessian     min %.6g, max %.6g, %d negative, %d zero (threshold %.2g, rounding %.2g): %s%n", h.min(),
                h.max(), h.negativeCount(), h.zeroCount(), h.threshold(), h.rounding(), outcomeText(h))));
        return sb.toString();
    }
}
