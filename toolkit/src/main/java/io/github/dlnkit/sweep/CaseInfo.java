package io.github.dlnkit.sweep;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a sweep knows about each case before any task runs ({@code DIR/cases.csv}): the Theorem 7 verdict of the
 * case's point with its witness ({@link Classifier}, default tolerances), the order {@code p} of the witness's first
 * descending term ({@code L(W + t delta) = L(W) + c t^p + ...}, {@code c < 0}; 2 for strict saddles), and the
 * smallest Hessian eigenvalue of the case's loss (dense up to {@link TaskRunner#DENSE_LIMIT} parameters, Lanczos
 * beyond), which sets the linear escape rate of strict saddles.
 *
 * @param name        the case's name
 * @param source      how it was made ({@link CaseSpec#describe})
 * @param widths      {@code d_0..d_H}
 * @param pointClass  the verdict, or null when the case has no point
 * @param S           1-based {@code S}
 * @param r           rank of {@code W_{H:1}}
 * @param loss        {@code L(W)} in the case's convention
 * @param witnessKind the witness's kind or null
 * @param order       the witness's order {@code p}, 0 when none
 * @param leading     its leading coefficient (NaN when none)
 * @param hessianMin  smallest Hessian eigenvalue at {@code W} (case's convention; NaN without a point)
 */
public record CaseInfo(String name, String source, int[] widths, PointClass pointClass, int[] S, int r, double loss,
                       String witnessKind, int order, double leading, double hessianMin) {

    /** The information for case {@code i} of a plan. */
    public static CaseInfo of(SweepSpec spec, TaskRunner runner, int i) {
        CaseFile c = runner.caseFile(i);
        String name = spec.cases().get(i).name();
        String source = spec.cases().get(i).describe();
        int[] widths = c.requireArchitecture().widths();
        if (c.pointIfPresent().isEmpty()) {
            return new CaseInfo(name, source, widths, null, new int[0], -1, Double.NaN, null, 0, Double.NaN, Double.NaN);
        }
        Weights w = c.requirePoint();
        Classification k = Classifier.classify(c.data(), w);
        double min;
        if (w.architecture().parameterCount() <= TaskRunner.DENSE_LIMIT) {
            min = DenseSpectrum.of(c.loss().hessian(w)).min();
        } else {
            min = Lanczos.bottom(HessianOperator.of(c.loss(), w), 1).min().value();
        }
        var wit = k.witness();
        return new CaseInfo(name, source, widths, k.pointClass(), k.S(), k.r(), c.loss().value(w),
                wit.map(x -> x.kind()).orElse(null), wit.map(x -> x.order()).orElse(0),
                wit.map(x -> x.leading()).orElse(Double.NaN), min);
    }

    /** Columns of {@code cases.csv}. */
    public static List<String> header() {
        return List.of("case", "source", "widths", "parameters", "class", "S", "r", "loss", "witnessKind", "witnessOrder",
                "witnessLeading", "hessianMin");
    }

    /** This case as a row of {@code cases.csv}. */
    public List<String> row() {
        List<String> r0 = new ArrayList<>();
        r0.add(name);
        r0.add(source);
        r0.add(Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(";")));
        r0.add(Integer.toString(io.github.dlnkit.model.Architecture.of(widths).parameterCount()));
        r0.add(pointClass == null ? "" : pointClass.name());
        r0.add(Arrays.stream(S).mapToObj(Integer::toString).collect(Collectors.joining(";")));
        r0.add(r < 0 ? "" : Integer.toString(r));
        r0.add(Csv.number(loss));
        r0.add(witnessKind == null ? "" : witnessKind);
        r0.add(order == 0 ? "" : Integer.toString(order));
        r0.add(Csv.number(leading));
        r0.add(Csv.number(hessianMin));
        return r0;
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public int[] S() {
        return S.clone();
    }
}
