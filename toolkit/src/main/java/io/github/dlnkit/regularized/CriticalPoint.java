package io.github.dlnkit.regularized;

import io.github.dlnkit.model.Weights;

import java.util.Arrays;

/**
 * One closed-form critical point of the regularized loss (theory {@code regularized.md}, section 2.2):
 * {@code W_{L:1} = sum_{k in A} w_k p_k q_k^T} with {@code w_k} a root of {@code z_k = w + lambdabar w^{(2-L)/L}}.
 *
 * @param active            the index set {@code A} (1-based, ascending; {@code k} refers to {@code z_k})
 * @param roots             the root chosen for each {@code k in A}, same order
 * @param w                 the end-to-end singular values {@code w_k}, same order
 * @param weights           the point {@code W} (hidden orthogonal factors seeded)
 * @param value             the closed-form value {@code F} (section 2.2), in the problem's convention
 * @param loss              {@code F(W)} evaluated by {@link io.github.dlnkit.model.Loss}
 * @param gradientNorm      {@code ||grad F(W)||_F / (2c max(1, ||Z||_F))} (relative)
 * @param balancedness      {@code max_l ||lambda_{l+1} W_{l+1}^T W_{l+1} - lambda_l W_l W_l^T||_F}
 * @param classification    the class by the theory (section 2.4)
 * @param degenerate        true when the theory says a component is degenerate here (error bound fails, section 3)
 * @param manifoldDimension dimension of the critical manifold through {@code W}
 * @param hessian           the dense-Hessian diagnostic, or {@code null} when not computed
 */
public record CriticalPoint(int[] active, Root[] roots, double[] w, Weights weights, double value, double loss,
                            double gradientNorm, double balancedness, LandscapeClass classification, boolean degenerate,
                            int manifoldDimension, HessianZeros hessian) {

    @Override
    public int[] active() {
        return active.clone();
    }

    @Override
    public Root[] roots() {
        return roots.clone();
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    /** {@code |A|}. */
    public int rank() {
        return active.length;
    }

    /** "{1,2}" */
    public String activeLabel() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < active.length; i++) {
            sb.append(i == 0 ? "" : ",").append(active[i]);
        }
        return sb.append('}').toString();
    }

    /** Per component {@code k = 1..m}: root code ({@code 1}, {@code s}, {@code L}, {@code D}) or {@code -} when inactive. */
    public String pattern(int components) {
        char[] c = new char[components];
        Arrays.fill(c, '-');
        for (int i = 0; i < active.length; i++) {
            c[active[i] - 1] = roots[i].code().charAt(0);
        }
        return new String(c);
    }

    /** The Hessian class agrees with the theory: negative curvature iff strict saddle; extra zeros iff degenerate. */
    public boolean hessianAgrees() {
        if (hessian == null) {
            return true;
        }
        boolean saddle = classification == LandscapeClass.STRICT_SADDLE;
        return hessian.strictSaddle() == saddle && hessian.errorBoundHolds() != degenerate;
    }

    @Override
    public String toString() {
        return "CriticalPoint[A=" + activeLabel() + ", roots=" + Arrays.toString(roots) + ", w=" + Arrays.toString(w)
                + ", F=" + value + ", " + classification + (degenerate ? ", degenerate" : "") + "]";
    }
}
