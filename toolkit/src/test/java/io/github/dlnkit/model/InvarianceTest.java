package io.github.dlnkit.model;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hidden change of basis {@code W_h -> G_h W_h G_{h-1}^{-1}}: the end-to-end map and the loss are invariant; the
 * gradient transforms as {@code g_h -> G_h^{-T} g_h G_{h-1}^T}, so critical points stay critical; the Hessian
 * inertia at a critical point is preserved (Sylvester).
 */
class InvarianceTest {

    @Test
    void lossAndEndToEndInvariantOnRandomPoints() {
        Random rng = new Random(7);
        for (int rep = 0; rep < 40; rep++) {
            int depth = 1 + rng.nextInt(5);
            int[] d = new int[depth + 1];
            for (int h = 0; h <= depth; h++) {
                d[h] = 1 + rng.nextInt(4);
            }
            Loss loss = Loss.of(Datasets.gaussian(d[0], d[depth], 6, rep));
            Weights w = Weights.gaussian(Architecture.of(d), 1, rep);
            Weights v = w.randomChangeOfBasis(1.0, rep + 100);
            assertArrayEquals(w.endToEnd().data, v.endToEnd().data, 1e-10);
            assertEquals(loss.value(w), loss.value(v), 1e-9 * Math.max(1, loss.value(w)));
        }
    }

    @Test
    void gradientTransformsCovariantly() {
        Random rng = new Random(11);
        for (int rep = 0; rep < 20; rep++) {
            int[] d = {2 + rng.nextInt(2), 3, 2 + rng.nextInt(3), 2};
            Loss loss = Loss.of(Datasets.gaussian(d[0], d[3], 8, rep));
            Weights w = Weights.gaussian(Architecture.of(d), 1, rep);
            DMatrixRMaj g1 = RandomMatrices.orthonormal(3, 3, rng);
            DMatrixRMaj g2 = RandomMatrices.gaussian(d[2], d[2], 1, rng);
            for (int i = 0; i < d[2]; i++) {
                g2.add(i, i, 3);
            }
            Weights v = w.changeOfBasis(java.util.List.of(g1, g2));
            Weights gw = loss.gradient(w);
            Weights gv = loss.gradient(v);
            // g_1' = G_1^{-T} g_1 : check G_1^T g_1' = g_1
            DMatrixRMaj lhs = new DMatrixRMaj(3, d[0]);
            org.ejml.dense.row.CommonOps_DDRM.multTransA(g1, gv.layer(1), lhs);
            assertArrayEquals(gw.layer(1).data, lhs.data, 1e-9);
            // g_3' = g_3 G_2^T
            DMatrixRMaj rhs = new DMatrixRMaj(d[3], d[2]);
            org.ejml.dense.row.CommonOps_DDRM.multTransB(gw.layer(3), g2, rhs);
            assertArrayEquals(rhs.data, gv.layer(3).data, 1e-9);
        }
    }

    @Test
    void criticalPointsStayCriticalWithSameInertia() {
        for (WorkedExample ex : WorkedExamples.achour()) {
            Weights v = ex.point().randomChangeOfBasis(0.7, 5);
            Loss loss = ex.loss();
            assertEquals(ex.expectedLoss(), loss.value(v), 1e-9);
            for (double g : loss.gradient(v).toVector()) {
                assertEquals(0, g, 1e-9, ex.name());
            }
            DenseSpectrum a = DenseSpectrum.of(loss.hessian(ex.point()), 1e-8);
            DenseSpectrum b = DenseSpectrum.of(loss.hessian(v), 1e-8);
            assertEquals(a.negativeCount(), b.negativeCount(), ex.name() + " negative eigenvalues");
            assertEquals(a.zeroCount(), b.zeroCount(), ex.name() + " zero eigenvalues");
        }
    }
}
