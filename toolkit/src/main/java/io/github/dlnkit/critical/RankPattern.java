package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A rank pattern of a chain {@code R^{d_0} -> ... -> R^{d_H}} given by its interval decomposition
 * ({@code achour2024.md} section 11): after a change of basis at each vertex, every chain is a sum of
 * intervals {@code [a,b]} (a line born at vertex {@code a}, carried by {@code W_{a+1}..W_b}, killed by
 * {@code W_{b+1}}). The ranks and the multiplicities determine each other:
 * {@code rho(a,b) = rk W_{b:a+1}} and {@code mult[a,b] = rho(a,b) - rho(a-1,b) - rho(a,b+1) + rho(a-1,b+1)}
 * (with {@code rho(a,a) = d_a}, {@code rho(-1,.) = rho(.,H+1) = 0}); a pattern is realizable as a chain iff all
 * multiplicities are {@code >= 0}.
 *
 * <p>This object holds the <em>extra</em> intervals only: the {@code r = |S|} full intervals {@code [0,H]} come
 * from {@code S}, and isolated ones {@code [h,h]} fill the remaining width. {@link #construct} builds a critical
 * point by the section-11 recipe ({@link IntervalConstruction}): full intervals carry {@code phi_k = u_k^T Syx Sxx^{-1}} to {@code u_k}; top
 * intervals {@code [a,H]} get generic outputs {@code u_I}, bottom intervals {@code [0,b]} generic functionals
 * {@code phi_J} projected onto the constraint null spaces (c2) {@code Rm phi_J^T = 0} when {@code b = H-1} and
 * (c3) {@code u_I^T Rm phi_J^T = 0} when {@code a <= b+1}, with {@code Rm = U_{S^c} U_{S^c}^T Syx}. Then
 * condition (b) of section 5 holds, so the point is critical with {@code W_{H:1} = U_S U_S^T Syx Sxx^{-1}}.
 * Unrealizable requests are rejected with the reason.
 */
public final class RankPattern {
    /** An interval {@code [a,b]}, {@code 0 <= a <= b <= H}. */
    public record Interval(int a, int b) {
        @Override
        public String toString() {
            return "[" + a + "," + b + "]";
        }
    }

    /** The outcome of {@link #construct}: the block point and its class read off the intervals (section 11). */
    public record Construction(Weights weights, PointClass predictedClass, String reason) {
    }

    private final int depth;
    private final List<Interval> extras;

    private RankPattern(int depth, List<Interval> extras) {
        this.depth = depth;
        List<Interval> sorted = new ArrayList<>(extras);
        sorted.sort(Comparator.comparingInt(Interval::a).thenComparingInt(Interval::b));
        this.extras = List.copyOf(sorted);
    }

    /**
     * Extra intervals (a multiset) for depth {@code H}. Full intervals {@code [0,H]} come from {@code S} and
     * isolated ones {@code [h,h]} are implicit, so neither may be listed.
     */
    public static RankPattern ofIntervals(int depth, List<Interval> intervals) {
        if (depth < 2) {
            throw new IllegalArgumentException("rank patterns need H >= 2 weight matrices, got H = " + depth);
        }
        for (Interval iv : intervals) {
            if (iv.a() < 0 || iv.b() > depth || iv.a() > iv.b()) {
                throw new IllegalArgumentException("interval " + iv + " must satisfy 0 <= a <= b <= H = " + depth);
            }
            if (iv.a() == 0 && iv.b() == depth) {
                throw new IllegalArgumentException("interval " + iv + " is a full interval [0,H]: full intervals come "
                        + "from S (one per learned eigen-direction), do not list them");
            }
            if (iv.a() == iv.b()) {
                throw new IllegalArgumentException("interval " + iv + " is isolated: isolated intervals [h,h] are "
                        + "implicit (they fill the remaining width), do not list them");
            }
        }
        return new RankPattern(depth, intervals);
    }

    /**
     * From the ranks {@code rho[a][b] = rk W_{b:a+1}} for {@code 0 <= a < b <= H} (entries with {@code a >= b}
     * are ignored; the diagonal is taken from the widths). Rejects patterns with a negative multiplicity, naming it.
     * The full multiplicity {@code mult[0,H] = rho[0][H]} must later equal {@code |S|}.
     */
    public static RankPattern fromRanks(Architecture arch, int[][] rho) {
        int hc = arch.depth();
        if (rho.length != hc + 1) {
            throw new IllegalArgumentException("rank table has " + rho.length + " rows, expected H+1 = " + (hc + 1));
        }
        for (int a = 0; a <= hc; a++) {
            if (rho[a].length != hc + 1) {
                throw new IllegalArgumentException("rank table row " + a + " has " + rho[a].length
                        + " entries, expected H+1 = " + (hc + 1));
            }
            for (int b = a + 1; b <= hc; b++) {
                int max = Math.min(arch.width(a), arch.width(b));
                if (rho[a][b] < 0 || rho[a][b] > max) {
                    throw new IllegalArgumentException("rank rho(" + a + "," + b + ") = rk W_{" + b + ":" + (a + 1)
                            + "} = " + rho[a][b] + " outside 0.." + max);
                }
            }
        }
        List<Interval> extras = new ArrayList<>();
        for (int a = 0; a <= hc; a++) {
            for (int b = a; b <= hc; b++) {
                int m = rho(arch, rho, a, b) - rho(arch, rho, a - 1, b) - rho(arch, rho, a, b + 1)
                        + rho(arch, rho, a - 1, b + 1);
                if (m < 0) {
                    throw new IllegalArgumentException("rank pattern is not realizable by any chain: multiplicity of "
                            + "interval [" + a + "," + b + "] = rho(" + a + "," + b + ") - rho(" + (a - 1) + "," + b
                            + ") - rho(" + a + "," + (b + 1) + ") + rho(" + (a - 1) + "," + (b + 1) + ") = " + m + " < 0");
                }
                if (a < b && !(a == 0 && b == hc)) {
                    for (int k = 0; k < m; k++) {
                        extras.add(new Interval(a, b));
                    }
                }
            }
        }
        return new RankPattern(hc, extras);
    }

    private static int rho(Architecture arch, int[][] rho, int a, int b) {
        if (a < 0 || b > arch.depth()) {
            return 0;
        }
        return a == b ? arch.width(a) : rho[a][b];
    }

    /** The pattern of an existing point: ranks of all partial products, at relative tolerance {@code tol}. */
    public static int[][] measureRanks(Weights w, double tol) {
        int hc = w.depth();
        int[][] rho = new int[hc + 1][hc + 1];
        double[] norms = w.layerNorms();
        for (int a = 0; a <= hc; a++) {
            rho[a][a] = w.architecture().width(a);
            for (int b = a + 1; b <= hc; b++) {
                double scale = 1;
                for (int h = a + 1; h <= b; h++) {
                    scale *= norms[h - 1];
                }
                rho[a][b] = SingularOps.rankAbove(SingularOps.svd(w.product(b, a + 1)).s(), tol * scale);
            }
        }
        return rho;
    }

    /**
     * Parses {@code "1-2,0-1x2"}: comma-separated intervals {@code a-b} with optional multiplicity {@code xM}
     * (also accepts {@code [a,b]} and {@code ;} as separator). The empty string is the empty pattern.
     */
    public static RankPattern parse(int depth, String spec) {
        List<Interval> out = new ArrayList<>();
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return ofIntervals(depth, out);
        }
        for (String part : s.replace("],", "];").split(";|,(?![^\\[]*\\])")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int times = 1;
            int x = p.toLowerCase(Locale.ROOT).lastIndexOf('x');
            if (x > 0) {
                times = parseInt(p.substring(x + 1), spec);
                p = p.substring(0, x).trim();
            }
            p = p.replace("[", "").replace("]", "");
            String[] ab = p.split("[-,]");
            if (ab.length != 2) {
                throw new IllegalArgumentException("rank pattern \"" + spec + "\": cannot read interval \"" + part
                        + "\"; expected a-b or a-bxM, e.g. 1-2,0-1x2");
            }
            Interval iv = new Interval(parseInt(ab[0], spec), parseInt(ab[1], spec));
            if (times < 1) {
                throw new IllegalArgumentException("rank pattern \"" + spec + "\": multiplicity must be >= 1 in \"" + part + "\"");
            }
            for (int k = 0; k < times; k++) {
                out.add(iv);
            }
        }
        return ofIntervals(depth, out);
    }

    private static int parseInt(String s, String spec) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rank pattern \"" + spec + "\": \"" + s.trim() + "\" is not an integer");
        }
    }

    public int depth() {
        return depth;
    }

    /** The extra intervals, sorted. */
    public List<Interval> intervals() {
        return extras;
    }

    /** {@code rho(a,b)} predicted for {@code r} full intervals ({@code a < b}); diagonal = widths. */
    public int[][] ranks(Architecture arch, int r) {
        int hc = arch.depth();
        int[][] rho = new int[hc + 1][hc + 1];
        for (int a = 0; a <= hc; a++) {
            rho[a][a] = arch.width(a);
            for (int b = a + 1; b <= hc; b++) {
                int c = r;
                for (Interval iv : extras) {
                    if (iv.a() <= a && iv.b() >= b) {
                        c++;
                    }
                }
                rho[a][b] = c;
            }
        }
        return rho;
    }

    /** Throws {@link IllegalArgumentException} with the reason when this pattern cannot carry {@code S}. */
    void requireCompatible(Dataset data, Architecture arch, int[] s) {
        if (arch.depth() != depth) {
            throw new IllegalArgumentException("rank pattern is for H = " + depth + ", widths " + arch + " have H = "
                    + arch.depth());
        }
        int r = s.length;
        int hc = depth;
        for (int h = 0; h <= hc; h++) {
            int alive = r;
            for (Interval iv : extras) {
                if (iv.a() <= h && h <= iv.b()) {
                    alive++;
                }
            }
            if (alive > arch.width(h)) {
                throw new IllegalArgumentException("rank pattern " + this + " with r = " + r + " full intervals has "
                        + alive + " intervals alive at vertex " + h + ", more than its width d_" + h + " = " + arch.width(h));
            }
        }
        long oneToH = extras.stream().filter(iv -> iv.a() == 1 && iv.b() == hc).count();
        if (oneToH > 0) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + "mult[1,H] must be 0 (criticality forces rk W_{H:2} = r, section 5), got " + oneToH);
        }
        long tops = extras.stream().filter(iv -> iv.b() == hc).count();
        int dy = data.outputDim();
        if (tops > dy - r) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + tops + " top intervals [a,H] need outputs independent of U_S, at most d_y - r = " + (dy - r));
        }
        long lastBottoms = extras.stream().filter(iv -> iv.a() == 0 && iv.b() == hc - 1).count();
        int dx = data.inputDim();
        if (lastBottoms > dx - dy) {
            throw new IllegalArgumentException("rank pattern " + this + " is not realizable by a critical point: "
                    + lastBottoms + " bottom intervals [0,H-1] need functionals orthogonal to the rows of Y, at most "
                    + "d_x - d_y = " + (dx - dy));
        }
    }

    /** Builds the block point of section 11 with generic vectors from {@code seed} ({@link IntervalConstruction}). */
    Construction construct(Dataset data, Architecture arch, int[] s, long seed) {
        return new IntervalConstruction(this, data, arch, s, seed).build();
    }

    /** Throws {@link IllegalStateException} unless the ranks of {@code w} are the ones this pattern prescribes. */
    void requireRealized(Weights w, int r, double tol) {
        int[][] want = ranks(w.architecture(), r);
        int[][] got = measureRanks(w, tol);
        if (!Arrays.deepEquals(want, got)) {
            throw new IllegalStateException("the generic construction did not realize rank pattern " + this
                    + " (ranks rho(a,b) wanted " + Arrays.deepToString(want) + ", got " + Arrays.deepToString(got)
                    + "); the pattern is not realizable by a critical point with this S and these widths");
        }
    }

    @Override
    public String toString() {
        return extras.isEmpty() ? "{}" : extras.stream().map(Interval::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
