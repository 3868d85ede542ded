package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.stats.LineFit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.Arrays;
import java.util.Locale;

/**
 * Remark 1 of Liao, Chitour and Couillet (liao2018.md section 6), one hidden layer ({@code W_2 W_1}): if
 * {@code C^0 = W_2^T W_2 - W_1 W_1^T} at {@code t = 0} has at least {@code d_y} positive eigenvalues, the gradient flow
 * converges to a global minimum with
 * <pre>
 *   L(t) - L* &lt;= (L(0) - L*) exp(-2 alpha t)   (loss 1/2 ||.||^2),    alpha = the d_y-th LARGEST eigenvalue of C^0
 * </pre>
 * (corrected constant: the seed's "d_y-th smallest" contradicts its own proof). For the loss {@code c ||.||^2} the flow
 * runs {@code 2c} times faster: predicted rate {@code 4 c alpha}. The measured rate is the least-squares slope of
 * {@code -log(L(t) - L*)} on the asymptotic part of a {@link GradientFlow} run; the <em>linearized</em> rate
 * {@code 4c (lambda_min(W_2 W_2^T) + lambda_min(W_1^T W_1))} at the end point is the exact asymptotic rate of the
 * residual {@code M} ({@code dM/dt = -2c (W_2 W_2^T M + M W_1^T W_1)} there), an independent check of the fit when
 * {@code d_x = d_1}; for {@code d_x > d_1}, {@code W_1^T W_1} is singular, its slowest mode need not be excited, and the
 * linearized value is only a lower bound.
 * The bound is tight when {@code C^0} dominates the target ({@code W_1} stays small); otherwise measured &gt; predicted.
 *
 * <p>Needs whitened inputs {@code Sxx = I} (then {@code W -> Wbar} is an isometry and the flow in {@code W} is Liao's
 * GDD), two layers and no weight decay; {@code L* = c (tr Syy - ||Syx||_F^2)}.
 *
 * @param alpha          the {@code d_y}-th largest eigenvalue of {@code C^0}
 * @param predictedRate  {@code 4 c alpha}, the decay rate of {@code L - L*} that Remark 1 guarantees
 * @param measuredRate   fitted decay rate of {@code L - L*}
 * @param linearizedRate {@code 4c (lambda_min(W_2 W_2^T) + lambda_min(W_1^T W_1))} at the end point
 * @param boundSlack     {@code max_{t > 0} [log(L(t) - L*) - log(L(0) - L*) + predictedRate t]} over the records: {@code <= 0} when the bound holds
 * @param trajectory     the flow
 */
public record RemarkOneRate(double alpha, double[] eigenvaluesC0, double predictedRate, double measuredRate,
                            double linearizedRate, double boundSlack, double minimum, Trajectory trajectory) {

    /** {@code measuredRate / predictedRate} ({@code >= 1} up to fit error: Remark 1 is a lower bound). */
    public double ratio() {
        return measuredRate / predictedRate;
    }

    /** The predicted rate {@code 4 c alpha} for a start point, checking the hypotheses (see the class comment). */
    public static double predicted(Loss loss, Weights start) {
        check(loss, start);
        return 4 * loss.convention().factor() * alphaOf(eigenvaluesC0(start), loss.data().outputDim());
    }

    /**
     * Runs the flow from {@code start} until the predicted bound has fallen by {@code 1e-18} (time
     * {@code ln(1e18) / predictedRate}, 1000 records), fits the rate where {@code 1e-18 < (L - L*)/(L(0) - L*) < 1e-13}
     * (deep in the asymptotic regime, where the local rate has settled, and above the integrator's error floor of about
     * {@code 1e-24}) and compares.
     */
    public static RemarkOneRate measure(Loss loss, Weights start) {
        check(loss, start);
        int dy = loss.data().outputDim();
        double c = loss.convention().factor();
        double[] ev = eigenvaluesC0(start);
        double alpha = alphaOf(ev, dy);
        double predicted = 4 * c * alpha;
        double time = Math.log(1e18) / predicted;
        Dataset d = loss.data();
        double lStar = c * (d.traceSyy() - NormOps_DDRM.normF(d.syx()) * NormOps_DDRM.normF(d.syx()));
        DMatrixRMaj syx = d.syx();
        // distance column carries the excess L - L* computed without cancellation: c ||P - Syx||_F^2 (Sxx = I)
        Trajectory t = GradientFlow.builder().time(time).records(1000).distance(w -> {
            DMatrixRMaj m = w.endToEnd();
            CommonOps_DDRM.subtractEquals(m, syx);
            double n = NormOps_DDRM.normF(m);
            return c * n * n;
        }).build().run(loss, start);
        double[] excess = t.distance();
        double e0 = excess[0];
        double slack = Double.NEGATIVE_INFINITY;
        double[] fitT = new double[t.size()];
        double[] fitLog = new double[t.size()];
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            double ti = t.time()[i];
            double le = Math.log(excess[i]);
            if (i > 0) {
                slack = Math.max(slack, le - Math.log(e0) + predicted * ti);
            }
            if (excess[i] < 1e-13 * e0 && excess[i] > 1e-18 * e0) {
                fitT[n] = ti;
                fitLog[n] = le;
                n++;
            }
        }
        if (n < 5) {
            throw new IllegalStateException("too few records (" + n + ") with 1e-18 < (L - L*)/(L(0) - L*) < 1e-13 to fit "
                    + "a rate; the flow converges much faster than Remark 1 predicts (rate " + predicted + ")");
        }
        double slope = LineFit.of(Arrays.copyOf(fitT, n), Arrays.copyOf(fitLog, n)).slope();
        Weights end = t.end();
        double linearized = 4 * c * (minEig(Invariants.gram(end.layer(2), false)) + minEig(Invariants.gram(end.layer(1), true)));
        return new RemarkOneRate(alpha, ev, predicted, -slope, linearized, slack, lStar, t);
    }

    /** Eigenvalues of {@code C^0 = W_2^T W_2 - W_1 W_1^T}, ascending. */
    public static double[] eigenvaluesC0(Weights w) {
        return SymmetricEigen.eigenvalues(Invariants.of(w, 1));
    }

    /** The {@code d_y}-th largest of the ascending eigenvalues {@code ev} of {@code C^0}; it must be positive. */
    private static double alphaOf(double[] ev, int dy) {
        double alpha = ev[ev.length - dy];
        if (!(alpha > 0)) {
            long positive = Arrays.stream(ev).filter(x -> x > 0).count();
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Remark 1 needs at least d_y = %d positive "
                    + "eigenvalues of C^0 = W_2^T W_2 - W_1 W_1^T; it has %d (eigenvalues %s)", dy, positive, Arrays.toString(ev)));
        }
        return alpha;
    }

    private static void check(Loss loss, Weights start) {
        if (loss == null || start == null) {
            throw new IllegalArgumentException("Remark 1 needs a loss and a start point (got null)");
        }
        if (start.depth() != 2) {
            throw new IllegalArgumentException("Remark 1 is about one hidden layer, W = (W_1, W_2); got H = "
                    + start.depth() + " matrices (widths " + start.architecture() + ")");
        }
        if (loss.hasWeightDecay()) {
            throw new IllegalArgumentException("Remark 1 is about the loss without weight decay");
        }
        DMatrixRMaj sxx = loss.data().sxx();
        DMatrixRMaj diff = sxx.copy();
        CommonOps_DDRM.subtractEquals(diff, CommonOps_DDRM.identity(sxx.numRows));
        if (NormOps_DDRM.normF(diff) > 1e-9 * Math.sqrt(sxx.numRows)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Remark 1 is stated for whitened inputs "
                    + "(reduced variables): Sxx must be I (||Sxx - I||_F = %.3g); use Datasets.whitened or reduce the data",
                    NormOps_DDRM.normF(diff)));
        }
        if (start.architecture().width(1) < loss.data().outputDim()) {
            throw new IllegalArgumentException("Remark 1 needs d_1 >= d_y (Assumption 1), got widths " + start.architecture());
        }
    }

    private static double minEig(DMatrixRMaj s) {
        return SymmetricEigen.eigenvalues(s)[0];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Remark 1: alpha = %.6g (d_y-th largest eigenvalue of C^0), predicted rate of L - L* "
                        + "%.6g, measured %.6g (ratio %.4f), linearized at the limit %.6g, bound slack %.2e (<= 0: holds)",
                alpha, predictedRate, measuredRate, ratio(), linearizedRate, boundSlack);
    }
}
