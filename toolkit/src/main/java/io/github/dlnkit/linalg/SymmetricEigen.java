package io.github.dlnkit.linalg;

import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.netlib.util.intW;

import java.util.Arrays;

/**
 * All eigenvalues of a dense symmetric matrix, ascending: the one eigen-solve of the toolkit. The matrix is
 * symmetrised first, {@code (M + M^T)/2}. Backends, tried in this order:
 * <ol>
 *   <li>{@link Backend#NATIVE_LAPACK}: LAPACK {@code dsyevd} (divide and conquer, eigenvalues only) of the system's
 *       OpenBLAS through {@code dev.ludovic.netlib}, when it loads and {@code -Ddlnkit.native=false} is not set;</li>
 *   <li>{@link Backend#EJML}: EJML's symmetric tridiagonal QR; if it does not converge (it occasionally fails on
 *       Hessians with many exact zeros), EJML's general eigen-solver (real parts);</li>
 *   <li>{@link Backend#JACOBI}: cyclic Jacobi rotations (Golub and Van Loan, section 8.5), which always converge.</li>
 * </ol>
 * Measured on the 2-core machine of issue 9 (random symmetric, eigenvalues only): {@code n = 1,000} native
 * 0.06-0.09 s vs EJML 0.46 s; {@code n = 2,000} native 0.35-0.6 s vs EJML 3.8 s.
 */
public final class SymmetricEigen {

    /** Which solver produced the eigenvalues. */
    public enum Backend {
        NATIVE_LAPACK, EJML, JACOBI
    }

    /**
     * @param values  ascending
     * @param backend the solver that produced them
     */
    public record Result(double[] values, Backend backend) {
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    private SymmetricEigen() {
    }

    /** All eigenvalues of the symmetric part of {@code m}, ascending, by the first backend that succeeds. */
    public static double[] eigenvalues(DMatrixRMaj m) {
        return solve(m).values;
    }

    /** {@link #eigenvalues} together with the backend that produced them ({@code m} is not modified). */
    public static Result solve(DMatrixRMaj m) {
        requireSquare(m);
        return solveInPlace(m.copy());
    }

    /**
     * {@link #solve} that uses {@code m}'s own storage as LAPACK's work matrix, for a matrix built only to be
     * solved (the dense Hessian of bench W1): no copy. {@code m} is symmetrised in place and its contents are
     * unspecified afterwards.
     */
    public static Result solveInPlace(DMatrixRMaj m) {
        symmetriseInPlace(m);
        int n = m.numRows;
        if (NativeLibraries.lapack() != null) {
            double[] diagonal = new double[n];
            for (int i = 0; i < n; i++) {
                diagonal[i] = m.data[i * n + i];
            }
            double[] ev = nativeEigenvalues(m.data, n);
            if (ev != null) {
                return new Result(ev, Backend.NATIVE_LAPACK);
            }
            // dsyevd('L') overwrote the lower triangle and the diagonal: rebuild them from the upper triangle
            for (int i = 0; i < n; i++) {
                m.data[i * n + i] = diagonal[i];
                for (int j = i + 1; j < n; j++) {
                    m.data[j * n + i] = m.data[i * n + j];
                }
            }
        }
        double[] ev = ejmlEigenvalues(m);
        if (ev != null) {
            return new Result(ev, Backend.EJML);
        }
        return new Result(jacobi(m), Backend.JACOBI);
    }

    /** The eigenvalues by one given backend; {@link IllegalStateException} when it is unavailable or fails. */
    public static double[] eigenvalues(DMatrixRMaj m, Backend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("eigen backend is missing (null), expected one of "
                    + Arrays.toString(Backend.values()));
        }
        DMatrixRMaj s = symmetrised(m);
        double[] ev = switch (backend) {
            case NATIVE_LAPACK -> {
                if (NativeLibraries.lapack() == null) {
                    throw new IllegalStateException("native LAPACK is not available (" + NativeLibraries.problem() + ")");
                }
                yield nativeEigenvalues(s);
            }
            case EJML -> ejmlEigenvalues(s);
            case JACOBI -> jacobi(s);
        };
        if (ev == null) {
            throw new IllegalStateException("symmetric eigen-solver " + backend + " failed on a " + s.numRows + "x"
                    + s.numCols + " matrix");
        }
        return ev;
    }

    /** The backend {@link #solve} tries first: native LAPACK when loaded, else EJML. */
    public static Backend preferredBackend() {
        return NativeLibraries.lapack() != null ? Backend.NATIVE_LAPACK : Backend.EJML;
    }

    /** One line saying which backend is in use and, without native LAPACK, why. */
    public static String describe() {
        NativeLAPACK l = NativeLibraries.lapack();
        return l != null ? "native LAPACK dsyevd (" + l.getClass().getSimpleName() + ", " + NativeLibraries.library() + ")"
                : "EJML pure Java (" + NativeLibraries.problem() + ")";
    }

    /** {@link IllegalArgumentException} unless {@code m} is a square matrix. */
    static void requireSquare(DMatrixRMaj m) {
        if (m == null) {
            throw new IllegalArgumentException("matrix is missing (null)");
        }
        if (m.numRows != m.numCols) {
            throw new IllegalArgumentException("matrix has shape " + m.numRows + "x" + m.numCols
                    + ", expected square (symmetric)");
        }
    }

    /** {@link IllegalArgumentException} naming the entry unless it is finite. */
    static void requireFinite(double v, int i, int j) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("matrix has a non-finite entry at (" + i + ", " + j + "): " + v
                    + ", expected finite");
        }
    }

    static DMatrixRMaj symmetrised(DMatrixRMaj m) {
        requireSquare(m);
        DMatrixRMaj s = m.copy();
        symmetriseInPlace(s);
        return s;
    }

    /** {@code m <- (m + m^T)/2}, refusing non-finite entries (named by position). */
    static void symmetriseInPlace(DMatrixRMaj m) {
        requireSquare(m);
        int n = m.numRows;
        double[] d = m.data;
        // in TILE x TILE tiles, so that the column-wise reads of the upper triangle stay in cache
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = 0; j0 <= i0; j0 += TILE) {
                for (int i = i0, ie = Math.min(n, i0 + TILE); i < ie; i++) {
                    for (int j = j0, je = Math.min(i + 1, j0 + TILE); j < je; j++) {
                        double v = d[i * n + j];
                        double w = d[j * n + i];
                        if (!Double.isFinite(v + w)) {
                            requireFinite(v, i, j);
                            requireFinite(w, j, i);
                        }
                        double x = i == j ? v : 0.5 * (v + w);
                        d[i * n + j] = x;
                        d[j * n + i] = x;
                    }
                }
            }
        }
    }

    /** Tile size of {@link #symmetriseInPlace} (two 64 x 64 tiles of doubles fit in a 64 KB L1/L2 share). */
    private static final int TILE = 64;

    /** LAPACK {@code dsyevd('N', 'L')} on a copy; {@code null} when native LAPACK is absent or reports failure. */
    static double[] nativeEigenvalues(DMatrixRMaj s) {
        return nativeEigenvalues(Arrays.copyOf(s.data, s.numRows * s.numRows), s.numRows);
    }

    /**
     * LAPACK {@code dsyevd('N', 'L')} on {@code a} itself (row-major symmetric {@code n x n}; its lower triangle and
     * diagonal are overwritten); {@code null} when native LAPACK is absent or reports failure. Divide and conquer
     * was measured against {@code dsyevr} (MRRR) on this machine for eigenvalues only: equal up to {@code n = 256},
     * {@code dsyevr} 10 % faster at 512 and 1.9x slower at 1,024 (both reduce to tridiagonal form and then call
     * {@code dsterf}); EJML is 2-4x slower at every size from 16 to 512, so native is used at every size.
     */
    static double[] nativeEigenvalues(double[] a, int n) {
        NativeLAPACK lapack = NativeLibraries.lapack();
        if (lapack == null) {
            return null;
        }
        if (n == 0) {
            return new double[0];
        }
        double[] w = new double[n];
        intW info = new intW(0);
        double[] workQuery = new double[1];
        int[] iworkQuery = new int[1];
        lapack.dsyevd("N", "L", n, a, n, w, workQuery, -1, iworkQuery, -1, info);
        if (info.val != 0) {
            return null;
        }
        int lwork = Math.max(1, (int) workQuery[0]);
        int liwork = Math.max(1, iworkQuery[0]);
        lapack.dsyevd("N", "L", n, a, n, w, new double[lwork], lwork, new int[liwork], liwork, info);
        if (info.val != 0) {
            return null;
        }
        return w; // ascending (LAPACK's order)
    }

    /** EJML symmetric QR, then EJML's general solver; {@code null} if both fail. */
    static double[] ejmlEigenvalues(DMatrixRMaj s) {
        int n = s.numRows;
        for (boolean symmetric : new boolean[]{true, false}) {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, symmetric);
            if (eig.decompose(s.copy())) {
                double[] ev = new double[n];
                for (int k = 0; k < n; k++) {
                    ev[k] = eig.getEigenvalue(k).real;
                }
                Arrays.sort(ev);
                return ev;
            }
        }
        return null;
    }

    /** Eigenvalues (ascending) of a symmetric matrix by cyclic Jacobi rotations ({@link Jacobi}). */
    static double[] jacobi(DMatrixRMaj sym) {
        return Jacobi.decompose(sym, false).values();
    }
}
