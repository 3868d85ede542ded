package io.github.dlnkit.slice;

import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.CriticalPoints;
import io.github.dlnkit.critical.PointClass;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Datasets;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.table.Tables;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlicesTest {

    @Test
    void sliceThroughAStrictSaddleAlongItsWitnessDropsOnBothSides() {
        int checked = 0;
        for (int t = 0; t < 12; t++) {
            Dataset data = Datasets.whitened(4, 4, 20, 70 + t);
            Architecture arch = Architecture.of(4, 5, 5, 4);
            Weights w = CriticalPoints.builder(data, arch).S(t % 2 == 0 ? new int[]{1, 3} : new int[]{2})
                    .pointClass(PointClass.STRICT_SADDLE).changeOfBasis(t).build();
            Classification c = Classifier.classify(data, w);
            Direction d = Directions.witness(c);
            Loss loss = Loss.of(data);
            double base = loss.value(w);
            // small radius: the quadratic term dominates, negative on both sides
            Slice1D s = Slices.line(loss, w, d, 1e-2, 21);
            double[] v = s.loss();
            assertEquals(base, v[10], 1e-12 * Math.max(1, base));
            assertTrue(v[0] < base && v[20] < base, "strict saddle " + t + ": " + v[0] + ", " + base + ", " + v[20]);
            // agrees with the witness's exact polynomial (independent route), unit direction rescaled
            double scale = c.witness().orElseThrow().direction().norm();
            for (int i = 0; i < 21; i++) {
                assertEquals(c.witness().orElseThrow().lossAt(s.t()[i] / scale), v[i], 1e-9 * Math.max(1, base));
            }
            checked++;
        }
        assertEquals(12, checked);
        WorkedExample e4 = WorkedExamples.e4();
        Slice1D s = Slices.line(Loss.of(e4.data()), e4.point(), Directions.witness(Classifier.classify(e4.data(), e4.point())), 0.5, 11);
        assertTrue(s.loss()[0] < s.base() && s.loss()[10] < s.base());
        assertEquals(List.of("t", "loss", "change"), Tables.columnNames(s.toTable()));
        assertEquals("t:DOUBLE, loss:DOUBLE, change:DOUBLE", Tables.schema(s.toTable()));
    }

    @Test
    void nonStrictSaddleWitnessDescendsAtHigherOrder() {
        WorkedExample e2 = WorkedExamples.e2();
        Classification c = Classifier.classify(e2.data(), e2.point());
        Direction d = Directions.witness(c);
        Slice1D s = Slices.line(Loss.of(e2.data()), e2.point(), d, 0.3, 31);
        double[] v = s.loss();
        // odd order >= 3 with negative leading term: drops for t > 0, flat to second order
        assertTrue(v[30] < s.base(), v[30] + " vs " + s.base());
        assertTrue(Math.abs(v[16] - s.base()) < 1e-2 * Math.abs(v[30] - s.base()));
    }

    @Test
    void normalizationsAndPlanes() {
        WorkedExample a = WorkedExamples.e4();
        Weights w = a.point();
        Direction f = Directions.random(w, Directions.Normalization.FILTER, 3);
        for (int h = 1; h <= w.depth(); h++) {
            DMatrixRMaj dh = f.vector().layer(h);
            DMatrixRMaj wh = w.layer(h);
            double layer = 0;
            for (double x : wh.data) {
                layer += x * x;
            }
            double rms = Math.sqrt(layer / wh.numRows);
            for (int r = 0; r < dh.numRows; r++) {
                double dn = 0;
                double wn = 0;
                for (int col = 0; col < dh.numCols; col++) {
                    dn += dh.get(r, col) * dh.get(r, col);
                    wn += wh.get(r, col) * wh.get(r, col);
                }
                double expected = wn > 0 ? Math.sqrt(wn) : rms > 0 ? rms : 1;
                assertEquals(expected, Math.sqrt(dn), 1e-12);
            }
        }
        Direction l = Directions.random(w, Directions.Normalization.LAYER, 3);
        double[] wn = w.layerNorms();
        double[] ln = l.vector().layerNorms();
        for (int h = 0; h < wn.length; h++) {
            assertEquals(wn[h] > 0 ? wn[h] : 1, ln[h], 1e-12);
        }
        assertEquals(1, Directions.random(w, Directions.Normalization.UNIT, 3).vector().norm(), 1e-12);
        Loss loss = Loss.of(a.data());
        List<Direction> eig = Directions.hessianExtremes(loss, w, null);
        DenseSpectrum spec = DenseSpectrum.of(loss.hessian(w));
        // Rayleigh quotients of the eigen-directions are the extreme eigenvalues
        for (int i = 0; i < 2; i++) {
            Weights v = eig.get(i).vector();
            assertEquals(1, v.norm(), 1e-12);
            assertEquals(i == 0 ? spec.min() : spec.max(), loss.hvp(w, v).dot(v), 1e-9);
        }
        Slice2D p = Slices.plane(loss, w, eig.get(0), eig.get(1), 0.2, 5);
        assertEquals(loss.value(w.plus(eig.get(0).vector(), -0.2).plus(eig.get(1).vector(), 0.1)), p.at(0, 3), 1e-12);
        assertEquals(p.base(), p.at(2, 2), 1e-12);
        assertEquals(25, p.toTable().rowCount());
        List<String> messages = new java.util.ArrayList<>();
        Slice2D q = Slices.plane(loss, w, eig.get(0), eig.get(1), 0.2, 41, io.github.dlnkit.model.Progress.notes(messages::add));
        assertEquals(10, messages.size(), messages.toString());
        assertTrue(messages.get(9).contains("41/41"));
        assertEquals(p.at(1, 1), q.at(10, 10), 1e-12); // same node (-0.1, -0.1)
        assertEquals("s:DOUBLE, t:DOUBLE, loss:DOUBLE, change:DOUBLE", Tables.schema(p.toTable()));
        Direction o = eig.get(1).orthogonalTo(f);
        assertEquals(0, o.vector().dot(f.vector()), 1e-10);
    }

    @Test
    void lanczosEigenDirectionsAgreeWithDenseOnes() {
        for (int t = 0; t < 4; t++) {
            Dataset data = Datasets.whitened(5, 5, 30, 90 + t);
            Architecture arch = Architecture.of(5, 6, 6, 5);
            Weights w = t % 2 == 0 ? Weights.gaussian(arch, 0.6, t)
                    : CriticalPoints.builder(data, arch).S(1, 3).pointClass(PointClass.STRICT_SADDLE).changeOfBasis(t).build();
            Loss loss = Loss.of(data);
            List<Direction> dense = Directions.hessianExtremesDense(loss, w);
            List<Direction> lanczos = Directions.hessianExtremesLanczos(loss, w, null);
            for (int i = 0; i < 2; i++) {
                Weights v = lanczos.get(i).vector();
                double mu = loss.hvp(w, v).dot(v);
                double muDense = loss.hvp(w, dense.get(i).vector()).dot(dense.get(i).vector());
                double scale = Math.max(1, Math.abs(muDense));
                assertEquals(1, v.norm(), 1e-12);
                assertEquals(muDense, mu, 1e-8 * scale, "t=" + t + " " + lanczos.get(i).label());
                // an eigenvector: ||H v - mu v|| small
                assertTrue(loss.hvp(w, v).plus(v, -mu).norm() <= 1e-6 * scale, lanczos.get(i).label());
            }
        }
    }

    @Test
    void badInput() {
        WorkedExample e = WorkedExamples.e4();
        Loss loss = Loss.of(e.data());
        Direction d = Directions.random(e.point(), Directions.Normalization.UNIT, 1);
        assertThrows(IllegalArgumentException.class, () -> Slices.line(loss, e.point(), d, 0, 11));
        assertThrows(IllegalArgumentException.class, () -> Slices.line(loss, e.point(), d, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Direction("zero", Weights.zeros(e.point().architecture())));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.orthogonalTo(d)).getMessage().contains("parallel"));
        assertThrows(IllegalArgumentException.class, () -> Directions.Normalization.parse("per-row"));
        Classification global = Classifier.classify(e.data(), CriticalPoints.globalMinimizer(e.data(), e.point().architecture()));
        assertTrue(assertThrows(IllegalStateException.class, () -> Directions.witness(global)).getMessage().contains("no witness"));
        Direction other = Directions.random(Weights.zeros(Architecture.of(2, 2)), Directions.Normalization.UNIT, 1);
        assertThrows(IllegalArgumentException.class, () -> Slices.line(loss, e.point(), other, 1, 5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slices.line(loss, e.point(), null, 1, 5))
                .getMessage().contains("direction 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slices.plane(loss, e.point(), d, null, 1, 5))
                .getMessage().contains("direction 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Directions.random(e.point(), null, 1))
                .getMessage().contains("normalization"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Directions.hessianExtremes(loss, null, null))
                .getMessage().contains("point W"));
    }
}
