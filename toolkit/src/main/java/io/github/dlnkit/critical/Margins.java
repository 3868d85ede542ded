package io.github.dlnkit.critical;

/**
 * The evidence behind each kind of decision of a {@link Classification}, in decades (orders of magnitude), always
 * finite and at most {@link #CLEAN}. Each is the smallest over the decisions of its kind:
 * <ul>
 *     <li>gradient: {@code log10(gradientTolerance / relativeGradient)};</li>
 *     <li>association: how far the ratios {@code D_kk / lambda_k} are from the cut at 1/2 compared with their
 *     deviation from 0 or 1, {@code log10(0.5 / deviation)}, and {@code log10(associationTolerance / residual)};</li>
 *     <li>ranks: for {@code rk P = |S|} (given by the theory at a critical point associated with {@code S}) the
 *     ratio {@code sigma_|S| / sigma_{|S|+1}}; for each inner rank, decided by the largest gap of its singular
 *     values, the chosen gap minus the next-best one ({@link GapRule});</li>
 *     <li>pivots: the same for the cut between the {@code N_ij} that are zero and those that are not, each
 *     measured against the norms of the partial products it is made of.</li>
 * </ul>
 * A margin below {@link #FRAGILE} marks the verdict fragile ({@link Classification#confidence()}).
 *
 * @param relativeGradient    {@code max_h ||grad_h L|| / scale_h} (see {@link Criticality})
 * @param gradientDecades     margin of the criticality decision
 * @param associationResidual {@code max |U^T P Sxy U - diag(lambda_k 1[k in S])| / lambda_1} ({@code NaN} when not reached)
 * @param associationDecades  margin of the decisions {@code k in S}
 * @param rankDecades         smallest margin of the ranks ({@code P} and inner blocks)
 * @param pivotDecades        margin of the pivot decisions {@code N_ij != 0}
 */
public record Margins(double relativeGradient, double gradientDecades, double associationResidual,
                      double associationDecades, double rankDecades, double pivotDecades) {
    /** The largest margin reported: 16 decades, about what separates a double-precision zero from 1. */
    public static final double CLEAN = 16;
    /** Below this many decades (a factor 100) a decision is fragile. */
    public static final double FRAGILE = 2;

    /** {@code x} limited to {@code [0, CLEAN]} ({@code NaN} and {@code +Inf} become {@code CLEAN}). */
    public static double cap(double x) {
        if (!(x < CLEAN)) {
            return CLEAN;
        }
        return Math.max(0, x);
    }

    /** The smallest of the margins in decades. */
    public double min() {
        return Math.min(Math.min(gradientDecades, associationDecades), Math.min(rankDecades, pivotDecades));
    }

    /** Whether some decision was within {@code decades} of being decided the other way. */
    public boolean fragile(double decades) {
        return min() < decades;
    }
}
