package io.github.dlnkit.spectrum;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The implicit QL of the Ritz checks ({@link TridiagonalQl}) against the full eigen-decomposition of the same
 * tridiagonal ({@link EigenPairs#tridiagonal}): eigenvalues, and the first and last eigenvector components up to sign,
 * on random tridiagonals, graded ones and ones scaled by {@code 2^k} far beyond the square root of the double range
 * (where {@code sqrt(x^2 + y^2)} without care would overflow or underflow).
 */
class TridiagonalQlTest {

    @Test
    void agreesWithFullDecompositionOnRandomAndGradedTridiagonals() {
        SplittableRandom rng = new SplittableRandom(20261202);
        double worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rng.nextInt(60);
            double[] a = new double[m];
            double[] b = new double[Math.max(0, m - 1)];
            boolean graded = trial % 2 == 1;
            for (int i = 0; i < m; i++) {
                a[i] = (rng.nextDouble() - 0.5) * (graded ? Math.pow(10, -i % 12) : 1);
                if (i < m - 1) {
                    b[i] = rng.nextDouble() * (graded ? Math.pow(10, -(i % 12)) : 1) + (graded ? 0 : 1e-3);
                }
            }
            worst = Math.max(worst, compare(a, b, m));
        }
        System.out.println("TridiagonalQl vs full decomposition, 200 tridiagonals: worst difference " + worst);
    }

    @Test
    void exactUnderPowerOfTwoScalingFarOutsideTheSquareRootRange() {
        SplittableRandom rng = new SplittableRandom(7);
        int m = 40;
        double[] a = new double[m];
        double[] b = new double[m - 1];
        for (int i = 0; i < m; i++) {
            a[i] = rng.nextDouble() - 0.5;
            if (i < m - 1) {
                b[i] = rng.nextDouble() + 0.1;
            }
        }
        TridiagonalQl.Result ref = TridiagonalQl.solve(a, b, m);
        for (int k : new int[]{-1000, -600, -170, 170, 600, 1000}) {
            double s = Math.scalb(1.0, k);
            double[] as = a.clone();
            double[] bs = b.clone();
            for (int i = 0; i < m; i++) {
                as[i] *= s;
                if (i < m - 1) {
                    bs[i] *= s;
                }
            }
            TridiagonalQl.Result r = TridiagonalQl.solve(as, bs, m);
            for (int i = 0; i < m; i++) {
                assertEquals(ref.values()[i] * s, r.values()[i], 0.0, "scale 2^" + k + " value " + i);
                assertEquals(ref.first()[i], r.first()[i], 0.0, "scale 2^" + k + " first component " + i);
                assertEquals(ref.last()[i], r.last()[i], 0.0, "scale 2^" + k + " last component " + i);
            }
        }
    }

    /** Largest difference, relative to {@code max |lambda|}, of values and of |first| / |last| components. */
    private static double compare(double[] a, double[] b, int m) {
        TridiagonalQl.Result ql = TridiagonalQl.solve(a, b, m);
        EigenPairs.Result full = EigenPairs.tridiagonal(a, b, m);
        double scale = 0;
        for (double v : full.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double dv = Math.abs(ql.values()[i] - full.values()[i]) / scale;
            assertTrue(dv <= 1e-13, "value " + i + " of m = " + m + ": " + ql.values()[i] + " vs " + full.values()[i]);
            worst = Math.max(worst, dv);
            // components are defined up to sign, and only for well separated eigenvalues
            double gap = Double.POSITIVE_INFINITY;
            if (i > 0) {
                gap = Math.min(gap, full.values()[i] - full.values()[i - 1]);
            }
            if (i < m - 1) {
                gap = Math.min(gap, full.values()[i + 1] - full.values()[i]);
            }
            if (gap > 1e-6 * scale) {
                double df = Math.abs(Math.abs(ql.first()[i]) - Math.abs(full.vectors().get(0, i)));
                double dl = Math.abs(Math.abs(ql.last()[i]) - Math.abs(full.vectors().get(m - 1, i)));
                double tol = 1e-12 * scale / gap;
                assertTrue(df <= tol && dl <= tol, "components of eigenvector " + i + " of m = " + m + ": first "
                        + ql.first()[i] + " vs " + full.vectors().get(0, i) + ", last " + ql.last()[i] + " vs "
                        + full.vectors().get(m - 1, i));
                worst = Math.max(worst, Math.max(df, dl));
            }
        }
        return worst;
    }
}
