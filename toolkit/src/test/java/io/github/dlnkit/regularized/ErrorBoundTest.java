package io.github.dlnkit.regularized;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorBoundTest {

    @Test
    void d5Verdicts() {
        Dataset d5 = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2));
        ErrorBound.Report ok = ErrorBound.check(d5, new double[]{1}, 2, 2, 2);
        assertTrue(ok.holds());
        assertEquals(1.0, ok.margin(), 1e-12); // z_2 = 2 vs lambdabar = 1
        ErrorBound.Report bad = ErrorBound.check(d5, new double[]{2}, 2, 2, 2);
        assertFalse(bad.holds());
        assertTrue(bad.thresholds().get(1).degenerate());
        assertFalse(bad.thresholds().get(0).degenerate());
        assertEquals(2, bad.toTable().rowCount());
        // per-layer lambdas with the same geometric mean 2 are just as degenerate
        assertFalse(ErrorBound.check(d5, new double[]{1, 4}, 2, 2, 2).holds());
        Dataset d5L3 = Dataset.of(MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 2, 1));
        assertTrue(ErrorBound.check(d5L3, new double[]{0.3}, 3, 3, 3, 3).holds());
        double g = ScalarEquation.gMax(3, 1);
        assertEquals(0.4724703937, g, 1e-10);
        ErrorBound.Report deg = ErrorBound.check(d5L3, new double[]{g}, 3, 3, 3, 3);
        assertFalse(deg.holds());
        assertTrue(deg.thresholds().get(2).degenerate());
        RegularizedProblem pr = RegularizedProblem.of(d5L3, Architecture.of(3, 3, 3, 3), g);
        ErrorBound.HessianDiagnostic diag = ErrorBound.hessianDiagnostic(pr, CriticalSet.Options.defaults());
        assertFalse(diag.holds());
        assertTrue(diag.failing().contains("LLD"), diag.failing().toString());
    }

    @Test
    void noRoomMeansNoExtraZero() {
        // regularized.md section 3: L = 2, d_1 = 1, Z = diag(3,2), lambda = 2: w = (1,0) is nondegenerate, (0,0) is not
        Dataset data = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(3, 2));
        RegularizedProblem pr = RegularizedProblem.of(data, Architecture.of(2, 1, 2), 2.0);
        CriticalSet.Result res = CriticalSet.enumerate(pr);
        CriticalPoint full = res.find("1-");
        assertFalse(full.degenerate());
        assertTrue(full.hessian().errorBoundHolds());
        CriticalPoint zero = res.find("--");
        assertTrue(zero.degenerate());
        assertFalse(zero.hessian().errorBoundHolds());
    }

    /** Outcome of one instance: both routes agree; the threshold verdict says "fails". */
    record Outcome(boolean agree, boolean degenerate, int points) {
    }

    /** One seeded instance; a third of them sit exactly at a degenerate threshold. */
    static Outcome agreeOn(long seed, int maxWidth, int maxDepth) {
        Random rng = new Random(seed);
        int depth = 2 + rng.nextInt(maxDepth - 1);
        int[] d = new int[depth + 1];
        for (int l = 0; l <= depth; l++) {
            d[l] = 1 + rng.nextInt(maxWidth);
        }
        Dataset data = Datasets.whitened(d[0], d[depth], d[0] + 1 + rng.nextInt(3), rng.nextLong());
        double[] lambdas = new double[rng.nextBoolean() ? 1 : depth];
        for (int l = 0; l < lambdas.length; l++) {
            lambdas[l] = 0.05 + 0.5 * rng.nextDouble();
        }
        RegularizedProblem pr = RegularizedProblem.of(data, Architecture.of(d), LossConvention.HALF, lambdas);
        if (rng.nextInt(3) == 0) { // move lambdabar exactly onto the threshold of a random z_k
            double[] z = pr.svd().z();
            double target = ScalarEquation.gMax(depth, z[rng.nextInt(z.length)]);
            double c = target / pr.lambdaBar();
            double[] scaled = pr.lambdas();
            for (int l = 0; l < depth; l++) {
                scaled[l] *= c;
            }
            pr = RegularizedProblem.of(data, Architecture.of(d), rng.nextBoolean() ? LossConvention.HALF : LossConvention.SUM,
                    scaled);
        }
        ErrorBound.Report report = ErrorBound.check(pr);
        CriticalSet.Result set = CriticalSet.enumerate(pr, CriticalSet.Options.builder().seed(seed).build());
        ErrorBound.HessianDiagnostic diag = ErrorBound.hessianDiagnostic(set);
        boolean pointwise = set.points().stream().allMatch(CriticalPoint::hessianAgrees);
        return new Outcome(diag.complete() && report.holds() == diag.holds() && pointwise, !report.holds(), diag.points());
    }

    @Test
    void verdictAgreesWithHessianDiagnosticOnSeededInstances() {
        boolean longRun = Boolean.getBoolean("dlnkit.long");
        int n = longRun ? 2000 : 150;
        int agree = 0;
        int degenerate = 0;
        long points = 0;
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Outcome o = longRun ? agreeOn(1000L + i, 4, 5) : agreeOn(1000L + i, 3, 4);
            points += o.points();
            if (o.degenerate()) {
                degenerate++;
            }
            if (o.agree()) {
                agree++;
            } else {
                bad.append(' ').append(1000L + i);
            }
        }
        System.out.println((longRun ? "[long: L = 2..5, widths 1..4] " : "[L = 2..4, widths 1..3] ") + "error-bound verdict vs Hessian diagnostic: " + agree + " / " + n + " instances agree ("
                + degenerate + " of them at an exact degenerate threshold; " + points + " critical points with a dense Hessian)");
        assertEquals(n, agree, "disagreeing seeds:" + bad);
        assertTrue(degenerate > n / 5 && degenerate < n / 2, "degenerate instances: " + degenerate);
    }
}
