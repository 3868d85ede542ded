package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientDescentTest {

    @Test
    void alignedGdMatchesScalarRecursionsToMachinePrecision() {
        Random rng = new Random(7);
        int[][] widths = {{3, 3, 3, 3}, {2, 4, 3}, {4, 2, 3, 5, 3}, {3, 1, 2}};
        for (int[] d : widths) {
            Architecture a = Architecture.of(d);
            Dataset data = Datasets.whitened(d[0], d[d.length - 1], d[0] + 3, rng.nextLong());
            double[] lambdas = new double[a.depth()];
            for (int l = 0; l < lambdas.length; l++) {
                lambdas[l] = 0.05 + 0.3 * rng.nextDouble();
            }
            for (LossConvention conv : LossConvention.values()) {
                RegularizedProblem p = RegularizedProblem.of(data, a, conv, lambdas);
                double[][] s = new double[a.depth()][];
                for (int l = 1; l <= a.depth(); l++) {
                    s[l - 1] = new double[Math.min(d[l], d[l - 1])];
                    for (int k = 0; k < s[l - 1].length; k++) {
                        s[l - 1][k] = 0.5 + rng.nextDouble();
                    }
                }
                AlignedOracle.State st = AlignedOracle.state(p, s);
                RegularizedProblem.Svd svd = p.svd();
                DMatrixRMaj[] hidden = AlignedOracle.hiddenFactors(a, 11);
                Weights w = AlignedOracle.weights(st, svd, hidden);
                double eta = 0.02;
                double worst = 0;
                for (int k = 0; k < 300; k++) {
                    w = RegularizedGd.step(p.loss(), w, eta);
                    st = AlignedOracle.step(st, svd.z(), eta);
                    Weights expected = AlignedOracle.weights(st, svd, hidden);
                    worst = Math.max(worst, w.minus(expected).norm() / Math.max(1, expected.norm()));
                }
                assertTrue(worst < 1e-13, "aligned GD vs oracle " + a + " " + conv + ": " + worst);
            }
        }
    }

    @Test
    void oracleLimitIsTheClosedFormCriticalPoint() {
        // D5, L = 3, lambda = 0.3, balanced start s = 1.3: each component converges to the large root
        Dataset data = Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
        RegularizedProblem p = RegularizedProblem.of(data, Architecture.of(3, 3, 3, 3), 0.3);
        double[][] s = {{1.3, 1.3, 1.3}, {1.3, 1.3, 1.3}, {1.3, 1.3, 1.3}};
        AlignedOracle.State st = AlignedOracle.state(p, s);
        for (int k = 0; k < 5000; k++) {
            st = AlignedOracle.step(st, p.svd().z(), 0.02);
        }
        double[] large = {1.4072443206, 1.2053245767, 0.8682178750};
        for (int k = 0; k < 3; k++) {
            assertEquals(large[k], st.get(2, k), 1e-9);
        }
    }

    @Test
    void genericLambdaConvergesLinearlyDegenerateLambdaSublinearly() {
        Dataset data = Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
        Architecture a = Architecture.of(3, 3, 3, 3);
        Weights w0 = ConvergenceProtocol.nearIdentityInit(a, 1.3, 0.05, 5);
        RegularizedProblem generic = RegularizedProblem.of(data, a, 0.3);
        RegularizedGd.Trace t = RegularizedGd.run(generic, w0, RegularizedGd.Options.builder(0.02, 5000).logEvery(10).build());
        RegularizedGd.Fit fit = t.linearRate(RegularizedGd.Series.GRADIENT_NORM);
        assertTrue(fit.rate() < 0.995 && fit.r2() > 0.99, fit.toString());
        assertTrue(t.gradientNorm()[t.size() - 1] < 1e-12, "final gradient " + t.gradientNorm()[t.size() - 1]);
        assertTrue(t.balancedness()[t.size() - 1] < 1e-12);
        assertTrue(t.maxRatio(0, 2500) < 100, "ratio " + t.maxRatio(0, 2500));
        // the limit is the closed-form global minimum
        CriticalSet.Result set = CriticalSet.enumerate(generic, CriticalSet.Options.builder().hessian(false).build());
        assertEquals(set.globalMinimum(), t.value()[t.size() - 1], 1e-12);

        double g = ScalarEquation.gMax(3, 1);
        RegularizedProblem deg = RegularizedProblem.of(data, a, g);
        RegularizedGd.Trace td = RegularizedGd.run(deg, w0, RegularizedGd.Options.builder(0.02, 10000).logEvery(50).build());
        RegularizedGd.Fit pow = td.powerLaw(RegularizedGd.Series.GRADIENT_NORM, 1000, 10000);
        assertTrue(pow.slope() > -2.3 && pow.slope() < -1.7 && pow.r2() > 0.99, pow.toString());
        double gk = td.gradientNorm()[td.size() - 1];
        assertEquals(2.7e-5, gk, 0.2e-5, "gradient at k = 1e4 (regularized.md section 5 reference check)");
        assertTrue(td.maxRatio(0, 5000) > 10 * t.maxRatio(0, 2500), "ratio must blow up: " + td.maxRatio(0, 5000));
    }

    @Test
    void protocolSweepSmall() {
        List<ConvergenceProtocol.Run> runs = ConvergenceProtocol.sweep(4, 20, 4, new int[]{2, 3}, new double[]{0.1}, 0.02,
                3000, 3, null);
        assertEquals(4, runs.size());
        assertEquals(4, ConvergenceProtocol.toTable(runs).rowCount());
        for (ConvergenceProtocol.Run r : runs) {
            if (!r.degenerate()) {
                assertTrue(r.linear().rate() < 1, r.toString());
            }
        }
    }

    @Test
    void divergenceIsReported() {
        Dataset data = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2));
        Architecture a = Architecture.of(2, 2, 2);
        RegularizedProblem p = RegularizedProblem.of(data, a, 0.1);
        Weights w0 = ConvergenceProtocol.nearIdentityInit(a, 3, 0.1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RegularizedGd.run(p, w0, RegularizedGd.Options.of(5.0, 200)));
        assertTrue(e.getMessage().contains("reduce the step size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegularizedGd.Options.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> RegularizedGd.Options.of(0.1, 0));
    }
}
