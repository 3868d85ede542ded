package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failing cases of issue 13, rebuilt: decisions measured against the product of the layer norms (the former
 * rule) misread them, decisions measured against what each quantity is made of do not.
 */
class ScaleInvariantDecisionsTest {
    /**
     * A bottom interval whose functional has size 1 next to full-interval rows of size {@code 1e-12} (outputs scaled
     * by {@code 1e-12}, no change of basis): {@code P} has singular values around {@code 1e-12} while the layer norms
     * are of order 1, so a cut-off {@code 1e-9 prod ||W_h||} made {@code rk P = 0 != |S|} ("not critical").
     */
    @Test
    void smallProductNextToLargeIntervalIsStillCritical() {
        Dataset plain = Datasets.gaussian(5, 2, 10, 3);
        Dataset small = ClassificationPropertyTest.scaleData(plain, 1, 1e-12);
        Architecture arch = Architecture.of(5, 3, 3, 2);
        RankPattern pattern = RankPattern.parse(3, "0-1");
        Weights w = CriticalPoints.builder(small, arch).S(1).rankPattern(pattern).verify(false).build();
        Weights ref = CriticalPoints.builder(plain, arch).S(1).rankPattern(pattern).verify(false).build();
        double[] sv = SingularOps.svd(w.endToEnd()).s();
        double oldCut = 1e-9 * product(w.layerNorms());
        assertTrue(sv[0] < oldCut, "the former rank cut-off " + oldCut + " is above sigma_1(P) = " + sv[0]);
        Classification c = Classifier.classify(small, w);
        Classification r = Classifier.classify(plain, ref);
        assertTrue(c.critical(), c.reason());
        assertArrayEquals(new int[]{1}, c.S());
        assertEquals(r.pointClass(), c.pointClass(), c.reason());
        assertEquals(ClassificationPropertyTest.pivotKeys(r), ClassificationPropertyTest.pivotKeys(c));
        assertEquals(Confidence.CLEAN, c.confidence(), c.fragile());
        assertTrue(c.margins().rankDecades() > Margins.FRAGILE, c.margins().toString());
    }

    /**
     * A first layer of norm {@code ~1e8} in directions the second layer kills (a bottom interval {@code [0,1]} whose
     * functional is scaled up by a diagonal change of basis, then hidden by a rotation): a pivot cut-off
     * {@code 1e-9 ||M|| prod ||outer W||} is dominated by {@code ||W_1||} and drops genuine pivots {@code (i, j >= 3)}.
     */
    @Test
    void largeKilledFirstLayerDoesNotHidePivots() {
        int found = 0;
        Random seeds = new Random(13);
        for (int attempt = 0; attempt < 4000 && found < 5; attempt++) {
            var built = ClassificationPropertyTest.build(seeds.nextLong());
            if (built.isEmpty() || built.get().pattern() == null
                    || !built.get().pattern().intervals().contains(new RankPattern.Interval(0, 1))) {
                continue;
            }
            ClassificationPropertyTest.Case k = built.get();
            Classification ref = Classifier.classify(k.data(), k.base(), Classifier.Options.builder().witness(false).build());
            Pivot deep = ref.pivots().stream().filter(p -> p.j() >= 3).findFirst().orElse(null);
            if (deep == null) {
                continue;
            }
            Weights big = blowUpKilledDirections(k.base(), 1e8, new Random(k.seed()));
            double oldCut = 1e-9 * MatrixOps.normF(nMatrixScale(k, deep)) * outerNorms(big, deep);
            double nNorm = MatrixOps.normF(Witnesses.nMatrix(k.data(), big, ref.r(), deep.i(), deep.j()));
            if (!(nNorm < oldCut)) {
                continue; // the former rule would not have failed here
            }
            found++;
            Classification c = Classifier.classify(k.data(), big, Classifier.Options.builder().witness(false).build());
            assertTrue(big.layerNorms()[0] > 1e6, "||W_1|| = " + big.layerNorms()[0]);
            assertEquals(k.intended(), c.pointClass(), "case seed " + k.seed() + ": " + c.reason());
            assertEquals(ClassificationPropertyTest.pivotKeys(ref), ClassificationPropertyTest.pivotKeys(c),
                    "case seed " + k.seed());
        }
        assertTrue(found >= 3, "found " + found + " cases where the former pivot cut-off failed");
    }

    /** {@code G_1 = diag(factor on the coordinates W_2 kills, 1 elsewhere)}, then a random orthogonal change of basis. */
    private static Weights blowUpKilledDirections(Weights w, double factor, Random r) {
        DMatrixRMaj w2 = w.layer(2);
        int d1 = w.architecture().width(1);
        double[] g = new double[d1];
        for (int c = 0; c < d1; c++) {
            double col = 0;
            for (int row = 0; row < w2.numRows; row++) {
                col += w2.get(row, c) * w2.get(row, c);
            }
            g[c] = col == 0 ? factor : 1;
        }
        List<DMatrixRMaj> layers = new ArrayList<>(w.layers());
        DMatrixRMaj w1 = layers.get(0).copy();
        for (int row = 0; row < w1.numRows; row++) {
            for (int c = 0; c < w1.numCols; c++) {
                w1.set(row, c, w1.get(row, c) * g[row]);
            }
        }
        layers.set(0, w1);
        return ClassificationPropertyTest.changeOfBasis(Weights.of(layers), 0, true, r);
    }

    private static DMatrixRMaj nMatrixScale(ClassificationPropertyTest.Case k, Pivot p) {
        DMatrixRMaj u = k.data().eigenvectors();
        int r = k.s().length;
        DMatrixRMaj uc = MatrixOps.columns(u, r, u.numCols);
        return MatrixOps.multTransB(MatrixOps.mult(k.data().sxy(), uc), uc);
    }

    private static double outerNorms(Weights w, Pivot p) {
        double[] n = w.layerNorms();
        double s = 1;
        for (int h = 1; h <= w.depth(); h++) {
            if (h < p.j() || h > p.i()) {
                s *= n[h - 1];
            }
        }
        return s;
    }

    private static double product(double[] x) {
        double p = 1;
        for (double v : x) {
            p *= v;
        }
        return p;
    }

}
