package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.SymmetricEigenContract;
import org.ejml.data.DMatrixRMaj;

/** {@link SymmetricEigenContract} on {@link DenseSpectrum#withVectors} (eigenvalues and unit eigenvectors). */
class DenseSpectrumContractTest extends SymmetricEigenContract {
    @Override
    protected Decomposition decompose(DMatrixRMaj m) {
        DenseSpectrum d = DenseSpectrum.withVectors(m, DenseSpectrum.DEFAULT_RELATIVE_TOLERANCE);
        return new Decomposition(d.eigenvalues(), d.eigenvectors());
    }

    @Override
    protected boolean acceptsEmpty() {
        return false; // a spectrum of nothing is refused as input ("expected square and non-empty")
    }
}
