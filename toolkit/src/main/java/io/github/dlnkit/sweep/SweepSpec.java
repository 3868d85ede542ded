package io.github.dlnkit.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.dlnkit.io.StrictJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep specification (strict JSON, every key documented in {@code docs/sweeps.md}):
 * <pre>
 * {"name": "escape-vs-sigma", "experiment": "escape",
 *  "cases": ["examples/protocol-strict.json", {"name": "H4", "data": "examples/protocol-nonstrict.json",
 *            "widths": [3, 3, 3, 3, 3], "class": "non-strict", "r": 1, "rankPattern": "1-2"}],
 *  "grid": {"sigma": [0.03, 0.01], "lr": [0.01]},
 *  "runs": 20, "threshold": 3, "maxEpochs": 100000, "seed": 1}
 * </pre>
 * The tasks are the product {@code cases x grid x runs}; a parameter of the experiment ({@link Experiment#parameters})
 * is either fixed at the top level or varied in {@code grid}, not both. Anything else is refused with the key named:
 * unknown keys, an unknown experiment, an empty grid or grid list, a case that cannot be found, values of the
 * wrong type or range, duplicate case names.
 *
 * @param name        the sweep's name
 * @param description free text, or null
 * @param experiment  what each task runs
 * @param cases       the cases, in order
 * @param grid        parameter name to its values, in the spec's order
 * @param fixed       parameter name to its value, for every parameter not in the grid (defaults filled in)
 * @param runs        runs per configuration (each with its own seed)
 * @param seed        the seed from which every task's seed is derived ({@link SweepTask#deriveSeed})
 * @param folder      the spec file's folder (case paths resolve there first), or null
 * @param json        the spec as read (canonical compact JSON), stored in {@code sweep.json} and checked on resume
 */
public record SweepSpec(String name, String description, Experiment experiment, List<CaseSpec> cases,
                        Map<String, List<Double>> grid, Map<String, Double> fixed, int runs, long seed, Path folder,
                        String json) {
    /** The largest spec file read. */
    public static final long MAX_BYTES = 4L << 20;
    /** The most tasks a spec may describe. */
    public static final long MAX_TASKS = 10_000_000L;
    private static final Set<String> TOP = Set.of("name", "description", "experiment", "cases", "grid", "runs", "seed");
    private static final Set<String> GENERATOR = Set.of("name", "data", "widths", "class", "S", "r", "rankPattern", "seed",
            "spread");

    public SweepSpec {
        cases = List.copyOf(cases);
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    /** Reads a spec file; every error names the file and the key. */
    public static SweepSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read spec " + file + ": "
                    + (Files.isDirectory(file) ? "is a directory" : Files.exists(file) ? "not a regular file" : "no such file or directory"));
        }
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("spec " + file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read spec " + io.github.dlnkit.io.OutputFiles.describe(e), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            return parse(text, folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a spec whose case paths resolve against {@code folder} (null: the current folder). */
    public static SweepSpec parse(String text, Path folder) {
        JsonElement root = StrictJson.parse(text);
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"name\": ..., \"experiment\": ..., ...}");
        }
        JsonObject o = root.getAsJsonObject();
        Experiment exp;
        try {
            exp = Experiment.parse(string(o, "experiment", true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("key") ? e.getMessage()
                    : "key \"experiment\": " + e.getMessage(), e);
        }
        for (String k : o.keySet()) {
            if (!TOP.contains(k) && !exp.parameters().containsKey(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" (experiment " + exp.key() + " knows "
                        + known(exp) + ")");
            }
        }
        String name = string(o, "name", true);
        if (name.isBlank()) {
            throw new IllegalArgumentException("key \"name\": empty, expected the sweep's name");
        }
        Map<String, List<Double>> grid = grid(o, exp);
        Map<String, Double> fixed = new LinkedHashMap<>();
        for (Experiment.Parameter p : exp.parameters().values()) {
            if (grid.containsKey(p.name())) {
                if (o.has(p.name())) {
                    throw new IllegalArgumentException("key \"" + p.name() + "\" is both fixed and in \"grid\": give one");
                }
                continue;
            }
            fixed.put(p.name(), o.has(p.name()) ? number(o.get(p.name()), p.name(), p.kind()) : p.defaultValue());
        }
        int runs = o.has("runs") ? (int) number(o.get("runs"), "runs", Experiment.Kind.COUNT) : 1;
        if (runs > 1_000_000) {
            throw new IllegalArgumentException("key \"runs\": " + runs + " is more than 1000000 runs per configuration");
        }
        long seed = o.has("seed") ? wholeNumber(o.get("seed"), "seed") : 1;
        List<CaseSpec> cases = cases(o);
        long tasks = (long) cases.size() * runs;
        for (List<Double> v : grid.values()) {
            tasks *= v.size();
            if (tasks > MAX_TASKS) {
                throw new IllegalArgumentException("key \"grid\": the spec describes more than " + MAX_TASKS
                        + " tasks; split it into several sweeps");
            }
        }
        String description = o.has("description") ? string(o, "description", true) : null;
        return new SweepSpec(name, description, exp, cases, grid, fixed, runs, seed, folder, o.toString());
    }

    /** Number of tasks: {@code cases x prod(grid sizes) x runs}. */
    public long taskCount() {
        long n = (long) cases.size() * runs;
        for (List<Double> v : grid.values()) {
            n *= v.size();
        }
        return n;
    }

    private static String known(Experiment exp) {
        List<String> k = new ArrayList<>(List.of("name", "description", "experiment", "cases", "grid", "runs", "seed"));
        k.addAll(exp.parameters().keySet());
        return String.join(", ", k);
    }

    private static Map<String, List<Double>> grid(JsonObject o, Experiment exp) {
        if (!o.has("grid")) {
            throw new IllegalArgumentException("key \"grid\" is missing, expected an object of parameter lists, e.g. "
                    + "{\"sigma\": [0.03, 0.01]} (parameters of " + exp.key() + ": "
                    + String.join(", ", exp.parameters().keySet()) + ")");
        }
        if (!o.get("grid").isJsonObject()) {
            throw new IllegalArgumentException("key \"grid\": expected an object of parameter lists, found " + o.get("grid"));
        }
        JsonObject g = o.getAsJsonObject("grid");
        if (g.size() == 0) {
            throw new IllegalArgumentException("key \"grid\": empty, expected at least one parameter list (parameters of "
                    + exp.key() + ": " + String.join(", ", exp.parameters().keySet()) + ")");
        }
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : g.entrySet()) {
            String key = "grid." + e.getKey();
            Experiment.Parameter p = exp.parameters().get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("unknown key \"" + key + "\" (experiment " + exp.key()
                        + " has the parameters " + String.join(", ", exp.parameters().keySet()) + ")");
            }
            if (!e.getValue().isJsonArray() || e.getValue().getAsJsonArray().isEmpty()) {
                throw new IllegalArgumentException("key \"" + key + "\": expected a non-empty list of numbers, found "
                        + e.getValue());
            }
            List<Double> vals = new ArrayList<>();
            Set<Double> seen = new HashSet<>();
            JsonArray a = e.getValue().getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                double v = number(a.get(i), key + "[" + i + "]", p.kind());
                if (!seen.add(v)) {
                    throw new IllegalArgumentException("key \"" + key + "\": value " + a.get(i) + " appears twice");
                }
                vals.add(v);
            }
            m.put(e.getKey(), List.copyOf(vals));
        }
        return m;
    }

    private static List<CaseSpec> cases(JsonObject o) {
        if (!o.has("cases") || !o.get("cases").isJsonArray() || o.getAsJsonArray("cases").isEmpty()) {
            throw new IllegalArgumentException("key \"cases\": " + (o.has("cases") ? "found " + o.get("cases") : "missing")
                    + ", expected a non-empty list of case files or generators {\"name\": ..., \"data\": F, \"class\": ...}");
        }
        JsonArray a = o.getAsJsonArray("cases");
        List<CaseSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            String key = "cases[" + i + "]";
            JsonElement e = a.get(i);
            CaseSpec c;
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                String f = e.getAsString();
                if (f.isBlank()) {
                    throw new IllegalArgumentException("key \"" + key + "\": empty path, expected a case file");
                }
                String n = Path.of(f).getFileName().toString().replaceFirst("\\.json$", "");
                c = CaseSpec.file(n, f);
            } else if (e.isJsonObject()) {
                c = generator(e.getAsJsonObject(), key);
            } else {
                throw new IllegalArgumentException("key \"" + key + "\": expected a case file path or a generator object, "
                        + "found " + e);
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("key \"" + key + "\": case name \"" + c.name() + "\" is used twice; "
                        + "give generators distinct \"name\"s (file cases are named after the file)");
            }
            out.add(c);
        }
        return out;
    }

    private static CaseSpec generator(JsonObject g, String key) {
        for (String k : g.keySet()) {
            if (!GENERATOR.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + key + "." + k + "\" (a generator knows "
                        + String.join(", ", List.of("name", "data", "widths", "class", "S", "r", "rankPattern", "seed", "spread"))
                        + ")");
            }
        }
        String name = string(g, "name", true, key + ".name");
        if (name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("key \"" + key + ".name\": expected a non-empty one-line name");
        }
        String data = string(g, "data", true, key + ".data");
        int[] widths = g.has("widths") ? ints(g.get("widths"), key + ".widths", 1) : null;
        String cls = g.has("class") ? string(g, "class", true, key + ".class") : null;
        if (cls != null && !Set.of("global", "strict", "non-strict").contains(cls)) {
            throw new IllegalArgumentException("key \"" + key + ".class\": \"" + cls + "\", expected global, strict or non-strict");
        }
        int[] s = g.has("S") ? ints(g.get("S"), key + ".S", 1) : null;
        Integer r = g.has("r") ? (int) wholeNumber(g.get("r"), key + ".r") : null;
        if (r != null && r < 0) {
            throw new IllegalArgumentException("key \"" + key + ".r\": " + r + ", expected a rank >= 0");
        }
        if (cls == null && s == null) {
            throw new IllegalArgumentException("key \"" + key + "\": give \"class\" (global, strict, non-strict) or \"S\"");
        }
        String pattern = g.has("rankPattern") ? string(g, "rankPattern", true, key + ".rankPattern") : null;
        Long seed = g.has("seed") ? wholeNumber(g.get("seed"), key + ".seed") : null;
        double spread = g.has("spread") ? number(g.get("spread"), key + ".spread", Experiment.Kind.NON_NEGATIVE)
                : io.github.dlnkit.critical.CriticalPoints.DEFAULT_SPREAD;
        return new CaseSpec(name, data, true, widths, cls, s, r, pattern, seed, spread);
    }

    private static String string(JsonObject o, String key, boolean required) {
        return string(o, key, required, key);
    }

    private static String string(JsonObject o, String key, boolean required, String shown) {
        JsonElement e = o.get(key);
        if (e == null) {
            if (required) {
                throw new IllegalArgumentException("key \"" + shown + "\" is missing, expected a string");
            }
            return null;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw new IllegalArgumentException("key \"" + shown + "\": expected a string, found " + e);
        }
        return e.getAsString();
    }

    static double number(JsonElement e, String key, Experiment.Kind kind) {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new IllegalArgumentException("key \"" + key + "\": expected " + kind.expected() + ", found " + e);
        }
        double v = p.getAsDouble();
        if (!kind.accepts(v)) {
            throw new IllegalArgumentException("key \"" + key + "\": " + e + ", expected " + kind.expected());
        }
        return v;
    }

    private static long wholeNumber(JsonElement e, String key) {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new IllegalArgumentException("key \"" + key + "\": expected a whole number, found " + e);
        }
        try {
            return new java.math.BigDecimal(p.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            throw new IllegalArgumentException("key \"" + key + "\": " + e + ", expected a whole number (64-bit)", x);
        }
    }

    private static int[] ints(JsonElement e, String key, int min) {
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("key \"" + key + "\": expected a non-empty list of whole numbers >= " + min
                    + ", found " + e);
        }
        JsonArray a = e.getAsJsonArray();
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            long x = wholeNumber(a.get(i), key + "[" + i + "]");
            if (x < min || x > 100_000) {
                throw new IllegalArgumentException("key \"" + key + "[" + i + "]\": " + x + ", expected a whole number in "
                        + min + "..100000");
            }
            v[i] = (int) x;
        }
        return v;
    }
}
