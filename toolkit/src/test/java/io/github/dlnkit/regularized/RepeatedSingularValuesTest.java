package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repeated singular values of Z add rotation symmetries (regularized.md section 3): the manifold dimension then
 * includes the flag-manifold term, and the Hessian must have exactly that many zeros unless a component is
 * degenerate, including at exact thresholds.
 */
class RepeatedSingularValuesTest {

    @Test
    void classesAndZeroCountsWithRepeatedSingularValues() {
        double[][] zs = {{2, 2, 1}, {2, 2, 2}, {3, 1, 1}, {1.5, 1.5, 0}, {1, 1, 0.5}};
        int[][] widths = {{3, 3, 3}, {3, 2, 3}, {3, 1, 3}, {3, 3, 3, 3}, {3, 2, 3, 3}, {3, 4, 3}, {3, 4, 4, 3}};
        int points = 0;
        for (double[] z : zs) {
            for (int[] w : widths) {
                int depth = w.length - 1;
                double degenerate = ScalarEquation.gMax(depth, 1.0); // z = 1 sits at the threshold (if present)
                for (double lambda : new double[]{0.3, 1.0, degenerate}) {
                    RegularizedProblem p = RegularizedProblem.of(Datasets.diagonal(z), Architecture.of(w), lambda);
                    CriticalSet.Result r = CriticalSet.enumerate(p);
                    boolean anyFailing = false;
                    for (CriticalPoint c : r.points()) {
                        String where = "z = " + Arrays.toString(z) + ", widths " + Arrays.toString(w) + ", lambda = " + lambda
                                + ": " + c + " dim " + c.manifoldDimension() + " " + c.hessian();
                        assertTrue(c.gradientNorm() < 1e-12, where);
                        assertTrue(c.hessianAgrees(), where);
                        anyFailing |= !c.hessian().errorBoundHolds();
                        points++;
                    }
                    assertTrue(ErrorBound.check(p).holds() != anyFailing, "verdict vs Hessian " + Arrays.toString(z)
                            + " " + Arrays.toString(w) + " " + lambda);
                }
            }
        }
        assertTrue(points > 300, "points " + points);
    }
}
