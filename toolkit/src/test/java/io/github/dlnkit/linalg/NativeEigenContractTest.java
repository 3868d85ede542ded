package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link SymmetricEigenContract} on native LAPACK {@code dsyevd} ({@link SymmetricEigen.Backend#NATIVE_LAPACK}). */
class NativeEigenContractTest extends SymmetricEigenContract {
    @BeforeEach
    void requireNative() {
        assumeTrue(NativeLibraries.lapack() != null, "native LAPACK not loaded: " + SymmetricEigen.describe());
    }

    @Override
    protected Decomposition decompose(DMatrixRMaj m) {
        return new Decomposition(SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.NATIVE_LAPACK), null);
    }

    @Override
    protected boolean acceptsEmpty() {
        return true;
    }
}
