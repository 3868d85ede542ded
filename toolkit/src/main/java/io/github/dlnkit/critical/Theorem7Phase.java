package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phase 3 of {@link Classifier}: when {@code S = [[1,r]]} and {@code r < r_max}, the pivots
 * {@code N_ij = W_{j-1:1} M W_{H:i+1} != 0} ({@code M = Sxy U_{S^c} U_{S^c}^T}) and the inner ranks
 * {@code rk W_{i-1:j+1}}; then {@link Theorem7#decide}.
 * <ul>
 *     <li>Pivots: each {@code ||N_ij||_F} is measured against the norms of the partial products it is made of,
 *     {@code n_ij = ||N_ij|| / (||W_{j-1:1}|| ||M|| ||W_{H:i+1}||)} (at most 1; {@code n_H1 = 1} since
 *     {@code N_H1 = M}); values at or below their rounding floor
 *     {@code max(pivotFloor, n eps) made(j-1,1) made(H,i+1) / (||W_{j-1:1}|| ||W_{H:i+1}||)} are zero, and the
 *     others are cut at their largest gap ({@link GapRule}).</li>
 *     <li>Inner ranks: the singular values of {@code W_{i-1:j+1}} are cut at their largest gap, keeping at least
 *     {@code r} (since {@code P = W_{H:i} W_{i-1:j+1} W_{j:1}} has rank {@code r}); the floor is
 *     {@code max(rankFloor, n eps) made(i-1,j+1)}. For {@code i = j+1} the block is {@code I_{d_j}}.</li>
 * </ul>
 *
 * @param pivots    every pivot, ordered by {@code (i, j)}
 * @param verdict   the verdict of Theorem 7
 * @param decisions the pivot cut and the inner ranks, with margins (empty when no pivot was needed)
 */
record Theorem7Phase(List<Pivot> pivots, Theorem7.Verdict verdict, List<Decision> decisions) {
    static Theorem7Phase measure(Dataset data, Weights w, Scales sc, int[] s, int r, double pivotFloor,
                                 double rankFloor) {
        int rMax = w.architecture().rMax();
        List<Pivot> pivots = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        if (CriticalValues.isPrefix(s) && r < rMax) {
            int hc = w.depth();
            DMatrixRMaj u = data.eigenvectors();
            DMatrixRMaj uc = MatrixOps.columns(u, r, u.numCols);
            DMatrixRMaj m = MatrixOps.multTransB(MatrixOps.mult(data.sxy(), uc), uc); // Sxy U_c U_c^T, d_x x d_y
            double mNorm = MatrixOps.normF(m);
            double f0 = Math.max(pivotFloor, sc.roundoff());
            List<int[]> pairs = new ArrayList<>();
            List<Double> norms = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            for (int i = 2; i <= hc; i++) {
                DMatrixRMaj above = w.product(hc, i + 1); // W_{H:i+1}
                for (int j = 1; j < i; j++) {
                    DMatrixRMaj below = w.product(j - 1, 1); // W_{j-1:1}
                    double nNorm = MatrixOps.normF(MatrixOps.mult(MatrixOps.mult(below, m), above));
                    double bn = sc.norm(j - 1, 1);
                    double an = sc.norm(hc, i + 1);
                    double scale = bn * mNorm * an;
                    pairs.add(new int[]{i, j});
                    norms.add(nNorm);
                    values.add(scale > 0 ? nNorm / scale : 0);
                    floors.add(scale > 0 ? f0 * sc.made(j - 1, 1) * sc.made(hc, i + 1) / (bn * an) : f0);
                }
            }
            GapRule.Cut cut = GapRule.cut(toArray(values), toArray(floors), 1);
            decisions.add(pivotDecision(cut, pairs, values));
            for (int t = 0; t < pairs.size(); t++) {
                if (cut.kept()[t]) {
                    int i = pairs.get(t)[0];
                    int j = pairs.get(t)[1];
                    int ir = innerRank(w, sc, i, j, r, rankFloor, decisions);
                    pivots.add(new Pivot(i, j, norms.get(t), ir, ir == r));
                }
            }
        }
        return new Theorem7Phase(pivots, Theorem7.decide(s, r, rMax, pivots), decisions);
    }

    /** {@code rk W_{i-1:j+1}} by the largest gap of its singular values, at least {@code r}; adds the decision. */
    private static int innerRank(Weights w, Scales sc, int i, int j, int r, double rankFloor, List<Decision> out) {
        if (i == j + 1) {
            return w.architecture().width(j);
        }
        double made = sc.made(i - 1, j + 1);
        double floor = Math.max(rankFloor, sc.roundoff()) * made;
        double[] sv = SingularOps.svd(w.product(i - 1, j + 1)).s();
        GapRule.Cut c = GapRule.cut(sv, floor, r);
        int k = c.count();
        out.add(new Decision(Decision.Kind.RANK, "rk W_{" + (i - 1) + ":" + (j + 1) + "} = " + k + " (pivot (" + i + ","
                + j + "))", c.decades(), String.format(Locale.ROOT, "sigma_%d = %.3g kept, sigma_%d = %.3g dropped "
                        + "(%.1f decades; next-best cut %.1f decades; rounding floor %.2g)", k, c.keptValue(), k + 1,
                c.droppedValue(), c.gap(), c.runnerUp(), floor)));
        return k;
    }

    private static Decision pivotDecision(GapRule.Cut cut, List<int[]> pairs, List<Double> values) {
        String kept = "";
        String dropped = "";
        for (int t = 0; t < pairs.size(); t++) {
            if (cut.kept()[t] && values.get(t) == cut.keptValue()) {
                kept = "(" + pairs.get(t)[0] + "," + pairs.get(t)[1] + ")";
            }
            if (!cut.kept()[t] && values.get(t) == cut.droppedValue()) {
                dropped = "(" + pairs.get(t)[0] + "," + pairs.get(t)[1] + ")";
            }
        }
        String evidence = String.format(Locale.ROOT, "smallest pivot |N_ij|/scale = %.3g %s, largest zero %.3g %s "
                        + "(%.1f decades; next-best cut %.1f decades; rounding floors %.2g kept, %.2g dropped)",
                cut.keptValue(), kept, cut.droppedValue(), dropped.isEmpty() ? "(rounding floor)" : dropped, cut.gap(),
                cut.runnerUp(), cut.keptFloor(), cut.droppedFloor());
        return new Decision(Decision.Kind.PIVOT, cut.count() + " of " + pairs.size() + " N_ij non-zero",
                cut.decades(), evidence);
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
