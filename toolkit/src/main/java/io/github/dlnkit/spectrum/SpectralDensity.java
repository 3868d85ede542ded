package io.github.dlnkit.spectrum;

import io.github.dlnkit.model.Progress;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.Random;

/**
 * Spectral density of a symmetric operator by stochastic Lanczos quadrature (Ubaru, Chen and Saad 2017; Ghorbani,
 * Krishnan and Xiao 2019): for each of {@code p} Rademacher probes {@code v} (unit norm), {@code m} Lanczos steps give
 * Ritz values {@code theta_i} and weights {@code tau_i = (e_1^T y_i)^2}, and
 * <pre>
 *   phi(x) = (1/p) sum_probes sum_i tau_i g_sigma(x - theta_i),   g_sigma = Gaussian of width sigma,
 * </pre>
 * which approximates {@code (1/n) sum_k g_sigma(x - lambda_k)}: it integrates to 1 (multiply by {@code n} for an
 * eigenvalue count per unit). Cost: {@code p m} operator applications.
 * <p>
 * Each probe gives an unbiased estimate {@code n sum_i tau_i theta_i = z^T A z} of {@code tr A} (exactly, once its
 * Krylov space is exhausted); its spread from probe to probe is large when {@code A} has large off-diagonal entries
 * ({@code Var = 2 sum_{i != j} A_ij^2} for Rademacher probes), so {@link #traceEstimate()} comes with
 * {@link #traceStandardError()} (for small structured operators that spread is skewed: a few probes can sit many
 * of their own standard errors below the trace). With {@link Options#withUnitProbes unit probes} the {@code n} unit
 * vectors {@code e_1..e_n} are used instead of random signs: then {@code (1/n) sum_k e_k^T g(A) e_k = (1/n) tr g(A)} and density, trace and moments are
 * exact up to Lanczos rounding (when each Krylov space is exhausted) ({@link #unitProbes()}).
 *
 * @param grid         abscissae {@code x}
 * @param density      {@code phi(x)}
 * @param nodes        Ritz values per probe ({@code [probe][i]})
 * @param weights      quadrature weights per probe
 * @param sigma        Gaussian broadening
 * @param steps        Lanczos steps per probe
 * @param dimension    {@code n}
 * @param unitProbes   whether the probes were the {@code n} unit vectors (exact quadrature) instead of random signs
 */
public record SpectralDensity(double[] grid, double[] density, double[][] nodes, double[][] weights, double sigma,
                              int steps, int dimension, boolean unitProbes) {

    /**
     * Options.
     *
     * @param probes   number of random probes (default 4; ignored with {@code unitProbes})
     * @param steps    Lanczos steps per probe (default 60; capped at {@code n})
     * @param points   grid points (default 400)
     * @param lo       grid start (NaN: min Ritz value minus 5 sigma)
     * @param hi       grid end (NaN: max Ritz value plus 5 sigma)
     * @param sigma    broadening (NaN: 1% of the Ritz range)
     * @param seed     seed of the probes
     * @param progress one line per probe (may be null)
     * @param unitProbes the {@code n} unit vectors as probes: exact density and trace for {@code n} runs of up to
     *                   {@code steps} operator applications (default false: random signs)
     */
    /** Default number of random probes. */
    public static final int DEFAULT_PROBES = 4;
    /** Default Lanczos steps per probe. */
    public static final int DEFAULT_STEPS = 60;
    /** Default grid points. */
    public static final int DEFAULT_POINTS = 400;

    public record Options(int probes, int steps, int points, double lo, double hi, double sigma, long seed,
                          Progress progress, boolean unitProbes) {
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

        /** Defaults: {@link #DEFAULT_PROBES} probes, {@link #DEFAULT_STEPS} steps, {@link #DEFAULT_POINTS} grid points, automatic range and broadening, seed 1. */
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            return new Builder().probes(probes).steps(steps).points(points).range(lo, hi).sigma(sigma).seed(seed)
                    .progress(progress).unitProbes(unitProbes);
        }

        /** Fluent builder of {@link Options}; values are checked by {@link #build()}. */
        public static final class Builder {
            private int probes = DEFAULT_PROBES;
            private int steps = DEFAULT_STEPS;
            private int points = DEFAULT_POINTS;
            private double lo = Double.NaN;
            private double hi = Double.NaN;
            private double sigma = Double.NaN;
            private long seed = 1;
            private Progress progress;
            private boolean unitProbes;

            private Builder() {
            }

            /** Random sign probes (ignored with {@link #unitProbes}). */
            public Builder probes(int v) {
                probes = v;
                return this;
            }

            /** Lanczos steps per probe (capped at {@code n}). */
            public Builder steps(int v) {
                steps = v;
                return this;
            }

            /** Grid points of the density. */
            public Builder points(int v) {
                points = v;
                return this;
            }

            /** Grid ends (NaN: Ritz extremes widened by 5 sigma). */
            public Builder range(double l, double h) {
                lo = l;
                hi = h;
                return this;
            }

            /** Gaussian broadening (NaN: 1% of the Ritz range). */
            public Builder sigma(double v) {
                sigma = v;
                return this;
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            /** One note per probe (may be null). */
            public Builder progress(Progress v) {
                progress = v;
                return this;
            }

            /** The {@code n} unit vectors as probes (exact density and trace) instead of random signs. */
            public Builder unitProbes(boolean v) {
                unitProbes = v;
                return this;
            }

            public Options build() {
                return new Options(probes, steps, points, lo, hi, sigma, seed, progress, unitProbes);
            }
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
        boolean unit = o.unitProbes();
        int probes = unit ? n : o.probes();
        double[][] nodes = new double[probes][];
        double[][] weights = new double[probes][];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] v = new double[n];
        for (int p = 0; p < probes; p++) {
            if (unit) {
                java.util.Arrays.fill(v, 0);
                v[p] = 1;
            } else {
                Hutchinson.rademacher(rng, v); // Lanczos.tridiagonal normalises a copy
            }
            Tridiagonal.Ritz r = Lanczos.tridiagonal(op, v, o.steps()).ritz();
            nodes[p] = r.values();
            weights[p] = r.weights();
            min = Math.min(min, nodes[p][0]);
            max = Math.max(max, nodes[p][nodes[p].length - 1]);
            if (o.progress() != null) {
                o.progress().note("density: probe " + (p + 1) + "/" + probes + " (" + nodes[p].length + " Lanczos steps)");
            }
        }
        double sigma = Double.isNaN(o.sigma()) ? Math.max(0.01 * (max - min), 1e-12 * Math.max(1, Math.abs(max))) : o.sigma();
        double lo = Double.isNaN(o.lo()) ? min - 5 * sigma : o.lo();
        double hi = Double.isNaN(o.hi()) ? max + 5 * sigma : o.hi();
        double[] grid = new double[o.points()];
        double[] dens = new double[o.points()];
        double norm = 1 / (Math.sqrt(2 * Math.PI) * sigma * probes);
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
        return new SpectralDensity(grid, dens, nodes, weights, sigma, o.steps(), n, unit);
    }

    /** Number of probes used ({@code n} for unit probes). */
    public int probes() {
        return nodes.length;
    }

    /** {@code n (1/p) sum_probes sum_i tau_i theta_i}: the SLQ estimate of {@code tr A} (exact for unit probes). */
    public double traceEstimate() {
        return dimension * moment(1);
    }

    /** Per probe {@code n sum_i tau_i theta_i} ({@code = z^T A z} once the probe's Krylov space is exhausted). */
    public double[] probeTraces() {
        double[] t = new double[nodes.length];
        for (int p = 0; p < nodes.length; p++) {
            for (int i = 0; i < nodes[p].length; i++) {
                t[p] += weights[p][i] * nodes[p][i];
            }
            t[p] *= dimension;
        }
        return t;
    }

    /**
     * Standard error of {@link #traceEstimate()}: sample standard deviation of {@link #probeTraces()} over
     * {@code sqrt(p)}; {@code 0} for unit probes (no sampling), NaN for a single random probe.
     */
    public double traceStandardError() {
        if (unitProbes) {
            return 0;
        }
        int p = nodes.length;
        if (p < 2) {
            return Double.NaN;
        }
        double[] t = probeTraces();
        double mean = java.util.Arrays.stream(t).average().orElse(0);
        double ss = 0;
        for (double x : t) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (p - 1) / p);
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
        return Table.create("spectral density (SLQ, " + nodes.length + (unitProbes ? " unit" : "") + " probes x " + steps
                + " steps, sigma "
                + String.format(java.util.Locale.ROOT, "%.3g", sigma) + ")",
                DoubleColumn.create("eigenvalue", grid), DoubleColumn.create("density", density));
    }
}
