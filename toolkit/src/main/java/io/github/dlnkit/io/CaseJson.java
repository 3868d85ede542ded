package io.github.dlnkit.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading {@link CaseFile}s from JSON ({@code docs/case-format.md}; writing: {@link CaseJsonWriter}). Reading is strict RFC 8259
 * ({@link StrictJson}: no comments, unquoted keys, single quotes, {@code ;} separators, {@code NaN}, trailing text,
 * and no key twice in one object). Only regular files up to {@link #MAX_BYTES} are read, so {@code /dev/zero} or a
 * pipe is refused instead of read forever. Every error names the file and the key, the shape found and the shape
 * expected.
 */
public final class CaseJson {
    /** Largest case file read: 64 MiB (a few million numbers; larger data belong in moments). */
    public static final long MAX_BYTES = 64L << 20;

    static final Set<String> KEYS = Set.of("X", "Y", "Sxx", "Syx", "Syy", "W", "widths", "loss", "weightDecay",
            "name", "description");

    private CaseJson() {
    }

    // ------------------------------------------------------------------ reading

    /** Reads a case file; errors name the file. */
    public static CaseFile read(Path file) {
        String text = readText(file);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The text of a regular file of at most {@link #MAX_BYTES}, or an error naming the path and the reason. */
    public static String readText(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("case file path is missing (null)");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("cannot read case file " + file + ": no such file or directory");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("cannot read case file " + file + ": is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read case file " + file + ": not a regular file (a device, pipe or "
                    + "socket); give a JSON file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot read case file %s: %d bytes, more "
                        + "than the %d MiB limit for case files (give the moments Sxx, Syx, Syy instead of samples)",
                        file, size, MAX_BYTES >> 20));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("cannot read case file " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read case file " + OutputFiles.describe(e)
                    + (e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? "" : " (" + file + ")"), e);
        }
    }

    /** Parses the JSON text of a case file. */
    public static CaseFile parse(String json) {
        JsonObject o = object(json);
        Dataset[] data = new Dataset[1];
        DMatrixRMaj[] samples = samples(o, data);
        LossConvention conv = convention(o);
        Weights w = o.has("W") ? weights(o.get("W")) : null;
        Architecture arch = architecture(o, w);
        double[] wd = o.has("weightDecay") ? weightDecay(o.get("weightDecay")) : new double[0];
        checkAgainstData(arch, w != null, data[0], wd);
        return new CaseFile(samples[0], samples[1], data[0], w, arch, conv, wd, text(o, "name"), text(o, "description"));
    }

    /** The root object of a strict JSON text, with known keys only. */
    private static JsonObject object(String json) {
        JsonElement root;
        try {
            root = StrictJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid JSON (RFC 8259): " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("a case file is a JSON object {\"X\": ..., \"Y\": ...}, got " + abbreviate(root));
        }
        JsonObject o = root.getAsJsonObject();
        for (String k : o.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\"; known keys: " + new TreeSet<>(KEYS));
            }
        }
        return o;
    }

    /** The data set from {@code X, Y} or the moments; returns {@code {X, Y}} (nulls for moments). */
    private static DMatrixRMaj[] samples(JsonObject o, Dataset[] data) {
        boolean samples = o.has("X") || o.has("Y");
        boolean moments = o.has("Sxx") || o.has("Syx") || o.has("Syy");
        if (samples && moments) {
            throw new IllegalArgumentException("give either \"X\" and \"Y\" or the moments \"Sxx\", \"Syx\", \"Syy\", not both");
        }
        if (samples) {
            DMatrixRMaj x = matrix(o, "X");
            DMatrixRMaj y = matrix(o, "Y");
            if (y.numCols != x.numCols) {
                throw new IllegalArgumentException("key \"Y\": shape " + y.numRows + "x" + y.numCols + ", expected "
                        + y.numRows + "x" + x.numCols + " (one column per sample, m = " + x.numCols + " as in \"X\")");
            }
            data[0] = Dataset.of(x, y);
            return new DMatrixRMaj[]{x, y};
        }
        if (!moments) {
            throw new IllegalArgumentException("missing key \"X\" (with \"Y\") or the moments \"Sxx\", \"Syx\", \"Syy\"");
        }
        DMatrixRMaj sxx = matrix(o, "Sxx");
        DMatrixRMaj syx = matrix(o, "Syx");
        DMatrixRMaj syy = matrix(o, "Syy");
        try {
            data[0] = Dataset.fromMoments(sxx, syx, syy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("moments: " + e.getMessage(), e);
        }
        return new DMatrixRMaj[]{null, null};
    }

    private static LossConvention convention(JsonObject o) {
        if (!o.has("loss")) {
            return LossConvention.SUM;
        }
        JsonElement l = o.get("loss");
        if (!l.isJsonPrimitive() || !l.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("key \"loss\": expected \"sum\" or \"half\", got " + abbreviate(l));
        }
        try {
            return LossConvention.parse(l.getAsString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key \"loss\": " + e.getMessage(), e);
        }
    }

    /** Widths from {@code W} and/or {@code widths} (which must agree), or null. */
    private static Architecture architecture(JsonObject o, Weights w) {
        Architecture arch = w == null ? null : w.architecture();
        if (o.has("widths")) {
            Architecture given = widths(o.get("widths"));
            if (arch != null && !arch.equals(given)) {
                throw new IllegalArgumentException("key \"widths\": " + given + " does not match the shapes of \"W\", which give " + arch);
            }
            arch = given;
        }
        return arch;
    }

    private static void checkAgainstData(Architecture arch, boolean fromW, Dataset data, double[] wd) {
        if (arch == null) {
            return;
        }
        String key = fromW ? "W" : "widths";
        if (arch.inputDim() != data.inputDim()) {
            throw new IllegalArgumentException("key \"" + key + "\": d_0 = " + arch.inputDim() + ", expected d_0 = d_x = "
                    + data.inputDim() + (fromW ? " (W_1 has shape " + arch.width(1) + "x" + arch.inputDim()
                    + ", expected " + arch.width(1) + "x" + data.inputDim() + ")" : ""));
        }
        if (arch.outputDim() != data.outputDim()) {
            int hc = arch.depth();
            throw new IllegalArgumentException("key \"" + key + "\": d_H = " + arch.outputDim() + ", expected d_H = d_y = "
                    + data.outputDim() + (fromW ? " (W_" + hc + " has shape " + arch.outputDim() + "x"
                    + arch.width(hc - 1) + ", expected " + data.outputDim() + "x" + arch.width(hc - 1) + ")" : ""));
        }
        if (wd.length > 1 && wd.length != arch.depth()) {
            throw new IllegalArgumentException("key \"weightDecay\": " + wd.length + " values, expected 1 or H = "
                    + arch.depth() + " (one per layer)");
        }
    }

    private static String text(JsonObject o, String key) {
        if (!o.has(key)) {
            return null;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("key \"" + key + "\": expected a string, got " + abbreviate(e));
        }
        return e.getAsString();
    }

    private static DMatrixRMaj matrix(JsonObject o, String key) {
        if (!o.has(key)) {
            throw new IllegalArgumentException("missing key \"" + key + "\"");
        }
        return matrix(o.get(key), "key \"" + key + "\"");
    }

    private static DMatrixRMaj matrix(JsonElement e, String what) {
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException(what + ": expected a non-empty list of rows, got " + abbreviate(e));
        }
        JsonArray rows = e.getAsJsonArray();
        int cols = -1;
        double[][] a = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonElement r = rows.get(i);
            if (!r.isJsonArray()) {
                throw new IllegalArgumentException(what + ": row " + i + " is not a list of numbers: " + abbreviate(r));
            }
            JsonArray ra = r.getAsJsonArray();
            if (cols < 0) {
                cols = ra.size();
                if (cols == 0) {
                    throw new IllegalArgumentException(what + ": row 0 is empty");
                }
            } else if (ra.size() != cols) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + ra.size() + " entries, expected " + cols
                        + " like row 0 (ragged rows)");
            }
            a[i] = new double[cols];
            for (int j = 0; j < cols; j++) {
                a[i][j] = entry(ra.get(j), what + " entry (" + i + "," + j + ")");
            }
        }
        return new DMatrixRMaj(a);
    }

    /** A matrix entry: a JSON number or a fraction string {@code "p/q"}. */
    private static double entry(JsonElement e, String what) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            if (FRACTION.matcher(e.getAsString()).matches()) {
                return fraction(e.getAsString(), what);
            }
            throw new IllegalArgumentException(what + ": expected a finite number or a fraction string \"p/q\" "
                    + "(integers p, q > 0), got " + abbreviate(e));
        }
        return number(e, what);
    }

    private static double number(JsonElement e, String what) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(what + ": expected a finite number, got " + abbreviate(e));
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": expected a finite number, got " + e);
        }
        return v;
    }

    /** A fraction string {@code "p/q"} or {@code "p"} (integers; {@code q > 0}), the form {@code classify --exact} reads exactly. */
    public static final java.util.regex.Pattern FRACTION = java.util.regex.Pattern.compile("[+-]?[0-9]+(/[0-9]+)?");

    /** Longest fraction string read. */
    public static final int MAX_FRACTION_CHARS = 1000;

    /** {@code p/q} rounded to a double (through a 34-digit {@link java.math.BigDecimal} quotient). */
    private static double fraction(String s, String what) {
        if (s.length() > MAX_FRACTION_CHARS) {
            throw new IllegalArgumentException(what + ": fraction string of " + s.length() + " characters, expected at most "
                    + MAX_FRACTION_CHARS);
        }
        int slash = s.indexOf('/');
        java.math.BigDecimal p = new java.math.BigDecimal(slash < 0 ? s : s.substring(0, slash));
        java.math.BigDecimal q = slash < 0 ? java.math.BigDecimal.ONE : new java.math.BigDecimal(s.substring(slash + 1));
        if (q.signum() == 0) {
            throw new IllegalArgumentException(what + ": fraction \"" + s + "\" has a zero denominator");
        }
        double v = p.divide(q, java.math.MathContext.DECIMAL128).doubleValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": expected a finite number, got \"" + s + "\" (beyond double range)");
        }
        return v;
    }

    private static Weights weights(JsonElement e) {
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("key \"W\": expected a non-empty list [W_1, ..., W_H] of matrices");
        }
        List<DMatrixRMaj> layers = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int h = 0; h < a.size(); h++) {
            layers.add(matrix(a.get(h), "key \"W\", W_" + (h + 1)));
        }
        try {
            return Weights.of(layers);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("key \"W\": " + ex.getMessage(), ex);
        }
    }

    private static Architecture widths(JsonElement e) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("key \"widths\": expected a list [d_0, ..., d_H] of integers, got " + abbreviate(e));
        }
        JsonArray a = e.getAsJsonArray();
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) {
            double v = number(a.get(i), "key \"widths\" entry " + i);
            if (v != Math.rint(v) || v < 1 || v > 1e7) {
                throw new IllegalArgumentException("key \"widths\" entry " + i + ": expected an integer >= 1, got " + a.get(i));
            }
            d[i] = (int) v;
        }
        try {
            return Architecture.of(d);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("key \"widths\": " + ex.getMessage(), ex);
        }
    }

    private static double[] weightDecay(JsonElement e) {
        if (e.isJsonPrimitive()) {
            double v = number(e, "key \"weightDecay\"");
            if (v < 0) {
                throw new IllegalArgumentException("key \"weightDecay\": expected lambda >= 0, got " + v);
            }
            return new double[]{v};
        }
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("key \"weightDecay\": expected a number or a non-empty list of H numbers, got "
                    + abbreviate(e));
        }
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(a.get(i), "key \"weightDecay\" entry " + i);
            if (v[i] < 0) {
                throw new IllegalArgumentException("key \"weightDecay\" entry " + i + ": expected lambda >= 0, got " + v[i]);
            }
        }
        return v;
    }

    private static String abbreviate(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
