package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

/**
 * Eigenvalues (ascending) of the dense Hessian of the plain-sum loss, by {@link SymmetricEigen}: native LAPACK
 * when available, else EJML's symmetric QR iteration, its general solver when that does not converge (it
 * occasionally fails on Hessians with many exact zeros), then cyclic Jacobi rotations, which always converge.
 */
public final class HessianSpectrum {
    private HessianSpectrum() {
    }

    /** All eigenvalues of {@code Hess L(W)}, ascending. */
    public static double[] eigenvalues(Dataset data, Weights w) {
        return SymmetricEigen.eigenvalues(Loss.of(data).hessian(w));
    }
}
