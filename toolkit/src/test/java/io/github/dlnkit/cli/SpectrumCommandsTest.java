package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectrumCommandsTest {

    static Path e4(Path dir) {
        Path f = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(f);
        return f;
    }

    @Test
    void denseAndLanczosAgreeOnE4(@TempDir Path dir) {
        Path f = e4(dir);
        var dense = CliTestSupport.run("spectrum", "--case", f.toString(), "--json");
        assertEquals(0, dense.exitCode(), dense.err());
        JsonObject d = JsonParser.parseString(dense.out()).getAsJsonObject();
        assertEquals("dense", d.get("method").getAsString());
        assertEquals(-4 * Math.sqrt(2), d.get("min").getAsDouble(), 1e-9);
        assertEquals(7, d.get("zeroCount").getAsInt());
        assertTrue(d.get("negative").getAsBoolean());
        var lz = CliTestSupport.run("spectrum", "--case", f.toString(), "--lanczos", "--k", "2", "--json");
        assertEquals(0, lz.exitCode(), lz.err());
        JsonObject l = JsonParser.parseString(lz.out()).getAsJsonObject();
        assertEquals("lanczos", l.get("method").getAsString());
        assertEquals(-4 * Math.sqrt(2), l.get("min").getAsDouble(), 1e-9);
        assertEquals(40, l.get("max").getAsDouble(), 1e-9);
        assertTrue(l.get("negative").getAsBoolean());
        assertTrue(l.get("hvps").getAsInt() >= 1);
    }

    @Test
    void nonStrictSaddleIsNotReportedNegative(@TempDir Path dir) {
        Path f = dir.resolve("e2.json");
        WorkedExamples.e2().toCaseFile().write(f);
        for (String method : new String[]{"--dense", "--lanczos"}) {
            var r = CliTestSupport.run("spectrum", "--case", f.toString(), method, "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
            assertFalse(o.get("negative").getAsBoolean(), method + ": " + r.out());
            assertEquals(0, o.get("min").getAsDouble(), 1e-9);
        }
    }

    @Test
    void densityPngAndText(@TempDir Path dir) throws Exception {
        Path f = e4(dir);
        Path png = dir.resolve("charts/density.png");
        var r = CliTestSupport.run("spectrum", "--case", f.toString(), "--density", "--probes", "2", "--png", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Hutchinson") && r.out().contains("verdict"), r.out());
        assertEquals(760, ImageIO.read(png.toFile()).getWidth());
        Path idx = dir.resolve("index.svg");
        assertEquals(0, CliTestSupport.run("spectrum", "--case", f.toString(), "--png", idx.toString()).exitCode());
        assertTrue(Files.readString(idx).contains("<svg"));
    }

    @Test
    void slicesThroughE4(@TempDir Path dir) throws Exception {
        Path f = e4(dir);
        var line = CliTestSupport.run("slice", "--case", f.toString(), "--dirs", "witness", "--line", "--radius", "0.5",
                "--grid", "11", "--json");
        assertEquals(0, line.exitCode(), line.err());
        JsonObject o = JsonParser.parseString(line.out()).getAsJsonObject();
        assertTrue(o.get("dropsOnBothSides").getAsBoolean());
        assertEquals(11, o.getAsJsonArray("values").size());
        Path png = dir.resolve("plane.png");
        Path csv = dir.resolve("plane.csv");
        for (String dirs : new String[]{"random", "eigen", "witness"}) {
            var r = CliTestSupport.run("slice", "--case", f.toString(), "--dirs", dirs, "--grid", "9", "--png", png.toString(),
                    "--csv", csv.toString());
            assertEquals(0, r.exitCode(), dirs + ": " + r.err());
            assertTrue(r.out().contains("along d1"), r.out());
            assertEquals(82, Files.readAllLines(csv).size());
            assertTrue(Files.size(png) > 1000);
        }
    }

    @Test
    void galleryWritesEveryChart(@TempDir Path dir) {
        var r = CliTestSupport.run("gallery", "--out", dir.toString(), "--quick");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : new String[]{"loss-curves", "escape-histogram", "spectrum-index", "spectral-density", "slice-1d",
                "slice-2d", "critical-values", "singular-values", "convergence"}) {
            assertTrue(Files.exists(dir.resolve(name + ".png")), name);
        }
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) {
        Path f = e4(dir);
        var r = CliTestSupport.run("slice", "--case", f.toString(), "--dirs", "sideways");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--dirs must be random, eigen or witness"), r.err());
        assertEquals(2, CliTestSupport.run("spectrum", "--case", f.toString(), "--dense", "--lanczos").exitCode());
        assertEquals(2, CliTestSupport.run("spectrum", "--case", f.toString(), "--k", "0").exitCode());
        assertEquals(2, CliTestSupport.run("slice", "--case", f.toString(), "--dirs", "random", "--grid", "1").exitCode());
        assertEquals(2, CliTestSupport.run("slice", "--case", f.toString(), "--dirs", "random", "--norm", "rows").exitCode());
        var png = CliTestSupport.run("spectrum", "--case", f.toString(), "--png", dir.resolve("x.gif").toString());
        assertEquals(2, png.exitCode());
        assertTrue(png.err().contains(".png or .svg"), png.err());
        var d1 = dir.resolve("d1.json");
        WorkedExamples.d4Global().toCaseFile().write(d1);
        var g = CliTestSupport.run("slice", "--case", d1.toString(), "--dirs", "witness");
        assertEquals(2, g.exitCode());
        assertTrue(g.err().contains("no witness"), g.err());
    }
}
