package io.github.dlnkit.bench;

import io.github.dlnkit.dynamics.GdKernel;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workloads' figures against independent routes, seeded cases reproducible, scaling fit. */
class WorkloadTest {

    @Test
    void w1AndW2AgreeOnTheLargestEigenvalue() {
        CaseFile c = BenchCases.spectrum(6);
        double w1 = Workload.W1.prepare(c, 1).run().value();
        double w2 = Workload.W2.prepare(c, 1).run().value();
        double[] ev = SymmetricEigen.eigenvalues(c.loss().hessian(c.point()), SymmetricEigen.Backend.JACOBI);
        assertEquals(ev[ev.length - 1], w1, 1e-9 * Math.abs(w1));
        assertEquals(w1, w2, 1e-7 * Math.abs(w1));
    }

    @Test
    void w3IsDeterministicForAnyThreadCountAndMatchesSequentialGd() {
        CaseFile c = BenchCases.gradientDescent(3);
        double one = Workload.W3.prepare(c, 1).run().value();
        double two = Workload.W3.prepare(c, 2).run().value();
        assertEquals(one, two, 0.0);
        Loss loss = c.loss();
        Architecture arch = c.requireArchitecture();
        double mean = 0;
        for (int i = 0; i < Workload.W3_RUNS; i++) {
            Weights w = Workload.initW3(arch, i);
            for (int k = 0; k < Workload.W3_STEPS; k++) {
                w = w.plus(loss.gradient(w), -Workload.W3_ETA);
            }
            mean += loss.value(w) / Workload.W3_RUNS;
        }
        assertEquals(mean, one, 1e-9 * Math.max(1e-12, mean));
    }

    @Test
    void gdFlopCountMatchesAHandCount() {
        // H = 1, d_x = 2, d_y = 3: only P Sxx, 2*3*2*2 = 24 (every other factor is an identity)
        assertEquals(24, GdKernel.flopsPerStep(Architecture.of(2, 3)), 0.0);
        // H = 2, widths (2, 4, 3): P Sxx 24, prefix W_2 W_1 2*3*4*2 = 48; backward: W_2^T G 2*4*3*2 = 48,
        // G C_2^T 2*3*2*4 = 48 (the suffix route costs the same 96: A_1^T (G C_1^T) 48 + G C_2^T 48)
        assertEquals(24 + 48 + 48 + 48, GdKernel.flopsPerStep(Architecture.of(2, 4, 3)), 0.0);
        // H = 3 at width 32 (W3): 3 forward products + 4 backward (the suffix route would take 5)
        assertEquals(7 * 2.0 * 32 * 32 * 32, GdKernel.flopsPerStep(Architecture.of(32, 32, 32, 32)), 0.0);
        assertEquals(GdKernel.Route.BACKWARD, GdKernel.route(Architecture.of(32, 32, 32, 32)));
        // a wide input and a scalar output: carrying d_y = 1 rows (suffix route) beats carrying d_x = 100 columns
        assertEquals(GdKernel.Route.SUFFIX, GdKernel.route(Architecture.of(100, 50, 50, 1)));
    }

    @Test
    void casesAreSeeded() {
        assertEquals(BenchCases.spectrum(5).toJson(), BenchCases.spectrum(5).toJson());
        assertEquals(BenchCases.classification(5, 4).toJson(), BenchCases.classification(5, 4).toJson());
        assertEquals(BenchCases.gradientDescent(4).toJson(), BenchCases.gradientDescent(4).toJson());
    }

    @Test
    void exponentOfAnExactPowerLaw() {
        Workload.Figure f = new Workload.Figure("x", 1, "");
        List<BenchResult> rs = List.of(
                new BenchResult(Workload.W1, "a", 100, 1, 0, new double[]{0.01}, f, "native", 1, 0),
                new BenchResult(Workload.W1, "b", 1000, 1, 0, new double[]{10.0}, f, "native", 1, 0),
                new BenchResult(Workload.W1, "c", 10000, 1, 0, new double[]{10000.0}, f, "native", 1, 0));
        assertEquals(3.0, new ScalingReport.Series(Workload.W1, "w1", rs).exponent(), 1e-12);
        BenchResult r = rs.get(0);
        assertArrayEquals(new double[]{0.01}, r.seconds());
        assertEquals(0.01, r.median(), 0.0);
    }

    @Test
    void badWorkloadNamesAndCases() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.parse("w0"));
        assertTrue(e.getMessage().contains("w1, w2, w3, w4, w5"), e.getMessage());
        CaseFile noPoint = BenchCases.gradientDescent(3);
        e = assertThrows(IllegalArgumentException.class, () -> Workload.W1.prepare(noPoint, 1));
        assertTrue(e.getMessage().contains("needs a point"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Workload.W3.prepare(noPoint, 0));
        assertTrue(e.getMessage().contains("threads must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Workload.W5.prepare(null, 1));
        assertTrue(e.getMessage().contains("w5") && e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BenchRunner.run(null, noPoint, BenchRunner.Options.defaults()));
        assertTrue(e.getMessage().contains("workload") && e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchRunner.run(Workload.W3, noPoint, null));
        assertTrue(e.getMessage().contains("options") && e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BenchRunner.run(Workload.W3, null, BenchRunner.Options.defaults()));
        assertTrue(e.getMessage().contains("case file") && e.getMessage().contains("null"), e.getMessage());
    }
}
