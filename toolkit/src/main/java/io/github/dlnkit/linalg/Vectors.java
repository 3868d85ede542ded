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
    /**
     * Native level-1 calls are cut into pieces of at most this length: OpenBLAS runs {@code ddot} and {@code daxpy}
     * on several threads above 10,000 elements, and waking them costs more than the work (measured at
     * {@code n = 16,384}: 3.7 microseconds for one threaded {@code ddot}, 1.4 for two single-threaded halves; the gap
     * grows with the machine's load).
     */
    static final int NATIVE_CHUNK = 8192;

    private Vectors() {
    }

    /** {@code sum_i x_i y_i} over the common length of the two vectors (they must have the same length). */
    public static double dot(double[] x, double[] y) {
        int n = checkLengths(x, y);
        NativeBLAS blas = n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            double s = 0;
            for (int i = 0; i < n; i += NATIVE_CHUNK) {
                s += blas.ddot(Math.min(NATIVE_CHUNK, n - i), x, i, 1, y, i, 1);
            }
            return s;
        }
        return javaDot(x, y, n);
    }

    /** {@code y <- y + a x} (same lengths). */
    public static void axpy(double a, double[] x, double[] y) {
        int n = checkLengths(x, y);
        NativeBLAS blas = n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            for (int i = 0; i < n; i += NATIVE_CHUNK) {
                blas.daxpy(Math.min(NATIVE_CHUNK, n - i), a, x, i, 1, y, i, 1);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    /**
     * {@code out[outOffset + i] = r_i . x} for the {@code count} vectors {@code r_i = rows[offset + i n .. offset + i n + n)}
     * stored one after another (a block of a Lanczos basis): one {@code dgemv('T')} on the native BLAS when the block
     * is large enough, a Java loop otherwise. {@code x} has length {@code n}.
     */
    public static void rowsDot(double[] rows, int offset, int count, int n, double[] x, double[] out, int outOffset) {
        checkBlock(rows, offset, count, n, x, out, outOffset);
        if (count == 0) {
            return;
        }
        NativeBLAS blas = (long) count * n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            // column-major view: the block is an n x count matrix with leading dimension n
            int piece = piece(rows, offset, count, n);
            for (int i = 0; i < n; i += piece) {
                blas.dgemv("T", Math.min(piece, n - i), count, 1.0, rows, offset + i, n, x, i, 1, i == 0 ? 0.0 : 1.0,
                        out, outOffset, 1);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = javaDot(rows, offset + i * n, x, n);
        }
    }

    /**
     * {@code y <- y + alpha sum_i c[cOffset + i] r_i} over the {@code count} stored vectors of {@link #rowsDot}: one
     * {@code dgemv('N')} on the native BLAS when the block is large enough, a Java loop otherwise.
     */
    public static void rowsAxpy(double alpha, double[] rows, int offset, int count, int n, double[] c, int cOffset,
                                double[] y) {
        checkBlock(rows, offset, count, n, y, c, cOffset);
        if (count == 0) {
            return;
        }
        NativeBLAS blas = (long) count * n >= NATIVE_MIN_LENGTH ? NativeLibraries.blas() : null;
        if (blas != null) {
            int piece = piece(rows, offset, count, n);
            for (int i = 0; i < n; i += piece) {
                blas.dgemv("N", Math.min(piece, n - i), count, alpha, rows, offset + i, n, c, cOffset, 1, 1.0, y, i, 1);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            double a = alpha * c[cOffset + i];
            int base = offset + i * n;
            for (int j = 0; j < n; j++) {
                y[j] += a * rows[base + j];
            }
        }
    }

    /**
     * Length of an array holding {@code count} vectors of length {@code n} for {@link #rowsDot} and
     * {@link #rowsAxpy}, with {@code n} spare values at the end: with them the native route works in row pieces of
     * at most {@value #NATIVE_CHUNK} matrix entries, which OpenBLAS runs on the calling thread (it spreads larger
     * {@code dgemv} calls over its threads, and the hand-off costs more than the memory-bound work; the binding
     * checks every piece as if it reached the full {@code count n} values from its offset).
     */
    public static int paddedLength(int count, int n) {
        return Math.multiplyExact(count + 1, n);
    }

    /** Rows per native {@code dgemv} piece: the whole length unless the array has the spare values of {@link #paddedLength}. */
    private static int piece(double[] rows, int offset, int count, int n) {
        if ((long) offset + (long) (count + 1) * n > rows.length) {
            return n;
        }
        return Math.max(1, Math.min(n, NATIVE_CHUNK / count));
    }

    /** {@code ||x||_2}. */
    public static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** The pure-Java dot product (four accumulators). */
    static double javaDot(double[] x, double[] y, int n) {
        return javaDot(x, 0, y, n);
    }

    /** {@code sum_{i < n} x[xOffset + i] y[i]} with four accumulators. */
    static double javaDot(double[] x, int xOffset, double[] y, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOffset + i] * y[i];
            s1 += x[xOffset + i + 1] * y[i + 1];
            s2 += x[xOffset + i + 2] * y[i + 2];
            s3 += x[xOffset + i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOffset + i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void checkBlock(double[] rows, int offset, int count, int n, double[] x, double[] c, int cOffset) {
        if (rows == null || x == null || c == null) {
            throw new IllegalArgumentException("block product: " + (rows == null ? "rows" : x == null ? "vector"
                    : "coefficients") + " missing (null)");
        }
        if (count < 0 || n < 0 || offset < 0 || cOffset < 0 || x.length != n
                || (long) offset + (long) count * n > rows.length || (long) cOffset + count > c.length) {
            throw new IllegalArgumentException("block product: " + count + " vectors of length " + n + " at offset "
                    + offset + " in " + rows.length + " values, vector length " + x.length + ", coefficients "
                    + cOffset + ".." + (cOffset + count) + " of " + c.length + ": out of range");
        }
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
