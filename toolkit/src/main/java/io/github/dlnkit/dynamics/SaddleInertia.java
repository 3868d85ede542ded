package io.github.dlnkit.dynamics;

import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalManifold;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Hessian inertia (negative / zero / positive eigenvalue counts, dense eigen-decomposition) at critical points
 * of every rank, against the counts of Liao, Chitour and Couillet (liao2018.md section 5).
 *
 * <p>At a critical point whose zero eigenspace is the tangent of its critical manifold (checked by
 * {@link CriticalManifold#localDimension}), the centre-stable manifold theorem gives the starts that converge to
 * the manifold a codimension equal to the number of <b>negative</b> eigenvalues. Liao et al.'s Lemma 4 bounds the
 * non-returning directions by {@code U_S^r = D_C^r + (d_y - r)(d_1 - r) + 1}, i.e. a basin codimension
 * {@code (d_y - r)(d_1 - r) + 1 >= 2}. The measured count for one hidden layer is (this project's finding,
 * every rank and every kept set {@code S} checked in {@code SaddleInertiaTest})
 * <pre>
 *   negatives = (d_y - r)(d_1 - r) + #{ (i, j) : i in S, j not in S, j &lt; i }
 * </pre>
 * (the second term counts the "inversions" of {@code S}: unlearned directions with a larger singular value than a
 * learned one). For the prefix {@code S = [[1, r]]} the paper's bound is one too high: the "+1" negative direction of
 * Prop. 2(iii) is one of the {@code (d_y - r)(d_1 - r)}, not an extra one. The codimension is 1 exactly when
 * {@code d_1 = d_y} and {@code r = d_y - 1}; then the basin of that saddle separates the two components of the global
 * minima ({@link BasinBoundary}). Codimension one still has measure zero, so Theorem 1 stands.
 */
public final class SaddleInertia {
    private SaddleInertia() {
    }

    /**
     * One critical point.
     *
     * @param widths            the architecture
     * @param S                 learned eigen-directions (1-based)
     * @param pointClass        Theorem 7 class from {@link Classifier}
     * @param parameters        {@code dim X}
     * @param negative          negative Hessian eigenvalues
     * @param zero              zero Hessian eigenvalues (relative tolerance 1e-9)
     * @param positive          positive Hessian eigenvalues
     * @param manifoldDimension local dimension of the critical set, measured by {@link CriticalManifold#localDimension}
     * @param clean             whether the zero eigenspace is the tangent of the critical set (all perturbations
     *                          polished back and {@code manifoldDimension == zero})
     * @param lemmaThree        {@code D_C^r} (one hidden layer; -1 otherwise)
     * @param predictedNegative {@code (d_y - r)(d_1 - r) + inversions(S)} (one hidden layer; -1 otherwise)
     * @param paperCodimension  Lemma 4's basin codimension {@code (d_y - r)(d_1 - r) + 1} (one hidden layer, {@code r < d_y}; 0
     *                          for the global minima; -1 otherwise)
     */
    public record Row(Architecture widths, int[] S, PointClass pointClass, int parameters, int negative, int zero,
                      int positive, int manifoldDimension, boolean clean, int lemmaThree, int predictedNegative,
                      int paperCodimension) {
        public Row {
            S = S.clone();
        }

        @Override
        public int[] S() {
            return S.clone();
        }

        public int r() {
            return S.length;
        }

        /** Codimension of the set of starts converging to this critical manifold: the negative count when clean, else -1. */
        public int basinCodimension() {
            return clean ? negative : -1;
        }
    }

    /** The inertia row of the critical point {@code w} (re-classified; {@code samples} perturbations for the manifold). */
    public static Row at(Dataset data, Weights w, int samples, long seed) {
        Loss loss = Loss.of(data);
        DenseSpectrum sp = DenseSpectrum.of(loss.hessian(w), 1e-9);
        var c = Classifier.classify(data, w);
        if (!c.critical()) {
            throw new IllegalArgumentException("not a critical point: " + c.reason());
        }
        CriticalManifold.LocalDimension m = CriticalManifold.localDimension(loss, w, samples, seed);
        Architecture arch = w.architecture();
        int[] s = c.S();
        boolean oneHidden = arch.depth() == 2 && arch.inputDim() >= arch.width(1) && arch.width(1) >= arch.outputDim();
        int dc = oneHidden ? LiaoH1.criticalSetDimension(arch, s.length) : -1;
        int pred = oneHidden ? predictedNegatives(arch, s) : -1;
        int paper = !oneHidden ? -1 : s.length == arch.outputDim() ? 0
                : (arch.outputDim() - s.length) * (arch.width(1) - s.length) + 1;
        return new Row(arch, s, c.pointClass(), arch.parameterCount(), sp.negativeCount(), sp.zeroCount(),
                sp.positiveCount(), m.dimension(), m.zeroEigenspaceIsTangent(), dc, pred, paper);
    }

    /**
     * This project's closed form for one hidden layer: {@code (d_y - r)(d_1 - r)} plus the number of pairs
     * {@code i in S}, {@code j not in S}, {@code j < i} (1-based, singular values decreasing).
     */
    public static int predictedNegatives(Architecture arch, int[] s1based) {
        int dy = arch.outputDim();
        int r = s1based.length;
        boolean[] in = new boolean[dy + 1];
        for (int k : s1based) {
            in[k] = true;
        }
        int inversions = 0;
        for (int i = 1; i <= dy; i++) {
            for (int j = 1; j < i; j++) {
                if (in[i] && !in[j]) {
                    inversions++;
                }
            }
        }
        return (dy - r) * (arch.width(1) - r) + inversions;
    }

    /** Every kept set {@code S} (all ranks) of a one-hidden-layer network, built with a seeded hidden change of basis. */
    public static List<Row> oneHiddenLayer(Dataset data, Architecture arch, long seed) {
        int dy = arch.outputDim();
        List<Row> rows = new ArrayList<>();
        for (int mask = 0; mask < (1 << dy); mask++) {
            final int m = mask;
            int[] s = IntStream.range(0, dy).filter(k -> (m >> k & 1) == 1).map(k -> k + 1).toArray();
            Weights w = CriticalPoints.builder(data, arch).S(s).changeOfBasis(seed + mask).build();
            rows.add(at(data, w, 2 * arch.parameterCount() + 4, seed + mask));
        }
        rows.sort((a, b) -> a.r() != b.r() ? Integer.compare(a.r(), b.r())
                : setText(a.S()).compareTo(setText(b.S())));
        return rows;
    }

    /**
     * Deeper networks: for every rank {@code r < r_max} a strict saddle with the prefix {@code S} (pivot not tightened), a
     * non-strict saddle (three or more matrices), a strict saddle with {@code S = [[2, r+1]]} when it exists, and a
     * global minimizer; each with a seeded hidden change of basis.
     */
    public static List<Row> deep(Dataset data, Architecture arch, long seed) {
        List<Row> rows = new ArrayList<>();
        int samples = 2 * arch.parameterCount() + 4;
        for (int r = 0; r < arch.rMax(); r++) {
            int[] prefix = IntStream.rangeClosed(1, r).toArray();
            rows.add(at(data, point(data, arch, prefix, PointClass.STRICT_SADDLE, seed + r), samples, seed + r));
            if (arch.depth() >= 3) {
                rows.add(at(data, point(data, arch, prefix, PointClass.NON_STRICT_SADDLE, seed + r), samples, seed + r));
            }
            if (r >= 1 && r + 1 <= data.outputDim()) {
                int[] shifted = IntStream.rangeClosed(2, r + 1).toArray();
                rows.add(at(data, point(data, arch, shifted, PointClass.STRICT_SADDLE, seed + r), samples, seed + r));
            }
        }
        rows.add(at(data, point(data, arch, IntStream.rangeClosed(1, arch.rMax()).toArray(), PointClass.GLOBAL_MIN,
                seed), samples, seed));
        return rows;
    }

    static String setText(int[] s) {
        return java.util.Arrays.stream(s).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static Weights point(Dataset data, Architecture arch, int[] s, PointClass c, long seed) {
        return CriticalPoints.builder(data, arch).S(s).pointClass(c).changeOfBasis(seed).build();
    }

    /** The rows as a table (-1 marks "not defined for this depth"). */
    public static Table toTable(String title, List<Row> rows) {
        StringColumn widths = StringColumn.create("widths");
        StringColumn s = StringColumn.create("S");
        IntColumn r = IntColumn.create("r");
        StringColumn cls = StringColumn.create("class");
        IntColumn n = IntColumn.create("dim X");
        IntColumn neg = IntColumn.create("negative");
        IntColumn zero = IntColumn.create("zero");
        IntColumn pos = IntColumn.create("positive");
        IntColumn dim = IntColumn.create("dim Crit (measured)");
        BooleanColumn clean = BooleanColumn.create("kernel = tangent");
        IntColumn dc = IntColumn.create("D_C^r (Lemma 3)");
        IntColumn pred = IntColumn.create("predicted negatives");
        IntColumn basin = IntColumn.create("basin codim (measured)");
        IntColumn paper = IntColumn.create("basin codim (Lemma 4)");
        for (Row x : rows) {
            widths.append(x.widths().toString());
            s.append(setText(x.S()));
            r.append(x.r());
            cls.append(x.pointClass().name());
            n.append(x.parameters());
            neg.append(x.negative());
            zero.append(x.zero());
            pos.append(x.positive());
            dim.append(x.manifoldDimension());
            clean.append(x.clean());
            dc.append(x.lemmaThree());
            pred.append(x.predictedNegative());
            basin.append(x.basinCodimension());
            paper.append(x.paperCodimension());
        }
        return Table.create(title, widths, s, r, cls, n, neg, zero, pos, dim, clean, dc, pred, basin, paper);
    }
}
