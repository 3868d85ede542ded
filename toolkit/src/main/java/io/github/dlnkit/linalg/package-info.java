/**
 * Dense linear algebra back-ends: {@link io.github.dlnkit.linalg.SymmetricEigen} (all eigenvalues of a symmetric
 * matrix: native LAPACK, EJML, Jacobi) and {@link io.github.dlnkit.linalg.Gemm} (matrix products with output
 * arguments: native BLAS, EJML). The native route is the system's OpenBLAS ({@code libopenblas0}, {@code
 * liblapack3}) through {@code dev.ludovic.netlib}; {@code -Ddlnkit.native=false} forces pure Java.
 */
package io.github.dlnkit.linalg;
