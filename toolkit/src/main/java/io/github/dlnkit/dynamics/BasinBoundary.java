package io.github.dlnkit.dynamics;

import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalManifold;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * The boundary between the basins of two components of the global minima (this project's test of Liao et al.'s
 * "the union of saddle basins lies in a codimension-two set", liao2018.md section 5).
 *
 * <p>When the output layer {@code W_H} is square ({@code d_{H-1} = d_y}), every global minimizer has
 * {@code W_H} invertible, so {@code sign det W_H} is constant on each connected component of the global minima and
 * they form at least two components. Gradient descent from a start near either component ends there, so the two
 * basins are disjoint open sets. If the starts that end elsewhere (at saddles) had codimension two or more, they could
 * not disconnect space, and a segment between two starts with different limit signs would have to avoid them: the
 * segment would be covered by two disjoint open sets, which is impossible. So seeded starts that split between both
 * signs <b>prove</b> that some saddle basin has codimension one. {@link #bisect} finds the separating start on a
 * segment, shows that its trajectory stalls at a saddle for longer and longer as the bisection narrows (the plateau
 * grows by {@code ln 2 / ln(1 + eta |mu|)} steps per halving, {@code mu} the saddle's negative eigenvalue), and
 * returns that saddle, polished onto the critical set, with its Hessian inertia (one negative eigenvalue at
 * {@code d_x = d_1 = d_y = 2}). Theorem 1 is unaffected: a codimension-one set still has measure zero.
 */
public final class BasinBoundary {
    /** Default gradient-descent step (D4 data, unit-scale starts). */
    public static final double DEFAULT_ETA = 0.05;
    /** Default cap on steps per run. */
    public static final int DEFAULT_MAX_STEPS = 40_000;
    /** A run has reached a global minimum when {@code L - L* < } this (absolute, in the loss's own scale). */
    public static final double REACHED = 1e-10;

    private BasinBoundary() {
    }

    /**
     * Where one run ends.
     *
     * @param sign         {@code sign det W_H} at the end when a global minimum was reached, else 0
     * @param finalLoss    the loss at the end
     * @param steps        steps taken
     * @param plateauSteps steps spent with the loss within 10% of {@code plateauValue}
     * @param nearSaddle   the iterate with the smallest gradient norm among those with loss above half of
     *                     {@code plateauValue} (the closest approach to the saddle it stalled at)
     */
    public record Run(int sign, double finalLoss, int steps, int plateauSteps, Weights nearSaddle) {
    }

    /**
     * Plain gradient descent from {@code start} until {@code L - minimum < }{@value #REACHED} or {@code maxSteps}.
     *
     * @param plateauValue a saddle value whose plateau is measured (e.g. the smallest positive critical value)
     */
    public static Run run(Loss loss, Weights start, double minimum, double plateauValue, double eta, int maxSteps) {
        requireSquareOutput(start.architecture());
        Weights w = start;
        int plateau = 0;
        double bestGrad = Double.POSITIVE_INFINITY;
        Weights near = start;
        int k = 0;
        double value = loss.value(w);
        for (; k < maxSteps && value - minimum >= REACHED; k++) {
            Weights g = loss.gradient(w);
            if (Math.abs(value - plateauValue) < 0.1 * plateauValue) {
                plateau++;
            }
            if (value > 0.5 * plateauValue + minimum) {
                double gn = g.norm();
                if (gn < bestGrad) {
                    bestGrad = gn;
                    near = w;
                }
            }
            w = w.plus(g, -eta);
            value = loss.value(w);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("gradient descent diverged with eta = " + eta + "; use a smaller step");
            }
        }
        int sign = value - minimum < REACHED ? (int) Math.signum(det(w.layer(w.depth()))) : 0;
        return new Run(sign, value, k, plateau, near);
    }

    /**
     * Counts of seeded Gaussian starts by limit: {@code [det W_H > 0, det W_H < 0, no global minimum]}.
     */
    public static int[] split(Loss loss, Architecture arch, double scale, int runs, long seed, double minimum,
                              double plateauValue) {
        return split(loss, arch, scale, runs, seed, minimum, plateauValue, DEFAULT_ETA);
    }

    /** As {@link #split(Loss, Architecture, double, int, long, double, double)} with step {@code eta}. */
    public static int[] split(Loss loss, Architecture arch, double scale, int runs, long seed, double minimum,
                              double plateauValue, double eta) {
        int[] out = new int[3];
        for (int i = 0; i < runs; i++) {
            Run r = run(loss, Weights.gaussian(arch, scale, seed + i), minimum, plateauValue, eta, DEFAULT_MAX_STEPS);
            out[r.sign() > 0 ? 0 : r.sign() < 0 ? 1 : 2]++;
        }
        return out;
    }

    /**
     * Result of {@link #bisect}.
     *
     * @param depth          halvings done
     * @param position       the separating start's position {@code s} on the segment {@code (1 - s) a + s b}
     * @param plateauSteps   plateau length of the midpoint run after each halving
     * @param stepsPerHalving least-squares slope of the plateau length against the halving index (second half)
     * @param predictedSlope {@code ln 2 / ln(1 + eta |mu|)}, {@code mu} the negative eigenvalue at the saddle
     * @param saddle         the near-saddle iterate of the last run, polished onto the critical set
     * @param saddleLoss     the loss there
     * @param S              its learned eigen-directions (Classifier)
     * @param negative       negative Hessian eigenvalues at the saddle
     * @param zero           zero Hessian eigenvalues
     * @param positive       positive Hessian eigenvalues
     * @param mu             the most negative Hessian eigenvalue
     */
    public record Bisection(int depth, double position, int[] plateauSteps, double stepsPerHalving,
                            double predictedSlope, Weights saddle, double saddleLoss, int[] S, int negative, int zero,
                            int positive, double mu) {
        public Bisection {
            plateauSteps = plateauSteps.clone();
            S = S.clone();
        }

        @Override
        public int[] plateauSteps() {
            return plateauSteps.clone();
        }

        @Override
        public int[] S() {
            return S.clone();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "separating start at s = %.15f after %d halvings; saddle L = %.6g, "
                            + "S = %s, inertia (-, 0, +) = (%d, %d, %d), mu = %.4g; plateau grows %.2f steps per halving "
                            + "(predicted %.2f)", position, depth, saddleLoss, SaddleInertia.setText(S), negative, zero,
                    positive, mu, stepsPerHalving, predictedSlope);
        }
    }

    /**
     * Bisects the segment from {@code a} to {@code b} (starts with different limit signs) {@code depth} times, keeping
     * the two ends on different sides, and examines the saddle the midpoint run stalls at.
     */
    public static Bisection bisect(Loss loss, Weights a, Weights b, int depth, double minimum, double plateauValue) {
        return bisect(loss, a, b, depth, minimum, plateauValue, DEFAULT_ETA);
    }

    /** As {@link #bisect(Loss, Weights, Weights, int, double, double)} with gradient-descent step {@code eta}. */
    public static Bisection bisect(Loss loss, Weights a, Weights b, int depth, double minimum, double plateauValue,
                                   double eta) {
        int sa = run(loss, a, minimum, plateauValue, eta, DEFAULT_MAX_STEPS).sign();
        int sb = run(loss, b, minimum, plateauValue, eta, DEFAULT_MAX_STEPS).sign();
        if (sa == 0 || sb == 0 || sa == sb) {
            throw new IllegalArgumentException("bisection needs two starts that reach global minima with different signs "
                    + "of det W_H, got signs " + sa + " and " + sb);
        }
        double lo = 0;
        double hi = 1;
        int[] plateau = new int[depth];
        Run mid = null;
        for (int k = 0; k < depth; k++) {
            double s = 0.5 * (lo + hi);
            mid = run(loss, a.scale(1 - s).plus(b, s), minimum, plateauValue, eta, DEFAULT_MAX_STEPS);
            plateau[k] = mid.plateauSteps();
            if (mid.sign() == sa) {
                lo = s;
            } else {
                hi = s;
            }
        }
        CriticalManifold.Polished p = CriticalManifold.polish(loss, mid.nearSaddle());
        DenseSpectrum sp = DenseSpectrum.of(loss.hessian(p.point()), 1e-9);
        int[] s = Classifier.classify(loss.data(), p.point()).S();
        double mu = sp.min();
        return new Bisection(depth, 0.5 * (lo + hi), plateau, slope(plateau), Math.log(2) / Math.log(1 + eta * Math.abs(mu)),
                p.point(), loss.value(p.point()), s, sp.negativeCount(), sp.zeroCount(), sp.positiveCount(), mu);
    }

    /** Least-squares slope of {@code y[k]} against {@code k} over the second half of the halvings. */
    static double slope(int[] y) {
        int from = y.length / 2;
        int n = y.length - from;
        double mx = 0;
        double my = 0;
        for (int k = from; k < y.length; k++) {
            mx += k;
            my += y[k];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int k = from; k < y.length; k++) {
            sxy += (k - mx) * (y[k] - my);
            sxx += (k - mx) * (k - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static double det(org.ejml.data.DMatrixRMaj m) {
        return CommonOps_DDRM.det(m);
    }

    private static void requireSquareOutput(Architecture arch) {
        int h = arch.depth();
        if (arch.width(h) != arch.width(h - 1)) {
            throw new IllegalArgumentException("the sign of det W_H separates the global minima only when the output layer "
                    + "is square (d_{H-1} = d_y), got widths " + arch + " " + Arrays.toString(arch.widths()));
        }
    }
}
