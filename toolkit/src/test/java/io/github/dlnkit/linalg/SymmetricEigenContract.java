package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.dlnkit.linalg.EigenFixtures.EIGENVALUE_REL;
import static io.github.dlnkit.linalg.EigenFixtures.ORTHOGONALITY;
import static io.github.dlnkit.linalg.EigenFixtures.RESIDUAL_REL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every symmetric eigen-solver of the toolkit keeps (issue 19, item 5), run against each backend by a
 * subclass: ascending eigenvalues equal to a prescribed spectrum (repeated and zero values included, for backends that
 * resolve multiplicities) and to the trace and Frobenius norm; {@code A V = V D} with orthonormal {@code V} where the
 * backend returns vectors; empty and {@code 1 x 1} input; non-finite input refused with a message naming the entry;
 * the input left unmodified.
 */
public abstract class SymmetricEigenContract {

    /** Eigenvalues ascending and, when the backend has them, unit eigenvectors as columns (else {@code null}). */
    public record Decomposition(double[] values, DMatrixRMaj vectors) {
    }

    /** The backend under test, on the symmetric {@code m}. */
    protected abstract Decomposition decompose(DMatrixRMaj m);

    /** Whether an empty matrix gives an empty spectrum (true) or is refused as input (false). */
    protected abstract boolean acceptsEmpty();

    /** Whether repeated eigenvalues come out with their multiplicity (Lanczos finds each distinct value once). */
    protected boolean resolvesMultiplicities() {
        return true;
    }

    @AfterEach
    void restoreNative() {
        System.clearProperty(NativeLibraries.PROPERTY);
    }

    @Test
    void prescribedSpectraAscending() {
        Random rng = new Random(19_05);
        for (int t = 0; t < 12; t++) {
            int n = 2 + rng.nextInt(24);
            double scale = Math.pow(10, -3 + 6 * rng.nextDouble());
            double[] mu = EigenFixtures.separatedSpectrum(n, scale, rng);
            if (resolvesMultiplicities()) {
                for (int k = 0; k < n; k += 3) {
                    mu[k] = k % 2 == 0 ? 0.0 : mu[0]; // zeros and a repeated value
                }
            }
            DMatrixRMaj m = EigenFixtures.withSpectrum(mu, rng);
            Decomposition d = decompose(m);
            double[] expected = EigenFixtures.sorted(mu);
            double s = EigenFixtures.scaleOf(expected);
            assertEquals(n, d.values().length, "eigenvalue count, n = " + n);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[k], d.values()[k], EIGENVALUE_REL * s, "eigenvalue " + k + " of n = " + n);
                if (k > 0) {
                    assertTrue(d.values()[k - 1] <= d.values()[k], "ascending at " + k);
                }
            }
        }
    }

    @Test
    void traceFrobeniusAndEigenvectors() {
        Random rng = new Random(19_55);
        for (int t = 0; t < 10; t++) {
            int n = 1 + rng.nextInt(30);
            DMatrixRMaj m = EigenFixtures.randomSymmetric(n, rng);
            Decomposition d = decompose(m);
            double sum = 0;
            double squares = 0;
            for (double v : d.values()) {
                sum += v;
                squares += v * v;
            }
            double fro = NormOps_DDRM.normF(m);
            double s = Math.max(1, fro);
            assertEquals(CommonOps_DDRM.trace(m), sum, EIGENVALUE_REL * s * n, "trace, n = " + n);
            assertEquals(fro * fro, squares, EIGENVALUE_REL * s * s * n, "Frobenius norm squared, n = " + n);
            if (d.vectors() != null) {
                checkVectors(m, d, s);
            }
        }
    }

    private static void checkVectors(DMatrixRMaj m, Decomposition d, double s) {
        int n = m.numRows;
        DMatrixRMaj v = d.vectors();
        DMatrixRMaj av = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(m, v, av);
        for (int k = 0; k < n; k++) {
            double r = 0;
            for (int i = 0; i < n; i++) {
                double e = av.get(i, k) - d.values()[k] * v.get(i, k);
                r += e * e;
            }
            assertTrue(Math.sqrt(r) <= RESIDUAL_REL * s, "||A v - lambda v|| = " + Math.sqrt(r) + " for k = " + k);
        }
        DMatrixRMaj vtv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(v, v, vtv);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, vtv.get(i, j), ORTHOGONALITY, "V^T V at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void oneByOne() {
        Decomposition d = decompose(new DMatrixRMaj(new double[][]{{-3.5}}));
        assertArrayEquals(new double[]{-3.5}, d.values(), 0.0);
        if (d.vectors() != null) {
            assertEquals(1.0, Math.abs(d.vectors().get(0, 0)), ORTHOGONALITY);
        }
    }

    @Test
    void emptyInput() {
        DMatrixRMaj empty = new DMatrixRMaj(0, 0);
        if (acceptsEmpty()) {
            assertEquals(0, decompose(empty).values().length);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decompose(empty));
            assertTrue(e.getMessage().contains("0x0") || e.getMessage().contains("dimension 0"), e.getMessage());
        }
    }

    @Test
    void nonFiniteInputRefused() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            DMatrixRMaj m = EigenFixtures.randomSymmetric(4, new Random(7));
            m.set(2, 1, bad);
            m.set(1, 2, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decompose(m));
            assertTrue(e.getMessage().contains("non-finite") || e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void inputNotModified() {
        DMatrixRMaj m = EigenFixtures.randomSymmetric(12, new Random(11));
        m.set(3, 5, m.get(3, 5) + 0.25); // slightly asymmetric: the backends symmetrise a copy
        DMatrixRMaj before = m.copy();
        decompose(m);
        assertArrayEquals(before.data, m.data, 0.0);
    }
}
