package io.github.dlnkit.sweep;

import io.github.dlnkit.cli.CliTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad spec ends with exit code 2 and one line naming the key; the issue's spec runs as written. */
class SweepSpecTest {
    private static final String GOOD = """
            {"name": "t", "experiment": "escape", "cases": ["protocol-strict.json"],
             "grid": {"sigma": [0.03]}, "runs": 1, "threshold": 3, "maxEpochs": 1000, "seed": 1}""";

    private static final String[][] BAD = {
            // {what, spec text, words the message must contain}
            {"unknown experiment", GOOD.replace("\"escape\"", "\"escpe\""), "key \"experiment\"", "escpe", "escape, train"},
            {"missing experiment", GOOD.replace("\"experiment\": \"escape\",", ""), "key \"experiment\" is missing"},
            {"unknown key", GOOD.replace("\"runs\"", "\"rusn\""), "unknown key \"rusn\""},
            {"key of another experiment", GOOD.replace("\"runs\": 1", "\"steps\": 10"), "unknown key \"steps\""},
            {"unknown grid key", GOOD.replace("\"sigma\": [0.03]", "\"sigma\": [0.03], \"eta\": [1]"), "unknown key \"grid.eta\""},
            {"empty grid", GOOD.replace("{\"sigma\": [0.03]}", "{}"), "key \"grid\": empty"},
            {"missing grid", GOOD.replace("\"grid\": {\"sigma\": [0.03]},", ""), "key \"grid\" is missing"},
            {"empty grid list", GOOD.replace("[0.03]", "[]"), "key \"grid.sigma\"", "non-empty list"},
            {"grid not a list", GOOD.replace("[0.03]", "0.03"), "key \"grid.sigma\""},
            {"negative sigma", GOOD.replace("[0.03]", "[0.03, -1]"), "key \"grid.sigma[1]\"", "-1", "> 0"},
            {"duplicate grid value", GOOD.replace("[0.03]", "[0.03, 0.03]"), "key \"grid.sigma\"", "twice"},
            {"string value", GOOD.replace("\"runs\": 1", "\"runs\": \"1\""), "key \"runs\"", "whole number"},
            {"zero runs", GOOD.replace("\"runs\": 1", "\"runs\": 0"), "key \"runs\"", ">= 1"},
            {"fractional maxEpochs", GOOD.replace("1000", "10.5"), "key \"maxEpochs\"", "10.5"},
            {"fixed and in grid", GOOD.replace("\"runs\": 1", "\"runs\": 1, \"sigma\": 0.1"), "key \"sigma\"", "both"},
            {"missing case", GOOD.replace("protocol-strict.json", "nowhere.json"), "key \"cases[0]\"", "nowhere.json", "not found"},
            {"no cases", GOOD.replace("[\"protocol-strict.json\"]", "[]"), "key \"cases\""},
            {"duplicate case", GOOD.replace("[\"protocol-strict.json\"]", "[\"protocol-strict.json\", \"protocol-strict.json\"]"),
                    "key \"cases[1]\"", "twice"},
            {"unknown generator key", GOOD.replace("[\"protocol-strict.json\"]",
                    "[{\"name\": \"g\", \"data\": \"protocol-strict.json\", \"class\": \"strict\", \"colour\": 1}]"),
                    "unknown key \"cases[0].colour\""},
            {"bad generator class", GOOD.replace("[\"protocol-strict.json\"]",
                    "[{\"name\": \"g\", \"data\": \"protocol-strict.json\", \"class\": \"saddle\"}]"), "key \"cases[0].class\""},
            {"impossible construction", GOOD.replace("[\"protocol-strict.json\"]",
                    "[{\"name\": \"g\", \"data\": \"protocol-strict.json\", \"widths\": [3, 3, 3], \"class\": \"non-strict\"}]"),
                    "key \"cases[0]\"", "cannot construct"},
            {"escape from a global minimizer", GOOD.replace("[\"protocol-strict.json\"]",
                    "[{\"name\": \"g\", \"data\": \"protocol-strict.json\", \"class\": \"global\"}]"), "key \"cases[0]\"",
                    "global minimizer"},
            {"threshold above the saddle", GOOD.replace("\"threshold\": 3", "\"threshold\": 7"), "key \"cases[0]\"", "threshold"},
            {"not JSON", GOOD + ",", "spec"},
            {"NaN literal", GOOD.replace("0.03", "NaN"), "spec"},
            {"duplicate key", GOOD.replace("\"runs\": 1", "\"runs\": 1, \"runs\": 2"), "runs"},
    };

    @Test
    void everyBadSpecExitsTwoWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        SweepTest.spec(dir, GOOD);
        for (String[] c : BAD) {
            Path spec = dir.resolve("bad.json");
            Files.writeString(spec, c[1]);
            CliTestSupport.Run r = CliTestSupport.run("sweep", "--spec", spec.toString(), "--out", dir.resolve("o").toString());
            assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
            assertEquals(1, r.err().lines().count(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("dlnkit sweep: error: "), c[0] + ": " + r.err());
            for (int k = 2; k < c.length; k++) {
                assertTrue(r.err().contains(c[k]), c[0] + ": expected '" + c[k] + "' in " + r.err());
            }
            assertFalse(Files.exists(dir.resolve("o/results.csv")), c[0] + ": wrote results before refusing");
        }
    }

    @Test
    void commandLineMistakesExitTwo(@TempDir Path dir) throws Exception {
        Path spec = SweepTest.spec(dir, GOOD);
        String[][] bad = {
                {"--engine", "hadoop"}, {"--engine", "spark"}, {"--threads", "0"}, {"--master", "local[2]"},
                {"--png", dir.resolve("x.gif").toString()},
        };
        for (String[] extra : bad) {
            String[] args = new String[5 + extra.length];
            System.arraycopy(new String[]{"sweep", "--spec", spec.toString(), "--out", dir.resolve("o").toString()}, 0, args, 0, 5);
            System.arraycopy(extra, 0, args, 5, extra.length);
            CliTestSupport.Run r = CliTestSupport.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        CliTestSupport.Run missing = CliTestSupport.run("sweep", "--spec", dir.resolve("none.json").toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("none.json") && missing.err().contains("no such file"), missing.err());
    }

    @Test
    void theIssuesSpecRunsAsWrittenFromTheRepositoryRoot(@TempDir Path dir) throws Exception {
        // the spec's case paths are relative to the repository root (the current folder of the command), tried after
        // the spec's own folder; here we read it from examples/sweeps/ with the toolkit's folder as current folder,
        // so we check the spec file itself and run a copy whose case paths resolve
        Path shipped = Path.of("../examples/sweeps/escape-vs-sigma.json");
        String text = Files.readString(shipped);
        assertTrue(text.contains("\"grid\": {\"sigma\": [0.03, 0.01], \"lr\": [0.01]}"), text);
        SweepSpec s = SweepSpec.parse(text.replace("examples/", "../examples/"), null);
        assertEquals(80, s.taskCount());
        Path png = dir.resolve("chart.png");
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, text.replace("examples/", Path.of("..").toAbsolutePath().normalize() + "/examples/")
                .replace("\"runs\": 20", "\"runs\": 2"));
        CliTestSupport.Run r = CliTestSupport.run("sweep", "--spec", spec.toString(), "--out", dir.resolve("o").toString(),
                "--png", png.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(png) > 1000);
        assertTrue(r.out().contains("protocol-nonstrict"), r.out());
        com.google.gson.JsonObject status = io.github.dlnkit.io.StrictJson.parse(Files.readString(dir.resolve("o/sweep.json")))
                .getAsJsonObject();
        assertEquals("complete", status.get("status").getAsString());
        assertEquals(8, status.get("tasksRun").getAsInt());
        CliTestSupport.Run json = CliTestSupport.run("sweep", "--spec", spec.toString(), "--out", dir.resolve("o").toString(),
                "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(0, io.github.dlnkit.io.StrictJson.parse(json.out()).getAsJsonObject().get("tasksRun").getAsInt());
    }
}
