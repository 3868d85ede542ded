package io.github.dlnkit.cli;

import picocli.CommandLine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.critical.CriticalValue;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit critical-values --case F [--lowest K] [--cap N] [--json]}: Proposition 1 for the case's data and widths. */
@Command(name = "critical-values", mixinStandardHelpOptions = true,
        description = {"List all critical values (Prop 1) with S, rank and possible classes.", "",
                "List the critical values tr(Syy) - sum_{i in S} lambda_i for every S with |S| <= r_max",
                "(Achour et al. Prop. 1), with rank, S (1-based) and the classes their points can have,",
                "sorted by value, in the case's loss convention. Needs W or widths in the case file."})
public final class CriticalValuesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaseOption input;

    @Option(names = "--lowest", paramLabel = "K", description = "only the K lowest values (any d_y; best-first search)")
    Integer lowest;

    @Mixin
    OutputOptions outputs;

    @Option(names = "--png", paramLabel = "FILE", description = "draw the values on a number line, one row per class "
            + "(plot.Charts.criticalValues), as PNG or SVG")
    java.nio.file.Path png;

    @Option(names = "--cap", defaultValue = "200000", paramLabel = "N",
            description = "refuse to list more than N subsets S (default ${DEFAULT-VALUE}); use --lowest beyond")
    long cap;

    @Override
    public Integer call() {
        CaseFile c = input.read();
        Architecture arch = c.requireArchitecture();
        if (lowest != null && lowest < 1) {
            throw new IllegalArgumentException("--lowest must be >= 1, got " + lowest);
        }
        CriticalValues cv = (lowest != null ? CriticalValues.lowest(c.data(), arch, lowest)
                : CriticalValues.of(c.data(), arch, cap)).scaled(c.convention().factor());
        if (png != null) {
            io.github.dlnkit.plot.ChartImages.save(io.github.dlnkit.plot.Charts.criticalValues(cv.entries(),
                    io.github.dlnkit.plot.ChartOptions.builder().title(input.caseName(c) + ": " + (cv.complete() ? "all "
                            : "lowest ") + cv.entries().size() + " critical values by class, widths " + arch).build()), png);
            outputs.wrote(png);
        }
        if (input.json()) {
            JsonObject o = new JsonObject();
            o.add("widths", Json.array(arch.widths()));
            o.addProperty("rMax", arch.rMax());
            o.addProperty("convention", c.convention().key());
            o.add("eigenvalues", Json.array(cv.eigenvalues()));
            o.addProperty("total", cv.totalExact());
            o.addProperty("complete", cv.complete());
            JsonArray a = new JsonArray();
            for (CriticalValue e : cv.entries()) {
                JsonObject v = new JsonObject();
                v.addProperty("value", e.value());
                v.addProperty("rank", e.rank());
                v.add("S", Json.array(e.S()));
                v.addProperty("prefix", e.prefix());
                JsonArray cl = new JsonArray();
                e.classes().stream().sorted().forEach(x -> cl.add(x.name()));
                v.add("classes", cl);
                a.add(v);
            }
            o.add("values", a);
            if (png != null) {
                o.addProperty("png", png.toString());
            }
            spec.commandLine().getOut().println(Json.print(o));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "widths %s, r_max = %d, %s convention; lambda = %s%n", arch, arch.rMax(),
                    c.convention().key(), eigenvaluesText(cv.eigenvalues()));
            spec.commandLine().getOut().printf(Locale.ROOT, "%s %d of %s subsets S%n", cv.complete() ? "all" : "lowest",
                    cv.entries().size(), CriticalValues.countText(cv.totalExact()));
            spec.commandLine().getOut().printf(Locale.ROOT, "%18s %5s  %-20s %s%n", "value", "rank", "S", "classes");
            for (CriticalValue e : cv.entries()) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%18.10g %5d  %-20s %s%n", e.value(), e.rank(), e.sText(), e.classesText());
            }
        }
        return 0;
    }

    /** All eigenvalues when there are at most 8, else the first 4, the last 2 and how many (lines stay short). */
    static String eigenvaluesText(double[] lambda) {
        java.util.function.IntFunction<String> f = i -> io.github.dlnkit.table.Numbers.format(lambda[i]);
        if (lambda.length <= 8) {
            return java.util.stream.IntStream.range(0, lambda.length).mapToObj(f)
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        int n = lambda.length;
        return "[" + f.apply(0) + ", " + f.apply(1) + ", " + f.apply(2) + ", " + f.apply(3) + ", ..., " + f.apply(n - 2)
                + ", " + f.apply(n - 1) + "] (" + n + " values)";
    }
}
