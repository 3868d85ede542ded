package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CriticalValuesTest {
    @Test
    void d1ValuesAndClasses() {
        CriticalValues cv = CriticalValues.of(WorkedExamples.d1(), Architecture.of(2, 2, 2, 2));
        assertArrayEquals(new double[]{2, 6, 10, 14}, cv.values(), 1e-12);
        assertEquals(4, cv.total());
        assertTrue(cv.complete());
        assertEquals(EnumSet.of(PointClass.GLOBAL_MIN), cv.forS(1, 2).orElseThrow().classes());
        assertEquals(EnumSet.of(PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE), cv.forS(1).orElseThrow().classes());
        assertEquals(EnumSet.of(PointClass.STRICT_SADDLE), cv.forS(2).orElseThrow().classes());
        assertEquals(EnumSet.of(PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE), cv.forS().orElseThrow().classes());
        assertEquals(2, cv.minimum(), 1e-12);
        assertEquals(List.of("value", "rank", "S", "prefix", "classes"), cv.toTable().columnNames());
        assertEquals(4, cv.toTable().rowCount());
    }

    @Test
    void depthTwoHasNoNonStrictAndHalfConventionScales() {
        CriticalValues cv = CriticalValues.of(WorkedExamples.d1(), Architecture.of(2, 2, 2));
        assertEquals(EnumSet.of(PointClass.STRICT_SADDLE), cv.forS(1).orElseThrow().classes());
        CriticalValues half = CriticalValues.of(WorkedExamples.d1(), Architecture.of(2, 2, 2), LossConvention.HALF);
        assertArrayEquals(new double[]{1, 3, 5, 7}, half.values(), 1e-12);
        assertEquals(0.5, half.factor());
    }

    @Test
    void bottleneckLimitsSubsetSize() {
        // d2: lambda = 9,4,1; r_max = 2 with widths 3,2,2,2,3
        CriticalValues cv = CriticalValues.of(WorkedExamples.d2(), Architecture.of(3, 2, 2, 2, 3));
        assertEquals(7, cv.total()); // 1 + 3 + 3
        assertArrayEquals(new double[]{1, 4, 5, 9, 10, 13, 14}, cv.values(), 1e-12);
        assertTrue(cv.entries().stream().allMatch(e -> e.rank() <= 2));
    }

    @Test
    void lowestMatchesFullEnumerationOnRandomSpectra() {
        Random rng = new Random(11);
        for (int t = 0; t < 30; t++) {
            int dy = 2 + rng.nextInt(6);
            int dx = dy + rng.nextInt(3);
            int hidden = 1 + rng.nextInt(dy + 1);
            Dataset d = Datasets.gaussian(dx, dy, dx + 5, 100 + t);
            Architecture a = Architecture.of(dx, hidden, hidden, dy);
            CriticalValues all = CriticalValues.of(d, a);
            int k = 1 + rng.nextInt((int) all.total());
            CriticalValues low = CriticalValues.lowest(d, a, k);
            assertEquals(k, low.entries().size());
            for (int i = 0; i < k; i++) {
                assertEquals(all.entries().get(i).value(), low.entries().get(i).value(), 1e-9);
            }
            // nextBelow against the full list
            double[] v = all.values();
            for (int i = 0; i < v.length; i++) {
                OptionalDouble nb = CriticalValues.nextBelow(d, a, v[i]);
                if (i == 0) {
                    assertFalse(nb.isPresent());
                } else {
                    assertEquals(v[i - 1], nb.getAsDouble(), 1e-9);
                }
                double mid = i + 1 < v.length ? 0.5 * (v[i] + v[i + 1]) : v[i] + 1;
                assertEquals(v[i], CriticalValues.nextBelow(d, a, mid).getAsDouble(), 1e-9);
            }
        }
    }

    @Test
    void nextBelowOnProtocolData() {
        // section 12: saddle value 5 (S={1}) on D2 with H = 3, d = (3,3,3,3). The protocol's midpoint (5+1)/2 uses
        // the prefix value 1 (S={1,2}); the next lower critical value is in fact 4 (S={1,3}, a strict saddle).
        assertEquals(4, CriticalValues.nextBelow(WorkedExamples.d2(), Architecture.of(3, 3, 3, 3), 5).getAsDouble(), 1e-12);
        assertEquals(1, CriticalValues.nextBelow(WorkedExamples.d2(), Architecture.of(3, 3, 3, 3), 4).getAsDouble(), 1e-12);
        assertEquals(5, CriticalValues.nextBelow(WorkedExamples.d2(), Architecture.of(3, 3, 3, 3), 9).getAsDouble(), 1e-12);
    }

    @Test
    void largeOutputDimensionNeverHangs() {
        int dy = 60;
        double[] diag = new double[dy];
        for (int i = 0; i < dy; i++) {
            diag[i] = dy - i;
        }
        Dataset d = Dataset.of(identity(dy), MatrixOps.diag(diag));
        Architecture a = Architecture.of(dy, 30, 30, dy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CriticalValues.of(d, a));
        assertTrue(e.getMessage().contains("lowest"), e.getMessage());
        CriticalValues low = CriticalValues.lowest(d, a, 50);
        assertEquals(50, low.entries().size());
        assertFalse(low.complete());
        double tr = d.traceSyy();
        double top30 = 0;
        for (int i = 0; i < 30; i++) {
            top30 += diag[i] * diag[i];
        }
        assertEquals(tr - top30, low.minimum(), 1e-9);
        for (int i = 1; i < 50; i++) {
            assertTrue(low.entries().get(i).value() >= low.entries().get(i - 1).value());
        }
        assertEquals(Long.MAX_VALUE > CriticalValues.count(d, a), true);
        // nextBelow either answers (checked against the best-first list) or stops with a clear message
        double v = low.entries().get(10).value();
        try {
            assertEquals(low.entries().get(9).value(), CriticalValues.nextBelow(d, a, v).getAsDouble(), 1e-9);
        } catch (IllegalStateException e2) {
            assertTrue(e2.getMessage().contains("lowest"), e2.getMessage());
        }
    }

    @Test
    void singleLayerHasOnlyTheMinimum() {
        CriticalValues cv = CriticalValues.of(WorkedExamples.d1(), Architecture.of(2, 2));
        assertEquals(1, cv.entries().size());
        assertEquals(2, cv.minimum(), 1e-12);
        assertEquals(EnumSet.of(PointClass.GLOBAL_MIN), cv.entries().get(0).classes());
        assertEquals(1, CriticalValues.lowest(WorkedExamples.d1(), Architecture.of(2, 2), 5).entries().size());
        assertEquals(2, CriticalValues.nextBelow(WorkedExamples.d1(), Architecture.of(2, 2), 14).getAsDouble(), 1e-12);
        assertFalse(CriticalValues.nextBelow(WorkedExamples.d1(), Architecture.of(2, 2), 2).isPresent());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> CriticalValues.of(WorkedExamples.d1(), Architecture.of(3, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> CriticalValues.lowest(WorkedExamples.d1(), Architecture.of(2, 2, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> CriticalValues.of(WorkedExamples.d1(), Architecture.of(2, 2, 2)).scaled(-1));
        // repeated eigenvalues: assumption H fails
        Dataset rep = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(1, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CriticalValues.of(rep, Architecture.of(2, 2, 2)));
        assertTrue(e.getMessage().contains("assumption H"), e.getMessage());
    }

    @Test
    void exactSubsetCountsDoNotOverflow() {
        // sum_{k <= n} C(n, k) = 2^n; against the saturating long count where it fits
        assertEquals(java.math.BigInteger.ONE.shiftLeft(128), CriticalValues.countExact(128, 128));
        assertEquals("about 3.4e38", CriticalValues.countText(CriticalValues.countExact(128, 128)));
        for (int n = 1; n <= 40; n++) {
            for (int k = 0; k <= n; k += 3) {
                assertEquals(CriticalValues.countSubsets(n, k), CriticalValues.countExact(n, k).longValueExact(), n + " " + k);
            }
        }
        assertEquals("1048576", CriticalValues.countText(CriticalValues.countExact(20, 20)));
    }

    @Test
    void longRunsOfIndicesPrintAsIntervals() {
        assertEquals("{}", CriticalValues.setText(new int[0]));
        assertEquals("{1,3}", CriticalValues.setText(new int[]{1, 3}));
        assertEquals("{1,2,4}", CriticalValues.setText(new int[]{1, 2, 4}));
        int[] all = java.util.stream.IntStream.rangeClosed(1, 128).toArray();
        assertEquals("[[1,128]]", CriticalValues.setText(all));
        assertEquals("[[1,5]] u {7,9}", CriticalValues.setText(new int[]{1, 2, 3, 4, 5, 7, 9}));
        assertEquals("[[1,3]] u [[6,8]]", CriticalValues.setText(new int[]{1, 2, 3, 6, 7, 8}));
    }

    private static org.ejml.data.DMatrixRMaj identity(int n) {
        return org.ejml.dense.row.CommonOps_DDRM.identity(n);
    }
}
