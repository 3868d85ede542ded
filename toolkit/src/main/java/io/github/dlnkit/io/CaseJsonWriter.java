package io.github.dlnkit.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;

/**
 * Writing {@link CaseFile}s as JSON ({@code docs/case-format.md}) in a layout {@link CaseJson} reads back to the same
 * case: one key per line, one matrix row per line, integers without a decimal point, no HTML escaping.
 */
final class CaseJsonWriter {
    private CaseJsonWriter() {
    }

    /**
     * The case as pretty-printed JSON: {@code name}, {@code description}, the samples (or the moments when the case
     * has none), {@code W} (or {@code widths}), {@code loss}, {@code weightDecay}.
     */
    static String toJson(CaseFile c) {
        JsonObject o = new JsonObject();
        if (c.name() != null) {
            o.addProperty("name", c.name());
        }
        if (c.description() != null) {
            o.addProperty("description", c.description());
        }
        if (c.x() != null && c.y() != null) {
            o.add("X", json(c.x()));
            o.add("Y", json(c.y()));
        } else {
            o.add("Sxx", json(c.data().sxx()));
            o.add("Syx", json(c.data().syx()));
            o.add("Syy", json(c.data().syy()));
        }
        if (c.point() != null) {
            JsonArray w = new JsonArray();
            for (DMatrixRMaj m : c.point().layers()) {
                w.add(json(m));
            }
            o.add("W", w);
        } else if (c.architecture() != null) {
            JsonArray d = new JsonArray();
            for (int v : c.architecture().widths()) {
                d.add(v);
            }
            o.add("widths", d);
        }
        o.addProperty("loss", c.convention().key());
        double[] wd = c.weightDecay();
        if (wd.length == 1) {
            o.addProperty("weightDecay", wd[0]);
        } else if (wd.length > 1) {
            JsonArray a = new JsonArray();
            for (double v : wd) {
                a.add(v);
            }
            o.add("weightDecay", a);
        }
        return format(o);
    }

    /** Writes {@link #toJson(CaseFile)} to a file atomically ({@link OutputFiles}). */
    static void write(CaseFile c, Path file) {
        OutputFiles.writeString(file, toJson(c));
    }

    /** One key per line, one matrix row per line: readable and diff-friendly. */
    private static String format(JsonObject o) {
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
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

    private static void rows(StringBuilder sb, JsonArray m, String indent, Gson gson) {
        sb.append('[');
        for (int r = 0; r < m.size(); r++) {
            if (r > 0) {
                sb.append(",\n").append(indent);
            }
            sb.append(gson.toJson(m.get(r)).replace(",", ", "));
        }
        sb.append(']');
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
