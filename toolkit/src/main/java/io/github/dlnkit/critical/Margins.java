package io.github.dlnkit.critical;

/**
 * How close each decision of a {@link Classification} was to its threshold, in decades (orders of magnitude):
 * {@code log10(threshold / quantity)} for "is zero" decisions and {@code log10(quantity / threshold)} for
 * "is non-zero" ones, minimised over the decisions of each kind. A margin below about 1 means a fragile verdict;
 * {@code +Inf} means no decision of that kind was close (e.g. exact zeros).
 *
 * @param relativeGradient    {@code max_h ||grad_h L|| / scale_h} (see {@link Classifier})
 * @param gradientDecades     margin of the criticality decision
 * @param associationResidual {@code max |U^T P Sxy U - diag(lambda_k 1[k in S])| / lambda_1}
 * @param associationDecades  margin of the decision {@code k in S} (distance of {@code D_kk/lambda_k} from 1/2,
 *                            and of the residual from its tolerance)
 * @param rankDecades         smallest margin of the numerical ranks used (of {@code P} and of inner blocks)
 * @param pivotDecades        smallest margin of the pivot decisions {@code N_ij != 0}
 */
public record Margins(double relativeGradient, double gradientDecades, double associationResidual,
                      double associationDecades, double rankDecades, double pivotDecades) {
    /** The smallest of the margins in decades. */
    public double min() {
        return Math.min(Math.min(gradientDecades, associationDecades), Math.min(rankDecades, pivotDecades));
    }

    /** Whether some decision was within {@code decades} of its threshold. */
    public boolean fragile(double decades) {
        return min() < decades;
    }
}
