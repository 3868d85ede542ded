package io.github.dlnkit.sweep;

import io.github.dlnkit.dynamics.EscapeExperiment;
import io.github.dlnkit.io.CaseFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps: rows independent of threads, resume after an interruption, rows checked against EscapeExperiment. */
class SweepTest {
    static final String SMALL = """
            {"name": "small", "experiment": "escape",
             "cases": ["protocol-strict.json", "protocol-nonstrict.json"],
             "grid": {"sigma": [0.05, 0.02], "lr": [0.01]},
             "runs": 3, "threshold": 3, "maxEpochs": 50000, "seed": 7}
            """;

    /** Copies the section-12 cases into {@code dir} and writes the spec there; returns the spec file. */
    static Path spec(Path dir, String json) throws Exception {
        for (String f : List.of("protocol-strict.json", "protocol-nonstrict.json", "e4.json", "e2.json")) {
            Files.copy(Path.of("../examples", f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path p = dir.resolve("spec.json");
        Files.writeString(p, json);
        return p;
    }

    static Set<String> rows(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"), StandardCharsets.UTF_8);
        return new TreeSet<>(lines.subList(1, lines.size()));
    }

    @Test
    void rowsDoNotDependOnThreads(@TempDir Path dir) throws Exception {
        SweepSpec s = SweepSpec.read(spec(dir, SMALL));
        Sweep.run(s, dir.resolve("one"), Sweep.Options.local(1));
        Sweep.Result r = Sweep.run(s, dir.resolve("three"), Sweep.Options.local(3));
        assertEquals(12, r.total());
        assertEquals(rows(dir.resolve("one")), rows(dir.resolve("three")));
        assertEquals(12, rows(dir.resolve("one")).size());
        // the seeds differ between tasks (a seed per task, not per thread)
        Set<String> seeds = new TreeSet<>();
        for (String line : rows(dir.resolve("one"))) {
            seeds.add(Csv.parse(line).get(4));
        }
        assertEquals(12, seeds.size());
    }

    @Test
    void aTaskIsRunZeroOfTheEscapeExperimentWithTheTaskSeed(@TempDir Path dir) throws Exception {
        SweepSpec s = SweepSpec.read(spec(dir, SMALL));
        Sweep.run(s, dir, Sweep.Options.local(2));
        CaseFile nonStrict = CaseFile.read(dir.resolve("protocol-nonstrict.json"));
        int checked = 0;
        for (String line : rows(dir)) {
            List<String> c = Csv.parse(line);
            if (!c.get(0).equals("protocol-nonstrict")) {
                continue;
            }
            EscapeExperiment.Result e = EscapeExperiment.builder(nonStrict.loss(), nonStrict.requirePoint())
                    .sigma(Double.parseDouble(c.get(1))).learningRate(0.01).runs(1).threshold(3).maxEpochs(50000)
                    .seed(Long.parseLong(c.get(4))).threads(1).build().run();
            assertEquals(Integer.toString(e.escapeEpoch()[0]), c.get(5), line);
            assertEquals("false", c.get(6));
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void resumesAfterAnInterruptionAndSkipsFinishedTasks(@TempDir Path dir) throws Exception {
        SweepSpec s = SweepSpec.read(spec(dir, SMALL));
        Path full = dir.resolve("full");
        Sweep.run(s, full, Sweep.Options.local(2));
        // an interrupted run: five finished rows and half a row being written when the process was killed
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        List<String> lines = Files.readAllLines(full.resolve("results.csv"));
        String partial = lines.get(6).substring(0, 12);
        Files.writeString(cut.resolve("results.csv"), String.join("\n", lines.subList(0, 6)) + "\n" + partial);
        Sweep.Result r = Sweep.run(s, cut, Sweep.Options.local(2));
        assertEquals(5, r.skipped());
        assertEquals(7, r.ran());
        assertEquals(rows(full), rows(cut));
        assertEquals(13, Files.readAllLines(cut.resolve("results.csv")).size()); // header + 12, no partial line left
        // a second re-run has nothing left to do
        Sweep.Result again = Sweep.run(s, cut, Sweep.Options.local(2));
        assertEquals(0, again.ran());
        assertEquals(12, again.skipped());
        // --fresh starts over
        Sweep.Result fresh = Sweep.run(s, cut, Sweep.Options.local(2).fresh(true));
        assertEquals(12, fresh.ran());
        assertEquals(rows(full), rows(cut));
    }

    @Test
    void refusesToAppendResultsOfAnotherSpecOrHeader(@TempDir Path dir) throws Exception {
        SweepSpec s = SweepSpec.read(spec(dir, SMALL));
        Sweep.run(s, dir.resolve("o"), Sweep.Options.local(1));
        Files.writeString(dir.resolve("o/sweep.json"), Files.readString(dir.resolve("o/sweep.json")).replace("\"seed\": 7", "\"seed\": 8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.run(s, dir.resolve("o"),
                Sweep.Options.local(1)));
        assertTrue(e.getMessage().contains("another spec") && e.getMessage().contains("--fresh"), e.getMessage());
        Files.writeString(dir.resolve("p.csv"), "case,x,run\n");
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () ->
                ResultsFile.open(dir.resolve("p.csv"), List.of("case", "sigma", "run"), 1, false));
        assertTrue(h.getMessage().contains("another sweep"), h.getMessage());
    }

    @Test
    void taskSeedsDependOnIdentityNotOnOrder() {
        SweepPlan a = new SweepPlan("a", Experiment.ESCAPE, List.of("sigma"), java.util.Map.of("sigma", List.of(0.1, 0.01)),
                java.util.Map.of(), List.of("x", "y"), List.of("{}", "{}"), 2, 5);
        SweepPlan b = new SweepPlan("a", Experiment.ESCAPE, List.of("sigma"), java.util.Map.of("sigma", List.of(0.01, 0.1, 0.3)),
                java.util.Map.of(), List.of("y"), List.of("{}"), 2, 5);
        java.util.Map<String, Long> seedsA = new java.util.HashMap<>();
        a.tasks().forEach(t -> seedsA.put(t.key(), t.seed()));
        int shared = 0;
        for (SweepTask t : b.tasks()) {
            if (seedsA.containsKey(t.key())) {
                assertEquals(seedsA.get(t.key()), t.seed());
                shared++;
            }
        }
        assertEquals(4, shared);
        assertNotEquals(SweepTask.deriveSeed(5, "x|0.1|0"), SweepTask.deriveSeed(6, "x|0.1|0"));
    }

    @Test
    void generatedCasesClassifyAsConstructed(@TempDir Path dir) throws Exception {
        String json = """
                {"name": "gen", "experiment": "classify",
                 "cases": [{"name": "ns-h4", "data": "protocol-nonstrict.json", "widths": [3, 3, 3, 3, 3],
                            "class": "non-strict", "r": 1, "seed": 3},
                           {"name": "strict-h3", "data": "protocol-nonstrict.json", "class": "strict", "r": 1},
                           "e4.json"],
                 "grid": {"sigma": [0]}}
                """;
        Sweep.Result r = Sweep.run(SweepSpec.read(spec(dir, json)), dir.resolve("o"), Sweep.Options.local(2));
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("o/results.csv")).subList(1, 4)) {
            classes.add(Csv.parse(line).get(0) + ":" + Csv.parse(line).get(4));
        }
        classes.sort(null); // rows come in the order tasks finish
        assertEquals(List.of("e4:STRICT_SADDLE", "ns-h4:NON_STRICT_SADDLE", "strict-h3:STRICT_SADDLE"), classes);
        assertTrue(r.cases().get(0).order() >= 3, "a non-strict saddle's witness is of order >= 3: " + r.cases().get(0));
        assertEquals(2, r.cases().get(1).order()); // a strict saddle: negative curvature
    }

    @Test
    void spectrumAndTrainSweepsGiveTheKnownNumbers(@TempDir Path dir) throws Exception {
        String spectrum = """
                {"name": "sp", "experiment": "spectrum", "cases": ["e4.json"], "grid": {"sigma": [0]}}
                """;
        Sweep.run(SweepSpec.read(spec(dir, spectrum)), dir.resolve("sp"), Sweep.Options.local(1));
        List<String> row = Csv.parse(Files.readAllLines(dir.resolve("sp/results.csv")).get(1));
        assertEquals(-4 * Math.sqrt(2), Double.parseDouble(row.get(4)), 1e-9); // E4: min eigenvalue -4 sqrt 2
        assertEquals("dense", row.get(8));
        String train = """
                {"name": "tr", "experiment": "train", "cases": ["protocol-nonstrict.json"],
                 "grid": {"sigma": [0.1]}, "lr": 0.01, "steps": 20000, "runs": 2}
                """;
        Sweep.run(SweepSpec.read(spec(dir, train)), dir.resolve("tr"), Sweep.Options.local(2));
        for (String line : Files.readAllLines(dir.resolve("tr/results.csv")).subList(1, 3)) {
            List<String> c = Csv.parse(line);
            // from the saddle at 5, GD reaches the global minimum 0 of the section-12 data (values 5 -> 1 -> 0)
            assertTrue(Double.parseDouble(c.get(4)) < 1e-6, line);
            assertTrue(c.get(7).contains("0@"), line);
        }
    }
}
