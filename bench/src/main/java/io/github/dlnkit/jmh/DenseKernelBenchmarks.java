package io.github.dlnkit.jmh;

import io.github.dlnkit.bench.BenchCases;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.linalg.SymmetricEigen;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
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

import java.util.concurrent.TimeUnit;

/**
 * The dense kernels of W1: Hessian assembly ({@link Loss#hessian}) and the eigen-solve ({@link SymmetricEigen}),
 * on their own width parameter: the dense Hessian has {@code n^2 = 16 width^4} entries (2 GB at width 64), so it does
 * not follow the {@code -p width=...} of {@link KernelBenchmarks}; {@code -p denseWidth=8,16}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DenseKernelBenchmarks {
    @Param({"16"})
    int denseWidth;

    Loss loss;
    Weights point;
    DMatrixRMaj hessian;

    @Setup
    public void setup() {
        CaseFile s = BenchCases.spectrum(denseWidth);
        loss = s.loss();
        point = s.point();
        hessian = loss.hessian(point);
    }

    @Benchmark
    public DMatrixRMaj hessianAssembly() {
        return loss.hessian(point);
    }

    @Benchmark
    public double[] eigenvalues() {
        return SymmetricEigen.eigenvalues(hessian);
    }
}
