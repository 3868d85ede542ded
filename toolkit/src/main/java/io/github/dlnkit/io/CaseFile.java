package io.github.dlnkit.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One landscape question in one JSON file: data, optionally a point {@code W}, the loss convention and weight
 * decay. The format is specified in {@code docs/case-format.md}; malformed files are rejected with a message that
 * names the key, the shape found and the shape expected.
 *
 * @param x            {@code X} ({@code d_x x m}) when the file gives samples, else {@code null}
 * @param y            {@code Y} ({@code d_y x m}) when the file gives samples, else {@code null}
 * @param data         the data set (moments)
 * @param point        the point {@code W}, or {@code null}
 * @param architecture the widths (from {@code W} or {@code widths}), or {@code null}
 * @param convention   {@code sum} or {@code half}
 * @param weightDecay  empty, one common lambda, or one per layer
 * @param name         optional free-text name ({@code "name"} key), or {@code null}
 */
public record CaseFile(DMatrixRMaj x, DMatrixRMaj y, Dataset data, Weights point, Architecture architecture,
                       LossConvention convention, double[] weightDecay, String name) {

    private static final Set<String> KEYS = Set.of("X", "Y", "Sxx", "Syx", "Syy", "W", "widths", "loss", "weightDecay",
            "name", "description");

    /** A case with data only. */
    public static CaseFile of(Dataset data) {
        return new CaseFile(null, null, data, null, null, LossConvention.SUM, new double[0], null);
    }

    /** A case with data and a point (plain-sum loss, no weight decay). */
    public static CaseFile of(Dataset data, Weights point) {
        return of(data).withPoint(point);
    }

    /** Same case with another point (its widths replace the old ones). */
    public CaseFile withPoint(Weights w) {
        CaseFile c = new CaseFile(x, y, data, w, w.architecture(), convention, weightDecay, name);
        c.validate();
        return c;
    }

    /** Same case with given widths and no point. */
    public CaseFile withArchitecture(Architecture a) {
        CaseFile c = new CaseFile(x, y, data, null, a, convention, weightDecay, name);
        c.validate();
        return c;
    }

    /** Same case with another loss convention. */
    public CaseFile withConvention(LossConvention conv) {
        return new CaseFile(x, y, data, point, architecture, conv, weightDecay, name);
    }

    /** Same case with another weight decay (one value, or one per layer). */
    public CaseFile withWeightDecay(double... lambdas) {
        CaseFile c = new CaseFile(x, y, data, point, architecture, convention, lambdas.clone(), name);
        c.validate();
        return c;
    }

    /** Same case with a name. */
    public CaseFile withName(String n) {
        return new CaseFile(x, y, data, point, architecture, convention, weightDecay, n);
    }

    /** The loss this case asks about. */
    public Loss loss() {
        return Loss.of(data, convention).withWeightDecay(weightDecay);
    }

    /** The point, or an {@link IllegalArgumentException} saying the command needs key {@code W}. */
    public Weights requirePoint() {
        if (point == null) {
            throw new IllegalArgumentException("this case file has no point: add the key \"W\" (list [W_1, ..., W_H])");
        }
        return point;
    }

    /** The widths, or an error saying the case needs {@code W} or {@code widths}. */
    public Architecture requireArchitecture() {
        if (architecture == null) {
            throw new IllegalArgumentException("this case file has no widths: add \"widths\" [d_0, ..., d_H] or a point \"W\"");
        }
        return architecture;
    }

    /** The point if present. */
    public Optional<Weights> pointIfPresent() {
        return Optional.ofNullable(point);
    }

    private void validate() {
        if (architecture != null) {
            if (architecture.inputDim() != data.inputDim()) {
                throw new IllegalArgumentException("widths " + architecture + " start with d_0 = " + architecture.inputDim()
                        + ", expected d_0 = d_x = " + data.inputDim());
            }
            if (architecture.outputDim() != data.outputDim()) {
                throw new IllegalArgumentException("widths " + architecture + " end with d_H = " + architecture.outputDim()
                        + ", expected d_H = d_y = " + data.outputDim());
            }
            if (weightDecay.length > 1 && weightDecay.length != architecture.depth()) {
                throw new IllegalArgumentException("weightDecay has " + weightDecay.length + " values, expected 1 or H = "
                        + architecture.depth() + " (one per layer)");
            }
        }
        for (double l : weightDecay) {
            if (!Double.isFinite(l) || l < 0) {
                throw new IllegalArgumentException("weightDecay must hold finite values >= 0, got " + l);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads a case file; errors name the file. */
    public static CaseFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read case file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a case file. */
    public static CaseFile parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new IllegalArgumentException("a case file is a JSON object {\"X\": ..., \"Y\": ...}");
        }
        JsonObject o = root.getAsJsonObject();
        for (String k : o.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\"; known keys: " + new java.util.TreeSet<>(KEYS));
            }
        }
        boolean samples = o.has("X") || o.has("Y");
        boolean moments = o.has("Sxx") || o.has("Syx") || o.has("Syy");
        if (samples && moments) {
            throw new IllegalArgumentException("give either \"X\" and \"Y\" or the moments \"Sxx\", \"Syx\", \"Syy\", not both");
        }
        DMatrixRMaj x = null;
        DMatrixRMaj y = null;
        Dataset data;
        if (samples) {
            x = matrix(o, "X");
            y = matrix(o, "Y");
            if (y.numCols != x.numCols) {
                throw new IllegalArgumentException("key \"Y\": shape " + y.numRows + "x" + y.numCols + ", expected "
                        + y.numRows + "x" + x.numCols + " (one column per sample, m = " + x.numCols + " as in \"X\")");
            }
            data = Dataset.of(x, y);
        } else if (moments) {
            DMatrixRMaj sxx = matrix(o, "Sxx");
            DMatrixRMaj syx = matrix(o, "Syx");
            DMatrixRMaj syy = matrix(o, "Syy");
            try {
                data = Dataset.fromMoments(sxx, syx, syy);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("moments: " + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException("missing key \"X\" (with \"Y\") or the moments \"Sxx\", \"Syx\", \"Syy\"");
        }
        LossConvention conv = LossConvention.SUM;
        if (o.has("loss")) {
            JsonElement l = o.get("loss");
            if (!l.isJsonPrimitive() || !l.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("key \"loss\": expected \"sum\" or \"half\", got " + l);
            }
            try {
                conv = LossConvention.parse(l.getAsString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key \"loss\": " + e.getMessage(), e);
            }
        }
        Weights w = null;
        Architecture arch = null;
        if (o.has("W")) {
            w = weights(o.get("W"));
            arch = w.architecture();
        }
        if (o.has("widths")) {
            Architecture given = widths(o.get("widths"));
            if (arch != null && !arch.equals(given)) {
                throw new IllegalArgumentException("key \"widths\": " + given + " does not match the shapes of \"W\", which give " + arch);
            }
            arch = given;
        }
        double[] wd = new double[0];
        if (o.has("weightDecay")) {
            wd = weightDecay(o.get("weightDecay"));
        }
        String name = o.has("name") && o.get("name").isJsonPrimitive() ? o.get("name").getAsString() : null;
        if (arch != null) {
            String key = w != null ? "W" : "widths";
            if (arch.inputDim() != data.inputDim()) {
                throw new IllegalArgumentException("key \"" + key + "\": d_0 = " + arch.inputDim() + ", expected d_0 = d_x = "
                        + data.inputDim() + (w != null ? " (W_1 has shape " + arch.width(1) + "x" + arch.inputDim()
                        + ", expected " + arch.width(1) + "x" + data.inputDim() + ")" : ""));
            }
            if (arch.outputDim() != data.outputDim()) {
                int hc = arch.depth();
                throw new IllegalArgumentException("key \"" + key + "\": d_H = " + arch.outputDim() + ", expected d_H = d_y = "
                        + data.outputDim() + (w != null ? " (W_" + hc + " has shape " + arch.outputDim() + "x"
                        + arch.width(hc - 1) + ", expected " + data.outputDim() + "x" + arch.width(hc - 1) + ")" : ""));
            }
            if (wd.length > 1 && wd.length != arch.depth()) {
                throw new IllegalArgumentException("key \"weightDecay\": " + wd.length + " values, expected 1 or H = "
                        + arch.depth() + " (one per layer)");
            }
        }
        return new CaseFile(x, y, data, w, arch, conv, wd, name);
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
                a[i][j] = number(ra.get(j), what + " entry (" + i + "," + j + ")");
            }
        }
        return new DMatrixRMaj(a);
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

    // ------------------------------------------------------------------ writing

    /** The case as pretty-printed JSON (moments are written when the case has no samples). */
    public String toJson() {
        JsonObject o = new JsonObject();
        if (name != null) {
            o.addProperty("name", name);
        }
        if (x != null && y != null) {
            o.add("X", json(x));
            o.add("Y", json(y));
        } else {
            o.add("Sxx", json(data.sxx()));
            o.add("Syx", json(data.syx()));
            o.add("Syy", json(data.syy()));
        }
        if (point != null) {
            JsonArray w = new JsonArray();
            for (DMatrixRMaj m : point.layers()) {
                w.add(json(m));
            }
            o.add("W", w);
        } else if (architecture != null) {
            JsonArray d = new JsonArray();
            for (int v : architecture.widths()) {
                d.add(v);
            }
            o.add("widths", d);
        }
        o.addProperty("loss", convention.key());
        if (weightDecay.length == 1) {
            o.addProperty("weightDecay", weightDecay[0]);
        } else if (weightDecay.length > 1) {
            JsonArray a = new JsonArray();
            for (double v : weightDecay) {
                a.add(v);
            }
            o.add("weightDecay", a);
        }
        return format(o);
    }

    /** One key per line, one matrix row per line: readable and diff-friendly. */
    private static String format(JsonObject o) {
        com.google.gson.Gson gson = new GsonBuilder().create();
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (var e : o.entrySet()) {
            String key = gson.toJson(e.getKey());
            sb.append("  ").append(key).append(": ");
            JsonElement v = e.getValue();
            if (e.getKey().equals("W")) {
                sb.append("[\n");
                JsonArray layers = v.getAsJsonArray();
                for (int h = 0; h < layers.size(); h++) {
                    sb.append("    ");
                    rows(sb, layers.get(h).getAsJsonArray(), "     ", gson);
                    sb.append(h + 1 < layers.size() ? ",\n" : "\n");
                }
                sb.append("  ]");
            } else if (v.isJsonArray() && !v.getAsJsonArray().isEmpty() && v.getAsJsonArray().get(0).isJsonArray()) {
                rows(sb, v.getAsJsonArray(), " ".repeat(key.length() + 5), gson);
            } else {
                sb.append(gson.toJson(v));
            }
            sb.append(++i < o.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static void rows(StringBuilder sb, JsonArray m, String indent, com.google.gson.Gson gson) {
        sb.append('[');
        for (int r = 0; r < m.size(); r++) {
            if (r > 0) {
                sb.append(",\n").append(indent);
            }
            sb.append(gson.toJson(m.get(r)).replace(",", ", "));
        }
        sb.append(']');
    }

    /** Writes {@link #toJson()} to a file. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write case file " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonArray json(DMatrixRMaj m) {
        JsonArray rows = new JsonArray();
        for (int i = 0; i < m.numRows; i++) {
            JsonArray r = new JsonArray();
            for (int j = 0; j < m.numCols; j++) {
                double v = m.get(i, j);
                r.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? new JsonPrimitive((long) v) : new JsonPrimitive(v));
            }
            rows.add(r);
        }
        return rows;
    }
}
