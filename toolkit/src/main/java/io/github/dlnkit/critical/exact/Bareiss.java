package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact rank by fraction-free (Bareiss) elimination. Each row of the rational matrix is first multiplied by the
 * least common multiple of its denominators (which changes neither the rank nor which columns are independent);
 * then the integer matrix is brought to echelon form with the one-step Bareiss update
 * {@code m_ij <- (m_rc m_ij - m_ic m_rj) / prev}, where {@code prev} is the previous pivot. Every division is exact
 * (each entry is a minor of the input), so the integers stay as small as the minors and no fraction is ever
 * reduced. Columns without a non-zero candidate pivot are skipped, which gives the rank of rectangular and singular
 * matrices and the indices of a set of independent columns (a basis of the column space).
 */
public final class Bareiss {
    private Bareiss() {
    }

    /**
     * The echelon data of a matrix.
     *
     * @param rank          the exact rank
     * @param pivotColumns  0-based indices of {@code rank} linearly independent columns (increasing)
     */
    public record Echelon(int rank, int[] pivotColumns) {
        public Echelon {
            pivotColumns = pivotColumns.clone();
        }

        @Override
        public int[] pivotColumns() {
            return pivotColumns.clone();
        }
    }

    /** The exact rank of {@code m}. */
    public static int rank(RationalMatrix m) {
        return echelon(m).rank();
    }

    /** Rank and independent columns of {@code m}. */
    public static Echelon echelon(RationalMatrix m) {
        BigInteger[][] x = integerRows(m);
        int rows = m.rows();
        int cols = m.cols();
        BigInteger prev = BigInteger.ONE;
        List<Integer> pivots = new ArrayList<>();
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int p = r;
            while (p < rows && x[p][c].signum() == 0) {
                p++;
            }
            if (p == rows) {
                continue;
            }
            BigInteger[] t = x[p];
            x[p] = x[r];
            x[r] = t;
            BigInteger piv = x[r][c];
            for (int i = r + 1; i < rows; i++) {
                BigInteger lead = x[i][c];
                for (int j = c + 1; j < cols; j++) {
                    x[i][j] = piv.multiply(x[i][j]).subtract(lead.multiply(x[r][j])).divide(prev);
                }
                x[i][c] = BigInteger.ZERO;
            }
            prev = piv;
            pivots.add(c);
            r++;
        }
        return new Echelon(r, pivots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Each row times the lcm of its denominators: an integer matrix with the same rank and column dependencies. */
    private static BigInteger[][] integerRows(RationalMatrix m) {
        BigInteger[][] x = new BigInteger[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            BigInteger l = BigInteger.ONE;
            for (int j = 0; j < m.cols(); j++) {
                BigInteger d = m.get(i, j).getDenominator();
                l = l.divide(l.gcd(d)).multiply(d);
            }
            for (int j = 0; j < m.cols(); j++) {
                BigFraction v = m.get(i, j);
                x[i][j] = v.getNumerator().multiply(l.divide(v.getDenominator()));
            }
        }
        return x;
    }
}
