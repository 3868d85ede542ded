package io.github.dlnkit.cli;

import picocli.CommandLine;
import io.github.dlnkit.linalg.MatrixOps;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.critical.Pivot;
import io.github.dlnkit.io.CaseFile;
import io.github.dlnkit.model.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code dlnkit classify --case F [--hessian] [--json]}: Theorem 7 verdict for the case's point. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify a critical point (Thm 7): class, S, pivots, margins, witness.", "",
                "Classify the case's point W (Achour et al. Thm 7 with the N_ij pivot rule): critical?,",
                "S (1-based), r, critical value, pivots (tightened or not), class with its reason, decision",
                "margins and a checked witness; --hessian cross-checks with the dense Hessian spectrum.",
                "Values are in the case's loss convention; the class does not depend on it.",
                "--exact decides everything in exact rational arithmetic (no tolerances) for cases whose",
                "numbers are integers, decimals or strings \"p/q\" (docs/theory/exact-mode.md)."})
public final class ClassifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaseOption input;

    @Option(names = "--hessian", description = "cross-check with the dense Hessian: negative curvature iff lambda_min < "
            + "-max(TOL, 100 n eps) ||Hess||, zero within rounding iff lambda_min >= -10 n eps ||Hess||, else undecidable")
    boolean hessian;

    @Option(names = "--hessian-tol", defaultValue = "" + Classifier.DEFAULT_HESSIAN_TOLERANCE, paramLabel = "TOL",
            description = "relative to ||Hess|| (default ${DEFAULT-VALUE})")
    double hessianTol;

    @Option(names = "--grad-tol", defaultValue = "" + Classifier.DEFAULT_GRADIENT_TOLERANCE, paramLabel = "TOL",
            description = "relative gradient tolerance for 'critical' (default ${DEFAULT-VALUE})")
    double gradTol;

    @Option(names = "--rank-tol", defaultValue = "" + Classifier.DEFAULT_FLOOR, paramLabel = "TOL",
            description = "floor of the rank cuts: singular values below TOL x the size their product is made of are zero "
                    + "whatever the gaps (default ${DEFAULT-VALUE}: the gaps decide); raise for trained points")
    double rankTol;

    @Option(names = "--pivot-tol", defaultValue = "" + Classifier.DEFAULT_FLOOR, paramLabel = "TOL",
            description = "floor of the pivot cut N_ij != 0, relative to the size N_ij is made of (default ${DEFAULT-VALUE})")
    double pivotTol;

    @Option(names = "--assoc-tol", defaultValue = "" + Classifier.DEFAULT_ASSOCIATION_TOLERANCE, paramLabel = "TOL",
            description = "tolerance of P Sxy = U_S Lambda_S U_S^T, relative to lambda_1 (default ${DEFAULT-VALUE})")
    double assocTol;

    @Option(names = "--no-witness", description = "skip the witness direction / descent curve")
    boolean noWitness;

    @Option(names = "--exact", description = "decide in exact rational arithmetic (widths <= 12, H <= 8; tolerances do not apply)")
    boolean exact;

    @Mixin
    DenseHessianGuard denseGuard;

    @Override
    public Integer call() {
        if (exact) {
            return ExactClassifyOutput.run(input, hessian, spec.commandLine().getOut());
        }
        CaseFile c = input.read();
        Weights w = c.requirePoint();
        if (c.loss().hasWeightDecay()) {
            throw new IllegalArgumentException("this case has weight decay; Theorem 7 classifies critical points of the "
                    + "unregularized loss ||W_H...W_1 X - Y||^2 (remove \"weightDecay\" to classify)");
        }
        Classifier.Options o = Classifier.Options.builder().gradientTolerance(gradTol).rankTolerance(rankTol)
                .pivotTolerance(pivotTol).associationTolerance(assocTol).hessian(hessian).hessianTolerance(hessianTol)
                .maxHessianParameters(denseGuard.maxParameters()).witness(!noWitness).build();
        int n = w.architecture().parameterCount();
        if (hessian) {
            denseGuard.check(w.architecture(), "--hessian", "classify without the Hessian cross-check");
        }
        if (hessian && n > 500) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "dlnkit classify: dense Hessian spectrum, n = %d parameters "
                    + "(O(n^3); about %.0f s) ...%n", n, Math.max(1, n * (double) n * n / 2e9));
        }
        long t0 = System.nanoTime();
        Classification k = Classifier.classify(c.data(), w, o);
        if (hessian && n > 500) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "dlnkit classify: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        double f = c.convention().factor();
        if (input.json()) {
            spec.commandLine().getOut().println(Json.print(toJson(k, f, c.convention().key())));
        } else {
            spec.commandLine().getOut().print(k);
            if (f != 1) {
                spec.commandLine().getOut().printf(java.util.Locale.ROOT, "(%s convention: value %.12g, loss %.12g)%n", c.convention().key(),
                        f * k.value(), f * k.loss());
            }
        }
        if (k.hessianDisagrees()) {
            spec.commandLine().getErr().println("dlnkit classify: warning: the Hessian cross-check DISAGREES with the verdict "
                    + "(confidence " + k.confidence() + "; see the margins)");
        }
        return 0;
    }

    /** JSON of a classification; values multiplied by the loss factor {@code f}. */
    static JsonObject toJson(Classification k, double f, String convention) {
        JsonObject o = new JsonObject();
        o.addProperty("critical", k.critical());
        o.addProperty("class", k.pointClass().name());
        o.addProperty("r", k.r());
        o.addProperty("rMax", k.rMax());
        o.add("S", Json.array(k.S()));
        o.addProperty("value", f * k.value());
        o.addProperty("loss", f * k.loss());
        o.addProperty("convention", convention);
        o.addProperty("reason", k.reason());
        o.add("pivots", pivots(k, k.pivots()));
        o.add("minimalPivots", pivots(k, k.minimalPivots()));
        JsonObject m = new JsonObject();
        m.addProperty("relativeGradient", k.margins().relativeGradient());
        m.addProperty("gradientDecades", k.margins().gradientDecades());
        m.addProperty("associationResidual", k.margins().associationResidual());
        m.addProperty("associationDecades", k.margins().associationDecades());
        m.addProperty("rankDecades", k.margins().rankDecades());
        m.addProperty("pivotDecades", k.margins().pivotDecades());
        m.addProperty("min", k.margins().min());
        o.add("margins", m);
        o.addProperty("confidence", k.confidence().name());
        o.addProperty("fragile", k.fragile());
        k.witness().ifPresent(w -> {
            JsonObject x = new JsonObject();
            x.addProperty("kind", w.kind());
            x.addProperty("curvature", f * w.curvature());
            x.addProperty("order", w.order());
            x.addProperty("leading", f * w.leading());
            JsonArray layers = new JsonArray();
            for (int h = 1; h <= w.direction().depth(); h++) {
                layers.add(new com.google.gson.Gson().toJsonTree(MatrixOps.toRows(w.direction().layer(h))));
            }
            x.add("direction", layers);
            o.add("witness", x);
        });
        k.hessian().ifPresent(h -> {
            o.addProperty("hessianMin", f * h.min());
            JsonObject x = new JsonObject();
            x.addProperty("min", f * h.min());
            x.addProperty("max", f * h.max());
            x.addProperty("negativeCount", h.negativeCount());
            x.addProperty("zeroCount", h.zeroCount());
            x.addProperty("threshold", f * h.threshold());
            x.addProperty("rounding", f * h.rounding());
            x.addProperty("outcome", h.outcome().name());
            x.addProperty("agrees", h.agrees());
            o.add("hessian", x);
        });
        return o;
    }

    private static JsonArray pivots(Classification k, java.util.List<Pivot> list) {
        JsonArray a = new JsonArray();
        for (Pivot p : list) {
            a.add(pivot(p, k.minimalPivots().contains(p)));
        }
        return a;
    }

    /** One pivot as JSON: {@code i, j, norm, innerRank, tightened, minimal} (shared by the exact output). */
    static JsonObject pivot(Pivot p, boolean minimal) {
        JsonObject x = new JsonObject();
        x.addProperty("i", p.i());
        x.addProperty("j", p.j());
        x.addProperty("norm", p.norm());
        x.addProperty("innerRank", p.innerRank());
        x.addProperty("tightened", p.tightened());
        x.addProperty("minimal", minimal);
        return x;
    }
}
