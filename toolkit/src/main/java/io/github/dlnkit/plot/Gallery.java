package io.github.dlnkit.plot;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.dynamics.EscapeExperiment;
import io.github.dlnkit.dynamics.GradientDescent;
import io.github.dlnkit.dynamics.Section12;
import io.github.dlnkit.dynamics.Trajectory;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.slice.Direction;
import io.github.dlnkit.slice.Directions;
import io.github.dlnkit.slice.Slice1D;
import io.github.dlnkit.slice.Slices;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.SpectralDensity;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every chart type of {@link Charts}, drawn from worked examples and constructed critical points, as PNG files:
 * the gallery of the README ({@code dlnkit gallery --out docs/gallery}). Deterministic (fixed seeds). The gradient
 * descent runs are the set-up of Fig. 3 and 4 of Achour et al. (2024), section 12 ({@link Section12}): plain
 * full-batch GD ({@link GradientDescent}, {@link EscapeExperiment}) on data set D2 around a strict and a non-strict
 * saddle.
 */
public final class Gallery {
    private Gallery() {
    }

    /** One rendered chart. */
    public record Entry(String name, String description, Chart<?, ?> chart) {
    }

    /** The gallery charts (name, one-line description, chart) in the default style. */
    public static List<Entry> charts(boolean quick, Progress progress) {
        return charts(quick, ChartStyle.defaults(), progress);
    }

    /** The gallery charts in the given style (size, fonts, colours). */
    // Long by design (~95 lines): one short paragraph per gallery chart, in the order of docs/gallery, read top to
    // bottom; splitting it would scatter the gallery's recipe over nine methods that are called once each.
    public static List<Entry> charts(boolean quick, ChartStyle style, Progress progress) {
        Progress p = Progress.orNone(progress);
        List<Entry> list = new ArrayList<>();
        Dataset d2 = Section12.data();
        Loss loss = Loss.of(d2);
        Weights strict = Section12.strictSaddle();
        Weights nonStrict = Section12.nonStrictSaddle();
        double eta = Section12.ETA;

        p.note("gallery: loss curves and escape epochs (GD around two saddles of D2, section 12)");
        int hist = quick ? 8 : 100;
        EscapeExperiment expS = EscapeExperiment.builder(loss, strict).sigma(1e-2).runs(hist).threshold(Section12.THRESHOLD)
                .seed(1).build();
        EscapeExperiment expN = EscapeExperiment.builder(loss, nonStrict).sigma(1e-2).runs(hist).threshold(Section12.THRESHOLD)
                .seed(1).build();
        int runs = quick ? 3 : 10;
        GradientDescent gd = GradientDescent.builder().learningRate(eta).steps(quick ? 1500 : 8000).stopBelow(1 + 1e-3)
                .singularValues(false).build();
        List<double[]> curves = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            curves.add(gd.run(loss, expS.start(r)).loss());
            groups.add("strict saddle");
            curves.add(gd.run(loss, expN.start(r)).loss());
            groups.add("non-strict saddle");
        }
        list.add(new Entry("loss-curves", "GD from sigma = 1e-2 around a strict and a non-strict saddle of D2 (Fig. 3)",
                Charts.lossCurves(curves, groups, ChartOptions.builder().style(style)
                        .title("GD from sigma = 1e-2 around each saddle (" + runs + " runs each)").build())));
        int[] es = expS.run().escapeEpoch();
        int[] en = expN.run().escapeEpoch();
        list.add(new Entry("escape-histogram", "escape epochs, strict (left axis) vs non-strict (right axis) (Fig. 4)",
                Charts.escapeHistogram(es, "strict saddle", en, "non-strict saddle", ChartOptions.builder().style(style)
                        .title("Escape epochs, " + hist + " runs each (sigma = 1e-2, threshold " + Section12.THRESHOLD + ")").build())));

        p.note("gallery: Hessian spectra");
        WorkedExample e4 = WorkedExamples.e4();
        DenseSpectrum s4 = DenseSpectrum.of(Loss.of(e4.data()).hessian(e4.point()));
        list.add(new Entry("spectrum-index", "all Hessian eigenvalues of worked example E4 (strict saddle)",
                Charts.spectrumIndex(s4.eigenvalues(), s4.tolerance(), ChartOptions.builder().style(style)
                        .title("Hessian eigenvalues at E4 (strict saddle, min -4 sqrt 2)").build())));

        Dataset big = Datasets.whitened(8, 8, 40, 1);
        Architecture net = Architecture.of(8, 10, 10, 10, 8);
        Loss bigLoss = Loss.of(big);
        Weights bs = CriticalPoints.builder(big, net).S(1, 2, 3).pointClass(PointClass.STRICT_SADDLE).changeOfBasis(4).build();
        Weights bn = CriticalPoints.builder(big, net).S(1, 2, 3).pointClass(PointClass.NON_STRICT_SADDLE).changeOfBasis(4).build();
        Map<String, SpectralDensity> dens = new LinkedHashMap<>();
        SpectralDensity.Options so = SpectralDensity.Options.builder().probes(quick ? 2 : 6).steps(quick ? 30 : 80).build();
        SpectralDensity ds = SpectralDensity.of(HessianOperator.of(bigLoss, bs), so);
        SpectralDensity dn = SpectralDensity.of(HessianOperator.of(bigLoss, bn), so);
        double lo = Math.min(ds.grid()[0], dn.grid()[0]);
        double hi = Math.max(ds.grid()[ds.grid().length - 1], dn.grid()[dn.grid().length - 1]);
        so = so.toBuilder().range(lo, hi).sigma((hi - lo) / 150).build();
        dens.put("strict saddle", SpectralDensity.of(HessianOperator.of(bigLoss, bs), so));
        dens.put("non-strict saddle", SpectralDensity.of(HessianOperator.of(bigLoss, bn), so));
        list.add(new Entry("spectral-density", "SLQ spectral density at a strict and a non-strict saddle (n = "
                + net.parameterCount() + ")", Charts.spectralDensity(dens, ChartOptions.builder().style(style)
                .title("Hessian spectral density (SLQ), n = " + net.parameterCount()).build())));

        p.note("gallery: slices");
        Classification cs = Classifier.classify(d2, strict);
        Classification cn = Classifier.classify(d2, nonStrict);
        Direction w1 = Directions.witness(cs);
        Direction wn = Directions.witness(cn);
        Map<String, Slice1D> sl = new LinkedHashMap<>();
        sl.put("strict saddle: " + w1.label(), Slices.line(loss, strict, w1, 1, 101));
        sl.put("non-strict saddle: " + wn.label(), Slices.line(loss, nonStrict, wn, 1, 101));
        list.add(new Entry("slice-1d", "the loss along the witness directions of the two D2 saddles",
                Charts.slices(sl, ChartOptions.builder().style(style).title("Loss along the witness direction (unit norm)").build())));
        Direction w2 = Directions.random(strict, Directions.Normalization.UNIT, 5).orthogonalTo(w1).unit();
        list.add(new Entry("slice-2d", "the loss on the plane of the witness and a random direction, strict saddle",
                Charts.slice(Slices.plane(loss, strict, w1, w2, 1, quick ? 21 : 41), ChartOptions.builder().style(style).bins(16)
                        .title("Strict saddle of D2: witness x random direction").build())));

        p.note("gallery: critical values, singular values, convergence");
        Dataset d5 = Datasets.diagonal(4, 3, 2.5, 2, 1.5, 1);
        list.add(new Entry("critical-values", "all critical values for d = 6, widths 6-3-3-6, by class",
                Charts.criticalValues(CriticalValues.of(d5, Architecture.of(6, 3, 3, 6)).entries(), ChartOptions.builder().style(style)
                        .title("Critical values (Y = diag(4, 3, 2.5, 2, 1.5, 1), widths 6-3-3-6)").build())));

        Trajectory sv = GradientDescent.builder().learningRate(eta).steps(quick ? 800 : 2500).recordEvery(5).build()
                .run(loss, Weights.balanced(Architecture.of(3, 3, 3, 3), 1e-3, 7));
        double[] time = Arrays.stream(sv.time()).map(t -> t * eta).toArray();
        list.add(new Entry("singular-values", "singular values of W_{H:1} along GD from a small balanced start (D2, H = 3)",
                Charts.singularValues(time, sv.singularValues(), ChartOptions.builder().style(style)
                        .title("Singular values of the end-to-end map: saddle-to-saddle (D2, H = 3)").xLabel("time k eta").build())));

        Weights g = CriticalPoints.globalMinimizer(d2, Architecture.of(3, 3, 3, 3)).plus(Weights.gaussian(Architecture.of(3, 3, 3, 3), 1, 3), 0.05);
        Trajectory conv = GradientDescent.builder().learningRate(eta).steps(quick ? 300 : 1200).singularValues(false).build().run(loss, g);
        double[] k = conv.time();
        double[] gn = conv.gradientNorm();
        list.add(new Entry("convergence", "gradient norm of GD near a global minimizer with the fitted linear rate",
                Charts.convergence(k, gn, ChartOptions.builder().style(style).title("GD near a global minimizer of D2: |grad L|")
                        .yLabel("|grad L(W_k)|").build())));
        return list;
    }
}
