package io.github.dlnkit.model;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad-input path of the model package gives a clear message naming the matrix and shapes. */
class BadInputTest {

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void widthsThatDoNotChain() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Weights.of(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 3)));
        assertMessage(e, "W_2", "4x3", "expected 4x2");
    }

    @Test
    void nonFiniteEntries() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        m.set(1, 0, Double.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Weights.of(m)), "W_1", "non-finite", "row 1");
        DMatrixRMaj x = new DMatrixRMaj(2, 3);
        x.set(0, 2, Double.POSITIVE_INFINITY);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, new DMatrixRMaj(1, 3))), "X", "non-finite");
    }

    @Test
    void hvpDirectionOfOtherWidths() {
        Dataset data = Datasets.gaussian(2, 2, 4, 1);
        Weights w = Weights.gaussian(Architecture.of(2, 3, 2), 1, 2);
        Weights other = Weights.gaussian(Architecture.of(2, 1, 2), 1, 3);
        Loss loss = Loss.of(data);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> loss.hvp(w, other)),
                "direction has widths (2,1,2)", "expected (2,3,2)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> loss.hvp(w, null)), "direction", "null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> loss.hvp(null, w)), "point W", "null");
    }

    @Test
    void negativeOrZeroSizes() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Architecture.of(3, -1, 2)), "d_1", "-1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Architecture.of(3)), "H >= 1");
        assertThrows(IllegalArgumentException.class, () -> Datasets.gaussian(0, 2, 3, 1));
    }

    @Test
    void wrongMomentShapes() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(new DMatrixRMaj(2, 2), new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 1))), "Syx", "1x3", "1x2");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 1))), "Sxx", "2x3");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(new DMatrixRMaj(2, 2), new DMatrixRMaj(1, 2), new DMatrixRMaj(2, 2))), "Syy", "2x2", "1x1");
        DMatrixRMaj asym = new DMatrixRMaj(new double[][]{{1, 2}, {0, 1}});
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromMoments(asym, new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 1))), "Sxx", "symmetric");
    }

    @Test
    void samplesCountMismatch() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 4))), "Y", "1x4", "1x3");
    }

    @Test
    void singularSxxWhereItsInverseIsNeeded() {
        // X has rank 1 < d_x = 2
        Dataset d = Dataset.of(new double[][]{{1, 2, 3}, {2, 4, 6}}, new double[][]{{1, 0, 1}});
        assertFalse(d.assumptionH().sxxInvertible());
        assertMessage(assertThrows(IllegalStateException.class, d::sigma), "Sxx", "singular");
        assertMessage(assertThrows(IllegalStateException.class, d::requireAssumptionH), "Sxx", "singular");
        // the loss itself does not need the inverse
        Loss.of(d).value(Weights.zeros(Architecture.of(2, 2, 1)));
    }

    @Test
    void repeatedEigenvaluesOfSigma() {
        Dataset d = Datasets.diagonal(2, 2, 1);
        assertTrue(d.assumptionH().sxxInvertible());
        assertFalse(d.assumptionH().distinctEigenvalues());
        assertMessage(assertThrows(IllegalStateException.class, d::requireAssumptionH), "repeated eigenvalues");
    }

    @Test
    void rankDeficientSyx() {
        Dataset d = Datasets.diagonal(2, 0);
        assertFalse(d.assumptionH().syxFullRowRank());
        assertMessage(assertThrows(IllegalStateException.class, d::requireAssumptionH), "full row rank");
        // d_y > d_x can never have full row rank
        Dataset wide = Dataset.of(new double[][]{{1, 0}}, new double[][]{{1, 0}, {0, 1}});
        assertFalse(wide.assumptionH().syxFullRowRank());
    }

    @Test
    void pointNotMatchingData() {
        Loss loss = Loss.of(Datasets.diagonal(3, 2, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> loss.value(Weights.zeros(Architecture.of(2, 3, 3))));
        assertMessage(e, "d_0 = d_x = 3");
        var e2 = assertThrows(IllegalArgumentException.class, () -> loss.value(Weights.zeros(Architecture.of(3, 3, 2))));
        assertMessage(e2, "d_H = d_y = 3");
    }

    @Test
    void weightDecayCountAndSign() {
        Loss loss = Loss.of(Datasets.diagonal(3, 2, 1));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> loss.withWeightDecay(-1)), "lambda", ">= 0");
        Loss twoValues = loss.withWeightDecay(0.1, 0.2);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> twoValues.value(Weights.zeros(Architecture.of(3, 3, 3, 3)))), "weightDecay has 2 values", "H = 3");
    }

    @Test
    void changeOfBasisNeedsInvertibleMatrices() {
        Weights w = Weights.gaussian(Architecture.of(2, 2, 2), 1, 1);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> w.changeOfBasis(List.of(new DMatrixRMaj(2, 2)))), "G_1", "invertible");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> w.changeOfBasis(List.of(new DMatrixRMaj(3, 3)))), "G_1", "3x3", "2x2");
    }

    @Test
    void partialProductBounds() {
        Weights w = Weights.gaussian(Architecture.of(2, 3, 4), 1, 1);
        assertThrows(IllegalArgumentException.class, () -> w.product(3, 1));
        assertTrue(w.product(0, 1).numRows == 2); // empty product W_{0:1} = I_{d_0}
        assertTrue(w.product(2, 3).numRows == 4); // W_{H:H+1} = I_{d_y}
    }

    @Test
    void flatVectorLength() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Weights.fromVector(Architecture.of(2, 2), new double[3])), "length 3", "n = 4");
    }
}
