package io.github.dlnkit.sweep;

import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.critical.RankPattern;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One case of a sweep: a case file, or a generator that constructs a critical point for the data of a case file
 * (the {@code construct} command's recipe: {@link CriticalPoints#builder}). Paths are resolved against the spec's
 * folder first, then the current folder.
 *
 * @param name        the case's name in the result files (unique within a spec)
 * @param file        the case file (a file case), or the data case of a generator
 * @param generated   whether the point is constructed
 * @param widths      widths {@code d_0..d_H} of the constructed point (null: those of the data case)
 * @param pointClass  wanted class ({@code global}, {@code strict}, {@code non-strict}) or null
 * @param S           1-based learned directions, or null ({@code [[1, r]]} for saddles, as {@code construct})
 * @param r           the rank {@code r} of {@code S = [[1, r]]} when {@code S} is null (null: {@code r_max - 1})
 * @param rankPattern section-11 intervals ({@code "1-2,0-1x2"}, {@code "none"}), or null
 * @param seed        seed of a random hidden change of basis, or null for none
 * @param spread      conditioning of that change of basis ({@code cond <= e^{2 spread}})
 */
public record CaseSpec(String name, String file, boolean generated, int[] widths, String pointClass, int[] S,
                       Integer r, String rankPattern, Long seed, double spread) {

    public CaseSpec {
        widths = widths == null ? null : widths.clone();
        S = S == null ? null : S.clone();
    }

    /** A case read from a file. */
    public static CaseSpec file(String name, String file) {
        return new CaseSpec(name, file, false, null, null, null, null, null, null, CriticalPoints.DEFAULT_SPREAD);
    }

    /**
     * The case as a {@link CaseFile} with its point: read, or constructed and re-checked.
     *
     * @param folder the spec's folder (paths resolve there first, then in the current folder)
     * @param key    the spec key naming this case, for error messages
     */
    public CaseFile resolve(Path folder, String key) {
        Path p = locate(folder, file, key + (generated ? ".data" : ""));
        CaseFile c;
        try {
            c = CaseFile.read(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key \"" + key + "\": " + e.getMessage(), e);
        }
        if (!generated) {
            return c.withName(name);
        }
        try {
            return construct(c).withName(name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("key \"" + key + "\" (case \"" + name + "\"): cannot construct the point: "
                    + e.getMessage(), e);
        }
    }

    private CaseFile construct(CaseFile c) {
        Architecture arch = widths != null ? Architecture.of(widths) : c.requireArchitecture();
        CriticalPoints.Builder b = CriticalPoints.builder(c.data(), arch);
        PointClass wanted = pointClass == null ? null : PointClass.parse(pointClass);
        if (wanted != null) {
            b.pointClass(wanted);
        }
        if (S != null) {
            b.S(S);
        } else if (wanted != PointClass.GLOBAL_MIN) {
            int rr = r != null ? r : arch.rMax() - 1;
            if (rr < 0 || rr >= arch.rMax()) {
                throw new IllegalArgumentException("r must be in 0.." + (arch.rMax() - 1) + " (below r_max = "
                        + arch.rMax() + ") for a saddle, got " + rr);
            }
            int[] prefix = new int[rr];
            Arrays.setAll(prefix, i -> i + 1);
            b.S(prefix);
        }
        if (rankPattern != null) {
            b.rankPattern(RankPattern.parse(arch.depth(), rankPattern));
        }
        if (seed != null) {
            b.changeOfBasis(seed).spread(spread).vectorSeed(seed);
        }
        return c.withArchitecture(arch).withPoint(b.construct().weights())
                .withDescription("constructed by a sweep: " + describe());
    }

    /** The recipe in words ({@code "file examples/e2.json"} or {@code "non-strict, widths [..], pattern 1-2 on data F"}). */
    public String describe() {
        if (!generated) {
            return "file " + file;
        }
        StringBuilder b = new StringBuilder(pointClass == null ? "point" : pointClass);
        if (S != null) {
            b.append(", S ").append(Arrays.toString(S));
        } else if (r != null) {
            b.append(", r ").append(r);
        }
        if (widths != null) {
            b.append(", widths ").append(Arrays.toString(widths));
        }
        if (rankPattern != null) {
            b.append(", pattern ").append(rankPattern);
        }
        if (seed != null) {
            b.append(", basis seed ").append(seed);
        }
        return b.append(", data ").append(file).toString();
    }

    /** {@code rel} against {@code folder}, else against the current folder; an error naming the key otherwise. */
    static Path locate(Path folder, String rel, String key) {
        Path given = Path.of(rel);
        if (given.isAbsolute()) {
            if (!Files.exists(given)) {
                throw new IllegalArgumentException("key \"" + key + "\": case file " + rel + " not found");
            }
            return given;
        }
        Path first = folder == null ? given : folder.resolve(given);
        if (Files.exists(first)) {
            return first;
        }
        if (Files.exists(given)) {
            return given;
        }
        throw new IllegalArgumentException("key \"" + key + "\": case file " + rel + " not found (looked in "
                + (folder == null ? "." : folder) + " and in the current folder)");
    }

    @Override
    public int[] widths() {
        return widths == null ? null : widths.clone();
    }

    @Override
    public int[] S() {
        return S == null ? null : S.clone();
    }
}
