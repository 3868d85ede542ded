package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Gemm} (native and pure-Java routes) against a triple loop on explicit transposes. */
class GemmTest {

    @AfterEach
    void restoreNative() {
        System.clearProperty(NativeLibraries.PROPERTY);
    }

    private static DMatrixRMaj random(int r, int c, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int k = 0; k < r * c; k++) {
            m.data[k] = rng.nextGaussian();
        }
        return m;
    }

    private static DMatrixRMaj naive(double alpha, DMatrixRMaj a, boolean ta, DMatrixRMaj b, boolean tb, double beta,
                                     DMatrixRMaj c0) {
        DMatrixRMaj oa = ta ? CommonOps_DDRM.transpose(a, null) : a;
        DMatrixRMaj ob = tb ? CommonOps_DDRM.transpose(b, null) : b;
        DMatrixRMaj c = new DMatrixRMaj(oa.numRows, ob.numCols);
        for (int i = 0; i < c.numRows; i++) {
            for (int j = 0; j < c.numCols; j++) {
                double s = 0;
                for (int k = 0; k < oa.numCols; k++) {
                    s += oa.get(i, k) * ob.get(k, j);
                }
                c.set(i, j, alpha * s + beta * c0.get(i, j));
            }
        }
        return c;
    }

    private static void checkRandomProducts(long seed) {
        Random rng = new Random(seed);
        for (int t = 0; t < 400; t++) {
            int m = rng.nextInt(t < 300 ? 9 : 70);
            int n = rng.nextInt(t < 300 ? 9 : 70);
            int k = rng.nextInt(t < 300 ? 9 : 70);
            boolean ta = rng.nextBoolean();
            boolean tb = rng.nextBoolean();
            DMatrixRMaj a = ta ? random(k, m, rng) : random(m, k, rng);
            DMatrixRMaj b = tb ? random(n, k, rng) : random(k, n, rng);
            double alpha = rng.nextInt(3) == 0 ? 1 : rng.nextGaussian();
            double beta = switch (rng.nextInt(3)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> rng.nextGaussian();
            };
            DMatrixRMaj c = random(m, n, rng);
            DMatrixRMaj expected = naive(alpha, a, ta, b, tb, beta, c);
            Gemm.gemm(alpha, a, ta, b, tb, beta, c);
            for (int i = 0; i < m * n; i++) {
                assertEquals(expected.data[i], c.data[i], 1e-12 * (1 + k), "case " + t + " " + m + "x" + k + "x" + n);
            }
        }
    }

    @Test
    void defaultRouteMatchesTripleLoop() {
        checkRandomProducts(1);
    }

    @Test
    void pureJavaRouteMatchesTripleLoop() {
        System.setProperty(NativeLibraries.PROPERTY, "false");
        assertFalse(Gemm.isNative());
        checkRandomProducts(2);
    }

    @Test
    void convenienceFormsAgree() {
        Random rng = new Random(3);
        DMatrixRMaj a = random(5, 7, rng);
        DMatrixRMaj b = random(7, 4, rng);
        DMatrixRMaj c = Gemm.mult(a, b);
        DMatrixRMaj e = new DMatrixRMaj(5, 4);
        CommonOps_DDRM.mult(a, b, e);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(e, c, 1e-12));
        Gemm.multAdd(a, b, c);
        CommonOps_DDRM.scale(2, e);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(e, c, 1e-12));
    }

    @Test
    void badShapesAreRejectedWithTheShapes() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Gemm.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 2), new DMatrixRMaj(2, 2)));
        assertTrue(ex.getMessage().contains("2x3") && ex.getMessage().contains("4x2"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> Gemm.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 3)));
        assertTrue(ex.getMessage().contains("3x3") && ex.getMessage().contains("expected 2x2"), ex.getMessage());
        DMatrixRMaj sq = new DMatrixRMaj(2, 2);
        ex = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(sq, new DMatrixRMaj(2, 2), sq));
        assertTrue(ex.getMessage().contains("shares storage"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(null, sq, new DMatrixRMaj(2, 2)));
        assertTrue(ex.getMessage().contains("operand A") && ex.getMessage().contains("null"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> Gemm.multTransA(sq, null, new DMatrixRMaj(2, 2)));
        assertTrue(ex.getMessage().contains("operand B") && ex.getMessage().contains("null"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> Gemm.multAdd(sq, new DMatrixRMaj(2, 2), null));
        assertTrue(ex.getMessage().contains("output C") && ex.getMessage().contains("null"), ex.getMessage());
    }
}
