package io.github.dlnkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures stdout and stderr. */
public final class CliTestSupport {
    private CliTestSupport() {
    }

    /** Result of one run. */
    public record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code dlnkit args...}; every command prints through its spec, so the writers set here see all output. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new Run(code, out.toString(), err.toString());
    }
}
