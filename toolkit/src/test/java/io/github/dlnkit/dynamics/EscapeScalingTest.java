package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scaling laws of section 12: strict ~ log(1/sigma) / (eta |lambda_min|), non-strict ~ 1/sigma (third order). */
class EscapeScalingTest {
    private static final Loss LOSS = Loss.of(Section12.data());

    @Test
    void nonStrictEscapeTimeGrowsLikeOneOverSigma() {
        EscapeScaling s = EscapeScaling.sweep(LOSS, Section12.nonStrictSaddle(), new double[]{3e-2, 1e-2, 3e-3},
                b -> b.runs(20).seed(9).threshold(Section12.THRESHOLD).maxEpochs(100000));
        assertEquals(-1, s.logLogSlope(), 0.2, s.toTable().printAll());
        assertEquals(3, s.toTable().rowCount());
    }

    @Test
    void strictEscapeTimeGrowsLikeLogOneOverSigma() {
        EscapeScaling s = EscapeScaling.sweep(LOSS, Section12.strictSaddle(), new double[]{1e-2, 1e-3, 1e-4, 1e-5},
                b -> b.runs(20).seed(9).threshold(Section12.THRESHOLD));
        double predicted = EscapeScaling.strictPerDecade(LOSS, Section12.strictSaddle(), Section12.ETA);
        assertEquals(predicted, s.perDecade(), 0.25 * predicted, s.toTable().printAll() + " predicted " + predicted);
        assertTrue(s.logLogSlope() > -0.3, "far from a power law: " + s.logLogSlope());
    }

    @Test
    void badInputs() {
        assertThrows(IllegalArgumentException.class, () -> EscapeScaling.sweep(LOSS, Section12.strictSaddle(),
                new double[]{1e-2, 1e-2}, b -> b.runs(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EscapeScaling.strictPerDecade(LOSS, Section12.nonStrictSaddle(), 1e-2));
        assertTrue(e.getMessage().contains("not a strict saddle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EscapeScaling.strictPerDecade(LOSS, Section12.strictSaddle(), 0));
        assertTrue(e.getMessage().contains("eta must be finite and > 0, got 0.0"), e.getMessage());
    }

    @Test
    void driftVersusStepTable() {
        Loss loss = Loss.of(Datasets.whitened(3, 3, 30, 11), LossConvention.HALF);
        double scale = 1 / loss.data().eigenvalues()[0];
        Weights w0 = Weights.gaussian(Architecture.of(3, 4, 4, 3), 0.5, 3);
        Table t = Invariants.driftVersusStep(loss, w0, 2 * scale, 0.02 * scale, 0.01 * scale);
        assertEquals(3, t.rowCount());
        double flow = t.doubleColumn("invariant drift").get(0);
        double gd1 = t.doubleColumn("invariant drift").get(1);
        double gd2 = t.doubleColumn("invariant drift").get(2);
        assertTrue(flow < 1e-8 && gd2 < gd1 && flow < 1e-3 * gd2, t.printAll());
        assertEquals(0.5, gd2 / gd1, 0.1);
    }
}
