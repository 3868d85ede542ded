package io.github.dlnkit.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/**
 * Strict RFC 8259 JSON into a Gson tree: Gson's {@link Strictness#STRICT} reader (no comments, unquoted keys or
 * strings, single quotes, {@code ;} separators, {@code NaN}/{@code Infinity} literals), nothing after the value,
 * and each key at most once per object ({@code JsonParser} would keep the last one silently). Numbers are kept as
 * written ({@link LazilyParsedNumber}), so an out-of-range {@code 1e400} reaches the caller's finiteness check.
 */
public final class StrictJson {
    /** Deepest nesting read (a case file needs 4: object, list of layers, matrix, row). */
    public static final int MAX_DEPTH = 64;

    private StrictJson() {
    }

    /** The tree of a strict JSON text; {@link IllegalArgumentException} with Gson's position on one line otherwise. */
    public static JsonElement parse(String json) {
        try {
            return tree(json);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(gsonMessage(e), e);
        }
    }

    /** Gson's message on one line, in the file format's words. */
    private static String gsonMessage(Exception e) {
        String m = String.valueOf(e.getMessage()).replaceAll("\\s*See https?://\\S+", "").trim();
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "malformed JSON (no comments, unquoted keys or strings, single quotes or ';'; numbers must be finite, no NaN)");
    }

    /** Strict RFC 8259 parse into a tree; duplicate keys are an error. */
    static JsonElement tree(String json) throws IOException {
        JsonReader r = new JsonReader(new StringReader(json));
        r.setStrictness(Strictness.STRICT);
        JsonElement e = value(r, 0);
        if (r.peek() != JsonToken.END_DOCUMENT) {
            throw new IllegalStateException("text after the JSON value at " + r.getPath());
        }
        return e;
    }

    private static JsonElement value(JsonReader r, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("nested deeper than " + MAX_DEPTH + " levels at " + r.getPath());
        }
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String path = r.getPath();
                    String k = r.nextName();
                    if (o.has(k)) {
                        throw new IllegalStateException("duplicate key \"" + k + "\" at " + path.replaceAll("\\.[^.]*$", "")
                                + " (each key once)");
                    }
                    o.add(k, value(r, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(value(r, depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new LazilyParsedNumber(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new IllegalStateException("unexpected " + r.peek() + " at " + r.getPath());
        }
    }

}
