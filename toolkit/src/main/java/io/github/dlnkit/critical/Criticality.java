package io.github.dlnkit.critical;

import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * Phase 1 of {@link Classifier}: is {@code W} first-order critical? {@code max_h ||grad_h L|| / scale_h <= tol}
 * with {@code scale_h = 2 prod_{k != h} ||W_k||_F (||P||_F ||Sxx||_F + ||Syx||_F)}, the size the gradient would
 * have if nothing cancelled.
 *
 * @param relativeGradient {@code max_h ||grad_h|| / scale_h}
 * @param worstLayer       the layer {@code h} where it is largest (1-based)
 * @param worstNorm        {@code ||grad_h||_F} there
 * @param tolerance        the tolerance it was compared with
 * @param decades          {@code log10(tolerance / relativeGradient)}: the margin of the decision
 */
record Criticality(double relativeGradient, int worstLayer, double worstNorm, double tolerance, double decades) {
    static Criticality measure(Dataset data, Weights w, double tolerance) {
        int hc = w.depth();
        DMatrixRMaj p = w.endToEnd();
        double[] layerNorm = w.layerNorms();
        double[] gn = Loss.of(data).gradient(w).layerNorms();
        double base = 2 * (Numerics.normF(p) * Numerics.normF(data.sxx()) + Numerics.normF(data.syx()));
        double relGrad = 0;
        int worst = 1;
        for (int h = 1; h <= hc; h++) {
            double scale = base;
            for (int k = 1; k <= hc; k++) {
                if (k != h) {
                    scale *= layerNorm[k - 1];
                }
            }
            double rel = gn[h - 1] == 0 ? 0 : gn[h - 1] / scale;
            if (!(rel <= relGrad)) {
                relGrad = rel;
                worst = h;
            }
        }
        double decades = relGrad == 0 ? Double.POSITIVE_INFINITY : Math.log10(tolerance / relGrad);
        return new Criticality(relGrad, worst, gn[worst - 1], tolerance, decades);
    }

    boolean critical() {
        return relativeGradient <= tolerance;
    }

    String reason() {
        return String.format(Locale.ROOT, "not a critical point: relative gradient %.3g > tolerance %.1g "
                + "(largest at W_%d, |grad W_%d| = %.3g)", relativeGradient, tolerance, worstLayer, worstLayer, worstNorm);
    }
}
