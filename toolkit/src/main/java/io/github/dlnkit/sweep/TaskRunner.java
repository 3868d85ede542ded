package io.github.dlnkit.sweep;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.Witness;
import io.github.dlnkit.dynamics.EscapeExperiment;
import io.github.dlnkit.dynamics.GradientDescent;
import io.github.dlnkit.dynamics.Trajectory;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs one task of a {@link SweepPlan} into its row of {@code results.csv}. A task's row depends only on the plan
 * and the task (case, grid point, run seed): the perturbation of run seed {@code s} is
 * {@code sigma N(0,1)} with the Gaussian entries of {@link Weights#gaussian}{@code (arch, 1, new SplittableRandom(s).nextLong())},
 * exactly run 0 of {@code EscapeExperiment} with seed {@code s}. Parsed cases and per-case constants (the default
 * escape threshold, the lower critical values) are cached; the runner is safe to share between threads.
 */
public final class TaskRunner {
    /** Largest parameter count for which {@code spectrum} tasks form the dense Hessian (else Lanczos extremes). */
    public static final int DENSE_LIMIT = 1500;
    /** A {@code train} run has reached a critical value {@code c} when {@code L <= c + PLATEAU_TOLERANCE tr(Syy)}. */
    public static final double PLATEAU_TOLERANCE = 1e-3;

    private final SweepPlan plan;
    private final Map<Integer, CaseFile> cases = new ConcurrentHashMap<>();
    private final Map<String, Double> thresholds = new ConcurrentHashMap<>();
    private final Map<Integer, double[]> levels = new ConcurrentHashMap<>();

    public TaskRunner(SweepPlan plan) {
        this.plan = plan;
    }

    /** The case of index {@code i}, parsed once. */
    public CaseFile caseFile(int i) {
        return cases.computeIfAbsent(i, k -> CaseFile.parse(plan.caseJson().get(k)).withName(plan.caseNames().get(k)));
    }

    /** The full row of a task: case, grid values, run, seed, outputs (cells as in {@code results.csv}). */
    public List<String> row(SweepTask t) {
        List<String> r = new ArrayList<>();
        r.add(t.caseName());
        r.addAll(t.valueCells());
        r.add(Integer.toString(t.run()));
        r.add(Long.toString(t.seed()));
        try {
            r.addAll(switch (plan.experiment()) {
                case ESCAPE -> escape(t);
                case TRAIN -> train(t);
                case CLASSIFY -> classify(t);
                case SPECTRUM -> spectrum(t);
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("task " + t.key() + " (case " + t.caseName() + "): " + e.getMessage(), e);
        }
        return r;
    }

    /** The start of a task: {@code W + sigma N(0,1)} (the point itself for sigma = 0). */
    private Weights start(CaseFile c, SweepTask t, double sigma) {
        Weights w = c.requirePoint();
        if (sigma == 0) {
            return w;
        }
        long runSeed = new SplittableRandom(t.seed()).nextLong();
        return w.plus(Weights.gaussian(w.architecture(), 1.0, runSeed), sigma);
    }

    private List<String> escape(SweepTask t) {
        CaseFile c = caseFile(t.caseIndex());
        double thr = threshold(t.caseIndex(), plan.parameter(t, "threshold"));
        GradientDescent gd = GradientDescent.builder().learningRate(plan.parameter(t, "lr"))
                .steps((long) plan.parameter(t, "maxEpochs")).stopBelow(thr).recordEvery(0).singularValues(false).build();
        Trajectory tr = gd.run(c.loss(), start(c, t, plan.parameter(t, "sigma")));
        boolean escaped = tr.stopReason() == Trajectory.StopReason.BELOW_THRESHOLD;
        return List.of(escaped ? Csv.number(tr.finalTime()) : "", Boolean.toString(!escaped), Csv.number(tr.finalLoss()));
    }

    /** The escape threshold: the given one, or (NaN) the midpoint rule of {@link EscapeExperiment}. */
    public double threshold(int caseIndex, double given) {
        return thresholds.computeIfAbsent(caseIndex + "|" + given, k -> {
            CaseFile c = caseFile(caseIndex);
            EscapeExperiment.Builder b = EscapeExperiment.builder(c.loss(), c.requirePoint()).runs(1).threads(1);
            if (!Double.isNaN(given)) {
                b.threshold(given);
            }
            return b.build().threshold();
        });
    }

    private List<String> train(SweepTask t) {
        CaseFile c = caseFile(t.caseIndex());
        double sigma = plan.parameter(t, "sigma");
        Weights w0 = c.pointIfPresent().isPresent() ? start(c, t, sigma)
                : Weights.gaussian(c.requireArchitecture(), sigma, new SplittableRandom(t.seed()).nextLong());
        long steps = (long) plan.parameter(t, "steps");
        Trajectory tr;
        try {
            tr = GradientDescent.builder().learningRate(plan.parameter(t, "lr")).steps(steps).recordEvery(1)
                    .singularValues(false).build().run(c.loss(), w0);
        } catch (IllegalStateException e) {
            return List.of("", "", "true", "");
        }
        double[] lv = levels.computeIfAbsent(t.caseIndex(), k -> lowerLevels(c));
        double tol = PLATEAU_TOLERANCE * c.data().traceSyy() * c.loss().convention().factor();
        double[] loss = tr.loss();
        double[] time = tr.time();
        List<String> reached = new ArrayList<>();
        for (int j = lv.length - 1; j >= 0; j--) {
            if (lv[j] >= loss[0]) {
                continue;
            }
            for (int i = 0; i < loss.length; i++) {
                if (loss[i] <= lv[j] + tol) {
                    reached.add(Csv.number(lv[j]) + "@" + Csv.number(time[i]));
                    break;
                }
            }
        }
        return List.of(Csv.number(tr.finalLoss()), Long.toString(tr.work()), "false", String.join(";", reached));
    }

    /** The lowest (up to 64) critical values in the case's loss convention, ascending. */
    private static double[] lowerLevels(CaseFile c) {
        double f = c.loss().convention().factor();
        return Arrays.stream(CriticalValues.lowest(c.data(), c.requireArchitecture(), 64).values()).map(v -> v * f).toArray();
    }

    private List<String> classify(SweepTask t) {
        CaseFile c = caseFile(t.caseIndex());
        Classifier.Options o = Classifier.Options.builder().gradientTolerance(plan.parameter(t, "gradTol"))
                .rankTolerance(plan.parameter(t, "rankTol")).pivotTolerance(plan.parameter(t, "pivotTol")).build();
        Classification k = Classifier.classify(c.data(), start(c, t, plan.parameter(t, "sigma")), o);
        Witness w = k.witness().orElse(null);
        return List.of(k.pointClass().name(), Arrays.stream(k.S()).mapToObj(Integer::toString).collect(Collectors.joining(";")),
                Integer.toString(k.r()), Csv.number(k.value()), Csv.number(k.margins().min()),
                w == null ? "" : w.kind(), w == null ? "" : Integer.toString(w.order()),
                w == null ? "" : Csv.number(w.leading()));
    }

    private List<String> spectrum(SweepTask t) {
        CaseFile c = caseFile(t.caseIndex());
        Weights w = start(c, t, plan.parameter(t, "sigma"));
        Loss loss = c.loss();
        if (w.architecture().parameterCount() <= DENSE_LIMIT) {
            DenseSpectrum s = DenseSpectrum.of(loss.hessian(w));
            return List.of(Csv.number(s.min()), Csv.number(s.max()), Integer.toString(s.negativeCount()),
                    Integer.toString(s.zeroCount()), "dense");
        }
        Lanczos.Result r = Lanczos.extremes(HessianOperator.of(loss, w), 1);
        return List.of(Csv.number(r.min().value()), Csv.number(r.max().value()), "", "", "lanczos");
    }
}
