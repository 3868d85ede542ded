package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CriticalSetTest {

    static Dataset d5L2() {
        return Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2));
    }

    static Dataset d5L3() {
        return Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
    }

    private static double[] hessianEigenvalues(CriticalPoint p, RegularizedProblem pr) {
        return DenseSpectrum.of(pr.loss().hessian(p.weights()), 1e-9).eigenvalues();
    }

    private static double[] asc(double... v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void d5LambdaOneValuesHessiansAndClasses() {
        RegularizedProblem pr = RegularizedProblem.of(d5L2(), Architecture.of(2, 2, 2), 1.0);
        CriticalSet.Result res = CriticalSet.enumerate(pr);
        assertEquals(4, res.points().size());
        Object[][] expected = {
                {"11", 4.0, asc(5, 4, 3, 2, 2, 2, 2, 0), LandscapeClass.GLOBAL_MIN},
                {"1-", 4.5, asc(5, 4, 3, 2, 2, 1, 0, -1), LandscapeClass.STRICT_SADDLE},
                {"-1", 6.0, asc(5, 4, 2, 2, 2, 0, -1, -2), LandscapeClass.STRICT_SADDLE},
                {"--", 6.5, asc(4, 4, 3, 3, -1, -1, -2, -2), LandscapeClass.STRICT_SADDLE}};
        for (Object[] e : expected) {
            CriticalPoint p = res.find((String) e[0]);
            assertEquals((double) e[1], p.value(), 1e-12, p.toString());
            assertEquals((double) e[1], p.loss(), 1e-12);
            assertArrayEquals((double[]) e[2], hessianEigenvalues(p, pr), 1e-9, p.toString());
            assertEquals(e[3], p.classification());
            assertFalse(p.degenerate());
            assertTrue(p.hessianAgrees(), p.toString());
        }
        assertEquals(4.0, res.globalMinimum(), 1e-12);
        // the shipped worked example D5-global is the GLOBAL_MIN point up to the hidden rotation
        assertEquals(WorkedExamples.d5Global().expectedLoss(), res.find("11").value(), 1e-12);
    }

    @Test
    void d5LambdaTwoIsDegenerateAtZ2() {
        RegularizedProblem pr = RegularizedProblem.of(d5L2(), Architecture.of(2, 2, 2), 2.0);
        CriticalSet.Result res = CriticalSet.enumerate(pr);
        assertEquals(2, res.points().size()); // z_2 = lambda has no positive root
        CriticalPoint p = res.find("1-");
        assertEquals(6.0, p.value(), 1e-12);
        assertArrayEquals(asc(5, 4, 4, 4, 2, 1, 0, 0), hessianEigenvalues(p, pr), 1e-9);
        assertTrue(p.degenerate());
        assertEquals(1, p.manifoldDimension());
        assertEquals(2, p.hessian().zeros());
        assertFalse(p.hessian().errorBoundHolds());
        assertEquals(LandscapeClass.GLOBAL_MIN, p.classification());
        CriticalPoint zero = res.find("--");
        assertEquals(6.5, zero.value(), 1e-12);
        assertArrayEquals(asc(5, 5, 4, 4, 0, 0, -1, -1), hessianEigenvalues(zero, pr), 1e-9);
        assertTrue(zero.degenerate());
        assertTrue(zero.hessianAgrees());
    }

    @Test
    void d5DepthThreeRootsValuesAndSpuriousMinima() {
        double[][] roots = {{3, 0.1000333779, 1.4072443206, 2.0442606669}, {2, 0.1502548496, 1.2053245767, 1.1905507890},
                {1, 0.3091322373, 0.8682178750, 0.4724703937}};
        for (double[] r : roots) {
            ScalarEquation.Roots rs = ScalarEquation.roots(3, 0.3, r[0]);
            assertEquals(ScalarEquation.Roots.Kind.TWO, rs.kind());
            assertEquals(r[1], Math.cbrt(rs.small()), 1e-10);
            assertEquals(r[2], Math.cbrt(rs.large()), 1e-10);
            assertEquals(r[3], ScalarEquation.gMax(3, r[0]), 1e-10);
        }
        RegularizedProblem pr = RegularizedProblem.of(d5L3(), Architecture.of(3, 3, 3, 3), 0.3);
        CriticalSet.Result res = CriticalSet.enumerate(pr);
        assertEquals(27, res.points().size()); // 3 choices (off, small, large) per component
        CriticalPoint global = res.find("LLL");
        assertEquals(1.9975210615, global.value(), 1e-10);
        assertEquals(LandscapeClass.GLOBAL_MIN, global.classification());
        assertEquals(6, global.hessian().zeros());
        assertEquals(0, global.hessian().negatives());
        CriticalPoint spurious = res.find("LL-");
        assertEquals(2.0986126842, spurious.value(), 1e-10);
        assertEquals(LandscapeClass.LOCAL_MIN, spurious.classification());
        assertEquals(6, spurious.hessian().zeros());
        assertEquals(0, spurious.hessian().negatives());
        CriticalPoint zero = res.find("---");
        assertEquals(7.0, zero.value(), 1e-12);
        assertEquals(LandscapeClass.LOCAL_MIN, zero.classification());
        assertEquals(0.3, zero.hessian().min(), 1e-12); // Hess F(0) = diag(lambda_l I)
        assertEquals(0, zero.hessian().zeros());
        CriticalPoint saddle = res.find("sLL");
        assertEquals(5.5851466920, saddle.value(), 1e-10);
        assertEquals(LandscapeClass.STRICT_SADDLE, saddle.classification());
        assertEquals(-1.7625, saddle.hessian().min(), 1e-4);
        for (CriticalPoint p : res.points()) {
            assertTrue(p.gradientNorm() < 1e-13, p.toString());
            assertTrue(p.balancedness() < 1e-13, p.toString());
            assertEquals(p.value(), p.loss(), 1e-12 * Math.max(1, p.value()), p.toString());
            assertTrue(p.hessianAgrees(), p.toString() + " " + p.hessian());
        }
    }

    @Test
    void randomWhitenedInstancesPerLayerLambdasBothConventions() {
        Random rng = new Random(20250216);
        int checked = 0;
        for (int inst = 0; inst < 40; inst++) {
            int depth = 2 + rng.nextInt(3);
            int[] d = new int[depth + 1];
            for (int l = 0; l <= depth; l++) {
                d[l] = 1 + rng.nextInt(3);
            }
            Dataset data = Datasets.whitened(d[0], d[depth], d[0] + 2, rng.nextLong());
            double[] lambdas = new double[depth];
            for (int l = 0; l < depth; l++) {
                lambdas[l] = 0.05 + 0.4 * rng.nextDouble();
            }
            LossConvention conv = rng.nextBoolean() ? LossConvention.HALF : LossConvention.SUM;
            RegularizedProblem pr = RegularizedProblem.of(data, Architecture.of(d), conv, lambdas);
            CriticalSet.Result res = CriticalSet.enumerate(pr, CriticalSet.Options.builder().seed(inst).build());
            for (CriticalPoint p : res.points()) {
                assertTrue(p.gradientNorm() <= 1e-10, p + " in " + pr);
                assertTrue(p.balancedness() <= 1e-10 * Math.max(1, p.weights().norm()), p + " in " + pr);
                assertEquals(p.value(), p.loss(), 1e-10 * Math.max(1, Math.abs(p.value())), p + " in " + pr);
                assertTrue(p.hessianAgrees(), p + " " + p.hessian() + " in " + pr);
                checked++;
            }
            assertEquals(1, res.points().stream().filter(p -> p.classification() == LandscapeClass.GLOBAL_MIN)
                    .mapToDouble(CriticalPoint::value).distinct().count());
        }
        assertTrue(checked > 100, "checked " + checked);
    }
}
