package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded property test over random constructed critical points (widths up to 6, {@code H} from 2 to 6, random
 * {@code S}, random rank patterns, random hidden changes of basis): the constructor's intended class, the
 * classifier's verdict and the Hessian ground truth (dense eigenvalues: strict iff
 * {@code lambda_min < -1e-7 lambda_1}) must agree, with 0 mismatches; the verdict, {@code S} and the pivots must
 * not change under a further hidden change of basis; witnesses are checked too.
 * Every case is also classified in transformed copies ({@link #copies}) that must get the same class, {@code S} and
 * pivots. Count: {@code -Ddlnkit.property.count=N} (default 400, about 30 s; {@code -Ddlnkit.longProperty=true}:
 * 10,000), seed {@code -Ddlnkit.property.seed=S}. Extreme copies (cond 1e6) may change their verdict only with a
 * {@code FRAGILE} flag and a reason. Long run (seed 20240601, 10,000 cases, 31 s on an idle machine): 0 class
 * mismatches, 0 changed verdicts over the asserted copies, 0 fragile originals, fragile copies all 18, basis 16,
 * intervals 13, data 1, layers 0; extreme copies: 28 changed verdicts, all 28 flagged fragile (280 fragile in all).
 */
class ClassificationPropertyTest {
    static final double HESS_TOL = 1e-7;

    record Outcome(int cases, int skipped, int mismatches, Map<String, Integer> copyMismatches, int fragile,
                   Map<String, Integer> copyFragile, int invarianceMismatches, int rankMismatches, int strictWithoutWitness,
                   int nonStrictWithWitness, int nonStrict, Map<PointClass, Integer> byClass, List<String> failures) {
    }

    /** One random constructed point: {@code base} before any change of basis, {@code w} after a mild one. */
    record Case(long seed, Architecture arch, Dataset data, int[] s, RankPattern pattern, PointClass intended,
                Weights base, Weights w) {
    }

    /** The case of {@code caseSeed}, or empty when the draw is skipped (assumption H too weak, unrealizable pattern). */
    static java.util.Optional<Case> build(long caseSeed) {
        Random r = new Random(caseSeed);
        int hc = 2 + r.nextInt(5);
        int[] d = new int[hc + 1];
        for (int h = 0; h <= hc; h++) {
            d[h] = 1 + r.nextInt(6);
        }
        if (d[0] < d[hc]) {
            int t = d[0];
            d[0] = d[hc];
            d[hc] = t;
        }
        Architecture arch = Architecture.of(d);
        Dataset data = Datasets.gaussian(d[0], d[hc], d[0] + 3, r.nextLong());
        if (!(data.assumptionH().holds() && data.assumptionH().minRelativeGap() > 1e-3
                && data.assumptionH().sigmaMinRatio() > 1e-4)) {
            return java.util.Optional.empty();
        }
        int rMax = arch.rMax();
        int rank = r.nextInt(rMax + 1);
        int[] s;
        if (r.nextBoolean() || rank == 0) {
            s = CriticalPoints.prefix(rank);
        } else {
            s = randomSubset(r, d[hc], rank);
        }
        long basisSeed = r.nextLong();
        CriticalPoints.Builder b = CriticalPoints.builder(data, arch).S(s).verify(false);
        RankPattern pattern = null;
        if (r.nextBoolean() && hc >= 2) {
            pattern = randomPattern(r, arch, data, rank);
            b.rankPattern(pattern).vectorSeed(r.nextLong());
        } else {
            java.util.Set<PointClass> possible = CriticalValues.possibleClasses(s, arch);
            PointClass[] opts = possible.toArray(new PointClass[0]);
            Arrays.sort(opts);
            b.pointClass(opts[r.nextInt(opts.length)]);
        }
        CriticalPoints.Constructed c;
        try {
            c = b.construct();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // unrealizable random pattern: rejected with a reason
        }
        Weights base = c.weights();
        Weights w = hc >= 2 ? base.randomChangeOfBasis(0.6, basisSeed) : base;
        return java.util.Optional.of(new Case(caseSeed, arch, data, s, pattern, c.intended(), base, w));
    }

    static Outcome run(int count, long seed) {
        Random rng = new Random(seed);
        int cases = 0;
        int skipped = 0;
        int mismatches = 0;
        int invariance = 0;
        int rankMismatches = 0;
        int strictNoWitness = 0;
        int nonStrictWitness = 0;
        int nonStrict = 0;
        Map<PointClass, Integer> byClass = new EnumMap<>(PointClass.class);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> copyMismatches = new java.util.TreeMap<>();
        Map<String, Integer> copyFragile = new java.util.TreeMap<>();
        int fragile = 0;
        while (cases < count) {
            long caseSeed = rng.nextLong();
            java.util.Optional<Case> built = build(caseSeed);
            if (built.isEmpty()) {
                skipped++;
                continue;
            }
            Case k = built.get();
            Dataset data = k.data();
            Architecture arch = k.arch();
            int[] s = k.s();
            RankPattern pattern = k.pattern();
            cases++;
            Weights w = k.w();
            if (pattern != null) {
                int[][] want = pattern.ranks(arch, s.length);
                int[][] got = RankPattern.measureRanks(w, 1e-9);
                if (!Arrays.deepEquals(want, got)) {
                    rankMismatches++;
                    if (failures.size() < 10) {
                        failures.add("rank pattern not realized: case seed " + caseSeed + " widths " + arch + " S="
                                + Arrays.toString(s) + " pattern " + pattern + " want " + Arrays.deepToString(want)
                                + " got " + Arrays.deepToString(got));
                    }
                }
            }
            Classification verdict = Classifier.classify(data, w);
            double min = HessianSpectrum.eigenvalues(data, w)[0];
            double thr = HESS_TOL * data.eigenvalue(1);
            PointClass truth = min < -thr ? PointClass.STRICT_SADDLE : null;
            boolean ok = verdict.pointClass() == k.intended() && Arrays.equals(verdict.S(), s)
                    && (verdict.pointClass() == PointClass.STRICT_SADDLE) == (truth == PointClass.STRICT_SADDLE);
            byClass.merge(k.intended(), 1, Integer::sum);
            fragile += verdict.confidence() == Confidence.FRAGILE ? 1 : 0;
            for (Copy copy : copies(k)) {
                copyMismatches.merge(copy.name(), 0, Integer::sum);
                if (copy.name().equals("extreme")) {
                    copyMismatches.merge("extreme-unflagged", 0, Integer::sum);
                }
                copyFragile.merge(copy.name(), 0, Integer::sum);
                Classification c = Classifier.classify(copy.data(), copy.w(), Classifier.Options.builder().witness(false).build());
                if (c.confidence() == Confidence.FRAGILE) {
                    copyFragile.merge(copy.name(), 1, Integer::sum);
                }
                if (c.pointClass() != k.intended() || !Arrays.equals(c.S(), s) || !pivotKeys(c).equals(pivotKeys(verdict))) {
                    copyMismatches.merge(copy.name(), 1, Integer::sum);
                    if (copy.name().equals("extreme")) {
                        boolean flagged = c.confidence() == Confidence.FRAGILE && !c.fragile().isEmpty();
                        copyMismatches.merge(flagged ? "extreme-flagged" : "extreme-unflagged", 1, Integer::sum);
                        if (!flagged && failures.size() < 10) {
                            failures.add("extreme copy changed its verdict without a FRAGILE flag: case seed "
                                    + caseSeed + " widths " + arch + " S=" + Arrays.toString(s) + ": intended "
                                    + k.intended() + ", copy " + c.pointClass() + " " + c.pivots() + " vs "
                                    + verdict.pivots() + " (" + c.reason() + ")");
                        }
                    }
                    if (failures.size() < 10 && !copy.name().equals("extreme")) {
                        failures.add(copy.name() + " copy: case seed " + caseSeed + " widths " + arch + " S="
                                + Arrays.toString(s) + " pattern " + pattern + ": intended " + k.intended() + ", copy "
                                + c.pointClass() + " " + c.pivots() + " vs " + verdict.pivots() + " (" + c.reason() + "; "
                                + c.fragile() + ")");
                    }
                }
            }
            // invariance: a further hidden change of basis leaves class, S and the pivots (with tightening) unchanged
            Classification moved = Classifier.classify(data, w.randomChangeOfBasis(0.6, caseSeed ^ 0x5DEECE66DL),
                    Classifier.Options.builder().witness(false).build());
            if (moved.pointClass() != verdict.pointClass() || !Arrays.equals(moved.S(), verdict.S())
                    || !pivotKeys(moved).equals(pivotKeys(verdict))) {
                invariance++;
                if (failures.size() < 10) {
                    failures.add("not invariant: case seed " + caseSeed + " " + verdict.pivots() + " vs " + moved.pivots());
                }
            }
            if (!ok) {
                mismatches++;
                if (failures.size() < 10) {
                    failures.add("case seed " + caseSeed + " widths " + arch + " S=" + Arrays.toString(s) + " pattern "
                            + pattern + ": intended " + k.intended() + ", classifier " + verdict.pointClass()
                            + " (" + verdict.reason() + "), Hessian min " + min);
                }
            }
            if (verdict.pointClass() == PointClass.STRICT_SADDLE) {
                boolean good = verdict.witness().map(x -> x.curvature() < -1e-12 * data.eigenvalue(1)).orElse(false);
                if (!good) {
                    strictNoWitness++;
                    if (failures.size() < 10) {
                        failures.add("no strict witness: case seed " + caseSeed + " " + verdict.reason());
                    }
                }
            }
            if (verdict.pointClass() == PointClass.NON_STRICT_SADDLE) {
                nonStrict++;
                if (verdict.witness().map(x -> x.leading() < 0 && x.order() >= 3).orElse(false)) {
                    nonStrictWitness++;
                } else if (Boolean.getBoolean("dlnkit.property.verbose")) {
                    System.out.println("non-strict without descent curve: widths " + arch + " S=" + Arrays.toString(s)
                            + " pattern " + pattern + " pivots " + verdict.pivots() + " ranks "
                            + Arrays.deepToString(RankPattern.measureRanks(w, 1e-9)));
                }
            }
        }
        return new Outcome(cases, skipped, mismatches, copyMismatches, fragile, copyFragile, invariance, rankMismatches, strictNoWitness, nonStrictWitness, nonStrict,
                byClass, failures);
    }

    /** A transformed copy of a case: the same critical point of the same landscape, written differently. */
    record Copy(String name, Dataset data, Weights w) {
    }

    /** Largest scale factor of the data copies ({@code X, Y} scaled by {@code 10^[-6,6]}). */
    static final double DATA_SCALE = 1e6;
    /**
     * Largest condition number of the hidden bases and of the interval unbalance of the copies whose verdict must not
     * change: a layer {@code G_h W_h G_{h-1}^{-1}} then has condition up to {@code 1e8}, leaving 8 decades between
     * its smallest genuine singular value and double precision's rounding.
     */
    static final double CONDITION = 1e4;
    /**
     * Condition number of the "extreme" copy ({@code G_h} up to {@code 1e6}, layers up to {@code 1e12}): its verdicts
     * are counted and reported (a change there is at the edge of double precision) but not asserted.
     */
    static final double EXTREME_CONDITION = 1e6;

    /**
     * The theory's symmetries applied to a case (seeded by the case): (1) hidden bases {@code G_h} with condition
     * numbers up to {@link #CONDITION}; (2) unbalanced interval vectors: diagonal {@code G_h} (the construction's
     * interval basis) with entries in {@code [1e-3, 1e3]}, then an orthogonal change; (3) layers rescaled
     * {@code W_h -> c_h W_h}, {@code c_h in [1e-3, 1e3]}, {@code prod c_h = 1}; (4) data {@code X -> aX},
     * {@code Y -> bY} with {@code a, b in [1e-6, 1e6]} and the point {@code W_1 / a}, {@code b W_H}; (5) all of these.
     */
    static List<Copy> copies(Case k) {
        Random r = new Random(k.seed() ^ 0x9E3779B97F4A7C15L);
        int hc = k.arch().depth();
        double spread = 0.5 * Math.log(CONDITION);
        List<Copy> out = new ArrayList<>();
        Weights basis = hc >= 2 ? changeOfBasis(k.base(), spread, true, r) : k.base();
        out.add(new Copy("basis", k.data(), basis));
        if (hc >= 2) {
            out.add(new Copy("intervals", k.data(), changeOfBasis(changeOfBasis(k.base(), spread, false, r), 0, true, r)));
        }
        out.add(new Copy("layers", k.data(), rescaleLayers(k.w(), r)));
        double a = Math.pow(10, Math.log10(DATA_SCALE) * (2 * r.nextDouble() - 1));
        double b = Math.pow(10, Math.log10(DATA_SCALE) * (2 * r.nextDouble() - 1));
        out.add(new Copy("data", scaleData(k.data(), a, b), scalePoint(k.w(), a, b)));
        out.add(new Copy("all", scaleData(k.data(), a, b), scalePoint(rescaleLayers(basis, r), a, b)));
        if (hc >= 2) {
            out.add(new Copy("extreme", k.data(), changeOfBasis(k.base(), 0.5 * Math.log(EXTREME_CONDITION), true, r)));
        }
        return out;
    }

    /**
     * {@code W_h -> G_h W_h G_{h-1}^{-1}} with {@code G_h = Q_h diag(e^u) R_h} ({@code u} uniform in
     * {@code [-spread, spread]}, so {@code cond G_h <= e^{2 spread}}; {@code Q, R} Haar orthogonal, or identities when
     * {@code rotate} is false: then {@code G_h} is diagonal, which unbalances the construction's interval vectors). The
     * inverse is formed from the factors ({@code R^T diag(e^-u) Q^T}), not by inverting {@code G_h}, so the copy carries
     * rounding of order {@code eps cond G_h}, not {@code eps cond^2}.
     */
    static Weights changeOfBasis(Weights w, double spread, boolean rotate, Random r) {
        int hc = w.depth();
        org.ejml.data.DMatrixRMaj[] g = new org.ejml.data.DMatrixRMaj[hc + 1];
        org.ejml.data.DMatrixRMaj[] gi = new org.ejml.data.DMatrixRMaj[hc + 1];
        for (int h = 1; h < hc; h++) {
            int d = w.architecture().width(h);
            double[] e = new double[d];
            double[] ei = new double[d];
            for (int t = 0; t < d; t++) {
                double u = spread * (2 * r.nextDouble() - 1);
                e[t] = Math.exp(u);
                ei[t] = Math.exp(-u);
            }
            org.ejml.data.DMatrixRMaj q = rotate ? RandomMatrices.orthonormal(d, d, r)
                    : org.ejml.dense.row.CommonOps_DDRM.identity(d);
            org.ejml.data.DMatrixRMaj rr = rotate ? RandomMatrices.orthonormal(d, d, r)
                    : org.ejml.dense.row.CommonOps_DDRM.identity(d);
            g[h] = mult(mult(q, MatrixOps.diag(e)), rr);
            gi[h] = mult(mult(org.ejml.dense.row.CommonOps_DDRM.transpose(rr, null),
                    MatrixOps.diag(ei)), org.ejml.dense.row.CommonOps_DDRM.transpose(q, null));
        }
        List<org.ejml.data.DMatrixRMaj> layers = new ArrayList<>();
        for (int h = 1; h <= hc; h++) {
            org.ejml.data.DMatrixRMaj m = w.layer(h);
            if (h < hc) {
                m = mult(g[h], m);
            }
            if (h > 1) {
                m = mult(m, gi[h - 1]);
            }
            layers.add(m);
        }
        return Weights.of(layers);
    }

    static org.ejml.data.DMatrixRMaj mult(org.ejml.data.DMatrixRMaj a, org.ejml.data.DMatrixRMaj b) {
        return MatrixOps.mult(a, b);
    }

    static Weights rescaleLayers(Weights w, Random r) {
        int hc = w.depth();
        List<org.ejml.data.DMatrixRMaj> layers = new ArrayList<>();
        double prod = 1;
        for (int h = 1; h <= hc; h++) {
            double c = h < hc ? Math.pow(10, 3 * (2 * r.nextDouble() - 1)) : 1 / prod;
            prod *= c;
            org.ejml.data.DMatrixRMaj m = w.layer(h).copy();
            org.ejml.dense.row.CommonOps_DDRM.scale(c, m);
            layers.add(m);
        }
        return Weights.of(layers);
    }

    /** Moments of {@code (aX, bY)}. */
    static Dataset scaleData(Dataset d, double a, double b) {
        return Dataset.fromMoments(times(d.sxx(), a * a), times(d.syx(), a * b), times(d.syy(), b * b));
    }

    /** The same critical point for data {@code (aX, bY)}: {@code W_1 / a} and {@code b W_H}. */
    static Weights scalePoint(Weights w, double a, double b) {
        int hc = w.depth();
        List<org.ejml.data.DMatrixRMaj> layers = new ArrayList<>();
        for (int h = 1; h <= hc; h++) {
            double c = (h == 1 ? 1 / a : 1) * (h == hc ? b : 1);
            layers.add(times(w.layer(h), c));
        }
        return Weights.of(layers);
    }

    static org.ejml.data.DMatrixRMaj times(org.ejml.data.DMatrixRMaj m, double c) {
        org.ejml.data.DMatrixRMaj out = m.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(c, out);
        return out;
    }

    static java.util.Set<String> pivotKeys(Classification c) {
        java.util.Set<String> k = new java.util.HashSet<>();
        c.pivots().forEach(p -> k.add(p.i() + "," + p.j() + "," + p.tightened()));
        return k;
    }

    static int[] randomSubset(Random r, int n, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, r);
        int[] s = idx.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(s);
        return s;
    }

    /** Random extra intervals respecting capacity and the simple realizability rules of section 11. */
    static RankPattern randomPattern(Random r, Architecture arch, Dataset data, int rank) {
        int hc = arch.depth();
        int[] alive = new int[hc + 1];
        Arrays.fill(alive, rank);
        int tops = 0;
        int lastBottoms = 0;
        List<RankPattern.Interval> out = new ArrayList<>();
        int tries = r.nextInt(2 * hc + 1);
        for (int t = 0; t < tries; t++) {
            int a = r.nextInt(hc + 1);
            int b = r.nextInt(hc + 1);
            if (a > b) {
                int x = a;
                a = b;
                b = x;
            }
            if (a == b || (a == 0 && b == hc) || (a == 1 && b == hc)) {
                continue;
            }
            boolean fits = true;
            for (int h = a; h <= b; h++) {
                fits &= alive[h] < arch.width(h);
            }
            if (b == hc && tops + 1 > data.outputDim() - rank) {
                fits = false;
            }
            if (a == 0 && b == hc - 1 && lastBottoms + 1 > data.inputDim() - data.outputDim()) {
                fits = false;
            }
            if (!fits) {
                continue;
            }
            for (int h = a; h <= b; h++) {
                alive[h]++;
            }
            tops += b == hc ? 1 : 0;
            lastBottoms += (a == 0 && b == hc - 1) ? 1 : 0;
            out.add(new RankPattern.Interval(a, b));
        }
        return RankPattern.ofIntervals(hc, out);
    }

    @Test
    void intendedClassEqualsClassifierEqualsHessian() {
        boolean longRun = Boolean.getBoolean("dlnkit.longProperty");
        int count = Integer.getInteger("dlnkit.property.count", longRun ? 10_000 : 400);
        long seed = Long.getLong("dlnkit.property.seed", 20240601L);
        long t0 = System.nanoTime();
        Outcome o = run(count, seed);
        System.out.printf(java.util.Locale.ROOT, "critical property test: %d cases (%d skipped draws, %.1f s), %d class "
                        + "mismatches, copy mismatches %s, fragile verdicts %d (copies %s), %d invariance mismatches, "
                        + "%d rank-pattern mismatches, %d strict saddles without witness, non-strict with descent curve "
                        + "%d/%d, by intended class %s%n", o.cases(), o.skipped(), (System.nanoTime() - t0) / 1e9,
                o.mismatches(), o.copyMismatches(), o.fragile(), o.copyFragile(), o.invarianceMismatches(),
                o.rankMismatches(), o.strictWithoutWitness(), o.nonStrictWithWitness(), o.nonStrict(), o.byClass());
        o.failures().forEach(System.out::println);
        assertEquals(count, o.cases());
        assertEquals(0, o.mismatches(), String.join("\n", o.failures()));
        assertEquals(0, o.copyMismatches().entrySet().stream().filter(e -> !e.getKey().startsWith("extreme"))
                .mapToInt(Map.Entry::getValue).sum(), String.join("\n", o.failures()));
        assertEquals(0, o.copyMismatches().getOrDefault("extreme-unflagged", 0), "every changed verdict of an extreme "
                + "copy is flagged FRAGILE with a reason\n" + String.join("\n", o.failures()));
        assertEquals(0, o.strictWithoutWitness(), String.join("\n", o.failures()));
        assertEquals(0, o.invarianceMismatches(), String.join("\n", o.failures()));
        assertEquals(o.nonStrict(), o.nonStrictWithWitness(), "every non-strict saddle gets a checked descent curve "
                + "(rerun with -Ddlnkit.property.verbose=true to list the others)");
        assertEquals(0, o.rankMismatches());
        assertTrue(o.byClass().size() == 3, "all three classes occur: " + o.byClass());
    }
}
