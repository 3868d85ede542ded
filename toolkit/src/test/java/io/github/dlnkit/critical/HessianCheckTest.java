package io.github.dlnkit.critical;

import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hessian cross-check on the Hessian's own scale: three outcomes for critical points, none for the others. */
class HessianCheckTest {
    private static double[] spectrum(double min, double max, int n) {
        double[] ev = new double[n];
        ev[0] = min;
        for (int k = 1; k < n; k++) {
            ev[k] = max * k / (n - 1);
        }
        return ev;
    }

    @Test
    void roundingAgainstAHugeHessianIsZero() {
        // issue 13: min -0.0016 against max 7.5e12 is rounding (2e-16 relative), not negative curvature
        HessianCheck h = HessianCheck.of(spectrum(-0.0016, 7.5e12, 60), PointClass.NON_STRICT_SADDLE, 1e-9);
        assertEquals(HessianCheck.Outcome.AGREES, h.outcome(), h.toString());
        assertEquals(HessianCheck.Outcome.DISAGREES,
                HessianCheck.of(spectrum(-0.0016, 7.5e12, 60), PointClass.STRICT_SADDLE, 1e-9).outcome());
    }

    @Test
    void clearNegativeCurvatureContradictsAPsdVerdict() {
        // issue 13: min -16.4 on a Hessian of norm 1e3 is negative curvature, whatever lambda_1 of the data
        assertEquals(HessianCheck.Outcome.DISAGREES,
                HessianCheck.of(spectrum(-16.4, 1e3, 40), PointClass.GLOBAL_MIN, 1e-9).outcome());
        assertEquals(HessianCheck.Outcome.AGREES,
                HessianCheck.of(spectrum(-16.4, 1e3, 40), PointClass.STRICT_SADDLE, 1e-9).outcome());
    }

    @Test
    void betweenRoundingAndThresholdIsUndecidable() {
        double[] ev = spectrum(-1e-11, 1, 40); // rounding 40 eps ~ 9e-15, threshold 1e-9
        HessianCheck h = HessianCheck.of(ev, PointClass.STRICT_SADDLE, 1e-9);
        assertEquals(HessianCheck.Outcome.UNDECIDABLE, h.outcome());
        assertEquals(HessianCheck.Outcome.UNDECIDABLE, HessianCheck.of(ev, PointClass.GLOBAL_MIN, 1e-9).outcome());
        assertTrue(h.rounding() < 1e-13 && h.threshold() == 1e-9, h.toString());
    }

    @Test
    void notCriticalPointsAreNotApplicable() {
        assertEquals(HessianCheck.Outcome.NOT_APPLICABLE,
                HessianCheck.of(spectrum(-5, 10, 10), PointClass.NOT_CRITICAL, 1e-9).outcome());
    }

    @Test
    void workedExamplesAgreeAtEveryDataScale() {
        for (double scale : new double[]{1e-6, 1, 1e6}) {
            Dataset d = ClassificationPropertyTest.scaleData(WorkedExamples.d1(), scale, scale);
            for (var e : WorkedExamples.achour()) {
                if (e.data().inputDim() != 2 || e.point().depth() != 3 || e.data().outputDim() != 2) {
                    continue;
                }
                Classification c = Classifier.classify(d, e.point(), Classifier.Options.builder().hessian(true).build());
                assertEquals(HessianCheck.Outcome.AGREES, c.hessian().orElseThrow().outcome(), e.name() + " x" + scale
                        + ": " + c);
            }
        }
    }
}
