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
 * to the general eigen-solver on the symmetrised matrix and keeps the real parts.
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
            if (!eig.decompose(s)) {
                throw new IllegalStateException("eigen-decomposition of the " + n + "x" + n + " Hessian failed with the "
                        + "symmetric and the general solver");
            }
            double[] ev = new double[n];
            for (int k = 0; k < n; k++) {
                ev[k] = eig.getEigenvalue(k).real;
            }
            Arrays.sort(ev);
            return ev;
        }
    }
}
