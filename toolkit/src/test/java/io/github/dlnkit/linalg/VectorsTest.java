package io.github.dlnkit.linalg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Vectors} (native and pure-Java routes) against a plain loop in extended care (Kahan sums). */
class VectorsTest {

    @AfterEach
    void restore() {
        System.clearProperty(NativeLibraries.PROPERTY);
    }

    private static double kahanDot(double[] x, double[] y) {
        double s = 0, c = 0;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] * y[i] - c;
            double u = s + t;
            c = (u - s) - t;
            s = u;
        }
        return s;
    }

    private static void check(long seed) {
        Random rng = new Random(seed);
        for (int n : new int[]{0, 1, 3, 4, 7, 1023, 1024, 1025, 5000, 70_000}) {
            double[] x = new double[n];
            double[] y = new double[n];
            double scale = 0;
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextGaussian();
                y[i] = rng.nextGaussian();
                scale += Math.abs(x[i] * y[i]);
            }
            double tol = 1e-14 * Math.max(scale, 1);
            assertEquals(kahanDot(x, y), Vectors.dot(x, y), tol, "dot, n = " + n);
            assertEquals(Math.sqrt(kahanDot(x, x)), Vectors.norm(x), 1e-13 * Math.max(1, Math.sqrt(n)), "norm, n = " + n);
            double a = rng.nextGaussian();
            double[] z = y.clone();
            Vectors.axpy(a, x, z);
            for (int i = 0; i < n; i++) {
                assertEquals(y[i] + a * x[i], z[i], 1e-15 * (Math.abs(y[i]) + Math.abs(a * x[i])), "axpy, n = " + n);
            }
        }
    }

    @Test
    void defaultRouteMatchesCarefulSums() {
        check(1);
    }

    @Test
    void pureJavaRouteMatchesCarefulSums() {
        System.setProperty(NativeLibraries.PROPERTY, "false");
        assertTrue(NativeLibraries.blas() == null);
        check(2);
    }

    @Test
    void lengthMismatchIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vectors.dot(new double[3], new double[4]));
        assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("length 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vectors.axpy(1, new double[2], new double[5]));
        e = assertThrows(IllegalArgumentException.class, () -> Vectors.dot(new double[2], null));
        assertTrue(e.getMessage().contains("vector y") && e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vectors.norm(null));
        assertTrue(e.getMessage().contains("vector x") && e.getMessage().contains("null"), e.getMessage());
    }

    /** Block products (padded and unpadded storage, at an offset) against per-vector careful sums. */
    private static void checkBlocks(long seed) {
        Random rng = new Random(seed);
        for (int[] shape : new int[][]{{0, 5}, {1, 3}, {3, 100}, {16, 700}, {5, 9000}, {16, 16_384}, {2, 20_000}}) {
            int count = shape[0];
            int n = shape[1];
            for (boolean padded : new boolean[]{false, true}) {
                int offset = 3;
                double[] rows = new double[offset + (padded ? Vectors.paddedLength(count, n) : count * n)];
                for (int k = 0; k < rows.length; k++) {
                    rows[k] = rng.nextGaussian();
                }
                double[] x = new double[n];
                for (int k = 0; k < n; k++) {
                    x[k] = rng.nextGaussian();
                }
                double[] out = new double[count + 2];
                Vectors.rowsDot(rows, offset, count, n, x, out, 2);
                double[] c = new double[count + 1];
                double[] y = x.clone();
                for (int i = 0; i < count; i++) {
                    double[] r = java.util.Arrays.copyOfRange(rows, offset + i * n, offset + (i + 1) * n);
                    assertEquals(kahanDot(r, x), out[2 + i], 1e-13 * Math.sqrt(n) * 4, "rowsDot " + i + " of "
                            + count + "x" + n + (padded ? " padded" : ""));
                    c[1 + i] = rng.nextGaussian();
                }
                Vectors.rowsAxpy(-0.5, rows, offset, count, n, c, 1, y);
                for (int k = 0; k < n; k++) {
                    double e = x[k];
                    double mag = Math.abs(x[k]);
                    for (int i = 0; i < count; i++) {
                        e -= 0.5 * c[1 + i] * rows[offset + i * n + k];
                        mag += Math.abs(0.5 * c[1 + i] * rows[offset + i * n + k]);
                    }
                    assertEquals(e, y[k], 1e-14 * mag, "rowsAxpy entry " + k + " of " + count + "x" + n);
                }
            }
        }
    }

    @Test
    void blockProductsMatchPerVectorSums() {
        checkBlocks(3);
    }

    @Test
    void blockProductsPureJava() {
        System.setProperty(NativeLibraries.PROPERTY, "false");
        checkBlocks(4);
    }

    @Test
    void blockOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vectors.rowsDot(new double[10], 0, 3, 4, new double[4], new double[3], 0));
        assertTrue(e.getMessage().contains("3 vectors of length 4") && e.getMessage().contains("out of range"),
                e.getMessage());
    }
}
