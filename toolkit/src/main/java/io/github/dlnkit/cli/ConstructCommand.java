package io.github.dlnkit.cli;

import picocli.CommandLine;
import com.google.gson.JsonObject;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.critical.RankPattern;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code dlnkit construct --case F (--class C | --S 1,3) [--rank-pattern P] [--seed N] [--out F]}. */
@Command(name = "construct", mixinStandardHelpOptions = true,
        description = {"Build a critical point of a wanted class and S (sections 8, 11).", "",
                "Build a critical point of a wanted class and/or S for the case's data and widths",
                "(Achour et al. sections 8 and 11), re-check it, and write the case file with W.",
                "Without --S: global -> S = [[1,r_max]]; strict/non-strict -> S = [[1,r]] with --r (default r_max-1)."})
public final class ConstructCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaseOption input;

    @Mixin
    OutputOptions outputs;

    @Option(names = "--class", paramLabel = "CLASS", description = "global | strict | non-strict")
    String pointClass;

    @Option(names = "--S", split = ",", paramLabel = "K", description = "learned eigen-directions, 1-based, e.g. 1,3")
    int[] s;

    @Option(names = "--r", paramLabel = "R", description = "rank r for S = [[1,r]] when --S is absent (default r_max - 1)")
    Integer r;

    @Option(names = "--rank-pattern", paramLabel = "INTERVALS",
            description = {"extra intervals a-b[xM] of the section-11 decomposition (besides the r full ones),",
                    "e.g. 1-2,0-1x2; 'none' = only full intervals"})
    String rankPattern;

    @Option(names = "--seed", paramLabel = "N", description = "apply a random hidden change of basis with this seed")
    Long seed;

    @Option(names = "--spread", defaultValue = "" + CriticalPoints.DEFAULT_SPREAD, paramLabel = "X",
            description = "conditioning of the change of basis, cond(G_h) <= e^{2X} (default ${DEFAULT-VALUE})")
    double spread;

    @Option(names = "--widths", split = ",", paramLabel = "D", description = "widths d_0..d_H (overrides those of the case)")
    int[] widths;

    @Option(names = "--out", paramLabel = "FILE", description = "write the case file here (default: stdout)")
    Path out;

    @Override
    public Integer call() {
        CaseFile c = input.read();
        Architecture arch = widths != null ? Architecture.of(widths) : c.requireArchitecture();
        Budget.memory("construct", arch, 8, 3, 0, null);
        if (pointClass == null && s == null) {
            throw new IllegalArgumentException("give --class (global|strict|non-strict) or --S (e.g. --S 1,3), or both");
        }
        CriticalPoints.Builder b = CriticalPoints.builder(c.data(), arch);
        PointClass wanted = pointClass == null ? null : PointClass.parse(pointClass);
        if (wanted != null) {
            b.pointClass(wanted);
        }
        if (s != null) {
            b.S(s);
        } else if (wanted != PointClass.GLOBAL_MIN) {
            int rr = r != null ? r : arch.rMax() - 1;
            if (rr < 0 || rr >= arch.rMax()) {
                throw new IllegalArgumentException("--r must be in 0.." + (arch.rMax() - 1) + " (below r_max = "
                        + arch.rMax() + ") for a saddle, got " + rr);
            }
            int[] prefix = new int[rr];
            for (int i = 0; i < rr; i++) {
                prefix[i] = i + 1;
            }
            b.S(prefix);
        }
        if (rankPattern != null) {
            b.rankPattern(RankPattern.parse(arch.depth(), rankPattern));
        }
        if (seed != null) {
            b.changeOfBasis(seed).spread(spread).vectorSeed(seed);
        }
        CriticalPoints.Constructed built = b.construct();
        CaseFile result = c.withArchitecture(arch).withPoint(built.weights());
        String note = "constructed " + built.intended() + " with S = " + Arrays.toString(built.S()) + " (" + built.recipe()
                + "), widths " + arch + "; re-checked: gradient 0, S and class as asked";
        if (out != null) {
            result.write(out);
            outputs.wrote(out, note);
            if (input.json()) {
                JsonObject o = new JsonObject();
                o.addProperty("out", out.toString());
                o.addProperty("class", built.intended().name());
                o.add("S", Json.array(built.S()));
                o.addProperty("recipe", built.recipe());
                spec.commandLine().getOut().println(Json.print(o));
            }
        } else {
            spec.commandLine().getErr().println(note);
            spec.commandLine().getOut().print(result.toJson());
        }
        return 0;
    }
}
