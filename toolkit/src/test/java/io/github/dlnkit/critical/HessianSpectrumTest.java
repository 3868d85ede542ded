package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.model.Loss;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class HessianSpectrumTest {
    @Test
    void jacobiFallbackMatchesExactWorkedExampleSpectra() {
        for (WorkedExample e : WorkedExamples.achour()) {
            DMatrixRMaj h = Loss.of(e.data()).hessian(e.point());
            assertArrayEquals(e.hessianEigenvalues(), SymmetricEigen.eigenvalues(h, SymmetricEigen.Backend.JACOBI), 1e-9, e.name());
            assertArrayEquals(e.hessianEigenvalues(), HessianSpectrum.eigenvalues(e.data(), e.point()), 1e-9, e.name());
        }
    }

    @Test
    void jacobiMatchesEjmlOnRandomSymmetricMatrices() {
        Random rng = new Random(2);
        for (int t = 0; t < 20; t++) {
            int n = 1 + rng.nextInt(30);
            DMatrixRMaj g = RandomMatrices.gaussian(n, n, 1, rng);
            DMatrixRMaj s = new DMatrixRMaj(n, n);
            org.ejml.dense.row.CommonOps_DDRM.multTransB(g, g, s);
            org.ejml.dense.row.CommonOps_DDRM.addEquals(s, -3, org.ejml.dense.row.CommonOps_DDRM.identity(n));
            assertArrayEquals(io.github.dlnkit.spectrum.DenseSpectrum.of(s, 1e-9).eigenvalues(), SymmetricEigen.eigenvalues(s, SymmetricEigen.Backend.JACOBI), 1e-9);
        }
    }
}
