package io.github.dlnkit.critical;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.LossConvention;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The critical values of Proposition 1 ({@code achour2024.md} section 4): under assumption H, the loss at a
 * critical point associated with {@code S} is {@code tr(Syy) - sum_{i in S} lambda_i}, and every {@code S} with
 * {@code |S| <= r_max} occurs (section 11). Values are in the plain-sum convention unless {@link #scaled} or a
 * {@link LossConvention} is used. For {@code H = 1} (a single matrix, convex loss) the only critical value is the
 * minimum.
 *
 * <p>The number of subsets is {@code sum_{k <= r_max} C(d_y, k)}, which explodes with {@code d_y}: {@link #of}
 * refuses more than {@link #DEFAULT_CAP} of them with a message pointing to {@link #lowest} (best-first
 * enumeration of the {@code k} lowest values) and {@link #count}.
 *
 * @param entries    sorted by value ascending, then rank, then {@code S} lexicographically
 * @param factor     the loss factor {@code c} the values are multiplied by (1 = plain sum)
 * @param traceSyy   {@code tr Syy} (unscaled)
 * @param eigenvalues {@code lambda_1 > ... > lambda_{d_y}} of {@code Sigma}
 * @param architecture the widths
 * @param total      number of subsets {@code S} with {@code |S| <= r_max} ({@link Long#MAX_VALUE} if it overflows)
 * @param complete   whether {@code entries} lists all of them (false for {@link #lowest})
 */
public record CriticalValues(List<CriticalValue> entries, double factor, double traceSyy, double[] eigenvalues,
                             Architecture architecture, long total, boolean complete) {
    /** Largest number of subsets {@link #of} lists. */
    public static final long DEFAULT_CAP = 200_000;

    public CriticalValues {
        entries = List.copyOf(entries);
        eigenvalues = eigenvalues.clone();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** All critical values (plain sum), at most {@link #DEFAULT_CAP} subsets. */
    public static CriticalValues of(Dataset data, Architecture arch) {
        return of(data, arch, DEFAULT_CAP);
    }

    /** All critical values in the given loss convention. */
    public static CriticalValues of(Dataset data, Architecture arch, LossConvention convention) {
        return of(data, arch).scaled(convention.factor());
    }

    /** All critical values, refusing (with a clear message) when there are more than {@code cap} subsets. */
    public static CriticalValues of(Dataset data, Architecture arch, long cap) {
        double[] lambda = spectrum(data, arch);
        if (arch.depth() == 1) {
            return singleLayer(data, arch, lambda);
        }
        long total = count(data, arch);
        if (total > cap) {
            throw new IllegalArgumentException("there are " + countText(countExact(lambda.length, arch.rMax()))
                    + " subsets S of [[1," + lambda.length + "]] with |S| <= r_max = " + arch.rMax()
                    + ", more than the cap " + cap + "; use CriticalValues.lowest(data, arch, k) "
                    + "(CLI: critical-values --lowest K) or raise the cap");
        }
        List<CriticalValue> list = new ArrayList<>();
        int rMax = arch.rMax();
        enumerate(lambda, rMax, 0, new int[rMax], 0, data.traceSyy(), arch, list);
        list.sort(ORDER);
        return new CriticalValues(list, 1.0, data.traceSyy(), lambda, arch, total, true);
    }

    /**
     * The {@code k} lowest critical values (plain sum), by best-first search from {@code S = [[1, r_max]]}:
     * removing an element or moving one to the next index never increases {@code sum lambda_S}, and every
     * {@code S} is reached from the root by such moves, so values pop out in increasing order. Cost
     * {@code O(k r_max log)}; works for any {@code d_y}.
     */
    public static CriticalValues lowest(Dataset data, Architecture arch, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k (number of lowest critical values) must be >= 1, got " + k);
        }
        double[] lambda = spectrum(data, arch);
        if (arch.depth() == 1) {
            return singleLayer(data, arch, lambda);
        }
        int dy = lambda.length;
        int rMax = arch.rMax();
        double tr = data.traceSyy();
        record Node(int[] s, double sum) {
        }
        PriorityQueue<Node> queue = new PriorityQueue<>(Comparator.comparingDouble(Node::sum).reversed());
        Set<List<Integer>> seen = new HashSet<>();
        int[] root = new int[rMax];
        for (int i = 0; i < rMax; i++) {
            root[i] = i + 1;
        }
        queue.add(new Node(root, sum(lambda, root)));
        seen.add(key(root));
        List<CriticalValue> out = new ArrayList<>();
        while (!queue.isEmpty() && out.size() < k) {
            Node n = queue.poll();
            out.add(entry(tr - n.sum, n.s, arch));
            int[] s = n.s;
            for (int p = 0; p < s.length; p++) {
                int[] removed = new int[s.length - 1];
                for (int q = 0, t = 0; q < s.length; q++) {
                    if (q != p) {
                        removed[t++] = s[q];
                    }
                }
                if (seen.add(key(removed))) {
                    queue.add(new Node(removed, sum(lambda, removed)));
                }
                boolean canShift = s[p] < dy && (p + 1 == s.length || s[p + 1] != s[p] + 1);
                if (canShift) {
                    int[] shifted = s.clone();
                    shifted[p]++;
                    if (seen.add(key(shifted))) {
                        queue.add(new Node(shifted, sum(lambda, shifted)));
                    }
                }
            }
        }
        out.sort(ORDER);
        long total = count(data, arch);
        return new CriticalValues(out, 1.0, tr, lambda, arch, total, out.size() == total);
    }

    /**
     * Number of subsets {@code S} of {@code [[1,d_y]]} with {@code |S| <= r_max} (saturates at {@link Long#MAX_VALUE});
     * 1 for {@code H = 1}, where the loss is convex and its only critical points are the least-squares solutions.
     */
    public static long count(Dataset data, Architecture arch) {
        requireMatching(data, arch);
        return arch.depth() == 1 ? 1 : countSubsets(data.outputDim(), arch.rMax());
    }

    private static CriticalValues singleLayer(Dataset data, Architecture arch, double[] lambda) {
        int[] all = new int[lambda.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        return new CriticalValues(List.of(entry(data.traceSyy() - sum(lambda, all), all, arch)), 1.0, data.traceSyy(),
                lambda, arch, 1, true);
    }

    static long countSubsets(int n, int kMax) {
        long total = 0;
        long c = 1;
        for (int k = 0; k <= Math.min(kMax, n); k++) {
            if (k > 0) {
                java.math.BigInteger b = java.math.BigInteger.valueOf(c).multiply(java.math.BigInteger.valueOf(n - k + 1))
                        .divide(java.math.BigInteger.valueOf(k));
                if (b.bitLength() > 62) {
                    return Long.MAX_VALUE;
                }
                c = b.longValue();
            }
            total += c;
            if (total < 0 || total > Long.MAX_VALUE / 4) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    /**
     * The largest critical value strictly below {@code value} (plain sum), e.g. for escape thresholds; empty when
     * {@code value} is at or below the global minimum. Exact branch-and-bound search over subsets; throws
     * {@link IllegalStateException} instead of running for long (more than {@code 5e6} search nodes).
     */
    public static OptionalDouble nextBelow(Dataset data, Architecture arch, double value) {
        double[] lambda = spectrum(data, arch);
        double tr = data.traceSyy();
        if (arch.depth() == 1) {
            double only = singleLayer(data, arch, lambda).minimum();
            return only < value - 1e-12 * Math.max(1, Math.abs(tr)) ? OptionalDouble.of(only) : OptionalDouble.empty();
        }
        // minimise sum_S lambda subject to sum_S lambda > tr - value, |S| <= r_max
        double need = tr - value;
        double tol = 1e-12 * Math.max(Math.abs(tr), lambda.length == 0 ? 1 : lambda[0]);
        double[] best = {Double.POSITIVE_INFINITY};
        long[] budget = {5_000_000L};
        search(lambda, arch.rMax(), 0, 0, 0.0, need + tol, best, budget);
        if (best[0] == Double.POSITIVE_INFINITY) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(tr - best[0]);
    }

    private static void search(double[] lambda, int slots, int start, int used, double sum, double need,
                               double[] best, long[] budget) {
        if (--budget[0] < 0) {
            throw new IllegalStateException("nextBelow: search over subsets S exceeded 5e6 nodes (d_y = "
                    + lambda.length + "); use CriticalValues.lowest(...) to list the lowest values instead");
        }
        if (sum > need) {
            if (sum < best[0]) {
                best[0] = sum;
            }
            return; // adding more only increases the sum
        }
        if (sum >= best[0]) {
            return;
        }
        // upper bound of what can still be reached: take the next (slots-used) largest available
        double reach = sum;
        for (int i = start; i < Math.min(lambda.length, start + slots - used); i++) {
            reach += lambda[i];
        }
        if (reach <= need) {
            return;
        }
        for (int i = start; i < lambda.length && used < slots; i++) {
            double next = sum + lambda[i];
            if (next >= best[0]) {
                continue;
            }
            search(lambda, slots, i + 1, used + 1, next, need, best, budget);
        }
    }

    /** The same values multiplied by {@code c} (e.g. {@code 0.5} for the {@code half} convention). */
    public CriticalValues scaled(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("scale factor c must be finite and > 0, got " + c);
        }
        List<CriticalValue> l = entries.stream()
                .map(e -> new CriticalValue(e.value() * c, e.S(), e.rank(), e.classes())).toList();
        return new CriticalValues(l, factor * c, traceSyy, eigenvalues, architecture, total, complete);
    }

    /** Distinct values ascending (several {@code S} can share a value only by coincidence). */
    public double[] values() {
        return entries.stream().mapToDouble(CriticalValue::value).distinct().toArray();
    }

    /** The global minimum {@code c (tr Syy - sum_{i <= r_max} lambda_i)}. */
    public double minimum() {
        return entries.get(0).value();
    }

    /** The entries with this {@code S} (1-based), if listed. */
    public java.util.Optional<CriticalValue> forS(int... s) {
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        return entries.stream().filter(e -> Arrays.equals(e.S(), sorted)).findFirst();
    }

    /** Columns {@code value}, {@code rank}, {@code S}, {@code prefix}, {@code classes}, in the order of {@link #entries}. */
    public Table toTable() {
        DoubleColumn v = DoubleColumn.create("value");
        IntColumn r = IntColumn.create("rank");
        StringColumn s = StringColumn.create("S");
        BooleanColumn p = BooleanColumn.create("prefix");
        StringColumn c = StringColumn.create("classes");
        for (CriticalValue e : entries) {
            v.append(e.value());
            r.append(e.rank());
            s.append(e.sText());
            p.append(e.prefix());
            c.append(e.classesText());
        }
        return Table.create("critical values " + architecture, v, r, s, p, c);
    }

    @Override
    public String toString() {
        return toTable().printAll();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final Comparator<CriticalValue> ORDER = Comparator.comparingDouble(CriticalValue::value)
            .thenComparingInt(CriticalValue::rank).thenComparing(CriticalValue::S, Arrays::compare);

    private static double[] spectrum(Dataset data, Architecture arch) {
        requireMatching(data, arch);
        data.requireAssumptionH();
        return data.eigenvalues();
    }

    static void requireMatching(Dataset data, Architecture arch) {
        if (arch.inputDim() != data.inputDim() || arch.outputDim() != data.outputDim()) {
            throw new IllegalArgumentException("widths " + arch + " need d_0 = d_x = " + data.inputDim()
                    + " and d_H = d_y = " + data.outputDim() + " of the data set");
        }
    }

    private static void enumerate(double[] lambda, int rMax, int start, int[] buf, int size, double tr,
                                  Architecture arch, List<CriticalValue> out) {
        int[] s = Arrays.copyOf(buf, size);
        out.add(entry(tr - sum(lambda, s), s, arch));
        if (size == rMax) {
            return;
        }
        for (int i = start; i < lambda.length; i++) {
            buf[size] = i + 1;
            enumerate(lambda, rMax, i + 1, buf, size + 1, tr, arch, out);
        }
    }

    private static CriticalValue entry(double value, int[] s, Architecture arch) {
        return new CriticalValue(value, s, s.length, possibleClasses(s, arch));
    }

    /**
     * Classes that critical points associated with {@code S} can have (Theorem 7 with the constructions of
     * section 11): {@code [[1,r_max]]} only global minima; a non-prefix {@code S} only strict saddles; a prefix
     * with {@code r < r_max} strict saddles and, when {@code H >= 3}, non-strict saddles.
     */
    public static Set<PointClass> possibleClasses(int[] s, Architecture arch) {
        int r = s.length;
        if (!isPrefix(s)) {
            return EnumSet.of(PointClass.STRICT_SADDLE);
        }
        if (r == arch.rMax()) {
            return EnumSet.of(PointClass.GLOBAL_MIN);
        }
        return arch.depth() >= 3 ? EnumSet.of(PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE)
                : EnumSet.of(PointClass.STRICT_SADDLE);
    }

    /** {@code S = [[1, |S|]]} for a sorted 1-based index set. */
    public static boolean isPrefix(int[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code {1,3}} for short sets; runs of 3 or more consecutive indices as integer intervals, so that
     * {@code S = {1, ..., 128}} prints as {@code [[1,128]]} and {@code {1,...,5,7}} as {@code [[1,5]] u {7}};
     * {@code {}} for the empty set.
     */
    public static String setText(int[] s) {
        List<String> runs = new ArrayList<>();
        List<String> single = new ArrayList<>();
        for (int a = 0; a < s.length; ) {
            int b = a;
            while (b + 1 < s.length && s[b + 1] == s[b] + 1) {
                b++;
            }
            if (b - a >= 2) {
                runs.add("[[" + s[a] + "," + s[b] + "]]");
            } else {
                for (int k = a; k <= b; k++) {
                    single.add(Integer.toString(s[k]));
                }
            }
            a = b + 1;
        }
        if (runs.isEmpty()) {
            return "{" + String.join(",", single) + "}";
        }
        return String.join(" u ", runs) + (single.isEmpty() ? "" : " u {" + String.join(",", single) + "}");
    }

    /**
     * The exact number of subsets {@code S} of {@code [[1,d_y]]} with {@code |S| <= r_max},
     * {@code sum_{k <= r_max} C(d_y, k)} (1 for {@code H = 1}); {@link #total} saturates where this does not.
     */
    public BigInteger totalExact() {
        return architecture.depth() == 1 ? BigInteger.ONE : countExact(eigenvalues.length, architecture.rMax());
    }

    /** {@code sum_{k <= kMax} C(n, k)} exactly. */
    static BigInteger countExact(int n, int kMax) {
        BigInteger total = BigInteger.ZERO;
        BigInteger c = BigInteger.ONE;
        for (int k = 0; k <= Math.min(kMax, n); k++) {
            if (k > 0) {
                c = c.multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
            }
            total = total.add(c);
        }
        return total;
    }

    /** A count in words: the exact digits up to 15 of them, else {@code "about 3.4e38"}. */
    public static String countText(BigInteger n) {
        String digits = n.toString();
        if (digits.length() <= 15) {
            return digits;
        }
        return "about " + new java.math.BigDecimal(n).round(new java.math.MathContext(2)).toString()
                .replace("E+", "e").replace("E", "e");
    }

    private static double sum(double[] lambda, int[] s) {
        double t = 0;
        for (int i : s) {
            t += lambda[i - 1];
        }
        return t;
    }

    private static List<Integer> key(int[] s) {
        return Arrays.stream(s).boxed().toList();
    }
}
