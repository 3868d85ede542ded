package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.SymmetricEigenContract;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * {@link SymmetricEigenContract} on full-length {@link Lanczos} ({@code k = n}, at most {@code n} steps, Ritz
 * vectors) on the matrix as a {@link SymmetricOperator}. Lanczos finds each distinct eigenvalue once, so the
 * prescribed spectra have no repeats here.
 */
class LanczosContractTest extends SymmetricEigenContract {
    @Override
    protected Decomposition decompose(DMatrixRMaj m) {
        SymmetricOperator op = SymmetricOperator.of(m);
        int n = op.dimension();
        Lanczos.Result r = Lanczos.run(op, Lanczos.Options.builder().k(n).which(Lanczos.Which.TOP)
                .maxIterations(n).vectors(true).checkEvery(1).build());
        List<RitzPair> top = r.top(); // descending
        double[] values = new double[top.size()];
        DMatrixRMaj vectors = new DMatrixRMaj(n, top.size());
        for (int k = 0; k < top.size(); k++) {
            RitzPair p = top.get(top.size() - 1 - k);
            values[k] = p.value();
            for (int i = 0; i < n; i++) {
                vectors.set(i, k, p.vector()[i]);
            }
        }
        return new Decomposition(values, vectors);
    }

    @Override
    protected boolean acceptsEmpty() {
        return false; // "operator has dimension 0"... refused by SymmetricOperator.of: "expected square and non-empty"
    }

    @Override
    protected boolean resolvesMultiplicities() {
        return false;
    }
}
