package io.github.dlnkit.bench;

import io.github.dlnkit.linalg.RandomMatrices;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.dynamics.Section12;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded instances of the workloads (written by {@code dlnkit bench cases}, shipped as
 * {@code examples/bench-*.json}); every number comes from a fixed seed, so the files can be regenerated bit for bit.
 * <ul>
 *   <li>W1, W2: {@code H = 4}, all widths {@code d} ({@code n = 4 d^2}), Gaussian data {@code X, Y} ({@code d x 2d}),
 *       point {@code W_h ~ N(0, 1/d)}, plain-sum loss;</li>
 *   <li>W3: {@code H = 3}, width {@code d}, whitened inputs ({@code Sxx = I}, 4d samples) and {@code Y = Z X},
 *       {@code Z ~ N(0, 1/d)}, half loss, widths only (the runs draw their own starts);</li>
 *   <li>W4: the section-12 protocol saddles ({@link Section12}: strict and non-strict);</li>
 *   <li>W5: a constructed non-strict saddle with {@code S = {1,2,3,4}} ({@link CriticalPoints}), depth {@code H},
 *       width {@code d}, Gaussian data.</li>
 * </ul>
 */
public final class BenchCases {
    private BenchCases() {
    }

    /** A case with the file name it is written under. */
    public record Named(String fileName, Workload workload, CaseFile caseFile) {
    }

    /** W1/W2 instance of width {@code d}. */
    public static CaseFile spectrum(int d) {
        Architecture arch = Architecture.uniform(d, d, d, 4);
        Dataset data = Datasets.gaussian(d, d, 2 * d, 1000 + d);
        return CaseFile.of(data, Weights.gaussian(arch, 1 / Math.sqrt(d), 2000 + d)).withName("H = 4, width " + d
                + ", n = " + arch.parameterCount());
    }

    /** W3 instance of width {@code d}. */
    public static CaseFile gradientDescent(int d) {
        Random rng = new Random(3000 + d);
        DMatrixRMaj x = RandomMatrices.orthonormal(d, 4 * d, rng);
        DMatrixRMaj z = RandomMatrices.gaussian(d, d, 1 / Math.sqrt(d), rng);
        Dataset data = Dataset.of(x, MatrixOps.mult(z, x));
        Dataset moments = Dataset.fromMoments(data.sxx(), data.syx(), data.syy());
        return CaseFile.of(moments).withArchitecture(Architecture.uniform(d, d, d, 3))
                .withConvention(LossConvention.HALF).withName("H = 3, width " + d + ", whitened data");
    }

    /** W5 instance: a non-strict saddle of depth {@code depth} and width {@code d}. */
    public static CaseFile classification(int d, int depth) {
        Architecture arch = Architecture.uniform(d, d, d, depth);
        Dataset data = Datasets.gaussian(d, d, 2 * d, 5000 + d);
        Weights w = CriticalPoints.builder(data, arch).S(1, 2, 3, 4).pointClass(PointClass.NON_STRICT_SADDLE).build();
        return CaseFile.of(data, w).withName("non-strict saddle, S = {1,2,3,4}, H = " + depth + ", width " + d);
    }

    /** The instances named in issue 9 (shipped in {@code examples/}). */
    public static List<Named> standard() {
        List<Named> l = new ArrayList<>();
        for (int d : new int[]{8, 16, 22}) {
            l.add(new Named("bench-w1-" + d + ".json", Workload.W1, spectrum(d)));
        }
        for (int d : new int[]{64, 128}) {
            l.add(new Named("bench-w2-" + d + ".json", Workload.W2, spectrum(d)));
        }
        l.add(new Named("bench-w3-32.json", Workload.W3, gradientDescent(32)));
        l.add(new Named("bench-w4-strict.json", Workload.W4, Section12.strictCase().withName("section-12 strict saddle")));
        l.add(new Named("bench-w4-nonstrict.json", Workload.W4,
                Section12.nonStrictCase().withName("section-12 non-strict saddle")));
        l.add(new Named("bench-w5-64-h12.json", Workload.W5, classification(64, 12)));
        return l;
    }

    /** The tiny instances of {@code bench all --quick} (and the CLI tests): every workload in well under a second. */
    public static List<Named> quick() {
        List<Named> l = new ArrayList<>();
        l.add(new Named("bench-w1-4.json", Workload.W1, spectrum(4)));
        l.add(new Named("bench-w2-8.json", Workload.W2, spectrum(8)));
        l.add(new Named("bench-w3-4.json", Workload.W3, gradientDescent(4)));
        l.add(new Named("bench-w4-strict.json", Workload.W4, Section12.strictCase().withName("section-12 strict saddle")));
        l.add(new Named("bench-w5-6-h4.json", Workload.W5, classification(6, 4)));
        return l;
    }
}
