package io.github.dlnkit.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Dense matrix products {@code C = alpha op(A) op(B) + beta C} on EJML row-major matrices, with output arguments
 * (no allocation). Uses the native BLAS {@code dgemm} (OpenBLAS, bundled or the system's; see {@code NativeLibraries})
 * when it is loaded and the product is not tiny, EJML's {@code CommonOps_DDRM} otherwise (and always under
 * {@code -Ddlnkit.native=false}).
 *
 * <p>Row-major {@code C = op(A) op(B)} is column-major {@code C^T = op(B)^T op(A)^T}, so the native call swaps
 * the operands. Measured on the 2-core machine of issue 9 (square {@code n x n} products): EJML 3-5 GFLOP/s at
 * every size, native 31 GFLOP/s at {@code n = 16}, 62 at 32, 73-80 at 64, 57-112 at 128-256.
 */
public final class Gemm {
    /**
     * Products with fewer multiply-adds {@code m n k} than this stay in Java, in the plain loop of {@link #tiny}: the
     * JNI call and OpenBLAS's set-up cost about 0.25 microseconds. Measured (one thread, square {@code d x d}, bundled
     * OpenBLAS 0.3.31, microseconds per product, Java / native): d = 3 0.077 / 0.077 (EJML), 4 0.093 / 0.237,
     * 6 0.225 / 0.260, 8 0.430 / 0.329, 12 0.998 / 0.527; the cross-over lies at about {@code 7^3} multiply-adds.
     */
    static final long NATIVE_MIN_FLOPS = 7 * 7 * 7;

    private Gemm() {
    }

    /** True when products go to the native BLAS. */
    public static boolean isNative() {
        return NativeLibraries.blas() != null;
    }

    /** One line saying which library the products use, e.g. {@code native dgemm (bundled OpenBLAS 0.3.31-1.5.13 (path))}. */
    public static String describe() {
        return isNative() ? "native dgemm (" + NativeLibraries.library() + ")"
                : "EJML pure Java (" + NativeLibraries.problem() + ")";
    }

    /** {@code c = a b}. */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1, a, false, b, false, 0, c);
    }

    /** {@code c = a^T b}. */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1, a, true, b, false, 0, c);
    }

    /** {@code c = a b^T}. */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1, a, false, b, true, 0, c);
    }

    /** {@code c += a b}. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(1, a, false, b, false, 1, c);
    }

    /** A new {@code a b}. */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        mult(a, b, c);
        return c;
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} with {@code op(X) = X^T} when the flag is set. {@code c} must have
     * the product's shape and must not share storage with {@code a} or {@code b}.
     */
    public static void gemm(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, double beta,
                            DMatrixRMaj c) {
        if (a == null || b == null || c == null) {
            throw new IllegalArgumentException("product " + (a == null ? "operand A" : b == null ? "operand B"
                    : "output C") + " is missing (null)");
        }
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb) {
            throw new IllegalArgumentException("product " + (transA ? "A^T" : "A") + " " + (transB ? "B^T" : "B")
                    + ": A is " + a.numRows + "x" + a.numCols + ", B is " + b.numRows + "x" + b.numCols
                    + ", inner dimensions " + k + " and " + kb + " differ");
        }
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("product output C is " + c.numRows + "x" + c.numCols + ", expected "
                    + m + "x" + n);
        }
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("product output C shares storage with an operand");
        }
        if (!withoutEjml(alpha, a.data, 0, transA, b.data, 0, transB, beta, c.data, 0, m, n, k)) {
            java(alpha, a, transA, b, transB, beta, c);
        }
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C} on row-major matrices stored contiguously in arrays from an offset (the
     * BLAS form, for callers that keep matrices inside flat vectors, such as the HVP on a Lanczos vector): {@code op(A)}
     * is {@code m x k} and starts at {@code a[aOff]} ({@code A} itself is {@code k x m} when {@code transA}),
     * {@code op(B)} is {@code k x n} from {@code b[bOff]}, {@code C} is {@code m x n} from {@code c[cOff]}; each is
     * stored densely (its leading dimension is its column count). {@code C}'s range must not overlap {@code A}'s or
     * {@code B}'s. The native route reads and writes the slices in place; the pure-Java route copies them.
     */
    public static void gemm(double alpha, double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                            double beta, double[] c, int cOff, int m, int n, int k) {
        checkSlice("operand A", a, aOff, (long) m * k);
        checkSlice("operand B", b, bOff, (long) k * n);
        checkSlice("output C", c, cOff, (long) m * n);
        if ((c == a && overlap(cOff, m * n, aOff, m * k)) || (c == b && overlap(cOff, m * n, bOff, k * n))) {
            throw new IllegalArgumentException("product output C shares storage with an operand");
        }
        if (!withoutEjml(alpha, a, aOff, transA, b, bOff, transB, beta, c, cOff, m, n, k)) {
            DMatrixRMaj am = slice(a, aOff, transA ? k : m, transA ? m : k);
            DMatrixRMaj bm = slice(b, bOff, transB ? n : k, transB ? k : n);
            DMatrixRMaj cm = slice(c, cOff, m, n);
            java(alpha, am, transA, bm, transB, beta, cm);
            System.arraycopy(cm.data, 0, c, cOff, m * n);
        }
    }

    private static void checkSlice(String what, double[] x, int off, long size) {
        if (x == null) {
            throw new IllegalArgumentException("product " + what + " is missing (null)");
        }
        if (off < 0 || off + size > x.length) {
            throw new IllegalArgumentException("product " + what + ": " + size + " entries from offset " + off
                    + " do not fit in an array of length " + x.length);
        }
    }

    private static boolean overlap(int off1, int len1, int off2, int len2) {
        return len1 > 0 && len2 > 0 && off1 < off2 + len2 && off2 < off1 + len1;
    }

    private static DMatrixRMaj slice(double[] x, int off, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(x, off, m.data, 0, rows * cols);
        return m;
    }

    /**
     * The routes both forms share, on checked arguments: empty products, {@code k = 0} ({@code C = beta C}), the
     * plain loop for tiny products (W4's {@code 3 x 3}: no JNI, no EJML dispatch, no property lookup) and the native
     * {@code dgemm}. False when none applies (no native BLAS): the caller takes the EJML route.
     */
    private static boolean withoutEjml(double alpha, double[] a, int aOff, boolean transA, double[] b, int bOff,
                                       boolean transB, double beta, double[] c, int cOff, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            for (int i = cOff; i < cOff + m * n; i++) {
                c[i] = beta == 0 ? 0.0 : beta * c[i];
            }
            return true;
        }
        if ((long) m * n * k < NATIVE_MIN_FLOPS) {
            tiny(alpha, a, aOff, transA, b, bOff, transB, beta, c, cOff, m, n, k);
            return true;
        }
        NativeBLAS blas = NativeLibraries.blas();
        if (blas == null) {
            return false;
        }
        // column-major view: C^T (n x m) = op(B)^T (n x k) op(A)^T (k x m); B^T stored row-major is B col-major
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, bOff, transB ? k : n, a, aOff,
                transA ? m : k, beta, c, cOff, n);
        return true;
    }

    /** {@code c = alpha op(a) op(b) + beta c} by the textbook loop ({@code beta = 0} ignores what {@code c} held). */
    static void tiny(double alpha, double[] ad, int aOff, boolean transA, double[] bd, int bOff, boolean transB,
                     double beta, double[] cd, int cOff, int m, int n, int k) {
        int ai = transA ? 1 : k; // op(A)(i, p) = ad[aOff + i ai + p ap]
        int ap = transA ? m : 1;
        int bp = transB ? 1 : n; // op(B)(p, j) = bd[bOff + p bp + j bj]
        int bj = transB ? k : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += ad[aOff + i * ai + p * ap] * bd[bOff + p * bp + j * bj];
                }
                int ij = cOff + i * n + j;
                cd[ij] = beta == 0 ? alpha * s : alpha * s + beta * cd[ij];
            }
        }
    }

    /** The EJML route of {@link #gemm}. */
    static void java(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, double beta,
                     DMatrixRMaj c) {
        if (beta == 0) {
            if (!transA && !transB) {
                CommonOps_DDRM.mult(alpha, a, b, c);
            } else if (transA && !transB) {
                CommonOps_DDRM.multTransA(alpha, a, b, c);
            } else if (!transA) {
                CommonOps_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.multTransAB(alpha, a, b, c);
            }
            return;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        } else if (transA && !transB) {
            CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        }
    }
}
