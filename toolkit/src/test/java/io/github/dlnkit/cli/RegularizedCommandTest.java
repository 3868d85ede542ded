package io.github.dlnkit.cli;

import io.github.dlnkit.linalg.MatrixOps;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizedCommandTest {

    private static Path d5L3(Path dir) {
        Path f = dir.resolve("d5-l3.json");
        CaseFile.of(Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1))).withArchitecture(Architecture.of(3, 3, 3, 3))
                .withConvention(LossConvention.HALF).withWeightDecay(0.3).write(f);
        return f;
    }

    private static JsonObject json(CliTestSupport.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void d5DefaultIsErrorBoundAndCriticalSet(@TempDir Path dir) {
        Path f = dir.resolve("d5.json");
        WorkedExamples.d5Global().toCaseFile().write(f);
        JsonObject o = json(CliTestSupport.run("regularized", "--case", f.toString(), "--json"));
        assertTrue(o.getAsJsonObject("errorBound").get("holds").getAsBoolean());
        assertTrue(o.getAsJsonObject("errorBound").getAsJsonObject("hessianDiagnostic").get("holds").getAsBoolean());
        JsonObject set = o.getAsJsonObject("criticalSet");
        assertEquals(4, set.get("count").getAsInt());
        assertEquals(4.0, set.get("globalMinimum").getAsDouble(), 1e-12);
        var text = CliTestSupport.run("regularized", "--case", f.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("GLOBAL_MIN") && text.out().contains("HOLDS"), text.out());
    }

    @Test
    void lambdaOverrideFindsTheDegenerateCase(@TempDir Path dir) {
        Path f = dir.resolve("d5.json");
        WorkedExamples.d5Global().toCaseFile().write(f);
        JsonObject o = json(CliTestSupport.run("regularized", "--case", f.toString(), "--lambda", "2", "--error-bound", "--json"));
        JsonObject b = o.getAsJsonObject("errorBound");
        assertFalse(b.get("holds").getAsBoolean());
        assertTrue(b.getAsJsonArray("thresholds").get(1).getAsJsonObject().get("degenerate").getAsBoolean());
        JsonObject d = b.getAsJsonObject("hessianDiagnostic");
        assertFalse(d.get("holds").getAsBoolean());
        assertEquals(2, d.getAsJsonArray("failing").size());
        assertFalse(o.has("criticalSet"));
        // per-layer lambdas with geometric mean 2
        JsonObject o2 = json(CliTestSupport.run("regularized", "--case", f.toString(), "--lambda", "1,4", "--error-bound", "--json"));
        assertFalse(o2.getAsJsonObject("errorBound").get("holds").getAsBoolean());
        assertEquals(2.0, o2.get("lambdabar").getAsDouble(), 1e-15);
    }

    @Test
    void depthThreeCriticalSetAndGd(@TempDir Path dir) {
        Path f = d5L3(dir);
        JsonObject o = json(CliTestSupport.run("regularized", "--case", f.toString(), "--critical-set", "--json"));
        JsonObject set = o.getAsJsonObject("criticalSet");
        assertEquals(27, set.get("count").getAsInt());
        assertEquals(1.9975210615, set.get("globalMinimum").getAsDouble(), 1e-10);
        JsonObject g = json(CliTestSupport.run("regularized", "--case", f.toString(), "--gd", "3000", "--lr", "0.02",
                "--init", "identity", "--seed", "5", "--json")).getAsJsonObject("gd");
        assertTrue(g.get("linearRate").getAsDouble() < 0.995, g.toString());
        assertTrue(g.get("finalGradientNorm").getAsDouble() < 1e-12);
        assertEquals(1.9975210615, g.get("finalValue").getAsDouble(), 1e-10);
        var text = CliTestSupport.run("regularized", "--case", f.toString(), "--gd", "500", "--lr", "0.02");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("linear fit"), text.out());
        assertTrue(text.err().contains("gd step 500/500"), text.err());
    }

    @Test
    void badInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d5.json");
        WorkedExamples.d5Global().toCaseFile().write(f);
        var neg = CliTestSupport.run("regularized", "--case", f.toString(), "--lambda", "-1");
        assertEquals(2, neg.exitCode());
        assertTrue(neg.err().contains("must be > 0, got -1"), neg.err());
        var count = CliTestSupport.run("regularized", "--case", f.toString(), "--lambda", "1,2,3");
        assertEquals(2, count.exitCode());
        assertTrue(count.err().contains("expected 1 or L = 2"), count.err());
        var noLr = CliTestSupport.run("regularized", "--case", f.toString(), "--gd", "10");
        assertEquals(2, noLr.exitCode());
        assertTrue(noLr.err().contains("--lr"), noLr.err());
        var init = CliTestSupport.run("regularized", "--case", f.toString(), "--gd", "10", "--lr", "0.1", "--init", "zeros");
        assertEquals(2, init.exitCode());
        assertTrue(init.err().contains("--init"), init.err());
        Path g = dir.resolve("gauss.json");
        CaseFile.of(Datasets.gaussian(2, 2, 6, 4)).withArchitecture(Architecture.of(2, 3, 2)).withWeightDecay(0.5).write(g);
        var white = CliTestSupport.run("regularized", "--case", g.toString());
        assertEquals(2, white.exitCode());
        assertTrue(white.err().contains("not whitened") && white.err().contains("no closed form"), white.err());
        var gd = CliTestSupport.run("regularized", "--case", g.toString(), "--gd", "200", "--lr", "0.01");
        assertEquals(0, gd.exitCode(), gd.err());
        JsonObject ms = json(CliTestSupport.run("regularized", "--case", g.toString(), "--gd", "300", "--lr", "0.01",
                "--starts", "3", "--json")).getAsJsonObject("multiStart");
        assertEquals(3, ms.getAsJsonArray("limits").size());
        assertTrue(ms.getAsJsonArray("distinctValues").size() >= 1);
        var noGd = CliTestSupport.run("regularized", "--case", g.toString(), "--starts", "3");
        assertEquals(2, noGd.exitCode());
        assertTrue(noGd.err().contains("needs --gd"), noGd.err());
        Path nolambda = dir.resolve("nolambda.json");
        Files.writeString(nolambda, "{\"X\": [[1,0],[0,1]], \"Y\": [[3,0],[0,2]], \"widths\": [2,2,2]}");
        var nl = CliTestSupport.run("regularized", "--case", nolambda.toString());
        assertEquals(2, nl.exitCode());
        assertTrue(nl.err().contains("--lambda"), nl.err());
        var cap = CliTestSupport.run("regularized", "--case", f.toString(), "--critical-set", "--max-points", "2");
        assertEquals(2, cap.exitCode());
        assertTrue(cap.err().contains("maxPoints = 2"), cap.err());
        var help = CliTestSupport.run("regularized", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--error-bound") && help.out().contains("--gd"));
    }

    @Test
    void shippedCaseFilesRead() {
        Path file = Path.of("../examples/d5-l3.json"); // surefire runs in toolkit/
        assertTrue(Files.exists(file), "shipped case file missing: " + file.toAbsolutePath());
        JsonObject o = json(CliTestSupport.run("regularized", "--case", file.toString(), "--error-bound", "--json"));
        assertTrue(o.getAsJsonObject("errorBound").get("holds").getAsBoolean());
        JsonObject d = json(CliTestSupport.run("regularized", "--case", file.resolveSibling("d5-degenerate.json").toString(),
                "--error-bound", "--json"));
        assertFalse(d.getAsJsonObject("errorBound").get("holds").getAsBoolean());
    }
}
