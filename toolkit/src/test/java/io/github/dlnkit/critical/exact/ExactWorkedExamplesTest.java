package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact verdicts on every worked example ({@code docs/theory/worked-examples.md}) and every shipped case file. */
class ExactWorkedExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyWorkedExampleWithoutWeightDecayHasItsStatedClassAndExactLoss() {
        int n = 0;
        for (WorkedExample e : WorkedExamples.all()) {
            if (e.weightDecay().length > 0) {
                continue;
            }
            ExactClassification x = ExactClassifier.classify(e.data(), e.point());
            assertEquals(e.expectedClass(), x.pointClass().name(), e.name() + ": " + x.reason());
            assertTrue(x.critical() && x.exact(), e.name());
            double f = e.convention().factor();
            assertEquals(e.expectedLoss(), f * x.loss().doubleValue(), 1e-12 * Math.max(1, e.expectedLoss()), e.name());
            assertEquals(x.loss(), x.value(), e.name() + ": at a critical point the loss is the critical value");
            n++;
        }
        assertEquals(12, n);
    }

    @Test
    void exactAndDoubleVerdictsAgreeOnTheWorkedExamples() {
        for (WorkedExample e : WorkedExamples.achour()) {
            ExactClassification x = ExactClassifier.classify(e.data(), e.point());
            Classification d = Classifier.classify(e.data(), e.point());
            assertEquals(d.pointClass(), x.pointClass(), e.name());
            assertArrayEquals(d.S(), x.S(), e.name());
            assertEquals(d.r(), x.r(), e.name());
            assertEquals(pivots(d.pivots()), pivots(x.pivots()), e.name());
        }
    }

    @Test
    void exampleAIsNonStrictWithItsPivotsAndAPrimeIsStrict() {
        ExactClassification a = ExactClassifier.classify(WorkedExamples.a().data(), WorkedExamples.a().point());
        assertEquals(PointClass.NON_STRICT_SADDLE, a.pointClass());
        assertArrayEquals(new int[]{1}, a.S());
        assertEquals(1, a.r());
        assertTrue(a.pivots().stream().allMatch(Pivot::tightened));
        assertEquals(new BigFraction(5), a.value());
        ExactClassification ap = ExactClassifier.classify(WorkedExamples.aPrime().data(), WorkedExamples.aPrime().point());
        assertEquals(PointClass.STRICT_SADDLE, ap.pointClass());
        assertFalse(ap.pivots().stream().allMatch(Pivot::tightened));
    }

    @Test
    void e5HasTheNonPrefixSetTwo() {
        ExactClassification x = ExactClassifier.classify(WorkedExamples.e5().data(), WorkedExamples.e5().point());
        assertEquals(PointClass.STRICT_SADDLE, x.pointClass());
        assertArrayEquals(new int[]{2}, x.S());
    }

    @Test
    void everyShippedCaseFileReadsExactlyWithItsClassAndLargeOnesAreRefused() throws Exception {
        Map<String, PointClass> expected = Map.ofEntries(Map.entry("a", PointClass.NON_STRICT_SADDLE),
                Map.entry("aprime", PointClass.STRICT_SADDLE), Map.entry("b", PointClass.NON_STRICT_SADDLE),
                Map.entry("d4-global", PointClass.GLOBAL_MIN), Map.entry("d4-learn1", PointClass.STRICT_SADDLE),
                Map.entry("d4-learn2", PointClass.STRICT_SADDLE), Map.entry("d4-zero", PointClass.STRICT_SADDLE),
                Map.entry("e1", PointClass.GLOBAL_MIN), Map.entry("e2", PointClass.NON_STRICT_SADDLE),
                Map.entry("e3", PointClass.NON_STRICT_SADDLE), Map.entry("e4", PointClass.STRICT_SADDLE),
                Map.entry("e5", PointClass.STRICT_SADDLE));
        for (Map.Entry<String, PointClass> en : expected.entrySet()) {
            RationalCase c = RationalCaseReader.read(EXAMPLES.resolve(en.getKey() + ".json"));
            assertEquals(en.getValue(), ExactClassifier.classify(c).pointClass(), en.getKey());
        }
        for (String big : List.of("bench-w2-64", "bench-w5-64-h12")) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> RationalCaseReader.read(EXAMPLES.resolve(big + ".json")));
            assertTrue(ex.getMessage().contains("exact mode supports"), ex.getMessage());
        }
    }

    static List<String> pivots(List<Pivot> l) {
        return l.stream().map(p -> p.i() + "," + p.j() + ":" + p.innerRank() + (p.tightened() ? "" : "*"))
                .sorted().collect(Collectors.toList());
    }
}
