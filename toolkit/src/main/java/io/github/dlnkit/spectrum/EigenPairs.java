package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.Jacobi;
import io.github.dlnkit.model.Checks;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Eigenvalues <em>and eigenvectors</em> of a dense symmetric matrix, for {@link DenseSpectrum#withVectors}, the
 * Lanczos tridiagonal and Ritz vectors. Eigenvalues alone go through {@link io.github.dlnkit.linalg.SymmetricEigen}
 * (native LAPACK when available). Route here: EJML's symmetric QR iteration with vectors; when it does not
 * converge (it occasionally fails on Hessians with many exact zeros, e.g. "symmetric eigen-decomposition failed
 * (105x105)"), cyclic Jacobi rotations with accumulated rotations (Golub and Van Loan, section 8.5), which always
 * converge. A native {@code dsyevd('V')} would plug in at {@link #solve}.
 */
final class EigenPairs {
    private EigenPairs() {
    }

    /**
     * Eigen-decomposition of a symmetric matrix.
     *
     * @param values  ascending
     * @param vectors column {@code k} is the unit eigenvector of {@code values[k]}
     * @param method  {@code "ejml-symmetric"} or {@code "jacobi"}
     */
    record Result(double[] values, DMatrixRMaj vectors, String method) {
    }

    /** Rejects a null, non-finite, non-square or empty matrix (the input of a dense spectrum or operator). */
    static void requireSquare(DMatrixRMaj m) {
        Checks.finite("matrix", m);
        if (m.numRows != m.numCols || m.numRows == 0) {
            throw new IllegalArgumentException("matrix has shape " + Checks.shape(m) + ", expected square and non-empty");
        }
    }

    /** Symmetric part {@code (m + m^T)/2} (a copy). */
    static DMatrixRMaj symmetrised(DMatrixRMaj m) {
        int n = m.numRows;
        DMatrixRMaj s = m.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (s.get(i, j) + s.get(j, i));
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    /** Eigenvalues ascending and unit eigenvectors of the symmetric {@code sym} (not modified). */
    static Result solve(DMatrixRMaj sym) {
        int n = sym.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (eig.decompose(sym.copy())) {
            return sorted(eig, n, true, "ejml-symmetric");
        }
        return jacobi(sym, true);
    }

    private static Result sorted(EigenDecomposition_F64<DMatrixRMaj> eig, int n, boolean vectors, String method) {
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            raw[k] = eig.getEigenvalue(k).real;
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(k -> raw[k])).toArray(Integer[]::new);
        double[] ev = new double[n];
        DMatrixRMaj v = vectors ? new DMatrixRMaj(n, n) : null;
        for (int k = 0; k < n; k++) {
            ev[k] = raw[order[k]];
            if (vectors) {
                DMatrixRMaj col = eig.getEigenVector(order[k]);
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += col.get(i) * col.get(i);
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    v.set(i, k, col.get(i) / norm);
                }
            }
        }
        return new Result(ev, v, method);
    }

    /** Cyclic Jacobi rotations on the symmetric {@code sym} ({@link Jacobi}); eigenvectors when asked. */
    static Result jacobi(DMatrixRMaj sym, boolean vectors) {
        Jacobi.Decomposition d = Jacobi.decompose(sym, vectors);
        return new Result(d.values(), d.vectors(), "jacobi");
    }

    /** Eigenvalues of the symmetric tridiagonal matrix (alpha on the diagonal, beta off it), ascending, with vectors. */
    static Result tridiagonal(double[] alpha, double[] beta, int m) {
        DMatrixRMaj t = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            t.set(i, i, alpha[i]);
            if (i + 1 < m) {
                t.set(i, i + 1, beta[i]);
                t.set(i + 1, i, beta[i]);
            }
        }
        return solve(t);
    }
}
