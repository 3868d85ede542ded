package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizedBadInputTest {
    private static final Dataset D5 = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2));
    private static final Architecture A = Architecture.of(2, 2, 2);

    private static void message(Class<? extends RuntimeException> type, Runnable r, String... parts) {
        RuntimeException e = assertThrows(type, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message \"" + e.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void lambdas() {
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A, -0.5), "lambda", "-0.5", "> 0");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A, 1, -2), "lambda_2", "-2");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A, 0.0), "lambda", "> 0");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A, 1, 2, 3), "3 values", "expected 1 or L = 2");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A), "missing");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, A, Double.NaN), "finite");
        message(IllegalArgumentException.class, () -> ErrorBound.check(D5, new double[]{1, 1, 1}, 2, 2, 2), "expected 1 or L = 2");
    }

    @Test
    void widths() {
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, Architecture.of(2, 2), 1.0), "L >= 2");
        message(IllegalArgumentException.class, () -> RegularizedProblem.of(D5, Architecture.of(3, 2, 2), 1.0), "d_0 = d_x = 2");
    }

    @Test
    void nonWhitenedDataHasNoClosedForm() {
        Dataset g = Datasets.gaussian(2, 2, 10, 1);
        RegularizedProblem p = RegularizedProblem.of(g, A, 0.5);
        message(IllegalStateException.class, () -> CriticalSet.enumerate(p), "not whitened", "no closed form", "gradient descent");
        message(IllegalStateException.class, () -> ErrorBound.check(p), "not whitened");
        // GD still works on such data (the numerical route)
        RegularizedGd.Trace t = RegularizedGd.run(p, ConvergenceProtocol.gaussianInit(A, 1), RegularizedGd.Options.of(0.01, 50));
        assertEquals(51, t.size());
    }

    @Test
    void enumerationIsCapped() {
        Dataset big = Datasets.whitened(8, 8, 8, 3);
        RegularizedProblem p = RegularizedProblem.of(big, Architecture.of(8, 8, 8, 8), 1e-3);
        message(IllegalArgumentException.class,
                () -> CriticalSet.enumerate(p, CriticalSet.Options.builder().maxPoints(100).build()), "points", "maxPoints = 100");
    }

    @Test
    void scalarEquationArguments() {
        message(IllegalArgumentException.class, () -> ScalarEquation.roots(1, 1, 1), "L must be >= 2");
        message(IllegalArgumentException.class, () -> ScalarEquation.roots(3, -1, 1), "lambdabar");
        message(IllegalArgumentException.class, () -> ScalarEquation.roots(3, 1, -1), "singular value z");
        message(IllegalArgumentException.class, () -> ScalarEquation.phiMin(2, 1), "L >= 3");
    }

    @Test
    void scalarEquationRootsSolveTheEquation() {
        for (int depth = 3; depth <= 6; depth++) {
            double lbar = 0.37;
            double pm = ScalarEquation.phiMin(depth, lbar);
            assertEquals(pm, ScalarEquation.phi(depth, lbar, ScalarEquation.wStar(depth, lbar)), 1e-12);
            assertEquals(lbar, ScalarEquation.gMax(depth, pm), 1e-12); // g_max inverts phi_min
            for (double z : new double[]{pm * 1.001, pm * 1.5, pm * 10}) {
                ScalarEquation.Roots r = ScalarEquation.roots(depth, lbar, z);
                assertEquals(ScalarEquation.Roots.Kind.TWO, r.kind());
                assertEquals(z, ScalarEquation.phi(depth, lbar, r.small()), 1e-12 * z);
                assertEquals(z, ScalarEquation.phi(depth, lbar, r.large()), 1e-12 * z);
                assertTrue(r.small() < ScalarEquation.wStar(depth, lbar) && r.large() > ScalarEquation.wStar(depth, lbar));
            }
            assertEquals(ScalarEquation.Roots.Kind.NONE, ScalarEquation.roots(depth, lbar, pm * 0.99).kind());
            assertEquals(ScalarEquation.Roots.Kind.DOUBLE, ScalarEquation.roots(depth, lbar, pm).kind());
        }
        assertEquals(ScalarEquation.Roots.Kind.SIMPLE, ScalarEquation.roots(2, 1, 3).kind());
        assertEquals(2, ScalarEquation.roots(2, 1, 3).large(), 0);
        assertEquals(ScalarEquation.Roots.Kind.NONE, ScalarEquation.roots(2, 2, 2).kind());
    }
}
