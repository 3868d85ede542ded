package io.github.dlnkit.critical.exact;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.io.CaseJson;
import io.github.dlnkit.io.StrictJson;
import org.hipparchus.fraction.BigFraction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a case file ({@code docs/case-format.md}) as exact rationals. The file is first read and checked like any
 * case file ({@link CaseJson}: strict JSON, shapes, moments of a data set); then every entry of {@code X}, {@code Y}
 * (or {@code Sxx}, {@code Syx}, {@code Syy}) and {@code W} is taken at its written value: a JSON integer or decimal
 * ({@code 0.1} is {@code 1/10}, not the double nearest to it) or a string {@code "p/q"} / {@code "p"} with integers
 * {@code p} and {@code q > 0}. Anything else, a zero denominator, more than {@link ExactLimits#MAX_DIGITS} digits,
 * or a value outside the range of doubles (as {@code 1e400} or {@code 1e-400}) is refused with one line naming the
 * key and the entry.
 */
public final class RationalCaseReader {
    private RationalCaseReader() {
    }

    /** Reads a case file with a point; errors name the file. */
    public static RationalCase read(Path file) {
        String text = CaseJson.readText(file);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a case file with a point. */
    public static RationalCase parse(String text) {
        JsonElement tree = StrictJson.parse(text);
        earlySizeCheck(tree);
        CaseFile c = CaseJson.parse(text);
        if (c.pointIfPresent().isEmpty()) {
            throw new IllegalArgumentException("missing key \"W\": exact classification needs a point W = [W_1, ..., W_H]");
        }
        if (c.loss().hasWeightDecay()) {
            throw new IllegalArgumentException("key \"weightDecay\": Theorem 7 classifies critical points of the "
                    + "unregularized loss (remove \"weightDecay\" to classify)");
        }
        ExactLimits.check(c.architecture());
        JsonObject o = tree.getAsJsonObject();
        List<RationalMatrix> layers = new ArrayList<>();
        JsonArray w = o.getAsJsonArray("W");
        for (int h = 0; h < w.size(); h++) {
            layers.add(matrix(w.get(h), "key \"W\", W_" + (h + 1)));
        }
        if (o.has("X")) {
            ExactLimits.checkSamples(o.getAsJsonArray("X").get(0).getAsJsonArray().size());
            return RationalCase.ofSamples(matrix(o.get("X"), "key \"X\""), matrix(o.get("Y"), "key \"Y\""), layers,
                    c.convention());
        }
        return new RationalCase(matrix(o.get("Sxx"), "key \"Sxx\""), matrix(o.get("Syx"), "key \"Syx\""),
                matrix(o.get("Syy"), "key \"Syy\""), layers, c.convention());
    }

    /** Refuses a point beyond {@link ExactLimits} before the (costly) double-precision checks of a large case. */
    private static void earlySizeCheck(JsonElement tree) {
        if (!tree.isJsonObject() || !tree.getAsJsonObject().has("W") || !tree.getAsJsonObject().get("W").isJsonArray()) {
            return;
        }
        JsonArray w = tree.getAsJsonObject().getAsJsonArray("W");
        int[] d = new int[w.size() + 1];
        for (int h = 0; h < w.size(); h++) {
            if (!w.get(h).isJsonArray() || w.get(h).getAsJsonArray().isEmpty()
                    || !w.get(h).getAsJsonArray().get(0).isJsonArray()) {
                return;
            }
            JsonArray rows = w.get(h).getAsJsonArray();
            d[h] = Math.max(d[h], rows.get(0).getAsJsonArray().size());
            d[h + 1] = rows.size();
        }
        if (w.size() > 0 && java.util.Arrays.stream(d).allMatch(x -> x > 0)) {
            ExactLimits.check(io.github.dlnkit.model.Architecture.of(d));
        }
    }

    private static RationalMatrix matrix(JsonElement e, String what) {
        JsonArray rows = e.getAsJsonArray();
        BigFraction[][] a = new BigFraction[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray r = rows.get(i).getAsJsonArray();
            a[i] = new BigFraction[r.size()];
            for (int j = 0; j < r.size(); j++) {
                a[i][j] = rational(r.get(j), what + " entry (" + i + "," + j + ")");
            }
        }
        return RationalMatrix.of(a);
    }

    /** The exact value of one entry. */
    static BigFraction rational(JsonElement e, String what) {
        if (!e.isJsonPrimitive()) {
            throw refuse(what, e);
        }
        String s = e.getAsString();
        BigFraction v;
        if (e.getAsJsonPrimitive().isNumber()) {
            v = decimal(s, what);
        } else if (e.getAsJsonPrimitive().isString() && CaseJson.FRACTION.matcher(s).matches()) {
            int slash = s.indexOf('/');
            BigInteger p = new BigInteger(slash < 0 ? s : s.substring(0, slash));
            BigInteger q = slash < 0 ? BigInteger.ONE : new BigInteger(s.substring(slash + 1));
            if (q.signum() == 0) {
                throw new IllegalArgumentException(what + ": \"" + s + "\" has a zero denominator");
            }
            digits(p, s, what);
            digits(q, s, what);
            v = new BigFraction(p, q);
        } else {
            throw refuse(what, e);
        }
        double d = v.doubleValue();
        if (v.signum() != 0 && (d == 0 || !Double.isFinite(d))) {
            throw new IllegalArgumentException(what + ": " + s + " is outside the range of doubles (about 1e-308 to "
                    + "1e308 in magnitude) that every dlnkit command accepts");
        }
        return v;
    }

    private static BigFraction decimal(String s, String what) {
        BigDecimal b;
        try {
            b = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException ex) {
            throw new IllegalArgumentException(what + ": " + s + " is not a number exact mode can read (exponent out of "
                    + "range)");
        }
        if (b.signum() == 0) {
            return BigFraction.ZERO;
        }
        if (Math.abs((long) b.scale()) > 400) {
            throw new IllegalArgumentException(what + ": " + s + " is outside the range of doubles (about 1e-308 to "
                    + "1e308 in magnitude) that every dlnkit command accepts");
        }
        digits(b.unscaledValue(), s, what);
        BigInteger unscaled = b.unscaledValue();
        return b.scale() >= 0 ? new BigFraction(unscaled, BigInteger.TEN.pow(b.scale()))
                : new BigFraction(unscaled.multiply(BigInteger.TEN.pow(-b.scale())));
    }

    private static void digits(BigInteger x, String s, String what) {
        if (x.abs().toString().length() > ExactLimits.MAX_DIGITS) {
            throw new IllegalArgumentException(what + ": " + abbreviate(s) + " has more than " + ExactLimits.MAX_DIGITS
                    + " digits (exact mode's limit per numerator or denominator)");
        }
    }

    private static IllegalArgumentException refuse(String what, JsonElement e) {
        return new IllegalArgumentException(what + ": " + abbreviate(String.valueOf(e)) + " is not a rational number; "
                + "exact mode reads integers, decimals and strings \"p/q\" (integers p, q > 0)");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
