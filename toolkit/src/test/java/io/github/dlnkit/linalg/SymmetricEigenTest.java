package io.github.dlnkit.linalg;

import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Loss;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every backend of {@link SymmetricEigen} against the others and against exact spectra. */
class SymmetricEigenTest {

    @AfterEach
    void restoreNative() {
        System.clearProperty(NativeLibraries.PROPERTY);
    }

    static DMatrixRMaj randomSymmetric(int n, Random rng) {
        return EigenFixtures.randomSymmetric(n, rng);
    }

    static DMatrixRMaj withSpectrum(double[] mu, Random rng) {
        return EigenFixtures.withSpectrum(mu, rng);
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], rel * scale, what + " eigenvalue " + k);
        }
    }

    @Test
    void nativeAgreesWithEjmlOnSeededMatrices() {
        assumeTrue(SymmetricEigen.preferredBackend() == SymmetricEigen.Backend.NATIVE_LAPACK,
                "native LAPACK not loaded: " + SymmetricEigen.describe());
        Random rng = new Random(20261129);
        for (int t = 0; t < 60; t++) {
            int n = t < 50 ? 1 + rng.nextInt(60) : 150 + rng.nextInt(150);
            DMatrixRMaj m = randomSymmetric(n, rng);
            double[] nat = SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.NATIVE_LAPACK);
            double[] ejml = SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.EJML);
            assertRelativelyEqual(ejml, nat, EigenFixtures.EIGENVALUE_REL, "n=" + n);
            SymmetricEigen.Result r = SymmetricEigen.solve(m);
            assertEquals(SymmetricEigen.Backend.NATIVE_LAPACK, r.backend());
            assertArrayEquals(nat, r.values(), 0.0);
        }
    }

    @Test
    void everyBackendRecoversPrescribedSpectraWithRepeatsAndZeros() {
        Random rng = new Random(31);
        for (int t = 0; t < 30; t++) {
            int n = 2 + rng.nextInt(25);
            double[] mu = new double[n];
            for (int k = 0; k < n; k++) {
                mu[k] = switch (rng.nextInt(4)) {
                    case 0 -> 0.0;
                    case 1 -> 2.5; // repeated
                    default -> rng.nextGaussian() * 10;
                };
            }
            double[] sorted = mu.clone();
            java.util.Arrays.sort(sorted);
            DMatrixRMaj m = withSpectrum(mu, rng);
            for (SymmetricEigen.Backend b : SymmetricEigen.Backend.values()) {
                if (b == SymmetricEigen.Backend.NATIVE_LAPACK && SymmetricEigen.preferredBackend() != b) {
                    continue;
                }
                assertRelativelyEqual(sorted, SymmetricEigen.eigenvalues(m, b), EigenFixtures.EIGENVALUE_REL, b + " n=" + n);
            }
        }
    }

    @Test
    void workedExampleHessianSpectraByTheDefaultRoute() {
        for (WorkedExample e : WorkedExamples.achour()) {
            DMatrixRMaj h = Loss.of(e.data()).hessian(e.point());
            assertArrayEquals(e.hessianEigenvalues(), SymmetricEigen.eigenvalues(h), 1e-9, e.name());
        }
    }

    @Test
    void propertyFalseForcesPureJava() {
        Random rng = new Random(5);
        DMatrixRMaj m = randomSymmetric(40, rng);
        double[] before = SymmetricEigen.eigenvalues(m);
        System.setProperty(NativeLibraries.PROPERTY, "false");
        assertEquals(SymmetricEigen.Backend.EJML, SymmetricEigen.preferredBackend());
        SymmetricEigen.Result r = SymmetricEigen.solve(m);
        assertEquals(SymmetricEigen.Backend.EJML, r.backend());
        assertTrue(SymmetricEigen.describe().contains("dlnkit.native=false"), SymmetricEigen.describe());
        assertRelativelyEqual(before, r.values(), 1e-10, "forced pure Java");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.NATIVE_LAPACK));
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
        assertTrue(!Gemm.isNative());
    }

    @Test
    void symmetrisesAnAsymmetricInput() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{2, 1}, {3, 2}}); // symmetric part [[2,2],[2,2]]: 0 and 4
        assertArrayEquals(new double[]{0, 4}, SymmetricEigen.eigenvalues(m), 1e-12);
        assertArrayEquals(new double[]{0, 4}, SymmetricEigen.eigenvalues(m, SymmetricEigen.Backend.JACOBI), 1e-12);
        assertEquals(0, SymmetricEigen.eigenvalues(new DMatrixRMaj(0, 0)).length);
    }

    @Test
    void badInputNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.eigenvalues(new DMatrixRMaj(2, 3)));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(3, 3);
        nan.set(2, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(nan));
        assertTrue(e.getMessage().contains("(2, 1)") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new DMatrixRMaj(1, 1), null));
        assertTrue(e.getMessage().contains("backend"), e.getMessage());
    }

    @Test
    void jacobiRejectsBadInputByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Jacobi.decompose(new DMatrixRMaj(3, 2), true));
        assertTrue(e.getMessage().contains("3x2") && e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Jacobi.decompose(null, false));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        DMatrixRMaj inf = new DMatrixRMaj(3, 3);
        inf.set(0, 2, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> Jacobi.decompose(inf, false));
        assertTrue(e.getMessage().contains("(0, 2)") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void inPlaceSolveMatchesTheCopyingOne() {
        Random rng = new Random(2020);
        for (int n : new int[]{0, 1, 5, 63, 64, 65, 130}) {
            DMatrixRMaj m = randomSymmetric(n, rng);
            if (n > 3) {
                m.set(1, 3, m.get(1, 3) + 0.5); // asymmetric: both symmetrise
            }
            SymmetricEigen.Result copying = SymmetricEigen.solve(m);
            SymmetricEigen.Result inPlace = SymmetricEigen.solveInPlace(m.copy());
            assertEquals(copying.backend(), inPlace.backend());
            assertArrayEquals(copying.values(), inPlace.values(), 0.0, "n = " + n);
        }
        DMatrixRMaj bad = randomSymmetric(70, rng);
        bad.set(66, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.solveInPlace(bad));
        assertTrue(e.getMessage().contains("(66, 2)") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
