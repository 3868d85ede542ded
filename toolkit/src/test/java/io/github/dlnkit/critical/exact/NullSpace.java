package io.github.dlnkit.critical.exact;

import org.hipparchus.fraction.BigFraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: an exact basis of {@code {x in Q^n : row . x = 0}} by reduced row echelon form over the rationals. */
final class NullSpace {
    private NullSpace() {
    }

    static List<BigFraction[]> basis(List<RationalMatrix> rows, int n) {
        List<BigFraction[]> m = new ArrayList<>();
        for (RationalMatrix r : rows) {
            BigFraction[] x = new BigFraction[n];
            for (int j = 0; j < n; j++) {
                x[j] = r.get(0, j);
            }
            m.add(x);
        }
        int[] pivotOf = new int[n];
        Arrays.fill(pivotOf, -1);
        int rank = 0;
        for (int col = 0; col < n && rank < m.size(); col++) {
            int p = rank;
            while (p < m.size() && m.get(p)[col].signum() == 0) {
                p++;
            }
            if (p == m.size()) {
                continue;
            }
            BigFraction[] t = m.get(p);
            m.set(p, m.get(rank));
            m.set(rank, t);
            BigFraction inv = t[col].reciprocal();
            for (int j = 0; j < n; j++) {
                t[j] = t[j].multiply(inv);
            }
            for (int i = 0; i < m.size(); i++) {
                BigFraction f = m.get(i)[col];
                if (i != rank && f.signum() != 0) {
                    for (int j = 0; j < n; j++) {
                        m.get(i)[j] = m.get(i)[j].subtract(f.multiply(t[j]));
                    }
                }
            }
            pivotOf[col] = rank++;
        }
        List<BigFraction[]> basis = new ArrayList<>();
        for (int free = 0; free < n; free++) {
            if (pivotOf[free] >= 0) {
                continue;
            }
            BigFraction[] v = new BigFraction[n];
            Arrays.fill(v, BigFraction.ZERO);
            v[free] = BigFraction.ONE;
            for (int col = 0; col < n; col++) {
                if (pivotOf[col] >= 0) {
                    v[col] = m.get(pivotOf[col])[free].negate();
                }
            }
            basis.add(v);
        }
        return basis;
    }
}
