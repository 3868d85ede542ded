package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientFlowTest {

    /** Scalar balanced flow {@code a' = a (s - a^2)}: {@code b = a^2} is logistic, {@code b(t) = s b0 e^{2st} / (s + b0 (e^{2st} - 1))}. */
    private static double exactB(double s, double b0, double t) {
        double e = Math.exp(2 * s * t);
        return s * b0 * e / (s + b0 * (e - 1));
    }

    @Test
    void matchesTheClosedFormScalarFlow() {
        double s = 2;
        Loss loss = Loss.of(Dataset.of(MatrixOps.diag(1), MatrixOps.diag(s)), LossConvention.HALF);
        double a0 = 0.1;
        Weights w0 = Weights.of(MatrixOps.diag(a0), MatrixOps.diag(a0));
        Trajectory t = GradientFlow.builder().time(4).records(40).build().run(loss, w0);
        assertEquals(41, t.size());
        for (int i = 0; i < t.size(); i++) {
            double b = exactB(s, a0 * a0, t.time()[i]);
            assertEquals(0.5 * (s - b) * (s - b), t.loss()[i], 1e-10, "t = " + t.time()[i]);
            assertEquals(b, t.singularValues()[i][0], 1e-10);
        }
        assertEquals(Trajectory.StopReason.COMPLETED, t.stopReason());
        assertTrue(t.work() > 0);
    }

    @Test
    void stopsExactlyAtTheThreshold() {
        double s = 2;
        Loss loss = Loss.of(Dataset.of(MatrixOps.diag(1), MatrixOps.diag(s)), LossConvention.HALF);
        Weights w0 = Weights.of(MatrixOps.diag(0.1), MatrixOps.diag(0.1));
        Trajectory t = GradientFlow.builder().time(10).records(10).stopBelow(1.0).build().run(loss, w0);
        assertEquals(Trajectory.StopReason.BELOW_THRESHOLD, t.stopReason());
        assertEquals(1.0, t.finalLoss(), 1e-9);
        // exact crossing: b = s - sqrt(2) ; solve the logistic for t
        double b0 = 0.01;
        double b = s - Math.sqrt(2);
        double tStar = Math.log(b * (s - b0) / (b0 * (s - b))) / (2 * s);
        assertEquals(tStar, t.finalTime(), 1e-8);
    }

    @Test
    void conservesLiaosInvariantsToIntegratorTolerance() {
        Random rng = new Random(11);
        double worst = 0;
        for (int trial = 0; trial < 6; trial++) {
            Dataset data = Datasets.whitened(3, 3, 30, 11 + trial);
            double scale = 1 / data.eigenvalues()[0];
            Loss loss = Loss.of(Dataset.fromMoments(scaled(data.sxx(), scale), scaled(data.syx(), scale),
                    scaled(data.syy(), scale)), trial % 2 == 0 ? LossConvention.HALF : LossConvention.SUM);
            Weights w0 = Weights.gaussian(Architecture.of(3, 4, 4, 4, 3), 0.5, rng.nextLong());
            Trajectory t = GradientFlow.builder().time(3).records(30).build().run(loss, w0);
            assertTrue(t.finalLoss() < t.loss()[0]);
            worst = Math.max(worst, t.maxInvariantDrift());
            assertEquals(t.maxInvariantDrift(), Math.max(t.maxInvariantDrift(), Invariants.drift(w0, t.end())));
        }
        assertTrue(worst < 1e-8, "worst relative drift " + worst);
    }

    @Test
    void gdDriftShrinksWithTheStepWhileTheFlowKeepsIt() {
        Dataset data = Datasets.whitened(3, 3, 30, 11);
        double scale = 1 / data.eigenvalues()[0];
        Loss loss = Loss.of(Dataset.fromMoments(scaled(data.sxx(), scale), scaled(data.syx(), scale),
                scaled(data.syy(), scale)), LossConvention.HALF);
        Weights w0 = Weights.gaussian(Architecture.of(3, 4, 4, 4, 3), 0.5, 3);
        double previous = Double.POSITIVE_INFINITY;
        for (double eta : new double[]{0.02, 0.01, 0.005}) {
            Trajectory gd = GradientDescent.builder().learningRate(eta).steps(Math.round(2 / eta)).recordEvery(0).build().run(loss, w0);
            double drift = Invariants.drift(w0, gd.end());
            assertTrue(drift < previous && drift > 0, "eta " + eta + ": " + drift);
            if (previous < Double.POSITIVE_INFINITY) {
                assertEquals(0.5, drift / previous, 0.1, "drift ~ eta over a fixed time");
            }
            previous = drift;
        }
        double flow = GradientFlow.run(loss, w0, 2).maxInvariantDrift();
        assertTrue(flow < 1e-3 * previous, "flow drift " + flow + " vs GD " + previous);
    }

    @Test
    void badInputs() {
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.builder().time(0));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.builder().time(-1));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.builder().records(0));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.builder().recordAt(0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.builder().tolerances(0, 1e-9));
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> GradientFlow.builder().tolerances(1e-9, Double.POSITIVE_INFINITY));
        assertTrue(t.getMessage().contains("rel Infinity"), t.getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientFlow.builder().build());
        assertTrue(e.getMessage().contains("time span"));
    }

    private static org.ejml.data.DMatrixRMaj scaled(org.ejml.data.DMatrixRMaj m, double s) {
        org.ejml.data.DMatrixRMaj c = m.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(s, c);
        return c;
    }
}
