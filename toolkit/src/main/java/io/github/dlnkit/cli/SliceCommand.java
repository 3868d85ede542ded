package io.github.dlnkit.cli;

import picocli.CommandLine;
import io.github.dlnkit.model.Progress;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.plot.ChartImages;
import io.github.dlnkit.plot.Charts;
import io.github.dlnkit.slice.Direction;
import io.github.dlnkit.slice.Directions;
import io.github.dlnkit.slice.Slice1D;
import io.github.dlnkit.slice.Slice2D;
import io.github.dlnkit.slice.Slices;
import io.github.dlnkit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;


import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit slice --case F --dirs random|eigen|witness [--grid 41] [--radius R] [--png out.png]}. */
@Command(name = "slice", mixinStandardHelpOptions = true,
        description = {"Loss on a line or plane through W along random, Hessian-eigen or witness directions.", "",
                "2D: (s, t) -> L(W + s d1 + t d2) on a grid over [-R, R]^2; with --line only t -> L(W + t d1).",
                "Directions: random = two seeded Gaussian directions normalised per filter (Li et al. 2018;",
                "--norm layer|unit); eigen = unit eigenvectors of the smallest and the largest Hessian eigenvalue",
                "(dense up to 1,500 parameters, Lanczos above); witness = the classifier's unit witness direction",
                "and a random unit direction orthogonal to it. --png draws the curve or an iso-band heat map."})
public final class SliceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaseOption input;

    @Option(names = "--dirs", required = true, paramLabel = "KIND", description = "random, eigen or witness")
    String dirs;

    @Option(names = "--grid", defaultValue = "41", paramLabel = "G", description = "grid points per axis (default ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--radius", defaultValue = "1", paramLabel = "R", description = "half-width of the grid (default ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--line", description = "1D slice along the first direction only")
    boolean line;

    @Option(names = "--norm", defaultValue = "filter", paramLabel = "KIND", description = "random directions: filter, layer or unit (default ${DEFAULT-VALUE})")
    String norm;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the slice values as CSV (columns s,t,loss,change or t,loss,change)")
    Path csv;

    @Option(names = "--png", paramLabel = "FILE", description = "draw the slice to a PNG (or .svg)")
    Path png;

    @Override
    public Integer call() {
        CaseFile c = input.read();
        Weights w = c.requirePoint();
        Loss loss = c.loss();
        if (grid < 2 || grid > 401) {
            throw new IllegalArgumentException("--grid is " + grid + ", expected 2..401 points per axis");
        }
        List<Direction> d = directions(c, w, loss);
        JsonObject o = new JsonObject();
        StringBuilder text = new StringBuilder();
        double base = loss.value(w);
        text.append(String.format(Locale.ROOT, "L(W)        %.12g  (%s convention)%n", base, loss.convention().key()));
        text.append("direction 1 ").append(d.get(0).label()).append(String.format(Locale.ROOT, ", norm %.4g%n", d.get(0).vector().norm()));
        o.addProperty("loss", base);
        o.addProperty("direction1", d.get(0).label());
        if (line) {
            line(c, loss, w, d.get(0), base, o, text);
        } else {
            plane(c, loss, w, d, o, text);
        }
        if (csv != null) {
            text.append("csv         ").append(csv).append('\n');
        }
        if (png != null) {
            text.append("chart       ").append(png).append('\n');
        }
        spec.commandLine().getOut().print(input.json() ? Json.print(o) + "\n" : text);
        return 0;
    }

    /** The two directions of {@code --dirs}: seeded random, Hessian extremes, or the witness and a random one. */
    private List<Direction> directions(CaseFile c, Weights w, Loss loss) {
        Directions.Normalization nz = Directions.Normalization.parse(norm);
        return switch (dirs.trim().toLowerCase(Locale.ROOT)) {
            case "random" -> List.of(Directions.random(w, nz, seedOption.seed()), Directions.random(w, nz, seedOption.seed() + 1));
            case "eigen" -> Directions.hessianExtremes(loss, w, Progress.notes(s -> spec.commandLine().getErr().println("dlnkit slice: " + s)));
            case "witness" -> {
                if (loss.hasWeightDecay()) {
                    throw new IllegalArgumentException("--dirs witness needs a case without weight decay (the witness"
                            + " comes from Theorem 7 for the plain loss)");
                }
                Direction wit = Directions.witness(Classifier.classify(c.data(), w));
                yield List.of(wit, Directions.random(w, Directions.Normalization.UNIT, seedOption.seed()).orthogonalTo(wit).unit());
            }
            default -> throw new IllegalArgumentException("--dirs must be random, eigen or witness, got \"" + dirs + "\"");
        };
    }

    /** {@code --line}: the loss along the first direction, with whether it drops on both sides. */
    private void line(CaseFile c, Loss loss, Weights w, Direction d0, double base, JsonObject o, StringBuilder text) {
        Slice1D s = Slices.line(loss, w, d0, radius, grid);
        double[] v = s.loss();
        for (int i = 0; i < v.length; i++) {
            requireFinite(v[i], "t = " + s.t()[i]);
        }
        boolean drops = v[0] < base && v[v.length - 1] < base;
        Table table = s.toTable();
        o.add("t", Json.array(s.t()));
        o.add("values", Json.array(v));
        o.addProperty("dropsOnBothSides", drops);
        text.append(String.format(Locale.ROOT, "ends        L(W - R d) = %.10g, L(W + R d) = %.10g  (R = %s)%s%n", v[0],
                v[v.length - 1], radius, drops ? "  drops on both sides" : ""));
        text.append(Tables.text(table));
        if (csv != null) {
            Tables.csv(table, csv);
        }
        if (png != null) {
            ChartImages.save(Charts.slices(java.util.Map.of(s.direction(), s), io.github.dlnkit.plot.ChartOptions.builder()
                    .title(input.caseName(c) + ": loss along a line through W (--dirs " + dirs.trim() + ")").build()), png);
        }
    }

    /** The loss on the plane of both directions, as a grid. */
    private void plane(CaseFile c, Loss loss, Weights w, List<Direction> d, JsonObject o, StringBuilder text) {
        text.append("direction 2 ").append(d.get(1).label()).append(String.format(Locale.ROOT, ", norm %.4g%n", d.get(1).vector().norm()));
        o.addProperty("direction2", d.get(1).label());
        long t0 = System.nanoTime();
        boolean big = (long) grid * grid * w.architecture().parameterCount() > 20_000_000L;
        Slice2D s = Slices.plane(loss, w, d.get(0), d.get(1), radius, grid,
                big ? Progress.notes(m -> spec.commandLine().getErr().println("dlnkit " + m)) : null);
        int mid = grid / 2;
        double[][] v = s.loss();
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                requireFinite(v[i][j], "(s, t) = (" + s.s()[i] + ", " + s.t()[j] + ")");
            }
        }
        JsonArray rows = new JsonArray();
        for (double[] r : v) {
            rows.add(Json.array(r));
        }
        o.add("s", Json.array(s.s()));
        o.add("t", Json.array(s.t()));
        o.add("values", rows);
        o.addProperty("min", s.min());
        o.addProperty("max", s.max());
        text.append(String.format(Locale.ROOT, "grid        %d x %d on [-%s, %s]^2 (%.1f s)%n", grid, grid, radius, radius,
                (System.nanoTime() - t0) / 1e9));
        text.append(String.format(Locale.ROOT, "range       min %.10g, max %.10g%n", s.min(), s.max()));
        if (grid % 2 == 1) {
            text.append(String.format(Locale.ROOT, "along d1    L(W - R d1) = %.10g, L(W + R d1) = %.10g%n", v[0][mid], v[grid - 1][mid]));
            text.append(String.format(Locale.ROOT, "along d2    L(W - R d2) = %.10g, L(W + R d2) = %.10g%n", v[mid][0], v[mid][grid - 1]));
        }
        if (csv != null) {
            Tables.csv(s.toTable(), csv);
        }
        if (png != null) {
            ChartImages.save(Charts.slice(s, io.github.dlnkit.plot.ChartOptions.builder()
                    .title(input.caseName(c) + ": loss on a plane through W (--dirs " + dirs.trim() + ")")
                    .valueLabel("L(W + s d1 + t d2)").build()), png);
        }
    }

    private void requireFinite(double value, String where) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the loss on the slice is " + value + " at " + where + ": L(W + ...) overflows"
                    + " for --radius " + radius + " (the loss grows like radius^(2H)); use a smaller --radius");
        }
    }
}
