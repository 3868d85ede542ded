package io.github.dlnkit.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFitTest {

    @Test
    void exactLineIsRecovered() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = 3 - 0.5 * x[i];
        }
        LineFit f = LineFit.of(x, y);
        assertEquals(-0.5, f.slope(), 1e-14);
        assertEquals(3, f.intercept(), 1e-14);
        assertEquals(1, f.r2(), 1e-14);
        assertEquals(0, f.slopeStandardError(), 1e-14);
        assertEquals(5, f.points());
        assertEquals(2.0, f.at(2), 1e-14);
    }

    @Test
    void linearRateAndPowerLawAreRecoveredOnLogScales() {
        double[] k = new double[40];
        double[] y = new double[40];
        double[] p = new double[40];
        for (int i = 0; i < 40; i++) {
            k[i] = 1 + i;
            y[i] = 7 * Math.pow(0.9, k[i]);
            p[i] = 2 * Math.pow(k[i], -2);
        }
        LineFit rate = LineFit.logLinear(k, y);
        assertEquals(0.9, rate.rate(), 1e-13);
        assertEquals(7 * Math.pow(0.9, 50), rate.at(50), 1e-12 * rate.at(50));
        LineFit power = LineFit.logLog(k, p);
        assertEquals(-2, power.slope(), 1e-13);
        assertEquals(Math.log(2), power.intercept(), 1e-13);
    }

    @Test
    void centredSumsKeepDigitsFarFromTheOrigin() {
        // steps near 1e8 with a tiny rate: uncentred sums (n Sxx - Sx^2) cancel catastrophically here
        double[] k = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            k[i] = 1e8 + i;
            y[i] = Math.exp(-1e-3 * i);
        }
        assertEquals(-1e-3, LineFit.logLinear(k, y).slope(), 1e-12);
    }

    @Test
    void unusableRowsAreSkippedAndCounted() {
        double[] x = {1, 2, 3, 4, Double.NaN, 6};
        double[] y = {1, 0, 4, -1, 5, Double.POSITIVE_INFINITY};
        LineFit f = LineFit.logLinear(x, y);
        assertEquals(2, f.points());
        assertEquals(4, f.dropped());
        assertEquals(Math.log(4) / 2, f.slope(), 1e-14);
        assertTrue(Double.isNaN(f.slopeStandardError()), "no standard error from two points");
        LineFit none = LineFit.logLog(new double[]{-1, 0}, new double[]{1, 1});
        assertEquals(0, none.points());
        assertTrue(Double.isNaN(none.slope()));
    }

    @Test
    void slopeStandardErrorMatchesTheTextbookFormula() {
        Random rnd = new Random(11);
        int n = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2 + 0.3 * i + rnd.nextGaussian();
        }
        LineFit f = LineFit.of(x, y);
        double mx = (n - 1) / 2.0;
        double sxx = 0;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            double r = y[i] - f.at(x[i]);
            sse += r * r;
        }
        assertEquals(Math.sqrt(sse / (n - 2) / sxx), f.slopeStandardError(), 1e-12);
        assertTrue(Math.abs(f.slope() - 0.3) < 4 * f.slopeStandardError());
    }

    @Test
    void mismatchedOrNullInputIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineFit.of(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("x has 2 values but y has 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineFit.of(null, new double[3]));
    }
}
