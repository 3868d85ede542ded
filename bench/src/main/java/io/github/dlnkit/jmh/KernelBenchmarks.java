package io.github.dlnkit.jmh;

import io.github.dlnkit.bench.BenchCases;
import io.github.dlnkit.dynamics.GdKernel;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.Gemm;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.HessianVectorProduct;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The inner kernels behind the bench workloads: matrix product (native vs EJML), one HVP (W2's unit of cost) and one
 * value-and-gradient step (W3's); the dense kernels of W1 are in {@link DenseKernelBenchmarks}.
 * {@code java -jar bench/target/dlnkit-jmh.jar -p width=32,64} etc.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelBenchmarks {
    @Param({"16", "32", "64"})
    int width;

    DMatrixRMaj a;
    DMatrixRMaj b;
    DMatrixRMaj c;
    HessianVectorProduct hvp;
    double[] v;
    double[] out;
    GdKernel kernel;
    DMatrixRMaj[] w;
    DMatrixRMaj[] grad;

    @Setup
    public void setup() {
        Random rng = new Random(1);
        a = new DMatrixRMaj(width, width);
        b = new DMatrixRMaj(width, width);
        c = new DMatrixRMaj(width, width);
        for (int k = 0; k < width * width; k++) {
            a.data[k] = rng.nextGaussian();
            b.data[k] = rng.nextGaussian();
        }
        CaseFile s = BenchCases.spectrum(width);
        hvp = s.loss().hvpAt(s.point());
        v = new double[hvp.dimension()];
        for (int k = 0; k < v.length; k++) {
            v[k] = rng.nextGaussian();
        }
        out = new double[v.length];
        CaseFile g = BenchCases.gradientDescent(width);
        Architecture arch = g.requireArchitecture();
        kernel = new GdKernel(g.loss(), arch);
        w = Weights.gaussian(arch, 0.5 / Math.sqrt(width), 1).layers().toArray(new DMatrixRMaj[0]);
        grad = kernel.newLayers();
    }

    @Benchmark
    public DMatrixRMaj gemm() {
        Gemm.mult(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj gemmEjml() {
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    @Benchmark
    public double[] hvp() {
        hvp.apply(v, out);
        return out;
    }

    @Benchmark
    public double gdStep() {
        return kernel.valueAndGradient(w, grad);
    }
}
