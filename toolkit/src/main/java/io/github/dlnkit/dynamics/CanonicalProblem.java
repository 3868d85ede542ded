package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.ArrayList;
import java.util.List;

/**
 * Liao, Chitour and Couillet's reduction of a one-hidden-layer problem to its canonical form (liao2018.md section 2),
 * computed from the moments: {@code Sxx = U_X S_X^2 U_X^T}, {@code Ybar = Y V_X^1 = Syx U_X S_X^{-1} = U_Y [S_Y | 0] V_Y^T},
 * and the invertible linear change of variables
 * <pre>
 *   Wbar_2 = U_Y^T W_2,     Wbar_1 = W_1 U_X S_X V_Y,     (first and last layers; hidden layers unchanged)
 *   (1/2)||W_{H:1} X - Y||^2 = (1/2)||[S_Y | 0] - Wbar_{H:1}||^2 + (1/2)(tr Syy - ||Ybar||_F^2).
 * </pre>
 * In the canonical variables {@code Wbar_1 = [A | B]} ({@code A}: {@code d_1 x d_y}) and {@code C = Wbar_2}, so the state is
 * {@code (A, B, C)} with {@code dim X = d_1 (d_x + d_y)}. The canonical problem is the data set {@code X = I_{d_x}},
 * {@code Y = [S_Y | 0]} ({@link #data()}). The map is linear and invertible, so critical points, critical values (up to
 * the constant) and Hessian inertia (Sylvester) carry over; it is an isometry only when {@code S_X = I}.
 */
public final class CanonicalProblem {
    private final DMatrixRMaj uY;
    private final DMatrixRMaj right;   // U_X S_X V_Y  (d_x x d_x)
    private final double[] sY;
    private final double constant;
    private final Dataset data;

    private CanonicalProblem(DMatrixRMaj uY, DMatrixRMaj right, double[] sY, double constant, int dx) {
        this.uY = uY;
        this.right = right;
        this.sY = sY;
        this.constant = constant;
        DMatrixRMaj y = new DMatrixRMaj(sY.length, dx);
        for (int k = 0; k < sY.length; k++) {
            y.set(k, k, sY[k]);
        }
        this.data = Dataset.of(CommonOps_DDRM.identity(dx), y);
    }

    /** The reduction of {@code data} ({@code Sxx} invertible, {@code d_y <= d_x}). */
    public static CanonicalProblem of(Dataset data) {
        int dx = data.inputDim();
        int dy = data.outputDim();
        if (dy > dx) {
            throw new IllegalArgumentException("the canonical form needs d_y <= d_x (Assumption 1), got d_y = " + dy
                    + ", d_x = " + dx);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dx, true, true);
        if (!eig.decompose(data.sxx().copy())) {
            throw new IllegalStateException("eigen-decomposition of Sxx failed");
        }
        DMatrixRMaj uX = new DMatrixRMaj(dx, dx);
        DMatrixRMaj sXinv = new DMatrixRMaj(dx, dx);
        DMatrixRMaj sX = new DMatrixRMaj(dx, dx);
        for (int k = 0; k < dx; k++) {
            double mu = eig.getEigenvalue(k).getReal();
            if (!(mu > 0)) {
                throw new IllegalArgumentException("Sxx must be positive definite (X of full row rank, Assumption 2); "
                        + "eigenvalue " + mu + " found");
            }
            DMatrixRMaj v = eig.getEigenVector(k);
            double n = CommonOps_DDRM.dot(v, v);
            for (int i = 0; i < dx; i++) {
                uX.set(i, k, v.get(i) / Math.sqrt(n));
            }
            sX.set(k, k, Math.sqrt(mu));
            sXinv.set(k, k, 1 / Math.sqrt(mu));
        }
        DMatrixRMaj ybar = MatrixOps.mult(MatrixOps.mult(data.syx(), uX), sXinv);        // d_y x d_x
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dy, dx, true, true, false);
        if (!svd.decompose(ybar.copy())) {
            throw new IllegalStateException("SVD of Ybar failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] s = new double[dy];
        for (int k = 0; k < dy; k++) {
            s[k] = w.get(k, k);
        }
        DMatrixRMaj right = MatrixOps.mult(MatrixOps.mult(uX, sX), v);
        double ybar2 = MatrixOps.dot(ybar, ybar);
        return new CanonicalProblem(u, right, s, 0.5 * (data.traceSyy() - ybar2), dx);
    }

    /** The singular values {@code s_1 >= ... >= s_{d_y}} of {@code Ybar} (Assumption 3: distinct). */
    public double[] singularValues() {
        return sY.clone();
    }

    /** {@code (1/2)(tr Syy - ||Ybar||_F^2) = (1/2)||Y V_X^2||_F^2}, the part no network can fit (loss with factor 1/2). */
    public double constant() {
        return constant;
    }

    /** The canonical data {@code X = I_{d_x}}, {@code Y = [S_Y | 0]}. */
    public Dataset data() {
        return data;
    }

    /** {@code W -> Wbar}: {@code Wbar_H = U_Y^T W_H}, {@code Wbar_1 = W_1 U_X S_X V_Y}, other layers unchanged. */
    public Weights toCanonical(Weights w) {
        List<DMatrixRMaj> layers = new ArrayList<>(w.layers());
        int h = layers.size();
        layers.set(0, MatrixOps.mult(layers.get(0), right));
        DMatrixRMaj top = new DMatrixRMaj(uY.numCols, layers.get(h - 1).numCols);
        CommonOps_DDRM.multTransA(uY, layers.get(h - 1), top);
        layers.set(h - 1, top);
        return Weights.of(layers);
    }

    /** {@code Wbar_1 = [A | B]}: the first {@code d_y} columns {@code A} ({@code d_1 x d_y}). */
    public static DMatrixRMaj blockA(Weights canonical) {
        DMatrixRMaj w1 = canonical.layer(1);
        int dy = canonical.architecture().outputDim();
        return CommonOps_DDRM.extract(w1, 0, w1.numRows, 0, dy);
    }

    /** {@code Wbar_1 = [A | B]}: the last {@code d_x - d_y} columns {@code B}. */
    public static DMatrixRMaj blockB(Weights canonical) {
        DMatrixRMaj w1 = canonical.layer(1);
        int dy = canonical.architecture().outputDim();
        return CommonOps_DDRM.extract(w1, 0, w1.numRows, dy, w1.numCols);
    }
}
