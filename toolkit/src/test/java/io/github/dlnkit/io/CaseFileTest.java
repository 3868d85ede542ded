package io.github.dlnkit.io;

import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.LossConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseFileTest {

    static final String SPEC_EXAMPLE = """
            {
              "X": [[2, 0, 0], [0, 1, 1]],
              "Y": [[2, 2, 0], [2, -1, -1]],
              "W": [
                [[1, 0], [0, 0]],
                [[1, 0], [0, 0]],
                [[1, 0], [1, 0]]
              ],
              "loss": "sum"
            }""";

    @Test
    void readsTheSpecExample() {
        CaseFile c = CaseFile.parse(SPEC_EXAMPLE);
        assertEquals(LossConvention.SUM, c.convention());
        assertEquals(3, c.requirePoint().depth());
        assertEquals(6, c.loss().value(c.point()), 1e-12); // E3
        assertArrayEquals(new double[]{8, 4}, c.data().eigenvalues(), 1e-12);
    }

    @Test
    void roundTripsEveryWorkedExample(@org.junit.jupiter.api.io.TempDir Path dir) {
        for (WorkedExample e : WorkedExamples.all()) {
            Path f = dir.resolve(e.name().replace("'", "p") + ".json");
            e.toCaseFile().write(f);
            CaseFile back = CaseFile.read(f);
            assertEquals(e.point(), back.point(), e.name());
            assertEquals(e.convention(), back.convention());
            assertArrayEquals(e.weightDecay(), back.weightDecay());
            assertEquals(e.expectedLoss(), back.loss().value(back.point()), 1e-9, e.name());
        }
    }

    @Test
    void momentsWidthsAndWeightDecay() {
        CaseFile c = CaseFile.parse("""
                {"Sxx": [[1,0],[0,1]], "Syx": [[3,0],[0,2]], "Syy": [[9,0],[0,4]],
                 "widths": [2, 3, 2], "loss": "half", "weightDecay": [0.5, 1]}""");
        assertNull(c.point());
        assertEquals("(2,3,2)", c.requireArchitecture().toString());
        assertArrayEquals(new double[]{0.5, 1}, c.weightDecay());
        assertEquals(-1, c.data().sampleCount());
        assertEquals(LossConvention.HALF, c.loss().convention());
    }

    @Test
    void shippedExamplesMatchTheLibrary() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../examples");
        if (!Files.isDirectory(dir)) {
            return;
        }
        CaseFile e4 = CaseFile.read(dir.resolve("e4.json"));
        assertEquals(WorkedExamples.e4().point(), e4.point());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"X": [[1,2],[3]], "Y": [[1,1]]}                                   | key "X": row 1 has 1 entries, expected 2
            {"X": [[1,0],[0,1]]}                                               | missing key "Y"
            {"X": [[1,0],[0,1]], "Y": [[1,1,1]]}                               | key "Y": shape 1x3, expected 1x2
            {"Y": [[1,1]]}                                                     | missing key "X"
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "Sxx": [[1]]}                   | not both
            {"Sxx": [[1,0],[0,1]], "Syx": [[1,0]]}                              | missing key "Syy"
            {"Sxx": [[1,0],[0,1]], "Syx": [[1,0,0]], "Syy": [[1]]}              | Syx has shape 1x3, expected 1x2
            {"X": [[1,0],[0,1]], "Y": [[1,"a"]]}                               | key "Y" entry (0,1): expected a finite number
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "W": [[[1,0]], [[1,0]]]}        | W_2 has shape 1x2, expected 1x1
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "W": [[[1,0,0]], [[1]]]}        | d_0 = 3, expected d_0 = d_x = 2
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "W": [[[1,0]], [[1],[2]]]}      | d_H = 2, expected d_H = d_y = 1
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "widths": [2, 0, 1]}            | key "widths" entry 1: expected an integer >= 1
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "widths": [2, 1.5, 1]}          | expected an integer >= 1
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "widths": [2, 3, 1], "W": [[[1,0]], [[1]]]} | does not match the shapes of "W"
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "loss": "mean"}                 | key "loss": loss convention must be "sum" or "half"
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "weightDecay": -1}              | expected lambda >= 0
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "widths": [2,2,1], "weightDecay": [1,2,3]} | 3 values, expected 1 or H = 2
            {"X": [[1,0],[0,1]], "Y": [[1,1]], "Xx": 1}                        | unknown key "Xx"
            [1, 2]                                                             | a case file is a JSON object
            {"X": [[1,0],[0,1]], "Y": [[1,1]]                                  | not valid JSON
            """)
    void malformedFilesAreRejectedWithTheKeyAndProblem(String json, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> CaseFile.parse(json));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CaseFile.parse("{\"X\": [[1, NaN]], \"Y\": [[1, 1]]}"));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void missingFileNamesTheFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> CaseFile.read(Path.of("/nonexistent/case.json")));
        assertTrue(e.getMessage().contains("/nonexistent/case.json"));
    }
}
