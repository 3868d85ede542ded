package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;

/** {@link SymmetricEigenContract} on cyclic Jacobi rotations with eigenvectors ({@link Jacobi#decompose}). */
class JacobiEigenContractTest extends SymmetricEigenContract {
    @Override
    protected Decomposition decompose(DMatrixRMaj m) {
        Jacobi.Decomposition d = Jacobi.decompose(SymmetricEigen.symmetrised(m), true);
        return new Decomposition(d.values(), d.vectors());
    }

    @Override
    protected boolean acceptsEmpty() {
        return true;
    }
}
