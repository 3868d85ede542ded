package io.github.dlnkit.spectrum;

import org.ejml.data.DMatrixRMaj;

/**
 * A symmetric linear map {@code R^n -> R^n} given only by its action (matrix-free), the input of {@link Lanczos},
 * {@link SpectralDensity} and {@link Hutchinson}. Implementations must be symmetric: {@code <A x, y> = <x, A y>}.
 */
public interface SymmetricOperator {
    /** {@code n}. */
    int dimension();

    /** {@code out = A in}; {@code in} is not modified, both have length {@link #dimension()}. */
    void apply(double[] in, double[] out);

    /** The operator of a dense symmetric matrix (symmetrised copy). */
    static SymmetricOperator of(DMatrixRMaj m) {
        EigenPairs.requireSquare(m);
        DMatrixRMaj s = EigenPairs.symmetrised(m);
        int n = s.numRows;
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void apply(double[] in, double[] out) {
                double[] d = s.data;
                for (int i = 0; i < n; i++) {
                    double acc = 0;
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        acc += d[row + j] * in[j];
                    }
                    out[i] = acc;
                }
            }
        };
    }

    /** The diagonal operator {@code diag(d)}. */
    static SymmetricOperator diagonal(double... d) {
        double[] c = d.clone();
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return c.length;
            }

            @Override
            public void apply(double[] in, double[] out) {
                for (int i = 0; i < c.length; i++) {
                    out[i] = c[i] * in[i];
                }
            }
        };
    }
}
