package io.github.dlnkit.sweep;

import io.github.dlnkit.io.CaseFile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a worker needs to run the tasks of a sweep, and nothing that depends on this machine: the experiment,
 * the fixed parameters, the grid's keys and every case as case-file JSON (files read and generators constructed once,
 * on the driver). A Spark engine ships the plan to its executors, which therefore need no access to the case files.
 *
 * @param name       the sweep's name
 * @param experiment what each task runs
 * @param gridKeys   the grid's parameter names, in the spec's order
 * @param grid       the grid's values per key
 * @param fixed      the other parameters' values ({@code NaN}: the experiment's default rule)
 * @param caseNames  the cases' names
 * @param caseJson   the cases as case-file JSON ({@link CaseFile#toJson}), same order
 * @param runs       runs per configuration
 * @param seed       the spec's seed
 */
public record SweepPlan(String name, Experiment experiment, List<String> gridKeys, Map<String, List<Double>> grid,
                        Map<String, Double> fixed, List<String> caseNames, List<String> caseJson, int runs, long seed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepPlan {
        gridKeys = List.copyOf(gridKeys);
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        caseNames = List.copyOf(caseNames);
        caseJson = List.copyOf(caseJson);
    }

    /** Resolves the spec's cases (reading files, constructing generated points) into a plan. */
    public static SweepPlan of(SweepSpec spec) {
        List<String> names = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (int i = 0; i < spec.cases().size(); i++) {
            CaseSpec c = spec.cases().get(i);
            CaseFile f = c.resolve(spec.folder(), "cases[" + i + "]");
            names.add(c.name());
            json.add(f.toJson());
        }
        return new SweepPlan(spec.name(), spec.experiment(), new ArrayList<>(spec.grid().keySet()), spec.grid(),
                spec.fixed(), names, json, spec.runs(), spec.seed());
    }

    /** The columns of {@code results.csv}: {@code case}, the grid's keys, {@code run}, {@code seed}, the outputs. */
    public List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("case");
        h.addAll(gridKeys);
        h.add("run");
        h.add("seed");
        h.addAll(experiment.outputs());
        return h;
    }

    /** Number of tasks. */
    public long taskCount() {
        long n = (long) caseNames.size() * runs;
        for (String k : gridKeys) {
            n *= grid.get(k).size();
        }
        return n;
    }

    /** The tasks in order: case-major, then the grid (first key outermost), then run. */
    public List<SweepTask> tasks() {
        if (taskCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sweep " + name + " has " + taskCount() + " tasks, more than one list holds");
        }
        List<SweepTask> out = new ArrayList<>((int) taskCount());
        int[] sizes = gridKeys.stream().mapToInt(k -> grid.get(k).size()).toArray();
        int configs = 1;
        for (int s : sizes) {
            configs *= s;
        }
        for (int c = 0; c < caseNames.size(); c++) {
            for (int g = 0; g < configs; g++) {
                double[] v = new double[sizes.length];
                int rest = g;
                for (int k = sizes.length - 1; k >= 0; k--) {
                    v[k] = grid.get(gridKeys.get(k)).get(rest % sizes[k]);
                    rest /= sizes[k];
                }
                for (int r = 0; r < runs; r++) {
                    String key = new SweepTask(0, c, caseNames.get(c), v, r, 0).key();
                    out.add(new SweepTask(out.size(), c, caseNames.get(c), v, r, SweepTask.deriveSeed(seed, key)));
                }
            }
        }
        return out;
    }

    /** The value of parameter {@code p} for a task: from the grid when it varies, else the fixed value. */
    public double parameter(SweepTask t, String p) {
        int k = gridKeys.indexOf(p);
        if (k >= 0) {
            return t.values()[k];
        }
        Double v = fixed.get(p);
        if (v == null) {
            throw new IllegalArgumentException("experiment " + experiment.key() + " has no parameter " + p);
        }
        return v;
    }
}
