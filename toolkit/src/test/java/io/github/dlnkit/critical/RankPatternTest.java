package io.github.dlnkit.critical;

import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankPatternTest {
    @Test
    void ranksAndMultiplicitiesRoundTrip() {
        // measured ranks of example A give back intervals whose predicted ranks are the measured ones
        Weights a = WorkedExamples.a().point();
        int[][] rho = RankPattern.measureRanks(a, 1e-10);
        RankPattern p = RankPattern.fromRanks(a.architecture(), rho);
        assertEquals(rho[0][4], 1);
        assertArrayEquals(rho, p.ranks(a.architecture(), rho[0][4]));
        for (long seed = 0; seed < 30; seed++) {
            Weights w = Weights.gaussian(Architecture.of(3, 2, 4, 1, 3), 1, seed).randomChangeOfBasis(0.3, seed);
            int[][] r = RankPattern.measureRanks(w, 1e-10);
            assertArrayEquals(r, RankPattern.fromRanks(w.architecture(), r).ranks(w.architecture(), r[0][4]));
        }
    }

    @Test
    void negativeMultiplicityIsRejected() {
        Architecture arch = Architecture.of(2, 2, 2, 2);
        int[][] rho = {{2, 1, 2, 0}, {0, 2, 1, 0}, {0, 0, 2, 0}, {0, 0, 0, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankPattern.fromRanks(arch, rho));
        assertTrue(e.getMessage().contains("not realizable"), e.getMessage());
    }

    @Test
    void parseAndConstruct() {
        RankPattern p = RankPattern.parse(4, "2-3, 0-1x2,[3,4]");
        assertEquals(List.of(new RankPattern.Interval(0, 1), new RankPattern.Interval(0, 1), new RankPattern.Interval(2, 3),
                new RankPattern.Interval(3, 4)), p.intervals());
        assertThrows(IllegalArgumentException.class, () -> RankPattern.parse(4, "0-4"));
        assertThrows(IllegalArgumentException.class, () -> RankPattern.parse(4, "2-2"));
        assertThrows(IllegalArgumentException.class, () -> RankPattern.parse(4, "a-b"));
        assertThrows(IllegalArgumentException.class, () -> RankPattern.parse(4, "3-5"));

        Dataset d = Datasets.gaussian(5, 3, 10, 4);
        Architecture arch = Architecture.of(5, 4, 4, 4, 3);
        // middle interval [1,3] spans the inner block of pivot (4,1): strict
        CriticalPoints.Constructed s = CriticalPoints.builder(d, arch).S(1).rankPattern(RankPattern.parse(4, "1-3"))
                .changeOfBasis(9).construct();
        assertEquals(PointClass.STRICT_SADDLE, s.intended());
        assertEquals(2, RankPattern.measureRanks(s.weights(), 1e-9)[1][3]);
        // a top [3,4] and a bottom [0,1]: pivot (4,2) couples them? a=3 >= b+2 = 3: yes, and nothing non-full spans 2..3
        CriticalPoints.Constructed n = CriticalPoints.builder(d, arch).S(1).rankPattern(RankPattern.parse(4, "3-4,0-1"))
                .construct();
        Classification c = Classifier.classify(d, n.weights(), Classifier.Options.builder().hessian(true).build());
        assertEquals(n.intended(), c.pointClass());
        assertTrue(c.hessian().orElseThrow().agrees());
        // asking for a class the pattern cannot give
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, arch).S(1)
                .pointClass(PointClass.NON_STRICT_SADDLE).rankPattern(RankPattern.parse(4, "1-3")).build());
        assertTrue(e.getMessage().contains("not the requested"), e.getMessage());
    }

    @Test
    void unrealizablePatternsAreRejectedWithTheReason() {
        Dataset d = Datasets.gaussian(3, 3, 8, 4);
        Architecture arch = Architecture.of(3, 3, 3, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, arch).S(1)
                .rankPattern(RankPattern.parse(3, "1-3")).build()).getMessage().contains("mult[1,H]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, arch).S(1)
                .rankPattern(RankPattern.parse(3, "0-2")).build()).getMessage().contains("d_x - d_y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, arch).S(1)
                .rankPattern(RankPattern.parse(3, "2-3x3")).build()).getMessage().contains("d_2 = 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, arch).S(1)
                .rankPattern(RankPattern.parse(3, "1-2x3")).build()).getMessage().contains("width"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d, Architecture.of(3, 3, 3))
                .S(1).rankPattern(RankPattern.parse(3, "1-2")).build()).getMessage().contains("H = 3"));
        // d_x = d_y = 2, S = {1}: a bottom [0,2] touching a top [3,6] is forced into span(phi_1) (found by the
        // long property run)
        Dataset d2 = Datasets.gaussian(2, 2, 6, 1);
        Architecture a2 = Architecture.of(2, 4, 5, 3, 4, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CriticalPoints.builder(d2, a2).S(1)
                .rankPattern(RankPattern.parse(6, "0-2,1-2,2-3,3-6")).build());
        assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
    }
}
