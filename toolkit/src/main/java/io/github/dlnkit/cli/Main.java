package io.github.dlnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar dlnkit-all.jar <command>}: the dlnkit command line. Each subcommand is one class in this
 * package; add new ones to {@code subcommands} below.
 */
@Command(name = "dlnkit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Loss landscape of deep linear networks: evaluate, classify, construct, train, inspect spectra.",
        subcommands = {
                EvalCommand.class,
                ExampleCommand.class,
                CriticalValuesCommand.class,
                ClassifyCommand.class,
                ConstructCommand.class,
                RegularizedCommand.class,
                SpectrumCommand.class,
                SliceCommand.class,
                GalleryCommand.class,
                TrainCommand.class,
                EscapeCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the configured command line (shared by {@link #main} and tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(110);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
                cmd.getErr().println("dlnkit " + cmd.getCommandName() + ": error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        System.exit(commandLine().execute(args));
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"dlnkit " + (v == null ? "dev" : v)};
        }
    }
}
