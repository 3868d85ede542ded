package io.github.dlnkit.spectrum;

import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SLQ trace against the exact trace: the sum of the dense eigenvalues on A and E4 (small nets whose Krylov
 * spaces are exhausted after a few steps) and, at n = 10,000, the closed form of the Hessian's diagonal blocks
 * {@code tr H = 2c sum_j tr(B_j Sxx B_j^T) ||A_j||_F^2} with {@code B_j = W_{j-1}...W_1}, {@code A_j = W_H...W_{j+1}}
 * (the loss is quadratic in each layer alone, so the off-diagonal blocks carry the residual term and the diagonal
 * blocks are the Gauss-Newton ones {@code 2c (B_j Sxx B_j^T) (x) (A_j^T A_j)}).
 */
class SlqTraceTest {

    static double closedFormTrace(Loss loss, Weights w) {
        int depth = w.depth();
        double s = 0;
        DMatrixRMaj sxx = loss.data().sxx();
        for (int j = 1; j <= depth; j++) {
            DMatrixRMaj b = w.product(j - 1, 1);
            DMatrixRMaj a = w.product(depth, j + 1);
            DMatrixRMaj bs = new DMatrixRMaj(b.numRows, sxx.numCols);
            CommonOps_DDRM.mult(b, sxx, bs);
            double trB = 0;
            for (int r = 0; r < b.numRows; r++) {
                for (int c = 0; c < b.numCols; c++) {
                    trB += bs.get(r, c) * b.get(r, c);
                }
            }
            double fa = CommonOps_DDRM.elementSumAbs(elementSquare(a));
            s += trB * fa;
        }
        return 2 * loss.convention().factor() * s;
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj a) {
        DMatrixRMaj c = a.copy();
        CommonOps_DDRM.elementMult(c, a);
        return c;
    }

    @Test
    void closedFormTraceMatchesTheDenseSpectrum() {
        for (int t = 0; t < 6; t++) {
            Dataset data = Datasets.gaussian(3, 4, 10, t);
            Weights w = Weights.gaussian(Architecture.of(3, 5, 2, 4), 0.3 + 0.4 * t, 20 + t);
            Loss loss = Loss.of(data);
            double exact = Arrays.stream(DenseSpectrum.of(loss.hessian(w)).eigenvalues()).sum();
            assertEquals(exact, closedFormTrace(loss, w), 1e-10 * Math.abs(exact));
        }
    }

    @Test
    void exhaustedKrylovSpacesOnAAndE4GiveTheExactTraceAndDensity() {
        for (WorkedExample e : List.of(WorkedExamples.a(), WorkedExamples.e4())) {
            Loss loss = Loss.of(e.data());
            double[] ev = DenseSpectrum.of(loss.hessian(e.point())).eigenvalues();
            double exact = Arrays.stream(ev).sum();
            double scale = Arrays.stream(ev).map(Math::abs).max().orElse(1);
            HessianOperator op = HessianOperator.of(loss, e.point());
            int n = op.dimension();
            // unit probes: exact quadrature of (1/n) tr g(H)
            SpectralDensity u = SpectralDensity.of(op, SpectralDensity.Options.builder().unitProbes(true).build());
            assertTrue(u.unitProbes());
            assertEquals(exact, u.traceEstimate(), 1e-10 * scale * n, e.name());
            assertEquals(0, u.traceStandardError());
            assertEquals(1, u.integral(), 1e-6, e.name());
            double[] g = u.grid();
            for (int k = 0; k < g.length; k += 37) {
                double want = 0;
                for (double l : ev) {
                    double z = (g[k] - l) / u.sigma();
                    want += Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * u.sigma() * n);
                }
                assertEquals(want, u.density()[k], 1e-9 * Arrays.stream(u.density()).max().orElse(1), e.name() + " x = " + g[k]);
            }
            // random probes: each probe's Krylov space is exhausted, so each gives z^T H z exactly; the spread of
            // z^T H z is skewed on these small integer Hessians (A: most probes near 28-52, a few far above, mean 116),
            // so the standard error is trusted from 200 probes on
            int probes = 200;
            for (long seed = 1; seed <= 5; seed++) {
                SpectralDensity r = SpectralDensity.of(op, SpectralDensity.Options.builder().probes(probes).seed(seed).build());
                assertTrue(!r.unitProbes() && r.traceStandardError() > 0);
                assertTrue(Math.abs(r.traceEstimate() - exact) <= 3 * r.traceStandardError(),
                        e.name() + " seed " + seed + ": SLQ " + r.traceEstimate() + " +- " + r.traceStandardError()
                                + " vs exact " + exact);
                assertEquals(1, r.integral(), 1e-6);
            }
            SpectralDensity r4 = SpectralDensity.of(op, SpectralDensity.Options.defaults());
            System.out.printf("SLQ trace %s (n = %d): exact %.6g, unit probes %.6g, 4 Rademacher probes %.6g +- %.3g%n",
                    e.name(), n, exact, u.traceEstimate(), r4.traceEstimate(), r4.traceStandardError());
        }
    }

    @Test
    void largeNetTraceWithinThreeStandardErrorsAndDensityNormalised() {
        Dataset data = Datasets.gaussian(50, 50, 200, 7);
        Architecture arch = Architecture.of(50, 50, 50, 50, 50);
        Weights w = Weights.gaussian(arch, 1 / Math.sqrt(50), 8);
        Loss loss = Loss.of(data);
        HessianOperator op = HessianOperator.of(loss, w);
        assertTrue(op.dimension() >= 10_000, "n = " + op.dimension());
        double exact = closedFormTrace(loss, w);
        for (long seed = 1; seed <= 3; seed++) {
            SpectralDensity r = SpectralDensity.of(op, SpectralDensity.Options.builder().probes(30).steps(20)
                    .seed(seed).build());
            System.out.printf("SLQ trace n = %d: exact %.6g, SLQ %.6g +- %.3g (%d probes x %d steps, seed %d)%n",
                    op.dimension(), exact, r.traceEstimate(), r.traceStandardError(), r.probes(), r.steps(), seed);
            assertTrue(Math.abs(r.traceEstimate() - exact) <= 3 * r.traceStandardError(),
                    "SLQ " + r.traceEstimate() + " +- " + r.traceStandardError() + " vs exact " + exact);
            assertTrue(r.traceStandardError() < 0.05 * Math.abs(exact), "standard error " + r.traceStandardError());
            assertEquals(1, r.integral(), 1e-3);
        }
    }
}
