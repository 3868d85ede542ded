package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of Liao, Chitour and Couillet checked with evidence that could come out differently (docs/theory/claims.md
 * rows L3-L19): the reduction to {@code (A, B, C)}, Lemma 2, Proposition 1 (bounded trajectories, polynomial rate), the
 * degree of the loss, Theorem 1 over random data and without Assumption 3, Remark 1 as printed and corrected, Remark 2.
 */
class LiaoClaimsTest {

    @Test
    void reductionToTheCanonicalProblemKeepsLossCriticalityAndInertia() {
        Dataset data = Datasets.gaussian(4, 2, 11, 3);
        Architecture arch = Architecture.of(4, 3, 2);
        assertEquals(3 * (4 + 2), arch.parameterCount(), "dim X = d_1 (d_x + d_y)");
        CanonicalProblem cp = CanonicalProblem.of(data);
        Loss loss = Loss.of(data, LossConvention.HALF);
        Loss canonical = Loss.of(cp.data(), LossConvention.HALF);
        for (long seed = 0; seed < 5; seed++) {
            Weights w = Weights.gaussian(arch, 1, seed);
            assertEquals(loss.value(w), canonical.value(cp.toCanonical(w)) + cp.constant(), 1e-10 * loss.value(w));
        }
        assertEquals(0.5 * (data.traceSyy() - IntStream.range(0, 2).mapToDouble(k -> data.eigenvalues()[k]).sum()),
                cp.constant(), 1e-10 * data.traceSyy(), "the constant is 1/2 (tr Syy - tr Sigma)");
        for (int[] s : new int[][]{{}, {1}, {2}, {1, 2}}) {
            Weights w = CriticalPoints.builder(data, arch).S(s).changeOfBasis(5).build();
            Weights wb = cp.toCanonical(w);
            assertTrue(canonical.gradient(wb).norm() < 1e-10 * (1 + wb.norm() * wb.norm() * wb.norm()), "critical in the canonical variables");
            DenseSpectrum a = DenseSpectrum.of(loss.hessian(w), 1e-9);
            DenseSpectrum b = DenseSpectrum.of(canonical.hessian(wb), 1e-9);
            assertEquals(List.of(a.negativeCount(), a.zeroCount(), a.positiveCount()),
                    List.of(b.negativeCount(), b.zeroCount(), b.positiveCount()), "Sylvester's law of inertia");
        }
    }

    @Test
    void lemmaTwoKernelsAgreeAndArePermutationsOfCoordinates() {
        Dataset data = CanonicalProblem.of(Datasets.gaussian(5, 3, 12, 4)).data();
        Architecture arch = Architecture.of(5, 4, 3);
        for (int mask = 0; mask < 8; mask++) {
            final int m = mask;
            int[] s = IntStream.range(0, 3).filter(k -> (m >> k & 1) == 1).map(k -> k + 1).toArray();
            Weights w = CriticalPoints.builder(data, arch).S(s).changeOfBasis(mask + 1).build();
            DMatrixRMaj a = CanonicalProblem.blockA(w);
            DMatrixRMaj b = CanonicalProblem.blockB(w);
            DMatrixRMaj c = w.layer(2);
            double scale = 1 + MatrixOps.dot(a, a) + MatrixOps.dot(c, c);
            for (int j = 0; j < 3; j++) {
                final int jj = j;
                boolean kept = IntStream.of(s).anyMatch(k -> k == jj + 1);
                double aCol = colNorm(a, j);
                double cRow = colNorm(CommonOps_DDRM.transpose(c, null), j);
                // Ker A = Ker C^T = span{e_j : j not in S}: a coordinate subspace, U a permutation (Assumption 3)
                assertEquals(kept, aCol > 1e-8 * scale, "column " + j + " of A, S mask " + mask);
                assertEquals(kept, cRow > 1e-8 * scale, "row " + j + " of C, S mask " + mask);
            }
            DMatrixRMaj cb = MatrixOps.mult(c, b);
            assertTrue(MatrixOps.dot(cb, cb) < 1e-20 * scale * scale, "C B = 0");
        }
        // without Assumption 3 (S_Y = I) the kernel can be any line: U is not a permutation
        Dataset equal = Dataset.of(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2));
        double q = Math.sqrt(0.5);
        DMatrixRMaj u = new DMatrixRMaj(2, 1, true, q, q);
        DMatrixRMaj cMat = MatrixOps.mult(u, new DMatrixRMaj(1, 2, true, 2, 1));            // C = u c^T
        DMatrixRMaj aMat = MatrixOps.mult(new DMatrixRMaj(2, 1, true, 0.2, 0.6), new DMatrixRMaj(1, 2, true, q, q)); // A = a u^T, c.a = 1
        Weights rotated = Weights.of(aMat, cMat);
        assertTrue(Loss.of(equal).gradient(rotated).norm() < 1e-14, "a critical point whose kernel is the line (1,-1)");
    }

    @Test
    void propositionOneTrajectoriesStayBoundedAndConverge() {
        Dataset data = Datasets.gaussian(4, 2, 10, 6);
        Loss loss = Loss.of(data, LossConvention.HALF);
        Architecture arch = Architecture.of(4, 3, 2);
        double[] values = CriticalValues.of(data, arch, LossConvention.HALF).values();
        for (long seed = 0; seed < 6; seed++) {
            Weights w = Weights.gaussian(arch, 1.5, seed);
            double f0 = w.norm() * w.norm();
            Trajectory t = GradientFlow.builder().time(300).records(300).distanceTo(Weights.zeros(arch))
                    .singularValues(false).build().run(loss, w);
            double fMax = java.util.Arrays.stream(t.distance()).map(x -> x * x).max().orElseThrow();
            // converged to a critical point: the gradient vanishes and the loss is one of the critical values
            assertTrue(t.gradientNorm()[t.size() - 1] < 1e-4 * data.traceSyy(), "gradient at the end, seed " + seed);
            double lEnd = t.finalLoss();
            assertTrue(java.util.Arrays.stream(values).anyMatch(v -> Math.abs(v - lEnd) < 1e-5 * data.traceSyy()),
                    "limit value " + lEnd + " is a critical value, seed " + seed);
            // F = ||W_1||^2 + ||W_2||^2 stays bounded: dF/dt <= c_1 F - c_2 F^2 and the invariant C^0 is conserved
            assertTrue(fMax < 2 * f0 + 4 * CommonOps_DDRM.elementMaxAbs(data.syx()), "bounded: " + fMax + " vs start " + f0);
            assertTrue(t.maxInvariantDrift() < 1e-6, "Lemma 1 along the flow: drift " + t.maxInvariantDrift());
        }
    }

    @Test
    void propositionOnePolynomialRateWhereConvergenceIsNotExponential() {
        // scalar chain w3 w2 w1 (Liao's H = 2), x = y = 1, balanced start (a, a, -a): the product cannot change sign, the
        // flow runs into the non-strict saddle W = 0 with a' = -(a^3 + 1) a^2, so |W(t)| ~ sqrt(3)/t: rate t^-1
        Dataset data = Dataset.of(new double[][]{{1}}, new double[][]{{1}});
        Loss loss = Loss.of(data, LossConvention.HALF);
        double a = 0.5;
        Weights start = Weights.of(new DMatrixRMaj(1, 1, true, a), new DMatrixRMaj(1, 1, true, a), new DMatrixRMaj(1, 1, true, -a));
        Trajectory t = GradientFlow.builder().time(1e4).recordAt(100, 1e3, 1e4).distanceTo(Weights.zeros(start.architecture()))
                .singularValues(false).build().run(loss, start);
        double[] d = t.distance();
        int n = d.length;
        double slope = Math.log(d[n - 1] / d[n - 3]) / Math.log(100);
        assertEquals(-1, slope, 0.03, "distance to W = 0 decays like t^-1, not exponentially");
        assertEquals(Math.sqrt(3) / 1e4, d[n - 1], 0.02 * Math.sqrt(3) / 1e4);
        assertEquals(0.5, t.finalLoss(), 1e-3, "the limit is the saddle value 1/2, not the global minimum 0");
        // breaking the balance sends the flow to the global minimum instead
        Weights off = Weights.of(new DMatrixRMaj(1, 1, true, a), new DMatrixRMaj(1, 1, true, a), new DMatrixRMaj(1, 1, true, -0.3));
        assertTrue(GradientFlow.run(loss, off, 500).finalLoss() < 1e-8);
    }

    @Test
    void theLossIsAPolynomialOfDegreeTwoHPlusTwoNotHPlusOneSquared() {
        Dataset data = Datasets.gaussian(2, 2, 6, 1);
        Loss loss = Loss.of(data);
        for (int hidden = 1; hidden <= 3; hidden++) {
            int[] widths = new int[hidden + 2];
            java.util.Arrays.fill(widths, 2);
            Architecture arch = Architecture.of(widths);
            Weights w = Weights.gaussian(arch, 1, hidden);
            Weights dir = Weights.gaussian(arch, 1, 10 + hidden);
            int degree = 2 * (hidden + 1);
            double[] f = new double[degree + 3];
            for (int k = 0; k < f.length; k++) {
                f[k] = loss.value(w.plus(dir, 0.5 * k));
            }
            double top = forwardDifference(f, degree);
            double next = forwardDifference(f, degree + 1);
            assertTrue(Math.abs(top) > 1e-3, "the " + degree + "-th difference is not zero: degree " + degree);
            assertTrue(Math.abs(next) < 1e-7 * Math.abs(top), "the " + (degree + 1) + "-th difference vanishes (H = "
                    + hidden + ", (H+1)^2 = " + (hidden + 1) * (hidden + 1) + ")");
        }
    }

    @Test
    void theoremOneOverRandomDataAndDepthsAndWithoutAssumptionThree() {
        for (int[] d : new int[][]{{4, 3, 2}, {4, 3, 3, 2}, {4, 3, 3, 3, 2}}) {
            Architecture arch = Architecture.of(d);
            for (long dataSeed = 1; dataSeed <= 2; dataSeed++) {
                Dataset data = Datasets.whitened(4, 2, 8, dataSeed);
                double lStar = CriticalValues.of(data, arch, LossConvention.HALF).values()[0];
                assertEquals(8, reached(data, arch, lStar, 8, 100 + dataSeed), "all seeded starts reach a global minimum, widths "
                        + arch + " data " + dataSeed);
            }
        }
        // Assumption 3 fails (S_Y = I, equal singular values): the saddles form continua, the runs still all converge
        Dataset equal = Dataset.of(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2));
        assertEquals(8, reached(equal, Architecture.of(2, 2, 2), 0, 8, 7));
    }

    @Test
    void remarkOneAsPrintedFailsAndTheCorrectedConstantHolds() {
        // d_1 = d_y = 2: "d_y-th smallest" eigenvalue of C^0 = diag(3, 0.1) is 3, and L(t) <= L(0) e^{-6t} fails
        Loss loss = Loss.of(WorkedExamples.d4(), LossConvention.HALF);
        Weights w = Weights.of(new DMatrixRMaj(2, 2), MatrixOps.diag(Math.sqrt(3), Math.sqrt(0.1)));
        Trajectory t = GradientFlow.builder().time(6).records(600).singularValues(false).build().run(loss, w);
        double l0 = t.loss()[0];
        double worstPrinted = Double.NEGATIVE_INFINITY;
        double worstCorrected = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < t.size(); k++) {
            worstPrinted = Math.max(worstPrinted, t.loss()[k] - l0 * Math.exp(-6 * t.time()[k]));
            worstCorrected = Math.max(worstCorrected, t.loss()[k] - l0 * Math.exp(-0.2 * t.time()[k]));
        }
        assertTrue(worstPrinted > 0.3, "the printed constant is violated by " + worstPrinted);
        assertTrue(worstCorrected <= 1e-9, "the corrected constant holds: " + worstCorrected);
        // d_1 = 4 >= 2 d_y: the printed reading gives alpha = -0.34 < 0 (no rate at all), the corrected alpha = 1 holds
        Dataset canon = Dataset.of(CommonOps_DDRM.identity(4), MatrixOps.rectDiag(2, 4, 2, 1));
        Weights disc = Weights.of(Checks.matrix("W1", new double[][]{{0, 0, 0, 0}, {0, 0, 0, 0}, {0.3, 0, 0.5, 0}, {0, 0.3, 0, 1}}),
                Checks.matrix("W2", new double[][]{{2, 0, 0, 0}, {0, 1, 0, 0}}));
        double[] ev = RemarkOneRate.eigenvaluesC0(disc).clone();
        java.util.Arrays.sort(ev);
        assertEquals(-0.34, ev[1], 1e-12, "the d_y-th smallest eigenvalue");
        RemarkOneRate r = RemarkOneRate.measure(Loss.of(canon, LossConvention.HALF), disc);
        assertEquals(1, r.alpha(), 1e-12);
        assertTrue(r.boundSlack() <= 1e-9, r.toString());
    }

    @Test
    void remarkTwoMomentumAndStochasticGradientsAlsoReachAGlobalMinimum() {
        Random rng = new Random(12);
        DMatrixRMaj x = RandomMatrices.gaussian(3, 24, 1, rng);
        DMatrixRMaj y = MatrixOps.mult(RandomMatrices.gaussian(2, 3, 1, rng), x);      // realizable: L* = 0, noise vanishes there
        Loss full = Loss.of(Dataset.of(x, y), LossConvention.HALF);
        Architecture arch = Architecture.of(3, 3, 2);
        GradientDescent heavyBall = GradientDescent.builder().learningRate(2e-3).momentum(0.9).steps(20_000).stopBelow(1e-12)
                .recordEvery(0).singularValues(false).build();
        int momentumOk = 0;
        int sgdOk = 0;
        for (long seed = 0; seed < 6; seed++) {
            Weights start = Weights.gaussian(arch, 0.5, seed);
            if (heavyBall.run(full, start).finalLoss() < 1e-10) {
                momentumOk++;
            }
            Weights w = start;
            Random batches = new Random(seed);
            for (int k = 0; k < 30_000; k++) {
                int[] idx = batches.ints(6, 0, 24).toArray();
                Loss batch = Loss.of(Dataset.of(columns(x, idx), columns(y, idx)), LossConvention.HALF);
                w = w.plus(batch.gradient(w), -4e-3 * 24 / 6.0);
            }
            if (full.value(w) < 1e-10) {
                sgdOk++;
            }
        }
        assertEquals(6, momentumOk, "heavy ball");
        assertEquals(6, sgdOk, "mini-batch SGD");
    }

    private static int reached(Dataset data, Architecture arch, double lStar, int runs, long seed) {
        Loss loss = Loss.of(data, LossConvention.HALF);
        double eta = 0.2 / Math.max(1, data.eigenvalues()[0]);
        GradientDescent gd = GradientDescent.builder().learningRate(eta).steps(60_000).stopBelow(lStar + 1e-9)
                .recordEvery(0).singularValues(false).build();
        int ok = 0;
        for (int i = 0; i < runs; i++) {
            if (gd.run(loss, Weights.gaussian(arch, 0.7, seed * 1000 + i)).finalLoss() < lStar + 1e-8) {
                ok++;
            }
        }
        return ok;
    }

    private static DMatrixRMaj columns(DMatrixRMaj m, int[] idx) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, idx.length);
        for (int j = 0; j < idx.length; j++) {
            for (int i = 0; i < m.numRows; i++) {
                out.set(i, j, m.get(i, idx[j]));
            }
        }
        return out;
    }

    private static double forwardDifference(double[] f, int order) {
        double s = 0;
        double binom = 1;
        for (int k = 0; k <= order; k++) {
            s += ((order - k) % 2 == 0 ? 1 : -1) * binom * f[k];
            binom = binom * (order - k) / (k + 1);
        }
        return s;
    }

    private static double colNorm(DMatrixRMaj m, int j) {
        double s = 0;
        for (int i = 0; i < m.numRows; i++) {
            s += m.get(i, j) * m.get(i, j);
        }
        return Math.sqrt(s);
    }

    private static double sq(DMatrixRMaj m) {
        return MatrixOps.dot(m, m);
    }
}
