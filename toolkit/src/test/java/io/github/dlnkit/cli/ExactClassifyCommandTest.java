package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code classify --exact}: verdicts in text and JSON, fractions in case files, and one-line refusals (exit 2). */
class ExactClassifyCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve(
            Files.isDirectory(Path.of(System.getProperty("user.dir"), "examples")) ? "." : "..").normalize();

    /** Example E3 on D1 with the hidden basis of layer 1 changed by G = [[1, 1], [0, 1]] and written as fractions. */
    private static final String E3_ROTATED = """
            {"X": [[2, 0, 0], [0, 1, 1]], "Y": [[2, 2, 0], [2, -1, -1]],
             "W": [[["1", 0], [0, 0]], [["1/1", -1], [0, 0]], [[1, 1], [1, 1]]]}
            """;

    private static JsonObject json(String... args) {
        CliTestSupport.Run r = CliTestSupport.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void jsonCarriesExactTrueTheVerdictAndExactValues() {
        JsonObject a = json("classify", "--exact", "--json", "--case", ROOT.resolve("examples/a.json").toString());
        assertTrue(a.get("exact").getAsBoolean());
        assertEquals("NON_STRICT_SADDLE", a.get("class").getAsString());
        assertEquals("5", a.get("valueExact").getAsString());
        assertEquals(1, a.get("r").getAsInt());
        assertTrue(a.getAsJsonArray("pivots").size() >= 1);
        assertFalse(a.has("margins"), "exact mode has no margins: no decision was near a threshold");
        JsonObject d4 = json("classify", "--exact", "--json", "--case", ROOT.resolve("examples/d4-learn1.json").toString());
        assertEquals("STRICT_SADDLE", d4.get("class").getAsString());
        assertEquals("half", d4.get("convention").getAsString());
        assertEquals("1/2", d4.get("valueExact").getAsString(), "half convention applied exactly");
    }

    @Test
    void fractionStringsAreReadExactlyInBothModes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("e3-rotated.json");
        Files.writeString(f, E3_ROTATED);
        JsonObject x = json("classify", "--exact", "--json", "--case", f.toString());
        assertEquals("NON_STRICT_SADDLE", x.get("class").getAsString());
        assertEquals("6", x.get("valueExact").getAsString());
        JsonObject d = json("classify", "--json", "--no-witness", "--case", f.toString());
        assertEquals("NON_STRICT_SADDLE", d.get("class").getAsString());
        CliTestSupport.Run text = CliTestSupport.run("classify", "--exact", "--case", f.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("NON_STRICT_SADDLE  (exact)"), text.out());
    }

    @Test
    void decimalsAreTheirWrittenValueSoOneTenthIsNotTheNearestDouble(@TempDir Path dir) throws IOException {
        // W_1 = 0.1 * (the E1 layer) and W_3 = 10 * (the E1 layer): exactly the global minimizer E1 in decimals
        Path f = dir.resolve("e1-decimal.json");
        Files.writeString(f, """
                {"X": [[2, 0, 0], [0, 1, 1]], "Y": [[2, 2, 0], [2, -1, -1]],
                 "W": [[[0.1, 0.1], [0.1, -0.1]], [[2, 0], [0, 1]], [[5, 0], [0, 10]]]}
                """);
        JsonObject x = json("classify", "--exact", "--json", "--case", f.toString());
        assertEquals("GLOBAL_MIN", x.get("class").getAsString());
        assertEquals("2", x.get("lossExact").getAsString());
    }

    @Test
    void badInputsExitTwoWithOneLineNamingTheEntry(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, -1]], \"W\": [[[\"pi\", 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "key \"W\", W_1 entry (0,0)"},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, -1]], \"W\": [[[\"NaN\", 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "\"p/q\""},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, 1e400]], \"W\": [[[1, 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "1e400"},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, 1e-400]], \"W\": [[[1, 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "outside the range of doubles"},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, -1]], \"W\": [[[\"1/0\", 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "zero denominator"},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, -1]], \"W\": [[[\"1/" + "7".repeat(300) + "\", 0], [0, 0]], [[1, 0], [0, 0]], [[1, 0], [1, 0]]]}",
                        "digits"},
                {"{\"X\": [[2, 0, 0], [0, 1, 1]], \"Y\": [[2, 2, 0], [2, -1, -1]], \"widths\": [2, 2, 2, 2]}",
                        "missing key \"W\""},
                {"{\"Sxx\": [[1, 0], [0, 1]], \"Syx\": [[1, 0], [0, 1]], \"Syy\": [[1, 0], [0, 1]], \"W\": [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]}",
                        "repeated eigenvalue"},
        };
        int k = 0;
        for (String[] c : cases) {
            Path f = dir.resolve("bad" + k++ + ".json");
            Files.writeString(f, c[0]);
            CliTestSupport.Run r = CliTestSupport.run("classify", "--exact", "--case", f.toString());
            assertEquals(2, r.exitCode(), c[1] + ": " + r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.startsWith("dlnkit classify: error:"), err);
            assertTrue(err.contains(c[1]), c[1] + " not in " + err);
        }
        Path big = ROOT.resolve("examples/bench-w5-64-h12.json");
        CliTestSupport.Run r = CliTestSupport.run("classify", "--exact", "--case", big.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("exact mode supports H <= 8"), r.err());
        CliTestSupport.Run h = CliTestSupport.run("classify", "--exact", "--hessian", "--case", ROOT.resolve("examples/e4.json").toString());
        assertEquals(2, h.exitCode(), h.err());
    }
}
