package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All eigenvalues of a dense symmetric matrix, ascending, with the count of (numerically) zero ones, clusters
 * (multiplicities at the stated tolerance) and, on request, the eigenvectors.
 *
 * <p>Eigenvalues come from the toolkit's one eigen-solve, {@link SymmetricEigen} (native LAPACK {@code dsyevd} when
 * available, else EJML, its general solver, then Jacobi rotations, which always converge); eigenvectors, when asked,
 * from EJML's symmetric solver with a Jacobi fallback.
 *
 * @param eigenvalues  ascending
 * @param tolerance    absolute threshold used for "zero" and for clustering: {@code |mu| <= tolerance}
 * @param eigenvectors column {@code k} is a unit eigenvector of {@code eigenvalues[k]}; {@code null} unless
 *                     requested with {@link #withVectors}
 */
public record DenseSpectrum(double[] eigenvalues, double tolerance, DMatrixRMaj eigenvectors) {

    /** Default relative tolerance for zero eigenvalues, relative to {@link #scaleOf}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;

    /**
     * An eigenvalue cluster: eigenvalues within {@code tolerance} of their neighbours are one cluster.
     *
     * @param value        mean of the members
     * @param multiplicity number of eigenvalues in the cluster
     * @param first        index (ascending order) of its smallest member
     */
    public record Cluster(double value, int multiplicity, int first) {
    }

    public DenseSpectrum {
        eigenvalues = eigenvalues.clone();
        if (eigenvectors != null) {
            eigenvectors = eigenvectors.copy();
        }
    }

    /** Spectrum without eigenvectors. */
    public DenseSpectrum(double[] eigenvalues, double tolerance) {
        this(eigenvalues, tolerance, null);
    }

    /**
     * Eigenvalues of the symmetric matrix {@code m} (symmetrised first), with zero tolerance
     * {@code relTol * max(1, |mu|_max)}.
     */
    public static DenseSpectrum of(DMatrixRMaj m, double relTol) {
        return compute(m, relTol, false);
    }

    /** As {@link #of} with the default relative tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}. */
    public static DenseSpectrum of(DMatrixRMaj m) {
        return compute(m, DEFAULT_RELATIVE_TOLERANCE, false);
    }

    /** As {@link #of}, also keeping the unit eigenvectors (columns, in ascending order of eigenvalue). */
    public static DenseSpectrum withVectors(DMatrixRMaj m, double relTol) {
        return compute(m, relTol, true);
    }

    /** Dense matrix of a matrix-free operator ({@code n} applications to unit vectors), e.g. a small Hessian. */
    public static DMatrixRMaj toMatrix(SymmetricOperator op) {
        int n = op.dimension();
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        double[] e = new double[n];
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            op.apply(e, out);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                m.set(i, j, out[i]);
            }
        }
        return m;
    }

    private static DenseSpectrum compute(DMatrixRMaj m, double relTol, boolean vectors) {
        EigenPairs.requireSquare(m);
        if (!(relTol >= 0) || Double.isInfinite(relTol)) {
            throw new IllegalArgumentException("relative tolerance is " + relTol + ", expected finite and >= 0");
        }
        if (!vectors) {
            double[] ev = SymmetricEigen.eigenvalues(m);
            return new DenseSpectrum(ev, relTol * scaleOf(ev), null);
        }
        EigenPairs.Result r = EigenPairs.solve(EigenPairs.symmetrised(m));
        return new DenseSpectrum(r.values(), relTol * scaleOf(r.values()), r.vectors());
    }

    /** {@code max(1, max |mu|)}: zeros are judged relative to this. */
    public static double scaleOf(double[] ev) {
        double s = 1;
        for (double v : ev) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    public int dimension() {
        return eigenvalues.length;
    }

    public double min() {
        return eigenvalues[0];
    }

    public double max() {
        return eigenvalues[eigenvalues.length - 1];
    }

    /** Number of eigenvalues with {@code |mu| <= tolerance}. */
    public int zeroCount() {
        return (int) Arrays.stream(eigenvalues).filter(v -> Math.abs(v) <= tolerance).count();
    }

    /** Number of eigenvalues {@code < -tolerance}. */
    public int negativeCount() {
        return (int) Arrays.stream(eigenvalues).filter(v -> v < -tolerance).count();
    }

    /** Number of eigenvalues {@code > tolerance}. */
    public int positiveCount() {
        return (int) Arrays.stream(eigenvalues).filter(v -> v > tolerance).count();
    }

    /**
     * Eigenvalues grouped into clusters, ascending: consecutive eigenvalues closer than {@code tolerance} belong to
     * one cluster (single linkage), so the multiplicities are those "at the stated tolerance".
     */
    public List<Cluster> clusters() {
        return clusters(eigenvalues, tolerance);
    }

    /** Clusters of ascending {@code values} at absolute tolerance {@code tol} (see {@link #clusters()}). */
    public static List<Cluster> clusters(double[] ascending, double tol) {
        List<Cluster> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= ascending.length; k++) {
            if (k == ascending.length || ascending[k] - ascending[k - 1] > tol) {
                double sum = 0;
                for (int i = start; i < k; i++) {
                    sum += ascending[i];
                }
                out.add(new Cluster(sum / (k - start), k - start, start));
                start = k;
            }
        }
        return out;
    }

    /** Distinct eigenvalues (cluster means), ascending. */
    public double[] distinct() {
        return clusters().stream().mapToDouble(Cluster::value).toArray();
    }

    /** Whether eigenvectors were computed. */
    public boolean hasVectors() {
        return eigenvectors != null;
    }

    /** Unit eigenvector of {@code eigenvalues()[k]} (ascending index). */
    public double[] eigenvector(int k) {
        if (eigenvectors == null) {
            throw new IllegalStateException("eigenvectors were not computed; use DenseSpectrum.withVectors(matrix, tol)");
        }
        if (k < 0 || k >= eigenvalues.length) {
            throw new IllegalArgumentException("eigenvector index " + k + " out of range 0.." + (eigenvalues.length - 1));
        }
        double[] v = new double[eigenvalues.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = eigenvectors.get(i, k);
        }
        return v;
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public DMatrixRMaj eigenvectors() {
        return eigenvectors == null ? null : eigenvectors.copy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseSpectrum d && Arrays.equals(d.eigenvalues, eigenvalues) && d.tolerance == tolerance;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(eigenvalues) * 31 + Double.hashCode(tolerance);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "DenseSpectrum[n=%d, min=%.6g, max=%.6g, %d negative, %d zero (tol %.2g), %d clusters]",
                eigenvalues.length, min(), max(), negativeCount(), zeroCount(), tolerance, clusters().size());
    }
}
