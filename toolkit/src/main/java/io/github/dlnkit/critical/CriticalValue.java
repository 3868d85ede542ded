package io.github.dlnkit.critical;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One critical value of Proposition 1 ({@code achour2024.md} section 4): {@code value = c (tr Syy - sum_{i in S} lambda_i)}
 * with {@code c} the loss factor (1 for the plain sum).
 *
 * @param value   the loss at every critical point associated with {@code S}
 * @param S       1-based indices of the learned eigen-directions, increasing
 * @param rank    {@code r = |S|}, the rank of {@code W_{H:1}} at those points
 * @param classes the classes (Theorem 7) that critical points associated with {@code S} can have for these widths;
 *                kept in the enum's order, so that iterating over them is the same in every run
 */
public record CriticalValue(double value, int[] S, int rank, Set<PointClass> classes) {
    public CriticalValue {
        S = S.clone();
        java.util.EnumSet<PointClass> ordered = java.util.EnumSet.noneOf(PointClass.class);
        ordered.addAll(classes);
        classes = java.util.Collections.unmodifiableSet(ordered);
    }

    @Override
    public int[] S() {
        return S.clone();
    }

    /** {@code S = [[1, r]]}: the {@code r} largest eigenvalues. */
    public boolean prefix() {
        return CriticalValues.isPrefix(S);
    }

    /** {@code {1,3}}; {@code {}} for the empty set. */
    public String sText() {
        return CriticalValues.setText(S);
    }

    /** Classes as {@code "NON_STRICT_SADDLE|STRICT_SADDLE"} in enum order. */
    public String classesText() {
        return classes.stream().sorted().map(Enum::name).collect(Collectors.joining("|"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CriticalValue c && c.value == value && Arrays.equals(c.S, S) && c.rank == rank
                && c.classes.equals(classes);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value) * 31 + Arrays.hashCode(S);
    }

    @Override
    public String toString() {
        return "S=" + sText() + " r=" + rank + " value=" + value + " " + classesText();
    }
}
