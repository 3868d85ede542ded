package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GdKernel} against {@link Loss#value} / {@link Loss#gradient} on many seeded networks. */
class GdKernelTest {

    /** A kernel for {@code w}'s widths, its value and gradient at {@code w}; counts the kernel's route. */
    private record Evaluated(GdKernel kernel, DMatrixRMaj[] layers, DMatrixRMaj[] grad, double value) {
    }

    private static Evaluated evaluate(Loss loss, Weights w, java.util.Map<GdKernel.Route, Integer> routes) {
        GdKernel k = new GdKernel(loss, w.architecture());
        routes.merge(k.route(), 1, Integer::sum);
        DMatrixRMaj[] layers = w.layers().toArray(new DMatrixRMaj[0]);
        DMatrixRMaj[] grad = k.newLayers();
        return new Evaluated(k, layers, grad, k.valueAndGradient(layers, grad));
    }

    @Test
    void matchesLossOnRandomNetworksConventionsAndWeightDecay() {
        Random rng = new Random(51);
        java.util.EnumMap<GdKernel.Route, Integer> routes = new java.util.EnumMap<>(GdKernel.Route.class);
        for (int trial = 0; trial < 300; trial++) {
            int depth = 1 + rng.nextInt(5);
            int[] d = new int[depth + 1];
            for (int h = 0; h <= depth; h++) {
                d[h] = 1 + rng.nextInt(5);
            }
            int m = d[0] + rng.nextInt(4);
            Dataset data = Dataset.of(RandomMatrices.gaussian(d[0], m, 1.0, rng), RandomMatrices.gaussian(d[depth], m, 1.0, rng));
            Loss loss = Loss.of(data, rng.nextBoolean() ? LossConvention.SUM : LossConvention.HALF);
            switch (trial % 3) {
                case 1 -> loss = loss.withWeightDecay(0.3 * rng.nextDouble());
                case 2 -> {
                    double[] l = new double[depth];
                    for (int h = 0; h < depth; h++) {
                        l[h] = rng.nextDouble();
                    }
                    loss = loss.withWeightDecay(l);
                }
                default -> { }
            }
            Weights w = Weights.gaussian(Architecture.of(d), 0.3 + rng.nextDouble(), rng.nextLong());
            Evaluated e = evaluate(loss, w, routes);
            GdKernel k = e.kernel();
            DMatrixRMaj[] layers = e.layers();
            DMatrixRMaj[] grad = e.grad();
            double v = e.value();
            double ref = loss.value(w);
            assertEquals(ref, v, 1e-12 * Math.max(1, Math.abs(ref)), "value, trial " + trial);
            assertEquals(ref, k.value(layers), 1e-12 * Math.max(1, Math.abs(ref)), "value only, trial " + trial);
            Weights g = Weights.of(grad);
            Weights gRef = loss.gradient(w);
            assertTrue(g.minus(gRef).norm() <= 1e-12 * Math.max(1, gRef.norm()), "gradient, trial " + trial);
            // repeated call on the same buffers gives the same answer (no stale state)
            assertEquals(v, k.valueAndGradient(layers, grad), 0.0);
        }
        // the random widths send both orders of the products through the comparison
        assertTrue(routes.getOrDefault(GdKernel.Route.BACKWARD, 0) >= 50, "backward route: " + routes);
        assertTrue(routes.getOrDefault(GdKernel.Route.SUFFIX, 0) >= 20, "suffix route: " + routes);
    }

    /**
     * Layers of 8-40 units (every product above {@code 7^3} multiply-adds goes to the native {@code dgemm}, in the
     * transposed forms of route BACKWARD), unbalanced widths, data at scales 1e-6..1e6: value, gradient and the
     * end-to-end matrix against {@link Loss} and a plain product.
     */
    @Test
    void matchesLossOnNativeSizedLayersAtEveryDataScale() {
        Random rng = new Random(52);
        java.util.EnumMap<GdKernel.Route, Integer> routes = new java.util.EnumMap<>(GdKernel.Route.class);
        for (int trial = 0; trial < 40; trial++) {
            int depth = 1 + trial % 4;
            int[] d = new int[depth + 1];
            for (int h = 0; h <= depth; h++) {
                d[h] = 8 + rng.nextInt(33);
            }
            if (trial % 5 == 4) {
                d[depth] = 2; // d_y << d_x: route SUFFIX at depth >= 3
                d[0] = 40;
            }
            double scale = Math.pow(10, -6 + 12 * rng.nextDouble());
            int m = d[0] + 5;
            Dataset data = Dataset.of(RandomMatrices.gaussian(d[0], m, scale, rng), RandomMatrices.gaussian(d[depth], m, scale, rng));
            Loss loss = Loss.of(data, trial % 2 == 0 ? LossConvention.SUM : LossConvention.HALF);
            if (trial % 3 == 1) {
                loss = loss.withWeightDecay(0.3 * rng.nextDouble());
            }
            Weights w = Weights.gaussian(Architecture.of(d), 0.3 + rng.nextDouble(), rng.nextLong());
            Evaluated e = evaluate(loss, w, routes);
            double ref = loss.value(w);
            DMatrixRMaj p = w.endToEnd();
            // the value is a difference of tr(P Sxx P^T), 2 tr(P Sxy) and tr(Syy): judged against the largest of them
            double size = loss.convention().factor() * (loss.data().traceSyy()
                    + MatrixOps.dot(io.github.dlnkit.linalg.Gemm.mult(p, loss.data().sxx()), p)) + Math.abs(ref);
            String what = "trial " + trial + " widths " + java.util.Arrays.toString(d) + " scale " + scale;
            assertEquals(ref, e.value(), 1e-12 * size, "value, " + what);
            Weights gRef = loss.gradient(w);
            assertTrue(Weights.of(e.grad()).minus(gRef).norm() <= 1e-12 * gRef.norm(), "gradient, " + what);
            DMatrixRMaj end = e.kernel().lastEndToEnd();
            for (int i = 0; i < p.getNumElements(); i++) {
                assertEquals(p.data[i], end.data[i], 1e-12 * maxAbs(p), "end-to-end, " + what);
            }
            assertEquals(e.value(), e.kernel().value(e.layers()), 0.0, "value only, " + what);
        }
        assertTrue(routes.getOrDefault(GdKernel.Route.BACKWARD, 0) >= 25, "backward route: " + routes);
        assertTrue(routes.getOrDefault(GdKernel.Route.SUFFIX, 0) >= 3, "suffix route: " + routes);
    }

    private static double maxAbs(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s = Math.max(s, Math.abs(m.data[i]));
        }
        return s;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rng = new Random(7);
        Dataset data = Dataset.of(RandomMatrices.gaussian(3, 6, 1, rng), RandomMatrices.gaussian(2, 6, 1, rng));
        Loss loss = Loss.of(data, LossConvention.HALF).withWeightDecay(0.1);
        Architecture arch = Architecture.of(3, 4, 3, 2);
        Weights w = Weights.gaussian(arch, 0.7, 3);
        GdKernel k = new GdKernel(loss, arch);
        DMatrixRMaj[] layers = w.layers().toArray(new DMatrixRMaj[0]);
        DMatrixRMaj[] grad = k.newLayers();
        k.valueAndGradient(layers, grad);
        double[] theta = w.toVector();
        double[] g = Weights.of(grad).toVector();
        double eps = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] p = theta.clone();
            double[] q = theta.clone();
            p[i] += eps;
            q[i] -= eps;
            double fd = (k.value(Weights.fromVector(arch, p).layers().toArray(new DMatrixRMaj[0]))
                    - k.value(Weights.fromVector(arch, q).layers().toArray(new DMatrixRMaj[0]))) / (2 * eps);
            assertEquals(fd, g[i], 1e-7 * Math.max(1, Math.abs(fd)), "coordinate " + i);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        Dataset data = Dataset.of(MatrixOps.diag(1, 1), MatrixOps.diag(2, 1));
        Loss loss = Loss.of(data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GdKernel(loss, Architecture.of(3, 2)));
        assertTrue(e.getMessage().contains("d_0 = d_x = 2"), e.getMessage());
        GdKernel k = new GdKernel(loss, Architecture.of(2, 3, 2));
        e = assertThrows(IllegalArgumentException.class, () -> k.value(new DMatrixRMaj[]{new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 3)}));
        assertTrue(e.getMessage().contains("W_1 has shape 2x2, expected 3x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.value(new DMatrixRMaj[]{new DMatrixRMaj(3, 2)}));
        assertTrue(e.getMessage().contains("expected H = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GdKernel(null, Architecture.of(2, 2)));
        DMatrixRMaj[] w = k.newLayers();
        e = assertThrows(IllegalArgumentException.class, () -> k.valueAndGradient(w, new DMatrixRMaj[]{new DMatrixRMaj(3, 2)}));
        assertTrue(e.getMessage().contains("gradient buffer has 1 matrices, expected H = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> k.valueAndGradient(w, new DMatrixRMaj[]{new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2)}));
        assertTrue(e.getMessage().contains("gradient buffer 2 has shape 3x2, expected 2x3"), e.getMessage());
    }
}
