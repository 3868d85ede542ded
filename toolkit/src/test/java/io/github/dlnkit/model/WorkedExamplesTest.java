package io.github.dlnkit.model;

import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact numbers of worked-examples.md: loss, gradient = 0, all Hessian eigenvalues to 1e-9. */
class WorkedExamplesTest {

    static List<WorkedExample> examples() {
        return WorkedExamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void lossGradientAndHessianSpectrum(WorkedExample ex) {
        Loss loss = ex.loss();
        assertEquals(ex.expectedLoss(), loss.value(ex.point()), 1e-9, "loss");
        double[] g = loss.gradient(ex.point()).toVector();
        for (double v : g) {
            assertEquals(0, v, 1e-12, "gradient entry");
        }
        double[] ev = DenseSpectrum.of(loss.hessian(ex.point()), 1e-9).eigenvalues();
        assertArrayEquals(ex.hessianEigenvalues(), ev, 1e-9, "Hessian eigenvalues of " + ex.name());
    }

    @Test
    void dataSetD1Moments() {
        Dataset d = WorkedExamples.d1();
        assertArrayEquals(new double[]{8, 4}, d.eigenvalues(), 1e-12);
        assertEquals(14, d.traceSyy(), 1e-12);
        assertArrayEquals(new double[]{6, 2, 2, 6}, d.sigma().data, 1e-12);
        assertArrayEquals(new double[]{1, 1, 1, -1}, d.olsMap().data, 1e-12);
        // u_1 = (1,1)/sqrt2, sign-normalised (largest entry positive)
        double s = Math.sqrt(0.5);
        assertEquals(s, d.eigenvectors().get(0, 0), 1e-12);
        assertEquals(s, d.eigenvectors().get(1, 0), 1e-12);
        assertEquals(0, Math.abs(d.eigenvectors().get(0, 1)) - s, 1e-12);
        assertEquals(true, d.assumptionH().holds());
    }

    @Test
    void e4AlongItsEigenDirection() {
        // L(W + t delta) = 6 - 2 sqrt2 t^2 + t^4 / 2 along the unit eigen-direction of worked-examples.md
        WorkedExample e4 = WorkedExamples.e4();
        double r = Math.sqrt(0.5);
        Weights delta = Weights.of(Checks.matrix("d1", new double[][]{{0, 0}, {0, r}}),
                Checks.matrix("d2", new double[][]{{0, 0}, {0, 0}}),
                Checks.matrix("d3", new double[][]{{0, 0.5}, {0, -0.5}}));
        for (double t : new double[]{0.1, 0.5, 1.3}) {
            double expected = 6 - 2 * Math.sqrt(2) * t * t + Math.pow(t, 4) / 2;
            assertEquals(expected, e4.loss().value(e4.point().plus(delta, t)), 1e-12);
        }
        assertEquals(-4 * Math.sqrt(2), delta.dot(e4.loss().hvp(e4.point(), delta)), 1e-12);
    }

    @Test
    void e3ThirdOrderDescentCurve() {
        // L(W + t delta) = 6 - 8 t^3 + 4 t^6
        WorkedExample e3 = WorkedExamples.e3();
        Weights delta = Weights.of(Checks.matrix("d1", new double[][]{{0, 0}, {0, 1}}),
                Checks.matrix("d2", new double[][]{{0, 0}, {0, 1}}),
                Checks.matrix("d3", new double[][]{{0, 1}, {0, -1}}));
        for (double t : new double[]{0.1, 0.4, 0.9}) {
            assertEquals(6 - 8 * Math.pow(t, 3) + 4 * Math.pow(t, 6), e3.loss().value(e3.point().plus(delta, t)), 1e-12);
        }
    }
}
