package io.github.dlnkit.critical.exact;

import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.LossConvention;
import org.hipparchus.fraction.BigFraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Random rational critical points by the interval recipe of {@code achour2024.md} section 11, with integer data
 * and small integer vectors, then disguised: outputs rotated by a rational orthogonal {@code Q} (Cayley transform),
 * inputs mixed by an integer unimodular {@code L} ({@code Sxx = L L^T}), hidden bases changed by integer unimodular
 * {@code G_h} (det +-1): {@code W_1 = G_1 W_1' L^-1}, {@code W_h = G_h W_h' G_{h-1}^-1}, {@code W_H = Q W_H' G_{H-1}^-1}.
 * The intended class is read off the intervals (which intervals cross each coupled pair), not from {@code N_ij}.
 */
final class RationalCriticalPoints {
    record Point(RationalCase rationalCase, PointClass intended, int[] S, int r, String description) {
    }

    private record Iv(int a, int b) {
    }

    private RationalCriticalPoints() {
    }

    /** One random point with depth in {@code 2..maxDepth} and widths at most {@code maxWidth}, or empty if the draw is not realizable. */
    static Optional<Point> draw(Random rng, int maxDepth, int maxWidth, int maxOut) {
        int hc = 2 + rng.nextInt(maxDepth - 1);
        int dy = 1 + rng.nextInt(maxOut);
        int dx = Math.min(maxWidth, dy + rng.nextInt(3));
        int r = rng.nextInt(Math.min(dx, dy) + 1);
        List<Iv> extras = new ArrayList<>();
        int n = rng.nextInt(4);
        for (int t = 0; t < n; t++) {
            int a = rng.nextInt(hc + 1);
            int b = a + rng.nextInt(hc - a + 1);
            if (a != b && !(a == 0 && b == hc) && !(a == 1 && b == hc)) {
                extras.add(new Iv(a, b));
            }
        }
        int[] d = new int[hc + 1];
        for (int h = 0; h <= hc; h++) {
            final int hh = h;
            d[h] = r + (int) extras.stream().filter(iv -> iv.a() <= hh && hh <= iv.b()).count();
        }
        long tops = extras.stream().filter(iv -> iv.b() == hc).count();
        long lastBottoms = extras.stream().filter(iv -> iv.a() == 0 && iv.b() == hc - 1).count();
        if (d[0] > dx || d[hc] > dy || tops > dy - r || lastBottoms > dx - dy) {
            return Optional.empty();
        }
        d[0] = dx;
        d[hc] = dy;
        for (int h = 1; h < hc; h++) {
            d[h] = Math.max(1, d[h] + rng.nextInt(2));
            if (d[h] > maxWidth) {
                return Optional.empty();
            }
        }
        int[] s = chooseS(rng, dy, r);
        return build(rng, d, s, extras);
    }

    /** A point with the given widths, {@code S} and extra intervals (pairs {@code {a, b}}), or empty if not realizable. */
    static Optional<Point> withWidths(Random rng, int[] d, int[] s, int[][] extras) {
        List<Iv> l = new ArrayList<>();
        for (int[] e : extras) {
            l.add(new Iv(e[0], e[1]));
        }
        return build(rng, d.clone(), s.clone(), l);
    }

    /** The case as case-file JSON with moments, every entry a string {@code "p/q"} (or {@code "p"}). */
    static String toJson(RationalCase c) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"Sxx\": ").append(json(c.sxx())).append(",\n");
        sb.append("  \"Syx\": ").append(json(c.syx())).append(",\n");
        sb.append("  \"Syy\": ").append(json(c.syy())).append(",\n");
        sb.append("  \"W\": [");
        for (int h = 1; h <= c.depth(); h++) {
            sb.append(h > 1 ? ",\n    " : "\n    ").append(json(c.layer(h)));
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String json(RationalMatrix m) {
        StringBuilder sb = new StringBuilder("[");
        String[][] t = m.toStrings();
        for (int i = 0; i < t.length; i++) {
            sb.append(i > 0 ? ", [" : "[");
            for (int j = 0; j < t[i].length; j++) {
                sb.append(j > 0 ? ", \"" : "\"").append(t[i][j]).append('"');
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static int[] chooseS(Random rng, int dy, int r) {
        if (rng.nextBoolean()) {
            return IntStream.rangeClosed(1, r).toArray();
        }
        List<Integer> all = new ArrayList<>(IntStream.rangeClosed(1, dy).boxed().toList());
        java.util.Collections.shuffle(all, rng);
        return all.subList(0, r).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static Optional<Point> build(Random rng, int[] d, int[] s, List<Iv> extras) {
        int hc = d.length - 1;
        int dx = d[0];
        int dy = d[hc];
        int r = s.length;
        // canonical data: Sxx' = I, Syx' = [diag(c) 0], Syy' = diag(c^2 + e), e >= 1 (a residual the double check sees)
        int[] c = rng.ints(1, 8 + dy).distinct().limit(dy).boxed().sorted((x, y) -> y - x).mapToInt(Integer::intValue).toArray();
        long[][] syx = new long[dy][dx];
        long[][] syy = new long[dy][dy];
        for (int k = 0; k < dy; k++) {
            syx[k][k] = c[k];
            syy[k][k] = (long) c[k] * c[k] + 1 + rng.nextInt(3);
        }
        boolean[] inS = new boolean[dy];
        for (int k : s) {
            inS[k - 1] = true;
        }
        long[][] rm = new long[dy][dx];
        for (int k = 0; k < dy; k++) {
            if (!inS[k]) {
                rm[k][k] = c[k];
            }
        }
        RationalMatrix rmM = RationalMatrix.ofInts(rm);
        List<Iv> all = new ArrayList<>();
        List<RationalMatrix> phi = new ArrayList<>(); // 1 x dx rows
        List<RationalMatrix> out = new ArrayList<>(); // dy x 1 columns
        for (int k : s) {
            all.add(new Iv(0, hc));
            long[][] p = new long[1][dx];
            p[0][k - 1] = c[k - 1];
            phi.add(RationalMatrix.ofInts(p));
            long[][] u = new long[dy][1];
            u[k - 1][0] = 1;
            out.add(RationalMatrix.ofInts(u));
        }
        for (Iv iv : extras) {
            all.add(iv);
            phi.add(null);
            out.add(iv.b() == hc ? RationalMatrix.ofInts(randomInts(rng, dy, 1)) : null);
        }
        for (int t = r; t < all.size(); t++) {
            Iv iv = all.get(t);
            if (iv.a() != 0) {
                continue;
            }
            List<RationalMatrix> rows = new ArrayList<>();
            if (iv.b() == hc - 1) {
                for (int k = 0; k < dy; k++) {
                    if (!inS[k]) {
                        long[][] e = new long[1][dx];
                        e[0][k] = 1;
                        rows.add(RationalMatrix.ofInts(e));
                    }
                }
            }
            for (int o = r; o < all.size(); o++) {
                if (all.get(o).b() == hc && all.get(o).a() <= iv.b() + 1) {
                    rows.add(out.get(o).transpose().times(rmM));
                }
            }
            Optional<RationalMatrix> f = randomInNullSpace(rng, rows, dx);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            phi.set(t, f.get());
        }
        if (!independent(all, phi, true, hc) || !independent(all, out, false, hc)) {
            return Optional.empty();
        }
        List<RationalMatrix> canonical = layers(d, all, phi, out);
        PointClass intended = predict(d, all, phi, out, rmM, s);
        return Optional.of(new Point(disguise(rng, d, canonical, c, syx, syy), intended, s, r,
                "d = " + Arrays.toString(d) + ", S = " + Arrays.toString(s) + ", extras = " + extras));
    }

    private static long[][] randomInts(Random rng, int rows, int cols) {
        long[][] m = new long[rows][cols];
        for (long[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextInt(5) - 2;
            }
        }
        return m;
    }

    /** A random integer combination of a basis of {@code {x : row . x = 0 for every row}}, as a 1 x n row. */
    private static Optional<RationalMatrix> randomInNullSpace(Random rng, List<RationalMatrix> rows, int n) {
        List<BigFraction[]> basis = NullSpace.basis(rows, n);
        if (basis.isEmpty()) {
            return Optional.empty();
        }
        BigFraction[][] x = new BigFraction[1][n];
        Arrays.fill(x[0], BigFraction.ZERO);
        boolean nonzero = false;
        while (!nonzero) {
            for (BigFraction[] v : basis) {
                int m = rng.nextInt(5) - 2;
                for (int i = 0; i < n; i++) {
                    x[0][i] = x[0][i].add(v[i].multiply(m));
                }
            }
            nonzero = Arrays.stream(x[0]).anyMatch(z -> z.signum() != 0);
        }
        return Optional.of(RationalMatrix.of(x));
    }

    private static boolean independent(List<Iv> all, List<RationalMatrix> vecs, boolean bottom, int hc) {
        List<RationalMatrix> chosen = new ArrayList<>();
        for (int t = 0; t < all.size(); t++) {
            if (bottom ? all.get(t).a() == 0 : all.get(t).b() == hc) {
                chosen.add(bottom ? vecs.get(t) : vecs.get(t).transpose());
            }
        }
        if (chosen.isEmpty()) {
            return true;
        }
        BigFraction[][] m = new BigFraction[chosen.size()][];
        for (int i = 0; i < chosen.size(); i++) {
            m[i] = new BigFraction[chosen.get(i).cols()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = chosen.get(i).get(0, j);
            }
        }
        return Bareiss.rank(RationalMatrix.of(m)) == chosen.size();
    }

    private static List<RationalMatrix> layers(int[] d, List<Iv> all, List<RationalMatrix> phi, List<RationalMatrix> out) {
        int hc = d.length - 1;
        int[][] idx = new int[all.size()][hc + 1];
        for (int h = 1; h < hc; h++) {
            int next = 0;
            for (int t = 0; t < all.size(); t++) {
                idx[t][h] = all.get(t).a() <= h && h <= all.get(t).b() ? next++ : -1;
            }
        }
        List<RationalMatrix> layers = new ArrayList<>();
        for (int h = 1; h <= hc; h++) {
            BigFraction[][] m = new BigFraction[d[h]][d[h - 1]];
            for (BigFraction[] row : m) {
                Arrays.fill(row, BigFraction.ZERO);
            }
            for (int t = 0; t < all.size(); t++) {
                Iv iv = all.get(t);
                if (!(iv.a() <= h - 1 && iv.b() >= h)) {
                    continue;
                }
                if (h == 1) {
                    for (int q = 0; q < d[0]; q++) {
                        m[idx[t][1]][q] = phi.get(t).get(0, q);
                    }
                } else if (h == hc) {
                    for (int p = 0; p < d[hc]; p++) {
                        m[p][idx[t][hc - 1]] = out.get(t).get(p, 0);
                    }
                } else {
                    m[idx[t][h]][idx[t][h - 1]] = BigFraction.ONE;
                }
            }
            layers.add(RationalMatrix.of(m));
        }
        return layers;
    }

    /** Class read off the intervals (section 11): a coupled pair with a non-full interval inside is not tightened. */
    private static PointClass predict(int[] d, List<Iv> all, List<RationalMatrix> phi, List<RationalMatrix> out,
                                      RationalMatrix rm, int[] s) {
        int hc = d.length - 1;
        int r = s.length;
        int rMax = Arrays.stream(d).min().orElseThrow();
        if (!io.github.dlnkit.critical.CriticalValues.isPrefix(s)) {
            return PointClass.STRICT_SADDLE;
        }
        if (r == rMax) {
            return PointClass.GLOBAL_MIN;
        }
        for (int i = 2; i <= hc; i++) {
            for (int j = 1; j < i; j++) {
                final int ii = i;
                final int jj = j;
                List<RationalMatrix> left = new ArrayList<>();
                List<RationalMatrix> right = new ArrayList<>();
                for (int t = 0; t < all.size(); t++) {
                    Iv iv = all.get(t);
                    if (iv.b() == hc && iv.a() > 0 && iv.a() <= i) {
                        left.add(out.get(t));
                    }
                    if (iv.a() == 0 && iv.b() >= j - 1 && iv.b() < hc) {
                        right.add(phi.get(t).transpose());
                    }
                }
                RationalMatrix l = i == hc ? RationalMatrix.identity(d[hc]) : stack(left);
                RationalMatrix rr = j == 1 ? RationalMatrix.identity(d[0]) : stack(right);
                if (l == null || rr == null || l.transpose().times(rm).times(rr).isZero()) {
                    continue;
                }
                boolean wide = i == j + 1 ? d[j] > r
                        : all.stream().anyMatch(t -> !(t.a() == 0 && t.b() == hc) && t.a() <= jj && t.b() >= ii - 1);
                if (wide) {
                    return PointClass.STRICT_SADDLE;
                }
            }
        }
        return PointClass.NON_STRICT_SADDLE;
    }

    private static RationalMatrix stack(List<RationalMatrix> cols) {
        if (cols.isEmpty()) {
            return null;
        }
        BigFraction[][] m = new BigFraction[cols.get(0).rows()][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            for (int i = 0; i < m.length; i++) {
                m[i][j] = cols.get(j).get(i, 0);
            }
        }
        return RationalMatrix.of(m);
    }

    private static RationalCase disguise(Random rng, int[] d, List<RationalMatrix> w, int[] c, long[][] syx, long[][] syy) {
        int hc = d.length - 1;
        RationalMatrix q = cayley(rng, d[hc]);
        RationalMatrix l = unimodular(rng, d[0]);
        RationalMatrix lInv = l.inverse("L");
        List<RationalMatrix> g = new ArrayList<>();
        List<RationalMatrix> gInv = new ArrayList<>();
        g.add(RationalMatrix.identity(d[0]));
        gInv.add(lInv);
        for (int h = 1; h < hc; h++) {
            RationalMatrix gh = unimodular(rng, d[h]);
            g.add(gh);
            gInv.add(gh.inverse("G_" + h));
        }
        g.add(q);
        List<RationalMatrix> layers = new ArrayList<>();
        for (int h = 1; h <= hc; h++) {
            layers.add(g.get(h).times(w.get(h - 1)).times(gInv.get(h - 1)));
        }
        RationalMatrix sxx = l.times(l.transpose());
        RationalMatrix syxM = q.times(RationalMatrix.ofInts(syx)).times(l.transpose());
        RationalMatrix syyM = q.times(RationalMatrix.ofInts(syy)).times(q.transpose());
        return new RationalCase(sxx, syxM, syyM, layers, LossConvention.SUM);
    }

    /** A rational orthogonal matrix {@code (I - K)(I + K)^-1}, {@code K} skew with entries in {-1, 0, 1}. */
    static RationalMatrix cayley(Random rng, int n) {
        long[][] k = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                k[i][j] = rng.nextInt(3) - 1;
                k[j][i] = -k[i][j];
            }
        }
        RationalMatrix km = RationalMatrix.ofInts(k);
        RationalMatrix id = RationalMatrix.identity(n);
        return id.minus(km).times(id.plus(km).inverse("I + K"));
    }

    /** An integer matrix with determinant +-1: a signed permutation times random row additions. */
    static RationalMatrix unimodular(Random rng, int n) {
        long[][] m = new long[n][n];
        List<Integer> perm = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(perm, rng);
        for (int i = 0; i < n; i++) {
            m[i][perm.get(i)] = rng.nextBoolean() ? 1 : -1;
        }
        for (int t = 0; t < 2 * n && n > 1; t++) {
            int i = rng.nextInt(n);
            int j = rng.nextInt(n - 1);
            j = j >= i ? j + 1 : j;
            long f = rng.nextInt(5) - 2;
            for (int col = 0; col < n; col++) {
                m[i][col] += f * m[j][col];
            }
        }
        return RationalMatrix.ofInts(m);
    }
}
