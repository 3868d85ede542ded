package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MatrixOps, SingularOps and RandomMatrices against EJML's own routines and the defining identities. */
class MatrixOpsTest {
    private static final double TOL = 1e-12;

    @Test
    void productsAgreeWithEjml() {
        Random rng = new Random(3);
        for (int t = 0; t < 50; t++) {
            int m = 1 + rng.nextInt(7), k = 1 + rng.nextInt(7), n = 1 + rng.nextInt(7);
            DMatrixRMaj a = RandomMatrices.gaussian(m, k, 1, rng);
            DMatrixRMaj b = RandomMatrices.gaussian(k, n, 1, rng);
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            CommonOps_DDRM.mult(a, b, c);
            assertTrue(MatrixFeatures_DDRM.isEquals(c, MatrixOps.mult(a, b), TOL));
            assertTrue(MatrixFeatures_DDRM.isEquals(c, MatrixOps.multTransA(MatrixOps.transpose(a), b), TOL));
            assertTrue(MatrixFeatures_DDRM.isEquals(c, MatrixOps.multTransB(a, MatrixOps.transpose(b)), TOL));
            assertEquals(CommonOps_DDRM.elementSum(elementMult(a, a)), MatrixOps.dot(a, a), TOL * m * k * 10);
            assertEquals(Math.sqrt(MatrixOps.dot(a, a)), MatrixOps.normF(a), 1e-12 * MatrixOps.normF(a));
        }
        assertThrows(IllegalArgumentException.class, () -> MatrixOps.dot(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 3)));
    }

    @Test
    void diagonalsColumnsAndRows() {
        DMatrixRMaj r = MatrixOps.rectDiag(2, 3, 4, 5, 6);
        assertArrayEquals(new double[][]{{4, 0, 0}, {0, 5, 0}}, MatrixOps.toRows(r));
        assertArrayEquals(new double[][]{{0}, {5}}, MatrixOps.toRows(MatrixOps.column(r, 1)));
        assertEquals(0, MatrixOps.columns(r, 2, 1).numCols);
        assertTrue(MatrixFeatures_DDRM.isIdentical(CommonOps_DDRM.diag(1, 2), MatrixOps.diag(1, 2), 0));
    }

    @Test
    void ranksNullSpacesAndRangesOfKnownRank() {
        Random rng = new Random(11);
        for (int t = 0; t < 40; t++) {
            int m = 2 + rng.nextInt(6), n = 2 + rng.nextInt(6), r = rng.nextInt(Math.min(m, n) + 1);
            double scale = Math.pow(10, rng.nextInt(13) - 6);   // 1e-6 .. 1e6: relative cut-offs do not care
            DMatrixRMaj a = MatrixOps.mult(RandomMatrices.gaussian(m, r, scale, rng), RandomMatrices.gaussian(r, n, 1, rng));
            SingularOps.Svd svd = SingularOps.svd(a);
            for (int k = 1; k < svd.s().length; k++) {
                assertTrue(svd.s()[k] <= svd.s()[k - 1]);
            }
            assertEquals(r, SingularOps.rank(svd.s(), 1e-10, 0));
            DMatrixRMaj nul = SingularOps.nullSpace(a, 1e-10);
            assertEquals(n - r, nul.numCols);
            assertTrue(MatrixOps.normF(MatrixOps.mult(a, nul)) <= 1e-12 * Math.max(svd.top(), Double.MIN_NORMAL) * n);
            DMatrixRMaj range = SingularOps.range(a, 1e-10);
            assertEquals(r, range.numCols);
            assertTrue(MatrixFeatures_DDRM.isIdentity(MatrixOps.multTransA(range, range), 1e-12));
            assertEquals(r, SingularOps.rankAbove(svd.s(), 1e-10 * svd.top()));
            assertEquals(r, SingularOps.rangeAbove(a, 1e-10 * svd.top()).numCols);
            assertEquals(n - r, SingularOps.nullSpaceAbove(a, 1e-10 * svd.top()).numCols);
        }
        assertEquals(0, SingularOps.rank(new double[]{1e-20, 0}, 1e-9, 1e-15), "below the caller's absolute floor");
    }

    @Test
    void pseudoInverseSatisfiesPenroseConditions() {
        Random rng = new Random(5);
        DMatrixRMaj a = MatrixOps.mult(RandomMatrices.gaussian(5, 2, 1, rng), RandomMatrices.gaussian(2, 4, 1, rng));
        DMatrixRMaj p = SingularOps.pinv(a);
        assertTrue(MatrixFeatures_DDRM.isEquals(a, MatrixOps.mult(MatrixOps.mult(a, p), a), 1e-10));
        assertTrue(MatrixFeatures_DDRM.isEquals(p, MatrixOps.mult(MatrixOps.mult(p, a), p), 1e-10));
    }

    @Test
    void orthonormalFramesAreOrthonormalAndSeeded() {
        for (int[] shape : new int[][]{{5, 3}, {3, 5}, {4, 4}}) {
            DMatrixRMaj q = RandomMatrices.orthonormal(shape[0], shape[1], new Random(7));
            DMatrixRMaj gram = shape[0] >= shape[1] ? MatrixOps.multTransA(q, q) : MatrixOps.multTransB(q, q);
            assertTrue(MatrixFeatures_DDRM.isIdentity(gram, 1e-12));
            assertTrue(MatrixFeatures_DDRM.isIdentical(q, RandomMatrices.orthonormal(shape[0], shape[1], new Random(7)), 0));
        }
    }

    private static DMatrixRMaj elementMult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        CommonOps_DDRM.elementMult(c, b);
        return c;
    }
}
