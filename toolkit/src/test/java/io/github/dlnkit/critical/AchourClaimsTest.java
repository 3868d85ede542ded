package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of Achour, Malgouyres and Gerchinovitz (2024) not covered elsewhere (docs/theory/claims.md rows A2, A16, A17):
 * non-strict saddles are rank-constrained global minima, there are no local maxima, and the shallow case has only
 * strict saddles.
 */
class AchourClaimsTest {

    @Test
    void nonStrictSaddlesAreRankConstrainedGlobalMinima() {
        int checked = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Dataset data = Datasets.gaussian(4, 3, 12, seed);
            Architecture arch = Architecture.of(4, 3, 3, 3, 3);
            Loss loss = Loss.of(data);
            for (int r = 0; r < arch.rMax(); r++) {
                Weights w = CriticalPoints.builder(data, arch).S(CriticalPoints.prefix(r))
                        .pointClass(PointClass.NON_STRICT_SADDLE).changeOfBasis(seed + r).build();
                double best = RankConstrained.minimum(data, r);
                // Eckart-Young on the whitened cross-covariance, not the critical-value formula
                assertEquals(best, loss.value(w), 1e-9 * data.traceSyy(), "seed " + seed + " r " + r);
                DMatrixRMaj p = w.endToEnd();
                DMatrixRMaj pr = RankConstrained.map(data, r);
                assertTrue(MatrixOps.dot(minus(p, pr), minus(p, pr)) < 1e-18 * (1 + MatrixOps.dot(pr, pr)));
                // no rank-r map does better: random rank-r maps and random perturbations of P_r within rank r
                Random rng = new Random(seed * 31 + r);
                for (int k = 0; k < 50; k++) {
                    DMatrixRMaj q = MatrixOps.mult(RandomMatrices.gaussian(3, r, 1, rng), RandomMatrices.gaussian(r, 4, 1, rng));
                    assertTrue(RankConstrained.loss(data, q) >= best - 1e-9 * data.traceSyy());
                }
                // a strict saddle with a non-prefix S of the same rank sits strictly above the rank-r optimum
                if (r >= 1) {
                    int[] shifted = new int[r];
                    for (int i = 0; i < r; i++) {
                        shifted[i] = i + 2;
                    }
                    Weights s = CriticalPoints.withS(data, arch, shifted, PointClass.STRICT_SADDLE);
                    assertTrue(loss.value(s) > best + 1e-6 * data.traceSyy());
                }
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void gradientDescentFromASmallStartRestsOnEveryRankConstrainedOptimum() {
        // X = I_3, Y = diag(3, 2, 1), three layers of width 3 (the section-12 protocol): plateaus at 14, 5, 1, then 0
        Dataset data = io.github.dlnkit.model.Dataset.of(org.ejml.dense.row.CommonOps_DDRM.identity(3), MatrixOps.diag(3, 2, 1));
        Loss loss = Loss.of(data);
        Architecture arch = Architecture.of(3, 3, 3, 3);
        Weights w = Weights.gaussian(arch, 0.03, 11);
        int[] plateau = new int[arch.rMax()];
        for (int k = 0; k < 6000; k++) {
            double l = loss.value(w);
            for (int r = 0; r < plateau.length; r++) {
                double best = RankConstrained.minimum(data, r);
                if (Math.abs(l - best) < 0.01 * best) {
                    plateau[r]++;
                }
            }
            w = w.plus(loss.gradient(w), -1e-2);
        }
        for (int r = 0; r < plateau.length; r++) {
            assertTrue(plateau[r] >= 100, "plateau at the rank-" + r + " optimum: " + java.util.Arrays.toString(plateau));
        }
        assertTrue(loss.value(w) < 1e-8, "and then the global minimum");
    }

    @Test
    void everyCriticalPointHasADirectionOfIncreaseSoThereAreNoLocalMaxima() {
        Dataset data = Datasets.gaussian(3, 3, 10, 8);
        Loss loss = Loss.of(data);
        List<Weights> points = new ArrayList<>();
        for (Architecture arch : List.of(Architecture.of(3, 3, 3), Architecture.of(3, 3, 3, 3), Architecture.of(3, 2, 3, 3, 3))) {
            for (int r = 0; r <= arch.rMax(); r++) {
                for (PointClass c : PointClass.values()) {
                    try {
                        points.add(CriticalPoints.builder(data, arch).S(CriticalPoints.prefix(r)).pointClass(c).changeOfBasis(r).build());
                    } catch (IllegalArgumentException impossible) {
                        // this class does not exist at this rank and depth
                    }
                }
            }
            points.add(Weights.zeros(arch));
        }
        assertTrue(points.size() >= 15, "points " + points.size());
        int zeroHessians = 0;
        Random rng = new Random(3);
        for (Weights w : points) {
            DenseSpectrum sp = DenseSpectrum.withVectors(loss.hessian(w), 1e-9);
            double base = loss.value(w);
            double t = 1e-3;
            if (sp.max() > 1e-9 * data.traceSyy()) {
                // along the top eigenvector the loss rises at second order
                Weights v = Weights.fromVector(w.architecture(), sp.eigenvector(sp.dimension() - 1));
                assertTrue(loss.value(w.plus(v, t)) > base, "increase along the top eigenvector");
                continue;
            }
            // Hessian identically zero (W = 0 with H >= 3): L(t delta) = L(0) - 2 t^H tr(Q Sxy) + O(t^{2H}) with
            // Q = delta_H ... delta_1, so delta or delta with delta_1 negated increases the loss
            assertEquals(0, sp.negativeCount(), "no negative curvature where there is no positive one");
            Weights d = Weights.gaussian(w.architecture(), 1, rng.nextLong());
            List<DMatrixRMaj> flipped = new ArrayList<>(d.layers());
            DMatrixRMaj f = flipped.get(0).copy();
            org.ejml.dense.row.CommonOps_DDRM.scale(-1, f);
            flipped.set(0, f);
            Weights d2 = Weights.of(flipped);
            t = 0.05;
            assertTrue(Math.max(loss.value(w.plus(d, t)), loss.value(w.plus(d2, t))) > base, "increase at W = 0");
            zeroHessians++;
        }
        assertTrue(zeroHessians >= 2, "W = 0 for the two deeper widths");
    }

    @Test
    void shallowNetworksHaveOnlyStrictSaddles() {
        Dataset data = Datasets.gaussian(4, 3, 12, 2);
        for (Architecture arch : List.of(Architecture.of(4, 3, 3), Architecture.of(4, 5, 3), Architecture.of(4, 2, 3))) {
            for (int r = 0; r < arch.rMax(); r++) {
                final int rr = r;
                assertThrows(IllegalArgumentException.class, () -> CriticalPoints.nonStrictSaddle(data, arch, rr));
                for (long seed = 0; seed < 3; seed++) {
                    Weights w = CriticalPoints.builder(data, arch).S(CriticalPoints.prefix(r)).changeOfBasis(seed).build();
                    Classification c = Classifier.classify(data, w);
                    assertEquals(PointClass.STRICT_SADDLE, c.pointClass(), arch + " r " + r);
                    double[] ev = SymmetricEigen.eigenvalues(Loss.of(data).hessian(w));
                    assertTrue(ev[0] < -1e-6 * data.traceSyy(), "negative curvature at every saddle of " + arch);
                }
            }
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        org.ejml.dense.row.CommonOps_DDRM.subtractEquals(c, b);
        return c;
    }
}
