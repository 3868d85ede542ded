package io.github.dlnkit.slice;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Witness;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;
import io.github.dlnkit.spectrum.RitzPair;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Locale;

/**
 * Directions for landscape slices: random with the normalization of Li, Xu, Taylor, Studer and Goldstein
 * ("Visualizing the loss landscape of neural nets", NeurIPS 2018), extreme Hessian eigenvectors (dense for small
 * {@code n}, {@link Lanczos} otherwise), and the witness direction of a {@link Classification}.
 */
public final class Directions {
    /** Above this many parameters, Hessian eigenvectors come from Lanczos rather than the dense matrix. */
    public static final int DENSE_LIMIT = 1500;

    private Directions() {
    }

    /** How a random Gaussian direction is scaled. */
    public enum Normalization {
        /**
         * Li et al. 2018 filter normalization: row {@code i} of {@code delta_h} (the weights into neuron {@code i} of
         * layer {@code h}, a "filter") is rescaled to the norm of row {@code i} of {@code W_h}; rows where
         * {@code W_h} vanishes (common at saddles) are rescaled to the RMS row norm of {@code W_h}, or to unit norm
         * when {@code W_h = 0}.
         */
        FILTER,
        /** Layer normalization: {@code ||delta_h||_F = ||W_h||_F} (unit norm when {@code W_h = 0}). */
        LAYER,
        /** The whole direction has Euclidean norm 1. */
        UNIT;

        public static Normalization parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("normalization must be filter, layer or unit, got \"" + s + "\"");
            }
        }
    }

    /** A seeded random Gaussian direction at {@code w}, normalised as asked. */
    public static Direction random(Weights w, Normalization norm, long seed) {
        if (w == null) {
            throw new IllegalArgumentException("point W is missing (null)");
        }
        if (norm == null) {
            throw new IllegalArgumentException("normalization is missing (null), expected FILTER, LAYER or UNIT");
        }
        Architecture arch = w.architecture();
        Weights g = Weights.gaussian(arch, 1, seed);
        if (norm == Normalization.UNIT) {
            return new Direction("random (unit)", g.scale(1 / g.norm()));
        }
        DMatrixRMaj[] out = new DMatrixRMaj[w.depth()];
        for (int h = 1; h <= w.depth(); h++) {
            DMatrixRMaj d = g.layer(h);
            DMatrixRMaj wh = w.layer(h);
            double layerNorm = Math.sqrt(dot(wh.data, wh.data, 0, wh.getNumElements()));
            if (norm == Normalization.LAYER) {
                double target = layerNorm > 0 ? layerNorm : 1;
                double dn = Math.sqrt(dot(d.data, d.data, 0, d.getNumElements()));
                for (int i = 0; i < d.getNumElements(); i++) {
                    d.data[i] *= target / dn;
                }
            } else {
                int cols = d.numCols;
                double rms = layerNorm / Math.sqrt(d.numRows);
                for (int r = 0; r < d.numRows; r++) {
                    double wr = Math.sqrt(dot(wh.data, wh.data, r * cols, cols));
                    double dr = Math.sqrt(dot(d.data, d.data, r * cols, cols));
                    double target = wr > 0 ? wr : (rms > 0 ? rms : 1);
                    for (int c = 0; c < cols; c++) {
                        d.data[r * cols + c] *= target / dr;
                    }
                }
            }
            out[h - 1] = d;
        }
        return new Direction("random (" + norm.name().toLowerCase(Locale.ROOT) + "-normalized)", Weights.of(out));
    }

    private static double dot(double[] a, double[] b, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Unit eigenvectors of the smallest and the largest Hessian eigenvalue at {@code w} (most negative curvature
     * first): from the dense Hessian when {@code n <= }{@link #DENSE_LIMIT}, else from Lanczos (seeded, Ritz
     * residual {@code <= 1e-8} relative).
     */
    public static List<Direction> hessianExtremes(Loss loss, Weights w, Progress progress) {
        if (loss == null || w == null) {
            throw new IllegalArgumentException("Hessian directions need a loss and a point W (got null)");
        }
        int n = w.architecture().parameterCount();
        return n <= DENSE_LIMIT ? hessianExtremesDense(loss, w) : hessianExtremesLanczos(loss, w, progress);
    }

    static List<Direction> hessianExtremesDense(Loss loss, Weights w) {
        int n = w.architecture().parameterCount();
        DenseSpectrum s = DenseSpectrum.withVectors(loss.hessian(w), DenseSpectrum.DEFAULT_RELATIVE_TOLERANCE);
        return List.of(eigen("min", s.min(), Weights.fromVector(w.architecture(), s.eigenvector(0))),
                eigen("max", s.max(), Weights.fromVector(w.architecture(), s.eigenvector(n - 1))));
    }

    static List<Direction> hessianExtremesLanczos(Loss loss, Weights w, Progress progress) {
        int n = w.architecture().parameterCount();
        Lanczos.Result r = Lanczos.run(HessianOperator.of(loss, w), Lanczos.Options.builder().k(1).vectors(true)
                .tolerance(1e-8).maxIterations(Math.min(n, 2000)).progress(progress).build());
        RitzPair lo = r.min();
        RitzPair hi = r.max();
        return List.of(eigen("min", lo.value(), Weights.fromVector(w.architecture(), lo.vector())),
                eigen("max", hi.value(), Weights.fromVector(w.architecture(), hi.vector())));
    }

    private static Direction eigen(String which, double mu, Weights v) {
        return new Direction(String.format(Locale.ROOT, "Hessian %s eigenvector (mu = %.4g)", which, mu), v);
    }

    /**
     * The witness direction of a classification, unit norm: negative curvature for a strict saddle, a descent curve
     * of order {@code >= 3} for a non-strict saddle ({@code achour2024.md} section 10.4).
     *
     * @throws IllegalStateException when the classification carries no witness (a global minimizer, or classified
     *                               with {@code witness(false)})
     */
    public static Direction witness(Classification c) {
        if (c == null) {
            throw new IllegalArgumentException("classification is missing (null)");
        }
        Witness wit = c.witness().orElseThrow(() -> new IllegalStateException("the classification (" + c.pointClass()
                + ") has no witness direction: only saddles classified with witness(true) have one"));
        Weights d = wit.direction();
        return new Direction("witness " + wit.kind() + (wit.order() > 2 ? " (order " + wit.order() + ")" : ""),
                d.scale(1 / d.norm()));
    }
}
