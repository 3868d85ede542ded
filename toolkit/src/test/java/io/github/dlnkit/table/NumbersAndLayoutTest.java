package io.github.dlnkit.table;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumbersAndLayoutTest {

    @Test
    void significantDigitsPlainInsideTheWindowScientificOutside() {
        assertEquals("3.4849e-18", Numbers.format(0.000000000000000003484901135131134));
        assertEquals("-0.45", Numbers.format(-0.44999999999999996));
        assertEquals("116", Numbers.format(116.0));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("0", Numbers.format(0.0));
        assertEquals("0.0001", Numbers.format(1e-4));
        assertEquals("9.9e-5", Numbers.format(9.9e-5));
        assertEquals("999999", Numbers.format(999999.0));
        assertEquals("1e6", Numbers.format(999999.7));
        assertEquals("1.23457e6", Numbers.format(1234567.0));
        assertEquals("3.40282e38", Numbers.format(3.4028236692093846e38));
        assertEquals("-5.65685", Numbers.format(-4 * Math.sqrt(2)));
        assertEquals("3.3", Numbers.format(3.3000000000000003));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-Inf", Numbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("0.333", Numbers.format(1.0 / 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Numbers.format(1, 0));
        assertEquals("3.40282e38", Numbers.format(BigInteger.TWO.pow(128), 6));
        assertEquals("120", Numbers.format(BigInteger.valueOf(120), 6));
    }

    @Test
    void formattedValuesReadBackWithinTheirPrecisionAtEveryScale() {
        Random rnd = new Random(15);
        for (int k = 0; k < 5000; k++) {
            double x = (rnd.nextBoolean() ? -1 : 1) * Math.pow(10, -30 + 60 * rnd.nextDouble());
            String s = Numbers.format(x);
            double back = Double.parseDouble(s);
            assertEquals(x, back, 5e-6 * Math.abs(x), s);
            assertTrue(s.length() <= 13, s);
            double a = Math.abs(back);
            assertEquals(a >= 1e-4 && a < 1e6, !s.contains("e"), s);
        }
    }

    @Test
    void textStaysWithin120CharactersAndEndsWithANewline() {
        Table t = Table.create("wide");
        for (int j = 0; j < 20; j++) {
            t.addColumns(DoubleColumn.create("column_" + j, new double[]{Math.PI * 1e-9 * j, -0.44999999999999996}));
        }
        String text = Tables.text(t);
        assertTrue(text.endsWith("\n"));
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 120, line.length() + ": " + line);
        }
        assertTrue(text.contains("(columns 1-"), text);
        assertTrue(text.contains("-0.45"));
        assertTrue(text.contains("2.82743e-8"), text);
        for (int j = 0; j < 20; j++) {
            assertTrue(text.contains("column_" + j + " ") || text.contains("column_" + j + "\n"), "column " + j);
        }
    }

    @Test
    void htmlHasCaptionHeaderEscapedTextAndFormattedNumbers() {
        Table t = Table.create("A < B & \"C\"", IntColumn.create("k", new int[]{1, 2, 3}),
                DoubleColumn.create("loss", new double[]{1e-20, 0.5, -0.0}),
                StringColumn.create("note", new String[]{"<b>", "x", "y"}));
        String h = Tables.html(t);
        assertTrue(h.startsWith("<table"), h);
        assertTrue(h.contains("<caption style=\"text-align:left\">A &lt; B &amp; &quot;C&quot;</caption>"), h);
        assertTrue(h.contains("<th style=\"text-align:right\">loss</th>"), h);
        assertTrue(h.contains(">1e-20</td>"), h);
        assertTrue(h.contains(">&lt;b&gt;</td>"), h);
        assertFalse(h.contains("-0<"), h);
        assertEquals(4, h.split("<tr>", -1).length - 1);
        String shortened = Tables.html(t, 2);
        assertTrue(shortened.contains("1 rows not shown"), shortened);
        String shortText = Tables.text(t, 2);
        assertTrue(shortText.contains("(1 of 3 rows not shown)"), shortText);
        assertThrows(IllegalArgumentException.class, () -> Tables.html(null));
    }
}
