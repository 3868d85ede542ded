package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;

/** {@link SymmetricEigenContract} on EJML's symmetric QR ({@link SymmetricEigen.Backend#EJML}). */
class EjmlEigenContractTest extends SymmetricEigenContract {
    @Override
    protected Decomposition decompose(DMatrixRMaj m) {
        return new Decomposition(SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.EJML), null);
    }

    @Override
    protected boolean acceptsEmpty() {
        return true;
    }
}
