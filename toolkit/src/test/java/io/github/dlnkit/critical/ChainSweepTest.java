package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The depth-first chain sweep of {@link Witnesses#chain} against the straightforward route it replaced: every
 * candidate chain, in the same order, evaluated on its own ({@link Witnesses#chainDirection} +
 * {@link Witnesses#finish}, the exact loss polynomial of each direction). Same witness (pivot, layers, order,
 * polynomial) on constructed non-strict saddles of depth 3..7, with and without a hidden change of basis.
 */
class ChainSweepTest {

    /** The pre-sweep search: the same candidates ({@link Witnesses#chainCandidates}), each checked by its own polynomial. */
    static Optional<Witness> reference(Dataset data, Weights w, int r, List<Pivot> pivots, double rankTol) {
        ChainWitness.ChainCache cache = new ChainWitness.ChainCache();
        for (ChainWitness.ChainCandidate c : ChainWitness.chainCandidates(pivots)) {
            for (boolean global : new boolean[]{false, true}) {
                Weights delta = ChainWitness.chainDirection(data, w, r, c.pivot(), c.deltaLayers(), rankTol, global, cache);
                if (delta == null) {
                    continue;
                }
                Witness wit = Witnesses.finish("chain", data, w, delta, c.pivot());
                if (wit.leading() < 0 && wit.order() >= 3) {
                    return Optional.of(wit);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void candidatesAreEveryKeptSubsetFewestPerturbedFirst() {
        // pivot (5,1): inner layers 2,3,4, 8 subsets kept; the one that keeps all three (2 perturbed layers) is left out;
        // pivot (2,1) has no inner layer and is skipped
        List<ChainWitness.ChainCandidate> cs = ChainWitness.chainCandidates(List.of(
                new Pivot(5, 1, 1, 0, false), new Pivot(2, 1, 1, 0, false)));
        assertEquals(7, cs.size());
        assertEquals(List.of(1, 4, 5), cs.get(0).deltaLayers()); // mask 3 keeps W_2 and W_3: the first of 3 layers
        assertEquals(List.of(1, 2, 3, 4, 5), cs.get(6).deltaLayers());
        for (int k = 1; k < cs.size(); k++) {
            assertTrue(cs.get(k - 1).deltaLayers().size() <= cs.get(k).deltaLayers().size(), cs.toString());
            assertEquals(5, cs.get(k).pivot().i());
        }
        // pivot (14,1): 2^12 subsets of its 12 inner layers, minus the one of 2 perturbed layers; pivot (15,1): its
        // 13th inner layer is always perturbed, so all 2^12 count; together they are cut at 4096
        assertEquals(4095, ChainWitness.chainCandidates(List.of(new Pivot(14, 1, 1, 0, false))).size());
        assertEquals(4096, ChainWitness.chainCandidates(List.of(new Pivot(15, 1, 1, 0, false))).size());
        assertEquals(4096, ChainWitness.chainCandidates(List.of(new Pivot(14, 1, 1, 0, false),
                new Pivot(15, 1, 1, 0, false))).size());
    }

    @Test
    void sweepFindsTheSameWitnessAsEvaluatingEachChain() {
        int compared = 0;
        for (int depth = 3; depth <= 7; depth++) {
            for (int width : new int[]{3, 4, 5}) {
                for (boolean basis : new boolean[]{false, true}) {
                    Architecture arch = Architecture.uniform(width, width, width, depth);
                    Dataset data = Datasets.gaussian(width, width, 2 * width, 100 * depth + width);
                    CriticalPoints.Builder b = CriticalPoints.builder(data, arch).S(1).pointClass(PointClass.NON_STRICT_SADDLE);
                    if (basis) {
                        b = b.changeOfBasis(depth * 31L + width);
                    }
                    Weights w = b.build();
                    Classification c = Classifier.classify(data, w);
                    assertEquals(PointClass.NON_STRICT_SADDLE, c.pointClass(), c.toString());
                    double rankTol = Classifier.Options.defaults().rankTolerance();
                    Optional<Witness> fast = Witnesses.chain(data, w, c.r(), c.pivots(), rankTol);
                    Optional<Witness> ref = reference(data, w, c.r(), c.pivots(), rankTol);
                    String what = "depth " + depth + ", width " + width + (basis ? ", change of basis" : "");
                    assertEquals(ref.isPresent(), fast.isPresent(), what);
                    if (ref.isPresent()) {
                        Witness x = fast.get();
                        Witness y = ref.get();
                        assertEquals(y.pivot(), x.pivot(), what);
                        assertEquals(y.order(), x.order(), what);
                        assertEquals(y.leading(), x.leading(), 0.0, what);
                        assertArrayEquals(y.polynomial(), x.polynomial(), 0.0, what);
                        assertArrayEquals(y.direction().toVector(), x.direction().toVector(), 0.0, what);
                        assertTrue(x.order() >= 3 && x.leading() < 0, what);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 20, "compared " + compared + " witnesses");
    }
}
