package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each witness kind on its own, checked against the loss itself, and the named limits of the chain search. */
class WitnessesTest {
    private static final Dataset DATA = Datasets.gaussian(4, 3, 9, 2);
    private static final Architecture ARCH = Architecture.of(4, 5, 4, 5, 3);

    /** The polynomial equals the loss along the line, and has degree 2H. */
    @Test
    void lossPolynomialIsTheLossAlongTheLine() {
        Weights w = Weights.gaussian(ARCH, 0.7, 1);
        Weights d = Weights.gaussian(ARCH, 0.3, 2);
        double[] poly = Witnesses.lossPolynomial(DATA, w, d);
        assertEquals(2 * ARCH.depth() + 1, poly.length);
        Loss loss = Loss.of(DATA);
        Witness probe = new Witness("probe", d, 0, 0, 0, poly, null);
        for (double t : new double[]{-1.5, -0.2, 0, 0.3, 2}) {
            double exact = loss.value(w.plus(d, t));
            assertEquals(exact, probe.lossAt(t), 1e-10 * Math.max(1, Math.abs(exact)), "t = " + t);
        }
    }

    @Test
    void leadingTermSkipsCoefficientsAtRoundingLevel() {
        LossPolynomial.Leading lead = LossPolynomial.Leading.of(new double[]{5, 1e-13, -1e-12, -2, 1});
        assertEquals(3, lead.order());
        assertEquals(-2, lead.leading());
        assertTrue(lead.descends());
        assertFalse(LossPolynomial.Leading.of(new double[]{5, 0, 3, -2}).descends(), "order 2, positive");
    }

    @Test
    void rotationDescendsWhenSIsNotAPrefix() {
        Weights st = CriticalPoints.builder(DATA, ARCH).S(2, 3).changeOfBasis(3).build();
        Witness w = Witnesses.rotation(DATA, st, new int[]{2, 3});
        assertEquals("rotation", w.kind());
        assertTrue(w.curvature() < 0, w.toString());
        assertEquals(w.curvature(), 2 * w.polynomial()[2], 1e-9 * Math.abs(w.curvature()), "curvature = 2 c_2");
        assertTrue(Loss.of(DATA).value(st.plus(w.direction(), 1e-3)) < Loss.of(DATA).value(st));
    }

    @Test
    void pivotWitnessHasNegativeCurvature() {
        Weights st = CriticalPoints.strictSaddle(DATA, ARCH, 1);
        Classification c = Classifier.classify(DATA, st, Classifier.Options.builder().witness(false).build());
        Pivot bad = c.untightenedPivots().get(0);
        Optional<Witness> w = Witnesses.pivot(DATA, st, c.r(), bad, Witnesses.KERNEL_TOLERANCE);
        assertTrue(w.isPresent());
        assertTrue(w.get().kind().startsWith("pivot-S"), w.get().kind());
        assertTrue(w.get().curvature() < 0);
        assertEquals(2, w.get().order());
        double hvp = w.get().direction().dot(Loss.of(DATA).hvp(st, w.get().direction()));
        assertEquals(hvp, w.get().curvature(), 1e-12 * Math.abs(hvp));
    }

    @Test
    void chainDescendsAtThirdOrderOrHigherAtANonStrictSaddle() {
        Weights ns = CriticalPoints.builder(DATA, ARCH).S(1).pointClass(PointClass.NON_STRICT_SADDLE).changeOfBasis(3).build();
        Classification c = Classifier.classify(DATA, ns, Classifier.Options.builder().witness(false).build());
        Witness w = Witnesses.chain(DATA, ns, c.r(), c.pivots(), Witnesses.KERNEL_TOLERANCE).orElseThrow();
        assertEquals("chain", w.kind());
        assertTrue(w.order() >= 3 && w.leading() < 0, w.toString());
        double l0 = Loss.of(DATA).value(ns);
        assertTrue(Loss.of(DATA).value(ns.plus(w.direction(), 1e-2)) < l0);
    }

    @Test
    void chainSearchLimits() {
        assertEquals(12, ChainWitness.MAX_KEPT_INNER_LAYERS);
        assertEquals(4096, ChainWitness.MAX_CANDIDATES);
        // pivot (4,1): inner layers 2, 3 -> chains {1,2,3,4}, {1,3,4}, {1,2,4}; {1,4} (two layers) cannot descend
        List<ChainWitness.ChainCandidate> cs = ChainWitness.chainCandidates(List.of(new Pivot(4, 1, 1, 0, true)));
        assertEquals(3, cs.size());
        assertEquals(3, cs.get(0).deltaLayers().size(), "fewest perturbed layers first");
        assertTrue(cs.stream().allMatch(x -> x.deltaLayers().size() >= 3));
        assertEquals(ChainWitness.MAX_CANDIDATES, ChainWitness.chainCandidates(List.of(new Pivot(20, 1, 1, 0, true))).size());
        assertTrue(ChainWitness.chainCandidates(List.of(new Pivot(3, 2, 1, 0, true))).isEmpty(), "i = j + 1: no chain");
    }
}
