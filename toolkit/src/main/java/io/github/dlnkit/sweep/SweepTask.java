package io.github.dlnkit.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One task of a sweep: case, grid point, run and the run's seed. A task is pure: its row depends on nothing else
 * (not on the engine, the thread or the order of execution), so any engine gives the same rows.
 *
 * @param index     position in the sweep's order (case-major, then the grid with its first key outermost, then run)
 * @param caseIndex index of the case in the spec
 * @param caseName  name of the case
 * @param values    the grid point, one value per grid key in the spec's order
 * @param run       run number {@code 0..runs-1}
 * @param seed      the run's seed, {@link #deriveSeed}
 */
public record SweepTask(int index, int caseIndex, String caseName, double[] values, int run, long seed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepTask {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The grid point formatted as in {@code results.csv}. */
    public List<String> valueCells() {
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Csv.number(values[i]);
        }
        return List.of(s);
    }

    /** The task's identity: {@code case|v1|v2|...|run} with the values formatted as in {@code results.csv}. */
    public String key() {
        return key(caseName, valueCells(), run);
    }

    /** The identity of a task from its cells (as read back from {@code results.csv}). */
    public static String key(String caseName, List<String> valueCells, int run) {
        return caseName + "|" + String.join("|", valueCells) + "|" + run;
    }

    /**
     * The seed of a task: the SplitMix64 finaliser of {@code specSeed} combined with the 64-bit FNV-1a hash of the
     * task's identity ({@link #key}). It depends on the spec's seed, the case's name, the grid point and the run
     * number only, never on scheduling; adding a case or a grid value does not change the seeds of the other tasks.
     */
    public static long deriveSeed(long specSeed, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(mix(specSeed) ^ h);
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
