package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.critical.HessianSpectrum;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Loss;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseSpectrumTest {

    static DMatrixRMaj randomSymmetric(int n, double shift, Random rng) {
        DMatrixRMaj g = RandomMatrices.gaussian(n, n, 1, rng);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(g, g, s);
        CommonOps_DDRM.addEquals(s, shift, CommonOps_DDRM.identity(n));
        return s;
    }

    @Test
    void jacobiFallbackMatchesExactWorkedExampleSpectra() {
        for (WorkedExample e : WorkedExamples.achour()) {
            DMatrixRMaj h = Loss.of(e.data()).hessian(e.point());
            assertArrayEquals(e.hessianEigenvalues(), EigenPairs.jacobi(h, false).values(), 1e-9, e.name());
            assertArrayEquals(e.hessianEigenvalues(), DenseSpectrum.of(h).eigenvalues(), 1e-9, e.name());
            assertArrayEquals(e.hessianEigenvalues(), HessianSpectrum.eigenvalues(e.data(), e.point()), 1e-9, e.name());
        }
    }

    @Test
    void jacobiMatchesEjmlWithVectorsOnRandomSymmetricMatrices() {
        Random rng = new Random(2);
        for (int t = 0; t < 20; t++) {
            int n = 1 + rng.nextInt(30);
            DMatrixRMaj s = randomSymmetric(n, -3, rng);
            EigenPairs.Result j = EigenPairs.jacobi(s, true);
            DenseSpectrum d = DenseSpectrum.withVectors(s, 1e-9);
            assertArrayEquals(d.eigenvalues(), j.values(), 1e-9);
            for (EigenPairs.Result r : List.of(j, new EigenPairs.Result(d.eigenvalues(), d.eigenvectors(), "d"))) {
                // A V = V diag(mu), V^T V = I
                DMatrixRMaj av = new DMatrixRMaj(n, n);
                CommonOps_DDRM.mult(s, r.vectors(), av);
                DMatrixRMaj vtv = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransA(r.vectors(), r.vectors(), vtv);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < n; k++) {
                        assertEquals(r.values()[k] * r.vectors().get(i, k), av.get(i, k), 1e-9 * DenseSpectrum.scaleOf(r.values()));
                        assertEquals(i == k ? 1 : 0, vtv.get(i, k), 1e-10);
                    }
                }
            }
        }
    }

    @Test
    void clustersGiveMultiplicitiesAtTheTolerance() {
        DenseSpectrum d = DenseSpectrum.of(MatrixOps.diag(3, 0, 1, 1 + 1e-12, 0, 0, -2, 3), 1e-9);
        List<DenseSpectrum.Cluster> c = d.clusters();
        assertEquals(4, c.size());
        assertEquals(-2, c.get(0).value(), 0);
        assertEquals(3, c.get(1).multiplicity());
        assertEquals(2, c.get(2).multiplicity());
        assertEquals(2, c.get(3).multiplicity());
        assertEquals(1, c.get(1).first());
        assertEquals(3, d.zeroCount());
        assertEquals(1, d.negativeCount());
        assertEquals(4, d.positiveCount());
        assertArrayEquals(new double[]{-2, 0, 1 + 0.5e-12, 3}, d.distinct(), 1e-15);
        // at a tolerance below the gap, 1 and 1+1e-12 separate
        assertEquals(5, DenseSpectrum.of(MatrixOps.diag(3, 0, 1, 1 + 1e-12, 0, 0, -2, 3), 1e-14).clusters().size());
    }

    @Test
    void worksThroughOperatorMatrixRoundTrip() {
        Random rng = new Random(5);
        DMatrixRMaj s = randomSymmetric(12, -1, rng);
        DMatrixRMaj back = DenseSpectrum.toMatrix(SymmetricOperator.of(s));
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isEquals(s, back, 1e-12));
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.of(new DMatrixRMaj(2, 3), 1e-9));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.of(MatrixOps.diag(1, 2), -1))
                .getMessage().contains("tolerance"));
        DMatrixRMaj nan = MatrixOps.diag(1, 2);
        nan.set(0, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.of(nan, 1e-9));
        DenseSpectrum d = DenseSpectrum.of(MatrixOps.diag(1, 2), 1e-9);
        assertFalse(d.hasVectors());
        assertTrue(assertThrows(IllegalStateException.class, () -> d.eigenvector(0)).getMessage().contains("withVectors"));
        assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.withVectors(MatrixOps.diag(1, 2), 1e-9).eigenvector(2));
        // the operator of a dense matrix takes the same input checks
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.of(new DMatrixRMaj(2, 3)))
                .getMessage().contains("2x3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.of(new DMatrixRMaj(0, 0)))
                .getMessage().contains("non-empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.of(nan)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.of(null)).getMessage().contains("null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.withVectors(nan, 1e-9)).getMessage().contains("NaN"));
    }
}
