package io.github.dlnkit.spectrum;

import io.github.dlnkit.model.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * All eigenvalues of a dense symmetric matrix, ascending, with the count of (numerically) zero ones.
 *
 * @param eigenvalues ascending
 * @param tolerance   absolute threshold used for "zero": {@code |mu| <= tolerance}
 */
public record DenseSpectrum(double[] eigenvalues, double tolerance) {

    /** Default relative tolerance for zero eigenvalues, relative to {@link #scaleOf}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;

    /**
     * Eigenvalues of the symmetric matrix {@code m} (symmetrised first), with zero tolerance
     * {@code relTol * max(1, |mu|_max)}.
     */
    public static DenseSpectrum of(DMatrixRMaj m, double relTol) {
        Checks.finite("matrix", m);
        if (m.numRows != m.numCols) {
            throw new IllegalArgumentException("matrix has shape " + Checks.shape(m) + ", expected square");
        }
        int n = m.numRows;
        DMatrixRMaj s = m.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (s.get(i, j) + s.get(j, i));
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(s)) {
            throw new IllegalStateException("symmetric eigen-decomposition failed (" + n + "x" + n + ")");
        }
        double[] ev = new double[n];
        for (int k = 0; k < n; k++) {
            ev[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(ev);
        return new DenseSpectrum(ev, relTol * scaleOf(ev));
    }

    /** {@code max(1, max |mu|)}: zeros are judged relative to this. */
    public static double scaleOf(double[] ev) {
        double s = 1;
        for (double v : ev) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    public double min() {
        return eigenvalues[0];
    }

    public double max() {
        return eigenvalues[eigenvalues.length - 1];
    }

    /** Number of eigenvalues with {@code |mu| <= tolerance}. */
    public int zeroCount() {
        return (int) Arrays.stream(eigenvalues).filter(v -> Math.abs(v) <= tolerance).count();
    }

    /** Number of eigenvalues {@code < -tolerance}. */
    public int negativeCount() {
        return (int) Arrays.stream(eigenvalues).filter(v -> v < -tolerance).count();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }
}
