package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.Confidence;
import io.github.dlnkit.critical.PointClass;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exact mode at the largest supported size ({@link ExactLimits}: every width 12, {@code H = 8}) on the four kinds
 * of verdict, each disguised by a rational rotation and integer unimodular changes of basis, with the double classifier
 * agreeing unless it flags its verdict fragile; prints the time of each exact
 * classification (the figures of {@code docs/theory/exact-mode.md}; no threshold is asserted).
 * {@code -Ddlnkit.exact.writeLargest=DIR} also writes the four cases there as case files of fractions.
 */
class ExactLargestSizeTest {
    private static final int W = ExactLimits.MAX_WIDTH;
    private static final int H = ExactLimits.MAX_DEPTH;

    private static void check(String what, int[] s, int[][] extras, PointClass expected) {
        int[] d = new int[H + 1];
        Arrays.fill(d, W);
        RationalCriticalPoints.Point p = RationalCriticalPoints.withWidths(new Random(5), d, s, extras).orElseThrow();
        String dir = System.getProperty("dlnkit.exact.writeLargest");
        if (dir != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "exact-12x8-" + what.replaceAll("[^a-z]", "") + ".json"),
                        RationalCriticalPoints.toJson(p.rationalCase()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long t0 = System.nanoTime();
        ExactClassification x = ExactClassifier.classify(p.rationalCase());
        double sec = (System.nanoTime() - t0) / 1e9;
        System.err.printf("exact largest size %s: %s in %.2f s (%d pivots)%n", what, x.pointClass(), sec, x.pivots().size());
        assertEquals(expected, p.intended(), what);
        assertEquals(expected, x.pointClass(), what + ": " + x.reason());
        assertArrayEquals(s, x.S(), what);
        Classification dbl = Classifier.classify(p.rationalCase().dataset(), p.rationalCase().point(),
                Classifier.Options.builder().witness(false).build());
        if (dbl.confidence() != Confidence.FRAGILE) {
            assertEquals(x.pointClass(), dbl.pointClass(), what + ": double mode, not fragile: " + dbl.reason());
            assertArrayEquals(x.S(), dbl.S(), what);
        }
    }

    @Test
    void globalMinimizerAtTwelveByEight() {
        check("global", IntStream.rangeClosed(1, W).toArray(), new int[0][], PointClass.GLOBAL_MIN);
    }

    @Test
    void nonStrictSaddleAtTwelveByEight() {
        check("non-strict", new int[]{1, 2, 3, 4}, new int[][]{{2, 6}, {1, 3}}, PointClass.NON_STRICT_SADDLE);
    }

    @Test
    void strictSaddleWithAnUntightenedPivotAtTwelveByEight() {
        check("strict (pivot)", new int[]{1, 2, 3, 4}, new int[][]{{0, 5}, {3, 8}}, PointClass.STRICT_SADDLE);
    }

    @Test
    void strictSaddleWithANonPrefixSetAtTwelveByEight() {
        check("strict (S)", new int[]{1, 3, 5, 7, 9, 11}, new int[0][], PointClass.STRICT_SADDLE);
    }
}
