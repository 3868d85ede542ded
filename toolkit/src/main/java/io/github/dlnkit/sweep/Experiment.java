package io.github.dlnkit.sweep;

import io.github.dlnkit.critical.Classifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiments a sweep can run, each a pure function {@code (case, parameters, run seed) -> one row}
 * ({@link TaskRunner}). Every experiment has named numeric parameters with defaults; a spec fixes a parameter at
 * its top level or varies it in its {@code grid} ({@link SweepSpec}).
 *
 * <ul>
 *   <li>{@code escape}: one gradient-descent run from {@code W* + sigma N(0,1)} (as {@code dynamics.EscapeExperiment});
 *   outputs {@code escapeEpoch} (empty when censored), {@code censored}, {@code finalLoss}.</li>
 *   <li>{@code train}: gradient descent for {@code steps} from {@code W + sigma N(0,1)} (or a Gaussian start of scale
 *   {@code sigma} when the case has no {@code W}); outputs {@code finalLoss}, {@code steps}, {@code diverged},
 *   {@code plateaus} (the epochs at which each lower critical value is reached).</li>
 *   <li>{@code classify}: Theorem 7 verdict at {@code W + sigma N(0,1)} ({@code sigma = 0}: the point itself);
 *   outputs {@code class}, {@code S}, {@code r}, {@code value}, {@code marginDecades}, {@code witnessKind},
 *   {@code witnessOrder}, {@code witnessLeading}.</li>
 *   <li>{@code spectrum}: Hessian extremes at {@code W + sigma N(0,1)}; outputs {@code min}, {@code max},
 *   {@code negativeCount}, {@code zeroCount}, {@code method} (dense up to {@link TaskRunner#DENSE_LIMIT} parameters,
 *   Lanczos beyond, where the counts are left empty).</li>
 * </ul>
 */
public enum Experiment {
    ESCAPE("escape", List.of("escapeEpoch", "censored", "finalLoss"), "escapeEpoch",
            param("sigma", 1e-2, Kind.POSITIVE), param("lr", 1e-2, Kind.POSITIVE),
            param("threshold", Double.NaN, Kind.FINITE), param("maxEpochs", 20000, Kind.COUNT)),
    TRAIN("train", List.of("finalLoss", "steps", "diverged", "plateaus"), "finalLoss",
            param("sigma", 1e-2, Kind.NON_NEGATIVE), param("lr", 1e-2, Kind.POSITIVE), param("steps", 1000, Kind.COUNT)),
    CLASSIFY("classify", List.of("class", "S", "r", "value", "marginDecades", "witnessKind", "witnessOrder",
            "witnessLeading"), "witnessOrder",
            param("sigma", 0, Kind.NON_NEGATIVE),
            param("gradTol", Classifier.Options.defaults().gradientTolerance(), Kind.POSITIVE),
            param("rankTol", Classifier.Options.defaults().rankTolerance(), Kind.POSITIVE),
            param("pivotTol", Classifier.Options.defaults().pivotTolerance(), Kind.POSITIVE)),
    SPECTRUM("spectrum", List.of("min", "max", "negativeCount", "zeroCount", "method"), "min",
            param("sigma", 0, Kind.NON_NEGATIVE));

    /** How a parameter's values are checked. */
    public enum Kind {
        /** finite and {@code > 0} */
        POSITIVE("a finite number > 0"),
        /** finite and {@code >= 0} */
        NON_NEGATIVE("a finite number >= 0"),
        /** any finite number */
        FINITE("a finite number"),
        /** a whole number {@code >= 1} */
        COUNT("a whole number >= 1 (at most 1e12)");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        /** Words for an error message: what a value must be. */
        public String expected() {
            return expected;
        }

        /** Whether {@code v} is acceptable. */
        public boolean accepts(double v) {
            return switch (this) {
                case POSITIVE -> Double.isFinite(v) && v > 0;
                case NON_NEGATIVE -> Double.isFinite(v) && v >= 0;
                case FINITE -> Double.isFinite(v);
                case COUNT -> v >= 1 && v <= 1e12 && v == Math.rint(v);
            };
        }
    }

    /** A named parameter with its default ({@code NaN}: the experiment's own rule, e.g. the midpoint threshold). */
    public record Parameter(String name, double defaultValue, Kind kind) {
    }

    private final String key;
    private final List<String> outputs;
    private final String measure;
    private final Map<String, Parameter> parameters;

    Experiment(String key, List<String> outputs, String measure, Parameter... ps) {
        this.key = key;
        this.outputs = outputs;
        this.measure = measure;
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (Parameter p : ps) {
            m.put(p.name(), p);
        }
        this.parameters = java.util.Collections.unmodifiableMap(m);
    }

    private static Parameter param(String name, double def, Kind kind) {
        return new Parameter(name, def, kind);
    }

    /** The spec's name of the experiment ({@code "escape"}, ...). */
    public String key() {
        return key;
    }

    /** The output columns of a row, after {@code case}, the grid's columns, {@code run} and {@code seed}. */
    public List<String> outputs() {
        return outputs;
    }

    /** The output summarised in {@code summary.csv} (median, quartiles). */
    public String measure() {
        return measure;
    }

    /** The parameters in their documented order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The experiment named {@code key}; {@link IllegalArgumentException} listing the known ones otherwise. */
    public static Experiment parse(String key) {
        for (Experiment e : values()) {
            if (e.key.equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown experiment \"" + key + "\", expected one of " + keys());
    }

    /** {@code "escape, train, classify, spectrum"}. */
    public static String keys() {
        StringBuilder b = new StringBuilder();
        for (Experiment e : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.key);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
