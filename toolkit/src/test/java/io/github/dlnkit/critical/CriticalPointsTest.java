package io.github.dlnkit.critical;

import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CriticalPointsTest {
    private static final Classifier.Options HESS = Classifier.Options.builder().hessian(true).build();

    private static void check(Dataset d, Weights w, PointClass expected, int[] s) {
        Loss loss = Loss.of(d);
        assertTrue(loss.gradient(w).norm() < 1e-9 * (1 + d.traceSyy()), "gradient " + loss.gradient(w).norm());
        Classification c = Classifier.classify(d, w, HESS);
        assertEquals(expected, c.pointClass(), c.reason());
        assertArrayEquals(s, c.S());
        assertTrue(c.hessian().orElseThrow().agrees(), c.toString());
        assertEquals(loss.value(w), c.value(), 1e-9 * d.traceSyy());
    }

    @Test
    void recipesForTheBriefWidths() {
        Architecture a = Architecture.of(5, 4, 3, 4, 5);
        Dataset d = Datasets.gaussian(5, 5, 12, 3);
        check(d, CriticalPoints.globalMinimizer(d, a), PointClass.GLOBAL_MIN, new int[]{1, 2, 3});
        for (int r = 0; r < 3; r++) {
            check(d, CriticalPoints.nonStrictSaddle(d, a, r), PointClass.NON_STRICT_SADDLE, CriticalPoints.prefix(r));
            check(d, CriticalPoints.strictSaddle(d, a, r), PointClass.STRICT_SADDLE, CriticalPoints.prefix(r));
        }
        check(d, CriticalPoints.withS(d, a, new int[]{1, 3}, PointClass.STRICT_SADDLE), PointClass.STRICT_SADDLE, new int[]{1, 3});
        check(d, CriticalPoints.withS(d, a, new int[]{5}, PointClass.STRICT_SADDLE), PointClass.STRICT_SADDLE, new int[]{5});
    }

    @Test
    void builderWithChangeOfBasisKeepsClass() {
        Architecture a = Architecture.of(4, 6, 3, 5, 3);
        Dataset d = Datasets.gaussian(4, 3, 9, 8);
        for (long seed = 0; seed < 5; seed++) {
            Weights w = CriticalPoints.builder(d, a).S(1).pointClass(PointClass.NON_STRICT_SADDLE).changeOfBasis(seed).build();
            check(d, w, PointClass.NON_STRICT_SADDLE, new int[]{1});
            Weights s = CriticalPoints.builder(d, a).S(2, 3).changeOfBasis(seed).build();
            check(d, s, PointClass.STRICT_SADDLE, new int[]{2, 3});
        }
    }

    @Test
    void depthTwoAndDepthOne() {
        Dataset d = WorkedExamples.d1();
        Architecture two = Architecture.of(2, 3, 2);
        check(d, CriticalPoints.strictSaddle(d, two, 1), PointClass.STRICT_SADDLE, new int[]{1});
        check(d, CriticalPoints.globalMinimizer(d, two), PointClass.GLOBAL_MIN, new int[]{1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CriticalPoints.nonStrictSaddle(d, two, 1));
        assertTrue(e.getMessage().contains("H = 2"), e.getMessage());
        Weights one = CriticalPoints.globalMinimizer(d, Architecture.of(2, 2));
        assertEquals(PointClass.GLOBAL_MIN, Classifier.classify(d, one).pointClass());
    }

    @Test
    void impossibleRequestsAreRejectedWithTheReason() {
        Dataset d = WorkedExamples.d1();
        Architecture a = Architecture.of(2, 2, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.withS(d, a, new int[]{2}, PointClass.NON_STRICT_SADDLE))
                .getMessage().contains("not a prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.withS(d, a, new int[]{2}, PointClass.GLOBAL_MIN))
                .getMessage().contains("global minimizer needs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.strictSaddle(d, a, 2))
                .getMessage().contains("only global minimizers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, a).S(1, 2, 3))
                .getMessage().contains("1..2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, Architecture.of(2, 1, 2)).S(1, 2))
                .getMessage().contains("r_max"));
        assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, a).pointClass(PointClass.NOT_CRITICAL));
        assertThrows(IllegalArgumentException.class, () -> CriticalPoints.globalMinimizer(d, Architecture.of(3, 2, 2)));
    }
}
