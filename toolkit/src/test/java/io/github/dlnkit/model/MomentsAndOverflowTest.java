package io.github.dlnkit.model;

import io.github.dlnkit.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moments no data set can have are refused; overflow names the product; resource estimates refuse early. */
class MomentsAndOverflowTest {

    private static DMatrixRMaj m(double[][] a) {
        return new DMatrixRMaj(a);
    }

    @Test
    void momentsOfRealDataPassAtEveryScale() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int dx = 1 + rng.nextInt(5);
            int dy = 1 + rng.nextInt(5);
            int n = 1 + rng.nextInt(8); // also fewer samples than d_x: singular Sxx
            double scale = Math.pow(10, -6 + 12 * rng.nextDouble());
            DMatrixRMaj x = RandomMatrices.gaussian(dx, n, scale, rng);
            DMatrixRMaj y = RandomMatrices.gaussian(dy, n, scale, rng);
            Dataset d = Dataset.of(x, y);
            assertDoesNotThrow(() -> Dataset.fromMoments(d.sxx(), d.syx(), d.syy()), "trial " + trial);
        }
    }

    @Test
    void impossibleMomentsNameTheMatrixEigenvalueAndScale() {
        DMatrixRMaj i2 = m(new double[][]{{1, 0}, {0, 1}});
        var syy = assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(i2, i2, m(new double[][]{{-3, 0}, {0, 1}}))).getMessage();
        assertTrue(syy.contains("Syy") && syy.contains("-3.00000") && syy.contains("scale 3.00000"), syy);
        var sxx = assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(m(new double[][]{{-1, 0}, {0, 1}}), i2, i2)).getMessage();
        assertTrue(sxx.startsWith("Sxx"), sxx);
        var schur = assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(i2, m(new double[][]{{2, 0}, {0, 1}}), m(new double[][]{{3, 0}, {0, 1}}))).getMessage();
        assertTrue(schur.contains("Syy - Syx Sxx^-1 Sxy") && schur.contains("-1.00000") && schur.contains("scale 4.00000"), schur);
        // a Schur complement of exactly zero (Y = P X) is fine, and tiny rounding below zero too
        assertDoesNotThrow(() -> Dataset.fromMoments(i2, m(new double[][]{{2, 0}, {0, 1}}), m(new double[][]{{4, 0}, {0, 1 - 1e-12}})));
    }

    @Test
    void overflowNamesTheProduct() {
        var x = assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][]{{1e200, 0}, {0, 1}},
                new double[][]{{1, 0}, {0, 1}})).getMessage();
        assertTrue(x.contains("Sxx = X X^T overflows"), x);
        Dataset d = Dataset.of(new double[][]{{1, 0}, {0, 1}}, new double[][]{{1, 0}, {0, 1}});
        DMatrixRMaj big = m(new double[][]{{1e120, 0}, {0, 1}});
        Weights w = Weights.of(big, big, big);
        Loss loss = Loss.of(d);
        var v = assertThrows(IllegalArgumentException.class, () -> loss.finiteValue(w)).getMessage();
        assertTrue(v.contains("the product W_3 W_2 W_1 overflows"), v);
        var g = assertThrows(IllegalArgumentException.class, () -> loss.gradient(w)).getMessage();
        assertTrue(g.contains("grad_{W_") && g.contains("W_3 W_2 W_1"), g);
        Weights mid = Weights.of(m(new double[][]{{1e80, 0}, {0, 1}}), m(new double[][]{{1e80, 0}, {0, 1}}));
        var p = assertThrows(IllegalArgumentException.class, () -> loss.finiteValue(mid)).getMessage();
        assertTrue(p.contains("tr(P Sxx P^T) overflows"), p);
    }

    @Test
    void resourceEstimatesRefuseWithTheNumbers() {
        Architecture wide = Architecture.of(2, 40000, 40000, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Resources.requireMemory("job", Resources.times(6, Resources.pointBytes(wide)), "6 copies")).getMessage();
        assertTrue(e.contains("71.5 GiB") && e.contains("Runtime.maxMemory") && e.contains("-Xmx"), e);
        assertTrue(Resources.times(Long.MAX_VALUE, 2) == Long.MAX_VALUE && Resources.plus(Long.MAX_VALUE, 1) == Long.MAX_VALUE);
        var t = assertThrows(IllegalArgumentException.class,
                () -> Resources.requireTime("job", Resources.stepSeconds(Architecture.of(2, 2), Long.MAX_VALUE), null)).getMessage();
        assertTrue(t.contains("years"), t);
        assertTrue(Resources.requireTime("job", 1, null) == null);
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < Resources.pointBytes(wide));
        var w = assertThrows(IllegalArgumentException.class, () -> Weights.gaussian(wide, 1, 1)).getMessage();
        assertTrue(w.contains("a point W at widths (2,40000,40000,2)") && w.contains("11.9 GiB"), w);
        assertTrue(Resources.requireTime("job", 3600, null).contains("1.0 h") || Resources.requireTime("job", 3600, null).contains("60 min"));
    }
}
