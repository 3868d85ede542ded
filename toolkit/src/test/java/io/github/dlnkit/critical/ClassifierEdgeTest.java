package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Non-critical points, assumption-H violations, bad input and tolerance edges. */
class ClassifierEdgeTest {
    @Test
    void randomPointsAreNotCritical() {
        Dataset d = WorkedExamples.d1();
        for (long seed = 0; seed < 20; seed++) {
            Weights w = Weights.gaussian(Architecture.of(2, 3, 2, 2), 1.0, seed);
            Classification c = Classifier.classify(d, w, Classifier.Options.builder().hessian(true).build());
            assertEquals(PointClass.NOT_CRITICAL, c.pointClass());
            assertFalse(c.critical());
            assertEquals(0, c.S().length);
            assertTrue(Double.isNaN(c.value()));
            assertTrue(c.reason().contains("not a critical point"), c.reason());
            assertTrue(c.margins().relativeGradient() > 1e-8);
            assertEquals(HessianCheck.Outcome.NOT_APPLICABLE, c.hessian().orElseThrow().outcome());
            assertFalse(c.hessianDisagrees());
        }
    }

    @Test
    void perturbationMovesAcrossTheGradientThreshold() {
        Dataset d = WorkedExamples.d1();
        Weights e3 = WorkedExamples.e3().point();
        Weights dir = Weights.gaussian(e3.architecture(), 1.0, 5);
        // small perturbation: not critical at the default tolerances, critical (and fragile) at loose ones
        Weights near = e3.plus(dir, 1e-6);
        Classification strictTol = Classifier.classify(d, near);
        assertEquals(PointClass.NOT_CRITICAL, strictTol.pointClass(), strictTol.reason());
        Classification loose = Classifier.classify(d, near, Classifier.Options.builder().gradientTolerance(1e-4)
                .rankTolerance(1e-4).pivotTolerance(1e-4).associationTolerance(1e-3).build());
        assertEquals(PointClass.NON_STRICT_SADDLE, loose.pointClass(), loose.reason());
        // the margins are the evidence: a relative gradient ~1e-7 against 1e-4 is 3 decades, and the perturbed zeros
        // (~1e-6 of the kept singular values) leave about 3.5 decades between kept and dropped values
        assertTrue(loose.margins().gradientDecades() < 3.5, "margin reports the closeness: " + loose.margins());
        assertTrue(loose.margins().rankDecades() < 5, loose.margins().toString());
        assertTrue(loose.margins().fragile(4));
        // a much smaller perturbation passes the default tolerances, with a visible (finite) gradient margin
        Classification tiny = Classifier.classify(d, e3.plus(dir, 1e-12));
        assertEquals(PointClass.NON_STRICT_SADDLE, tiny.pointClass());
        assertTrue(tiny.margins().gradientDecades() < 6, tiny.margins().toString());
        // exact point: large margins
        assertTrue(Classifier.classify(d, e3).margins().min() > 5);
    }

    @Test
    void scaleOfTheDataDoesNotChangeVerdicts() {
        for (double scale : new double[]{1e-6, 1, 1e6}) {
            Dataset d = Dataset.fromMoments(times(WorkedExamples.d1().sxx(), scale), times(WorkedExamples.d1().syx(), scale),
                    times(WorkedExamples.d1().syy(), scale));
            for (var e : WorkedExamples.achour()) {
                if (e.data().inputDim() != 2 || e.point().depth() != 3 || e.data().outputDim() != 2) {
                    continue;
                }
                // same OLS map, so the same points are critical; classes are unchanged
                assertEquals(e.expectedClass(), Classifier.classify(d, e.point()).pointClass().name(), e.name() + " x" + scale);
            }
        }
    }

    @Test
    void assumptionHViolationsAreRejected() {
        Weights w = Weights.zeros(Architecture.of(2, 2, 2, 2));
        Dataset repeated = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(1, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Classifier.classify(repeated, w));
        assertTrue(e.getMessage().contains("repeated eigenvalues"), e.getMessage());
        Dataset singular = Dataset.of(new double[][]{{1, 1}, {1, 1}}, new double[][]{{1, 0}, {0, 1}});
        assertTrue(assertThrows(IllegalStateException.class, () -> Classifier.classify(singular, w)).getMessage().contains("Sxx"));
        Dataset rankDeficient = Dataset.of(new double[][]{{1, 0}, {0, 1}}, new double[][]{{1, 0}, {1, 0}});
        assertTrue(assertThrows(IllegalStateException.class, () -> Classifier.classify(rankDeficient, w)).getMessage().contains("row rank"));
    }

    @Test
    void badInputGetsClearMessages() {
        Dataset d = WorkedExamples.d1();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classifier.classify(d, Weights.zeros(Architecture.of(3, 2, 2))));
        assertTrue(e.getMessage().contains("d_x = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Classifier.Options.builder().rankTolerance(0));
        assertThrows(IllegalArgumentException.class, () -> Classifier.Options.builder().gradientTolerance(2));
        assertThrows(IllegalArgumentException.class, () -> Classifier.Options.builder().maxHessianParameters(0));
        Weights big = CriticalPoints.globalMinimizer(d, Architecture.of(2, 30, 30, 2));
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () -> Classifier.classify(d, big,
                Classifier.Options.builder().hessian(true).maxHessianParameters(100).build()));
        assertTrue(h.getMessage().contains("maxHessianParameters"), h.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PointClass.parse("saddle"));
        assertEquals(PointClass.NON_STRICT_SADDLE, PointClass.parse("non-strict"));
    }

    @Test
    void witnessesAreGenuine() {
        Dataset d = Datasets.gaussian(4, 3, 9, 2);
        Architecture a = Architecture.of(4, 5, 4, 5, 3);
        Weights ns = CriticalPoints.builder(d, a).S(1).pointClass(PointClass.NON_STRICT_SADDLE).changeOfBasis(3).build();
        Witness w = Classifier.classify(d, ns).witness().orElseThrow();
        double l0 = io.github.dlnkit.model.Loss.of(d).value(ns);
        // the polynomial matches the loss along the curve, and the loss really drops
        for (double t : new double[]{-0.3, 0.01, 0.1, 0.4}) {
            assertEquals(io.github.dlnkit.model.Loss.of(d).value(ns.plus(w.direction(), t)), w.lossAt(t), 1e-9 * (1 + l0));
        }
        double t = 1e-2;
        assertTrue(w.lossAt(t) < l0, w.toString());
        assertTrue(w.order() >= 3);
        Weights st = CriticalPoints.builder(d, a).S(2, 3).changeOfBasis(3).build();
        Witness sw = Classifier.classify(d, st).witness().orElseThrow();
        assertEquals("rotation", sw.kind());
        assertTrue(sw.curvature() < 0);
        assertTrue(io.github.dlnkit.model.Loss.of(d).value(st.plus(sw.direction(), 1e-3)) < io.github.dlnkit.model.Loss.of(d).value(st));
        assertEquals(List.of(), Classifier.classify(d, st).pivots());
    }

    private static org.ejml.data.DMatrixRMaj times(org.ejml.data.DMatrixRMaj m, double s) {
        org.ejml.data.DMatrixRMaj c = m.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(s, c);
        return c;
    }
}
