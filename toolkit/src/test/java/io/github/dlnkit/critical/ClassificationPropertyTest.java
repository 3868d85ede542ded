package io.github.dlnkit.critical;

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
 * Count: {@code -Ddlnkit.property.count=N} (default 300), seed {@code -Ddlnkit.property.seed=S}.
 */
class ClassificationPropertyTest {
    static final double HESS_TOL = 1e-7;

    record Outcome(int cases, int skipped, int mismatches, int invarianceMismatches, int rankMismatches, int strictWithoutWitness,
                   int nonStrictWithWitness, int nonStrict, Map<PointClass, Integer> byClass, List<String> failures) {
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
        while (cases < count) {
            long caseSeed = rng.nextLong();
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
                skipped++;
                continue;
            }
            int rMax = arch.rMax();
            int rank = r.nextInt(rMax + 1);
            int[] s;
            if (r.nextBoolean() || rank == 0) {
                s = CriticalPoints.prefix(rank);
            } else {
                s = randomSubset(r, d[hc], rank);
            }
            CriticalPoints.Builder b = CriticalPoints.builder(data, arch).S(s).verify(false)
                    .changeOfBasis(r.nextLong()).spread(0.6);
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
                skipped++; // unrealizable random pattern: rejected with a reason
                continue;
            }
            cases++;
            Weights w = c.weights();
            if (pattern != null) {
                int[][] want = pattern.ranks(arch, rank);
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
            boolean ok = verdict.pointClass() == c.intended() && Arrays.equals(verdict.S(), s)
                    && (verdict.pointClass() == PointClass.STRICT_SADDLE) == (truth == PointClass.STRICT_SADDLE);
            byClass.merge(c.intended(), 1, Integer::sum);
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
                            + pattern + ": intended " + c.intended() + ", classifier " + verdict.pointClass()
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
        return new Outcome(cases, skipped, mismatches, invariance, rankMismatches, strictNoWitness, nonStrictWitness, nonStrict,
                byClass, failures);
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
        int count = Integer.getInteger("dlnkit.property.count", 300);
        long seed = Long.getLong("dlnkit.property.seed", 20240601L);
        Outcome o = run(count, seed);
        System.out.println("critical property test: " + o.cases() + " cases (" + o.skipped() + " skipped draws), "
                + o.mismatches() + " class mismatches, " + o.invarianceMismatches() + " invariance mismatches, " + o.rankMismatches() + " rank-pattern mismatches, "
                + o.strictWithoutWitness() + " strict saddles without witness, non-strict with descent curve "
                + o.nonStrictWithWitness() + "/" + o.nonStrict() + ", by intended class " + o.byClass());
        o.failures().forEach(System.out::println);
        assertEquals(count, o.cases());
        assertEquals(0, o.mismatches(), String.join("\n", o.failures()));
        assertEquals(0, o.strictWithoutWitness(), String.join("\n", o.failures()));
        assertEquals(0, o.invarianceMismatches(), String.join("\n", o.failures()));
        assertEquals(o.nonStrict(), o.nonStrictWithWitness(), "every non-strict saddle gets a checked descent curve "
                + "(rerun with -Ddlnkit.property.verbose=true to list the others)");
        assertEquals(0, o.rankMismatches());
        assertTrue(o.byClass().size() == 3, "all three classes occur: " + o.byClass());
    }
}
