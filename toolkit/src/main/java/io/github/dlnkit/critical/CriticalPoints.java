package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Constructors of critical points with a prescribed {@code S} and class ({@code achour2024.md} sections 8 and 11).
 * The ready-made recipes use the block form, with {@code K_S = U_S^T Syx Sxx^{-1}}:
 * {@code W_1 = [K_S; 0]}, hidden-to-hidden {@code W_h = diag(I_r, 0)} (non-strict, global) or the full-rank
 * {@code [[I,0],[0,0]]} (strict, tight but not tightened), {@code W_H = [U_S, 0]}; then
 * {@code W_{H:1} = U_S U_S^T Syx Sxx^{-1}} and condition (b) of section 5 holds. Interval constructions for a
 * prescribed rank pattern are in {@link RankPattern}. Every point is re-checked by {@link Classifier} (gradient
 * zero, {@code S}, class) before it is returned, unless {@link Builder#verify(boolean)} turns that off.
 */
public final class CriticalPoints {
    private CriticalPoints() {
    }

    /** A global minimizer ({@code S = [[1, r_max]]}), block form. */
    public static Weights globalMinimizer(Dataset data, Architecture arch) {
        return builder(data, arch).pointClass(PointClass.GLOBAL_MIN).build();
    }

    /** A non-strict saddle with {@code S = [[1, r]]}, {@code 0 <= r < r_max}; needs {@code H >= 3}. */
    public static Weights nonStrictSaddle(Dataset data, Architecture arch, int r) {
        return builder(data, arch).S(prefix(r)).pointClass(PointClass.NON_STRICT_SADDLE).build();
    }

    /** A strict saddle with the tight {@code S = [[1, r]]} ({@code r < r_max}) whose pivot {@code (H,1)} is not tightened. */
    public static Weights strictSaddle(Dataset data, Architecture arch, int r) {
        return builder(data, arch).S(prefix(r)).pointClass(PointClass.STRICT_SADDLE).build();
    }

    /** A critical point associated with {@code S} (1-based) of the wanted class, block form. */
    public static Weights withS(Dataset data, Architecture arch, int[] s1based, PointClass wanted) {
        return builder(data, arch).S(s1based).pointClass(wanted).build();
    }

    /** Default conditioning of a random hidden change of basis: {@code cond(G_h) <= e^{2 spread}}. */
    public static final double DEFAULT_SPREAD = 0.5;

    /** Fluent construction: {@code S}, class, rank pattern, random hidden change of basis, verification. */
    public static Builder builder(Dataset data, Architecture arch) {
        return new Builder(data, arch);
    }

    static int[] prefix(int r) {
        if (r < 0) {
            throw new IllegalArgumentException("rank r must be >= 0, got " + r);
        }
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    /**
     * A constructed point with what it was built to be.
     *
     * @param weights  the point
     * @param intended the class the construction aims at (for rank patterns: read off the intervals, section 11)
     * @param S        1-based learned eigen-directions
     * @param recipe   how it was built
     */
    public record Constructed(Weights weights, PointClass intended, int[] S, String recipe) {
        public Constructed {
            S = S.clone();
        }

        @Override
        public int[] S() {
            return S.clone();
        }
    }

    /** Builder of {@link CriticalPoints}. */
    public static final class Builder {
        private final Dataset data;
        private final Architecture arch;
        private int[] s;
        private PointClass wanted;
        private RankPattern pattern;
        private Long seed;
        private double spread = DEFAULT_SPREAD;
        private boolean verify = true;
        private long vectorSeed = 1;

        private Builder(Dataset data, Architecture arch) {
            CriticalValues.requireMatching(data, arch);
            data.requireAssumptionH();
            this.data = data;
            this.arch = arch;
        }

        /** The learned eigen-directions, 1-based (default: {@code [[1, r_max]]} for a global minimizer, else required). */
        public Builder S(int... s1based) {
            int[] c = s1based.clone();
            Arrays.sort(c);
            int dy = data.outputDim();
            for (int k = 0; k < c.length; k++) {
                if (c[k] < 1 || c[k] > dy) {
                    throw new IllegalArgumentException("S contains " + c[k] + ", expected indices in 1.." + dy + " (d_y)");
                }
                if (k > 0 && c[k] == c[k - 1]) {
                    throw new IllegalArgumentException("S contains " + c[k] + " twice");
                }
            }
            if (c.length > arch.rMax()) {
                throw new IllegalArgumentException("|S| = " + c.length + " exceeds r_max = " + arch.rMax()
                        + " for widths " + arch + ": no critical point has rk W_{H:1} > r_max");
            }
            this.s = c;
            return this;
        }

        /** The wanted class (default: what {@code S} allows, non-strict preferred for a prefix with {@code r < r_max}). */
        public Builder pointClass(PointClass c) {
            if (c == PointClass.NOT_CRITICAL) {
                throw new IllegalArgumentException("constructors build critical points; NOT_CRITICAL cannot be asked for");
            }
            this.wanted = c;
            return this;
        }

        /** Build from interval multiplicities / a rank pattern (section 11) instead of the block form. */
        public Builder rankPattern(RankPattern p) {
            this.pattern = p;
            return this;
        }

        /** Apply a random well-conditioned hidden change of basis (seeded), so the point is not block-diagonal. */
        public Builder changeOfBasis(long seed) {
            this.seed = seed;
            return this;
        }

        /** Conditioning of the change of basis: {@code cond(G_h) <= e^{2 spread}} (default 0.5). */
        public Builder spread(double spread) {
            this.spread = Checks.nonNegative("spread", spread);
            return this;
        }

        /** Seed of the generic vectors of a rank-pattern construction (default 1). */
        public Builder vectorSeed(long seed) {
            this.vectorSeed = seed;
            return this;
        }

        /** Re-check the point with {@link Classifier} (default on; turn off only to test the classifier itself). */
        public Builder verify(boolean on) {
            this.verify = on;
            return this;
        }

        /** Builds, re-checks and returns the point; throws with the reason when the request is impossible. */
        public Weights build() {
            return construct().weights();
        }

        /** As {@link #build()}, with the intended class, {@code S} and the recipe used. */
        public Constructed construct() {
            int rMax = arch.rMax();
            int hc = arch.depth();
            int[] sv = s;
            if (sv == null) {
                if (wanted == null || wanted == PointClass.GLOBAL_MIN) {
                    sv = prefix(rMax);
                } else {
                    throw new IllegalArgumentException("give S (or a rank r) for a " + wanted + "; only a global "
                            + "minimizer has a default S = [[1, r_max]]");
                }
            }
            if (pattern != null) {
                pattern.requireCompatible(data, arch, sv);
            }
            PointClass target = wanted == null ? defaultClass(sv) : wanted;
            requirePossible(sv, target);
            Weights w;
            String recipe;
            if (pattern != null) {
                RankPattern.Construction built = pattern.construct(data, arch, sv, vectorSeed);
                recipe = "rank pattern " + pattern + ": " + built.reason();
                if (built.predictedClass() != target) {
                    throw new IllegalArgumentException("rank pattern " + pattern + " with S = "
                            + CriticalValues.setText(sv) + " gives a " + built.predictedClass() + " (" + built.reason()
                            + "), not the requested " + target);
                }
                w = built.weights();
            } else {
                boolean fullHidden = target == PointClass.STRICT_SADDLE && CriticalValues.isPrefix(sv);
                w = blockForm(sv, fullHidden);
                recipe = fullHidden ? "block form, full-rank hidden layers" : "block form, hidden diag(I_r, 0)";
            }
            if (seed != null && hc >= 2) {
                w = w.randomChangeOfBasis(spread, seed);
            }
            if (verify) {
                Classification c = Classifier.classify(data, w, Classifier.Options.builder().witness(false).build());
                if (!c.critical()) {
                    throw new IllegalStateException("constructed point failed the re-check (not critical): " + c.reason());
                }
                if (!Arrays.equals(c.S(), sv)) {
                    throw new IllegalStateException("constructed point is associated with S = "
                            + CriticalValues.setText(c.S()) + ", not the requested " + CriticalValues.setText(sv));
                }
                if (c.pointClass() != target) {
                    throw new IllegalStateException("constructed point is a " + c.pointClass() + ", not the requested "
                            + target + ": " + c.reason());
                }
                if (pattern != null) {
                    pattern.requireRealized(w, sv.length, 1e-9);
                }
            }
            return new Constructed(w, target, sv, seed == null ? recipe : recipe + ", hidden change of basis seed " + seed);
        }

        /** The class a construction with this {@code S} gets without {@link #pointClass}. */
        private PointClass defaultClass(int[] sv) {
            if (!CriticalValues.isPrefix(sv)) {
                return PointClass.STRICT_SADDLE;
            }
            if (sv.length == arch.rMax()) {
                return PointClass.GLOBAL_MIN;
            }
            if (pattern != null) {
                return pattern.construct(data, arch, sv, vectorSeed).predictedClass();
            }
            return arch.depth() >= 3 ? PointClass.NON_STRICT_SADDLE : PointClass.STRICT_SADDLE;
        }

        private void requirePossible(int[] sv, PointClass target) {
            int rMax = arch.rMax();
            boolean prefix = CriticalValues.isPrefix(sv);
            String sText = CriticalValues.setText(sv);
            switch (target) {
                case GLOBAL_MIN -> {
                    if (!(prefix && sv.length == rMax)) {
                        throw new IllegalArgumentException("a global minimizer needs S = [[1, r_max]] = "
                                + CriticalValues.setText(prefix(rMax)) + ", got S = " + sText);
                    }
                }
                case NON_STRICT_SADDLE -> {
                    if (!prefix) {
                        throw new IllegalArgumentException("a non-strict saddle needs S = [[1, r]]; S = " + sText
                                + " is not a prefix, so every critical point associated with it is a strict saddle (Thm 7)");
                    }
                    if (sv.length == rMax) {
                        throw new IllegalArgumentException("S = " + sText + " = [[1, r_max]] gives global minimizers, "
                                + "not saddles; a non-strict saddle needs r < r_max = " + rMax);
                    }
                    if (arch.depth() < 3) {
                        throw new IllegalArgumentException("a non-strict saddle is impossible for H = " + arch.depth()
                                + " (widths " + arch + "): the pivot (2,1) has inner block I_{d_1} of rank d_1 > r "
                                + "(Thm 7); use H >= 3");
                    }
                }
                case STRICT_SADDLE -> {
                    if (prefix && sv.length == rMax) {
                        throw new IllegalArgumentException("S = " + sText + " = [[1, r_max]] gives only global minimizers; "
                                + "a strict saddle needs r < r_max = " + rMax + " or S not a prefix");
                    }
                }
                default -> throw new IllegalArgumentException("cannot construct a " + target);
            }
        }

        private Weights blockForm(int[] sv, boolean fullHidden) {
            int hc = arch.depth();
            int r = sv.length;
            DMatrixRMaj u = data.eigenvectors();
            DMatrixRMaj ols = data.olsMap();
            DMatrixRMaj us = new DMatrixRMaj(u.numRows, r);
            for (int k = 0; k < r; k++) {
                for (int i = 0; i < u.numRows; i++) {
                    us.set(i, k, u.get(i, sv[k] - 1));
                }
            }
            DMatrixRMaj ks = MatrixOps.multTransA(us, ols); // r x d_x
            List<DMatrixRMaj> layers = new ArrayList<>();
            if (hc == 1) {
                layers.add(MatrixOps.mult(us, ks));
                return Weights.of(layers);
            }
            for (int h = 1; h <= hc; h++) {
                int rows = arch.width(h);
                int cols = arch.width(h - 1);
                DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                if (h == 1) {
                    for (int k = 0; k < r; k++) {
                        for (int q = 0; q < cols; q++) {
                            m.set(k, q, ks.get(k, q));
                        }
                    }
                } else if (h == hc) {
                    for (int p = 0; p < rows; p++) {
                        for (int k = 0; k < r; k++) {
                            m.set(p, k, us.get(p, k));
                        }
                    }
                } else {
                    int diag = fullHidden ? Math.min(rows, cols) : r;
                    for (int k = 0; k < diag; k++) {
                        m.set(k, k, 1);
                    }
                }
                layers.add(m);
            }
            return Weights.of(layers);
        }
    }
}
