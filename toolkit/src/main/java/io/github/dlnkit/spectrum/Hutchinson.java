package io.github.dlnkit.spectrum;

import io.github.dlnkit.linalg.Vectors;

import java.util.Locale;
import java.util.Random;

/**
 * Hutchinson's stochastic trace estimator (Hutchinson 1989): {@code tr A ~ (1/p) sum_j z_j^T A z_j} with
 * independent Rademacher probes {@code z_j in {-1, +1}^n}, unbiased, with variance {@code 2 sum_{i != k} A_ik^2}
 * per probe (so exact for a diagonal operator). One operator application per probe.
 */
public final class Hutchinson {
    private Hutchinson() {
    }

    /**
     * A trace estimate.
     *
     * @param trace         the sample mean of {@code z^T A z}
     * @param standardError sample standard deviation over {@code sqrt(probes)} (NaN for one probe)
     * @param probes        number of probes
     */
    public record Estimate(double trace, double standardError, int probes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.8g +- %.2g (%d Rademacher probes)", trace, standardError, probes);
        }
    }

    /** Estimates {@code tr A} from {@code probes >= 1} seeded Rademacher probes. */
    public static Estimate trace(SymmetricOperator op, int probes, long seed) {
        if (op == null) {
            throw new IllegalArgumentException("operator is missing (null)");
        }
        if (probes < 1) {
            throw new IllegalArgumentException("Hutchinson probes = " + probes + ", expected >= 1");
        }
        int n = op.dimension();
        Random rng = new Random(seed);
        double[] z = new double[n];
        double[] az = new double[n];
        double sum = 0;
        double sumSq = 0;
        for (int p = 0; p < probes; p++) {
            rademacher(rng, z);
            op.apply(z, az);
            double s = Vectors.dot(z, az);
            sum += s;
            sumSq += s * s;
        }
        double mean = sum / probes;
        double se = probes > 1 ? Math.sqrt(Math.max(0, (sumSq - probes * mean * mean) / (probes - 1)) / probes) : Double.NaN;
        return new Estimate(mean, se, probes);
    }

    /** Fills {@code z} with independent Rademacher signs {@code +-1} from {@code rng}, the probes here and of SLQ. */
    static void rademacher(Random rng, double[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextBoolean() ? 1 : -1;
        }
    }
}
