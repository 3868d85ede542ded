package io.github.dlnkit.critical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The decision rule of Theorem 7 ({@code achour2024.md} section 7, with the derived pivot rule of section 6), as a
 * pure function of facts already decided: the index set {@code S}, the rank {@code r = rk W_{H:1}}, {@code r_max}
 * and the pivots (every {@code (i,j)} with {@code N_ij != 0}, each with its inner rank and whether it is
 * tightened, {@code rk W_{i-1:j+1} = r}). It does no arithmetic on matrices, so the double-precision
 * {@link Classifier} and an exact-arithmetic classifier reach their verdicts by the same rule:
 * <ul>
 *     <li>{@code S = [[1, r_max]]}: global minimizer (Prop. 8);</li>
 *     <li>{@code S} not a prefix {@code [[1, |S|]]}: strict saddle;</li>
 *     <li>{@code S = [[1, r]]}, {@code r < r_max}: strict saddle iff some pivot is not tightened (Def. 5), else
 *     non-strict saddle (Def. 6).</li>
 * </ul>
 */
public final class Theorem7 {
    private Theorem7() {
    }

    /**
     * The verdict of Theorem 7.
     *
     * @param pointClass   global minimizer, strict or non-strict saddle
     * @param reason       the rule that decided, in words
     * @param minimal      the minimal pivots (Def. 6: no pivot {@code (i-1,j)} or {@code (i,j+1)} inside them)
     * @param untightened  the pivot that makes a prefix {@code S} a strict saddle (a minimal one when there is one)
     * @param witnessOrder the order in which pivots should be tried for a witness: minimal ones first
     */
    public record Verdict(PointClass pointClass, String reason, List<Pivot> minimal, Optional<Pivot> untightened,
                          List<Pivot> witnessOrder) {
        public Verdict {
            minimal = List.copyOf(minimal);
            witnessOrder = List.copyOf(witnessOrder);
        }
    }

    /**
     * Applies Theorem 7.
     *
     * @param s      the associated index set, 1-based and sorted
     * @param r      {@code rk W_{H:1}} ({@code = |S|} at a critical point)
     * @param rMax   {@code min_h d_h}
     * @param pivots every pivot {@code (i,j)}, {@code j < i}, with {@code N_ij != 0} (only read when {@code S} is a
     *               prefix and {@code r < r_max}), ordered by {@code (i, j)}
     */
    public static Verdict decide(int[] s, int r, int rMax, List<Pivot> pivots) {
        if (r != s.length) {
            throw new IllegalArgumentException("Theorem 7 needs r = |S| at a critical point, got r = " + r
                    + " and S = " + CriticalValues.setText(s));
        }
        boolean prefix = CriticalValues.isPrefix(s);
        if (prefix && r == rMax) {
            return new Verdict(PointClass.GLOBAL_MIN, "S = " + CriticalValues.setText(s) + " = [[1, r_max]] with r_max = "
                    + rMax + ": global minimizer (Thm 7, Prop. 8)", List.of(), Optional.empty(), List.of());
        }
        if (!prefix) {
            int l = firstMissing(s);
            int k = s[s.length - 1];
            return new Verdict(PointClass.STRICT_SADDLE, "S = " + CriticalValues.setText(s) + " is not [[1," + s.length
                    + "]]: lambda_" + l + " is not learned while lambda_" + k + " < lambda_" + l
                    + " is (Thm 7: strict saddle)", List.of(), Optional.empty(), List.of());
        }
        List<Pivot> minimal = minimal(pivots);
        List<Pivot> order = new ArrayList<>(minimal);
        pivots.stream().filter(x -> !order.contains(x)).forEach(order::add);
        Optional<Pivot> bad = order.stream().filter(x -> !x.tightened()).findFirst();
        if (bad.isPresent()) {
            Pivot b = bad.get();
            String reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d, but pivot (%d,%d) is not "
                            + "tightened: its inner block W_{%d:%d} has rank %d > r (Def. 5, Thm 7: strict saddle)",
                    r, r, rMax, b.i(), b.j(), b.i() - 1, b.j() + 1, b.innerRank());
            return new Verdict(PointClass.STRICT_SADDLE, reason, minimal, bad, order);
        }
        String reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d and %s tightened "
                        + "(minimal: %s): non-strict saddle (Def. 6, Thm 7)", r, r, rMax,
                pivots.size() == 1 ? "its one pivot is" : "all " + pivots.size() + " pivots are",
                minimal.stream().map(x -> "(" + x.i() + "," + x.j() + ")").toList());
        return new Verdict(PointClass.NON_STRICT_SADDLE, reason, minimal, Optional.empty(), order);
    }

    /** The minimal pivots (Def. 6): those with neither {@code (i-1,j)} nor {@code (i,j+1)} a pivot. */
    public static List<Pivot> minimal(List<Pivot> pivots) {
        List<Pivot> out = new ArrayList<>();
        for (Pivot pv : pivots) {
            int i = pv.i();
            int j = pv.j();
            boolean narrowerI = i - 1 > j && contains(pivots, i - 1, j);
            boolean narrowerJ = j + 1 < i && contains(pivots, i, j + 1);
            if (!narrowerI && !narrowerJ) {
                out.add(pv);
            }
        }
        return out;
    }

    private static boolean contains(List<Pivot> pivots, int i, int j) {
        return pivots.stream().anyMatch(p -> p.i() == i && p.j() == j);
    }

    static int firstMissing(int[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                return i + 1;
            }
        }
        return s.length + 1;
    }
}
