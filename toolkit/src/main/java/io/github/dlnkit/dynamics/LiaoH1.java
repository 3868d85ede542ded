package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Architecture;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The critical set of a network with one hidden layer, {@code W_2 W_1} with widths {@code (d_x, d_1, d_y)} (Liao's
 * {@code H = 1}), after liao2018.md sections 4-5, under Assumption 1 ({@code d_x >= d_1 >= d_y}). {@code Crit(L)} is the
 * disjoint union of the {@code Crit_r}, {@code r = 0..d_y} the rank of the product; each {@code Crit_r} is a union of
 * {@code C(d_y, r)} pieces (the kept index set {@code T}), with value {@code (1/2) sum_{k not in T} s_k^2} in the
 * reduced loss (Prop. 2(i); the toolkit's {@code CriticalValues} lists them in any convention). {@code r = d_y}: the
 * global minima; {@code 1 <= r < d_y} (and {@code r = 0}): strict saddles (Prop. 2(iii)). Dimension counts:
 * <pre>
 *   Lemma 3:  dim Crit_r &lt;= D_C^r = 2 d_1 r - r^2 + (d_1 - r)(d_x - d_y)
 *   Lemma 4:  non-returning directions  U_S^r = (d_1 - r)(d_x - d_y) + 2 r d_1 - r^2 + (d_y - r)(d_1 - r) + 1
 *   basin of Crit_r:  D_C^r + D_S^r &lt;= dim X - (d_y - r)(d_1 - r) - 1 &lt;= dim X - 2,   dim X = d_1 (d_x + d_y)
 * </pre>
 * These are the paper's counts. The paper concludes that the starts attracted to saddles have codimension at least 2;
 * the measured inertia ({@link SaddleInertia}) shows one negative direction fewer at the saddles that learn the top
 * {@code r} directions, so that codimension is 1 when {@code d_1 = d_y} ({@link BasinBoundary}). Theorem 1 (almost
 * every start reaches a global minimum) holds either way.
 */
public final class LiaoH1 {
    private LiaoH1() {
    }

    /** The counts for one rank {@code r}. */
    public record Stratum(int r, long pieces, int criticalSetDimension, int nonReturning, int basinBound, int codimension,
                          String kind) {
    }

    /** Lemma 3: {@code D_C^r = 2 d_1 r - r^2 + (d_1 - r)(d_x - d_y)}. */
    public static int criticalSetDimension(Architecture arch, int r) {
        check(arch, r);
        int dx = arch.inputDim();
        int d1 = arch.width(1);
        int dy = arch.outputDim();
        return 2 * d1 * r - r * r + (d1 - r) * (dx - dy);
    }

    /** Lemma 4: {@code U_S^r = (d_1 - r)(d_x - d_y) + 2 r d_1 - r^2 + (d_y - r)(d_1 - r) + 1} (for {@code r < d_y}). */
    public static int nonReturningDimension(Architecture arch, int r) {
        check(arch, r);
        int dy = arch.outputDim();
        int d1 = arch.width(1);
        return criticalSetDimension(arch, r) + (dy - r) * (d1 - r) + 1;
    }

    /** Every rank {@code r = 0..d_y} with its counts. */
    public static List<Stratum> strata(Architecture arch) {
        check(arch, 0);
        int dy = arch.outputDim();
        int dimX = arch.parameterCount();
        List<Stratum> out = new ArrayList<>();
        for (int r = 0; r <= dy; r++) {
            int dc = criticalSetDimension(arch, r);
            if (r == dy) {
                out.add(new Stratum(r, 1, dc, 0, dimX, 0, "global minima (L = 0 in the reduced loss)"));
            } else {
                int us = nonReturningDimension(arch, r);
                int ds = dimX - us;
                out.add(new Stratum(r, binomial(dy, r), dc, us, ds, dimX - dc - ds, "strict saddles"));
            }
        }
        return out;
    }

    /** {@link #strata} as a table: {@code r}, pieces {@code C(d_y, r)}, {@code D_C^r}, {@code U_S^r}, basin bound, codimension. */
    public static Table toTable(Architecture arch) {
        IntColumn r = IntColumn.create("r");
        IntColumn pieces = IntColumn.create("pieces C(d_y,r)");
        IntColumn dc = IntColumn.create("dim Crit_r <= D_C^r");
        IntColumn us = IntColumn.create("U_S^r");
        IntColumn basin = IntColumn.create("basin dim <= D_S^r");
        IntColumn codim = IntColumn.create("codim of basins (Lemma 4)");
        StringColumn kind = StringColumn.create("kind");
        for (Stratum s : strata(arch)) {
            r.append(s.r());
            pieces.append((int) s.pieces());
            dc.append(s.criticalSetDimension());
            us.append(s.nonReturning());
            basin.append(s.basinBound());
            codim.append(s.codimension());
            kind.append(s.kind());
        }
        return Table.create("one hidden layer " + arch + ": critical set by rank (Liao et al. Lemmas 3-4), dim X = "
                + arch.parameterCount(), r, pieces, dc, us, basin, codim, kind);
    }

    private static void check(Architecture arch, int r) {
        if (arch == null || arch.depth() != 2) {
            throw new IllegalArgumentException("Liao's H = 1 counts need one hidden layer: widths (d_x, d_1, d_y), got "
                    + arch);
        }
        int dx = arch.inputDim();
        int d1 = arch.width(1);
        int dy = arch.outputDim();
        if (!(dx >= d1 && d1 >= dy)) {
            throw new IllegalArgumentException("Assumption 1 of Liao et al. needs d_x >= d_1 >= d_y, got widths " + arch);
        }
        if (r < 0 || r > dy) {
            throw new IllegalArgumentException("rank r = " + r + " out of range 0..d_y = " + dy);
        }
    }

    private static long binomial(int n, int k) {
        long b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }
}
