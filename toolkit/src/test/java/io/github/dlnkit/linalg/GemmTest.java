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

    /** {@code x} at offset {@code off} in a random array {@code off + x.length + 3} long. */
    private static double[] padded(double[] x, int off, Random rng) {
        double[] p = new double[off + x.length + 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextGaussian();
        }
        System.arraycopy(x, 0, p, off, x.length);
        return p;
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
            // the slice form on the same matrices placed at random offsets inside longer arrays
            int ao = rng.nextInt(5);
            int bo = rng.nextInt(5);
            int co = rng.nextInt(5);
            double[] as = padded(a.data, ao, rng);
            double[] bs = padded(b.data, bo, rng);
            double[] cs = padded(c.data, co, rng);
            double[] untouched = cs.clone();
            Gemm.gemm(alpha, a, ta, b, tb, beta, c);
            Gemm.gemm(alpha, as, ao, ta, bs, bo, tb, beta, cs, co, m, n, k);
            for (int i = 0; i < m * n; i++) {
                assertEquals(expected.data[i], c.data[i], 1e-12 * (1 + k), "case " + t + " " + m + "x" + k + "x" + n);
                assertEquals(c.data[i], cs[co + i], 1e-12 * (1 + k), "slice form, case " + t);
            }
            for (int i = 0; i < cs.length; i++) {
                if (i < co || i >= co + m * n) {
                    assertEquals(untouched[i], cs[i], 0.0, "slice form wrote outside C, case " + t + " index " + i);
                }
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
        double[] buf = new double[20];
        ex = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(1, buf, 0, false, new double[9], 0, false, 0, buf, 4, 3, 3, 3));
        assertTrue(ex.getMessage().contains("shares storage"), ex.getMessage());
        Gemm.gemm(1, buf, 0, false, new double[9], 0, false, 0, buf, 9, 3, 3, 3); // adjacent, not overlapping
        ex = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(1, buf, 15, false, new double[9], 0, false, 0, new double[9], 0, 3, 3, 3));
        assertTrue(ex.getMessage().contains("operand A") && ex.getMessage().contains("offset 15")
                && ex.getMessage().contains("length 20"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(1, buf, 0, false, buf, 0, false, 0, new double[8], -1, 3, 3, 3));
        assertTrue(ex.getMessage().contains("output C") && ex.getMessage().contains("offset -1"), ex.getMessage());
    }
}
