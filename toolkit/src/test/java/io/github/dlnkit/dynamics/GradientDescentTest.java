package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientDescentTest {

    @Test
    void followsTheHandWrittenLoopExactlyAndRecords() {
        Loss loss = Loss.of(WorkedExamples.d2());
        Weights w0 = Weights.gaussian(Architecture.of(3, 3, 3, 3), 0.5, 4);
        Trajectory t = GradientDescent.builder().learningRate(1e-2).steps(50).recordEvery(10)
                .distanceTo(Weights.zeros(w0.architecture())).build().run(loss, w0);
        Weights w = w0;
        for (int k = 0; k < 50; k++) {
            w = w.plus(loss.gradient(w), -1e-2);
        }
        assertTrue(t.end().minus(w).norm() < 1e-12, "same iterates as W - eta grad L(W)");
        assertArrayEquals(new double[]{0, 10, 20, 30, 40, 50}, t.time(), 0.0);
        assertEquals(loss.value(w), t.finalLoss(), 1e-12);
        assertEquals(loss.gradient(w).norm(), t.gradientNorm()[5], 1e-12);
        assertEquals(w.norm(), t.distance()[5], 1e-12);
        assertEquals(Trajectory.StopReason.COMPLETED, t.stopReason());
        assertEquals(50, t.work());
        double[] s = t.singularValues()[5];
        assertEquals(NormOps_DDRM.normF(w.endToEnd()), Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]), 1e-12);
        assertTrue(s[0] >= s[1] && s[1] >= s[2], "descending");
        Table table = t.toTable();
        assertEquals(6, table.rowCount());
        assertEquals(List.of("iteration", "loss", "gradNorm", "distance", "invariantDrift", "sigma_1", "sigma_2", "sigma_3"),
                table.columnNames());
    }

    @Test
    void heavyBallMatchesItsRecursion() {
        Loss loss = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        Weights w0 = Weights.gaussian(Architecture.of(2, 3, 2), 0.5, 9);
        Trajectory t = GradientDescent.builder().learningRate(0.05).momentum(0.8).steps(30).recordEvery(0).build().run(loss, w0);
        Weights w = w0;
        Weights v = Weights.zeros(w0.architecture());
        for (int k = 0; k < 30; k++) {
            v = v.scale(0.8).plus(loss.gradient(w), -0.05);
            w = w.plus(v, 1);
        }
        assertTrue(t.end().minus(w).norm() < 1e-12);
        assertEquals(2, t.size(), "recordEvery 0: start and end");
    }

    @Test
    void lossIsMonotoneBelowTheStepBound() {
        Random rng = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            Dataset data = Dataset.of(RandomMatrices.gaussian(3, 8, 1, rng), RandomMatrices.gaussian(2, 8, 1, rng));
            Loss loss = Loss.of(data, trial % 2 == 0 ? LossConvention.SUM : LossConvention.HALF);
            Weights w0 = Weights.gaussian(Architecture.of(3, 4, 4, 2), 0.5, trial);
            StepSizes.Bound b = StepSizes.at(loss, w0);
            Trajectory t = GradientDescent.builder().learningRate(0.5 * b.safe()).steps(400).build().run(loss, w0);
            for (int k = 1; k < t.size(); k++) {
                assertTrue(t.loss()[k] <= t.loss()[k - 1] + 1e-14 * t.loss()[0], "trial " + trial + " step " + k);
            }
            assertTrue(t.finalLoss() < t.loss()[0]);
        }
    }

    @Test
    void stepBoundIsTheLargestHessianEigenvalue() {
        Loss loss = Loss.of(WorkedExamples.d2());
        Weights w = Weights.gaussian(Architecture.of(3, 3, 3, 3), 0.6, 2);
        DMatrixRMaj hess = loss.hessian(w);
        double[] ev = io.github.dlnkit.spectrum.DenseSpectrum.of(hess, 1e-9).eigenvalues();
        double ell = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
        assertEquals(ell, StepSizes.at(loss, w).smoothness(), 1e-6 * ell);
    }

    @Test
    void stopsAtTheFirstIterateBelowTheThreshold() {
        Loss loss = Loss.of(WorkedExamples.d2());
        Weights w0 = Weights.gaussian(Architecture.of(3, 3, 3, 3), 0.5, 4);
        Trajectory full = GradientDescent.builder().learningRate(1e-2).steps(3000).build().run(loss, w0);
        double threshold = 0.5 * (full.loss()[0] + full.finalLoss());
        int first = 0;
        while (full.loss()[first] >= threshold) {
            first++;
        }
        Trajectory t = GradientDescent.builder().learningRate(1e-2).steps(3000).recordEvery(0).stopBelow(threshold)
                .build().run(loss, w0);
        assertEquals(Trajectory.StopReason.BELOW_THRESHOLD, t.stopReason());
        assertEquals(first, (long) t.finalTime());
        assertEquals(full.loss()[first], t.finalLoss(), 0.0);
    }

    @Test
    void divergenceSaysTheStepIsTooLargeAndGivesABound() {
        Loss loss = Loss.of(WorkedExamples.d2());
        Weights w0 = Weights.gaussian(Architecture.of(3, 3, 3, 3), 1.0, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradientDescent.run(loss, w0, 1.0, 1000));
        assertTrue(e.getMessage().contains("step is too large") && e.getMessage().contains("eta < 2/ell"), e.getMessage());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().learningRate(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().learningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().momentum(1));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().steps(-1));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.builder().recordEvery(-2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradientDescent.builder().build());
        assertTrue(e.getMessage().contains("learning rate"));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.run(Loss.of(WorkedExamples.d2()), Weights.gaussian(Architecture.of(2, 2), 1, 1), 0.1, 1));
        assertTrue(a.getMessage().contains("d_x = 3"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> StepSizes.at(null, Weights.gaussian(Architecture.of(3, 3), 1, 1)));
        assertTrue(a.getMessage().contains("loss and a point W"), a.getMessage());
    }

    @Test
    void csvExportRoundTrips(@TempDir Path dir) throws Exception {
        Loss loss = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        Trajectory t = GradientDescent.run(loss, Weights.gaussian(Architecture.of(2, 2, 2), 0.5, 1), 0.05, 20);
        Path f = dir.resolve("sub/t.csv");
        t.writeCsv(f);
        List<String> lines = Files.readAllLines(f);
        assertEquals(22, lines.size());
        assertTrue(lines.get(0).startsWith("iteration,loss,gradNorm,invariantDrift,sigma_1,sigma_2"), lines.get(0));
        assertEquals(t.finalLoss(), Double.parseDouble(lines.get(21).split(",")[1]), 1e-12 * t.finalLoss());
    }

    @Test
    void invariantsChangeByTheExactGdFormula() {
        Random rng = new Random(3);
        Dataset data = Dataset.of(RandomMatrices.gaussian(3, 7, 1, rng), RandomMatrices.gaussian(2, 7, 1, rng));
        Loss loss = Loss.of(data);
        for (int trial = 0; trial < 30; trial++) {
            Weights w = Weights.gaussian(Architecture.of(3, 4, 5, 2), 0.6, trial);
            double eta = 1e-2 * (1 + trial % 3);
            Weights g = loss.gradient(w);
            Weights next = w.plus(g, -eta);
            List<DMatrixRMaj> c0 = Invariants.of(w);
            List<DMatrixRMaj> c1 = Invariants.of(next);
            List<DMatrixRMaj> dc = Invariants.gdStepChange(g, eta);
            for (int j = 0; j < c0.size(); j++) {
                DMatrixRMaj actual = c1.get(j).copy();
                CommonOps_DDRM.subtractEquals(actual, c0.get(j));
                CommonOps_DDRM.subtractEquals(actual, dc.get(j));
                assertTrue(NormOps_DDRM.normF(actual) < 1e-12 * (1 + NormOps_DDRM.normF(c0.get(j))), "trial " + trial);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Invariants.of(Weights.gaussian(Architecture.of(2, 2, 2), 1, 1), 2));
        Weights w = Weights.gaussian(Architecture.of(2, 2, 2), 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Invariants.of(null));
        assertTrue(e.getMessage().contains("W (got null)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Invariants.drift(w, null));
        assertTrue(e.getMessage().contains("now (got null)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Invariants.gdStepChange(w, Double.NaN));
        assertTrue(e.getMessage().contains("eta must be finite, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Invariants.drift(w, Weights.gaussian(Architecture.of(2, 3, 2), 1, 1)));
        assertTrue(e.getMessage().contains("same widths"), e.getMessage());
    }
}
