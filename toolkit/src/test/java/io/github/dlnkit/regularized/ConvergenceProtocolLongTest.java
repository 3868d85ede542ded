package io.github.dlnkit.regularized;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The full section-5 protocol (d = 10, N = 100, hidden width 10, L = 2, 3, 4, lambda = 1e-3, 1e-2, 1e-1 and the
 * degenerate lambda, eta = 1e-2, K = 2e4): about 12 s, so only with {@code -Ddlnkit.long=true}. Prints the table.
 */
class ConvergenceProtocolLongTest {

    @Test
    void sectionFiveProtocol() {
        assumeTrue(Boolean.getBoolean("dlnkit.long"), "long run: -Ddlnkit.long=true");
        List<ConvergenceProtocol.Run> runs = ConvergenceProtocol.sweep(10, 100, 10, new int[]{2, 3, 4},
                new double[]{1e-3, 1e-2, 1e-1}, 1e-2, 20000, 2025, null);
        System.out.println(ConvergenceProtocol.toTable(runs).printAll());
        assertEquals(12, runs.size());
        for (ConvergenceProtocol.Run r : runs) {
            if (r.degenerate()) {
                continue;
            }
            assertTrue(r.linear().rate() < 1 && r.linear().r2() > 0.9999, r.toString());
            if (r.depth() >= 3 && r.lambda() == 0.1) {
                // slowest mode: inactive components, Hess F(0) = lambda I, contraction 1 - eta lambda per step
                assertEquals(1 - 1e-2 * 0.1, r.linear().rate(), 1e-7, r.linear().toString());
            }
        }
    }
}
