package io.github.dlnkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import com.google.gson.JsonObject;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import io.github.dlnkit.spectrum.DenseSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dlnkit eval --case F [--hessian] [--json]}: loss, gradient norms and optionally the Hessian spectrum. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Loss, gradient norms and (optionally) Hessian eigenvalues at W.", "",
                "Evaluate the loss at the case's point W: value, gradient norm per layer and,",
                "with --hessian, all Hessian eigenvalues (ascending) with the number of zeros."})
public final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    CaseOption input;

    @Option(names = "--hessian", description = "also compute the dense Hessian and all its eigenvalues")
    boolean hessian;

    @Option(names = "--tol", defaultValue = "" + DenseSpectrum.DEFAULT_RELATIVE_TOLERANCE, paramLabel = "REL",
            description = "relative tolerance for zero eigenvalues: |mu| <= REL * max(1, max|mu|) (default ${DEFAULT-VALUE})")
    double tol;

    @Mixin
    DenseHessianGuard denseGuard;

    @Override
    public Integer call() {
        CaseFile c = input.read();
        Weights w = c.requirePoint();
        Loss loss = c.loss();
        double value = loss.value(w);
        Weights g = loss.gradient(w);
        double[] layerNorms = g.layerNorms();
        DenseSpectrum spec = null;
        if (hessian) {
            denseGuard.check(w.architecture(), "--hessian", "use the Lanczos-based 'spectrum' command");
            spec = DenseSpectrum.of(loss.hessian(w), tol);
        }
        PrintWriter out = command.commandLine().getOut();
        if (input.json()) {
            JsonObject o = new JsonObject();
            o.add("widths", Json.array(w.architecture().widths()));
            o.addProperty("parameters", w.architecture().parameterCount());
            o.addProperty("loss", value);
            o.addProperty("convention", loss.convention().key());
            o.addProperty("gradientNorm", g.norm());
            o.add("gradientNormPerLayer", Json.array(layerNorms));
            if (spec != null) {
                JsonObject h = new JsonObject();
                h.add("eigenvalues", Json.array(spec.eigenvalues()));
                h.addProperty("min", spec.min());
                h.addProperty("max", spec.max());
                h.addProperty("zeroCount", spec.zeroCount());
                h.addProperty("negativeCount", spec.negativeCount());
                h.addProperty("zeroTolerance", spec.tolerance());
                h.addProperty("relativeTolerance", tol);
                o.add("hessian", h);
            }
            out.println(Json.print(o));
        } else {
            out.printf(Locale.ROOT, "widths      %s  (H = %d, n = %d parameters)%n", w.architecture(), w.depth(),
                    w.architecture().parameterCount());
            out.printf(Locale.ROOT, "loss        %.12g  (%s convention%s)%n", value, loss.convention().key(),
                    loss.hasWeightDecay() ? ", with weight decay" : "");
            out.printf(Locale.ROOT, "|grad|      %.6g%n", g.norm());
            for (int h = 1; h <= w.depth(); h++) {
                out.printf(Locale.ROOT, "  |grad W_%d| %.6g%n", h, layerNorms[h - 1]);
            }
            if (spec != null) {
                out.printf(Locale.ROOT, "Hessian     min %.10g, max %.10g, %d zero (|mu| <= %.3g = %.1g * max(1, max|mu|)), %d negative%n",
                        spec.min(), spec.max(), spec.zeroCount(), spec.tolerance(), tol, spec.negativeCount());
                out.println("eigenvalues (ascending):");
                double[] ev = spec.eigenvalues();
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < ev.length; k++) {
                    sb.append(String.format(Locale.ROOT, "%16.9g", ev[k]));
                    if (k % 6 == 5 || k == ev.length - 1) {
                        out.println(sb);
                        sb.setLength(0);
                    }
                }
            }
        }
        return 0;
    }
}
