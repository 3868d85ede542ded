package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.github.dlnkit.critical.Witnesses.finish;
import static io.github.dlnkit.critical.Witnesses.isZero;
import static io.github.dlnkit.critical.Witnesses.nMatrix;
import static io.github.dlnkit.critical.Witnesses.zeros;

/**
 * Higher-order descent curves for non-strict saddles ({@code achour2024.md} section 10.4): the chain search along a
 * pivot, with its candidate list, the shared sweep of loss polynomials and the cache of junction vectors.
 */
final class ChainWitness {
    /** Inner layers beyond this many (counted from {@code j+1}) are always perturbed: at most {@code 2^12} subsets. */
    static final int MAX_KEPT_INNER_LAYERS = 12;
    /** At most this many chains are tried. */
    static final int MAX_CANDIDATES = 4096;
    /** A kernel pairing {@code zeta^T z} below this is treated as missing. */
    static final double PAIRING_FLOOR = 1e-6;

    private ChainWitness() {
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
    static Optional<Witness> of(Dataset data, Weights w, int r, List<Pivot> pivots, double rankTol) {
        ChainCache cache = new ChainCache();
        java.util.Map<Long, java.util.Map<List<Integer>, LossPolynomial.Leading>> tables = new java.util.HashMap<>();
        for (ChainCandidate c : chainCandidates(pivots)) {
            for (boolean global : new boolean[]{false, true}) {
                // the leading term of L(W + t delta) of every chain on this pivot, in one shared sweep (absent: no direction)
                long key = ChainCache.key(c.pivot().i(), c.pivot().j(), global);
                if (!tables.containsKey(key)) {
                    tables.put(key, chainPolynomials(data, w, r, c.pivot(), rankTol, global, cache));
                }
                java.util.Map<List<Integer>, LossPolynomial.Leading> table = tables.get(key);
                if (table != null) {
                    LossPolynomial.Leading lead = table.get(c.deltaLayers());
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

    /** One chain of {@link #of}: a pivot and the layers it perturbs (first {@code j}, last {@code i}). */
    record ChainCandidate(Pivot pivot, List<Integer> deltaLayers) {
    }

    /**
     * The chains {@link #of} tries, in order: for each pivot with {@code i >= j+2}, every subset of kept inner
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
            for (int mask = 0; mask < (1 << Math.min(inner, MAX_KEPT_INNER_LAYERS)); mask++) {
                List<Integer> layers = new ArrayList<>();
                layers.add(j);
                for (int h = j + 1; h < i; h++) {
                    if (h - j - 1 >= MAX_KEPT_INNER_LAYERS || (mask & (1 << (h - j - 1))) == 0) {
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
        return candidates.size() > MAX_CANDIDATES ? candidates.subList(0, MAX_CANDIDATES) : candidates;
    }

    /**
     * The leading term of {@code L(W + t delta)} for every chain direction of {@link #chainDirection} on pivot
     * {@code (i, j)} (every subset of kept inner layers), by one depth-first sweep over the perturbed layers that
     * shares the matrix-polynomial prefix {@code prod_{h < a} (W_h + t delta_h)} between chains: each chain's
     * coefficients are those of {@link LossPolynomial#of} of its direction (rank-one layers multiplied as such), at a
     * fraction of the cost of evaluating each direction on its own (the chain search at a width-64, depth-12
     * non-strict saddle tries 1,024 chains); the chosen chain is re-checked on its own by {@link #finish}. Keyed by the list of perturbed layers;
     * chains without a direction (a missing kernel pair) are absent. {@code null} when {@code Sxx} is singular.
     */
    private static java.util.Map<List<Integer>, LossPolynomial.Leading> chainPolynomials(Dataset data, Weights w, int r, Pivot pv,
                                                                           double rankTol, boolean global,
                                                                           ChainCache cache) {
        java.util.Map<List<Integer>, LossPolynomial.Leading> out = new java.util.concurrent.ConcurrentHashMap<>();
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
        LossPolynomial.Stacked c = LossPolynomial.Stacked.start(factor[0]);
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
                                   DMatrixRMaj zLast, int a, DMatrixRMaj covA, LossPolynomial.Stacked c, List<Integer> layers,
                                   DMatrixRMaj syxFinvT, java.util.Map<List<Integer>, LossPolynomial.Leading> out) {
        int i = pv.i();
        int j = pv.j();
        int hc = w.depth();
        if (a == i) {
            LossPolynomial.Stacked d = c.times(w.layer(i), zLast, covA);
            for (int h = i + 1; h <= hc; h++) {
                d = d.times(w.layer(h), null, null);
            }
            out.put(List.copyOf(layers), LossPolynomial.Leading.of(d.loss(data, hc, syxFinvT)));
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
        record Child(int b, DMatrixRMaj cov, LossPolynomial.Stacked d) {
        }
        List<Child> children = new ArrayList<>();
        for (int b = a + 1; b <= i; b++) {
            DMatrixRMaj[] jn = cache.junction(w, a, b, rankTol, global);
            if (jn != ChainCache.NONE) {
                LossPolynomial.Stacked d;
                if (zeroCov || isZero(jn[0])) {
                    d = new LossPolynomial.Stacked(m.copy(), c.terms(), c.dx());
                } else {
                    DMatrixRMaj u = jn[0];
                    for (int h = a + 1; h < b; h++) {
                        u = MatrixOps.mult(w.layer(h), u);
                    }
                    d = LossPolynomial.Stacked.shiftedSum(m, u, row, c.terms(), c.dx());
                }
                children.add(new Child(b, jn[1], d));
            }
            if (b == i || b - j - 1 >= MAX_KEPT_INNER_LAYERS) {
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
                SingularOps.Svd ns = SingularOps.svd(nMatrix(data, w, r, i, j));
                return ns.top() == 0 ? NONE : new DMatrixRMaj[]{MatrixOps.column(ns.u(), 0), MatrixOps.column(ns.v(), 0)};
            });
        }

        DMatrixRMaj[] junction(Weights w, int a, int b, double rankTol, boolean global) {
            return junctions.computeIfAbsent(key(a, b, global), k -> ChainWitness.junction(w, a, b, rankTol, global));
        }

        /**
         * {@code (F, Syx F^{-T})} with {@code Sxx = F F^T} (Cholesky; {@code Sxx} is positive definite under
         * assumption H, which every critical point here has), for {@link LossPolynomial.Stacked#loss}: it depends on the data only,
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
            d.set(h - 1, MatrixOps.multTransB(zOut[h], covIn[h]));
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
            DMatrixRMaj zs = SingularOps.nullSpace(w.product(hc, a + 1), rankTol);
            DMatrixRMaj cs = SingularOps.nullSpace(MatrixOps.transpose(w.product(b - 1, 1)), rankTol);
            if (zs.numCols == 0 || cs.numCols == 0) {
                return ChainCache.NONE;
            }
            SingularOps.Svd pair = SingularOps.svd(MatrixOps.mult(MatrixOps.multTransA(cs, run), zs));
            if (!(pair.top() > PAIRING_FLOOR)) {
                return ChainCache.NONE;
            }
            covIn = MatrixOps.mult(cs, MatrixOps.column(pair.u(), 0));
            CommonOps_DDRM.scale(1 / pair.top(), covIn);
            zOut = MatrixOps.mult(zs, MatrixOps.column(pair.v(), 0));
            return new DMatrixRMaj[]{zOut, covIn};
        }
        if (b == a + 1) {
            DMatrixRMaj k2 = SingularOps.nullSpace(w.layer(a + 1), rankTol);
            DMatrixRMaj k1 = SingularOps.nullSpace(MatrixOps.transpose(w.layer(a)), rankTol);
            if (k1.numCols > 0 && k2.numCols > 0) {
                SingularOps.Svd pair = SingularOps.svd(MatrixOps.multTransA(k1, k2));
                if (pair.top() > PAIRING_FLOOR) {
                    covIn = MatrixOps.mult(k1, MatrixOps.column(pair.u(), 0));
                    zOut = MatrixOps.mult(k2, MatrixOps.column(pair.v(), 0));
                    CommonOps_DDRM.scale(1 / pair.top(), covIn);
                    return new DMatrixRMaj[]{zOut, covIn};
                }
            }
            // relaxed: one of the two conditions only; the exact polynomial decides
            if (k2.numCols > 0) {
                zOut = MatrixOps.column(k2, 0);
            } else if (k1.numCols > 0) {
                zOut = MatrixOps.column(k1, 0);
            } else {
                return ChainCache.NONE;
            }
            covIn = zOut.copy();
        } else {
            DMatrixRMaj run = w.product(b - 1, a + 1);
            SingularOps.Svd rs = SingularOps.svd(run);
            if (!(rs.top() > 0)) {
                return ChainCache.NONE;
            }
            zOut = MatrixOps.column(rs.v(), 0);
            DMatrixRMaj v = MatrixOps.mult(run, zOut);
            CommonOps_DDRM.scale(1 / MatrixOps.dot(v, v), v);
            covIn = v;
        }
        return new DMatrixRMaj[]{zOut, covIn};
    }

}
