package io.github.dlnkit.spectrum;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Spectral density of a symmetric operator by stochastic Lanczos quadrature (Ubaru, Chen and Saad 2017; Ghorbani,
 * Krishnan and Xiao 2019): for each of {@code p} Rademacher probes {@code v} (unit norm), {@code m} Lanczos steps give
 * Ritz values {@code theta_i} and weights {@code tau_i = (e_1^T y_i)^2}, and
 * <pre>
 *   phi(x) = (1/p) sum_probes sum_i tau_i g_sigma(x - theta_i),   g_sigma = Gaussian of width sigma,
 * </pre>
 * which approximates {@code (1/n) sum_k g_sigma(x - lambda_k)}: it integrates to 1 (multiply by {@code n} for an
 * eigenvalue count per unit). Cost: {@code p m} operator applications.
 *
 * @param grid         abscissae {@code x}
 * @param density      {@code phi(x)}
 * @param nodes        Ritz values per probe ({@code [probe][i]})
 * @param weights      quadrature weights per probe
 * @param sigma        Gaussian broadening
 * @param steps        Lanczos steps per probe
 * @param dimension    {@code n}
 */
public record SpectralDensity(double[] grid, double[] density, double[][] nodes, double[][] weights, double sigma,
                              int steps, int dimension) {

    /**
     * Options.
     *
     * @param probes   number of probes (default 4)
     * @param steps    Lanczos steps per probe (default 60; capped at {@code n})
     * @param points   grid points (default 400)
     * @param lo       grid start (NaN: min Ritz value minus 5 sigma)
     * @param hi       grid end (NaN: max Ritz value plus 5 sigma)
     * @param sigma    broadening (NaN: 1% of the Ritz range)
     * @param seed     seed of the probes
     * @param progress one line per probe (may be null)
     */
    public record Options(int probes, int steps, int points, double lo, double hi, double sigma, long seed,
                          Consumer<String> progress) {
        public Options {
            if (probes < 1) {
                throw new IllegalArgumentException("density probes = " + probes + ", expected >= 1");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("density Lanczos steps = " + steps + ", expected >= 1");
            }
            if (points < 2) {
                throw new IllegalArgumentException("density grid points = " + points + ", expected >= 2");
            }
            if (!Double.isNaN(sigma) && !(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("density broadening sigma = " + sigma
                        + ", expected finite and > 0 (or NaN for automatic)");
            }
            if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
                throw new IllegalArgumentException("density range [" + lo + ", " + hi + "] is not finite, expected finite"
                        + " ends (or NaN for automatic)");
            }
            if (!Double.isNaN(lo) && !Double.isNaN(hi) && !(lo < hi)) {
                throw new IllegalArgumentException("density range [" + lo + ", " + hi + "] is empty, expected lo < hi");
            }
        }

        public static Options defaults() {
            return new Options(4, 60, 400, Double.NaN, Double.NaN, Double.NaN, 1, null);
        }

        public Options withProbes(int v) {
            return new Options(v, steps, points, lo, hi, sigma, seed, progress);
        }

        public Options withSteps(int v) {
            return new Options(probes, v, points, lo, hi, sigma, seed, progress);
        }

        public Options withRange(double l, double h) {
            return new Options(probes, steps, points, l, h, sigma, seed, progress);
        }

        public Options withSigma(double v) {
            return new Options(probes, steps, points, lo, hi, v, seed, progress);
        }

        public Options withPoints(int v) {
            return new Options(probes, steps, v, lo, hi, sigma, seed, progress);
        }

        public Options withSeed(long v) {
            return new Options(probes, steps, points, lo, hi, sigma, v, progress);
        }

        public Options withProgress(Consumer<String> v) {
            return new Options(probes, steps, points, lo, hi, sigma, seed, v);
        }
    }

    /** The density with default options. */
    public static SpectralDensity of(SymmetricOperator op) {
        return of(op, Options.defaults());
    }

    /** Stochastic Lanczos quadrature with the given options. */
    public static SpectralDensity of(SymmetricOperator op, Options o) {
        if (op == null) {
            throw new IllegalArgumentException("operator is missing (null)");
        }
        if (o == null) {
            throw new IllegalArgumentException("density options are missing (null)");
        }
        int n = op.dimension();
        Random rng = new Random(o.seed());
        double[][] nodes = new double[o.probes()][];
        double[][] weights = new double[o.probes()][];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] v = new double[n];
        for (int p = 0; p < o.probes(); p++) {
            Hutchinson.rademacher(rng, v); // Lanczos.tridiagonal normalises a copy
            Tridiagonal.Ritz r = Lanczos.tridiagonal(op, v, o.steps()).ritz();
            nodes[p] = r.values();
            weights[p] = r.weights();
            min = Math.min(min, nodes[p][0]);
            max = Math.max(max, nodes[p][nodes[p].length - 1]);
            if (o.progress() != null) {
                o.progress().accept("density: probe " + (p + 1) + "/" + o.probes() + " (" + nodes[p].length + " Lanczos steps)");
            }
        }
        double sigma = Double.isNaN(o.sigma()) ? Math.max(0.01 * (max - min), 1e-12 * Math.max(1, Math.abs(max))) : o.sigma();
        double lo = Double.isNaN(o.lo()) ? min - 5 * sigma : o.lo();
        double hi = Double.isNaN(o.hi()) ? max + 5 * sigma : o.hi();
        double[] grid = new double[o.points()];
        double[] dens = new double[o.points()];
        double norm = 1 / (Math.sqrt(2 * Math.PI) * sigma * o.probes());
        for (int g = 0; g < grid.length; g++) {
            double x = lo + (hi - lo) * g / (grid.length - 1);
            grid[g] = x;
            double s = 0;
            for (int p = 0; p < nodes.length; p++) {
                for (int i = 0; i < nodes[p].length; i++) {
                    double z = (x - nodes[p][i]) / sigma;
                    s += weights[p][i] * Math.exp(-0.5 * z * z);
                }
            }
            dens[g] = s * norm;
        }
        return new SpectralDensity(grid, dens, nodes, weights, sigma, o.steps(), n);
    }

    /** {@code n (1/p) sum_probes sum_i tau_i theta_i}: the SLQ estimate of {@code tr A}. */
    public double traceEstimate() {
        return dimension * moment(1);
    }

    /** {@code (1/p) sum_probes sum_i tau_i theta_i^k}: estimate of {@code (1/n) tr A^k}. */
    public double moment(int k) {
        double s = 0;
        for (int p = 0; p < nodes.length; p++) {
            for (int i = 0; i < nodes[p].length; i++) {
                s += weights[p][i] * Math.pow(nodes[p][i], k);
            }
        }
        return s / nodes.length;
    }

    /** Trapezoid integral of the density over the grid (close to 1 when the grid covers the spectrum). */
    public double integral() {
        double s = 0;
        for (int g = 1; g < grid.length; g++) {
            s += 0.5 * (density[g] + density[g - 1]) * (grid[g] - grid[g - 1]);
        }
        return s;
    }

    /** Columns {@code eigenvalue} (double), {@code density} (double). */
    public Table toTable() {
        return Table.create("spectral density (SLQ, " + nodes.length + " probes x " + steps + " steps, sigma "
                + String.format(java.util.Locale.ROOT, "%.3g", sigma) + ")",
                DoubleColumn.create("eigenvalue", grid), DoubleColumn.create("density", density));
    }
}
