package io.github.dlnkit.spark;

import io.github.dlnkit.sweep.SweepEngine;
import io.github.dlnkit.sweep.SweepPlan;
import io.github.dlnkit.sweep.SweepTask;
import io.github.dlnkit.sweep.TaskRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code dlnkit sweep --engine spark}: the sweep's tasks as a Spark job. The plan (cases as JSON, parameters) is
 * broadcast to the executors, each partition runs its tasks with the toolkit's {@link TaskRunner} (the same code as
 * the local engine, hence the same rows), and the rows are collected to the driver, which appends them to
 * {@code results.csv}. Tasks go out in batches of {@link #TASKS_PER_CORE} per core of the cluster, so a killed sweep
 * loses at most one batch and the progress bar moves.
 *
 * <p>Master: {@code --master} when given, else the one {@code spark-submit} set ({@code spark.master}), else
 * {@code local[*]}. Local masters run without the web UI.
 */
public final class SparkEngine implements SweepEngine {
    /** Tasks per core of the cluster in one batch (one Spark job). */
    public static final int TASKS_PER_CORE = 16;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String describe(Settings settings) {
        return "spark " + sparkVersion() + ", master " + master(new SparkConf(), settings);
    }

    private static String master(SparkConf conf, Settings settings) {
        if (settings.master() != null) {
            return settings.master();
        }
        return conf.contains("spark.master") ? conf.get("spark.master") : "local[*]";
    }

    /** The Spark version on the class path ({@code org.apache.spark.package$.SPARK_VERSION}). */
    static String sparkVersion() {
        try {
            Class<?> p = Class.forName("org.apache.spark.package$");
            Object module = p.getField("MODULE$").get(null);
            return (String) p.getMethod("SPARK_VERSION").invoke(module);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    @Override
    public void run(SweepPlan plan, List<SweepTask> tasks, Settings settings, RowSink sink) {
        SparkConf conf = new SparkConf().setAppName("dlnkit sweep " + plan.name());
        String master = master(conf, settings);
        conf.setMaster(master);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            Broadcast<SweepPlan> shared = sc.broadcast(plan);
            int cores = Math.max(1, sc.defaultParallelism());
            int batch = TASKS_PER_CORE * cores;
            for (int from = 0; from < tasks.size(); from += batch) {
                List<SweepTask> chunk = new ArrayList<>(tasks.subList(from, Math.min(tasks.size(), from + batch)));
                Map<Integer, SweepTask> byIndex = new HashMap<>();
                chunk.forEach(t -> byIndex.put(t.index(), t));
                int slices = Math.min(chunk.size(), 4 * cores);
                List<String[]> rows = sc.parallelize(chunk, slices).mapPartitions(new RunTasks(shared)).collect();
                for (String[] r : rows) {
                    sink.accept(byIndex.get(Integer.parseInt(r[0])), Arrays.asList(r).subList(1, r.length));
                }
            }
        }
    }

    /** Runs the tasks of one partition: {@code [task index, row cells...]} per task. */
    static final class RunTasks implements FlatMapFunction<Iterator<SweepTask>, String[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SweepPlan> plan;

        RunTasks(Broadcast<SweepPlan> plan) {
            this.plan = plan;
        }

        @Override
        public Iterator<String[]> call(Iterator<SweepTask> tasks) {
            TaskRunner runner = new TaskRunner(plan.value());
            List<String[]> out = new ArrayList<>();
            while (tasks.hasNext()) {
                SweepTask t = tasks.next();
                List<String> row = runner.row(t);
                String[] r = new String[row.size() + 1];
                r[0] = Integer.toString(t.index());
                for (int i = 0; i < row.size(); i++) {
                    r[i + 1] = row.get(i);
                }
                out.add(r);
            }
            return out.iterator();
        }
    }
}
