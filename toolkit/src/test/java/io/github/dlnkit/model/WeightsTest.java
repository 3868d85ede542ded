package io.github.dlnkit.model;

import io.github.dlnkit.linalg.MatrixOps;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightsTest {

    @Test
    void balancedInitIsBalancedAndHasTruncatedEndToEnd() {
        for (int seed = 0; seed < 10; seed++) {
            Architecture arch = Architecture.of(4, 5, 3, 6, 2);
            Weights w = Weights.balanced(arch, 1.0, seed);
            for (int h = 1; h < arch.depth(); h++) {
                DMatrixRMaj a = new DMatrixRMaj(arch.width(h), arch.width(h));
                CommonOps_DDRM.multTransA(w.layer(h + 1), w.layer(h + 1), a);
                DMatrixRMaj b = new DMatrixRMaj(arch.width(h), arch.width(h));
                CommonOps_DDRM.multTransB(w.layer(h), w.layer(h), b);
                assertArrayEquals(a.data, b.data, 1e-10, "balancedness at layer " + h);
            }
        }
        Weights one = Weights.balanced(Architecture.of(3, 2), 1.0, 3);
        assertEquals(2, one.layer(1).numRows);
    }

    @Test
    void orthogonalInitHasOrthonormalRowsOrColumns() {
        Weights w = Weights.orthogonal(Architecture.of(3, 5, 2), 2.0, 9);
        DMatrixRMaj w1tw1 = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransA(w.layer(1), w.layer(1), w1tw1); // 5x3 tall: W^T W = 4 I
        assertArrayEquals(CommonOps_DDRM.diag(4, 4, 4).data, w1tw1.data, 1e-12);
        DMatrixRMaj w2w2t = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.multTransB(w.layer(2), w.layer(2), w2w2t); // 2x5 wide: W W^T = 4 I
        assertArrayEquals(CommonOps_DDRM.diag(4, 4).data, w2w2t.data, 1e-12);
    }

    @Test
    void flattenRoundTripAndOrder() {
        Architecture arch = Architecture.of(2, 3, 1);
        Weights w = Weights.gaussian(arch, 1, 4);
        assertEquals(w, Weights.fromVector(arch, w.toVector()));
        assertEquals(9, arch.parameterCount());
        assertEquals(6, arch.offset(2));
        assertEquals(w.layer(1).get(1, 0), w.toVector()[2]); // row-major: (p=1, q=0) -> 1*2+0
        assertEquals(1, arch.rMax());
    }

    @Test
    void partialProducts() {
        Weights w = Weights.gaussian(Architecture.of(2, 3, 4, 2), 1, 5);
        DMatrixRMaj p = MatrixOps.mult(w.layer(3), MatrixOps.mult(w.layer(2), w.layer(1)));
        assertArrayEquals(p.data, w.endToEnd().data, 1e-12);
        assertArrayEquals(MatrixOps.mult(w.layer(3), w.layer(2)).data, w.product(3, 2).data, 1e-12);
    }
}
