package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {

    @Test
    void e4HessianAsJson(@TempDir Path dir) {
        Path f = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(f);
        var run = CliTestSupport.run("eval", "--case", f.toString(), "--hessian", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(6, o.get("loss").getAsDouble(), 1e-12);
        JsonObject h = o.getAsJsonObject("hessian");
        assertEquals(-4 * Math.sqrt(2), h.get("min").getAsDouble(), 1e-9);
        assertEquals(40, h.get("max").getAsDouble(), 1e-9);
        assertEquals(7, h.get("zeroCount").getAsInt());
        assertEquals(12, h.getAsJsonArray("eigenvalues").size());
    }

    @Test
    void denseHessianGuardIsOneOptionForEvalAndSpectrum(@TempDir Path dir) {
        Path f = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(f);   // n = 12 parameters
        var eval = CliTestSupport.run("eval", "--case", f.toString(), "--hessian", "--max-params", "11");
        assertEquals(2, eval.exitCode(), eval.err());
        assertEquals("dlnkit eval: error: --hessian needs the dense Hessian, n = 12 > --max-params 11 parameters; raise --max-params"
                + " or use the Lanczos-based 'spectrum' command", eval.err().strip());
        var spectrum = CliTestSupport.run("spectrum", "--case", f.toString(), "--dense", "--max-params", "11");
        assertEquals(2, spectrum.exitCode(), spectrum.err());
        assertTrue(spectrum.err().contains("--dense needs the dense Hessian, n = 12 > --max-params 11"), spectrum.err());
        var zero = CliTestSupport.run("eval", "--case", f.toString(), "--hessian", "--max-params", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--max-params is 0, expected a positive number"), zero.err());
        assertEquals(0, CliTestSupport.run("eval", "--case", f.toString(), "--hessian", "--max-params", "12").exitCode());
    }

    @Test
    void versionIsTheBuildVersion() throws Exception {
        // toolkit/pom.xml inherits its version from the <parent> block; Maven filters it into dlnkit-version.properties
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("user.dir"), "pom.xml"));
        String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
        String expected = parent.substring(parent.indexOf("<version>") + 9, parent.indexOf("</version>"));
        var run = CliTestSupport.run("-V");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("dlnkit " + expected, run.out().strip());
    }

    @Test
    void textOutputAndHelp(@TempDir Path dir) {
        Path f = dir.resolve("e1.json");
        WorkedExamples.e1().toCaseFile().write(f);
        var run = CliTestSupport.run("eval", "--case", f.toString());
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("loss"));
        var help = CliTestSupport.run("eval", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--hessian"));
    }

    @Test
    void badCaseFileGivesExitCode2AndMessage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"X\": [[1,2],[3]], \"Y\": [[1,1]]}");
        var run = CliTestSupport.run("eval", "--case", f.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("row 1 has 1 entries"), run.err());
        Path nopoint = dir.resolve("nopoint.json");
        Files.writeString(nopoint, "{\"X\": [[1,0],[0,1]], \"Y\": [[1,1]]}");
        var run2 = CliTestSupport.run("eval", "--case", nopoint.toString());
        assertEquals(2, run2.exitCode());
        assertTrue(run2.err().contains("no point"), run2.err());
    }
}
