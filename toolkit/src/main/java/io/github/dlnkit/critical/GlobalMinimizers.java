package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The set of global minimizers (Proposition 8, {@code achour2024.md} section 8): with
 * {@code P* = U_* U_*^T Syx Sxx^{-1}} and {@code U_* = U_{[[1, r_max]]}}, {@code W} is a global minimizer iff
 * {@code W_{H:1} = P*}; equivalently {@code W_H..W_2} are free subject to {@code range(W_{H:2}) ⊇ span(U_*)}
 * and {@code W_1 = W_{H:2}^+ P* + (I - W_{H:2}^+ W_{H:2}) Z} with {@code Z} arbitrary.
 */
public final class GlobalMinimizers {
    private GlobalMinimizers() {
    }

    /** {@code P* = U_* U_*^T Syx Sxx^{-1}}, the end-to-end map of every global minimizer. */
    public static DMatrixRMaj optimalMap(Dataset data, Architecture arch) {
        CriticalValues.requireMatching(data, arch);
        data.requireAssumptionH();
        DMatrixRMaj us = MatrixOps.columns(data.eigenvectors(), 0, arch.rMax());
        return MatrixOps.mult(MatrixOps.multTransB(us, us), data.olsMap());
    }

    /**
     * Membership test of Prop. 8: {@code ||W_{H:1} - P*||_F <= tol * ||P*||_F} (for {@code P* = 0}, which assumption
     * H excludes, the test would be absolute).
     */
    public static boolean isGlobalMinimizer(Dataset data, Weights w, double tol) {
        Checks.positive("tol", tol);
        DMatrixRMaj p = optimalMap(data, w.architecture());
        DMatrixRMaj diff = w.endToEnd();
        CommonOps_DDRM.subtractEquals(diff, p);
        return MatrixOps.normF(diff) <= tol * MatrixOps.normF(p);
    }

    /**
     * Step 2 of Prop. 8 for given upper layers {@code W_2..W_H} (input side first): checks
     * {@code W_{H:2} W_{H:2}^+ U_* = U_*} (relative tolerance 1e-9) and returns the global minimizer with
     * {@code W_1 = W_{H:2}^+ P* + (I - W_{H:2}^+ W_{H:2}) Z}; {@code z} may be {@code null} (then {@code Z = 0}).
     */
    public static Weights complete(Dataset data, List<DMatrixRMaj> upper, DMatrixRMaj z) {
        if (upper.isEmpty()) {
            throw new IllegalArgumentException("give the upper layers W_2..W_H (at least W_2)");
        }
        int d1 = upper.get(0).numCols;
        DMatrixRMaj a = CommonOps_DDRM.identity(d1);
        for (int h = 0; h < upper.size(); h++) {
            DMatrixRMaj m = Checks.finite("W_" + (h + 2), upper.get(h));
            if (m.numCols != a.numRows) {
                throw new IllegalArgumentException("W_" + (h + 2) + " has shape " + Checks.shape(m) + ", expected "
                        + m.numRows + "x" + a.numRows + " (widths must chain)");
            }
            a = MatrixOps.mult(m, a);
        }
        if (a.numRows != data.outputDim()) {
            throw new IllegalArgumentException("W_" + (upper.size() + 1) + " has " + a.numRows + " rows, expected d_y = "
                    + data.outputDim());
        }
        int[] widths = new int[upper.size() + 2];
        widths[0] = data.inputDim();
        widths[1] = d1;
        for (int h = 0; h < upper.size(); h++) {
            widths[h + 2] = upper.get(h).numRows;
        }
        Architecture arch = Architecture.of(widths);
        DMatrixRMaj pStar = optimalMap(data, arch);
        DMatrixRMaj us = MatrixOps.columns(data.eigenvectors(), 0, arch.rMax());
        DMatrixRMaj ap = SingularOps.pinv(a);
        DMatrixRMaj proj = MatrixOps.mult(MatrixOps.mult(a, ap), us);
        CommonOps_DDRM.subtractEquals(proj, us);
        if (MatrixOps.normF(proj) > 1e-9 * Math.sqrt(us.numCols)) {
            throw new IllegalArgumentException("range(W_{H:2}) does not contain span(U_*) (||W W^+ U_* - U_*||_F = "
                    + MatrixOps.normF(proj) + "): no W_1 makes this a global minimizer (Prop. 8)");
        }
        DMatrixRMaj w1 = MatrixOps.mult(ap, pStar);
        if (z != null) {
            Checks.shape("Z", z, d1, data.inputDim(), "d_1 x d_x");
            DMatrixRMaj free = CommonOps_DDRM.identity(d1);
            CommonOps_DDRM.subtractEquals(free, MatrixOps.mult(ap, a));
            CommonOps_DDRM.addEquals(w1, MatrixOps.mult(free, z));
        }
        List<DMatrixRMaj> layers = new ArrayList<>();
        layers.add(w1);
        layers.addAll(upper);
        return Weights.of(layers);
    }

    /**
     * A random global minimizer (seeded): hidden layers {@code W_2..W_{H-1}} Gaussian; {@code W_H = U_* T + F (I - R R^T)}
     * with {@code R} an orthonormal basis of {@code range(W_{H-1:2})} and {@code T}, {@code F} Gaussian, so that
     * {@code range(W_{H:2}) = span(U_*)}; then step 2 of Prop. 8 with a Gaussian {@code Z}. For {@code H = 1} the only
     * minimizer {@code P*} is returned.
     */
    public static Weights sample(Dataset data, Architecture arch, long seed) {
        DMatrixRMaj pStar = optimalMap(data, arch);
        int hc = arch.depth();
        if (hc == 1) {
            return Weights.of(pStar);
        }
        Random rng = new Random(seed);
        int rMax = arch.rMax();
        List<DMatrixRMaj> upper = new ArrayList<>();
        DMatrixRMaj mid = CommonOps_DDRM.identity(arch.width(1));
        for (int h = 2; h <= hc - 1; h++) {
            DMatrixRMaj m = RandomMatrices.gaussian(arch.width(h), arch.width(h - 1), 1.0, rng);
            upper.add(m);
            mid = MatrixOps.mult(m, mid);
        }
        DMatrixRMaj r = SingularOps.range(mid, 1e-10);
        if (r.numCols < rMax) {
            throw new IllegalStateException("W_{H-1:2} came out with rank " + r.numCols + " < r_max = " + rMax + "; retry with another seed");
        }
        int dh1 = arch.width(hc - 1);
        DMatrixRMaj us = MatrixOps.columns(data.eigenvectors(), 0, rMax);
        DMatrixRMaj wh = MatrixOps.mult(us, RandomMatrices.gaussian(rMax, dh1, 1.0, rng));
        DMatrixRMaj perp = CommonOps_DDRM.identity(dh1);
        CommonOps_DDRM.subtractEquals(perp, MatrixOps.multTransB(r, r));
        CommonOps_DDRM.addEquals(wh, MatrixOps.mult(RandomMatrices.gaussian(data.outputDim(), dh1, 1.0, rng), perp));
        upper.add(wh);
        return complete(data, upper, RandomMatrices.gaussian(arch.width(1), arch.inputDim(), 1.0, rng));
    }
}
