package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalMinimizersTest {
    @Test
    void sampledPointsAreGlobalMinimizers() {
        Random rng = new Random(3);
        for (int t = 0; t < 40; t++) {
            int hc = 1 + rng.nextInt(5);
            int[] d = new int[hc + 1];
            for (int h = 0; h <= hc; h++) {
                d[h] = 1 + rng.nextInt(5);
            }
            if (d[0] < d[hc]) {
                int x = d[0];
                d[0] = d[hc];
                d[hc] = x;
            }
            Architecture a = Architecture.of(d);
            Dataset data = Datasets.gaussian(d[0], d[hc], d[0] + 4, t);
            Weights w = GlobalMinimizers.sample(data, a, t);
            Loss loss = Loss.of(data);
            double min = CriticalValues.of(data, a).minimum();
            assertEquals(min, loss.value(w), 1e-9 * data.traceSyy(), a.toString());
            assertTrue(GlobalMinimizers.isGlobalMinimizer(data, w, 1e-9));
            Classification c = Classifier.classify(data, w, Classifier.Options.builder().hessian(true).build());
            assertEquals(PointClass.GLOBAL_MIN, c.pointClass(), a + " " + c.reason());
            assertTrue(c.hessian().orElseThrow().agrees());
            // a perturbed point is not a minimizer
            assertFalse(GlobalMinimizers.isGlobalMinimizer(data, w.plus(Weights.gaussian(a, 1, t), 1e-3), 1e-9));
        }
    }

    @Test
    void exampleE1IsAMemberAndCompletionReproducesIt() {
        var e1 = WorkedExamples.e1();
        assertTrue(GlobalMinimizers.isGlobalMinimizer(e1.data(), e1.point(), 1e-12));
        assertFalse(GlobalMinimizers.isGlobalMinimizer(e1.data(), WorkedExamples.e3().point(), 1e-6));
        // W_1 of E1 is determined by W_2, W_3 (d_1 = d_x = 2 and W_{3:2} invertible)
        Weights w = GlobalMinimizers.complete(e1.data(), List.of(e1.point().layer(2), e1.point().layer(3)), null);
        assertTrue(MatrixOps.dot(diff(w.layer(1), e1.point().layer(1)), diff(w.layer(1), e1.point().layer(1))) < 1e-20);
    }

    @Test
    void completionRejectsUpperLayersMissingU() {
        Dataset d = WorkedExamples.d1();
        // W_{3:2} of rank 1 cannot contain span(U_*) of dimension 2
        var e = assertThrows(IllegalArgumentException.class, () -> GlobalMinimizers.complete(d,
                List.of(MatrixOps.diag(1, 0), MatrixOps.diag(1, 1)), null));
        assertTrue(e.getMessage().contains("span(U_*)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlobalMinimizers.complete(d, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> GlobalMinimizers.isGlobalMinimizer(d, WorkedExamples.e1().point(), 0));
    }

    private static org.ejml.data.DMatrixRMaj diff(org.ejml.data.DMatrixRMaj a, org.ejml.data.DMatrixRMaj b) {
        org.ejml.data.DMatrixRMaj c = a.copy();
        org.ejml.dense.row.CommonOps_DDRM.subtractEquals(c, b);
        return c;
    }
}
