package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.dynamics.Section12;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.LossConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicsCommandsTest {

    private static JsonObject json(CliTestSupport.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static Path widthsOnly(Path dir) {
        Path f = dir.resolve("d4.json");
        CaseFile.of(WorkedExamples.d4()).withArchitecture(Architecture.of(2, 3, 2)).withConvention(LossConvention.HALF).write(f);
        return f;
    }

    @Test
    void trainGradientDescentFromASeededStart(@TempDir Path dir) throws Exception {
        Path f = widthsOnly(dir);
        Path csv = dir.resolve("t.csv");
        CliTestSupport.Run run = CliTestSupport.run("train", "--case", f.toString(), "--steps", "3000", "--lr", "0.05",
                "--record-every", "100", "--seed", "4", "--init-scale", "0.3", "--out", csv.toString(), "--json");
        JsonObject o = json(run);
        assertEquals("gd", o.get("method").getAsString());
        assertTrue(o.get("finalLoss").getAsDouble() < 1e-8, o.toString());
        assertEquals(31, o.get("records").getAsInt());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(32, lines.size());
        assertTrue(run.err().contains("gradient descent: 100%"), run.err());
        // same start, same steps: identical to a second run (seeded)
        JsonObject again = json(CliTestSupport.run("train", "--case", f.toString(), "--steps", "3000", "--lr", "0.05",
                "--record-every", "100", "--seed", "4", "--init-scale", "0.3", "--json"));
        assertEquals(o.get("finalLoss").getAsDouble(), again.get("finalLoss").getAsDouble(), 0.0);
    }

    @Test
    void trainFlowConservesTheInvariantsAndStopsBelow(@TempDir Path dir) {
        Path f = widthsOnly(dir);
        JsonObject o = json(CliTestSupport.run("train", "--case", f.toString(), "--flow", "--steps", "100", "--lr", "0.1",
                "--init-scale", "0.5", "--json"));
        assertEquals("flow", o.get("method").getAsString());
        assertEquals(10.0, o.get("finalTime").getAsDouble(), 1e-12);
        assertTrue(o.get("maxInvariantDrift").getAsDouble() < 1e-8, o.toString());
        JsonObject s = json(CliTestSupport.run("train", "--case", f.toString(), "--flow", "--steps", "100", "--lr", "0.1",
                "--init-scale", "0.5", "--stop-below", "0.1", "--json"));
        assertEquals("BELOW_THRESHOLD", s.get("stopReason").getAsString());
        assertEquals(0.1, s.get("finalLoss").getAsDouble(), 1e-9);
        CliTestSupport.Run text = CliTestSupport.run("train", "--case", f.toString(), "--flow", "--steps", "10", "--lr", "0.1");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("flow trajectory") && text.out().contains("Dormand-Prince"), text.out());
    }

    @Test
    void trainFromAPerturbedSaddleEscapes(@TempDir Path dir) {
        Path n = dir.resolve("n.json");
        Section12.nonStrictCase().write(n);
        JsonObject o = json(CliTestSupport.run("train", "--case", n.toString(), "--perturb", "1e-2", "--steps", "20000",
                "--lr", "0.01", "--stop-below", "3", "--seed", "2", "--json"));
        assertEquals("BELOW_THRESHOLD", o.get("stopReason").getAsString());
        double k = o.get("iterations").getAsDouble();
        assertTrue(k > 1000 && k < 20000, "non-strict escape takes thousands of steps: " + k);
        JsonObject still = json(CliTestSupport.run("train", "--case", n.toString(), "--steps", "100", "--lr", "0.01", "--json"));
        assertEquals(5.0, still.get("finalLoss").getAsDouble(), 1e-12);
        CliTestSupport.Run bad = CliTestSupport.run("train", "--case", widthsOnly(dir).toString(), "--perturb", "0.1",
                "--steps", "10", "--lr", "0.1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("\"W\""), bad.err());
    }

    @Test
    void trainErrorsExitTwo(@TempDir Path dir) {
        Path f = widthsOnly(dir);
        CliTestSupport.Run bad = CliTestSupport.run("train", "--case", f.toString(), "--steps", "10", "--lr", "-1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--lr must be finite and > 0"), bad.err());
        CliTestSupport.Run div = CliTestSupport.run("train", "--case", f.toString(), "--steps", "200", "--lr", "5", "--init-scale", "1");
        assertEquals(2, div.exitCode());
        assertTrue(div.err().contains("step is too large") && div.err().contains("eta < 2/ell"), div.err());
        CliTestSupport.Run mom = CliTestSupport.run("train", "--case", f.toString(), "--steps", "10", "--lr", "0.1", "--momentum", "1");
        assertEquals(2, mom.exitCode());
        assertTrue(mom.err().contains("momentum"), mom.err());
        CliTestSupport.Run every = CliTestSupport.run("train", "--case", f.toString(), "--steps", "10", "--lr", "0.1", "--flow",
                "--record-every", "-5");
        assertEquals(2, every.exitCode());
        assertTrue(every.err().contains("--record-every must be >= 0, got -5"), every.err());
    }

    @Test
    void escapeSummaryJsonCsvAndThreads(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("strict.json");
        Section12.strictCase().write(f);
        Path csv = dir.resolve("e.csv");
        CliTestSupport.Run run = CliTestSupport.run("escape", "--case", f.toString(), "--runs", "16", "--threshold", "3",
                "--threads", "1", "--out", csv.toString(), "--json");
        JsonObject one = json(run);
        assertEquals("STRICT_SADDLE", one.get("saddleClass").getAsString());
        assertEquals(0, one.get("censored").getAsInt());
        assertTrue(one.get("median").getAsDouble() > 50 && one.get("median").getAsDouble() < 300, one.toString());
        assertTrue(run.err().contains("escape runs: 100%"), run.err());
        assertEquals(17, Files.readAllLines(csv).size());
        JsonObject two = json(CliTestSupport.run("escape", "--case", f.toString(), "--runs", "16", "--threshold", "3",
                "--threads", "3", "--json"));
        assertEquals(one.get("escapeEpochs"), two.get("escapeEpochs"));
        CliTestSupport.Run text = CliTestSupport.run("escape", "--case", f.toString(), "--runs", "8");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("threshold 4.5") && text.out().contains("median"), text.out());
    }

    @Test
    void pngForTrainAndFigureFourForEscapeCompare(@TempDir Path dir) throws Exception {
        Path f = widthsOnly(dir);
        Path png = dir.resolve("loss.png");
        CliTestSupport.Run train = CliTestSupport.run("train", "--case", f.toString(), "--steps", "300", "--lr", "0.05",
                "--init-scale", "0.3", "--png", png.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 100);
        CliTestSupport.Run bad = CliTestSupport.run("train", "--case", f.toString(), "--steps", "300", "--lr", "0.05",
                "--record-every", "10", "--png", png.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--png draws the loss at every step"), bad.err());
        Path s = dir.resolve("s.json");
        Path n = dir.resolve("n.json");
        Section12.strictCase().write(s);
        Section12.nonStrictCase().write(n);
        Path fig4 = dir.resolve("fig4.png");
        JsonObject o = json(CliTestSupport.run("escape", "--case", s.toString(), "--compare", n.toString(), "--runs", "10",
                "--threshold", "3", "--png", fig4.toString(), "--json"));
        assertEquals("NON_STRICT_SADDLE", o.getAsJsonObject("compare").get("saddleClass").getAsString());
        assertTrue(o.getAsJsonObject("compare").get("median").getAsDouble() > 5 * o.get("median").getAsDouble(), o.toString());
        assertTrue(javax.imageio.ImageIO.read(fig4.toFile()).getWidth() > 100);
    }

    @Test
    void escapeErrorsExitTwo(@TempDir Path dir) {
        Path f = dir.resolve("e1.json");
        WorkedExamples.e1().toCaseFile().write(f);
        CliTestSupport.Run global = CliTestSupport.run("escape", "--case", f.toString(), "--runs", "4");
        assertEquals(2, global.exitCode());
        assertTrue(global.err().contains("global minimizer"), global.err());
        Path s = dir.resolve("strict.json");
        Section12.strictCase().write(s);
        CliTestSupport.Run zero = CliTestSupport.run("escape", "--case", s.toString(), "--runs", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("runs must be >= 1"), zero.err());
        CliTestSupport.Run sigma = CliTestSupport.run("escape", "--case", s.toString(), "--sigma", "0");
        assertEquals(2, sigma.exitCode());
        assertTrue(sigma.err().contains("sigma must be finite and > 0"), sigma.err());
        Path nopoint = dir.resolve("nop.json");
        CaseFile.of(WorkedExamples.d2()).withArchitecture(Architecture.of(3, 3, 3, 3)).write(nopoint);
        CliTestSupport.Run none = CliTestSupport.run("escape", "--case", nopoint.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("\"W\""), none.err());
    }
}
