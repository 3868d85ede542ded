package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simon's partial reorthogonalization in {@link LanczosBasis}: the basis stays semi-orthogonal, the Ritz values are
 * exact to rounding with no spurious copies, and far fewer steps pay for a full pass than with full
 * reorthogonalization. Independent route: the operator is diagonal, so the exact spectrum is known.
 */
class PartialReorthogonalizationTest {

    /** Spectra that make plain Lanczos lose orthogonality fast: well separated extremes, a dense bulk, clusters. */
    private static double[][] spectra() {
        Random r = new Random(20261202);
        double[] bulk = new double[3000];
        for (int i = 0; i < bulk.length; i++) {
            bulk[i] = r.nextGaussian();
        }
        bulk[0] = 40;
        bulk[1] = 35;
        bulk[2] = 34.999;
        bulk[3] = -20;
        double[] geometric = new double[1500];
        for (int i = 0; i < geometric.length; i++) {
            geometric[i] = Math.pow(1.01, i) * (i % 2 == 0 ? 1 : -1) * 1e-6; // 1e-6 .. 3e0, both signs
        }
        double[] hessianLike = new double[2048];
        for (int i = 0; i < hessianLike.length; i++) {
            hessianLike[i] = i < 1500 ? 0 : 1e4 * r.nextDouble(); // a large null space, as at a saddle
        }
        hessianLike[7] = -4.2e3;
        return new double[][]{bulk, geometric, hessianLike};
    }

    @Test
    void basisStaysSemiOrthogonalAndRitzValuesHaveNoGhosts() {
        for (double[] d : spectra()) {
            SymmetricOperator op = SymmetricOperator.diagonal(d);
            int steps = 220;
            LanczosBasis b = new LanczosBasis(op, Lanczos.gaussian(d.length, 3), steps, false);
            while (b.step()) {
                // run all steps
            }
            int m = b.steps();
            double[][] q = new double[m][];
            for (int j = 0; j < m; j++) {
                q[j] = b.vector(j);
            }
            double worst = 0;
            for (int i = 0; i < m; i++) {
                assertEquals(1, Vectors.norm(q[i]), 1e-12, "q_" + i + " is a unit vector");
                for (int k = 0; k < i; k++) {
                    worst = Math.max(worst, Math.abs(Vectors.dot(q[i], q[k])));
                }
            }
            assertTrue(worst <= 10 * LanczosBasis.SEMI, "max |q_i . q_k| = " + worst + " > 10 sqrt(eps)");
            assertTrue(b.reorthogonalizations() < m / 2, b.reorthogonalizations() + " full passes in " + m + " steps");

            double[] exact = d.clone();
            Arrays.sort(exact);
            double scale = Math.max(Math.abs(exact[0]), Math.abs(exact[exact.length - 1]));
            double[] ritz = b.tridiagonal().ritz().values(); // ascending
            // the extremes converge, each exactly once (a ghost would be a second Ritz value at the same eigenvalue)
            double top = ritz[ritz.length - 1];
            double bottom = ritz[0];
            assertEquals(exact[exact.length - 1], top, 1e-10 * scale);
            assertEquals(exact[0], bottom, 1e-10 * scale);
            long copiesTop = Arrays.stream(ritz).filter(v -> Math.abs(v - top) <= 1e-8 * scale).count();
            long copiesBottom = Arrays.stream(ritz).filter(v -> Math.abs(v - bottom) <= 1e-8 * scale).count();
            assertEquals(1, copiesTop, "copies of the largest eigenvalue among the Ritz values");
            assertEquals(1, copiesBottom, "copies of the smallest eigenvalue among the Ritz values");
        }
    }

    @Test
    void fullReorthogonalizationOnRequestGivesAnOrthonormalBasis() {
        double[] d = spectra()[0];
        LanczosBasis b = new LanczosBasis(SymmetricOperator.diagonal(d), Lanczos.gaussian(d.length, 5), 80, true);
        while (b.step()) {
            // run all steps
        }
        assertEquals(b.steps(), b.reorthogonalizations());
        double worst = 0;
        for (int i = 0; i < b.steps(); i++) {
            double[] qi = b.vector(i);
            for (int k = 0; k < i; k++) {
                worst = Math.max(worst, Math.abs(Vectors.dot(qi, b.vector(k))));
            }
        }
        assertTrue(worst <= 1e-14, "max |q_i . q_k| = " + worst);
    }
}
