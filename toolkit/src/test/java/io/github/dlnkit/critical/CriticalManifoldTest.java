package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CriticalManifold}: Newton polishing onto the critical set and its measured local dimension. */
class CriticalManifoldTest {

    @Test
    void globalMinimaOfOneHiddenLayerFormAManifoldOfDimensionLemmaThree() {
        for (double scale : new double[]{1e-3, 1, 1e3}) {
            Dataset base = Datasets.gaussian(4, 2, 9, 2);
            Dataset data = Dataset.fromMoments(times(base.sxx(), scale), times(base.syx(), scale), times(base.syy(), scale));
            Loss loss = Loss.of(data);
            Weights w = CriticalPoints.builder(data, Architecture.of(4, 3, 2)).changeOfBasis(7).build();
            CriticalManifold.LocalDimension m = CriticalManifold.localDimension(loss, w, 40, 3);
            // D_C^{d_y} = 2 d_1 d_y - d_y^2 + (d_1 - d_y)(d_x - d_y) = 12 - 4 + 2 = 10
            assertEquals(10, m.dimension(), "scale " + scale);
            assertTrue(m.zeroEigenspaceIsTangent(), "scale " + scale);
        }
    }

    @Test
    void polishReturnsAPerturbedSaddleToTheCriticalSet() {
        Dataset data = Datasets.gaussian(3, 2, 8, 5);
        Loss loss = Loss.of(data);
        Weights w = CriticalPoints.builder(data, Architecture.of(3, 2, 2)).S(1).changeOfBasis(2).build();
        Weights near = w.plus(Weights.gaussian(w.architecture(), 1, 4), 1e-4);
        CriticalManifold.Polished p = CriticalManifold.polish(loss, near);
        assertTrue(p.converged(), p.toString());
        assertTrue(p.point().minus(w).norm() < 1e-3, p.toString());
        assertEquals(loss.value(w), loss.value(p.point()), 1e-10 * loss.value(w));
        assertTrue(Classifier.classify(data, p.point()).critical());
    }

    @Test
    void aNonStrictSaddleIsNotClean() {
        Dataset data = Datasets.gaussian(2, 2, 8, 5);
        Loss loss = Loss.of(data);
        Weights w = CriticalPoints.nonStrictSaddle(data, Architecture.of(2, 2, 2, 2), 1);
        CriticalManifold.LocalDimension m = CriticalManifold.localDimension(loss, w, 20, 1);
        assertFalse(m.zeroEigenspaceIsTangent(), "kernel larger than the tangent of the critical set");
        assertTrue(m.converged() < m.samples());
        assertThrows(IllegalArgumentException.class, () -> CriticalManifold.localDimension(loss, w, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> CriticalManifold.polish(loss, w, 13));
    }

    private static org.ejml.data.DMatrixRMaj times(org.ejml.data.DMatrixRMaj m, double s) {
        org.ejml.data.DMatrixRMaj c = m.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(s * s, c);
        return c;
    }
}
