package io.github.dlnkit.cli;

import io.github.dlnkit.io.CaseFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Mixin for commands that read a case file and can answer in JSON. */
public final class CaseOption {
    @Option(names = "--case", required = true, paramLabel = "FILE", description = "case file (JSON, see docs/case-format.md)")
    Path file;

    @Option(names = "--json", description = "print a single JSON object on stdout instead of text")
    boolean json;

    /**
     * Reads and validates the case file; when it has a point, {@code L(W)} must be finite (else the error names the
     * product that overflows, {@link io.github.dlnkit.model.Loss#overflowCause}).
     */
    public CaseFile read() {
        return read(file);
    }

    /** As {@link #read()} for another case file of the command (e.g. {@code escape --compare}). */
    public static CaseFile read(Path file) {
        CaseFile c = CaseFile.read(file);
        c.pointIfPresent().ifPresent(w -> {
            try {
                c.loss().finiteValue(w);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": key \"W\": " + e.getMessage(), e);
            }
        });
        return c;
    }

    /**
     * The case as chart titles name it: its {@code "name"} key when that is short (at most 24 characters), else the
     * file name ({@code e4.json}).
     */
    public static String caseName(CaseFile c, Path file) {
        if (c != null && c.name() != null && !c.name().isBlank() && c.name().strip().length() <= 24) {
            return c.name().strip();
        }
        return file == null ? "case" : String.valueOf(file.getFileName());
    }

    /** {@link #caseName(CaseFile, Path)} for this option's file. */
    public String caseName(CaseFile c) {
        return caseName(c, file);
    }

    public boolean json() {
        return json;
    }
}
