package io.github.dlnkit.model;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient, Hessian and HVP against independent routes (central finite differences, the dense Hessian). */
class LossDerivativesTest {

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        Random rng = new Random(20261123);
        int[] depths = {1, 2, 3, 5};
        int id = 0;
        for (int depth : depths) {
            for (int rep = 0; rep < 6; rep++) {
                int[] d = new int[depth + 1];
                for (int h = 0; h <= depth; h++) {
                    d[h] = 1 + rng.nextInt(4);
                }
                LossConvention conv = rep % 2 == 0 ? LossConvention.SUM : LossConvention.HALF;
                double[] wd = switch (rep % 3) {
                    case 0 -> new double[0];
                    case 1 -> new double[]{0.3};
                    default -> perLayer(depth, rng);
                };
                l.add(Arguments.of(id++, d, conv, wd, rng.nextLong()));
            }
        }
        return l.stream();
    }

    private static double[] perLayer(int depth, Random rng) {
        double[] v = new double[depth];
        for (int i = 0; i < depth; i++) {
            v[i] = rng.nextDouble();
        }
        return v;
    }

    private static Loss loss(int[] d, LossConvention conv, double[] wd, long seed) {
        Dataset data = Datasets.gaussian(d[0], d[d.length - 1], 7, seed);
        return Loss.of(data, conv).withWeightDecay(wd);
    }

    @ParameterizedTest(name = "[{0}] widths {1} {2}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(int id, int[] d, LossConvention conv, double[] wd, long seed) {
        Loss loss = loss(d, conv, wd, seed);
        Architecture arch = Architecture.of(d);
        Weights w = Weights.gaussian(arch, 0.8, seed + 1);
        double[] g = loss.gradient(w).toVector();
        double[] theta = w.toVector();
        double eps = 1e-6;
        double scale = 1;
        for (int k = 0; k < theta.length; k++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[k] += eps;
            tm[k] -= eps;
            double fd = (loss.value(Weights.fromVector(arch, tp)) - loss.value(Weights.fromVector(arch, tm))) / (2 * eps);
            scale = Math.max(scale, Math.abs(fd));
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "gradient entry " + k);
        }
    }

    @ParameterizedTest(name = "[{0}] widths {1} {2}")
    @MethodSource("cases")
    void hessianMatchesDifferencesOfGradient(int id, int[] d, LossConvention conv, double[] wd, long seed) {
        Loss loss = loss(d, conv, wd, seed);
        Architecture arch = Architecture.of(d);
        Weights w = Weights.gaussian(arch, 0.8, seed + 2);
        DMatrixRMaj hess = loss.hessian(w);
        double[] theta = w.toVector();
        int n = theta.length;
        double eps = 1e-5;
        for (int k = 0; k < n; k++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[k] += eps;
            tm[k] -= eps;
            double[] gp = loss.gradient(Weights.fromVector(arch, tp)).toVector();
            double[] gm = loss.gradient(Weights.fromVector(arch, tm)).toVector();
            for (int i = 0; i < n; i++) {
                double fd = (gp[i] - gm[i]) / (2 * eps);
                assertEquals(fd, hess.get(i, k), 1e-5 * Math.max(1, Math.abs(fd)), "Hessian entry (" + i + "," + k + ")");
                assertEquals(hess.get(k, i), hess.get(i, k), 1e-12 * Math.max(1, Math.abs(hess.get(i, k))), "symmetry");
            }
        }
    }

    @ParameterizedTest(name = "[{0}] widths {1} {2}")
    @MethodSource("cases")
    void hvpMatchesDenseHessian(int id, int[] d, LossConvention conv, double[] wd, long seed) {
        Loss loss = loss(d, conv, wd, seed);
        Architecture arch = Architecture.of(d);
        Weights w = Weights.gaussian(arch, 1.1, seed + 3);
        DMatrixRMaj hess = loss.hessian(w);
        for (int rep = 0; rep < 3; rep++) {
            Weights v = Weights.gaussian(arch, 1, seed + 10 + rep);
            double[] hv = loss.hvp(w, v).toVector();
            double[] vv = v.toVector();
            for (int i = 0; i < vv.length; i++) {
                double s = 0;
                double mag = 0;
                for (int k = 0; k < vv.length; k++) {
                    s += hess.get(i, k) * vv[k];
                    mag += Math.abs(hess.get(i, k) * vv[k]);
                }
                assertEquals(s, hv[i], 1e-11 * Math.max(1, mag), "HVP entry " + i);
            }
        }
    }

    @ParameterizedTest(name = "[{0}] widths {1} {2}")
    @MethodSource("cases")
    void valueMatchesSamplesDirectly(int id, int[] d, LossConvention conv, double[] wd, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj x = RandomMatrices.gaussian(d[0], 5, 1, rng);
        DMatrixRMaj y = RandomMatrices.gaussian(d[d.length - 1], 5, 1, rng);
        Loss loss = Loss.of(Dataset.of(x, y), conv).withWeightDecay(wd);
        Weights w = Weights.gaussian(Architecture.of(d), 0.9, seed);
        DMatrixRMaj r = MatrixOps.mult(w.endToEnd(), x);
        org.ejml.dense.row.CommonOps_DDRM.subtractEquals(r, y);
        double direct = MatrixOps.dot(r, r);
        for (int h = 1; h <= w.depth(); h++) {
            DMatrixRMaj l = w.layer(h);
            direct += loss.lambda(h, w.depth()) * MatrixOps.dot(l, l);
        }
        direct *= conv.factor();
        assertEquals(direct, loss.value(w), 1e-10 * Math.max(1, direct));
        assertTrue(loss.value(w) >= -1e-12);
    }
}
