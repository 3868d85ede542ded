package io.github.dlnkit.dynamics;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;

/**
 * The reproduction protocol of Figures 3-4 (achour2024.md section 12): data D2 ({@code X = I_3},
 * {@code Y = diag(3,2,1)}, {@code lambda = (9,4,1)}), {@code H = 3}, widths {@code (3,3,3,3)}, plain-sum loss, GD with
 * {@code eta = 1e-2} from {@code W* + sigma N(0,1)}, and two saddles with {@code S = {1}} and value 5:
 * strict {@code W_1 = diag(1,0,0), W_2 = I_3, W_3 = diag(3,0,0)} (pivot (3,1) of inner rank 3 > 1) and non-strict
 * {@code W_2 = diag(1,0,0)} (tightened). The section's escape threshold is {@link #THRESHOLD} = 3 = (5+1)/2.
 * The case files {@code examples/protocol-strict.json} and {@code examples/protocol-nonstrict.json} are
 * {@link #strictCase()} and {@link #nonStrictCase()} written with {@link CaseFile#write}.
 */
public final class Section12 {
    /** Escape threshold of the reference table: midpoint between 5 and the value 1 of {@code S = {1,2}}. */
    public static final double THRESHOLD = 3.0;
    /** Step of the protocol. */
    public static final double ETA = 1e-2;
    /** Reference medians (100 runs): sigma, strict median, non-strict median (section 12 table). */
    public static final double[][] REFERENCE_MEDIANS = {{1e-2, 112, 2423}, {1e-3, 174, 25274}};

    private Section12() {
    }

    public static Dataset data() {
        return WorkedExamples.d2();
    }

    public static Weights strictSaddle() {
        return Weights.of(MatrixOps.diag(1, 0, 0), MatrixOps.diag(1, 1, 1), MatrixOps.diag(3, 0, 0));
    }

    public static Weights nonStrictSaddle() {
        return Weights.of(MatrixOps.diag(1, 0, 0), MatrixOps.diag(1, 0, 0), MatrixOps.diag(3, 0, 0));
    }

    public static CaseFile strictCase() {
        return CaseFile.of(data(), strictSaddle()).withName("section-12 protocol: strict saddle, S {1}, value 5 "
                + "(reference escape threshold 3: --threshold 3)");
    }

    public static CaseFile nonStrictCase() {
        return CaseFile.of(data(), nonStrictSaddle()).withName("section-12 protocol: non-strict saddle, S {1}, value 5 "
                + "(reference escape threshold 3: --threshold 3)");
    }
}
