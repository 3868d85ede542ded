package io.github.dlnkit.examples;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact reference cases of {@code worked-examples.md} (data sets D1-D5), shared by tests, notebooks and the
 * shipped case files. Every number was computed in exact arithmetic there.
 */
public final class WorkedExamples {
    private WorkedExamples() {
    }

    private static final double S2 = Math.sqrt(2);

    /** D1: {@code X = [[2,0,0],[0,1,1]]}, {@code Y = [[2,2,0],[2,-1,-1]]}; lambda = (8, 4), tr Syy = 14. */
    public static Dataset d1() {
        return Dataset.of(new double[][]{{2, 0, 0}, {0, 1, 1}}, new double[][]{{2, 2, 0}, {2, -1, -1}});
    }

    /** D2: {@code X = I_3}, {@code Y = diag(3,2,1)}; lambda = (9,4,1), tr Syy = 14. Also the section-12 protocol data. */
    public static Dataset d2() {
        return Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
    }

    /** D3: {@code X = I_3}, {@code Y = [[2,0,0],[0,1,0]]} ({@code d_x > d_y}); lambda = (4, 1). */
    public static Dataset d3() {
        return Dataset.of(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[][]{{2, 0, 0}, {0, 1, 0}});
    }

    /** D4 (Liao): {@code X = I_2}, {@code Y = diag(2,1)}, loss {@code 1/2 ||.||^2}. */
    public static Dataset d4() {
        return Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(2, 1));
    }

    private static DMatrixRMaj m(double[][] rows) {
        return Checks.matrix("W", rows);
    }

    private static Weights w(double[][]... layers) {
        List<DMatrixRMaj> l = new ArrayList<>();
        for (double[][] r : layers) {
            l.add(m(r));
        }
        return Weights.of(l);
    }

    private static double[] asc(double... v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    private static double[] withZeros(int zeros, double... rest) {
        double[] v = new double[zeros + rest.length];
        System.arraycopy(rest, 0, v, zeros, rest.length);
        return asc(v);
    }

    private static WorkedExample sum(String name, Dataset d, Weights w, String cls, double loss, double[] eig) {
        return new WorkedExample(name, d, w, LossConvention.SUM, new double[0], cls, loss, eig);
    }

    /** E1: global minimizer of D1, L = 2. */
    public static WorkedExample e1() {
        double r457 = Math.sqrt(457);
        double r34 = Math.sqrt(34);
        return sum("E1", d1(), w(new double[][]{{1, 1}, {1, -1}}, new double[][]{{2, 0}, {0, 1}},
                        new double[][]{{0.5, 0}, {0, 1}}), "GLOBAL_MIN", 2,
                withZeros(8, 39 - r457, 39 + r457, 48 - 4 * r34, 48 + 4 * r34));
    }

    /** E2: {@code W = 0} on D1, non-strict saddle (Hessian = 0), L = 14. */
    public static WorkedExample e2() {
        double[][] z = {{0, 0}, {0, 0}};
        return sum("E2", d1(), w(z, z, z), "NON_STRICT_SADDLE", 14, new double[12]);
    }

    /** E3: non-strict saddle with r = 1 on D1, L = 6. */
    public static WorkedExample e3() {
        return sum("E3", d1(), w(new double[][]{{1, 0}, {0, 0}}, new double[][]{{1, 0}, {0, 0}},
                        new double[][]{{1, 0}, {1, 0}}), "NON_STRICT_SADDLE", 6,
                withZeros(9, 8 - 4 * S2, 8 + 4 * S2, 40));
    }

    /** E4: strict saddle, tight S but pivot (3,1) not tightened, on D1; min Hessian eigenvalue {@code -4 sqrt 2}. */
    public static WorkedExample e4() {
        double r32 = Math.sqrt(32);
        return sum("E4", d1(), w(new double[][]{{1, 0}, {0, 0}}, new double[][]{{1, 0}, {0, 1}},
                        new double[][]{{1, 0}, {1, 0}}), "STRICT_SADDLE", 6,
                withZeros(7, 40, -r32, r32, 8 - 4 * S2, 8 + 4 * S2));
    }

    /** E5: strict saddle with S = {2} (not a prefix) on D1, L = 10. */
    public static WorkedExample e5() {
        double r41 = Math.sqrt(41);
        return sum("E5", d1(), w(new double[][]{{0, 1}, {0, 0}}, new double[][]{{1, 0}, {0, 0}},
                        new double[][]{{1, 0}, {-1, 0}}), "STRICT_SADDLE", 10,
                withZeros(9, 20, 10 - 2 * r41, 10 + 2 * r41));
    }

    private static final double[][] D2_W2 = {{1, 0}, {0, 0}};
    private static final double[][] D2_W4 = {{3, 0}, {0, 1}, {0, 0}};

    /** A: non-strict saddle on D2 that the rank-only reading of "tightened" misclassifies. */
    public static WorkedExample a() {
        double r = Math.sqrt(38 * 38 - 4 * 64.0);
        return sum("A", d2(), w(new double[][]{{1, 0, 0}, {0, 0, 1}}, D2_W2, D2_W2, D2_W4), "NON_STRICT_SADDLE", 5,
                withZeros(15, 56, 20, 2, (38 - r) / 2, (38 + r) / 2));
    }

    /** A': the strict twin of A (same ranks of every partial product), min Hessian eigenvalue -4. */
    public static WorkedExample aPrime() {
        double r1 = Math.sqrt(40 * 40 - 4 * 80.0);
        double r2 = Math.sqrt(20 * 20 - 4 * 32.0);
        return sum("A'", d2(), w(new double[][]{{1, 0, 0}, {0, 1, 0}}, D2_W2, D2_W2, D2_W4), "STRICT_SADDLE", 5,
                withZeros(13, 56, 4, -4, (40 - r1) / 2, (40 + r1) / 2, (20 - r2) / 2, (20 + r2) / 2));
    }

    /** B: non-strict saddle on D3 although {@code rk W_1 = 2 > r = 1}. */
    public static WorkedExample b() {
        double r = Math.sqrt(100 - 48.0);
        return sum("B", d3(), w(new double[][]{{1, 0, 0}, {0, 0, 1}}, new double[][]{{1, 0}, {0, 0}},
                        new double[][]{{2, 0}, {0, 0}}), "NON_STRICT_SADDLE", 1,
                withZeros(10, 18, 16, (10 - r) / 2, (10 + r) / 2));
    }

    /** D4 global minimizer (Liao, half loss): W_1 = diag(2,1), W_2 = I. */
    public static WorkedExample d4Global() {
        return new WorkedExample("D4-global", d4(), w(new double[][]{{2, 0}, {0, 1}}, new double[][]{{1, 0}, {0, 1}}),
                LossConvention.HALF, new double[0], "GLOBAL_MIN", 0, asc(5, 5, 2, 2, 0, 0, 0, 0));
    }

    /** D4 strict saddle learning sigma_1 (Liao, half loss). */
    public static WorkedExample d4LearnFirst() {
        double r13 = Math.sqrt(13);
        return new WorkedExample("D4-learn1", d4(), w(new double[][]{{1, 0}, {0, 0}}, new double[][]{{2, 0}, {0, 0}}),
                LossConvention.HALF, new double[0], "STRICT_SADDLE", 0.5, asc(5, (5 + r13) / 2, (5 - r13) / 2, 1, 0, 0, 0, -1));
    }

    /** D4 strict saddle learning sigma_2 (Liao, half loss). */
    public static WorkedExample d4LearnSecond() {
        return new WorkedExample("D4-learn2", d4(), w(new double[][]{{0, 0}, {0, 1}}, new double[][]{{0, 0}, {0, 1}}),
                LossConvention.HALF, new double[0], "STRICT_SADDLE", 2, asc(3, 2, 2, 0, 0, 0, -1, -2));
    }

    /** D4 {@code W = 0} (Liao, half loss, H = 2: a strict saddle). */
    public static WorkedExample d4Zero() {
        double[][] z = {{0, 0}, {0, 0}};
        return new WorkedExample("D4-zero", d4(), w(z, z), LossConvention.HALF, new double[0], "STRICT_SADDLE", 2.5,
                asc(2, 2, -2, -2, 1, 1, -1, -1));
    }

    /** D5 (Chen-Jiang-Wang, half loss, weight decay 1, L = 2): the global minimum (w_1, w_2) = (2, 1), F = 4. */
    public static WorkedExample d5Global() {
        double a = Math.sqrt(2);
        return new WorkedExample("D5-global", Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2)),
                w(new double[][]{{a, 0}, {0, 1}}, new double[][]{{a, 0}, {0, 1}}), LossConvention.HALF, new double[]{1},
                "GLOBAL_MIN", 4, asc(5, 4, 3, 2, 2, 2, 2, 0));
    }

    /** All Achour-type examples (plain-sum loss): E1-E5, A, A', B. */
    public static List<WorkedExample> achour() {
        return List.of(e1(), e2(), e3(), e4(), e5(), a(), aPrime(), b());
    }

    /** The example with this name (case-insensitive; {@code A'} may be written {@code Aprime}). */
    public static WorkedExample byName(String name) {
        String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace("prime", "'");
        for (WorkedExample e : all()) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no worked example named \"" + name + "\"; known: "
                + all().stream().map(WorkedExample::name).toList());
    }

    /** Every example with exact Hessian eigenvalues. */
    public static List<WorkedExample> all() {
        List<WorkedExample> l = new ArrayList<>(achour());
        l.addAll(List.of(d4Global(), d4LearnFirst(), d4LearnSecond(), d4Zero(), d5Global()));
        return l;
    }
}
