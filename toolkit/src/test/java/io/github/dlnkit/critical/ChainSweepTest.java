package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** The pre-sweep search: candidates sorted by number of perturbed layers, each checked by its own polynomial. */
    static Optional<Witness> reference(Dataset data, Weights w, int r, List<Pivot> pivots, double rankTol) {
        record Candidate(Pivot pivot, List<Integer> deltaLayers) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Pivot pv : pivots) {
            int i = pv.i();
            int j = pv.j();
            if (i < j + 2) {
                continue;
            }
            int inner = i - j - 1;
            for (int mask = 0; mask < (1 << Math.min(inner, 12)); mask++) {
                List<Integer> layers = new ArrayList<>();
                layers.add(j);
                for (int h = j + 1; h < i; h++) {
                    if (h - j - 1 >= 12 || (mask & (1 << (h - j - 1))) == 0) {
                        layers.add(h);
                    }
                }
                layers.add(i);
                candidates.add(new Candidate(pv, layers));
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.deltaLayers().size())
                .thenComparingInt(c -> c.pivot().i() - c.pivot().j()));
        int budget = 4096;
        Witnesses.ChainCache cache = new Witnesses.ChainCache();
        for (Candidate c : candidates) {
            if (c.deltaLayers().size() < 3) {
                continue;
            }
            if (--budget < 0) {
                break;
            }
            for (boolean global : new boolean[]{false, true}) {
                Weights delta = Witnesses.chainDirection(data, w, r, c.pivot(), c.deltaLayers(), rankTol, global, cache);
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
