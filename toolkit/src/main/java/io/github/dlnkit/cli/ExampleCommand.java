package io.github.dlnkit.cli;

import picocli.CommandLine;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dlnkit example NAME [--out F]}: writes a worked example of the theory as a case file. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Write or list the worked examples as case files.", "",
                "Write a worked example (E1-E5, A, Aprime, B, D4-*, D5-global) as a case file,",
                "or list them with --list."})
public final class ExampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions outputs;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "example name, e.g. E4")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of stdout")
    Path out;

    @Option(names = "--list", description = "list the examples with their class and loss")
    boolean list;

    @Override
    public Integer call() {
        if (list || name == null) {
            for (WorkedExample e : WorkedExamples.all()) {
                spec.commandLine().getOut().printf("%-10s %-18s L = %s  widths %s%n", e.name(), e.expectedClass(), e.expectedLoss(),
                        e.point().architecture());
            }
            return 0;
        }
        var c = WorkedExamples.byName(name).toCaseFile();
        if (out != null) {
            c.write(out);
            outputs.wrote(out);
        } else {
            spec.commandLine().getOut().print(c.toJson());
        }
        return 0;
    }
}
