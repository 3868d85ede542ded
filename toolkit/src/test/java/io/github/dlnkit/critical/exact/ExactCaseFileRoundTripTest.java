package io.github.dlnkit.critical.exact;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rational basis-changed critical points written as case files of {@code "p/q"} strings read back to the same verdict. */
class ExactCaseFileRoundTripTest {
    @Test
    void fractionCaseFilesOfRandomRotatedPointsReadBackExactlyWithTheIntendedClass() {
        Random rng = new Random(31);
        int n = 0;
        while (n < 40) {
            Optional<RationalCriticalPoints.Point> draw = RationalCriticalPoints.draw(rng, 5, 6, 3);
            if (draw.isEmpty()) {
                continue;
            }
            RationalCriticalPoints.Point p = draw.get();
            RationalCase back = RationalCaseReader.parse(RationalCriticalPoints.toJson(p.rationalCase()));
            assertEquals(p.rationalCase(), back, p.description());
            ExactClassification x = ExactClassifier.classify(back);
            assertEquals(p.intended(), x.pointClass(), p.description() + ": " + x.reason());
            assertArrayEquals(p.S(), x.S(), p.description());
            n++;
        }
    }
}
