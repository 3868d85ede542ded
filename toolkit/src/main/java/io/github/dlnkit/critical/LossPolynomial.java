package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

import static io.github.dlnkit.critical.Witnesses.isZero;

/**
 * The loss along a line, {@code t -> L(W + t delta)}, as the exact polynomial of degree {@code 2H} (plain sum) that it
 * is, from the matrix polynomial {@code prod_h (W_h + t delta_h)}; and its stacked form for the chain search, where
 * thousands of directions share prefixes. Every witness is checked with it.
 */
final class LossPolynomial {
    /** A coefficient counts as non-zero above this fraction of the largest one. */
    static final double LEADING_TOLERANCE = 1e-10;

    private LossPolynomial() {
    }

    /**
     * Coefficients {@code c_0..c_{2H}} of the polynomial {@code L(W + t delta)} (plain sum), computed exactly
     * (up to rounding) from the matrix polynomial {@code prod_h (W_h + t delta_h)}.
     */
    static double[] of(Dataset data, Weights w, Weights delta) {
        if (!w.architecture().equals(delta.architecture())) {
            throw new IllegalArgumentException("direction has widths " + delta.architecture() + ", expected "
                    + w.architecture());
        }
        int hc = w.depth();
        List<DMatrixRMaj> c = new ArrayList<>();
        c.add(CommonOps_DDRM.identity(w.architecture().inputDim()));
        for (int h = 1; h <= hc; h++) {
            c = polynomialStep(c, w.layer(h), delta.layer(h));
        }
        return polynomialCoefficients(data, c, hc);
    }

    /**
     * One layer of the matrix polynomial {@code prod_h (W_h + t delta_h)}: {@code c} holds the coefficients of
     * {@code t^0, t^1, ...} of the product so far; returns those after multiplying by {@code W_h + t delta_h} on the
     * left. A layer with {@code delta_h = 0} does not raise the degree (its would-be top coefficient is exactly zero),
     * so it is not stored.
     */
    private static List<DMatrixRMaj> polynomialStep(List<DMatrixRMaj> c, DMatrixRMaj wh, DMatrixRMaj dh) {
        boolean zeroDelta = dh == null || isZero(dh);
        List<DMatrixRMaj> next = new ArrayList<>(c.size() + 1);
        for (int k = 0; k <= c.size(); k++) {
            if (k == c.size() && zeroDelta) {
                break;
            }
            DMatrixRMaj acc = new DMatrixRMaj(wh.numRows, c.get(0).numCols);
            if (k < c.size()) {
                Gemm.multAdd(wh, c.get(k), acc);
            }
            if (k >= 1 && !zeroDelta) {
                Gemm.multAdd(dh, c.get(k - 1), acc);
            }
            next.add(acc);
        }
        return next;
    }

    /**
     * The coefficients {@code c_0..c_{T-1}} of a matrix polynomial {@code prod_h (W_h + t delta_h)} side by side in
     * one {@code rows x (T d_x)} matrix, so that multiplying by a layer is one matrix product for all coefficients
     * and a rank-one {@code delta_h = z zeta^T} adds {@code z (zeta^T [c_0 .. c_{T-1}])} shifted by one block.
     * Used by the chain search, where thousands of chains share prefixes; the value equals {@link #of}
     * up to rounding.
     */
    record Stacked(DMatrixRMaj m, int terms, int dx) {
        /** The constant polynomial {@code F} ({@code dx x dx}). */
        static Stacked start(DMatrixRMaj f) {
            return new Stacked(f.copy(), 1, f.numCols);
        }

        /** {@code [M | 0] + [0 | u r]}: the matrix part plus a rank-one part one power of {@code t} higher. */
        static Stacked shiftedSum(DMatrixRMaj mPart, DMatrixRMaj u, DMatrixRMaj r, int terms, int dx) {
            int w = terms * dx;
            int cols = w + dx;
            DMatrixRMaj out = new DMatrixRMaj(mPart.numRows, cols);
            double[] od = out.data;
            double[] pd = mPart.data;
            double[] rd = r.data;
            for (int p = 0; p < mPart.numRows; p++) {
                System.arraycopy(pd, p * w, od, p * cols, w);
                double up = u.data[p];
                int base = p * cols + dx;
                for (int q = 0; q < w; q++) {
                    od[base + q] += up * rd[q];
                }
            }
            return new Stacked(out, terms + 1, dx);
        }

        /** Times {@code W_h + t z zeta^T} on the left ({@code z == null}: {@code delta_h = 0}). */
        Stacked times(DMatrixRMaj wh, DMatrixRMaj z, DMatrixRMaj zeta) {
            boolean rankOne = z != null && !isZero(z) && !isZero(zeta);
            DMatrixRMaj prod = new DMatrixRMaj(wh.numRows, terms * dx);
            Gemm.mult(wh, m, prod);
            if (!rankOne) {
                return new Stacked(prod, terms, dx);
            }
            DMatrixRMaj row = new DMatrixRMaj(1, terms * dx);
            Gemm.multTransA(zeta, m, row);
            return shiftedSum(prod, z, row, terms, dx);
        }

        /**
         * {@code L(W + t delta)}, degree {@code 2H}, when the stack was started from a factor {@code F} of
         * {@code Sxx = F F^T} ({@link #start}): then {@code <c_a Sxx, c_b> = <c_a F, c_b F>} is one Gram product of
         * the stacked coefficients and {@code <c_a, Syx> = <c_a F, Syx F^{-T}>} one matrix-vector product.
         */
        double[] loss(Dataset data, int hc, DMatrixRMaj syxFinvT) {
            int rows = m.numRows;
            int block = rows * dx;
            DMatrixRMaj v = new DMatrixRMaj(terms, block); // row a is vec(c_a F)
            for (int a = 0; a < terms; a++) {
                for (int p = 0; p < rows; p++) {
                    System.arraycopy(m.data, p * terms * dx + a * dx, v.data, a * block + p * dx, dx);
                }
            }
            DMatrixRMaj gram = new DMatrixRMaj(terms, terms);
            Gemm.multTransB(v, v, gram);
            DMatrixRMaj cy = new DMatrixRMaj(terms, 1);
            Gemm.mult(v, DMatrixRMaj.wrap(block, 1, syxFinvT.data), cy);
            double[] poly = new double[2 * hc + 1];
            for (int a = 0; a < terms; a++) {
                for (int b = 0; b < terms; b++) {
                    poly[a + b] += gram.get(a, b);
                }
                poly[a] -= 2 * cy.data[a];
            }
            poly[0] += data.traceSyy();
            return poly;
        }
    }

    /** {@code L(W + t delta)} from the coefficients {@code c_k} of {@code prod_h (W_h + t delta_h)}: degree {@code 2H}. */
    private static double[] polynomialCoefficients(Dataset data, List<DMatrixRMaj> c, int hc) {
        DMatrixRMaj sxx = data.sxx();
        DMatrixRMaj syx = data.syx();
        double[] poly = new double[2 * hc + 1];
        int top = c.size() - 1;
        for (int a = 0; a <= top; a++) {
            DMatrixRMaj cs = MatrixOps.mult(c.get(a), sxx);
            for (int b = 0; b <= top; b++) {
                poly[a + b] += MatrixOps.dot(cs, c.get(b));
            }
            poly[a] -= 2 * MatrixOps.dot(c.get(a), syx);
        }
        poly[0] += data.traceSyy();
        return poly;
    }

    /** Order and coefficient of the first non-zero term ({@code |c_k| > LEADING_TOLERANCE max |c|}, {@code k >= 1}); order 0 if none. */
    record Leading(int order, double leading) {
        static Leading of(double[] poly) {
            double scale = 0;
            for (double c : poly) {
                scale = Math.max(scale, Math.abs(c));
            }
            for (int k = 1; k < poly.length; k++) {
                if (Math.abs(poly[k]) > LEADING_TOLERANCE * scale) {
                    return new Leading(k, poly[k]);
                }
            }
            return new Leading(0, 0);
        }

        boolean descends() {
            return leading < 0 && order >= 3;
        }
    }

}
