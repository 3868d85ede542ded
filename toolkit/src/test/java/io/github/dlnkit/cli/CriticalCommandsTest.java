package io.github.dlnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CLI: critical-values, classify, construct. */
class CriticalCommandsTest {
    @Test
    void classifyEveryWorkedExampleAsJson(@TempDir Path dir) {
        for (WorkedExample e : WorkedExamples.achour()) {
            Path f = dir.resolve(e.name().replace("'", "p") + ".json");
            e.toCaseFile().write(f);
            var run = CliTestSupport.run("classify", "--case", f.toString(), "--hessian", "--json");
            assertEquals(0, run.exitCode(), run.err());
            JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
            assertTrue(o.get("critical").getAsBoolean());
            assertEquals(e.expectedClass(), o.get("class").getAsString(), e.name());
            assertEquals(e.expectedLoss(), o.get("value").getAsDouble(), 1e-9);
            assertEquals(e.hessianEigenvalues()[0], o.get("hessianMin").getAsDouble(), 1e-8);
            assertTrue(o.has("reason") && o.has("pivots") && o.has("S") && o.has("r"));
            assertTrue(o.getAsJsonObject("hessian").get("agrees").getAsBoolean());
        }
    }

    @Test
    void classifyE5TextAndJsonFields(@TempDir Path dir) {
        Path f = dir.resolve("e5.json");
        WorkedExamples.e5().toCaseFile().write(f);
        var json = CliTestSupport.run("classify", "--case", f.toString(), "--json");
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(1, o.get("r").getAsInt());
        assertEquals(2, o.getAsJsonArray("S").get(0).getAsInt());
        assertEquals("rotation", o.getAsJsonObject("witness").get("kind").getAsString());
        assertFalse(o.has("hessianMin"));
        var text = CliTestSupport.run("classify", "--case", f.toString());
        assertEquals(0, text.exitCode());
        assertTrue(text.out().contains("STRICT_SADDLE") && text.out().contains("not [[1,1]]"), text.out());
    }

    @Test
    void classifyAPrimeListsTheUntightenedPivot(@TempDir Path dir) {
        Path f = dir.resolve("ap.json");
        WorkedExamples.aPrime().toCaseFile().write(f);
        JsonObject o = JsonParser.parseString(CliTestSupport.run("classify", "--case", f.toString(), "--json").out())
                .getAsJsonObject();
        JsonArray pivots = o.getAsJsonArray("pivots");
        assertEquals(4, pivots.size());
        int untightened = 0;
        for (var p : pivots) {
            JsonObject x = p.getAsJsonObject();
            if (!x.get("tightened").getAsBoolean()) {
                untightened++;
                assertEquals(3, x.get("i").getAsInt());
                assertEquals(2, x.get("j").getAsInt());
            }
        }
        assertEquals(1, untightened);
    }

    @Test
    void classifyNonCriticalAndHalfConvention(@TempDir Path dir) {
        Path f = dir.resolve("rand.json");
        CaseFile.of(WorkedExamples.d1(), io.github.dlnkit.model.Weights.gaussian(Architecture.of(2, 2, 2), 1, 3)).write(f);
        JsonObject o = JsonParser.parseString(CliTestSupport.run("classify", "--case", f.toString(), "--json").out())
                .getAsJsonObject();
        assertFalse(o.get("critical").getAsBoolean());
        assertEquals("NOT_CRITICAL", o.get("class").getAsString());
        Path h = dir.resolve("half.json");
        WorkedExamples.e3().toCaseFile().withConvention(io.github.dlnkit.model.LossConvention.HALF).write(h);
        JsonObject half = JsonParser.parseString(CliTestSupport.run("classify", "--case", h.toString(), "--json").out())
                .getAsJsonObject();
        assertEquals(3, half.get("value").getAsDouble(), 1e-12);
        assertEquals("NON_STRICT_SADDLE", half.get("class").getAsString());
    }

    @Test
    void classifyErrors(@TempDir Path dir) throws Exception {
        Path d5 = dir.resolve("d5.json");
        WorkedExamples.d5Global().toCaseFile().write(d5);
        var run = CliTestSupport.run("classify", "--case", d5.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("weight decay"), run.err());
        Path rep = dir.resolve("rep.json");
        Files.writeString(rep, "{\"X\": [[1,0],[0,1]], \"Y\": [[1,0],[0,1]], \"W\": [[[0,0],[0,0]],[[0,0],[0,0]]]}");
        var r2 = CliTestSupport.run("classify", "--case", rep.toString());
        assertEquals(2, r2.exitCode());
        assertTrue(r2.err().contains("assumption H"), r2.err());
        var r3 = CliTestSupport.run("classify", "--case", rep.toString(), "--rank-tol", "0");
        assertEquals(2, r3.exitCode());
    }

    @Test
    void criticalValuesChartAndExactCountBeyondLongRange(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("cv.png");
        var run = CliTestSupport.run("critical-values", "--case", java.nio.file.Path.of(System.getProperty("user.dir"), "..", "examples", "bench-w2-128.json").normalize().toString(), "--lowest", "5",
                "--png", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("lowest 5 of about 3.4e38 subsets S"), run.out());
        assertTrue(run.out().contains("[[1,128]]"), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.length() <= 160), "short lines");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(io.github.dlnkit.plot.ChartStyle.defaults().width(), img.getWidth());
        assertTrue(run.err().contains("wrote " + png), run.err());
    }

    @Test
    void criticalValuesTextJsonAndLowest(@TempDir Path dir) {
        Path f = dir.resolve("e3.json");
        WorkedExamples.e3().toCaseFile().write(f);
        var text = CliTestSupport.run("critical-values", "--case", f.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("GLOBAL_MIN") && text.out().contains("{1,2}"), text.out());
        JsonObject o = JsonParser.parseString(CliTestSupport.run("critical-values", "--case", f.toString(), "--json").out())
                .getAsJsonObject();
        assertEquals(4, o.get("total").getAsInt());
        JsonArray v = o.getAsJsonArray("values");
        assertEquals(2, v.get(0).getAsJsonObject().get("value").getAsDouble(), 1e-12);
        assertEquals(14, v.get(3).getAsJsonObject().get("value").getAsDouble(), 1e-12);
        JsonObject low = JsonParser.parseString(CliTestSupport.run("critical-values", "--case", f.toString(), "--lowest", "2",
                "--json").out()).getAsJsonObject();
        assertEquals(2, low.getAsJsonArray("values").size());
        var capped = CliTestSupport.run("critical-values", "--case", f.toString(), "--cap", "3");
        assertEquals(2, capped.exitCode());
        assertTrue(capped.err().contains("--lowest"), capped.err());
    }

    @Test
    void constructEveryClassForTheBriefWidths(@TempDir Path dir) {
        Path f = dir.resolve("data.json");
        CaseFile.of(Datasets.gaussian(5, 5, 12, 7)).withArchitecture(Architecture.of(5, 4, 3, 4, 5)).write(f);
        String[][] requests = {{"--class", "global"}, {"--class", "non-strict"}, {"--class", "strict"}, {"--S", "1,3"},
                {"--class", "non-strict", "--r", "0"}, {"--class", "strict", "--rank-pattern", "1-3", "--r", "1"}};
        PointClass[] expected = {PointClass.GLOBAL_MIN, PointClass.NON_STRICT_SADDLE, PointClass.STRICT_SADDLE,
                PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE, PointClass.STRICT_SADDLE};
        for (int k = 0; k < requests.length; k++) {
            Path out = dir.resolve("p" + k + ".json");
            String[] args = new String[requests[k].length + 7];
            args[0] = "construct";
            args[1] = "--case";
            args[2] = f.toString();
            System.arraycopy(requests[k], 0, args, 3, requests[k].length);
            args[3 + requests[k].length] = "--seed";
            args[4 + requests[k].length] = "" + (11 + k);
            args[5 + requests[k].length] = "--out";
            args[6 + requests[k].length] = out.toString();
            var run = CliTestSupport.run(args);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            CaseFile c = CaseFile.read(out);
            assertEquals(expected[k], Classifier.classify(c.data(), c.requirePoint(),
                    Classifier.Options.builder().hessian(true).build()).pointClass(), String.join(" ", requests[k]));
            var cl = CliTestSupport.run("classify", "--case", out.toString(), "--hessian", "--json");
            assertEquals(expected[k].name(), JsonParser.parseString(cl.out()).getAsJsonObject().get("class").getAsString());
        }
    }

    @Test
    void constructRejectsImpossibleRequests(@TempDir Path dir) {
        Path f = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(f);
        var r1 = CliTestSupport.run("construct", "--case", f.toString(), "--class", "non-strict", "--S", "2");
        assertEquals(2, r1.exitCode());
        assertTrue(r1.err().contains("not a prefix"), r1.err());
        var r2 = CliTestSupport.run("construct", "--case", f.toString(), "--class", "non-strict", "--widths", "2,2,2");
        assertEquals(2, r2.exitCode());
        assertTrue(r2.err().contains("H = 2"), r2.err());
        var r3 = CliTestSupport.run("construct", "--case", f.toString());
        assertEquals(2, r3.exitCode());
        var r4 = CliTestSupport.run("construct", "--case", f.toString(), "--class", "maybe");
        assertEquals(2, r4.exitCode());
        var ok = CliTestSupport.run("construct", "--case", f.toString(), "--class", "strict");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("\"W\""), ok.out());
    }
}
