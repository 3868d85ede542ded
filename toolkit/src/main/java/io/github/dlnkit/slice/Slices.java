package io.github.dlnkit.slice;

import io.github.dlnkit.model.Progress;
import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;


/**
 * Landscape slices through a point {@code W} (Li et al. 2018, section 3): the 1D curve {@code t -> L(W + t delta)}
 * and the 2D surface {@code (s, t) -> L(W + s delta_1 + t delta_2)} on symmetric grids {@code [-radius, radius]},
 * each value an exact {@link Loss#value} (weight decay and convention of the loss included).
 */
public final class Slices {
    private Slices() {
    }

    /** {@code points} equally spaced values of {@code t} in {@code [-radius, radius]}. */
    public static Slice1D line(Loss loss, Weights w, Direction d, double radius, int points) {
        check(loss, w, radius, points, d);
        double[] t = grid(radius, points);
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = loss.value(w.plus(d.vector(), t[i]));
        }
        return new Slice1D(t, v, loss.value(w), d.label());
    }

    /** A {@code points x points} grid on {@code [-radius, radius]^2}. */
    public static Slice2D plane(Loss loss, Weights w, Direction d1, Direction d2, double radius, int points) {
        return plane(loss, w, d1, d2, radius, points, null);
    }

    /** As {@link #plane(Loss, Weights, Direction, Direction, double, int)}, reporting each finished tenth of the rows. */
    public static Slice2D plane(Loss loss, Weights w, Direction d1, Direction d2, double radius, int points,
                                Progress progress) {
        check(loss, w, radius, points, d1, d2);
        double[] s = grid(radius, points);
        double[][] v = new double[points][points];
        for (int i = 0; i < points; i++) {
            Weights row = w.plus(d1.vector(), s[i]);
            for (int j = 0; j < points; j++) {
                v[i][j] = loss.value(row.plus(d2.vector(), s[j]));
            }
            if (progress != null && ((i + 1) * 10 / points > i * 10 / points || i == points - 1)) {
                progress.note("slice: " + (i + 1) + "/" + points + " rows of the grid");
            }
        }
        return new Slice2D(s, s, v, loss.value(w), d1.label(), d2.label());
    }

    private static void check(Loss loss, Weights w, double radius, int points, Direction... directions) {
        if (loss == null || w == null) {
            throw new IllegalArgumentException("slice needs a loss and a point W (got null)");
        }
        for (int i = 0; i < directions.length; i++) {
            if (directions[i] == null) {
                throw new IllegalArgumentException("slice direction " + (i + 1) + " is missing (null)");
            }
        }
        Checks.positive("slice radius", radius);
        if (points < 2) {
            throw new IllegalArgumentException("slice grid has " + points + " points, expected >= 2");
        }
    }

    static double[] grid(double radius, int points) {
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = -radius + 2 * radius * i / (points - 1);
        }
        if (points % 2 == 1) {
            t[points / 2] = 0;
        }
        return t;
    }
}
