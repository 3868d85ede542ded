package io.github.dlnkit.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the tasks of a sweep somewhere and hands every finished row to a sink, in any order. Engines differ only in
 * where the tasks run: {@link LocalEngine} ({@code local}, all cores of this machine) is built in; others (the
 * {@code spark} engine of the {@code dlnkit-spark} module) are found with {@link ServiceLoader} when their jar is on
 * the class path. Every engine runs the same {@link TaskRunner}, so the rows are the same.
 */
public interface SweepEngine {
    /** The engine's name for {@code --engine}. */
    String name();

    /** Runs {@code tasks} of {@code plan} and passes each row to {@code sink} (from any thread, one call at a time or not). */
    void run(SweepPlan plan, List<SweepTask> tasks, Settings settings, RowSink sink);

    /** A short description of where the tasks ran, for {@code sweep.json} (e.g. {@code "local, 8 threads"}). */
    default String describe(Settings settings) {
        return name();
    }

    /**
     * What the command line passes to an engine.
     *
     * @param threads worker threads of the local engine ({@code >= 1})
     * @param master  the cluster master URL of a distributed engine, or null for its default
     */
    record Settings(int threads, String master) {
    }

    /** Receives the rows as tasks finish. Implementations are thread-safe. */
    @FunctionalInterface
    interface RowSink {
        void accept(SweepTask task, List<String> row);
    }

    /**
     * The engine called {@code name}: {@code local}, or one registered as a service
     * ({@code META-INF/services/io.github.dlnkit.sweep.SweepEngine}).
     */
    static SweepEngine find(String name) {
        if ("local".equals(name)) {
            return new LocalEngine();
        }
        List<String> known = new ArrayList<>(List.of("local"));
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
            known.add(e.name());
        }
        if ("spark".equals(name)) {
            throw new IllegalArgumentException("--engine spark: the Spark engine is not on the class path; build it with "
                    + "'mvn -B package -DskipTests' and run scripts/sweep-spark.sh (or spark-submit, see docs/sweeps.md)");
        }
        throw new IllegalArgumentException("--engine " + name + ": unknown engine, expected one of " + known
                + (known.contains("spark") ? "" : " (spark: run scripts/sweep-spark.sh)"));
    }
}
