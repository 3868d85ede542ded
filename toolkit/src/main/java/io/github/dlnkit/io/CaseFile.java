package io.github.dlnkit.io;

import io.github.dlnkit.model.Architecture;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.LossConvention;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One landscape question in one JSON file: data, optionally a point {@code W}, the loss convention and weight
 * decay. The format is specified in {@code docs/case-format.md}; reading and writing live in {@link CaseJson}
 * (strict JSON, malformed files rejected with a message that names the key, the shape found and the shape expected).
 *
 * @param x            {@code X} ({@code d_x x m}) when the file gives samples, else {@code null}
 * @param y            {@code Y} ({@code d_y x m}) when the file gives samples, else {@code null}
 * @param data         the data set (moments)
 * @param point        the point {@code W}, or {@code null}
 * @param architecture the widths (from {@code W} or {@code widths}), or {@code null}
 * @param convention   {@code sum} or {@code half}
 * @param weightDecay  empty, one common lambda, or one per layer
 * @param name         optional free-text name ({@code "name"} key), or {@code null}
 * @param description  optional free text ({@code "description"} key), or {@code null}; kept when a command rewrites
 *                     the case (e.g. {@code construct} replacing {@code W})
 */
public record CaseFile(DMatrixRMaj x, DMatrixRMaj y, Dataset data, Weights point, Architecture architecture,
                       LossConvention convention, double[] weightDecay, String name, String description) {

    /** A case with data only. */
    public static CaseFile of(Dataset data) {
        return new CaseFile(null, null, data, null, null, LossConvention.SUM, new double[0], null, null);
    }

    /** A case with data and a point (plain-sum loss, no weight decay). */
    public static CaseFile of(Dataset data, Weights point) {
        return of(data).withPoint(point);
    }

    /** Same case with another point (its widths replace the old ones). */
    public CaseFile withPoint(Weights w) {
        CaseFile c = new CaseFile(x, y, data, w, w.architecture(), convention, weightDecay, name, description);
        c.validate();
        return c;
    }

    /** Same case with given widths and no point. */
    public CaseFile withArchitecture(Architecture a) {
        CaseFile c = new CaseFile(x, y, data, null, a, convention, weightDecay, name, description);
        c.validate();
        return c;
    }

    /** Same case with another loss convention. */
    public CaseFile withConvention(LossConvention conv) {
        return new CaseFile(x, y, data, point, architecture, conv, weightDecay, name, description);
    }

    /** Same case with another weight decay (one value, or one per layer). */
    public CaseFile withWeightDecay(double... lambdas) {
        CaseFile c = new CaseFile(x, y, data, point, architecture, convention, lambdas.clone(), name, description);
        c.validate();
        return c;
    }

    /** Same case with a name. */
    public CaseFile withName(String n) {
        return new CaseFile(x, y, data, point, architecture, convention, weightDecay, n, description);
    }

    /** Same case with a description. */
    public CaseFile withDescription(String d) {
        return new CaseFile(x, y, data, point, architecture, convention, weightDecay, name, d);
    }

    /** The loss this case asks about. */
    public Loss loss() {
        return Loss.of(data, convention).withWeightDecay(weightDecay);
    }

    /** The point, or an {@link IllegalArgumentException} saying the command needs key {@code W}. */
    public Weights requirePoint() {
        if (point == null) {
            throw new IllegalArgumentException("this case file has no point: add the key \"W\" (list [W_1, ..., W_H])");
        }
        return point;
    }

    /** The widths, or an error saying the case needs {@code W} or {@code widths}. */
    public Architecture requireArchitecture() {
        if (architecture == null) {
            throw new IllegalArgumentException("this case file has no widths: add \"widths\" [d_0, ..., d_H] or a point \"W\"");
        }
        return architecture;
    }

    /** The point if present. */
    public Optional<Weights> pointIfPresent() {
        return Optional.ofNullable(point);
    }

    private void validate() {
        if (architecture != null) {
            if (architecture.inputDim() != data.inputDim()) {
                throw new IllegalArgumentException("widths " + architecture + " start with d_0 = " + architecture.inputDim()
                        + ", expected d_0 = d_x = " + data.inputDim());
            }
            if (architecture.outputDim() != data.outputDim()) {
                throw new IllegalArgumentException("widths " + architecture + " end with d_H = " + architecture.outputDim()
                        + ", expected d_H = d_y = " + data.outputDim());
            }
            if (weightDecay.length > 1 && weightDecay.length != architecture.depth()) {
                throw new IllegalArgumentException("weightDecay has " + weightDecay.length + " values, expected 1 or H = "
                        + architecture.depth() + " (one per layer)");
            }
        }
        for (double l : weightDecay) {
            if (!Double.isFinite(l) || l < 0) {
                throw new IllegalArgumentException("weightDecay must hold finite values >= 0, got " + l);
            }
        }
    }

    // ------------------------------------------------------------------ reading and writing (CaseJson)

    /** Reads a case file ({@link CaseJson#read}); errors name the file. */
    public static CaseFile read(Path file) {
        return CaseJson.read(file);
    }

    /** Parses the JSON text of a case file ({@link CaseJson#parse}). */
    public static CaseFile parse(String json) {
        return CaseJson.parse(json);
    }

    /** The case as pretty-printed JSON ({@link CaseJsonWriter}). */
    public String toJson() {
        return CaseJsonWriter.toJson(this);
    }

    /** Writes {@link #toJson()} to a file atomically. */
    public void write(Path file) {
        CaseJsonWriter.write(this, file);
    }
}
