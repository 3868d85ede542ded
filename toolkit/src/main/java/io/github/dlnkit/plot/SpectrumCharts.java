package io.github.dlnkit.plot;

import io.github.dlnkit.spectrum.SpectralDensity;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hessian spectra: every eigenvalue against its index, and spectral densities from stochastic Lanczos quadrature. */
final class SpectrumCharts {
    /** On a log density axis, values below this fraction of the peak are left out (a gap, not a floor line). */
    static final double DENSITY_FLOOR = 1e-6;

    private SpectrumCharts() {
    }

    /** See {@link Charts#spectrumIndex(double[], double, ChartOptions)}. */
    static XYChart spectrumIndex(double[] eigenvalues, double zeroTolerance, ChartOptions o) {
        Charts.requireOptions(o);
        if (eigenvalues == null || eigenvalues.length == 0) {
            throw new IllegalArgumentException("spectrum index plot needs at least one eigenvalue");
        }
        if (!(zeroTolerance >= 0)) {
            throw new IllegalArgumentException("zero tolerance = " + zeroTolerance + ", expected >= 0");
        }
        double[] ev = eigenvalues.clone();
        Arrays.sort(ev);
        int n = ev.length;
        Plot p = Plot.create(o, "Hessian eigenvalues", "index (ascending)", "eigenvalue", false, false);
        XYChart c = p.chart();
        c.getStyler().setMarkerSize(6);
        double lo = Math.min(ev[0], 0);
        double hi = Math.max(ev[n - 1], 0);
        double pad = 0.06 * Math.max(hi - lo, 1e-12);
        String[] names = {"negative", "zero (|mu| <= " + String.format(Locale.ROOT, "%.1g", zeroTolerance) + ")", "positive"};
        Color[] colors = {o.style().strict(), o.style().neutral(), o.style().nonStrict()};
        for (int kind = 0; kind < 3; kind++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = ev[i] < -zeroTolerance ? 0 : ev[i] <= zeroTolerance ? 1 : 2;
                if (k == kind) {
                    xs.add(i + 1.0);
                    ys.add(ev[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = p.add(names[kind] + ": " + xs.size(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[kind]);
        }
        // the line mu = 0, which separates the negative eigenvalues (escape directions) from the rest
        XYSeries zero = c.addSeries("mu = 0", new double[]{0, n + 1}, new double[]{0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(new Color(0x555555));
        zero.setLineWidth(0.8f);
        zero.setShowInLegend(false);
        p.xRange(0, n + 1).yRange(lo - pad, hi + pad);
        return p.finish(Plot.Legend.AUTO);
    }

    /** See {@link Charts#spectralDensity(Map, ChartOptions)}. */
    static XYChart spectralDensity(Map<String, SpectralDensity> densities, ChartOptions o) {
        Charts.requireOptions(o);
        if (densities == null || densities.isEmpty()) {
            throw new IllegalArgumentException("spectral density chart needs at least one density");
        }
        double top = densities.values().stream().flatMapToDouble(d -> Arrays.stream(d.density())).max().orElse(1);
        double floor = DENSITY_FLOOR * top;
        double low = densities.values().stream().flatMapToDouble(d -> Arrays.stream(d.density()))
                .filter(v -> v > floor).min().orElse(top);
        boolean logY = o.logYOr(Axes.logWanted(low, top));
        Plot p = Plot.create(o, "Hessian spectral density (SLQ)", "eigenvalue", "density", false, logY);
        int i = 0;
        for (Map.Entry<String, SpectralDensity> e : densities.entrySet()) {
            double[] y = e.getValue().density();
            for (int k = 0; k < y.length; k++) {
                if (!(y[k] > floor) && logY) {
                    y[k] = Double.NaN; // below the floor: a gap, so that no flat line looks like data
                } else if (!logY) {
                    y[k] = Math.max(0, y[k]);
                }
            }
            XYSeries s = p.add(e.getKey(), e.getValue().grid(), y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(o.style().forGroup(e.getKey(), i++));
            s.setLineWidth(1.8f);
        }
        return p.finish(Plot.Legend.AUTO);
    }
}
