package io.github.dlnkit.cli;

import io.github.dlnkit.io.OutputFiles;
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
                SweepCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the configured command line (shared by {@link #main} and tests). Before a command runs, its output
     * paths are checked ({@link OutputOptions#check}); every failure goes through {@link #handle}: exit code 2 and one
     * line for bad input, I/O and resource failures, exit code 1 with a stack trace only for bugs.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(110);
        // every command prints through its spec (spec.commandLine().getOut() / getErr()), never System.out, so one
        // pair of writers set here (or by a test) serves all subcommands
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.Charset.defaultCharset()), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset()), true));
        cl.setExecutionStrategy(parseResult -> {
            CommandLine leaf = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            try {
                OutputOptions.check(leaf.getCommandSpec());
                return new CommandLine.RunLast().execute(parseResult);
            } catch (CommandLine.ExecutionException e) {
                throw e;
            } catch (RuntimeException | Error e) { // Errors are not wrapped by picocli: OOM, stack overflow, linkage bugs
                return handle(e, leaf);
            }
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd));
        cl.setParameterExceptionHandler((ex, args) -> { // one line instead of the whole usage text
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": error: " + ex.getMessage().replace(System.lineSeparator(), " ")
                    + " (see '" + name + " --help')");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /**
     * The single top-level error handler. Bad input ({@link IllegalArgumentException}, {@link IllegalStateException}),
     * I/O failures ({@link java.io.UncheckedIOException}, {@link java.io.IOException}: path and the system's reason)
     * and exhausted memory end with exit code 2 and one line {@code dlnkit CMD: error: ...}; anything else is a bug:
     * stack trace, a line asking to report it, exit code 1.
     */
    static int handle(Throwable ex, CommandLine cmd) {
        java.io.PrintWriter err = cmd.getErr();
        String prefix = "dlnkit " + cmd.getCommandName() + ": error: ";
        String line = null;
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            line = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        } else if (ex instanceof java.io.UncheckedIOException u) {
            line = u.getMessage() != null && u.getMessage().startsWith("cannot ") ? u.getMessage()
                    : OutputFiles.describe(u.getCause());
        } else if (ex instanceof java.io.IOException ioe) {
            line = OutputFiles.describe(ioe);
        } else if (ex instanceof OutOfMemoryError) {
            line = String.format(java.util.Locale.ROOT, "out of memory (this JVM may use at most %.1f GiB, "
                    + "Runtime.maxMemory); use smaller sizes or give Java more memory, e.g. DLNKIT_JAVA_OPTS=-Xmx8g",
                    Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        } else if (ex instanceof StackOverflowError) {
            line = "stack overflow (input nested too deeply?); give Java a larger stack, e.g. DLNKIT_JAVA_OPTS=-Xss64m";
        }
        if (line != null) {
            err.println(prefix + line);
            err.flush();
            return 2;
        }
        err.println("dlnkit " + cmd.getCommandName() + ": internal error (a bug in dlnkit): " + ex);
        ex.printStackTrace(err);
        err.println("Please report it with the command line and the case file: this should not happen.");
        err.flush();
        return 1;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    /**
     * Version of the build: {@code dlnkit-version.properties}, filled in from the POM's {@code project.version} when
     * Maven copies the resources (so it is right in the jar, in {@code target/classes} and in the notebooks).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"dlnkit " + version()};
        }

        static String version() {
            String v = io.github.dlnkit.BuildInfo.property("version");
            return v == null ? "(version unknown: resource missing or not filtered)" : v;
        }
    }
}
