package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

import java.util.Locale;

/**
 * Phase 1 of {@link Classifier}: is {@code W} first-order critical? The gradient of layer {@code h} is
 * {@code grad_h = 2 W_{H:h+1}^T (P Sxx - Syx) W_{h-1:1}^T}; it is measured against the size of what it is made of,
 * {@code scale_h = 2 made(H,h+1) (made(H,1) ||Sxx||_F + ||Syx||_F) made(h-1,1)} ({@link Scales}), which bounds its
 * rounding error up to {@code n eps}: critical iff {@code max_h ||grad_h||_F / scale_h <= tol}. The ratio does not
 * change when the data are scaled or the layers rescaled with {@code prod c_h = 1}.
 *
 * @param relativeGradient {@code max_h ||grad_h|| / scale_h}
 * @param worstLayer       the layer {@code h} where it is largest (1-based)
 * @param worstNorm        {@code ||grad_h||_F} there
 * @param tolerance        the tolerance it was compared with
 * @param decision         the decision with its margin {@code log10(tolerance / relativeGradient)}
 */
record Criticality(double relativeGradient, int worstLayer, double worstNorm, double tolerance, Decision decision) {
    static Criticality measure(Dataset data, Weights w, Scales sc, double tolerance) {
        int hc = w.depth();
        double[] gn = Loss.of(data).gradient(w).layerNorms();
        double base = 2 * (sc.made(hc, 1) * MatrixOps.normF(data.sxx()) + MatrixOps.normF(data.syx()));
        double relGrad = 0;
        int worst = 1;
        for (int h = 1; h <= hc; h++) {
            double scale = base * sc.made(hc, h + 1) * sc.made(h - 1, 1);
            double rel = gn[h - 1] == 0 ? 0 : gn[h - 1] / scale;
            if (!(rel <= relGrad)) {
                relGrad = rel;
                worst = h;
            }
        }
        double decades = Margins.cap(relGrad == 0 ? Margins.CLEAN : Math.abs(Math.log10(tolerance / relGrad)));
        String evidence = String.format(Locale.ROOT, "relative gradient %.3g (largest at W_%d) against tolerance %.1g",
                relGrad, worst, tolerance);
        Decision d = new Decision(Decision.Kind.GRADIENT, relGrad <= tolerance ? "critical" : "not critical",
                decades, evidence);
        return new Criticality(relGrad, worst, gn[worst - 1], tolerance, d);
    }

    boolean critical() {
        return relativeGradient <= tolerance;
    }

    String reason() {
        return String.format(Locale.ROOT, "not a critical point: relative gradient %.3g > tolerance %.1g "
                + "(largest at W_%d, |grad W_%d| = %.3g)", relativeGradient, tolerance, worstLayer, worstLayer, worstNorm);
    }
}
