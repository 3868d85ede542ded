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
}
