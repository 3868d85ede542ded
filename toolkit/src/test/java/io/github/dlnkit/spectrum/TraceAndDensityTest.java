package io.github.dlnkit.spectrum;

import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceAndDensityTest {

    @Test
    void hutchinsonIsExactOnDiagonalAndWithinErrorOnHessians() {
        Hutchinson.Estimate d = Hutchinson.trace(SymmetricOperator.diagonal(1, -2, 3.5, 7), 3, 1);
        assertEquals(9.5, d.trace(), 1e-12);
        assertEquals(0, d.standardError(), 1e-12);
        int inside = 0;
        for (int t = 0; t < 20; t++) {
            Dataset data = Datasets.whitened(4, 4, 20, t);
            Weights w = Weights.gaussian(Architecture.of(4, 5, 4), 0.6, 50 + t);
            Loss loss = Loss.of(data);
            double exact = Arrays.stream(DenseSpectrum.of(loss.hessian(w)).eigenvalues()).sum();
            Hutchinson.Estimate e = Hutchinson.trace(HessianOperator.of(loss, w), 200, t);
            assertTrue(e.standardError() > 0);
            if (Math.abs(e.trace() - exact) <= 2 * e.standardError()) {
                inside++;
            }
            assertTrue(Math.abs(e.trace() - exact) <= 5 * e.standardError(), e + " vs " + exact);
        }
        assertTrue(inside >= 15, "inside 2 SE: " + inside + "/20");
        assertThrows(IllegalArgumentException.class, () -> Hutchinson.trace(SymmetricOperator.diagonal(1), 0, 1));
    }

    @Test
    void slqDensityIntegratesToOneAndItsMomentsMatch() {
        Dataset data = Datasets.whitened(5, 5, 30, 3);
        Architecture arch = Architecture.of(5, 6, 6, 5);
        Weights w = CriticalPoints.builder(data, arch).S(1, 2).pointClass(PointClass.STRICT_SADDLE).build();
        Loss loss = Loss.of(data);
        double[] ev = DenseSpectrum.of(loss.hessian(w)).eigenvalues();
        int n = ev.length;
        // enough steps that the Krylov space is exhausted: quadrature exact for every moment
        SpectralDensity s = SpectralDensity.of(HessianOperator.of(loss, w),
                SpectralDensity.Options.builder().probes(30).steps(n).seed(4).build());
        assertEquals(1, s.integral(), 1e-3);
        double tr = Arrays.stream(ev).sum();
        double tr2 = Arrays.stream(ev).map(x -> x * x).sum();
        assertEquals(tr, s.traceEstimate(), 0.15 * Math.sqrt(tr2)); // Rademacher-probe variance
        assertEquals(tr2 / n, s.moment(2), 0.3 * tr2 / n);
        // density peaks where eigenvalues cluster: the zero cluster
        int zeros = (int) Arrays.stream(ev).filter(x -> Math.abs(x) < 1e-8).count();
        assertTrue(zeros > 5);
        int argmax = 0;
        double[] dens = s.density();
        for (int g = 0; g < dens.length; g++) {
            if (dens[g] > dens[argmax]) {
                argmax = g;
            }
        }
        assertEquals(0, s.grid()[argmax], 3 * s.sigma());
        assertEquals(2, s.toTable().columnCount());
        assertEquals("eigenvalue", s.toTable().column(0).name());
        // exact single-probe quadrature on a diagonal operator: weights are squared components
        SpectralDensity d = SpectralDensity.of(SymmetricOperator.diagonal(1, 2, 3, 4),
                SpectralDensity.Options.builder().probes(1).steps(10).build());
        assertEquals(2.5, d.moment(1), 1e-12);
        assertEquals(7.5, d.moment(2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.Options.builder().sigma(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.Options.builder().range(2, 1).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralDensity.Options.builder()
                .sigma(Double.POSITIVE_INFINITY).build()).getMessage().contains("sigma = Infinity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralDensity.Options.builder()
                .range(Double.NEGATIVE_INFINITY, 1).build()).getMessage().contains("not finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralDensity.of(SymmetricOperator.diagonal(1, 2), null))
                .getMessage().contains("options"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralDensity.of(null)).getMessage().contains("operator"));
    }
}
