package io.github.dlnkit.critical;

import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * Eigenvalues (ascending) of the dense Hessian of the plain-sum loss, via {@link DenseSpectrum}; when EJML's
 * symmetric QR iteration does not converge (it occasionally fails on Hessians with many exact zeros), falls back
 * to the general eigen-solver on the symmetrised matrix (real parts), and then to cyclic Jacobi rotations, which
 * always converge.
 */
public final class HessianSpectrum {
    private HessianSpectrum() {
    }

    /** All eigenvalues of {@code Hess L(W)}, ascending. */
    public static double[] eigenvalues(Dataset data, Weights w) {
        DMatrixRMaj h = Loss.of(data).hessian(w);
        try {
            return DenseSpectrum.of(h, DenseSpectrum.DEFAULT_RELATIVE_TOLERANCE).eigenvalues();
        } catch (IllegalStateException e) {
            int n = h.numRows;
            DMatrixRMaj s = h.copy();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double v = 0.5 * (s.get(i, j) + s.get(j, i));
                    s.set(i, j, v);
                    s.set(j, i, v);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
            if (!eig.decompose(s.copy())) {
                return jacobi(s);
            }
            double[] ev = new double[n];
            for (int k = 0; k < n; k++) {
                ev[k] = eig.getEigenvalue(k).real;
            }
            Arrays.sort(ev);
            return ev;
        }
    }

    /** Eigenvalues (ascending) of a symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, section 8.5). */
    static double[] jacobi(DMatrixRMaj sym) {
        int n = sym.numRows;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = sym.get(i, j);
            }
        }
        double total = 0;
        for (double[] row : a) {
            for (double v : row) {
                total += v * v;
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
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
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
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = a[i][i];
        }
        Arrays.sort(ev);
        return ev;
    }
}
