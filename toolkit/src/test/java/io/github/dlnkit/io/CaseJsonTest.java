package io.github.dlnkit.io;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strict RFC 8259 reading of case files. */
class CaseJsonTest {

    static Stream<Arguments> lenient() {
        return Stream.of(
                Arguments.of("{X: [[1]], \"Y\": [[1]]}", "not valid JSON"),
                Arguments.of("{'X': [[1]], 'Y': [[1]]}", "not valid JSON"),
                Arguments.of("{\"X\": [[1]]; \"Y\": [[1]]}", "not valid JSON"),
                Arguments.of("{\"X\": [[1]], # c\n \"Y\": [[1]]}", "not valid JSON"),
                Arguments.of("{\"X\": [[1]], \"Y\": [[1]],}", "not valid JSON"),
                Arguments.of("{\"X\": [[1]], \"Y\": [[1]]} x", "not valid JSON"),
                Arguments.of("{\"X\": [[1]], \"Y\": [[1]], \"Y\": [[2]]}", "duplicate key \"Y\""),
                Arguments.of("{\"X\": [[Infinity]], \"Y\": [[1]]}", "finite"),
                Arguments.of("{\"X\": [[1e400]], \"Y\": [[1]]}", "expected a finite number, got 1e400"));
    }

    @ParameterizedTest
    @MethodSource("lenient")
    void lenientJsonIsRefused(String json, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> CaseJson.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void strictJsonRoundTrips() {
        CaseFile c = CaseJson.parse("{\"name\": \"n\", \"description\": \"d\", \"X\": [[1, 0], [0, 2]], "
                + "\"Y\": [[1, 1.5e-3]], \"widths\": [2, 3, 1], \"loss\": \"half\", \"weightDecay\": [0.1, 0.2]}");
        CaseFile back = CaseJson.parse(c.toJson());
        assertEquals(c.toJson(), back.toJson());
        assertEquals("d", back.description());
        assertEquals(1.5e-3, back.y().get(0, 1));
    }
}
