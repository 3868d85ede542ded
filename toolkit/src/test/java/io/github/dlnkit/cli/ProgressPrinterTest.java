package io.github.dlnkit.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {
    @Test
    void aLogGetsFiveMilestoneLinesPerRun() {
        StringWriter s = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(s, true), "escape runs", false);
        for (int done = 0; done <= 1000; done++) {
            p.update(done, 1000);
        }
        p.update(1000, 1000); // repeated end: nothing new
        List<String> lines = s.toString().lines().toList();
        assertEquals(List.of("escape runs:   0% (0 of 1000)", "escape runs:  25% (250 of 1000)",
                "escape runs:  50% (500 of 1000)", "escape runs:  75% (750 of 1000)", "escape runs: 100% (1000 of 1000)"), lines);
        assertFalse(s.toString().contains("\r"));
    }

    @Test
    void coarseUpdatesStillReachEveryMilestoneOnce() {
        StringWriter s = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(s, true), "train", false);
        p.update(1, 3);
        p.update(3, 3);
        p.note("converged");
        assertEquals(List.of("train:  25% (1 of 3)", "train: 100% (3 of 3)", "train: converged"), s.toString().lines().toList());
    }

    @Test
    void aTerminalGetsOneRedrawnLine() {
        StringWriter s = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(s, true), "gradient descent", true);
        for (int done = 0; done <= 500; done++) {
            p.update(done, 500);
        }
        String out = s.toString();
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
        assertEquals(101, out.chars().filter(c -> c == '\r').count(), "one redraw per percent");
        assertTrue(out.endsWith("] 100% gradient descent" + System.lineSeparator()), out);
    }
}
