package io.github.dlnkit.cli;

import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every command's {@code --json} on every shipped example ({@code examples/*.json}) parses with a strict RFC 8259
 * reader (Gson {@link Strictness#STRICT}: no NaN/Infinity, nothing after the value), has no HTML escapes, and
 * every field name is documented in {@code docs/json-output.md}. A run may instead refuse the case (exit 2 with one
 * {@code dlnkit ...: error:} line, e.g. escape from a point that is not a saddle); at least one run per command must
 * produce JSON. Options keep each run cheap (few steps, probes, runs).
 */
class JsonOutputTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve(
            Files.isDirectory(Path.of(System.getProperty("user.dir"), "examples")) ? "." : "..").normalize();

    /** Command name -> arguments after {@code --case FILE}. */
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("eval", new String[]{"eval", "--json"});
        COMMANDS.put("classify", new String[]{"classify", "--json", "--no-witness"});
        COMMANDS.put("classify --exact", new String[]{"classify", "--json", "--exact"});
        COMMANDS.put("critical-values", new String[]{"critical-values", "--json", "--lowest", "5"});
        COMMANDS.put("construct", new String[]{"construct", "--json", "--class", "global"});
        COMMANDS.put("regularized", new String[]{"regularized", "--json", "--no-hessian", "--max-points", "50"});
        COMMANDS.put("regularized --gd", new String[]{"regularized", "--json", "--gd", "5", "--lr", "1e-4", "--lambda", "0.1"});
        COMMANDS.put("spectrum", new String[]{"spectrum", "--json", "--density", "--k", "1", "--probes", "2",
                "--steps", "8", "--lanczos-tol", "1e-3"});
        COMMANDS.put("slice", new String[]{"slice", "--json", "--line", "--dirs", "random", "--grid", "5"});
        COMMANDS.put("train", new String[]{"train", "--json", "--lr", "1e-4", "--steps", "4"});
        COMMANDS.put("train --flow", new String[]{"train", "--json", "--flow", "--lr", "1e-4", "--steps", "2"});
        COMMANDS.put("bench w5", new String[]{"bench", "w5", "--json", "--repeat", "1", "--warmup", "0"});
        COMMANDS.put("escape", new String[]{"escape", "--json", "--runs", "3", "--max-epochs", "30"});
    }

    @Test
    void everyCommandPrintsStrictDocumentedJsonOnEveryExample() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(examples.size() >= 20, "examples found: " + examples.size());
        String doc = Files.readString(ROOT.resolve("docs/json-output.md"));
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, String[]> cmd : COMMANDS.entrySet()) {
            int[] c = counts.computeIfAbsent(cmd.getKey(), k -> new int[2]);
            for (Path ex : examples) {
                List<String> args = new ArrayList<>(List.of(cmd.getValue()));
                args.add("--case");
                args.add(ex.toString());
                long t0 = System.nanoTime();
                CliTestSupport.Run r = CliTestSupport.run(args.toArray(String[]::new));
                String what = String.join(" ", args);
                if (r.exitCode() == 2) {
                    String[] lines = r.err().strip().split("\n");
                    String last = lines[lines.length - 1];
                    assertTrue(last.startsWith("dlnkit " + cmd.getValue()[0] + ": error:"), what + ": " + r.err());
                    assertFalse(r.err().contains("\tat "), what + ": stack trace " + r.err());
                    c[1]++;
                    continue;
                }
                assertEquals(0, r.exitCode(), what + ": " + r.err());
                assertFalse(r.out().contains("\\u003d") || r.out().contains("\\u003c") || r.out().contains("\\u003e"),
                        what + ": HTML escapes");
                TreeSet<String> keys = new TreeSet<>();
                try {
                    parseStrict(r.out(), keys);
                } catch (IOException | IllegalStateException e) {
                    fail(what + ": not strict JSON (" + e.getMessage() + "):\n" + r.out());
                }
                for (String k : keys) {
                    String base = k.endsWith(Json.NOTE) ? k.substring(0, k.length() - Json.NOTE.length()) : k;
                    if (!doc.contains("`" + k + "`") && !doc.contains("`" + base + "`")) {
                        undocumented.add(cmd.getValue()[0] + "." + k);
                    }
                }
                c[0]++;
                System.err.printf("json %-16s %-28s %s %.1f s%n", cmd.getKey(), ex.getFileName(), "ok",
                        (System.nanoTime() - t0) / 1e9);
            }
            assertTrue(c[0] >= 1, cmd.getKey() + ": no example gave JSON");
        }
        counts.forEach((k, v) -> System.err.printf("json coverage %-16s %2d examples parsed, %2d refused%n", k, v[0], v[1]));
        assertTrue(undocumented.isEmpty(), "fields missing from docs/json-output.md: " + new TreeSet<>(undocumented));
    }

    @Test
    void nonFiniteNumbersBecomeNullWithANoteAndNothingIsHtmlEscaped() throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("gradientDecades", Double.POSITIVE_INFINITY);
        o.addProperty("set", "S = [[1,1]] <x>");
        o.add("values", Json.array(1, Double.NaN));
        JsonObject inner = new JsonObject();
        inner.addProperty("m", Double.NEGATIVE_INFINITY);
        o.add("inner", inner);
        String s = Json.print(o);
        TreeSet<String> keys = new TreeSet<>();
        parseStrict(s, keys);
        assertTrue(s.contains("\"gradientDecades\": null"), s);
        assertTrue(s.contains("\"gradientDecadesNote\": \"Infinity\""), s);
        assertTrue(s.contains("\"S = [[1,1]] <x>\""), s);
        assertTrue(s.contains("\"valuesNote\""), s);
        assertTrue(s.contains("\"mNote\": \"-Infinity\""), s);
        assertTrue(Double.isInfinite(o.get("gradientDecades").getAsDouble()), "the input is not modified");
        assertNull(o.get("gradientDecadesNote"));
    }

    /** Reads one JSON value strictly (RFC 8259), collecting every object key; throws on anything else. */
    static void parseStrict(String text, java.util.Set<String> keys) throws IOException {
        JsonReader r = new JsonReader(new StringReader(text));
        r.setStrictness(Strictness.STRICT);
        value(r, keys);
        if (r.peek() != JsonToken.END_DOCUMENT) {
            throw new IllegalStateException("content after the JSON value");
        }
    }

    private static void value(JsonReader r, java.util.Set<String> keys) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                r.beginObject();
                while (r.hasNext()) {
                    keys.add(r.nextName());
                    value(r, keys);
                }
                r.endObject();
            }
            case BEGIN_ARRAY -> {
                r.beginArray();
                while (r.hasNext()) {
                    value(r, keys);
                }
                r.endArray();
            }
            case NUMBER -> {
                double d = r.nextDouble();
                if (!Double.isFinite(d)) {
                    throw new IllegalStateException("non-finite number " + d);
                }
            }
            case STRING -> r.nextString();
            case BOOLEAN -> r.nextBoolean();
            case NULL -> r.nextNull();
            default -> throw new IllegalStateException("unexpected " + r.peek());
        }
    }
}
