package io.github.dlnkit.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Level-1 kernels on plain {@code double[]} vectors, the inner loops of Lanczos reorthogonalization and of
 * stochastic trace estimates: {@code x . y} and {@code y += a x}. Long vectors go to the native BLAS
 * ({@code ddot}, {@code daxpy}) when it is loaded; otherwise, and for short vectors, a Java loop with four
 * independent accumulators (a single-accumulator dot product is bound by the latency of one add per element).
 */
public final class Vectors {
    /** Vectors at least this long go to the native BLAS (a JNI call costs about as much as 100 multiply-adds). */
    static final int NATIVE_MIN_LENGTH = 1024;

    private Vectors() {
    }

    /** {@code sum_i x_i y_i} over the common length of the two vectors (they must have the same length). */
    public static double dot(double[] x, double[] y) {
        int n = checkLengths(x, y);
        NativeBLAS blas = n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            return blas.ddot(n, x, 1, y, 1);
        }
        return javaDot(x, y, n);
    }

    /** {@code y <- y + a x} (same lengths). */
    public static void axpy(double a, double[] x, double[] y) {
        int n = checkLengths(x, y);
        NativeBLAS blas = n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            blas.daxpy(n, a, x, 1, y, 1);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code ||x||_2}. */
    public static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** The pure-Java dot product (four accumulators). */
    static double javaDot(double[] x, double[] y, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static int checkLengths(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("vector " + (x == null ? "x" : "y") + " is missing (null)");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("vectors x (length " + x.length + ") and y (length " + y.length
                    + ") must have the same length");
        }
        return x.length;
    }
}
