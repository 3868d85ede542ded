package io.github.dlnkit.critical;

/**
 * A pivot {@code (i, j)}, {@code j < i}, of a critical point with {@code S = [[1,r]]} (Definitions 3 and 5 in
 * the derived form of {@code achour2024.md} section 6): {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1} != 0}.
 *
 * @param i          upper layer (1-based)
 * @param j          lower layer (1-based), {@code j < i}
 * @param norm       {@code ||N_ij||_F}
 * @param innerRank  numerical rank of the inner block {@code W_{i-1:j+1}} ({@code I_{d_j}} when {@code i = j+1})
 * @param tightened  {@code innerRank == r} (Definition 5)
 */
public record Pivot(int i, int j, double norm, int innerRank, boolean tightened) {
    @Override
    public String toString() {
        return "(" + i + "," + j + ")" + (tightened ? " tightened" : " NOT tightened") + " |N|=" + String.format(
                java.util.Locale.ROOT, "%.4g", norm) + " innerRank=" + innerRank;
    }
}
