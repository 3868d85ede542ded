package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The exact oracle of theory {@code regularized.md}, section 4: for whitened data and aligned initial weights
 * {@code W_l = O_l diag(s_l) O_{l-1}^T} ({@code O_0 = Q}, {@code O_L = P} from {@code Z = P diag(z) Q^T}, hidden
 * {@code O_l} orthogonal), gradient descent stays aligned and reduces to independent scalar recursions
 * <pre>
 *   s_{l,k} &lt;- s_{l,k} - eta * 2c * ( (w_k - z_k) prod_{l' != l} s_{l',k} + lambda_l s_{l,k} ),   w_k = prod_l s_{l,k}
 * </pre>
 * ({@code 2c = 1} for the paper's HALF loss). Layer {@code l} has {@code min(d_l, d_{l-1})} diagonal entries; a missing
 * entry counts as 0, and {@code z_k = 0} for {@code k >= min(d_0, d_L)}.
 */
public final class AlignedOracle {
    private AlignedOracle() {
    }

    /**
     * One state: {@code s[l-1][k]} for layer {@code l = 1..L} and {@code k < min(d_l, d_{l-1})}.
     *
     * @param problem the problem
     * @param s       the diagonal entries per layer
     */
    public record State(RegularizedProblem problem, double[][] s) {
        /** {@code s_{l,k}} (1-based layer, 0-based component), 0 when the layer has no entry {@code k}. */
        public double get(int l, int k) {
            double[] row = s[l - 1];
            return k < row.length ? row[k] : 0;
        }

        /** {@code w_k = prod_l s_{l,k}}. */
        public double w(int k) {
            double p = 1;
            for (int l = 1; l <= s.length; l++) {
                p *= get(l, k);
            }
            return p;
        }
    }

    /** Checks the shape of {@code s} against the widths and copies it. */
    public static State state(RegularizedProblem problem, double[][] s) {
        Architecture a = problem.widths();
        if (s.length != a.depth()) {
            throw new IllegalArgumentException("aligned state has " + s.length + " layers, expected L = " + a.depth());
        }
        double[][] c = new double[s.length][];
        for (int l = 1; l <= s.length; l++) {
            int n = Math.min(a.width(l), a.width(l - 1));
            if (s[l - 1].length != n) {
                throw new IllegalArgumentException("aligned layer " + l + " has " + s[l - 1].length
                        + " diagonal entries, expected min(d_" + l + ", d_" + (l - 1) + ") = " + n);
            }
            for (double v : s[l - 1]) {
                Checks.finite("s_" + l, v);
            }
            c[l - 1] = s[l - 1].clone();
        }
        return new State(problem, c);
    }

    /** One GD step of the scalar recursions (all components, all layers simultaneously). */
    public static State step(State st, double[] z, double eta) {
        RegularizedProblem p = st.problem();
        int depth = p.depth();
        double f = p.scale();
        double[][] next = new double[depth][];
        for (int l = 1; l <= depth; l++) {
            double[] row = st.s()[l - 1];
            next[l - 1] = new double[row.length];
            for (int k = 0; k < row.length; k++) {
                double others = 1;
                for (int j = 1; j <= depth; j++) {
                    if (j != l) {
                        others *= st.get(j, k);
                    }
                }
                double zk = k < z.length ? z[k] : 0;
                double grad = (st.w(k) - zk) * others + p.lambda(l) * row[k];
                next[l - 1][k] = row[k] - eta * f * grad;
            }
        }
        return new State(p, next);
    }

    /** The hidden factors {@code O_1..O_{L-1}} (Haar, seeded); index {@code l}, entries 0 and L unused. */
    public static DMatrixRMaj[] hiddenFactors(Architecture a, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj[] o = new DMatrixRMaj[a.depth() + 1];
        for (int l = 1; l < a.depth(); l++) {
            o[l] = RandomMatrices.orthonormal(a.width(l), a.width(l), rng);
        }
        return o;
    }

    /** {@code W_l = O_l diag(s_l) O_{l-1}^T} with {@code O_0 = Q}, {@code O_L = P} and the given hidden factors. */
    public static Weights weights(State st, RegularizedProblem.Svd svd, DMatrixRMaj[] hidden) {
        Architecture a = st.problem().widths();
        int depth = a.depth();
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj core = MatrixOps.rectDiag(a.width(l), a.width(l - 1), st.s()[l - 1]);
            DMatrixRMaj left = l == depth ? svd.pRef() : hidden[l];
            DMatrixRMaj right = l == 1 ? svd.qRef() : hidden[l - 1];
            DMatrixRMaj t = MatrixOps.mult(left, core);
            DMatrixRMaj out = new DMatrixRMaj(t.numRows, right.numRows);
            CommonOps_DDRM.multTransB(t, right, out);
            layers.add(out);
        }
        return Weights.of(a, layers);
    }
}
