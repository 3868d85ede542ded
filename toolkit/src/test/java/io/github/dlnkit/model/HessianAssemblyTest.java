package io.github.dlnkit.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast Hessian assembly (block products, contiguous rows, tiled mirror) and the buffered HVP against the
 * previous entry-by-entry assembly kept here as the reference, against finite differences of the gradient, and
 * against each other.
 */
class HessianAssemblyTest {

    /** The entry-by-entry assembly {@link Loss#hessian} used before the block-product rewrite (reference route). */
    static DMatrixRMaj referenceHessian(Loss loss, Weights w) {
        Architecture arch = w.architecture();
        int hc = w.depth();
        int n = arch.parameterCount();
        DMatrixRMaj hess = new DMatrixRMaj(n, n);
        DMatrixRMaj[] c = new DMatrixRMaj[hc + 2];
        c[1] = CommonOps_DDRM.identity(arch.inputDim());
        for (int h = 1; h <= hc; h++) {
            c[h + 1] = new DMatrixRMaj(arch.width(h), arch.inputDim());
            CommonOps_DDRM.mult(w.layer(h), c[h], c[h + 1]);
        }
        DMatrixRMaj[] a = new DMatrixRMaj[hc + 1];
        a[hc] = CommonOps_DDRM.identity(arch.outputDim());
        for (int h = hc; h >= 1; h--) {
            a[h - 1] = new DMatrixRMaj(arch.outputDim(), arch.width(h - 1));
            CommonOps_DDRM.mult(a[h], w.layer(h), a[h - 1]);
        }
        DMatrixRMaj g = new DMatrixRMaj(arch.outputDim(), arch.inputDim());
        CommonOps_DDRM.mult(c[hc + 1], loss.data().sxx(), g);
        CommonOps_DDRM.subtractEquals(g, loss.data().syx());
        double f = 2 * loss.convention().factor();
        for (int h = 1; h <= hc; h++) {
            int dh = arch.width(h);
            int dhm = arch.width(h - 1);
            int oh = arch.offset(h);
            DMatrixRMaj cs = new DMatrixRMaj(dhm, arch.inputDim());
            CommonOps_DDRM.mult(c[h], loss.data().sxx(), cs);
            for (int k = 1; k <= h; k++) {
                int dk = arch.width(k);
                int dkm = arch.width(k - 1);
                int ok = arch.offset(k);
                DMatrixRMaj ata = new DMatrixRMaj(dh, dk);
                CommonOps_DDRM.multTransA(a[h], a[k], ata);
                DMatrixRMaj csc = new DMatrixRMaj(dhm, dkm);
                CommonOps_DDRM.multTransB(cs, c[k], csc);
                DMatrixRMaj inner = null;
                DMatrixRMaj agc = null;
                if (h > k) {
                    inner = w.product(h - 1, k + 1);
                    DMatrixRMaj atg = new DMatrixRMaj(dh, g.numCols);
                    CommonOps_DDRM.multTransA(a[h], g, atg);
                    agc = new DMatrixRMaj(dh, dkm);
                    CommonOps_DDRM.multTransB(atg, c[k], agc);
                }
                for (int p = 0; p < dh; p++) {
                    for (int q = 0; q < dhm; q++) {
                        int row = oh + p * dhm + q;
                        for (int pp = 0; pp < dk; pp++) {
                            for (int qq = 0; qq < dkm; qq++) {
                                int col = ok + pp * dkm + qq;
                                double v = ata.get(p, pp) * csc.get(q, qq);
                                if (inner != null) {
                                    v += inner.get(q, pp) * agc.get(p, qq);
                                }
                                hess.set(row, col, f * v);
                                hess.set(col, row, f * v);
                            }
                        }
                    }
                }
            }
            double l = loss.lambda(h, hc);
            for (int k = 0; k < dh * dhm && l != 0; k++) {
                hess.add(oh + k, oh + k, f * l);
            }
        }
        return hess;
    }

    private static double maxAbs(DMatrixRMaj m) {
        double s = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            s = Math.max(s, Math.abs(m.data[k]));
        }
        return s;
    }

    private record Instance(Loss loss, Weights w) {
    }

    private static Instance random(Random rng) {
        int depth = 1 + rng.nextInt(5);
        int[] d = new int[depth + 1];
        for (int h = 0; h <= depth; h++) {
            d[h] = 1 + rng.nextInt(7);
        }
        Dataset data = Datasets.gaussian(d[0], d[depth], 3 + rng.nextInt(8), rng.nextLong());
        Loss loss = Loss.of(data, rng.nextBoolean() ? LossConvention.SUM : LossConvention.HALF);
        if (rng.nextInt(3) == 0) {
            loss = loss.withWeightDecay(rng.nextDouble());
        }
        return new Instance(loss, Weights.gaussian(Architecture.of(d), 0.3 + rng.nextDouble(), rng.nextLong()));
    }

    @Test
    void blockAssemblyEqualsEntryByEntryReference() {
        Random rng = new Random(9001);
        for (int t = 0; t < 300; t++) {
            Instance in = random(rng);
            DMatrixRMaj fast = in.loss.hessian(in.w);
            DMatrixRMaj ref = referenceHessian(in.loss, in.w);
            double scale = Math.max(1, maxAbs(ref));
            for (int k = 0; k < ref.getNumElements(); k++) {
                assertEquals(ref.data[k], fast.data[k], 1e-12 * scale, "instance " + t + " entry " + k);
            }
            for (int i = 0; i < fast.numRows; i++) {
                for (int j = 0; j < i; j++) {
                    assertEquals(fast.get(i, j), fast.get(j, i), 0.0, "instance " + t + " exact symmetry");
                }
            }
        }
    }

    @Test
    void blockAssemblyEqualsDifferencesOfGradientOnWideNets() {
        Random rng = new Random(77);
        for (int t = 0; t < 4; t++) {
            int depth = 2 + t;
            int[] d = new int[depth + 1];
            for (int h = 0; h <= depth; h++) {
                d[h] = 5 + rng.nextInt(4);
            }
            Architecture arch = Architecture.of(d);
            Loss loss = Loss.of(Datasets.gaussian(d[0], d[depth], 20, 5 + t), LossConvention.HALF);
            Weights w = Weights.gaussian(arch, 0.6, 11 + t);
            DMatrixRMaj hess = loss.hessian(w);
            double[] theta = w.toVector();
            double eps = 1e-5;
            double scale = Math.max(1, maxAbs(hess));
            for (int k = 0; k < theta.length; k += 3) {
                double[] tp = theta.clone();
                double[] tm = theta.clone();
                tp[k] += eps;
                tm[k] -= eps;
                double[] gp = loss.gradient(Weights.fromVector(arch, tp)).toVector();
                double[] gm = loss.gradient(Weights.fromVector(arch, tm)).toVector();
                for (int i = 0; i < theta.length; i++) {
                    assertEquals((gp[i] - gm[i]) / (2 * eps), hess.get(i, k), 1e-6 * scale, "d=" + arch + " (" + i + "," + k + ")");
                }
            }
        }
    }

    @Test
    void bufferedHvpEqualsDenseHessianTimesVectorAndIsReusable() {
        Random rng = new Random(4242);
        for (int t = 0; t < 200; t++) {
            checkBufferedHvp(random(rng), rng, "instance " + t);
        }
    }

    /**
     * Layers of 8-14 units, unbalanced, data at scales 1e-6..1e6: every product of the HVP goes to the native
     * {@code dgemm} (above {@code 7^3} multiply-adds) and reads / writes the layers inside the flat vectors.
     */
    @Test
    void bufferedHvpOnLayersThatUseTheNativeProducts() {
        Random rng = new Random(777);
        for (int t = 0; t < 24; t++) {
            int depth = 1 + t % 4;
            int[] d = new int[depth + 1];
            for (int h = 0; h <= depth; h++) {
                d[h] = 8 + rng.nextInt(7);
            }
            double scale = Math.pow(10, -6 + 12 * rng.nextDouble());
            Dataset raw = Datasets.gaussian(d[0], d[depth], 20, rng.nextLong());
            double s2 = scale * scale; // X, Y scaled by `scale`: every moment by its square
            Dataset data = Dataset.fromMoments(scaled(raw.sxx(), s2), scaled(raw.syx(), s2), scaled(raw.syy(), s2));
            Loss loss = Loss.of(data, t % 2 == 0 ? LossConvention.SUM : LossConvention.HALF);
            if (t % 3 == 0) {
                loss = loss.withWeightDecay(0.1 + rng.nextDouble());
            }
            checkBufferedHvp(new Instance(loss, Weights.gaussian(Architecture.of(d), 0.5, rng.nextLong())), rng,
                    "widths " + java.util.Arrays.toString(d) + " data scale " + scale);
        }
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double s) {
        DMatrixRMaj r = m.copy();
        CommonOps_DDRM.scale(s, r);
        return r;
    }

    private static void checkBufferedHvp(Instance in, Random rng, String what) {
        {
            DMatrixRMaj hess = in.loss.hessian(in.w);
            HessianVectorProduct op = in.loss.hvpAt(in.w);
            int n = op.dimension();
            double[] out = new double[n];
            for (int rep = 0; rep < 3; rep++) { // buffers reused across calls
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    v[k] = rng.nextGaussian();
                }
                op.apply(v, out);
                double[] viaWeights = in.loss.hvp(in.w, Weights.fromVector(in.w.architecture(), v)).toVector();
                double scale = Math.max(1, maxAbs(hess)) * Math.sqrt(n);
                for (int i = 0; i < n; i++) {
                    double ref = 0;
                    for (int j = 0; j < n; j++) {
                        ref += hess.get(i, j) * v[j];
                    }
                    assertEquals(ref, out[i], 1e-11 * scale, what + " row " + i);
                    assertEquals(out[i], viaWeights[i], 1e-12 * scale, what + " row " + i + " (Weights API)");
                }
            }
        }
    }

    @Test
    void hessianIntoAReusedBufferOverwritesEveryEntry() {
        Random rng = new Random(515);
        for (int t = 0; t < 100; t++) {
            Instance in = random(rng);
            DMatrixRMaj expected = in.loss.hessian(in.w);
            DMatrixRMaj buffer = new DMatrixRMaj(expected.numRows, expected.numCols);
            java.util.Arrays.fill(buffer.data, Double.NaN); // what a previous solve left behind, at its worst
            assertTrue(buffer == in.loss.hessian(in.w, buffer));
            assertTrue(java.util.Arrays.equals(expected.data, buffer.data), "trial " + t);
        }
        Loss loss = Loss.of(Datasets.gaussian(2, 3, 5, 1));
        Weights w = Weights.gaussian(Architecture.of(2, 4, 3), 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.hessian(w, new DMatrixRMaj(19, 20)));
        assertTrue(e.getMessage().contains("19x20") && e.getMessage().contains("20x20"), e.getMessage());
    }

    @Test
    void bufferedHvpRejectsBadVectors() {
        Loss loss = Loss.of(Datasets.gaussian(2, 3, 5, 1));
        Weights w = Weights.gaussian(Architecture.of(2, 4, 3), 1, 2);
        HessianVectorProduct op = loss.hvpAt(w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(new double[3], new double[20]));
        assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("n = 20"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> op.apply(new double[20], new double[19]));
        assertTrue(e.getMessage().contains("output") && e.getMessage().contains("19"), e.getMessage());
        double[] same = new double[20];
        e = assertThrows(IllegalArgumentException.class, () -> op.apply(same, same));
        assertTrue(e.getMessage().contains("same array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> op.apply(Weights.gaussian(Architecture.of(2, 3, 3), 1, 1)));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }
}
