package io.github.dlnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dlnkit.bench.BenchCases;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.io.CaseFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dlnkit bench}: every workload on a tiny case, all/cases/report, and the error paths (no timing checks). */
class BenchCommandTest {

    private static JsonObject json(CliTestSupport.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void everyWorkloadRunsOnItsTinyCaseWithACorrectnessFigure(@TempDir Path dir) {
        CliTestSupport.Run cases = CliTestSupport.run("bench", "cases", "--quick", "--out", dir.toString());
        assertEquals(0, cases.exitCode(), cases.err());
        for (BenchCases.Named n : BenchCases.quick()) {
            Path f = dir.resolve(n.fileName());
            assertTrue(Files.exists(f), f.toString());
            CliTestSupport.Run run = CliTestSupport.run("bench", n.workload().key(), "--case", f.toString(), "--repeat", "2",
                    "--warmup", "0", "--threads", "2", "--json");
            JsonObject r = json(run).getAsJsonObject("result");
            assertEquals(n.workload().key(), r.get("workload").getAsString());
            assertEquals(2, r.getAsJsonArray("seconds").size());
            assertTrue(r.get("min").getAsDouble() <= r.get("median").getAsDouble());
            assertTrue(Double.isFinite(r.get("value").getAsDouble()), r.toString());
            assertTrue(run.err().contains("bench " + n.workload().key() + ": run 2/2"), run.err());
            switch (n.workload()) {
                case W3 -> assertTrue(r.get("value").getAsDouble() < 0.05 && r.get("gflops").getAsDouble() > 0, r.toString());
                case W4 -> assertTrue(r.get("note").getAsString().contains("STRICT_SADDLE, 0 censored"), r.toString());
                case W5 -> {
                    assertTrue(r.get("note").getAsString().startsWith("NON_STRICT_SADDLE"), r.toString());
                    assertTrue(r.get("value").getAsDouble() >= 3, r.toString());
                }
                default -> { }
            }
        }
    }

    @Test
    void nativeAndPureJavaGiveTheSameW1Figure(@TempDir Path dir) {
        Path f = dir.resolve("w1.json");
        BenchCases.spectrum(5).write(f);
        JsonObject a = json(CliTestSupport.run("bench", "w1", "--case", f.toString(), "--repeat", "1", "--json"));
        JsonObject b;
        try {
            b = json(CliTestSupport.run("bench", "w1", "--case", f.toString(), "--repeat", "1", "--pure-java", "--json"));
        } finally {
            System.clearProperty("dlnkit.native");
        }
        assertEquals("pure Java", b.get("backend").getAsString());
        double va = a.getAsJsonObject("result").get("value").getAsDouble();
        double vb = b.getAsJsonObject("result").get("value").getAsDouble();
        assertEquals(va, vb, 1e-10 * Math.abs(va));
    }

    @Test
    void allAndReportOnQuickInstances(@TempDir Path dir) {
        JsonObject all = json(CliTestSupport.run("bench", "all", "--quick", "--repeat", "1", "--warmup", "0", "--json"));
        JsonArray rs = all.getAsJsonArray("results");
        assertEquals(BenchCases.quick().size(), rs.size());
        JsonObject rep = json(CliTestSupport.run("bench", "report", "--quick", "--repeat", "1", "--warmup", "0",
                "--out", dir.toString(), "--json"));
        assertEquals(4, rep.getAsJsonArray("series").size());
        assertTrue(Files.exists(dir.resolve("scaling.png")));
        assertTrue(Files.exists(dir.resolve("scaling.md")));
    }

    @Test
    void badRequestsExitTwoWithAClearMessage(@TempDir Path dir) {
        CliTestSupport.Run run = CliTestSupport.run("bench", "w9", "--case", "x.json");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown workload 'w9'"), run.err());
        run = CliTestSupport.run("bench", "w1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("needs --case FILE"), run.err());
        Path widthsOnly = dir.resolve("widths.json");
        CaseFile.of(Datasets.gaussian(2, 2, 4, 1)).withArchitecture(Architecture.of(2, 2, 2)).write(widthsOnly);
        run = CliTestSupport.run("bench", "w2", "--case", widthsOnly.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("needs a point") && run.err().contains("\"W\""), run.err());
        run = CliTestSupport.run("bench", "w1", "--case", widthsOnly.toString(), "--repeat", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("repeat must be >= 1, got 0"), run.err());
        run = CliTestSupport.run("bench", "cases");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("needs --out DIR"), run.err());
    }
}
