package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiStartTest {

    @Test
    void whitenedLimitsAreClosedFormCriticalValues() {
        Dataset data = Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
        RegularizedProblem p = RegularizedProblem.of(data, Architecture.of(3, 3, 3, 3), 0.3);
        MultiStart.Result r = MultiStart.run(p, 8, 100, RegularizedGd.Options.builder(0.02, 8000).logEvery(200).build(), null);
        CriticalSet.Result set = CriticalSet.enumerate(p, CriticalSet.Options.builder().hessian(false).build());
        assertEquals(8, r.limits().size());
        assertEquals(8, r.toTable().rowCount());
        for (MultiStart.Limit l : r.limits()) {
            assertTrue(l.gradientNorm() < 1e-10, "start " + l.seed() + ": |grad| " + l.gradientNorm());
            assertTrue(l.balancedness() < 1e-9, "start " + l.seed() + ": balancedness " + l.balancedness());
            double nearest = set.points().stream().mapToDouble(c -> Math.abs(c.value() - l.value())).min().orElseThrow();
            assertTrue(nearest < 1e-10, "limit value " + l.value() + " is no closed-form critical value");
            // GD from random starts avoids strict saddles: the limit is a local minimum of the closed-form set
            assertTrue(set.points().stream().filter(c -> Math.abs(c.value() - l.value()) < 1e-10)
                    .anyMatch(c -> c.classification().isMinimum()), "limit " + l.value());
        }
        assertTrue(r.distinctValues(1e-8).length >= 1);
    }

    @Test
    void nonWhitenedDataStillBalancedAtLimits() {
        Dataset data = Datasets.gaussian(3, 2, 12, 9);
        RegularizedProblem p = RegularizedProblem.of(data, Architecture.of(3, 3, 2), 0.5, 0.8);
        double eta = 0.2 / (data.syxSingularValues()[0] + 10); // Sxx is about 12 I: keep the step small
        MultiStart.Result r = MultiStart.run(p, 4, 1, RegularizedGd.Options.builder(eta, 8000).logEvery(200).build(), null);
        for (MultiStart.Limit l : r.limits()) {
            assertTrue(l.gradientNorm() < 1e-8, "|grad| " + l.gradientNorm());
            assertTrue(l.balancedness() < 1e-7, "balancedness " + l.balancedness());
        }
        assertThrows(IllegalArgumentException.class, () -> MultiStart.run(p, 0, 1, RegularizedGd.Options.of(0.01, 10), null));
    }
}
