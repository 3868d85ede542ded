package io.github.dlnkit.dynamics;

import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The basin experiment of {@link BasinBoundary} on D4 ({@code X = I_2}, {@code Y = diag(2, 1)}, widths (2,2,2)). */
class BasinBoundaryTest {
    private static final Loss LOSS = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
    private static final Architecture ARCH = Architecture.of(2, 2, 2);

    @Test
    void seededStartsSplitBetweenBothComponentsOfTheGlobalMinima() {
        int[] split = BasinBoundary.split(LOSS, ARCH, 1.0, 60, 1000, 0, 0.5);
        assertEquals(0, split[2], "every run reaches a global minimum (Theorem 1)");
        assertTrue(split[0] >= 10 && split[1] >= 10, java.util.Arrays.toString(split));
    }

    @Test
    void theSeparatingStartStallsAtARankOneSaddleWithOneNegativeEigenvalue() {
        Weights a = null;
        Weights b = null;
        for (long s = 1000; b == null; s++) {
            Weights w = Weights.gaussian(ARCH, 1.0, s);
            int sign = BasinBoundary.run(LOSS, w, 0, 0.5, BasinBoundary.DEFAULT_ETA, BasinBoundary.DEFAULT_MAX_STEPS).sign();
            if (a == null && sign > 0) {
                a = w;
            } else if (a != null && sign < 0) {
                b = w;
            }
        }
        BasinBoundary.Bisection r = BasinBoundary.bisect(LOSS, a, b, 36, 0, 0.5);
        assertEquals(0.5, r.saddleLoss(), 1e-9, r.toString());
        assertArrayEquals(new int[]{1}, r.S(), r.toString());
        assertEquals(1, r.negative(), r.toString());
        assertEquals(LiaoH1.criticalSetDimension(ARCH, 1), r.zero(), r.toString());
        assertEquals(4, r.positive(), r.toString());
        // the plateau lengthens linearly in the number of halvings, at the rate set by the negative eigenvalue
        assertEquals(r.predictedSlope(), r.stepsPerHalving(), 0.2 * r.predictedSlope(), r.toString());
        int[] p = r.plateauSteps();
        assertTrue(p[p.length - 1] > 10 * Math.max(1, p[2]), r.toString());
    }

    @Test
    void deeperNetworksAlsoHaveACodimensionOneSaddleBasinBetweenTheirMinima() {
        // Liao's H = 2 and H = 3 on D4: square layers, so sign det W_H still splits the global minima
        for (int[] d : new int[][]{{2, 2, 2, 2}, {2, 2, 2, 2, 2}}) {
            Architecture arch = Architecture.of(d);
            double eta = d.length == 4 ? 0.05 : 0.02;
            int[] split = BasinBoundary.split(LOSS, arch, 0.8, 30, 1000, 0, 0.5, eta);
            assertEquals(0, split[2], java.util.Arrays.toString(d));
            assertTrue(split[0] >= 5 && split[1] >= 5, java.util.Arrays.toString(split));
            Weights a = null;
            Weights b = null;
            for (long s = 1000; b == null; s++) {
                Weights w = Weights.gaussian(arch, 0.8, s);
                int sign = BasinBoundary.run(LOSS, w, 0, 0.5, eta, BasinBoundary.DEFAULT_MAX_STEPS).sign();
                if (a == null && sign > 0) {
                    a = w;
                } else if (a != null && sign < 0) {
                    b = w;
                }
            }
            BasinBoundary.Bisection r = BasinBoundary.bisect(LOSS, a, b, 36, 0, 0.5, eta);
            assertEquals(0.5, r.saddleLoss(), 1e-9, r.toString());
            assertEquals(1, r.negative(), r.toString());
            assertEquals(r.predictedSlope(), r.stepsPerHalving(), 0.2 * r.predictedSlope(), r.toString());
        }
    }

    @Test
    void refusesWhenTheOutputLayerIsNotSquare() {
        Weights w = Weights.gaussian(Architecture.of(3, 3, 2), 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasinBoundary.run(Loss.of(io.github.dlnkit.model.Datasets.gaussian(3, 2, 6, 1)), w, 0, 1, 0.01, 10));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
    }
}
