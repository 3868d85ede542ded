package io.github.dlnkit.examples;

import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;

/**
 * One reference case of {@code worked-examples.md}: data, a point, the loss convention and what the theory says of it.
 *
 * @param name          short name, e.g. {@code "E4"}
 * @param data          the data set
 * @param point         the point {@code W}
 * @param convention    loss normalisation
 * @param weightDecay   weight decay per layer (empty when none)
 * @param expectedClass the class stated in the reference ({@code GLOBAL_MIN}, {@code STRICT_SADDLE}, ...)
 * @param expectedLoss  the exact loss value
 * @param hessianEigenvalues exact Hessian eigenvalues, ascending
 */
public record WorkedExample(String name, Dataset data, Weights point, LossConvention convention, double[] weightDecay,
                            String expectedClass, double expectedLoss, double[] hessianEigenvalues) {

    /** The loss of this example, with its convention and weight decay. */
    public Loss loss() {
        return Loss.of(data, convention).withWeightDecay(weightDecay);
    }

    /** This example as a case file (moments, point, convention, weight decay). */
    public io.github.dlnkit.io.CaseFile toCaseFile() {
        return io.github.dlnkit.io.CaseFile.of(data, point).withConvention(convention).withWeightDecay(weightDecay)
                .withName(name);
    }
}
