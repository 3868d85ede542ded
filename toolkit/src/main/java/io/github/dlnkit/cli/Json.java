package io.github.dlnkit.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one writer of the commands' {@code --json} output: strict RFC 8259 JSON, pretty-printed, without HTML
 * escaping ({@code =} stays {@code =}). JSON has no {@code NaN} or {@code Infinity}: such a number is written as
 * {@code null} and, for a field {@code x} of an object, a sibling string field {@code xNote} says what the value was
 * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}); an array holding such numbers gets
 * {@code xNote = "null entries are NaN or infinite"}. Commands that know why a value is missing write
 * {@code null} and their own note before it comes to that. The field names are documented in
 * {@code docs/json-output.md}.
 */
public final class Json {
    /** Suffix of the note field beside a number that JSON cannot hold. */
    public static final String NOTE = "Note";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Json() {
    }

    /** Pretty strict JSON text of an object (see the class comment for non-finite numbers). */
    public static String print(JsonObject o) {
        return GSON.toJson(finite(o));
    }

    /** A copy of {@code e} with every non-finite number replaced by {@code null} and noted beside it. */
    static JsonElement finite(JsonElement e) {
        if (e instanceof JsonObject o) {
            JsonObject copy = new JsonObject();
            List<String[]> notes = new ArrayList<>();
            for (Map.Entry<String, JsonElement> m : o.entrySet()) {
                JsonElement v = m.getValue();
                String bad = nonFinite(v);
                if (bad != null) {
                    copy.add(m.getKey(), JsonNull.INSTANCE);
                    notes.add(new String[]{m.getKey() + NOTE, bad});
                } else {
                    if (v instanceof JsonArray a && hasNonFinite(a)) {
                        notes.add(new String[]{m.getKey() + NOTE, "null entries are NaN or infinite"});
                    }
                    copy.add(m.getKey(), finite(v));
                }
            }
            for (String[] n : notes) {
                if (!copy.has(n[0])) {
                    copy.addProperty(n[0], n[1]);
                }
            }
            return copy;
        }
        if (e instanceof JsonArray a) {
            JsonArray copy = new JsonArray(a.size());
            for (JsonElement x : a) {
                copy.add(nonFinite(x) != null ? JsonNull.INSTANCE : finite(x));
            }
            return copy;
        }
        return e;
    }

    private static boolean hasNonFinite(JsonArray a) {
        for (JsonElement x : a) {
            if (nonFinite(x) != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"} for such a number, else null. */
    private static String nonFinite(JsonElement v) {
        if (v instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
        }
        return null;
    }

    /** A finite number, or {@code null} (JSON null) for NaN and infinities; for arrays and optional values. */
    public static JsonElement number(double x) {
        return Double.isFinite(x) ? new JsonPrimitive(x) : JsonNull.INSTANCE;
    }

    /** JSON array of numbers (non-finite entries become {@code null}). */
    public static JsonArray array(double... v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    /** JSON array of integers. */
    public static JsonArray array(int... v) {
        JsonArray a = new JsonArray();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    /** JSON object from key/number pairs. */
    public static JsonObject object(Map<String, ? extends Number> m) {
        JsonObject o = new JsonObject();
        m.forEach(o::addProperty);
        return o;
    }
}
