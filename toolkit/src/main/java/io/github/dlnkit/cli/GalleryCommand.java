package io.github.dlnkit.cli;

import picocli.CommandLine;
import io.github.dlnkit.plot.ChartImages;
import io.github.dlnkit.plot.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlnkit gallery --out docs/gallery}: every chart type as a PNG. */
@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = {"Render every chart type to PNG files (the README gallery).", "",
                "Loss curves and two-axis escape histograms from GD around the D2 saddles (Fig. 3, 4), Hessian",
                "eigenvalues of E4, SLQ densities, 1D and 2D slices, critical values by class, singular-value",
                "trajectories and a convergence plot with its fitted rate. Deterministic (fixed seeds)."})
public final class GalleryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "docs/gallery", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "fewer runs per chart (seconds instead of about ten)")
    boolean quick;

    @Override
    public Integer call() {
        List<Gallery.Entry> charts = Gallery.charts(quick, new ProgressPrinter(spec.commandLine().getErr(), "dlnkit"));
        for (Gallery.Entry e : charts) {
            Path p = ChartImages.png(e.chart(), out.resolve(e.name() + ".png"));
            spec.commandLine().getOut().printf("%-36s %s%n", p, e.description());
        }
        return 0;
    }
}
