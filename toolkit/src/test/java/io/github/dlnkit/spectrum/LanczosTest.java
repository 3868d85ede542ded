package io.github.dlnkit.spectrum;

import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.linalg.Vectors;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LanczosTest {
    static final double AGREE = 1e-8;

    /** Checks top-k and bottom-k distinct values of Lanczos against the dense clusters; returns the worst relative error. */
    static double compare(Loss loss, Weights w, int k, long seed, String label) {
        HessianOperator op = HessianOperator.of(loss, w);
        DenseSpectrum dense = DenseSpectrum.of(loss.hessian(w));
        double scale = DenseSpectrum.scaleOf(dense.eigenvalues());
        double[] distinct = DenseSpectrum.clusters(dense.eigenvalues(), 1e-8 * scale).stream()
                .mapToDouble(DenseSpectrum.Cluster::value).toArray();
        Lanczos.Result r = Lanczos.run(op, Lanczos.Options.builder().k(k).seed(seed).build());
        assertEquals(r.iterations(), op.applications(), label);
        int kk = Math.min(k, distinct.length);
        assertEquals(kk, r.top().size(), label + " " + r);
        assertEquals(kk, r.bottom().size(), label + " " + r);
        double worst = 0;
        for (int i = 0; i < kk; i++) {
            double top = distinct[distinct.length - 1 - i];
            double bottom = distinct[i];
            worst = Math.max(worst, Math.abs(r.top().get(i).value() - top) / scale);
            worst = Math.max(worst, Math.abs(r.bottom().get(i).value() - bottom) / scale);
            assertTrue(r.top().get(i).residual() <= 1e-10 * r.scale() || r.exhausted(), label + " residual " + r.top().get(i));
        }
        assertTrue(worst <= AGREE, label + ": worst relative error " + worst + "\n dense " + dense + "\n " + r);
        return worst;
    }

    static Weights saddle(Dataset data, Architecture arch, PointClass c, long seed, int... s) {
        return CriticalPoints.builder(data, arch).S(s).pointClass(c).changeOfBasis(seed).build();
    }

    @Test
    void matchesDenseOnRandomPointsAndSaddles() {
        double worst = 0;
        for (int t = 0; t < 6; t++) {
            Dataset data = Datasets.whitened(4, 4, 20, 10 + t);
            Architecture arch = Architecture.of(4, 5, 5, 4);
            Loss loss = Loss.of(data);
            worst = Math.max(worst, compare(loss, Weights.gaussian(arch, 0.7, 100 + t), 5, t, "random " + t));
            worst = Math.max(worst, compare(loss, saddle(data, arch, PointClass.STRICT_SADDLE, 200 + t, 1, 2), 5, t, "strict " + t));
            worst = Math.max(worst, compare(loss, saddle(data, arch, PointClass.NON_STRICT_SADDLE, 300 + t, 1), 5, t, "non-strict " + t));
            worst = Math.max(worst, compare(loss, CriticalPoints.globalMinimizer(data, arch), 3, t, "global " + t));
            Loss decayed = Loss.of(data, io.github.dlnkit.model.LossConvention.HALF).withWeightDecay(0.05 * (t + 1));
            worst = Math.max(worst, compare(decayed, Weights.gaussian(arch, 0.7, 400 + t), 4, t, "half + weight decay " + t));
        }
        System.out.println("Lanczos vs dense, small nets: worst relative error " + worst);
    }

    @Test
    void nonStrictSaddleHasNoSpuriousNegative() {
        for (int t = 0; t < 5; t++) {
            Dataset data = Datasets.whitened(5, 5, 30, 40 + t);
            Architecture arch = Architecture.of(5, 6, 6, 6, 5);
            Loss loss = Loss.of(data);
            Weights w = saddle(data, arch, PointClass.NON_STRICT_SADDLE, 50 + t, 1, 2);
            DenseSpectrum dense = DenseSpectrum.of(loss.hessian(w));
            assertTrue(dense.zeroCount() > 10 && dense.negativeCount() == 0, dense.toString());
            Lanczos.Result r = Lanczos.run(HessianOperator.of(loss, w), Lanczos.Options.builder().k(3).seed(t).build());
            RitzPair min = r.min();
            assertTrue(Math.abs(min.value()) <= 1e-10 * r.scale(), "min " + min + " scale " + r.scale());
            assertFalse(r.certainlyNegative(1e-9), r.toString());
            // the strict saddle of the same data is certainly negative
            Weights s = saddle(data, arch, PointClass.STRICT_SADDLE, 60 + t, 1, 3);
            Lanczos.Result rs = Lanczos.run(HessianOperator.of(loss, s), Lanczos.Options.builder().k(1).which(Lanczos.Which.BOTTOM).seed(t).build());
            assertTrue(rs.certainlyNegative(1e-9), rs.toString());
            assertEquals(DenseSpectrum.of(loss.hessian(s)).min(), rs.min().value(), 1e-9 * rs.scale());
            assertTrue(rs.top().isEmpty());
            assertThrows(IllegalStateException.class, rs::max);
        }
    }

    @Test
    void ritzVectorsAreEigenvectors() {
        Dataset data = Datasets.whitened(4, 3, 20, 3);
        Weights w = Weights.gaussian(Architecture.of(4, 5, 3), 0.5, 4);
        HessianOperator op = HessianOperator.of(Loss.of(data), w);
        Lanczos.Result r = Lanczos.run(op, Lanczos.Options.builder().k(2).vectors(true).seed(9).build());
        List<RitzPair> pairs = new ArrayList<>(r.top());
        pairs.addAll(r.bottom());
        for (RitzPair p : pairs) {
            double[] x = p.vector();
            double[] ax = new double[x.length];
            op.apply(x, ax);
            double res = 0;
            for (int i = 0; i < x.length; i++) {
                res += Math.pow(ax[i] - p.value() * x[i], 2);
            }
            assertEquals(1, Vectors.norm(x), 1e-12);
            assertTrue(Math.sqrt(res) <= p.residual() + 1e-10 * r.scale(), Math.sqrt(res) + " vs " + p.residual());
        }
    }

    @Test
    void exhaustedKrylovSpaceAndFewDistinctValues() {
        Lanczos.Result r = Lanczos.extremes(SymmetricOperator.diagonal(2, 2, 2, -1, 5, 5, 5, 5), 5);
        assertTrue(r.exhausted());
        assertEquals(3, r.top().size());
        assertEquals(5, r.max().value(), 1e-12);
        assertEquals(-1, r.min().value(), 1e-12);
        assertEquals(2, r.top().get(1).value(), 1e-12);
    }

    @Test
    void iterationCapAndBadInput() {
        Dataset data = Datasets.whitened(6, 6, 30, 1);
        HessianOperator op = HessianOperator.of(Loss.of(data), Weights.gaussian(Architecture.of(6, 8, 8, 6), 0.5, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Lanczos.run(op, Lanczos.Options.builder().k(5).maxIterations(8).build()));
        assertTrue(e.getMessage().contains("did not converge in 8 iterations") && e.getMessage().contains("maxIterations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.builder().k(0).build());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.builder().tolerance(0).build());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.builder().maxIterations(0).build());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(null, Lanczos.Options.builder().build()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.tridiagonal(op, new double[3], 4))
                .getMessage().contains("length 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.tridiagonal(op, new double[op.dimension()], 4))
                .getMessage().contains("norm"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> op.apply(new double[2], new double[2]))
                .getMessage().contains("expected n = " + op.dimension()));
        assertThrows(IllegalArgumentException.class, () -> HessianOperator.of(Loss.of(data), Weights.gaussian(Architecture.of(5, 6), 1, 1)));
    }

    @Test
    void tridiagonalBlocksGiveConvergingRitzValues() {
        Dataset data = Datasets.whitened(5, 5, 30, 7);
        Weights w = saddle(data, Architecture.of(5, 6, 6, 5), PointClass.STRICT_SADDLE, 3, 2);
        Loss loss = Loss.of(data);
        double min = DenseSpectrum.of(loss.hessian(w)).min();
        HessianOperator op = HessianOperator.of(loss, w);
        Tridiagonal t = Lanczos.tridiagonal(op, Lanczos.gaussian(op.dimension(), 3), 60);
        double prev = Double.POSITIVE_INFINITY;
        for (int m = 1; m <= t.size(); m++) {
            double theta = t.ritz(m).values()[0];
            assertTrue(theta <= prev + 1e-12 && theta >= min - 1e-9, m + ": " + theta); // Cauchy interlacing
            prev = theta;
        }
        assertEquals(min, prev, 1e-9);
    }

    @Test
    void implicitQlMatchesTheFullDecompositionOfTridiagonals() {
        java.util.Random rng = new java.util.Random(8);
        for (int t = 0; t < 200; t++) {
            int m = 1 + rng.nextInt(60);
            double[] a = new double[m];
            double[] b = new double[Math.max(0, m - 1)];
            for (int i = 0; i < m; i++) {
                a[i] = t % 3 == 0 ? 0 : rng.nextGaussian() * 10; // t % 3 == 0: many zero and repeated eigenvalues
                if (i < m - 1) {
                    b[i] = t % 5 == 0 && rng.nextBoolean() ? 0 : Math.abs(rng.nextGaussian());
                }
            }
            TridiagonalQl.Result q = TridiagonalQl.solve(a, b, m);
            EigenPairs.Result f = EigenPairs.tridiagonal(a, b, m);
            double scale = DenseSpectrum.scaleOf(f.values());
            for (int i = 0; i < m; i++) {
                assertEquals(f.values()[i], q.values()[i], 1e-13 * scale, "t=" + t);
            }
            // first/last rows: compare squared components summed over clusters (eigenvectors of repeated values are not
            // unique, and those of nearly repeated ones are ill-conditioned: error ~ eps ||T|| / gap)
            for (DenseSpectrum.Cluster c : DenseSpectrum.clusters(f.values(), 1e-6 * scale)) {
                double sf0 = 0, sq0 = 0, sfl = 0, sql = 0;
                for (int i = c.first(); i < c.first() + c.multiplicity(); i++) {
                    sf0 += Math.pow(f.vectors().get(0, i), 2);
                    sq0 += q.first()[i] * q.first()[i];
                    sfl += Math.pow(f.vectors().get(m - 1, i), 2);
                    sql += q.last()[i] * q.last()[i];
                }
                assertEquals(sf0, sq0, 1e-10, "t=" + t);
                assertEquals(sfl, sql, 1e-10, "t=" + t);
            }
        }
    }

    /** n ~ 2,000: Lanczos vs dense at 1e-8 relative (about 20 s, -Ddlnkit.long=true). */
    @Test
    void matchesDenseUpToTwoThousandParameters() {
        assumeTrue(Boolean.getBoolean("dlnkit.long"), "long run: -Ddlnkit.long=true");
        Dataset data = Datasets.whitened(20, 20, 100, 5);
        Architecture arch = Architecture.of(20, 24, 24, 24, 20); // 2,112 parameters
        Loss loss = Loss.of(data);
        int[] s = IntStream.rangeClosed(1, 4).toArray();
        double worst = 0;
        worst = Math.max(worst, compare(loss, saddle(data, arch, PointClass.STRICT_SADDLE, 8, s), 5, 1, "strict n=2112"));
        worst = Math.max(worst, compare(loss, saddle(data, arch, PointClass.NON_STRICT_SADDLE, 8, s), 5, 2, "non-strict n=2112"));
        worst = Math.max(worst, compare(loss, Weights.gaussian(arch, 0.3, 4), 5, 3, "random n=2112"));
        System.out.println("Lanczos vs dense, n = " + arch.parameterCount() + ": worst relative error " + worst);
    }
}
