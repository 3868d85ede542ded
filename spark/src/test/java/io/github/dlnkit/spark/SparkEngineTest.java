package io.github.dlnkit.spark;

import io.github.dlnkit.sweep.Sweep;
import io.github.dlnkit.sweep.SweepEngine;
import io.github.dlnkit.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark engine gives the local engine's rows (Spark local[2], a small spec: kept short for CI). */
class SparkEngineTest {

    private static TreeSet<String> rows(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        return new TreeSet<>(lines.subList(1, lines.size()));
    }

    @Test
    void sparkLocalTwoGivesTheLocalEnginesRowsAndResumes(@TempDir Path dir) throws Exception {
        for (String f : List.of("protocol-strict.json", "protocol-nonstrict.json")) {
            Files.copy(Path.of("../examples", f), dir.resolve(f));
        }
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, """
                {"name": "spark-vs-local", "experiment": "escape",
                 "cases": ["protocol-strict.json", "protocol-nonstrict.json",
                           {"name": "ns-H4", "data": "protocol-nonstrict.json", "widths": [3, 3, 3, 3, 3],
                            "class": "non-strict", "r": 1, "seed": 5}],
                 "grid": {"sigma": [0.1, 0.03], "lr": [0.01]},
                 "runs": 4, "threshold": 3, "maxEpochs": 100000, "seed": 11}
                """);
        SweepSpec spec = SweepSpec.read(specFile);
        assertEquals("spark", SweepEngine.find("spark").name(), "the engine is found through ServiceLoader");
        Sweep.run(spec, dir.resolve("local"), Sweep.Options.local(2));
        Sweep.Result spark = Sweep.run(spec, dir.resolve("spark"), Sweep.Options.local(2).engine("spark", "local[2]"));
        assertEquals(24, spark.ran());
        assertTrue(spark.engine().startsWith("spark 4.") && spark.engine().endsWith("master local[2]"), spark.engine());
        assertEquals(rows(dir.resolve("local")), rows(dir.resolve("spark")));
        assertEquals(24, rows(dir.resolve("spark")).size());
        // a Spark sweep resumes like a local one: drop the last rows and run again
        List<String> lines = Files.readAllLines(dir.resolve("spark/results.csv"));
        Files.writeString(dir.resolve("spark/results.csv"), String.join("\n", lines.subList(0, 20)) + "\n");
        Sweep.Result again = Sweep.run(spec, dir.resolve("spark"), Sweep.Options.local(2).engine("spark", "local[2]"));
        assertEquals(19, again.skipped());
        assertEquals(5, again.ran());
        assertEquals(rows(dir.resolve("local")), rows(dir.resolve("spark")));
    }
}
