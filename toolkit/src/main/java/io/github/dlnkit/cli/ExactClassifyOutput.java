package io.github.dlnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.critical.exact.ExactClassification;
import io.github.dlnkit.critical.exact.ExactClassifier;
import io.github.dlnkit.critical.exact.RationalCase;
import io.github.dlnkit.critical.exact.RationalCaseReader;
import io.github.dlnkit.critical.exact.RationalMatrix;
import io.github.dlnkit.model.LossConvention;
import org.hipparchus.fraction.BigFraction;

import java.util.List;
import java.util.Locale;

/** {@code classify --exact}: reads the case as rationals, classifies exactly and prints text or JSON. */
final class ExactClassifyOutput {
    private ExactClassifyOutput() {
    }

    static int run(CaseOption input, boolean hessian, java.io.PrintWriter out) {
        if (hessian) {
            throw new IllegalArgumentException("--hessian is a double-precision cross-check and --exact needs none; "
                    + "give one of them");
        }
        RationalCase c = RationalCaseReader.read(input.file);
        long t0 = System.nanoTime();
        ExactClassification k = ExactClassifier.classify(c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BigFraction f = c.convention() == LossConvention.HALF ? BigFraction.ONE_HALF : BigFraction.ONE;
        if (input.json()) {
            out.println(Json.print(toJson(k, f, c.convention().key())));
        } else {
            out.print(k);
            if (c.convention() == LossConvention.HALF) {
                out.printf(Locale.ROOT, "(half convention: value %s, loss %s)%n",
                        k.value() == null ? "-" : RationalMatrix.text(k.value().multiply(f)), RationalMatrix.text(k.loss().multiply(f)));
            }
            out.printf(Locale.ROOT, "exact       every decision in rational arithmetic (%.3f s)%n", seconds);
        }
        return 0;
    }

    /** JSON of an exact classification; values multiplied by the loss factor {@code f}, exact ones as "p/q" strings. */
    static JsonObject toJson(ExactClassification k, BigFraction f, String convention) {
        JsonObject o = new JsonObject();
        o.addProperty("exact", true);
        o.addProperty("critical", k.critical());
        o.addProperty("class", k.pointClass().name());
        o.addProperty("r", k.r());
        o.addProperty("rMax", k.rMax());
        o.add("S", Json.array(k.S()));
        if (k.value() != null) {
            o.addProperty("value", k.value().multiply(f).doubleValue());
            o.addProperty("valueExact", RationalMatrix.text(k.value().multiply(f)));
        } else {
            o.add("value", com.google.gson.JsonNull.INSTANCE);
            o.add("valueExact", com.google.gson.JsonNull.INSTANCE);
        }
        o.addProperty("loss", k.loss().multiply(f).doubleValue());
        o.addProperty("lossExact", RationalMatrix.text(k.loss().multiply(f)));
        o.addProperty("convention", convention);
        o.addProperty("reason", k.reason());
        o.add("pivots", pivots(k, k.pivots()));
        o.add("minimalPivots", pivots(k, k.minimalPivots()));
        return o;
    }

    private static JsonArray pivots(ExactClassification k, List<Pivot> list) {
        JsonArray a = new JsonArray();
        for (Pivot p : list) {
            JsonObject x = ClassifyCommand.pivot(p, k.minimalPivots().contains(p));
            x.addProperty("normSquaredExact", RationalMatrix.text(k.pivotNormsSquared().get(k.pivots().indexOf(p))));
            a.add(x);
        }
        return a;
    }
}
