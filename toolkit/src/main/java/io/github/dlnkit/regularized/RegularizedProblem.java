package io.github.dlnkit.regularized;

import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/**
 * One regularized landscape question (theory {@code regularized.md}, section 1): data, widths
 * {@code d_0..d_L} and one weight decay {@code lambda_l > 0} per layer, with the loss
 * {@code F = c (||W_{L:1} X - Y||^2 + sum_l lambda_l ||W_l||^2)} ({@code c = 1/2}: the paper's loss; {@code c = 1}:
 * the plain sum, every value doubled, same critical points).
 *
 * @param data        the data set (moments)
 * @param widths      {@code d_0..d_L}, {@code L >= 2}
 * @param lambdas     {@code lambda_1..lambda_L}, all finite and {@code > 0}
 * @param convention  data-term normalisation
 */
public record RegularizedProblem(Dataset data, Architecture widths, double[] lambdas, LossConvention convention) {

    /** Default tolerance of the whitening check {@code max_ij |(X X^T - I)_ij| <= tol}. */
    public static final double WHITENING_TOLERANCE = 1e-9;

    public RegularizedProblem {
        if (data == null || widths == null || convention == null) {
            throw new IllegalArgumentException("data, widths and convention are required (got null)");
        }
        if (widths.depth() < 2) {
            throw new IllegalArgumentException("the regularized landscape needs depth L >= 2, got widths " + widths
                    + " (L = " + widths.depth() + ")");
        }
        if (widths.inputDim() != data.inputDim() || widths.outputDim() != data.outputDim()) {
            throw new IllegalArgumentException("widths " + widths + " must start with d_0 = d_x = " + data.inputDim()
                    + " and end with d_L = d_y = " + data.outputDim());
        }
        lambdas = expand(lambdas, widths.depth());
    }

    /** Builds the problem; {@code lambdas} holds one common value or exactly {@code L} per-layer values. */
    public static RegularizedProblem of(Dataset data, Architecture widths, LossConvention convention, double... lambdas) {
        return new RegularizedProblem(data, widths, lambdas, convention);
    }

    /** The HALF-convention problem of the paper. */
    public static RegularizedProblem of(Dataset data, Architecture widths, double... lambdas) {
        return of(data, widths, LossConvention.HALF, lambdas);
    }

    /**
     * From a case file: its data, widths and convention; {@code lambdas} overrides the case's {@code weightDecay}
     * when non-empty.
     */
    public static RegularizedProblem fromCase(CaseFile c, double... lambdas) {
        double[] l = lambdas != null && lambdas.length > 0 ? lambdas : c.weightDecay();
        if (l.length == 0) {
            throw new IllegalArgumentException("no weight decay: give --lambda or the case-file key \"weightDecay\"");
        }
        return of(c.data(), c.requireArchitecture(), c.convention(), l);
    }

    private static double[] expand(double[] lambdas, int depth) {
        if (lambdas == null || lambdas.length == 0) {
            throw new IllegalArgumentException("weight decay lambda is missing: give one value or L = " + depth + " values");
        }
        if (lambdas.length != 1 && lambdas.length != depth) {
            throw new IllegalArgumentException("weight decay has " + lambdas.length + " values " + Arrays.toString(lambdas)
                    + ", expected 1 or L = " + depth + " (one per layer)");
        }
        double[] out = new double[depth];
        for (int l = 0; l < depth; l++) {
            double v = lambdas.length == 1 ? lambdas[0] : lambdas[l];
            Checks.positive(lambdas.length == 1 ? "weight decay lambda" : "weight decay lambda_" + (l + 1), v);
            out[l] = v;
        }
        return out;
    }

    /** Depth {@code L}. */
    public int depth() {
        return widths.depth();
    }

    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** {@code lambda_l}, 1-based. */
    public double lambda(int l) {
        return lambdas[l - 1];
    }

    /** {@code lambdabar = (prod_l lambda_l)^{1/L}}, the geometric mean (section 1). */
    public double lambdaBar() {
        double s = 0;
        for (double l : lambdas) {
            s += Math.log(l);
        }
        return Math.exp(s / lambdas.length);
    }

    /** {@code d_min = min_l d_l} over {@code l = 0..L}. */
    public int minWidth() {
        return Arrays.stream(widths.widths()).min().orElseThrow();
    }

    /** The loss with this weight decay (from {@link Loss}: value, gradient, Hessian). */
    public Loss loss() {
        return Loss.of(data, convention).withWeightDecay(lambdas);
    }

    /** {@code 2c}: the factor from the paper's HALF loss to this convention's values and Hessians. */
    public double scale() {
        return 2 * convention.factor();
    }

    /** {@code max_ij |(X X^T - I)_ij|}. */
    public double whiteningError() {
        DMatrixRMaj s = data.sxx();
        double e = 0;
        for (int i = 0; i < s.numRows; i++) {
            for (int j = 0; j < s.numCols; j++) {
                e = Math.max(e, Math.abs(s.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return e;
    }

    /** True when {@code X X^T = I} within {@code tol} entrywise. */
    public boolean isWhitened(double tol) {
        return whiteningError() <= tol;
    }

    /**
     * Throws {@link IllegalStateException} unless {@code X X^T = I} within {@link #WHITENING_TOLERANCE}: the closed
     * forms of section 2 need whitened inputs; for other data only numerical search (GD from many starts) applies.
     */
    public RegularizedProblem requireWhitened() {
        double e = whiteningError();
        if (!(e <= WHITENING_TOLERANCE)) {
            throw new IllegalStateException("data are not whitened: max |(X X^T - I)_ij| = " + e + " > "
                    + WHITENING_TOLERANCE + " (Sxx is " + data.inputDim() + "x" + data.inputDim() + "); the closed-form "
                    + "critical set and error-bound test (regularized.md section 2) need X X^T = I - no closed form "
                    + "exists otherwise; use gradient descent from several starts instead (CLI: --gd STEPS --lr ETA --starts N; library: MultiStart)");
        }
        return this;
    }

    /** Full SVD {@code Z = Y X^T = P diag(z) Q^T}, singular values descending ({@code min(d_0, d_L)} of them). */
    public Svd svd() {
        DMatrixRMaj z = data.syx();
        int dy = z.numRows;
        int dx = z.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dy, dx, true, true, false);
        if (!svd.decompose(z.copy())) {
            throw new IllegalStateException("SVD of Z = Y X^T (" + dy + "x" + dx + ") failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int m = Math.min(dx, dy);
        double[] s = new double[m];
        for (int k = 0; k < m; k++) {
            s[k] = w.get(k, k);
        }
        return new Svd(s, u, v);
    }

    /**
     * {@code Z = P diag(z) Q^T}.
     *
     * @param z singular values, descending
     * @param p left singular vectors ({@code d_L x d_L}, column k is p_k)
     * @param q right singular vectors ({@code d_0 x d_0}, column k is q_k)
     */
    public record Svd(double[] z, DMatrixRMaj p, DMatrixRMaj q) {
        @Override
        public double[] z() {
            return z.clone();
        }

        /** {@code ||Z||_F^2}. */
        public double normSquared() {
            return Arrays.stream(z).map(v -> v * v).sum();
        }

        DMatrixRMaj pRef() {
            return p;
        }

        DMatrixRMaj qRef() {
            return q;
        }
    }

    /** Copy of {@code Z = Syx}. */
    public DMatrixRMaj z() {
        return data.syx();
    }

    /** {@code widths (3,3,3,3), lambda = 0.1 (all layers), half convention}: readable in table titles and messages. */
    @Override
    public String toString() {
        boolean same = Arrays.stream(lambdas).allMatch(l -> l == lambdas[0]);
        String lam = same ? number(lambdas[0]) + " (all layers)"
                : Arrays.stream(lambdas).mapToObj(RegularizedProblem::number)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        return "widths " + widths + ", lambda = " + lam + ", " + convention.key() + " convention";
    }

    /** 6 significant digits, plain in {@code [1e-4, 1e6)}. */
    private static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e6 ? b.toPlainString() : b.toString().replace("E+", "e").replace("E", "e");
    }
}
