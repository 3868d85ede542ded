package io.github.dlnkit.dynamics;

import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Collects the rows of a {@link Trajectory} (shared by gradient descent and gradient flow). */
final class Recorder {
    private final String method;
    private final Weights start;
    private final Invariants.Drift drift;
    private final ToDoubleFunction<Weights> distance;
    private final boolean singularValues;
    private final List<double[]> rows = new ArrayList<>();
    private final List<double[]> sv = new ArrayList<>();

    Recorder(String method, Weights start, ToDoubleFunction<Weights> distance, boolean singularValues) {
        this.method = method;
        this.start = start;
        this.drift = new Invariants.Drift(start);
        this.distance = distance;
        this.singularValues = singularValues;
    }

    /** Records the point held in {@code w} (copied). */
    void record(double time, double loss, double gradNorm, DMatrixRMaj[] w, DMatrixRMaj endToEnd) {
        Weights now = Weights.of(w);
        double d = distance == null ? Double.NaN : distance.applyAsDouble(now);
        rows.add(new double[]{time, loss, gradNorm, d, drift.at(now)});
        if (singularValues) {
            double[] s = SingularOps_DDRM.singularValues(endToEnd.copy());
            Arrays.sort(s);
            for (int i = 0, j = s.length - 1; i < j; i++, j--) {
                double tmp = s[i];
                s[i] = s[j];
                s[j] = tmp;
            }
            sv.add(s);
        }
    }

    /** The last recorded time, or NaN. */
    double lastTime() {
        return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[0];
    }

    Trajectory finish(Weights end, Trajectory.StopReason reason, long work) {
        int n = rows.size();
        double[][] cols = new double[5][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 5; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        return new Trajectory(method, cols[0], cols[1], cols[2], cols[3], cols[4], sv.toArray(new double[0][]),
                start, end, reason, work);
    }
}
