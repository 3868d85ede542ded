package io.github.dlnkit.critical;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One numerical decision of the classifier and the evidence for it.
 *
 * @param kind     which margin it feeds
 * @param what     the decision in words, e.g. {@code "rk W_{3:2} = 1 (pivot (4,1))"}
 * @param decades  its margin in decades ({@link Margins})
 * @param evidence the numbers behind it, e.g. the two singular values either side of the cut
 */
record Decision(Kind kind, String what, double decades, String evidence) {
    enum Kind { GRADIENT, ASSOCIATION, RANK, PIVOT }

    /** The smallest margin of the given kind ({@link Margins#CLEAN} when there is none). */
    static double min(List<Decision> all, Kind kind) {
        return all.stream().filter(d -> d.kind() == kind).mapToDouble(Decision::decades).min().orElse(Margins.CLEAN);
    }

    /** The weakest decision, if it is fragile. */
    static Optional<Decision> weakest(List<Decision> all) {
        return all.stream().min(Comparator.comparingDouble(Decision::decades)).filter(d -> d.decades() < Margins.FRAGILE);
    }
}
