package io.github.dlnkit.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/**
 * A regression data set, held only through its second moments
 * {@code Sxx = X X^T} ({@code d_x x d_x}), {@code Syx = Y X^T} ({@code d_y x d_x}) and {@code Syy = Y Y^T}
 * ({@code d_y x d_y}), so that loss, gradient and Hessian never touch the samples again.
 *
 * <p>Spectral data (Achour et al. 2024, section 2): {@code Sigma = Syx Sxx^{-1} Sxy = U Lambda U^T} with
 * {@code lambda_1 >= ... >= lambda_{d_y}} (descending) and sign-normalised eigenvectors (the entry of largest
 * magnitude of each {@code u_k} is positive). Computed once on first use; immutable otherwise.
 */
public final class Dataset {
    private final DMatrixRMaj sxx;
    private final DMatrixRMaj syx;
    private final DMatrixRMaj syy;
    private final int sampleCount;
    private volatile Spectral spectral;

    private record Spectral(DMatrixRMaj sxxInv, DMatrixRMaj sigma, double[] lambda, DMatrixRMaj u, AssumptionH h) {
    }

    private Dataset(DMatrixRMaj sxx, DMatrixRMaj syx, DMatrixRMaj syy, int sampleCount) {
        this.sxx = sxx;
        this.syx = syx;
        this.syy = syy;
        this.sampleCount = sampleCount;
    }

    /** From samples: {@code X} is {@code d_x x m}, {@code Y} is {@code d_y x m} (one column per sample). */
    public static Dataset of(DMatrixRMaj x, DMatrixRMaj y) {
        Checks.finite("X", x);
        Checks.finite("Y", y);
        if (x.numCols != y.numCols) {
            throw new IllegalArgumentException("Y has shape " + Checks.shape(y) + ", expected " + y.numRows + "x"
                    + x.numCols + " (same number of samples m = " + x.numCols + " as X, one column per sample)");
        }
        DMatrixRMaj sxx = new DMatrixRMaj(x.numRows, x.numRows);
        DMatrixRMaj syx = new DMatrixRMaj(y.numRows, x.numRows);
        DMatrixRMaj syy = new DMatrixRMaj(y.numRows, y.numRows);
        CommonOps_DDRM.multTransB(x, x, sxx);
        CommonOps_DDRM.multTransB(y, x, syx);
        CommonOps_DDRM.multTransB(y, y, syy);
        requireNoOverflow("Sxx = X X^T", sxx, "X", x, x);
        requireNoOverflow("Syx = Y X^T", syx, "Y and X", y, x);
        requireNoOverflow("Syy = Y Y^T", syy, "Y", y, y);
        return new Dataset(sxx, syx, syy, x.numCols);
    }

    private static void requireNoOverflow(String product, DMatrixRMaj m, String from, DMatrixRMaj a, DMatrixRMaj b) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s overflows: entry (%d,%d) is %s "
                        + "(largest |entry| of %s: %.3g and %.3g; sums of their products exceed the largest double, 1.8e308); "
                        + "rescale the data", product, k / m.numCols, k % m.numCols, m.data[k], from,
                        org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(a), org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(b)));
            }
        }
    }

    /** From rows: {@code of(new double[][]{...}, new double[][]{...})}. */
    public static Dataset of(double[][] x, double[][] y) {
        return of(Checks.matrix("X", x), Checks.matrix("Y", y));
    }

    /**
     * Relative tolerance of the moment checks of {@link #fromMoments}: an eigenvalue counts as negative below
     * {@code -MOMENT_TOLERANCE * scale}, the scale being the largest eigenvalue magnitude of the matrices compared.
     */
    public static final double MOMENT_TOLERANCE = 1e-9;

    /**
     * From the moments {@code Sxx = X X^T}, {@code Syx = Y X^T}, {@code Syy = Y Y^T}. They must be finite, of
     * matching shapes, and be the moments of some data set: {@code Sxx} and {@code Syy} symmetric positive
     * semi-definite and, when {@code Sxx} is invertible, the Schur complement {@code Syy - Syx Sxx^{-1} Sxy}
     * (the residual {@code (Y - P X)(Y - P X)^T} of least squares, {@code P = Syx Sxx^{-1}}) positive
     * semi-definite, all within {@link #MOMENT_TOLERANCE} relative to their scale. Otherwise the loss could be
     * negative. The error names the matrix, its most negative eigenvalue and the scale.
     */
    public static Dataset fromMoments(DMatrixRMaj sxx, DMatrixRMaj syx, DMatrixRMaj syy) {
        Checks.finite("Sxx", sxx);
        Checks.finite("Syx", syx);
        Checks.finite("Syy", syy);
        int dx = sxx.numRows;
        Checks.shape("Sxx", sxx, dx, dx, "X X^T is square");
        Checks.shape("Syx", syx, syx.numRows, dx, "Y X^T has d_x = " + dx + " columns, like Sxx");
        int dy = syx.numRows;
        Checks.shape("Syy", syy, dy, dy, "Y Y^T is d_y x d_y with d_y = " + dy + " rows of Syx");
        requireSymmetric("Sxx", sxx);
        requireSymmetric("Syy", syy);
        double sxxMin = requirePsd("Sxx", "X X^T", sxx, 0);
        requirePsd("Syy", "Y Y^T", syy, 0);
        double sxxScale = spectralScale(sxx);
        if (sxxMin > MOMENT_TOLERANCE * sxxScale) {
            DMatrixRMaj inv = new DMatrixRMaj(dx, dx);
            if (CommonOps_DDRM.invert(sxx, inv)) {
                DMatrixRMaj tmp = new DMatrixRMaj(dy, dx);
                CommonOps_DDRM.mult(syx, inv, tmp);
                DMatrixRMaj explained = new DMatrixRMaj(dy, dy);
                CommonOps_DDRM.multTransB(tmp, syx, explained);
                DMatrixRMaj schur = new DMatrixRMaj(dy, dy);
                CommonOps_DDRM.subtract(syy, explained, schur);
                symmetrize(schur);
                requirePsd("Syy - Syx Sxx^-1 Sxy", "the least-squares residual (Y - P X)(Y - P X)^T", schur,
                        Math.max(spectralScale(syy), spectralScale(explained)));
            }
        }
        return new Dataset(sxx.copy(), syx.copy(), syy.copy(), -1);
    }

    /** Largest eigenvalue magnitude of a symmetric matrix (0 for the zero matrix). */
    private static double spectralScale(DMatrixRMaj m) {
        double[] ev = io.github.dlnkit.linalg.SymmetricEigen.eigenvalues(symmetrized(m));
        return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
    }

    /**
     * Requires a symmetric {@code m} to be PSD within {@link #MOMENT_TOLERANCE} of {@code scale} (0: its own);
     * returns its smallest eigenvalue.
     */
    private static double requirePsd(String name, String meaning, DMatrixRMaj m, double scale) {
        double[] ev = io.github.dlnkit.linalg.SymmetricEigen.eigenvalues(symmetrized(m));
        double min = ev[0];
        double s = scale > 0 ? scale : Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
        if (min < -MOMENT_TOLERANCE * s) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s (%s) must be positive "
                    + "semi-definite: its most negative eigenvalue is %.6g at scale %.6g (largest |eigenvalue|; tolerance "
                    + "%.0e x scale); no data set X, Y has these moments", name, meaning, min, s, MOMENT_TOLERANCE));
        }
        return min;
    }

    private static DMatrixRMaj symmetrized(DMatrixRMaj m) {
        DMatrixRMaj c = m.copy();
        symmetrize(c);
        return c;
    }

    private static void requireSymmetric(String name, DMatrixRMaj m) {
        double scale = Math.max(NormOps_DDRM.normF(m), Double.MIN_NORMAL);
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(m.get(i, j) - m.get(j, i)) > 1e-10 * scale) {
                    throw new IllegalArgumentException(name + " (" + Checks.shape(m) + ") must be symmetric: entry ("
                            + i + "," + j + ") = " + m.get(i, j) + " but (" + j + "," + i + ") = " + m.get(j, i));
                }
            }
        }
    }

    /** {@code d_x}. */
    public int inputDim() {
        return sxx.numRows;
    }

    /** {@code d_y}. */
    public int outputDim() {
        return syx.numRows;
    }

    /** Number of samples {@code m}, or -1 when built from moments. */
    public int sampleCount() {
        return sampleCount;
    }

    /** Copy of {@code Sxx = X X^T}. */
    public DMatrixRMaj sxx() {
        return sxx.copy();
    }

    /** Copy of {@code Syx = Y X^T}. */
    public DMatrixRMaj syx() {
        return syx.copy();
    }

    /** Copy of {@code Sxy = X Y^T = Syx^T}. */
    public DMatrixRMaj sxy() {
        return CommonOps_DDRM.transpose(syx, null);
    }

    /** Copy of {@code Syy = Y Y^T}. */
    public DMatrixRMaj syy() {
        return syy.copy();
    }

    /** {@code tr(Syy) = ||Y||_F^2}, the loss of {@code W = 0}. */
    public double traceSyy() {
        return CommonOps_DDRM.trace(syy);
    }

    /** Read-only access for the model package's hot paths (no copy). */
    DMatrixRMaj sxxRef() {
        return sxx;
    }

    DMatrixRMaj syxRef() {
        return syx;
    }

    /** Checks of assumption H with {@link AssumptionH#DEFAULT_TOLERANCE}; never throws. */
    public AssumptionH assumptionH() {
        return spectral().h;
    }

    /** {@code Sxx^{-1}}; throws {@link IllegalStateException} when {@code Sxx} is singular. */
    public DMatrixRMaj sxxInverse() {
        return requireInvertible().sxxInv.copy();
    }

    /** {@code Sigma = Syx Sxx^{-1} Sxy} ({@code d_y x d_y}, symmetrised). Needs {@code Sxx} invertible. */
    public DMatrixRMaj sigma() {
        return requireInvertible().sigma.copy();
    }

    /** Eigenvalues of {@code Sigma}, descending: {@code lambda_1 >= ... >= lambda_{d_y}}. Needs {@code Sxx} invertible. */
    public double[] eigenvalues() {
        return requireInvertible().lambda.clone();
    }

    /** {@code lambda_k}, 1-based. */
    public double eigenvalue(int k) {
        double[] l = requireInvertible().lambda;
        if (k < 1 || k > l.length) {
            throw new IllegalArgumentException("eigenvalue index k=" + k + " outside 1.." + l.length);
        }
        return l[k - 1];
    }

    /** Orthogonal {@code U} ({@code d_y x d_y}), column {@code k-1} is {@code u_k}; sign-normalised. */
    public DMatrixRMaj eigenvectors() {
        return requireInvertible().u.copy();
    }

    /** The least-squares map {@code Syx Sxx^{-1}} ({@code d_y x d_x}), the global minimizer of {@code ||P X - Y||}. */
    public DMatrixRMaj olsMap() {
        DMatrixRMaj out = new DMatrixRMaj(outputDim(), inputDim());
        CommonOps_DDRM.mult(syx, requireInvertible().sxxInv, out);
        return out;
    }

    /** Throws {@link IllegalStateException} with the failing part unless assumption H holds. */
    public Dataset requireAssumptionH() {
        spectral().h.require();
        return this;
    }

    private Spectral requireInvertible() {
        Spectral s = spectral();
        if (!s.h.sxxInvertible()) {
            s.h.require();
        }
        return s;
    }

    private Spectral spectral() {
        Spectral s = spectral;
        if (s == null) {
            synchronized (this) {
                s = spectral;
                if (s == null) {
                    s = computeSpectral();
                    spectral = s;
                }
            }
        }
        return s;
    }

    private Spectral computeSpectral() {
        int dx = inputDim();
        int dy = outputDim();
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dx, dx, false, false, true);
        if (!svd.decompose(sxx.copy())) {
            throw new IllegalStateException("SVD of Sxx (" + dx + "x" + dx + ") failed");
        }
        double[] sv = svd.getSingularValues();
        double smax = Arrays.stream(sv).max().orElse(0);
        double smin = Arrays.stream(sv).min().orElse(0);
        double invCond = smax > 0 ? smin / smax : 0;
        if (!(invCond > AssumptionH.DEFAULT_TOLERANCE)) {
            return new Spectral(null, null, null, null, new AssumptionH(invCond, 0, 0, AssumptionH.DEFAULT_TOLERANCE));
        }
        DMatrixRMaj inv = new DMatrixRMaj(dx, dx);
        if (!CommonOps_DDRM.invert(sxx, inv)) {
            return new Spectral(null, null, null, null, new AssumptionH(0, 0, 0, AssumptionH.DEFAULT_TOLERANCE));
        }
        symmetrize(inv);
        DMatrixRMaj tmp = new DMatrixRMaj(dy, dx);
        CommonOps_DDRM.mult(syx, inv, tmp);
        DMatrixRMaj sigma = new DMatrixRMaj(dy, dy);
        CommonOps_DDRM.multTransB(tmp, syx, sigma);
        symmetrize(sigma);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dy, true, true);
        if (!eig.decompose(sigma.copy())) {
            throw new IllegalStateException("eigen-decomposition of Sigma (" + dy + "x" + dy + ") failed");
        }
        Integer[] order = new Integer[dy];
        double[] vals = new double[dy];
        for (int k = 0; k < dy; k++) {
            order[k] = k;
            vals[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(order, (a, b) -> Double.compare(vals[b], vals[a]));
        double[] lambda = new double[dy];
        DMatrixRMaj u = new DMatrixRMaj(dy, dy);
        for (int k = 0; k < dy; k++) {
            lambda[k] = vals[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double norm = NormOps_DDRM.normF(v);
            int arg = 0;
            for (int i = 1; i < dy; i++) {
                if (Math.abs(v.get(i)) > Math.abs(v.get(arg)) + 1e-12) {
                    arg = i;
                }
            }
            double sign = v.get(arg) < 0 ? -1 : 1;
            for (int i = 0; i < dy; i++) {
                u.set(i, k, sign * v.get(i) / norm);
            }
        }
        double l1 = lambda[0];
        double minRatio = l1 > 0 ? Math.max(0, lambda[dy - 1]) / l1 : 0;
        double gap = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 1 < dy; k++) {
            gap = Math.min(gap, l1 > 0 ? (lambda[k] - lambda[k + 1]) / l1 : 0);
        }
        if (dy > dx) {
            minRatio = 0;
        }
        return new Spectral(inv, sigma, lambda, u, new AssumptionH(invCond, minRatio, gap, AssumptionH.DEFAULT_TOLERANCE));
    }

    private static void symmetrize(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    /** Singular values of {@code Syx} (descending), a convenience for diagnostics. */
    public double[] syxSingularValues() {
        double[] s = SingularOps_DDRM.singularValues(syx.copy());
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    @Override
    public String toString() {
        return "Dataset[d_x=" + inputDim() + ", d_y=" + outputDim() + (sampleCount >= 0 ? ", m=" + sampleCount : "")
                + ", tr Syy=" + traceSyy() + "]";
    }
}
