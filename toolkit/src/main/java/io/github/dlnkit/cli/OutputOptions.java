package io.github.dlnkit.cli;

import io.github.dlnkit.io.OutputFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The output files of a command, checked in one place before any work starts. Output options are the
 * {@link Path}-typed options named {@code --out}, {@code --png} or {@code --csv} (a directory when the option's
 * label is {@code DIR}); inputs are {@code --case}, {@code --compare}, {@code --cases} and {@code --spec}. {@link Main} calls
 * {@link #check(CommandSpec)} for every command before it runs, so a command that declares such an option is
 * covered without code of its own:
 * <ul>
 *   <li>an output that is an input (same file after resolving links, {@link OutputFiles#sameFile}) or that two
 *   outputs share is refused;</li>
 *   <li>every output must be writable now: not a directory, its folder (or the nearest existing ancestor) a
 *   writable directory; {@code --png} ends in {@code .png} or {@code .svg};</li>
 *   <li>the files themselves are written atomically by {@link OutputFiles} (charts, tables, case files), so a
 *   failure leaves an existing file intact and no partial file.</li>
 * </ul>
 * As a mixin ({@code @Mixin OutputOptions outputs}) it also reports written files on the command's stderr
 * ({@link #wrote(Path)}).
 */
@picocli.CommandLine.Command
public final class OutputOptions {
    /** Names of output options. */
    public static final Set<String> OUTPUTS = Set.of("--out", "--png", "--csv");
    /** Names of input options (files or, with label DIR, folders read by the command). */
    public static final Set<String> INPUTS = Set.of("--case", "--compare", "--cases", "--spec");

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Prints {@code wrote PATH} on the command's stderr. */
    public void wrote(Path p) {
        wrote(p, null);
    }

    /** Prints {@code wrote PATH: note} on the command's stderr. */
    public void wrote(Path p, String note) {
        PrintWriter err = mixee.commandLine().getErr();
        err.println("wrote " + p + (note == null ? "" : ": " + note));
        err.flush();
    }

    /** Checks the output options of a parsed command; throws {@link IllegalArgumentException} naming option and path. */
    public static void check(CommandSpec spec) {
        List<OutputFiles.Named> outputs = new ArrayList<>();
        List<OutputFiles.Named> inputs = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.type() != Path.class || !(o.getValue() instanceof Path p)) {
                continue;
            }
            String name = o.longestName();
            boolean dir = "DIR".equals(o.paramLabel());
            if (OUTPUTS.contains(name)) {
                checkOne(name, p, dir);
                if (!dir) {
                    outputs.add(new OutputFiles.Named(name, p));
                }
            } else if (INPUTS.contains(name) && !dir) {
                inputs.add(new OutputFiles.Named(name, p));
            }
        }
        OutputFiles.requireDistinct(outputs, inputs);
    }

    private static void checkOne(String option, Path p, boolean dir) {
        try {
            if (dir) {
                OutputFiles.checkWritableDirectory(p);
                return;
            }
            if (option.equals("--png")) {
                String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!n.endsWith(".png") && !n.endsWith(".svg")) {
                    throw new IllegalArgumentException("cannot write " + p + ": expected a file name ending in .png or .svg");
                }
            }
            OutputFiles.checkWritable(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
