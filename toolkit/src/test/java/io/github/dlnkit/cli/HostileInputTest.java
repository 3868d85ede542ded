package io.github.dlnkit.cli;

import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input over every command (issue 16): each case runs the command line in-process and requires exit code
 * 2, one error line naming the key, matrix or path (and the system's reason), no stack trace, and the fixture
 * folder byte-for-byte unchanged (no output created, no input replaced). Refusals happen before any large
 * allocation or long run, so the whole suite takes seconds. {@code {dir}} in a case stands for the fixture folder.
 */
class HostileInputTest {
    @TempDir
    static Path dir;

    private static final Map<String, Long> MILLIS = new ConcurrentHashMap<>();

    /** Fixture files: name -> content. */
    private static Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        String data = "\"X\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], \"Y\": [[3, 0, 0], [0, 2, 0], [0, 0, 1]]";
        f.put("widths.json", "{" + data + ", \"widths\": [3, 3, 3, 3]}");
        f.put("d5.json", "{\"name\": \"D5\", \"description\": \"keep me\", " + data
                + ", \"widths\": [3, 3, 3, 3], \"loss\": \"half\", \"weightDecay\": 0.3}");
        f.put("wide.json", "{\"Sxx\": [[1, 0], [0, 1]], \"Syx\": [[1, 0], [0, 1]], \"Syy\": [[1, 0], [0, 1]], "
                + "\"widths\": [2, 40000, 40000, 2]}");
        f.put("mid.json", mid());
        f.put("deep.json", "{\"X\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        // strict JSON (RFC 8259)
        f.put("unquoted.json", "{X: [[1]], \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("single.json", "{'X': [[1]], 'Y': [[1]], 'widths': [1, 1]}");
        f.put("semicolon.json", "{\"X\": [[1]]; \"Y\": [[1]]; \"widths\": [1, 1]}");
        f.put("hash.json", "# a comment\n{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("slashes.json", "{\"X\": [[1]], // comment\n \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("block.json", "{\"X\": [[1]], /* c */ \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("trailing-comma.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1],}");
        f.put("dup.json", "{\"X\": [[1]], \"Y\": [[1]], \"X\": [[2]], \"widths\": [1, 1]}");
        f.put("nan.json", "{\"X\": [[NaN]], \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("inf.json", "{\"X\": [[1e999]], \"Y\": [[1]], \"widths\": [1, 1]}");
        f.put("text-after.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1]} {}");
        f.put("empty.json", "");
        f.put("array.json", "[[1]]");
        f.put("unknown.json", "{\"X\": [[1]], \"Y\": [[1]], \"color\": \"red\"}");
        f.put("ragged.json", "{\"X\": [[1, 2], [3]], \"Y\": [[1, 2]]}");
        f.put("ycols.json", "{\"X\": [[1, 2]], \"Y\": [[1, 2, 3]]}");
        f.put("both.json", "{\"X\": [[1]], \"Y\": [[1]], \"Sxx\": [[1]], \"Syx\": [[1]], \"Syy\": [[1]]}");
        f.put("noY.json", "{\"X\": [[1]]}");
        f.put("string-entry.json", "{\"X\": [[\"one\"]], \"Y\": [[1]]}");
        f.put("chain.json", "{\"X\": [[1, 0], [0, 1]], \"Y\": [[1, 0], [0, 1]], \"W\": [[[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]]}");
        f.put("d0.json", "{\"X\": [[1, 0], [0, 1]], \"Y\": [[1, 0], [0, 1]], \"widths\": [3, 2]}");
        f.put("widths-frac.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1.5, 1]}");
        f.put("widths-zero.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 0, 1]}");
        f.put("loss.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1], \"loss\": \"mean\"}");
        f.put("wd.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1, 1], \"weightDecay\": -1}");
        f.put("wd-count.json", "{\"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1, 1], \"weightDecay\": [1, 2, 3]}");
        f.put("name.json", "{\"name\": 5, \"X\": [[1]], \"Y\": [[1]], \"widths\": [1, 1]}");
        // moments no data set has
        String w22 = ", \"widths\": [2, 2, 2]";
        f.put("syy-neg.json", "{\"Sxx\": [[1, 0], [0, 1]], \"Syx\": [[1, 0], [0, 1]], \"Syy\": [[-3, 0], [0, 1]]" + w22 + "}");
        f.put("sxx-neg.json", "{\"Sxx\": [[-1, 0], [0, 1]], \"Syx\": [[1, 0], [0, 1]], \"Syy\": [[3, 0], [0, 1]]" + w22 + "}");
        f.put("schur.json", "{\"Sxx\": [[1, 0], [0, 1]], \"Syx\": [[2, 0], [0, 1]], \"Syy\": [[3, 0], [0, 1]]" + w22 + "}");
        f.put("asym.json", "{\"Sxx\": [[1, 0.5], [0, 1]], \"Syx\": [[1, 0], [0, 1]], \"Syy\": [[3, 0], [0, 1]]" + w22 + "}");
        // overflow
        f.put("xbig.json", "{\"X\": [[1e200, 0], [0, 1]], \"Y\": [[1, 0], [0, 1]], \"W\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}");
        f.put("wbig.json", "{\"X\": [[1, 0], [0, 1]], \"Y\": [[1, 0], [0, 1]], \"W\": [[[1e120, 0], [0, 1]], "
                + "[[1e120, 0], [0, 1]], [[1e120, 0], [0, 1]]]}");
        return f;
    }

    /** A case with a point of 2 x 200^2 = 80,000 parameters (file ~ 160 KB; dense Hessian 51 GB). */
    private static String mid() {
        int d = 200;
        StringBuilder eye = new StringBuilder("[");
        for (int i = 0; i < d; i++) {
            eye.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < d; j++) {
                eye.append(j == 0 ? "" : ", ").append(i == j ? 1 : 0);
            }
            eye.append(']');
        }
        eye.append(']');
        return "{\"X\": " + eye + ", \"Y\": " + eye + ", \"W\": [" + eye + ", " + eye + "]}";
    }

    @BeforeAll
    static void fixtures() throws IOException {
        for (var e : files().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        WorkedExamples.e4().toCaseFile().write(dir.resolve("e4.json"));
        WorkedExamples.e4().toCaseFile().withWeightDecay(0.1).write(dir.resolve("e4wd.json"));
        Files.createDirectory(dir.resolve("sub.png"));
        Files.write(dir.resolve("latin1.json"), new byte[]{'{', '"', 'X', (byte) 0xff, '"', '}'});
        Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("e4.json"));
        Files.createSymbolicLink(dir.resolve("link.png"), dir.resolve("e4.json"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.json").toFile(), "rw")) {
            f.setLength((64L << 20) + 1); // sparse: no disk used
        }
    }

    @AfterAll
    static void slowest() {
        MILLIS.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e ->
                System.out.println("HostileInputTest: " + MILLIS.size() + " cases, slowest " + e.getValue() + " ms: " + e.getKey()));
    }

    /** The commands that read --case, each with the least it needs besides the case. */
    private static final Map<String, String[]> READERS = new LinkedHashMap<>();

    static {
        READERS.put("eval", new String[]{"eval"});
        READERS.put("critical-values", new String[]{"critical-values"});
        READERS.put("classify", new String[]{"classify"});
        READERS.put("construct", new String[]{"construct", "--class", "global"});
        READERS.put("regularized", new String[]{"regularized", "--lambda", "0.1"});
        READERS.put("spectrum", new String[]{"spectrum"});
        READERS.put("slice", new String[]{"slice", "--dirs", "random", "--grid", "5"});
        READERS.put("train", new String[]{"train", "--steps", "10", "--lr", "0.01"});
        READERS.put("escape", new String[]{"escape", "--runs", "2"});
        READERS.put("bench", new String[]{"bench", "w1", "--repeat", "1", "--warmup", "0"});
    }

    private static Arguments c(String name, String[] expected, String... args) {
        return Arguments.of(name, expected, args);
    }

    private static String[] x(String... s) {
        return s;
    }

    private static String[] with(String[] base, String... more) {
        String[] a = new String[base.length + more.length];
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        // every reader: broken input files
        for (var e : READERS.entrySet()) {
            String[] b = e.getValue();
            String k = e.getKey();
            l.add(c(k + ": missing case", x("{dir}/missing.json", "no such file or directory"), with(b, "--case", "{dir}/missing.json")));
            l.add(c(k + ": case is a directory", x("{dir}", "is a directory"), with(b, "--case", "{dir}")));
            l.add(c(k + ": /dev/zero", x("/dev/zero", "not a regular file"), with(b, "--case", "/dev/zero")));
            l.add(c(k + ": file over the cap", x("huge.json", "64 MiB limit"), with(b, "--case", "{dir}/huge.json")));
            l.add(c(k + ": duplicate key", x("dup.json", "duplicate key \"X\""), with(b, "--case", "{dir}/dup.json")));
            l.add(c(k + ": unquoted key", x("unquoted.json", "not valid JSON", "line 1 column 3"), with(b, "--case", "{dir}/unquoted.json")));
            l.add(c(k + ": negative Syy", x("Syy", "most negative eigenvalue is -3", "scale"), with(b, "--case", "{dir}/syy-neg.json")));
            l.add(c(k + ": X X^T overflows", x("Sxx = X X^T overflows"), with(b, "--case", "{dir}/xbig.json")));
        }
        // strict JSON and case-file shape errors, named by key
        String[][] json = {
                {"single.json", "not valid JSON"}, {"semicolon.json", "not valid JSON"}, {"hash.json", "not valid JSON"},
                {"slashes.json", "not valid JSON"}, {"block.json", "not valid JSON"}, {"trailing-comma.json", "not valid JSON"},
                {"nan.json", "finite"}, {"inf.json", "expected a finite number"}, {"text-after.json", "not valid JSON"},
                {"empty.json", "not valid JSON"}, {"array.json", "JSON object"}, {"unknown.json", "unknown key \"color\""},
                {"ragged.json", "key \"X\": row 1 has 1 entries, expected 2"}, {"ycols.json", "key \"Y\": shape 1x3"},
                {"both.json", "not both"}, {"noY.json", "missing key \"Y\""}, {"string-entry.json", "key \"X\" entry (0,0)"},
                {"chain.json", "widths must chain"}, {"d0.json", "d_0 = 3, expected d_0 = d_x = 2"},
                {"widths-frac.json", "key \"widths\" entry 1"}, {"widths-zero.json", "key \"widths\" entry 1"},
                {"loss.json", "key \"loss\""}, {"wd.json", "key \"weightDecay\""}, {"wd-count.json", "key \"weightDecay\": 3 values"},
                {"name.json", "key \"name\": expected a string"}, {"deep.json", "nested deeper than 64 levels"}, {"latin1.json", "latin1.json"},
                {"sxx-neg.json", "Sxx (X X^T) must be positive semi-definite"},
                {"schur.json", "Syy - Syx Sxx^-1 Sxy"}, {"asym.json", "Sxx (2x2) must be symmetric"},
        };
        for (String[] j : json) {
            l.add(c("eval: " + j[0], x(j[0], j[1]), "eval", "--case", "{dir}/" + j[0]));
        }
        l.add(c("critical-values: negative Sxx", x("Sxx", "most negative eigenvalue is -1"), "critical-values", "--case", "{dir}/sxx-neg.json"));
        l.add(c("classify: Schur complement", x("Syy - Syx Sxx^-1 Sxy", "-1"), "classify", "--case", "{dir}/schur.json"));
        l.add(c("regularized: Schur complement", x("Syy - Syx Sxx^-1 Sxy"), "regularized", "--case", "{dir}/schur.json", "--lambda", "0.1"));
        // outputs: never onto an input, never a partial file, checked before any work
        l.add(c("train --out = --case", x("--out", "e4.json", "is the input --case"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/e4.json"));
        l.add(c("train --out = link to --case", x("--out", "is the input"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/link.json"));
        l.add(c("train --case link, --out target", x("is the input --case"), "train", "--case", "{dir}/link.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/e4.json"));
        l.add(c("train --out relative spelling of --case", x("is the input"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/./e4.json"));
        l.add(c("escape --out = --case", x("--out", "is the input --case"), "escape", "--case", "{dir}/e4.json", "--runs", "4", "--out", "{dir}/e4.json"));
        l.add(c("escape --out = --compare", x("is the input --compare"), "escape", "--case", "{dir}/e4.json", "--compare", "{dir}/widths.json", "--out", "{dir}/widths.json"));
        l.add(c("construct --out = --case", x("is the input --case"), "construct", "--case", "{dir}/d5.json", "--class", "global", "--out", "{dir}/d5.json"));
        l.add(c("slice --csv = --case", x("--csv", "is the input"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--csv", "{dir}/e4.json"));
        l.add(c("spectrum --png link to --case", x("--png", "is the input"), "spectrum", "--case", "{dir}/e4.json", "--png", "{dir}/link.png"));
        l.add(c("slice --csv and --png same file", x("both name"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--csv", "{dir}/s.png", "--png", "{dir}/s.png"));
        l.add(c("train --png unwritable after --out", x("/sys/x.png", "permission denied"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/t.csv", "--png", "/sys/x.png"));
        l.add(c("train --out is a directory", x("--out", "is a directory"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}"));
        l.add(c("train --out under a file", x("e4.json is not a directory"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0.01", "--out", "{dir}/e4.json/t.csv"));
        l.add(c("escape --png unwritable", x("/sys/h.png", "permission denied"), "escape", "--case", "{dir}/e4.json", "--runs", "2", "--png", "/sys/h.png"));
        l.add(c("escape --png wrong extension", x("h.gif", ".png or .svg"), "escape", "--case", "{dir}/e4.json", "--runs", "2", "--png", "{dir}/h.gif"));
        l.add(c("slice --csv unwritable", x("/sys/s.csv", "permission denied"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--csv", "/sys/s.csv"));
        l.add(c("slice --png directory", x("--png", "is a directory"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--png", "{dir}/sub.png"));
        l.add(c("spectrum --png unwritable", x("/sys/e.png", "permission denied"), "spectrum", "--case", "{dir}/e4.json", "--png", "/sys/e.png"));
        l.add(c("construct --out unwritable", x("/sys/c.json", "permission denied"), "construct", "--case", "{dir}/d5.json", "--class", "global", "--out", "/sys/c.json"));
        l.add(c("example --out unwritable", x("/sys/e4.json", "permission denied"), "example", "E4", "--out", "/sys/e4.json"));
        l.add(c("example --out /dev/null (not a regular file)", x("/dev/null", "not a regular file"), "example", "E4", "--out", "/dev/null"));
        l.add(c("eval --hessian beyond memory", x("the dense Hessian at widths", "Runtime.maxMemory"), "eval", "--case", "{dir}/mid.json", "--hessian", "--max-params", "1000000000"));
        l.add(c("example --out is a directory", x("is a directory"), "example", "E4", "--out", "{dir}"));
        l.add(c("example --out under a file", x("not a directory"), "example", "E4", "--out", "{dir}/e4.json/x.json"));
        l.add(c("gallery --out unwritable", x("/sys/gallery", "permission denied"), "gallery", "--out", "/sys/gallery", "--quick"));
        l.add(c("gallery --out is a file", x("e4.json", "not a directory"), "gallery", "--out", "{dir}/e4.json", "--quick"));
        l.add(c("bench cases --out unwritable", x("/sys/cases", "permission denied"), "bench", "cases", "--quick", "--out", "/sys/cases"));
        l.add(c("bench report --out is a file", x("not a directory"), "bench", "report", "--quick", "--out", "{dir}/e4.json"));
        // resources, checked before allocation
        l.add(c("train at widths [2,40000,40000,2]", x("train needs about", "Runtime.maxMemory", "-Xmx"), "train", "--case", "{dir}/wide.json", "--steps", "10", "--lr", "0.01"));
        l.add(c("construct at widths [2,40000,40000,2]", x("construct needs about", "Runtime.maxMemory"), "construct", "--case", "{dir}/wide.json", "--class", "global"));
        l.add(c("regularized at widths [2,40000,40000,2]", x("regularized needs about", "Runtime.maxMemory"), "regularized", "--case", "{dir}/wide.json", "--lambda", "0.1"));
        l.add(c("escape --runs 2000000000", x("escape --runs 2000000000 needs about", "-Xmx"), "escape", "--case", "{dir}/e4.json", "--runs", "2000000000"));
        l.add(c("train --steps Long.MAX --png", x("would take about", "years"), "train", "--case", "{dir}/e4.json", "--steps", "9223372036854775807", "--lr", "0.01", "--png", "{dir}/loss.png"));
        l.add(c("train --flow --lr 1e6", x("train --flow", "would take about"), "train", "--case", "{dir}/e4.json", "--steps", "1000", "--lr", "1e6", "--flow"));
        l.add(c("regularized --gd huge", x("regularized --gd", "would take about"), "regularized", "--case", "{dir}/d5.json", "--gd", "2000000000", "--lr", "0.01", "--starts", "1000"));
        l.add(c("escape --max-epochs huge", x("would take about"), "escape", "--case", "{dir}/e4.json", "--runs", "1000000", "--max-epochs", "1000000000"));
        // non-finite numbers: the cause is named, nothing non-finite is printed with exit 0
        l.add(c("eval: W_3 W_2 W_1 overflows", x("key \"W\"", "the product W_3 W_2 W_1 overflows"), "eval", "--case", "{dir}/wbig.json"));
        l.add(c("train: W_3 W_2 W_1 overflows", x("W_3 W_2 W_1 overflows"), "train", "--case", "{dir}/wbig.json", "--steps", "10", "--lr", "0.01"));
        l.add(c("spectrum: W_3 W_2 W_1 overflows", x("W_3 W_2 W_1 overflows"), "spectrum", "--case", "{dir}/wbig.json"));
        l.add(c("escape --compare overflows", x("wbig.json", "W_3 W_2 W_1 overflows"), "escape", "--case", "{dir}/e4.json", "--compare", "{dir}/wbig.json"));
        l.add(c("escape --compare missing", x("{dir}/nope.json", "no such file"), "escape", "--case", "{dir}/e4.json", "--compare", "{dir}/nope.json"));
        l.add(c("slice --line --radius 1e300", x("--radius", "overflows"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--line", "--radius", "1e300"));
        l.add(c("slice --radius 1e300 (plane)", x("--radius", "overflows"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--grid", "5", "--radius", "1e300"));
        l.add(c("slice --radius 1e300 with --csv", x("overflows"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--line", "--radius", "1e300", "--csv", "{dir}/s.csv"));
        // option values
        l.add(c("train --lr 0", x("--lr must be finite and > 0"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "0"));
        l.add(c("train --lr NaN", x("--lr"), "train", "--case", "{dir}/e4.json", "--steps", "10", "--lr", "NaN"));
        l.add(c("train --steps 0", x("--steps must be >= 1"), "train", "--case", "{dir}/e4.json", "--steps", "0", "--lr", "0.01"));
        l.add(c("train --steps abc", x("--steps", "abc"), "train", "--case", "{dir}/e4.json", "--steps", "abc", "--lr", "0.01"));
        l.add(c("critical-values --lowest 0", x("--lowest must be >= 1"), "critical-values", "--case", "{dir}/widths.json", "--lowest", "0"));
        l.add(c("classify with weight decay", x("weightDecay"), "classify", "--case", "{dir}/e4wd.json"));
        l.add(c("classify without W", x("key \"W\""), "classify", "--case", "{dir}/widths.json"));
        l.add(c("spectrum --k 0", x("--k is 0"), "spectrum", "--case", "{dir}/e4.json", "--k", "0"));
        l.add(c("slice --grid 1", x("--grid is 1"), "slice", "--case", "{dir}/e4.json", "--dirs", "random", "--grid", "1"));
        l.add(c("example unknown", x("NOPE"), "example", "NOPE"));
        l.add(c("bench unknown workload", x("w9"), "bench", "w9", "--case", "{dir}/e4.json"));
        l.add(c("bench cases without --out", x("--out"), "bench", "cases"));
        l.add(c("bench --warmup-time negative", x("warm-up time", "-1.0"), "bench", "w1", "--case", "{dir}/e4.json", "--warmup-time", "-1"));
        l.add(c("bench --warmup-time NaN", x("warm-up time", "NaN"), "bench", "w1", "--case", "{dir}/e4.json", "--warmup-time", "NaN"));
        l.add(c("bench --threads 0", x("--threads must be in 1..4096, got 0"), "bench", "w4", "--case", "{dir}/e4.json", "--threads", "0"));
        l.add(c("bench --threads 99999", x("--threads must be in 1..4096, got 99999"), "bench", "w3", "--case", "{dir}/e4.json", "--threads", "99999"));
        l.add(c("escape --threads -1", x("--threads must be in 1..4096, got -1"), "escape", "--case", "{dir}/e4.json", "--runs", "2", "--threads", "-1"));
        l.add(c("escape --threads abc", x("--threads", "abc"), "escape", "--case", "{dir}/e4.json", "--runs", "2", "--threads", "abc"));
        l.add(c("construct without --class", x("--class"), "construct", "--case", "{dir}/e4.json"));
        l.add(c("regularized without lambda", x("weight decay"), "regularized", "--case", "{dir}/widths.json"));
        l.add(c("unknown option", x("--bogus"), "eval", "--case", "{dir}/e4.json", "--bogus"));
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineAndNoFileTouched(String name, String[] expected, String[] args) throws Exception {
        String d = dir.toString();
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].replace("{dir}", d);
        }
        Map<String, String> before = snapshot();
        long t0 = System.nanoTime();
        CliTestSupport.Run r = CliTestSupport.run(a);
        MILLIS.put(name, (System.nanoTime() - t0) / 1_000_000);
        assertEquals(2, r.exitCode(), name + ": " + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e.replace("{dir}", d)), name + ": expected '" + e + "' in: " + r.err());
        }
        List<String> errors = r.err().lines().filter(s -> s.contains("error:")).toList();
        assertEquals(1, errors.size(), name + ": one error line expected: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), name + ": stack trace: " + r.err());
        assertEquals(before, snapshot(), name + ": the fixture folder changed");
    }

    /** Relative path -> size and SHA-256 (first MiB) of every entry in the fixture folder, links included. */
    private static Map<String, String> snapshot() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    long size = Files.size(p);
                    byte[] head = new byte[(int) Math.min(size, 1 << 20)];
                    try (var in = Files.newInputStream(p)) {
                        in.readNBytes(head, 0, head.length);
                    }
                    m.put(key, size + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head)));
                } else {
                    m.put(key, "dir");
                }
            }
        }
        return m;
    }
}
