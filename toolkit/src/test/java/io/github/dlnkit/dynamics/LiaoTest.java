package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LiaoH1} (dimension counts) and {@link RemarkOneRate} (exponential rate, corrected constant). */
class LiaoTest {

    @Test
    void lemmaThreeDimensionEqualsTheHessianKernelOnConstructedCriticalPoints() {
        int checked = 0;
        for (int[] d : new int[][]{{2, 2, 2}, {4, 3, 2}, {5, 4, 3}, {3, 3, 1}, {4, 4, 2}}) {
            Architecture arch = Architecture.of(d);
            Dataset data = Datasets.gaussian(d[0], d[2], 12, 7 + d[0]);
            Loss loss = Loss.of(data);
            int dy = d[2];
            for (int mask = 0; mask < (1 << dy); mask++) {
                final int m = mask;
                int[] s = IntStream.range(0, dy).filter(k -> (m >> k & 1) == 1).map(k -> k + 1).toArray();
                Weights w = CriticalPoints.builder(data, arch).S(s).changeOfBasis(3 + mask).build();
                DenseSpectrum sp = DenseSpectrum.of(loss.hessian(w), 1e-9);
                int r = s.length;
                // the critical manifold is clean (Morse-Bott): its tangent space is exactly the Hessian kernel
                assertEquals(LiaoH1.criticalSetDimension(arch, r), sp.zeroCount(), arch + " S " + java.util.Arrays.toString(s));
                assertEquals(r < dy, sp.negativeCount() > 0, "saddles below full rank (Prop. 2(iii))");
                checked++;
            }
        }
        assertEquals(4 + 4 + 8 + 2 + 4, checked);
    }

    @Test
    void stratumCountsAndCodimensionAtLeastTwo() {
        Architecture arch = Architecture.of(5, 4, 3);
        List<LiaoH1.Stratum> s = LiaoH1.strata(arch);
        assertEquals(4, s.size());
        assertEquals(List.of(1L, 3L, 3L, 1L), s.stream().map(LiaoH1.Stratum::pieces).toList());
        // D_C^r = 2 d1 r - r^2 + (d1 - r)(dx - dy): 8, 13, 16, 17
        assertEquals(List.of(8, 13, 16, 17), s.stream().map(LiaoH1.Stratum::criticalSetDimension).toList());
        for (LiaoH1.Stratum x : s.subList(0, 3)) {
            assertEquals((3 - x.r()) * (4 - x.r()) + 1, x.codimension());
            assertTrue(x.codimension() >= 2);
            assertEquals(arch.parameterCount(), x.criticalSetDimension() + x.basinBound() + x.codimension());
        }
        assertEquals(4, LiaoH1.toTable(arch).rowCount());
        assertThrows(IllegalArgumentException.class, () -> LiaoH1.strata(Architecture.of(2, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> LiaoH1.strata(Architecture.of(3, 3, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> LiaoH1.criticalSetDimension(arch, 4));
    }

    @Test
    void remarkOneRateIsTightWhenCZeroDominates() {
        Loss loss = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        Random rng = new Random(6);
        for (int i = 0; i < 3; i++) {
            Weights w = Weights.of(RandomMatrices.gaussian(2, 2, 0.05, rng), MatrixOps.diag(5, 5));
            RemarkOneRate r = RemarkOneRate.measure(loss, w);
            assertTrue(r.ratio() >= 1 - 1e-3 && r.ratio() < 1.05, r.toString());
            assertEquals(r.linearizedRate(), r.measuredRate(), 0.02 * r.linearizedRate(), r.toString());
            assertTrue(r.boundSlack() <= 1e-9, r.toString());
        }
    }

    @Test
    void remarkOneBoundHoldsAndTheMeasuredRateIsTheLinearizedOne() {
        Random rng = new Random(8);
        int tested = 0;
        for (int trial = 0; tested < 10; trial++) {
            int dx = 3 + trial % 2; // d_x = d_1 = 3: every linear mode is excited; d_x = 4 > d_1: W_1^T W_1 is singular
            Dataset data = Datasets.whitened(dx, 2, 20, trial);
            Loss loss = Loss.of(data, trial % 4 < 2 ? LossConvention.HALF : LossConvention.SUM);
            Weights w = Weights.of(RandomMatrices.gaussian(3, dx, 0.3, rng), RandomMatrices.gaussian(2, 3, 1.5, rng));
            double[] ev = RemarkOneRate.eigenvaluesC0(w);
            if (!(ev[ev.length - 2] > 0)) {
                assertThrows(IllegalArgumentException.class, () -> RemarkOneRate.measure(loss, w));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemarkOneRate.predicted(loss, w));
                assertTrue(e.getMessage().contains("needs at least d_y = 2 positive eigenvalues"), e.getMessage());
                continue;
            }
            if (ev[ev.length - 2] < 0.05) {
                continue; // slow: the run would be long
            }
            RemarkOneRate r = RemarkOneRate.measure(loss, w);
            assertTrue(r.boundSlack() <= 1e-9, r.toString());
            assertTrue(r.ratio() >= 1 - 1e-3, r.toString());
            if (dx == 3) {
                assertEquals(r.linearizedRate(), r.measuredRate(), 0.02 * r.linearizedRate(), r.toString());
            } else {
                assertTrue(r.measuredRate() >= 0.99 * r.linearizedRate(), r.toString());
            }
            assertEquals(4 * loss.convention().factor() * ev[ev.length - 2], r.predictedRate(), 1e-12 * r.predictedRate());
            tested++;
        }
    }

    @Test
    void workedExampleAlphaIsOneAndRateIsSqrtFive() {
        // W_1 = 0, W_2 = I on D4: C^0 = I, alpha = 1; the slowest mode is s = 1 with rate 2 sqrt(1 + 4 s^2)/... = 2 sqrt 5
        Loss loss = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        RemarkOneRate r = RemarkOneRate.measure(loss, Weights.of(new DMatrixRMaj(2, 2), MatrixOps.diag(1, 1)));
        assertEquals(1.0, r.alpha(), 1e-12);
        assertEquals(2.0, r.predictedRate(), 1e-12);
        assertEquals(2 * Math.sqrt(5), r.linearizedRate(), 1e-6);
        assertEquals(2 * Math.sqrt(5), r.measuredRate(), 1e-3 * 2 * Math.sqrt(5));
    }

    @Test
    void remarkOneRejectsWhatItDoesNotCover() {
        Loss d4 = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemarkOneRate.measure(d4, Weights.of(MatrixOps.diag(1, 1), new DMatrixRMaj(2, 2))));
        assertTrue(e.getMessage().contains("positive eigenvalues"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RemarkOneRate.predicted(d4, Weights.of(MatrixOps.diag(1, 1), new DMatrixRMaj(2, 2))));
        assertTrue(e.getMessage().contains("needs at least d_y = 2 positive eigenvalues"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RemarkOneRate.measure(Loss.of(WorkedExamples.e4().data()), Weights.gaussian(Architecture.of(2, 2, 2), 1, 1)));
        assertTrue(e.getMessage().contains("Sxx must be I"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RemarkOneRate.measure(d4, Weights.gaussian(Architecture.of(2, 2, 2, 2), 1, 1)));
        assertTrue(e.getMessage().contains("one hidden layer"), e.getMessage());
    }
}
