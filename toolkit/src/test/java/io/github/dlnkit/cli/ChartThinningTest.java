package io.github.dlnkit.cli;

import com.google.gson.JsonParser;
import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --png} keeps at most about {@link Budget#CHART_RECORDS} records instead of every step (issue 16). */
class ChartThinningTest {

    @Test
    void longRunsAreRecordedEveryKthStepForTheChart(@TempDir Path dir) throws Exception {
        Path e4 = dir.resolve("e4.json");
        WorkedExamples.e4().toCaseFile().write(e4);
        Path png = dir.resolve("loss.png");
        long steps = 2 * Budget.CHART_RECORDS + 10;
        var r = CliTestSupport.run("train", "--case", e4.toString(), "--steps", String.valueOf(steps), "--lr", "0.01",
                "--perturb", "0.01", "--png", png.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        var o = JsonParser.parseString(r.out()).getAsJsonObject();
        long records = o.get("records").getAsLong();
        assertTrue(records <= Budget.CHART_RECORDS + 2 && records >= Budget.CHART_RECORDS / 2, "records " + records);
        assertTrue(Files.size(png) > 1000);
        // short runs still record every step
        var s = CliTestSupport.run("train", "--case", e4.toString(), "--steps", "50", "--lr", "0.01", "--perturb", "0.01",
                "--png", png.toString(), "--json");
        assertEquals(51, JsonParser.parseString(s.out()).getAsJsonObject().get("records").getAsLong());
    }
}
