package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.Confidence;
import io.github.dlnkit.critical.PointClass;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact mode on random rational critical points ({@link RationalCriticalPoints}: section-11 intervals, rational
 * orthogonal output rotation, integer unimodular input and hidden changes of basis): the exact verdict, {@code S}
 * and {@code r} are the intended ones on every point, and the double-precision classifier agrees with exact mode
 * wherever it does not flag its verdict {@link Confidence#FRAGILE}. {@code -Ddlnkit.exact.count=N} and
 * {@code -Ddlnkit.exact.seed=S} change the run (default 500 points, seed 2026).
 */
class ExactPropertyTest {
    private static final int COUNT = Integer.getInteger("dlnkit.exact.count", 500);
    private static final long SEED = Long.getLong("dlnkit.exact.seed", 2026L);

    @Test
    void randomRationalCriticalPointsGetTheirIntendedClassAndDoubleModeAgreesWhereConfident() {
        Random rng = new Random(SEED);
        Map<PointClass, Integer> byClass = new EnumMap<>(PointClass.class);
        List<String> wrong = new ArrayList<>();
        List<String> doubleDisagrees = new ArrayList<>();
        int compared = 0;
        int fragile = 0;
        int fragileWrong = 0;
        int n = 0;
        Classifier.Options noWitness = Classifier.Options.builder().witness(false).build();
        while (n < COUNT) {
            Optional<RationalCriticalPoints.Point> draw = RationalCriticalPoints.draw(rng, 6, 7, 4);
            if (draw.isEmpty()) {
                continue;
            }
            RationalCriticalPoints.Point p = draw.get();
            n++;
            ExactClassification x = ExactClassifier.classify(p.rationalCase());
            byClass.merge(p.intended(), 1, Integer::sum);
            if (x.pointClass() != p.intended() || x.r() != p.r() || !java.util.Arrays.equals(x.S(), p.S())) {
                wrong.add(p.description() + ": intended " + p.intended() + ", exact " + x.pointClass() + " S "
                        + java.util.Arrays.toString(x.S()) + " r " + x.r() + " (" + x.reason() + ")");
                continue;
            }
            Classification d = Classifier.classify(p.rationalCase().dataset(), p.rationalCase().point(), noWitness);
            if (d.confidence() == Confidence.FRAGILE) {
                fragile++;
                if (d.pointClass() != x.pointClass()) {
                    fragileWrong++;
                }
                continue;
            }
            compared++;
            if (d.pointClass() != x.pointClass() || !java.util.Arrays.equals(d.S(), x.S())
                    || !ExactWorkedExamplesTest.pivots(d.pivots()).equals(ExactWorkedExamplesTest.pivots(x.pivots()))) {
                doubleDisagrees.add(p.description() + ": exact " + x.pointClass() + ", double " + d.pointClass()
                        + " (margins " + d.margins() + ")");
            }
        }
        System.err.printf("exact property: %d points %s, %d compared with double mode, %d fragile in double "
                + "(%d of them with another class in double)%n", n, byClass, compared, fragile, fragileWrong);
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong exact verdicts, e.g. " + wrong.subList(0, Math.min(3, wrong.size())));
        assertTrue(doubleDisagrees.isEmpty(), doubleDisagrees.size() + " confident double verdicts differ, e.g. "
                + doubleDisagrees.subList(0, Math.min(3, doubleDisagrees.size())));
        for (PointClass c : List.of(PointClass.GLOBAL_MIN, PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE)) {
            assertTrue(byClass.getOrDefault(c, 0) >= COUNT / 20, "too few " + c + ": " + byClass);
        }
        assertTrue(compared >= COUNT / 2, "double mode confident on only " + compared + " of " + n);
    }

    @Test
    void theGeneratorsAreWhatTheySay() {
        Random rng = new Random(7);
        for (int t = 0; t < 50; t++) {
            int n = 1 + rng.nextInt(6);
            RationalMatrix q = RationalCriticalPoints.cayley(rng, n);
            assertEquals(RationalMatrix.identity(n), q.transpose().times(q));
            RationalMatrix u = RationalCriticalPoints.unimodular(rng, n);
            RationalMatrix inv = u.inverse("u");
            assertEquals(RationalMatrix.identity(n), u.times(inv));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertTrue(inv.get(i, j).getDenominator().equals(java.math.BigInteger.ONE), "integer inverse");
                }
            }
        }
    }

    @Test
    void notCriticalOnceOneEntryMoves() {
        Random rng = new Random(11);
        int checked = 0;
        while (checked < 20) {
            Optional<RationalCriticalPoints.Point> draw = RationalCriticalPoints.draw(rng, 4, 5, 3);
            if (draw.isEmpty()) {
                continue;
            }
            RationalCase c = draw.get().rationalCase();
            List<RationalMatrix> layers = new ArrayList<>(c.layers());
            RationalMatrix w1 = layers.get(0);
            org.hipparchus.fraction.BigFraction[][] a = new org.hipparchus.fraction.BigFraction[w1.rows()][w1.cols()];
            for (int i = 0; i < w1.rows(); i++) {
                for (int j = 0; j < w1.cols(); j++) {
                    a[i][j] = w1.get(i, j);
                }
            }
            a[0][0] = a[0][0].add(new org.hipparchus.fraction.BigFraction(1, 1_000_000_007));
            layers.set(0, RationalMatrix.of(a));
            RationalCase moved = new RationalCase(c.sxx(), c.syx(), c.syy(), layers, c.convention());
            ExactClassification x = ExactClassifier.classify(moved);
            // moving W_1 by 1e-9 keeps the point critical only if the gradient does not depend on that entry
            if (!x.critical()) {
                assertEquals(PointClass.NOT_CRITICAL, x.pointClass());
                checked++;
            } else {
                assertArrayEquals(draw.get().S(), x.S());
            }
        }
    }
}
