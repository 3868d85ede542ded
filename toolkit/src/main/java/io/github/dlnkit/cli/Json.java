package io.github.dlnkit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.Map;

/** Small helpers for the {@code --json} output of the commands. */
public final class Json {
    private Json() {
    }

    /** Pretty JSON text of an object. */
    public static String print(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    /** JSON array of numbers. */
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
