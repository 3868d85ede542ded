package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Matrices;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Certificates that a saddle is not a local minimum ({@code achour2024.md} sections 9 and 10.4), each checked
 * by an exact Hessian-vector product and by the exact loss polynomial {@code t -> L(W + t delta)}.
 */
public final class Witnesses {
    /** Relative tolerance of the kernels and ranges the witnesses are built from (each witness is then checked exactly). */
    public static final double KERNEL_TOLERANCE = 1e-9;

    private Witnesses() {
    }

    /**
     * Coefficients {@code c_0..c_{2H}} of the polynomial {@code L(W + t delta)} (plain sum), computed exactly
     * (up to rounding) from the matrix polynomial {@code prod_h (W_h + t delta_h)}.
     */
    public static double[] lossPolynomial(Dataset data, Weights w, Weights delta) {
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
     * Used by the chain search, where thousands of chains share prefixes; the value equals {@link #lossPolynomial}
     * up to rounding.
     */
    private record Stacked(DMatrixRMaj m, int terms, int dx) {
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
            DMatrixRMaj cs = Numerics.mult(c.get(a), sxx);
            for (int b = 0; b <= top; b++) {
                poly[a + b] += Matrices.dot(cs, c.get(b));
            }
            poly[a] -= 2 * Matrices.dot(c.get(a), syx);
        }
        poly[0] += data.traceSyy();
        return poly;
    }

    /** Order and coefficient of the first non-zero term ({@code |c_k| > 1e-10 max |c|}, {@code k >= 1}); order 0 if none. */
    private record Leading(int order, double leading) {
        static Leading of(double[] poly) {
            double scale = 0;
            for (double c : poly) {
                scale = Math.max(scale, Math.abs(c));
            }
            for (int k = 1; k < poly.length; k++) {
                if (Math.abs(poly[k]) > 1e-10 * scale) {
                    return new Leading(k, poly[k]);
                }
            }
            return new Leading(0, 0);
        }

        boolean descends() {
            return leading < 0 && order >= 3;
        }
    }

    /**
     * Rotation witness for {@code S} not a prefix (section 9.1): with {@code l} the first index missing from
     * {@code S} and {@code k} the largest element of {@code S} ({@code k > l}), {@code delta_H = J W_H},
     * {@code J = u_l u_k^T - u_k u_l^T}, and {@code delta_1 = W_1 (a_k b_l^T - a_l b_k^T)} with
     * {@code a_i = Sxy u_i / sqrt(lambda_i)}, {@code b_i = Sxx^{-1} Sxy u_i / sqrt(lambda_i)} (the tangent of
     * {@code W_1 Sxx^{1/2} e^{t J_V}^T Sxx^{-1/2}}). Curvature {@code -4 (sqrt(lambda_k lambda_l) - lambda_k)}
     * times the squared speed, negative.
     */
    public static Witness rotation(Dataset data, Weights w, int[] s) {
        if (w.depth() < 2) {
            throw new IllegalArgumentException("the rotation witness needs H >= 2 weight matrices, got H = " + w.depth());
        }
        int l = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                l = i + 1;
                break;
            }
        }
        if (l == 0) {
            throw new IllegalArgumentException("S = " + CriticalValues.setText(s) + " is a prefix; the rotation witness "
                    + "needs S that is not [[1,|S|]]");
        }
        int k = s[s.length - 1];
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj ul = Numerics.column(u, l - 1);
        DMatrixRMaj uk = Numerics.column(u, k - 1);
        DMatrixRMaj j = Numerics.outer(ul, uk);
        CommonOps_DDRM.subtractEquals(j, Numerics.outer(uk, ul));
        DMatrixRMaj sxy = data.sxy();
        DMatrixRMaj sxxInv = data.sxxInverse();
        double lk = data.eigenvalue(k);
        double ll = data.eigenvalue(l);
        DMatrixRMaj ak = Numerics.mult(sxy, uk);
        CommonOps_DDRM.scale(1 / Math.sqrt(lk), ak);
        DMatrixRMaj al = Numerics.mult(sxy, ul);
        CommonOps_DDRM.scale(1 / Math.sqrt(ll), al);
        DMatrixRMaj bk = Numerics.mult(sxxInv, Numerics.mult(sxy, uk));
        CommonOps_DDRM.scale(1 / Math.sqrt(lk), bk);
        DMatrixRMaj bl = Numerics.mult(sxxInv, Numerics.mult(sxy, ul));
        CommonOps_DDRM.scale(1 / Math.sqrt(ll), bl);
        DMatrixRMaj rot = Numerics.outer(ak, bl);
        CommonOps_DDRM.subtractEquals(rot, Numerics.outer(al, bk));
        int hc = w.depth();
        List<DMatrixRMaj> d = zeros(w);
        d.set(hc - 1, Numerics.mult(j, w.layer(hc)));
        d.set(0, Numerics.mult(w.layer(1), rot));
        return finish("rotation", data, w, Weights.of(d), null);
    }

    /**
     * Pivot witness for a non-tightened pivot {@code (i,j)} (section 10.4): {@code (x, z)} the top singular pair
     * of {@code N_ij} with {@code s = x^T N_ij z}; case S1 ({@code rk B > rk C_i}) or S2 ({@code rk B > rk A_j}),
     * with the step chosen at half the bound, so that {@code delta^T Hess delta = -2 s^2 / c2 < 0}.
     */
    public static Optional<Witness> pivot(Dataset data, Weights w, int r, Pivot pv, double rankTol) {
        int i = pv.i();
        int jj = pv.j();
        int hc = w.depth();
        DMatrixRMaj n = nMatrix(data, w, r, i, jj);
        Numerics.Svd ns = Numerics.svd(n);
        if (ns.top() == 0) {
            return Optional.empty();
        }
        DMatrixRMaj x = Numerics.column(ns.u(), 0);
        DMatrixRMaj z = Numerics.column(ns.v(), 0);
        double s = ns.top();
        DMatrixRMaj b = w.product(i - 1, jj + 1);
        DMatrixRMaj ci = w.product(i - 1, 1);
        DMatrixRMaj aj = w.product(hc, jj + 1);
        DMatrixRMaj below = w.product(jj - 1, 1);
        DMatrixRMaj above = w.product(hc, i + 1);
        DMatrixRMaj sxx = data.sxx();
        double[] norms = w.layerNorms();
        double scaleB = prod(norms, jj + 1, i - 1);
        double scaleC = prod(norms, 1, i - 1);
        double scaleA = prod(norms, jj + 1, hc);
        // S1: rk B > rk C_i
        DMatrixRMaj q = Numerics.rangeAbove(ci, rankTol * scaleC);
        DMatrixRMaj proj = CommonOps_DDRM.identity(ci.numRows);
        CommonOps_DDRM.subtractEquals(proj, Numerics.multTransB(q, q));
        DMatrixRMaj pb = Numerics.mult(proj, b);
        int best = -1;
        double bestNorm = 0;
        for (int k = 0; k < b.numCols; k++) {
            double nk = Numerics.normF(Numerics.column(pb, k));
            if (nk > bestNorm) {
                bestNorm = nk;
                best = k;
            }
        }
        double bScale = Math.max(scaleB, Double.MIN_NORMAL);
        List<Witness> found = new ArrayList<>();
        if (best >= 0 && bestNorm > rankTol * bScale) {
            DMatrixRMaj y = new DMatrixRMaj(b.numCols, 1);
            y.set(best, 0, 1);
            DMatrixRMaj wv = Numerics.mult(b, y);
            DMatrixRMaj pw = Numerics.mult(proj, wv);
            DMatrixRMaj g = pw.copy();
            CommonOps_DDRM.scale(1 / Matrices.dot(wv, pw), g);
            DMatrixRMaj xb = Numerics.multTransA(below, x); // (x^T W_{j-1:1})^T
            double c2 = sq(Numerics.mult(aj, y)) * Numerics.dataNorm2(Numerics.transpose(xb), sxx);
            {
                List<DMatrixRMaj> d = zeros(w);
                d.set(i - 1, Numerics.outer(z, g));
                DMatrixRMaj dj = Numerics.outer(y, x);
                CommonOps_DDRM.scale(step(s, c2), dj);
                d.set(jj - 1, dj);
                found.add(finish("pivot-S1", data, w, Weights.of(d), pv));
            }
        }
        // S2: rk B > rk A_j
        DMatrixRMaj ker = Numerics.nullSpaceAbove(aj, rankTol * scaleA);
        if (ker.numCols > 0) {
            DMatrixRMaj bk = Numerics.mult(b, ker);
            Numerics.Svd bs = Numerics.svd(bk);
            if (bs.top() > rankTol * bScale) {
                DMatrixRMaj y = Numerics.mult(ker, Numerics.column(bs.v(), 0));
                DMatrixRMaj by = Numerics.mult(b, y);
                DMatrixRMaj g = by.copy();
                CommonOps_DDRM.scale(1 / sq(by), g);
                double c2 = sq(Numerics.mult(above, z)) * Numerics.dataNorm2(Numerics.multTransA(g, ci), sxx);
                {
                    List<DMatrixRMaj> d = zeros(w);
                    d.set(jj - 1, Numerics.outer(y, x));
                    DMatrixRMaj di = Numerics.outer(z, g);
                    CommonOps_DDRM.scale(step(s, c2), di);
                    d.set(i - 1, di);
                    found.add(finish("pivot-S2", data, w, Weights.of(d), pv));
                }
            }
        }
        return found.stream().filter(x1 -> x1.curvature() < 0).min(Comparator.comparingDouble(Witness::curvature));
    }

    /**
     * Higher-order descent curve for a non-strict saddle ({@code H >= 3}): along a pivot {@code (i,j)} with
     * {@code i >= j+2}, perturb every layer {@code h = j..i} by {@code delta_h = z_h zeta_{h-1}^T}, where
     * {@code (zeta_{j-1}, z_i)} is the top singular pair of {@code N_ij} and, at each vertex {@code h = j..i-1}, the
     * vector {@code z_h} lies in {@code ker W_{h+1}} and the covector {@code zeta_h} in {@code ker W_h^T} with
     * {@code zeta_h^T z_h = 1} (a basis-independent condition), falling back to one kernel when the pairing is
     * zero. When the pairs exist every mixed term vanishes and
     * {@code L(W + t delta) = L(W) - 2 s t^{i-j+1} + ||..||^2 t^{2(i-j+1)}}. Variants keep some inner layers
     * {@code W_h} unperturbed (the new line then rides on an existing interval), which lowers the order; they are
     * tried fewest perturbed layers first (at most 4096 candidates). In every case the exact polynomial is checked and
     * the curve is kept only if its first non-zero term is negative and of order {@code >= 3}.
     */
    public static Optional<Witness> chain(Dataset data, Weights w, int r, List<Pivot> pivots, double rankTol) {
        ChainCache cache = new ChainCache();
        java.util.Map<Long, java.util.Map<List<Integer>, Leading>> tables = new java.util.HashMap<>();
        for (ChainCandidate c : chainCandidates(pivots)) {
            for (boolean global : new boolean[]{false, true}) {
                // the leading term of L(W + t delta) of every chain on this pivot, in one shared sweep (absent: no direction)
                long key = ChainCache.key(c.pivot().i(), c.pivot().j(), global);
                if (!tables.containsKey(key)) {
                    tables.put(key, chainPolynomials(data, w, r, c.pivot(), rankTol, global, cache));
                }
                java.util.Map<List<Integer>, Leading> table = tables.get(key);
                if (table != null) {
                    Leading lead = table.get(c.deltaLayers());
                    if (lead == null || !lead.descends()) {
                        continue;
                    }
                }
                Weights delta = chainDirection(data, w, r, c.pivot(), c.deltaLayers(), rankTol, global, cache);
                if (delta == null) {
                    continue;
                }
                Witness wit = finish("chain", data, w, delta, c.pivot());
                if (wit.leading() < 0 && wit.order() >= 3) {
                    return Optional.of(wit);
                }
            }
        }
        return Optional.empty();
    }

    /** One chain of {@link #chain}: a pivot and the layers it perturbs (first {@code j}, last {@code i}). */
    record ChainCandidate(Pivot pivot, List<Integer> deltaLayers) {
    }

    /**
     * The chains {@link #chain} tries, in order: for each pivot with {@code i >= j+2}, every subset of kept inner
     * layers (the first 12 inner layers may be kept, later ones are always perturbed); fewest perturbed layers first
     * (lowest possible order), then all-perturbed chains before mixed ones; chains of fewer than 3 perturbed layers
     * are left out (order 2 cannot descend at a PSD point); at most 4096.
     */
    static List<ChainCandidate> chainCandidates(List<Pivot> pivots) {
        List<ChainCandidate> candidates = new ArrayList<>();
        for (Pivot pv : pivots) {
            int i = pv.i();
            int j = pv.j();
            if (i < j + 2) {
                continue;
            }
            int inner = i - j - 1;
            for (int mask = 0; mask < (1 << Math.min(inner, 12)); mask++) {
                List<Integer> layers = new ArrayList<>();
                layers.add(j);
                for (int h = j + 1; h < i; h++) {
                    if (h - j - 1 >= 12 || (mask & (1 << (h - j - 1))) == 0) {
                        layers.add(h); // perturbed; a set bit keeps W_h in the chain instead
                    }
                }
                layers.add(i);
                if (layers.size() >= 3) {
                    candidates.add(new ChainCandidate(pv, layers));
                }
            }
        }
        candidates.sort(Comparator.comparingInt((ChainCandidate c) -> c.deltaLayers().size())
                .thenComparingInt(c -> c.pivot().i() - c.pivot().j()));
        return candidates.size() > 4096 ? candidates.subList(0, 4096) : candidates;
    }

    /**
     * The leading term of {@code L(W + t delta)} for every chain direction of {@link #chainDirection} on pivot
     * {@code (i, j)} (every subset of kept inner layers), by one depth-first sweep over the perturbed layers that
     * shares the matrix-polynomial prefix {@code prod_{h < a} (W_h + t delta_h)} between chains: each chain's
     * coefficients are those of {@link #lossPolynomial} of its direction (rank-one layers multiplied as such), at a
     * fraction of the cost of evaluating each direction on its own (the chain search at a width-64, depth-12
     * non-strict saddle tries 1,024 chains); the chosen chain is re-checked on its own by {@link #finish}. Keyed by the list of perturbed layers;
     * chains without a direction (a missing kernel pair) are absent. {@code null} when {@code Sxx} is singular.
     */
    private static java.util.Map<List<Integer>, Leading> chainPolynomials(Dataset data, Weights w, int r, Pivot pv,
                                                                           double rankTol, boolean global,
                                                                           ChainCache cache) {
        java.util.Map<List<Integer>, Leading> out = new java.util.concurrent.ConcurrentHashMap<>();
        int i = pv.i();
        int j = pv.j();
        DMatrixRMaj[] np = cache.pivotPair(data, w, r, i, j);
        if (np == ChainCache.NONE) {
            return out;
        }
        DMatrixRMaj[] factor = cache.sxxFactor(data);
        if (factor == ChainCache.NONE) {
            return null; // Sxx singular: the caller evaluates each chain on its own
        }
        DMatrixRMaj syxFinvT = factor[1];
        Stacked c = Stacked.start(factor[0]);
        for (int h = 1; h < j; h++) {
            c = c.times(w.layer(h), null, null);
        }
        List<Integer> layers = new ArrayList<>();
        layers.add(j);
        chainSweep(data, w, pv, rankTol, global, cache, np[1], j, np[0], c, layers, syxFinvT, out);
        return out;
    }

    /** Depth-first step of {@link #chainPolynomials}: {@code a} is perturbed (covector {@code covA}), not yet applied. */
    private static void chainSweep(Dataset data, Weights w, Pivot pv, double rankTol, boolean global, ChainCache cache,
                                   DMatrixRMaj zLast, int a, DMatrixRMaj covA, Stacked c, List<Integer> layers,
                                   DMatrixRMaj syxFinvT, java.util.Map<List<Integer>, Leading> out) {
        int i = pv.i();
        int j = pv.j();
        int hc = w.depth();
        if (a == i) {
            Stacked d = c.times(w.layer(i), zLast, covA);
            for (int h = i + 1; h <= hc; h++) {
                d = d.times(w.layer(h), null, null);
            }
            out.put(List.copyOf(layers), Leading.of(d.loss(data, hc, syxFinvT)));
            return;
        }
        // child b (next perturbed layer): W_{b-1:a+1} (W_a + t z_a zeta_a^T) c, with z_a = z of junction (a, b).
        // The matrix part M_b = W_{b-1:a+1} W_a c is shared and extended by one product per b; the rank-one part is
        // (W_{b-1:a+1} z_a)(zeta_a^T c) shifted by one power of t.
        DMatrixRMaj m = new DMatrixRMaj(w.layer(a).numRows, c.m().numCols);
        Gemm.mult(w.layer(a), c.m(), m);
        DMatrixRMaj row = new DMatrixRMaj(1, c.m().numCols);
        Gemm.multTransA(covA, c.m(), row);
        boolean zeroCov = isZero(covA);
        record Child(int b, DMatrixRMaj cov, Stacked d) {
        }
        List<Child> children = new ArrayList<>();
        for (int b = a + 1; b <= i; b++) {
            DMatrixRMaj[] jn = cache.junction(w, a, b, rankTol, global);
            if (jn != ChainCache.NONE) {
                Stacked d;
                if (zeroCov || isZero(jn[0])) {
                    d = new Stacked(m.copy(), c.terms(), c.dx());
                } else {
                    DMatrixRMaj u = jn[0];
                    for (int h = a + 1; h < b; h++) {
                        u = Numerics.mult(w.layer(h), u);
                    }
                    d = Stacked.shiftedSum(m, u, row, c.terms(), c.dx());
                }
                children.add(new Child(b, jn[1], d));
            }
            if (b == i || b - j - 1 >= 12) {
                break; // inner layers beyond the 12th are always perturbed (as in the candidate list): b cannot be kept
            }
            DMatrixRMaj next = new DMatrixRMaj(w.layer(b).numRows, m.numCols);
            Gemm.mult(w.layer(b), m, next);
            m = next;
        }
        // the subtrees are independent and write distinct keys: the top level runs them in parallel (same result)
        (a == j ? children.parallelStream() : children.stream()).forEach(ch -> {
            List<Integer> l = new ArrayList<>(layers);
            l.add(ch.b());
            chainSweep(data, w, pv, rankTol, global, cache, zLast, ch.b(), ch.cov(), ch.d(), l, syxFinvT, out);
        });
    }

    /**
     * What {@link #chainDirection} computes at one junction {@code (a, b)} (the vector {@code z_a} and covector
     * {@code zeta_b}) and per pivot (the top singular pair of {@code N_ij}), and the factor of {@code Sxx} of the
     * sweep: these depend only on the point, so one chain search computes each once however many candidates share it.
     */
    static final class ChainCache {
        // concurrent: the sweep of one pivot runs its top-level subtrees in parallel
        private final java.util.Map<Long, DMatrixRMaj[]> junctions = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, DMatrixRMaj[]> pivotPairs = new java.util.concurrent.ConcurrentHashMap<>();
        private static final DMatrixRMaj[] NONE = new DMatrixRMaj[0];
        private DMatrixRMaj[] sxxFactor; // null until first asked for

        static long key(int a, int b, boolean global) {
            return ((long) a << 33) | ((long) b << 1) | (global ? 1 : 0);
        }

        /** {@code (zeta_{j-1}, z_i)}: the top singular pair of {@code N_ij}; NONE when {@code N_ij = 0}. */
        DMatrixRMaj[] pivotPair(Dataset data, Weights w, int r, int i, int j) {
            return pivotPairs.computeIfAbsent(key(i, j, false), k -> {
                Numerics.Svd ns = Numerics.svd(nMatrix(data, w, r, i, j));
                return ns.top() == 0 ? NONE : new DMatrixRMaj[]{Numerics.column(ns.u(), 0), Numerics.column(ns.v(), 0)};
            });
        }

        DMatrixRMaj[] junction(Weights w, int a, int b, double rankTol, boolean global) {
            return junctions.computeIfAbsent(key(a, b, global), k -> Witnesses.junction(w, a, b, rankTol, global));
        }

        /**
         * {@code (F, Syx F^{-T})} with {@code Sxx = F F^T} (Cholesky; {@code Sxx} is positive definite under
         * assumption H, which every critical point here has), for {@link Stacked#loss}: it depends on the data only,
         * so it is factored once per search, not once per pivot; NONE when {@code Sxx} is singular.
         */
        synchronized DMatrixRMaj[] sxxFactor(Dataset data) {
            if (sxxFactor == null) {
                DMatrixRMaj sxx = data.sxx();
                org.ejml.interfaces.decomposition.CholeskyDecomposition_F64<DMatrixRMaj> chol =
                        org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(sxx.numRows, true);
                if (!chol.decompose(sxx.copy())) {
                    sxxFactor = NONE;
                } else {
                    DMatrixRMaj f = chol.getT(null);
                    DMatrixRMaj syxFinvT = new DMatrixRMaj(data.outputDim(), data.inputDim()); // solve X F^T = Syx
                    DMatrixRMaj tmp = new DMatrixRMaj(data.inputDim(), data.outputDim());
                    CommonOps_DDRM.solve(f, CommonOps_DDRM.transpose(data.syx(), null), tmp); // Z = F^{-1} Syx^T
                    CommonOps_DDRM.transpose(tmp, syxFinvT);
                    sxxFactor = new DMatrixRMaj[]{f, syxFinvT};
                }
            }
            return sxxFactor;
        }
    }

    /**
     * {@code delta_h = z_h zeta_{h-1}^T} on the given layers (first = {@code j}, last = {@code i}); between two
     * adjacent perturbed layers the vertex gets a kernel pair, across a run of kept layers {@code R = W_{b-1:a+1}}
     * the vector is the top right singular vector of {@code R} and the next covector {@code R z / ||R z||^2}. In the
     * {@code global} variant every junction pairs a vector of {@code ker W_{H:a+1}} with a covector of
     * {@code ker W_{b-1:1}^T} through {@code R}.
     */
    static Weights chainDirection(Dataset data, Weights w, int r, Pivot pv, List<Integer> layers, double rankTol,
                                          boolean global, ChainCache cache) {
        int i = pv.i();
        int j = pv.j();
        DMatrixRMaj[] np = cache.pivotPair(data, w, r, i, j);
        if (np == ChainCache.NONE) {
            return null;
        }
        int hc = w.depth();
        DMatrixRMaj[] zOut = new DMatrixRMaj[hc + 1];
        DMatrixRMaj[] covIn = new DMatrixRMaj[hc + 1];
        covIn[j] = np[0];
        zOut[i] = np[1];
        for (int k = 0; k + 1 < layers.size(); k++) {
            int a = layers.get(k);
            int b = layers.get(k + 1);
            DMatrixRMaj[] jn = cache.junction(w, a, b, rankTol, global);
            if (jn == ChainCache.NONE) {
                return null;
            }
            zOut[a] = jn[0];
            covIn[b] = jn[1];
        }
        List<DMatrixRMaj> d = zeros(w);
        for (int h : layers) {
            d.set(h - 1, Numerics.outer(zOut[h], covIn[h]));
        }
        return Weights.of(d);
    }

    /** The pair {@code (z_a, zeta_b)} of one junction of a chain ({@link #chainDirection}); NONE when it does not exist. */
    private static DMatrixRMaj[] junction(Weights w, int a, int b, double rankTol, boolean global) {
        int hc = w.depth();
        DMatrixRMaj zOut;
        DMatrixRMaj covIn;
        if (global) {
            // vectors killed by everything above (W_{H:b} R z = 0), covectors blind to everything below
            // (c^T W_{b-1:1} = 0), paired through the run R = W_{b-1:a+1}
            DMatrixRMaj run = w.product(b - 1, a + 1);
            DMatrixRMaj zs = Numerics.nullSpace(w.product(hc, a + 1), rankTol);
            DMatrixRMaj cs = Numerics.nullSpace(Numerics.transpose(w.product(b - 1, 1)), rankTol);
            if (zs.numCols == 0 || cs.numCols == 0) {
                return ChainCache.NONE;
            }
            Numerics.Svd pair = Numerics.svd(Numerics.mult(Numerics.multTransA(cs, run), zs));
            if (!(pair.top() > 1e-6)) {
                return ChainCache.NONE;
            }
            covIn = Numerics.mult(cs, Numerics.column(pair.u(), 0));
            CommonOps_DDRM.scale(1 / pair.top(), covIn);
            zOut = Numerics.mult(zs, Numerics.column(pair.v(), 0));
            return new DMatrixRMaj[]{zOut, covIn};
        }
        if (b == a + 1) {
            DMatrixRMaj k2 = Numerics.nullSpace(w.layer(a + 1), rankTol);
            DMatrixRMaj k1 = Numerics.nullSpace(Numerics.transpose(w.layer(a)), rankTol);
            if (k1.numCols > 0 && k2.numCols > 0) {
                Numerics.Svd pair = Numerics.svd(Numerics.multTransA(k1, k2));
                if (pair.top() > 1e-6) {
                    covIn = Numerics.mult(k1, Numerics.column(pair.u(), 0));
                    zOut = Numerics.mult(k2, Numerics.column(pair.v(), 0));
                    CommonOps_DDRM.scale(1 / pair.top(), covIn);
                    return new DMatrixRMaj[]{zOut, covIn};
                }
            }
            // relaxed: one of the two conditions only; the exact polynomial decides
            if (k2.numCols > 0) {
                zOut = Numerics.column(k2, 0);
            } else if (k1.numCols > 0) {
                zOut = Numerics.column(k1, 0);
            } else {
                return ChainCache.NONE;
            }
            covIn = zOut.copy();
        } else {
            DMatrixRMaj run = w.product(b - 1, a + 1);
            Numerics.Svd rs = Numerics.svd(run);
            if (!(rs.top() > 0)) {
                return ChainCache.NONE;
            }
            zOut = Numerics.column(rs.v(), 0);
            DMatrixRMaj v = Numerics.mult(run, zOut);
            CommonOps_DDRM.scale(1 / Matrices.dot(v, v), v);
            covIn = v;
        }
        return new DMatrixRMaj[]{zOut, covIn};
    }

    /** {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1}} for {@code S = [[1,r]]}. */
    static DMatrixRMaj nMatrix(Dataset data, Weights w, int r, int i, int j) {
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj uc = Numerics.columns(u, r, u.numCols);
        DMatrixRMaj m = Numerics.multTransB(Numerics.mult(data.sxy(), uc), uc);
        return Numerics.mult(Numerics.mult(w.product(j - 1, 1), m), w.product(w.depth(), i + 1));
    }

    static Witness finish(String kind, Dataset data, Weights w, Weights delta, Pivot pv) {
        double curvature = delta.dot(Loss.of(data).hvp(w, delta));
        double[] poly = lossPolynomial(data, w, delta);
        Leading lead = Leading.of(poly);
        int order = lead.order();
        double leading = lead.leading();
        return new Witness(kind, delta, curvature, order, leading, poly, pv);
    }

    /**
     * Step {@code t} in {@code delta^T Hess delta = 2 t^2 c2 - 4 t s}: {@code min(1, s/c2)}, which gives
     * {@code -2 s^2/c2} or at most {@code -2 s}, both negative, without blowing up when {@code c2} is (nearly) 0.
     */
    private static double step(double s, double c2) {
        return c2 > s ? s / c2 : 1;
    }

    private static double prod(double[] norms, int from, int to) {
        double p = 1;
        for (int h = from; h <= to; h++) {
            p *= norms[h - 1];
        }
        return p;
    }

    private static List<DMatrixRMaj> zeros(Weights w) {
        List<DMatrixRMaj> d = new ArrayList<>();
        for (int h = 1; h <= w.depth(); h++) {
            d.add(new DMatrixRMaj(w.architecture().width(h), w.architecture().width(h - 1)));
        }
        return d;
    }

    private static boolean isZero(DMatrixRMaj m) {
        double[] d = m.data;
        for (int k = 0, n = m.getNumElements(); k < n; k++) {
            if (d[k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double sq(DMatrixRMaj v) {
        return Matrices.dot(v, v);
    }
}
