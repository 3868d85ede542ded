package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classifier on every Achour-type worked example of {@code worked-examples.md}: class, S, r, value, pivots, witness, Hessian. */
class WorkedExamplesClassifierTest {
    private static final Classifier.Options WITH_HESSIAN = Classifier.Options.builder().hessian(true).build();

    private static Classification run(WorkedExample e) {
        return Classifier.classify(e.data(), e.point(), WITH_HESSIAN);
    }

    private static Set<String> pivots(Classification c) {
        return c.pivots().stream().map(p -> p.i() + "," + p.j() + (p.tightened() ? "" : "*")).collect(Collectors.toSet());
    }

    @Test
    void everyAchourExampleHasItsStatedClassValueAndHessianSign() {
        for (WorkedExample e : WorkedExamples.achour()) {
            Classification c = run(e);
            assertEquals(e.expectedClass(), c.pointClass().name(), e.name() + ": " + c.reason());
            assertTrue(c.critical(), e.name());
            assertEquals(e.expectedLoss(), c.value(), 1e-9, e.name());
            assertEquals(e.expectedLoss(), c.loss(), 1e-9, e.name());
            assertEquals(e.hessianEigenvalues()[0], c.hessianMin().getAsDouble(), 1e-8, e.name());
            assertTrue(c.hessian().orElseThrow().agrees(), e.name());
        }
    }

    @Test
    void e1GlobalMinimizer() {
        Classification c = run(WorkedExamples.e1());
        assertEquals(PointClass.GLOBAL_MIN, c.pointClass());
        assertArrayEquals(new int[]{1, 2}, c.S());
        assertEquals(2, c.r());
        assertTrue(c.pivots().isEmpty());
        assertTrue(c.witness().isEmpty());
    }

    @Test
    void e2ZeroIsNonStrictWithThirdOrderDescent() {
        Classification c = run(WorkedExamples.e2());
        assertEquals(PointClass.NON_STRICT_SADDLE, c.pointClass());
        assertArrayEquals(new int[0], c.S());
        assertEquals(0, c.r());
        assertEquals(Set.of("3,1"), pivots(c));
        assertEquals(0, c.pivots().get(0).innerRank());
        Witness w = c.witness().orElseThrow();
        assertEquals(3, w.order());
        assertTrue(w.leading() < 0);
        assertEquals(0, w.curvature(), 1e-12);
        // worked example: delta = (I, I, I) gives 14 - 4 t^3 + 6 t^6
        Weights id = Weights.of(MatrixOps.diag(1, 1), MatrixOps.diag(1, 1), MatrixOps.diag(1, 1));
        double[] poly = Witnesses.lossPolynomial(WorkedExamples.d1(), WorkedExamples.e2().point(), id);
        assertArrayEquals(new double[]{14, 0, 0, -4, 0, 0, 6}, poly, 1e-12);
    }

    @Test
    void e3NonStrictAndE4StrictShareSButNotTightening() {
        Classification e3 = run(WorkedExamples.e3());
        assertEquals(PointClass.NON_STRICT_SADDLE, e3.pointClass());
        assertArrayEquals(new int[]{1}, e3.S());
        assertEquals(Set.of("3,1"), pivots(e3));
        assertEquals(1, e3.pivots().get(0).innerRank());
        Witness w = e3.witness().orElseThrow();
        assertEquals("chain", w.kind());
        assertEquals(3, w.order());
        assertTrue(w.lossAt(0.1) < 6);
        // the worked-example curve: 6 - 8 t^3 + 4 t^6
        Weights d = Weights.of(Checks.matrix("d1", new double[][]{{0, 0}, {0, 1}}),
                Checks.matrix("d2", new double[][]{{0, 0}, {0, 1}}), Checks.matrix("d3", new double[][]{{0, 1}, {0, -1}}));
        assertArrayEquals(new double[]{6, 0, 0, -8, 0, 0, 4},
                Witnesses.lossPolynomial(WorkedExamples.d1(), WorkedExamples.e3().point(), d), 1e-12);

        Classification e4 = run(WorkedExamples.e4());
        assertEquals(PointClass.STRICT_SADDLE, e4.pointClass());
        assertArrayEquals(new int[]{1}, e4.S());
        assertEquals(Set.of("3,1*"), pivots(e4));
        assertEquals(2, e4.pivots().get(0).innerRank());
        assertTrue(e4.reason().contains("(3,1)"), e4.reason());
        Witness s = e4.witness().orElseThrow();
        assertTrue(s.kind().startsWith("pivot"));
        assertTrue(s.curvature() < 0);
        assertEquals(2, s.order());
        // curvature is a Rayleigh quotient: not below the smallest eigenvalue -4 sqrt 2
        assertTrue(s.curvature() / Math.pow(s.direction().norm(), 2) >= -4 * Math.sqrt(2) - 1e-9);
    }

    @Test
    void e5NonPrefixHasRotationWitnessWithExactCurve() {
        Classification c = run(WorkedExamples.e5());
        assertEquals(PointClass.STRICT_SADDLE, c.pointClass());
        assertArrayEquals(new int[]{2}, c.S());
        assertEquals(1, c.r());
        assertEquals(10, c.value(), 1e-12);
        assertTrue(c.pivots().isEmpty());
        assertTrue(c.reason().contains("not [[1,1]]"), c.reason());
        Witness w = c.witness().orElseThrow();
        assertEquals("rotation", w.kind());
        // L(t) = 10 - 2 (sqrt32 - 4) sin^2 t: second derivative at 0 is -4 (sqrt32 - 4) times the speed^2 of the
        // curve parameter; our tangent is the t-derivative of that curve, so curvature = -4 (sqrt32 - 4)
        assertEquals(-4 * (Math.sqrt(32) - 4), w.curvature(), 1e-9);
    }

    @Test
    void exampleAIsNonStrictAndAPrimeIsStrict() {
        Classification a = run(WorkedExamples.a());
        assertEquals(PointClass.NON_STRICT_SADDLE, a.pointClass());
        assertEquals(Set.of("3,1", "4,1", "4,2"), pivots(a));
        Witness w = a.witness().orElseThrow();
        assertTrue(w.order() >= 3 && w.leading() < 0, w.toString());
        assertTrue(w.lossAt(0.05) < 5);

        Classification ap = run(WorkedExamples.aPrime());
        assertEquals(PointClass.STRICT_SADDLE, ap.pointClass());
        assertEquals(Set.of("3,1", "4,1", "4,2", "3,2*"), pivots(ap));
        assertEquals(List.of(3), ap.untightenedPivots().stream().map(Pivot::i).toList());
        assertEquals(2, ap.untightenedPivots().get(0).j());
        assertTrue(ap.witness().orElseThrow().curvature() < 0);
        // worked-example curve for A': 5 - 2 t^2 + t^4 / 4
        double h = 1 / Math.sqrt(2);
        Weights d = Weights.of(new org.ejml.data.DMatrixRMaj(2, 3),
                Checks.matrix("d2", new double[][]{{0, 0}, {0, h}}), Checks.matrix("d3", new double[][]{{0, 0}, {0, h}}),
                new org.ejml.data.DMatrixRMaj(3, 2));
        assertArrayEquals(new double[]{5, 0, -2, 0, 0.25, 0, 0, 0, 0},
                Witnesses.lossPolynomial(WorkedExamples.d2(), WorkedExamples.aPrime().point(), d), 1e-12);
    }

    /**
     * The rank-only reading of "pivot" (both complementary blocks of rank {@code > r}, inner block of rank
     * {@code > r} means not tightened) calls example A strict: the pair (3,2) has {@code rk W_4 = 2 > 1},
     * {@code rk W_1 = 2 > 1} and inner block {@code I_2}. The Hessian is PSD, so that reading is wrong; the
     * {@code N_ij} rule used by {@link Classifier} gets it right.
     */
    @Test
    void rankOnlyReadingMisclassifiesExampleA() {
        WorkedExample a = WorkedExamples.a();
        Weights w = a.point();
        int r = 1;
        boolean rankOnlyUntightened = false;
        for (int i = 2; i <= 4; i++) {
            for (int j = 1; j < i; j++) {
                int above = rank(w.product(4, i + 1));
                int below = rank(w.product(j - 1, 1));
                int inner = rank(w.product(i - 1, j + 1));
                if (above > r && below > r && inner > r) {
                    rankOnlyUntightened = true;
                    assertEquals(3, i);
                    assertEquals(2, j);
                }
            }
        }
        assertTrue(rankOnlyUntightened, "rank-only rule flags (3,2) of A");
        double hessMin = io.github.dlnkit.spectrum.DenseSpectrum.of(Loss.of(a.data()).hessian(w), 1e-9).min();
        assertTrue(hessMin > -1e-9, "A has a PSD Hessian, so it is not strict");
        assertEquals(PointClass.NON_STRICT_SADDLE, Classifier.classify(a.data(), w).pointClass());
        // the N_ij rule: (3,2) is not a pivot because N_32 = W_1 M W_4 = 0
        assertEquals(0, Witnesses.nMatrix(a.data(), w, 1, 3, 2).data[0], 0);
        assertTrue(Classifier.classify(a.data(), w).pivots().stream().noneMatch(p -> p.i() == 3 && p.j() == 2));
    }

    @Test
    void exampleBIsNonStrictAlthoughW1HasRankTwo() {
        Classification b = run(WorkedExamples.b());
        assertEquals(PointClass.NON_STRICT_SADDLE, b.pointClass());
        assertEquals(Set.of("3,1"), pivots(b));
        assertEquals(2, rank(WorkedExamples.b().point().layer(1)));
        assertTrue(b.witness().orElseThrow().leading() < 0);
    }

    @Test
    void verdictsAreInvariantUnderHiddenChangeOfBasis() {
        for (WorkedExample e : WorkedExamples.achour()) {
            Classification base = Classifier.classify(e.data(), e.point());
            for (long seed = 1; seed <= 5; seed++) {
                Weights moved = e.point().randomChangeOfBasis(0.7, seed);
                Classification c = Classifier.classify(e.data(), moved);
                assertEquals(base.pointClass(), c.pointClass(), e.name() + " seed " + seed);
                assertArrayEquals(base.S(), c.S());
                assertEquals(pivots(base), pivots(c), e.name() + " seed " + seed);
                c.witness().ifPresent(w -> assertTrue(w.leading() < 0 || w.curvature() < 0, e.name() + " " + w));
                assertEquals(base.witness().isPresent(), c.witness().isPresent(), e.name());
            }
        }
    }

    @Test
    void toTableAndToStringShowPivots() {
        Classification c = run(WorkedExamples.aPrime());
        assertEquals(4, c.toTable().rowCount());
        assertEquals(List.of("i", "j", "norm", "innerRank", "tightened", "minimal"), c.toTable().columnNames());
        String s = c.toString();
        assertTrue(s.contains("STRICT_SADDLE") && s.contains("(3,2)*"), s);
        assertFalse(c.hessianDisagrees());
    }

    static int rank(org.ejml.data.DMatrixRMaj m) {
        return SingularOps.rank(SingularOps.svd(m).s(), 1e-10, 1e-300);
    }

    static Dataset d1() {
        return WorkedExamples.d1();
    }
}
