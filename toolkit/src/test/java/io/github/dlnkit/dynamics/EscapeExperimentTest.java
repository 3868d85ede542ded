package io.github.dlnkit.dynamics;

import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EscapeExperimentTest {
    private static final Loss LOSS = Loss.of(Section12.data());

    @Test
    void strictEscapesMuchFasterThanNonStrict() {
        EscapeExperiment.Result s = EscapeExperiment.builder(LOSS, Section12.strictSaddle()).runs(12).seed(5).build().run();
        EscapeExperiment.Result n = EscapeExperiment.builder(LOSS, Section12.nonStrictSaddle()).runs(12).seed(5).build().run();
        assertEquals(PointClass.STRICT_SADDLE, s.saddleClass());
        assertEquals(PointClass.NON_STRICT_SADDLE, n.saddleClass());
        assertEquals(0, s.censored());
        assertEquals(0, n.censored());
        // orders of magnitude, not times: 1e2 vs 1e3
        assertTrue(s.median() >= 50 && s.median() < 300, s.toString());
        assertTrue(n.median() > 1000, n.toString());
        assertTrue(n.min().getAsDouble() > s.max().getAsDouble(), "every non-strict run slower than every strict one");
        for (int i = 0; i < 12; i++) {
            assertTrue(s.finalLoss()[i] < s.threshold() && s.finalLoss()[i] >= 1 - 1e-9);
        }
    }

    @Test
    void defaultThresholdIsTheMidpointToTheNextLowerCriticalValue() {
        assertEquals(4.5, EscapeExperiment.builder(LOSS, Section12.strictSaddle()).build().threshold(), 1e-12);
        Loss half = Loss.of(Section12.data(), LossConvention.HALF);
        assertEquals(2.25, EscapeExperiment.builder(half, Section12.strictSaddle()).build().threshold(), 1e-12);
        assertEquals(3, EscapeExperiment.builder(LOSS, Section12.strictSaddle()).threshold(3).build().threshold());
    }

    @Test
    void identicalForAnyThreadCount() {
        EscapeExperiment.Result[] r = new EscapeExperiment.Result[3];
        int[] threads = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            r[i] = EscapeExperiment.builder(LOSS, Section12.strictSaddle()).runs(24).seed(99).threads(threads[i])
                    .threshold(Section12.THRESHOLD).build().run();
        }
        for (int i = 1; i < 3; i++) {
            assertArrayEquals(r[0].escapeEpoch(), r[i].escapeEpoch());
            assertArrayEquals(r[0].finalLoss(), r[i].finalLoss(), 0.0);
            assertEquals(r[0].toTable().toString(), r[i].toTable().toString());
        }
        EscapeExperiment.Result other = EscapeExperiment.builder(LOSS, Section12.strictSaddle()).runs(24).seed(100)
                .threshold(Section12.THRESHOLD).build().run();
        assertTrue(!java.util.Arrays.equals(r[0].escapeEpoch(), other.escapeEpoch()), "another seed, other runs");
    }

    @Test
    void identicalForAnyThreadCountOnTheNativeProductPath() {
        // widths 6: products of 6x6x6 >= 64 multiply-adds go to native dgemm when it loads (linalg.Gemm)
        io.github.dlnkit.model.Dataset data = io.github.dlnkit.model.Datasets.gaussian(6, 6, 20, 4);
        Architecture arch = Architecture.of(6, 6, 6, 6);
        Weights saddle = io.github.dlnkit.critical.CriticalPoints.strictSaddle(data, arch, 2);
        Loss loss = Loss.of(data);
        int[][] epochs = new int[3][];
        int[] threads = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            epochs[i] = EscapeExperiment.builder(loss, saddle).runs(12).seed(3).threads(threads[i])
                    .learningRate(0.2 * StepSizes.at(loss, saddle).safe()).maxEpochs(5000).build().run().escapeEpoch();
        }
        assertArrayEquals(epochs[0], epochs[1]);
        assertArrayEquals(epochs[0], epochs[2]);
    }

    @Test
    void replayGivesTheSameEscapeEpoch() {
        EscapeExperiment e = EscapeExperiment.builder(LOSS, Section12.strictSaddle()).runs(5).seed(3).build();
        EscapeExperiment.Result r = e.run();
        Trajectory t = e.trajectory(2, 1);
        assertEquals(r.escapeEpoch()[2], (int) t.finalTime());
        assertEquals(r.escapeEpoch()[2] + 1, t.size());
        assertTrue(t.loss()[t.size() - 2] >= e.threshold() && t.finalLoss() < e.threshold());
    }

    @Test
    void quantilesAndCensoring() {
        EscapeExperiment.Result r = EscapeExperiment.builder(LOSS, Section12.nonStrictSaddle()).runs(9).maxEpochs(1500)
                .seed(8).build().run();
        assertTrue(r.censored() > 0, r.toString());
        assertEquals(Double.POSITIVE_INFINITY, r.quantile(1.0));
        int escaped = r.runs() - r.censored();
        for (int e : r.escapeEpoch()) {
            assertTrue(e == -1 || e <= 1500);
        }
        assertEquals(r.runs(), r.toTable().rowCount());
        assertEquals(r.censored(), r.toTable().intColumn("escapeEpoch").countMissing());
        assertEquals(escaped, r.toTable().booleanColumn("censored").countFalse());
    }

    @Test
    void sectionTwelveSigma1e2WithinAFactorTwoOfTheReference() {
        for (int k = 0; k < 2; k++) {
            Weights saddle = k == 0 ? Section12.strictSaddle() : Section12.nonStrictSaddle();
            EscapeExperiment.Result r = EscapeExperiment.builder(LOSS, saddle).sigma(1e-2).runs(100)
                    .threshold(Section12.THRESHOLD).maxEpochs(50000).seed(1).build().run();
            double ref = Section12.REFERENCE_MEDIANS[0][1 + k];
            assertTrue(r.median() > ref / 2 && r.median() < 2 * ref, r + " vs reference " + ref);
        }
    }

    @Test
    void sectionTwelveSigma1e3Long() {
        assumeTrue(Boolean.getBoolean("dlnkit.long"), "long run: -Ddlnkit.long=true");
        for (int k = 0; k < 2; k++) {
            Weights saddle = k == 0 ? Section12.strictSaddle() : Section12.nonStrictSaddle();
            EscapeExperiment.Result r = EscapeExperiment.builder(LOSS, saddle).sigma(1e-3).runs(100)
                    .threshold(Section12.THRESHOLD).maxEpochs(200000).seed(1).build().run();
            System.out.println(r);
            double ref = Section12.REFERENCE_MEDIANS[1][1 + k];
            assertTrue(r.median() > ref / 2 && r.median() < 2 * ref, r + " vs reference " + ref);
        }
    }

    @Test
    void shippedProtocolFilesAreTheGeneratedOnes() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../examples");
        assertEquals(Section12.strictCase().toJson(), Files.readString(dir.resolve("protocol-strict.json")));
        assertEquals(Section12.nonStrictCase().toJson(), Files.readString(dir.resolve("protocol-nonstrict.json")));
        CaseFile c = CaseFile.read(dir.resolve("protocol-nonstrict.json"));
        assertEquals(PointClass.NON_STRICT_SADDLE,
                EscapeExperiment.builder(c.loss(), c.requirePoint()).build().saddleClass());
    }

    @Test
    void badInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EscapeExperiment.builder(LOSS, Weights.gaussian(Architecture.of(3, 3, 3, 3), 1, 1)).build());
        assertTrue(e.getMessage().contains("not a critical point"), e.getMessage());
        Loss d2 = Loss.of(WorkedExamples.d2());
        Weights global = io.github.dlnkit.critical.CriticalPoints.globalMinimizer(WorkedExamples.d2(), Architecture.of(3, 3, 3, 3));
        e = assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(d2, global).build());
        assertTrue(e.getMessage().contains("global minimizer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).threshold(6).build());
        assertTrue(e.getMessage().contains("below the saddle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).runs(0));
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).sigma(0));
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).sigma(-1));
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).threads(0));
        assertThrows(IllegalArgumentException.class, () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).maxEpochs(0));
        e = assertThrows(IllegalArgumentException.class,
                () -> EscapeExperiment.builder(LOSS.withWeightDecay(0.1), Section12.strictSaddle()).build());
        assertTrue(e.getMessage().contains("weight decay"));
        IllegalStateException d = assertThrows(IllegalStateException.class,
                () -> EscapeExperiment.builder(LOSS, Section12.strictSaddle()).learningRate(0.5).runs(3).build().run());
        assertTrue(d.getMessage().contains("step is too large"), d.getMessage());
    }
}
