package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * One critical point of the whitened regularized loss before it is built: the index set {@code A} (0-based, ascending),
 * the root chosen for each {@code k in A} and its value {@code w_k} (theory {@code regularized.md}, section 2.2). It
 * holds the rules that need only these numbers: how many points there are, the class of section 2.4, degeneracy
 * (section 3) and the dimension of the critical manifold.
 */
record ActiveSet(int[] active, Root[] roots, double[] w) {

    /** Every index set {@code |A| <= dmin} with every root choice, in a fixed order (inactive first, then by root). */
    static List<ActiveSet> all(ScalarEquation.Roots[] roots, int dmin) {
        List<ActiveSet> out = new ArrayList<>();
        collect(roots, dmin, 0, new ArrayList<>(), new ArrayList<>(), out);
        return out;
    }

    /** How many points {@link #all} gives, counted without building them (a double: it may exceed {@code long}). */
    static double count(ScalarEquation.Roots[] roots, int dmin) {
        double[] dp = new double[dmin + 1]; // dp[j]: choices with |A| = j among the components seen so far
        dp[0] = 1;
        for (ScalarEquation.Roots r : roots) {
            int c = r.choices().length;
            for (int j = dmin; j >= 1; j--) {
                dp[j] += dp[j - 1] * c;
            }
        }
        double s = 0;
        for (double v : dp) {
            s += v;
        }
        return s;
    }

    private static void collect(ScalarEquation.Roots[] roots, int dmin, int k, List<Integer> act, List<Root> rc,
                                List<ActiveSet> out) {
        if (k == roots.length) {
            int[] a = act.stream().mapToInt(Integer::intValue).toArray();
            Root[] r = rc.toArray(new Root[0]);
            double[] w = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                w[j] = roots[a[j]].w(r[j]);
            }
            out.add(new ActiveSet(a, r, w));
            return;
        }
        collect(roots, dmin, k + 1, act, rc, out);
        if (act.size() < dmin) {
            for (Root choice : roots[k].choices()) {
                act.add(k);
                rc.add(choice);
                collect(roots, dmin, k + 1, act, rc, out);
                act.remove(act.size() - 1);
                rc.remove(rc.size() - 1);
            }
        }
    }

    static boolean above(double a, double b, double tol) {
        return a > b + tol * Math.max(Math.abs(a), Math.abs(b));
    }

    LandscapeClass classify(RegularizedProblem problem, double[] z, int dmin, double tol, double value, double globalMin) {
        boolean[] on = new boolean[z.length];
        for (int k : active) {
            on[k] = true;
        }
        for (Root root : roots) {
            if (root == Root.SMALL) {
                return LandscapeClass.STRICT_SADDLE;
            }
        }
        for (int k : active) {
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && above(z[j], z[k], tol)) {
                    return LandscapeClass.STRICT_SADDLE; // rotate p_k, q_k towards p_j, q_j: F drops
                }
            }
        }
        if (problem.depth() == 2 && active.length < dmin) {
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && above(z[j], problem.lambdaBar(), tol)) {
                    return LandscapeClass.STRICT_SADDLE; // f''(0) has eigenvalue lambdabar - z_j < 0 (equal lambdas)
                }
            }
        }
        for (Root root : roots) {
            if (root == Root.DOUBLE) {
                return LandscapeClass.NON_STRICT_SADDLE;
            }
        }
        boolean global = value <= globalMin + 1e-10 * Math.max(1, Math.abs(globalMin));
        return global ? LandscapeClass.GLOBAL_MIN : LandscapeClass.LOCAL_MIN;
    }

    /**
     * Section 3: an active double root ({@code L >= 3}), or ({@code L = 2}) an inactive {@code z_j = lambdabar} with
     * free width {@code |A| < d_min}.
     */
    boolean degenerate(RegularizedProblem problem, double[] z, ScalarEquation.Roots[] equations, int dmin, double tol) {
        for (Root root : roots) {
            if (root == Root.DOUBLE) {
                return true;
            }
        }
        if (problem.depth() == 2 && active.length < dmin) {
            boolean[] on = new boolean[z.length];
            for (int k : active) {
                on[k] = true;
            }
            for (int j = 0; j < z.length; j++) {
                if (!on[j] && Math.abs(equations[j].distance()) <= tol) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Dimension of the critical manifold through the point: the hidden orbit
     * {@code sum_{l=1}^{L-1} [dim O(d_l) - dim O(d_l - |A|)]}, plus, for each block of equal singular values of size
     * {@code b} split into groups (inactive / each root type) of sizes {@code g_i}, the flag-manifold dimension
     * {@code (b^2 - sum g_i^2) / 2} (rotations of singular pairs within the block).
     */
    int manifoldDimension(Architecture arch, double[] z, double tol) {
        int rank = active.length;
        int dim = 0;
        for (int l = 1; l < arch.depth(); l++) {
            int d = arch.width(l);
            dim += d * (d - 1) / 2 - (d - rank) * (d - rank - 1) / 2;
        }
        String[] state = new String[z.length];
        java.util.Arrays.fill(state, "-");
        for (int i = 0; i < rank; i++) {
            state[active[i]] = roots[i].name();
        }
        int start = 0;
        while (start < z.length) {
            int end = start + 1;
            while (end < z.length && !above(z[start], z[end], tol)) {
                end++;
            }
            int b = end - start;
            java.util.Map<String, Integer> groups = new java.util.HashMap<>();
            for (int k = start; k < end; k++) {
                groups.merge(state[k], 1, Integer::sum);
            }
            int sq = groups.values().stream().mapToInt(g -> g * g).sum();
            dim += (b * b - sq) / 2;
            start = end;
        }
        return dim;
    }
}
