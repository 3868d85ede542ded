package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Cyclic Jacobi rotations for a dense symmetric matrix (Golub and Van Loan, section 8.5): sweeps of plane
 * rotations {@code A <- J^T A J} that zero each off-diagonal entry in turn, until the off-diagonal mass is below
 * {@code 1e-30} of the total ({@code ||off(A)||_F^2 <= 1e-30 ||A||_F^2}; at most 100 sweeps), eigenvectors
 * accumulated as {@code V <- V J} when asked. Slow ({@code O(n^3)} per sweep) but it always converges: the last
 * resort of {@link SymmetricEigen} and of the eigenvector route of {@code spectrum.DenseSpectrum} when LAPACK is
 * absent and EJML's QR iteration fails (it occasionally does on Hessians with many exact zeros).
 */
public final class Jacobi {
    private Jacobi() {
    }

    /**
     * Eigenvalues ascending, and eigenvectors as columns (or {@code null} when not asked for).
     */
    public record Decomposition(double[] values, DMatrixRMaj vectors) {
    }

    /**
     * Eigenvalues (ascending) of the symmetric {@code sym} (not modified) and, when {@code vectors}, the unit
     * eigenvectors as the columns of an {@code n x n} matrix (column {@code k} belongs to {@code values[k]}).
     * {@link IllegalArgumentException} when {@code sym} is null, not square or has a non-finite entry.
     */
    public static Decomposition decompose(DMatrixRMaj sym, boolean vectors) {
        SymmetricEigen.requireSquare(sym);
        int n = sym.numRows;
        double[][] a = new double[n][n];
        double[][] v = vectors ? new double[n][n] : null;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = sym.get(i, j);
                SymmetricEigen.requireFinite(a[i][j], i, j);
                total += a[i][j] * a[i][j];
            }
            if (vectors) {
                v[i][i] = 1;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    if (vectors) {
                        for (int k = 0; k < n; k++) {
                            double vkp = v[k][p];
                            double vkq = v[k][q];
                            v[k][p] = c * vkp - sn * vkq;
                            v[k][q] = sn * vkp + c * vkq;
                        }
                    }
                }
            }
        }
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = a[i][i];
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(k -> diag[k])).toArray(Integer[]::new);
        double[] ev = new double[n];
        DMatrixRMaj vm = vectors ? new DMatrixRMaj(n, n) : null;
        for (int k = 0; k < n; k++) {
            ev[k] = diag[order[k]];
            if (vectors) {
                for (int i = 0; i < n; i++) {
                    vm.set(i, k, v[i][order[k]]);
                }
            }
        }
        return new Decomposition(ev, vm);
    }
}
