/**
 * Dense linear algebra back-ends: {@link io.github.dlnkit.linalg.SymmetricEigen} (all eigenvalues of a symmetric
 * matrix: native LAPACK, EJML, Jacobi) and {@link io.github.dlnkit.linalg.Gemm} (matrix products with output
 * arguments: native BLAS, EJML), and the one home of the allocating helpers every package uses:
 * {@link io.github.dlnkit.linalg.MatrixOps} (products, transposes, inner products, sub-matrices),
 * {@link io.github.dlnkit.linalg.SingularOps} (SVD, ranks at a stated cut-off, null spaces, ranges) and
 * {@link io.github.dlnkit.linalg.RandomMatrices} (seeded Gaussian matrices and orthonormal frames). The native route is the system's OpenBLAS ({@code libopenblas0}, {@code
 * liblapack3}) through {@code dev.ludovic.netlib}; {@code -Ddlnkit.native=false} forces pure Java.
 */
package io.github.dlnkit.linalg;
