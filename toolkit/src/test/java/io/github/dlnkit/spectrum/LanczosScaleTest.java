package io.github.dlnkit.spectrum;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lanczos at n = 16,384 and 65,536 parameters (widths d^5 with d = 64, 128): top-5 and the minimum at a strict and a
 * non-strict saddle, with timings and HVP counts printed. The strict saddle's minimum must be certainly negative and
 * below the curvature of the classifier's witness (an independent upper bound on lambda_min); the non-strict
 * saddle's minimum must be zero within its residual bound. Minutes, so only with {@code -Ddlnkit.long=true}.
 */
class LanczosScaleTest {

    @Test
    void topFiveAndMinimumAtScale() {
        assumeTrue(Boolean.getBoolean("dlnkit.long"), "long run: -Ddlnkit.long=true");
        for (int d : new int[]{64, 128}) {
            Dataset data = Datasets.whitened(d, d, 4 * d, 3);
            Architecture arch = Architecture.of(d, d, d, d, d);
            Loss loss = Loss.of(data);
            int[] s = IntStream.rangeClosed(1, d / 8).toArray();
            for (PointClass c : new PointClass[]{PointClass.STRICT_SADDLE, PointClass.NON_STRICT_SADDLE}) {
                Weights w = CriticalPoints.builder(data, arch).S(s).pointClass(c).changeOfBasis(5).build();
                HessianOperator op = HessianOperator.of(loss, w);
                long t0 = System.nanoTime();
                Lanczos.Result r = Lanczos.run(op, Lanczos.Options.builder().k(5).kBottom(1).maxIterations(2000)
                        .checkEvery(10).build());
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "n = %d, %s: %d HVPs, %.1f s; top %s; min %s%n", arch.parameterCount(), c,
                        op.applications(), secs, r.top(), r.min());
                if (c == PointClass.STRICT_SADDLE) {
                    assertTrue(r.certainlyNegative(1e-9), r.toString());
                    Classification cl = Classifier.classify(data, w);
                    Weights dir = cl.witness().orElseThrow().direction();
                    double rayleigh = cl.witness().orElseThrow().curvature() / dir.dot(dir);
                    assertTrue(r.min().value() <= rayleigh + 1e-9 * r.scale(), r.min() + " vs witness " + rayleigh);
                } else {
                    assertFalse(r.certainlyNegative(1e-9), r.toString());
                    assertTrue(Math.abs(r.min().value()) <= 1e-9 * r.scale(), r.min().toString());
                }
            }
        }
    }
}
