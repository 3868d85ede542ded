package io.github.dlnkit.dynamics;

import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liao et al.'s Lemma 4 and the codimension-two claim against the measured Hessian inertia ({@link SaddleInertia}).
 */
class SaddleInertiaTest {

    @Test
    void oneHiddenLayerInertiaFollowsTheClosedFormAndLemmaFourOvercountsPrefixSaddlesByOne() {
        int prefixRows = 0;
        for (int[] d : new int[][]{{2, 2, 2}, {3, 2, 2}, {4, 3, 2}, {3, 3, 1}}) {
            Architecture arch = Architecture.of(d);
            Dataset data = Datasets.gaussian(d[0], d[2], 10, 40 + d[0] + d[1]);
            List<SaddleInertia.Row> rows = SaddleInertia.oneHiddenLayer(data, arch, 5);
            assertEquals(1 << d[2], rows.size());
            for (SaddleInertia.Row x : rows) {
                String where = arch + " S " + SaddleInertia.setText(x.S());
                // the zero eigenspace is the tangent of Crit_r, of dimension D_C^r (Lemma 3 is attained)
                assertTrue(x.clean(), where);
                assertEquals(x.lemmaThree(), x.zero(), where);
                assertEquals(x.lemmaThree(), x.manifoldDimension(), where);
                assertEquals(x.predictedNegative(), x.negative(), where);
                assertEquals(x.parameters(), x.negative() + x.zero() + x.positive(), where);
                boolean prefix = x.r() < d[2] && x.S().length == x.r()
                        && java.util.stream.IntStream.range(0, x.r()).allMatch(k -> x.S()[k] == k + 1);
                if (prefix && x.r() >= 1) {
                    assertEquals(x.paperCodimension() - 1, x.basinCodimension(), where);
                    prefixRows++;
                }
                if (x.r() == d[2]) {
                    assertEquals(PointClass.GLOBAL_MIN, x.pointClass(), where);
                    assertEquals(0, x.negative(), where);
                }
            }
        }
        assertEquals(3, prefixRows); // {1} for (2,2,2), (3,2,2), (4,3,2); d_y = 1 has no saddle of rank >= 1
    }

    @Test
    void codimensionOneExactlyWhenHiddenWidthEqualsOutputWidth() {
        // d_1 = d_y: the rank d_y - 1 prefix saddle has exactly one negative eigenvalue (the paper's bound says 2)
        SaddleInertia.Row square = row(SaddleInertia.oneHiddenLayer(Datasets.gaussian(2, 2, 8, 3), Architecture.of(2, 2, 2), 1), 1);
        assertEquals(1, square.basinCodimension());
        assertEquals(2, square.paperCodimension());
        // d_1 > d_y: the same saddle has (d_y - r)(d_1 - r) = 2 negative eigenvalues, so the claim holds there
        SaddleInertia.Row wide = row(SaddleInertia.oneHiddenLayer(Datasets.gaussian(4, 2, 8, 3), Architecture.of(4, 3, 2), 1), 1);
        assertEquals(2, wide.basinCodimension());
        assertEquals(3, wide.paperCodimension());
        assertEquals(1, SaddleInertia.predictedNegatives(Architecture.of(5, 3, 3), new int[]{1, 2}));
        assertEquals(2 * 2 + 2, SaddleInertia.predictedNegatives(Architecture.of(5, 3, 3), new int[]{3}));
    }

    @Test
    void deeperNetworksHaveCodimensionOneStrictSaddlesAndNonStrictSaddlesThatAreNotClean() {
        Dataset data = Datasets.gaussian(2, 2, 8, 9);
        List<SaddleInertia.Row> rows = SaddleInertia.deep(data, Architecture.of(2, 2, 2, 2), 4);
        boolean codimOne = false;
        for (SaddleInertia.Row x : rows) {
            String where = "widths (2,2,2,2) S " + SaddleInertia.setText(x.S()) + " " + x.pointClass();
            assertEquals(x.parameters(), x.negative() + x.zero() + x.positive(), where);
            if (x.pointClass() == PointClass.NON_STRICT_SADDLE) {
                // a clean critical manifold with a PSD Hessian would be a local minimum: a non-strict saddle cannot be clean
                assertEquals(0, x.negative(), where);
                assertFalse(x.clean(), where);
            }
            if (x.pointClass() == PointClass.GLOBAL_MIN) {
                assertTrue(x.clean(), where);
            }
            if (x.pointClass() == PointClass.STRICT_SADDLE && x.clean() && x.negative() == 1) {
                codimOne = true;
            }
        }
        assertTrue(codimOne, "a clean strict saddle with one negative eigenvalue at (2,2,2,2)");
    }

    private static SaddleInertia.Row row(List<SaddleInertia.Row> rows, int... s) {
        return rows.stream().filter(x -> java.util.Arrays.equals(x.S(), s)).findFirst().orElseThrow();
    }
}
