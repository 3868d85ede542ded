package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.Random;

/**
 * The critical set {@code {grad L = 0}} near a critical point, measured by walking on it rather than read off the
 * Hessian. Two tools:
 * <ul>
 *   <li>{@link #polish}: Newton's method on {@code grad L(W) = 0} with a rank-deficient pseudo-inverse,
 *       {@code W <- W - Hess^+ grad}, where the {@code k} eigenvalues of smallest modulus are dropped. Near a
 *       clean (Morse-Bott) critical manifold of dimension {@code k} it converges quadratically onto the manifold.
 *       When the Hessian kernel is larger than the tangent of the critical set (a degenerate point such as a
 *       non-strict saddle), the residual gradient along the extra kernel directions is not corrected and the
 *       iteration stalls: {@link Polished#converged()} is then false.</li>
 *   <li>{@link #localDimension}: perturb a critical point by {@code eps xi} in many random directions, polish
 *       each back onto the critical set, and count the independent displacements (singular values of the
 *       displacement matrix, divided by {@code eps}, above {@value #RANK_THRESHOLD} of the largest and above
 *       {@value #RANK_THRESHOLD} itself). For a clean critical manifold this is
 *       its dimension and equals the number of zero Hessian eigenvalues; it is the check behind
 *       "the zero eigenspace is the tangent of the critical manifold" (Liao et al., Lemma 3; the codimension
 *       argument of their Lemma 4 needs it).</li>
 * </ul>
 */
public final class CriticalManifold {
    /** Relative size of the random perturbations in {@link #localDimension}: {@code eps = 1e-3 max(1, ||W||)}, large enough that a
     * direction of the Hessian kernel that is not tangent leaves a residual gradient {@code O(eps^2)} far above the tolerance. */
    public static final double DEFAULT_RELATIVE_STEP = 1e-3;
    /** Newton iterations allowed in {@link #polish}. */
    public static final int MAX_ITERATIONS = 30;
    /** Singular values of the displacement matrix counted as independent directions: above this fraction of the largest. */
    public static final double RANK_THRESHOLD = 5e-2;

    private CriticalManifold() {
    }

    /**
     * Result of {@link #polish}.
     *
     * @param point        the last iterate
     * @param gradientNorm {@code ||grad L||} there
     * @param tolerance    the gradient norm counted as zero
     * @param iterations   Newton steps taken
     * @param converged    whether {@code gradientNorm <= tolerance}
     */
    public record Polished(Weights point, double gradientNorm, double tolerance, int iterations, boolean converged) {
    }

    /**
     * Result of {@link #localDimension}.
     *
     * @param dimension      number of independent displacements among the perturbations that polished back (the
     *                       local dimension of the critical set when all did; a lower estimate otherwise)
     * @param hessianZeros   number of zero Hessian eigenvalues at the point (relative tolerance 1e-9)
     * @param samples        perturbed starts
     * @param converged      how many of them polished back onto the critical set
     * @param singularValues of the displacement matrix divided by {@code eps}, descending
     * @param epsilon        perturbation size
     */
    public record LocalDimension(int dimension, int hessianZeros, int samples, int converged, double[] singularValues,
                                 double epsilon) {
        public LocalDimension {
            singularValues = singularValues.clone();
        }

        @Override
        public double[] singularValues() {
            return singularValues.clone();
        }

        /** All perturbed starts came back and the displacements span exactly the Hessian kernel: a clean manifold. */
        public boolean zeroEigenspaceIsTangent() {
            return converged == samples && dimension == hessianZeros;
        }
    }

    /**
     * Newton's method on {@code grad L = 0}, dropping the {@code kernel} eigenvalues of smallest modulus of the
     * Hessian at every step (min-norm step orthogonal to the approximate kernel). Stops when
     * {@code ||grad|| <= 1e-12 ||Hess||_2 max(1, ||W||)} or after {@value #MAX_ITERATIONS} steps.
     */
    public static Polished polish(Loss loss, Weights start, int kernel) {
        if (loss == null || start == null) {
            throw new IllegalArgumentException("polish needs a loss and a point W (got null)");
        }
        int n = start.architecture().parameterCount();
        if (kernel < 0 || kernel > n) {
            throw new IllegalArgumentException("kernel dimension " + kernel + " out of range 0.." + n);
        }
        Weights w = start;
        double tol = Double.NaN;
        double gn = Double.NaN;
        for (int it = 0; ; it++) {
            double[] g = loss.gradient(w).toVector();
            gn = norm(g);
            Eigen e = eigen(loss.hessian(w));
            if (it == 0) {
                tol = 1e-12 * Math.max(1e-300, e.maxAbs()) * Math.max(1, w.norm());
            }
            if (gn <= tol || it == MAX_ITERATIONS) {
                return new Polished(w, gn, tol, it, gn <= tol);
            }
            double[] step = e.pseudoSolve(g, kernel);
            w = w.plus(Weights.fromVector(w.architecture(), step), -1);
        }
    }

    /**
     * {@link #polish} with the kernel dimension read from the Hessian at {@code start}: the eigenvalues below the
     * largest multiplicative gap among those under {@code 1e-2} of the largest modulus (0 if none).
     */
    public static Polished polish(Loss loss, Weights start) {
        return polish(loss, start, gapKernel(eigen(loss.hessian(start)).values));
    }

    /**
     * Local dimension of the critical set at the critical point {@code w}: {@code samples} random perturbations of
     * size {@code eps = }{@value #DEFAULT_RELATIVE_STEP}{@code  max(1, ||W||)}, each polished back with the kernel
     * dimension of the Hessian at {@code w}; the rank of the displacements.
     */
    public static LocalDimension localDimension(Loss loss, Weights w, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        Eigen base = eigen(loss.hessian(w));
        double zeroTol = 1e-9 * Math.max(1, base.maxAbs());
        int zeros = (int) Arrays.stream(base.values).filter(v -> Math.abs(v) <= zeroTol).count();
        int n = w.architecture().parameterCount();
        double eps = DEFAULT_RELATIVE_STEP * Math.max(1, w.norm());
        Random rng = new Random(seed);
        DMatrixRMaj disp = new DMatrixRMaj(n, samples);
        int ok = 0;
        for (int s = 0; s < samples; s++) {
            double[] xi = new double[n];
            for (int i = 0; i < n; i++) {
                xi[i] = rng.nextGaussian();
            }
            double xn = norm(xi);
            Weights start = w.plus(Weights.fromVector(w.architecture(), xi), eps / xn);
            Polished p = polish(loss, start, zeros);
            if (!p.converged()) {
                continue; // a stalled polish did not reach the critical set: its displacement says nothing
            }
            double[] d = p.point().minus(w).toVector();
            for (int i = 0; i < n; i++) {
                disp.set(i, ok, d[i] / eps);
            }
            ok++;
        }
        double[] sv = SingularOps.svd(disp).s();
        int dim = SingularOps.rank(sv, RANK_THRESHOLD, RANK_THRESHOLD);
        return new LocalDimension(dim, zeros, samples, ok, sv, eps);
    }

    static int gapKernel(double[] values) {
        double[] a = Arrays.stream(values).map(Math::abs).sorted().toArray();
        double max = a[a.length - 1];
        int best = 0;
        double bestRatio = 1;
        for (int i = 0; i + 1 < a.length && a[i] < 1e-2 * max; i++) {
            double ratio = a[i + 1] / Math.max(a[i], 1e-300 * max);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = i + 1;
            }
        }
        return bestRatio > 100 ? best : 0;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static Eigen eigen(DMatrixRMaj h) {
        DMatrixRMaj sym = h.copy();
        CommonOps_DDRM.transpose(h, sym);
        CommonOps_DDRM.add(0.5, h, 0.5, sym, sym);
        int n = sym.numRows;
        EigenDecomposition_F64<DMatrixRMaj> d = DecompositionFactory_DDRM.eig(n, true, true);
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        if (d.decompose(sym.copy())) {
            for (int k = 0; k < n; k++) {
                values[k] = d.getEigenvalue(k).getReal();
                vectors[k] = d.getEigenVector(k).data.clone();
            }
        } else {
            io.github.dlnkit.linalg.Jacobi.Decomposition j = io.github.dlnkit.linalg.Jacobi.decompose(sym, true);
            for (int k = 0; k < n; k++) {
                values[k] = j.values()[k];
                vectors[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    vectors[k][i] = j.vectors().get(i, k);
                }
            }
        }
        return new Eigen(values, vectors);
    }

    private record Eigen(double[] values, double[][] vectors) {
        double maxAbs() {
            return Arrays.stream(values).map(Math::abs).max().orElse(0);
        }

        /** {@code sum over kept pairs v v^T g / mu}, dropping the {@code kernel} pairs of smallest {@code |mu|}. */
        double[] pseudoSolve(double[] g, int kernel) {
            int n = values.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
            double[] out = new double[n];
            for (int idx = kernel; idx < n; idx++) {
                int k = order[idx];
                double[] v = vectors[k];
                double c = 0;
                double vv = 0;
                for (int i = 0; i < n; i++) {
                    c += v[i] * g[i];
                    vv += v[i] * v[i];
                }
                c /= values[k] * vv;
                for (int i = 0; i < n; i++) {
                    out[i] += c * v[i];
                }
            }
            return out;
        }
    }
}
