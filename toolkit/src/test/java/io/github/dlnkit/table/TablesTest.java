package io.github.dlnkit.table;

import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.examples.WorkedExample;
import io.github.dlnkit.examples.WorkedExamples;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.HessianOperator;
import io.github.dlnkit.spectrum.Lanczos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {

    @Test
    void documentedColumnsTypesAndCsv(@TempDir Path dir) throws Exception {
        WorkedExample e4 = WorkedExamples.e4();
        Loss loss = Loss.of(e4.data());
        DenseSpectrum s = DenseSpectrum.of(loss.hessian(e4.point()));
        Table spec = Tables.spectrum(s);
        assertEquals("index:INTEGER, eigenvalue:DOUBLE, sign:STRING", Tables.schema(spec));
        assertEquals(12, spec.rowCount());
        assertEquals("negative", spec.stringColumn("sign").get(0));
        assertEquals(7, spec.stringColumn("sign").countOccurrences("zero"));
        Table cl = Tables.clusters(s);
        assertEquals("eigenvalue:DOUBLE, multiplicity:INTEGER, spread:DOUBLE", Tables.schema(cl));
        assertEquals(12, (int) cl.intColumn("multiplicity").sum());
        Table lz = Tables.lanczos(Lanczos.extremes(HessianOperator.of(loss, e4.point()), 2));
        assertEquals("end:STRING, rank:INTEGER, value:DOUBLE, residual:DOUBLE, lower:DOUBLE, upper:DOUBLE", Tables.schema(lz));
        assertEquals(-4 * Math.sqrt(2), lz.where(lz.stringColumn("end").isEqualTo("bottom")).doubleColumn("value").get(0), 1e-9);
        Table c = Tables.classification(Classifier.classify(e4.data(), e4.point()));
        assertEquals("field:STRING, value:STRING", Tables.schema(c));
        assertTrue(Tables.text(c).contains("STRICT_SADDLE"), Tables.text(c));
        assertTrue(Tables.text(c).contains("witness"));
        Path csv = Tables.csv(spec, dir.resolve("out/spec.csv"));
        var lines = Files.readAllLines(csv);
        assertEquals("index,eigenvalue,sign", lines.get(0));
        assertEquals(13, lines.size());
        assertThrows(IllegalArgumentException.class, () -> Tables.csv(null, csv));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tables.spectrum(null)).getMessage().contains("spectrum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tables.clusters(null)).getMessage().contains("spectrum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tables.lanczos(null)).getMessage().contains("Lanczos"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tables.classification(null)).getMessage().contains("classification"));
    }
}
