package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.github.dlnkit.critical.Witnesses.finish;
import static io.github.dlnkit.critical.Witnesses.nMatrix;
import static io.github.dlnkit.critical.Witnesses.sq;
import static io.github.dlnkit.critical.Witnesses.zeros;

/**
 * The witness of a strict saddle with a pivot that is not tightened ({@code achour2024.md} section 10.4): a direction
 * of negative curvature built from the top singular pair of {@code N_ij} in one of the two cases S1
 * ({@code rk B > rk C_i}) or S2 ({@code rk B > rk A_j}).
 */
final class PivotWitness {
    private PivotWitness() {
    }

    /**
     * Pivot witness for a non-tightened pivot {@code (i,j)} (section 10.4): {@code (x, z)} the top singular pair
     * of {@code N_ij} with {@code s = x^T N_ij z}; case S1 ({@code rk B > rk C_i}) or S2 ({@code rk B > rk A_j}),
     * with the step chosen at half the bound, so that {@code delta^T Hess delta = -2 s^2 / c2 < 0}.
     */
    static Optional<Witness> of(Dataset data, Weights w, int r, Pivot pv, double rankTol) {
        SingularOps.Svd ns = SingularOps.svd(nMatrix(data, w, r, pv.i(), pv.j()));
        if (ns.top() == 0) {
            return Optional.empty();
        }
        Setup st = new Setup(data, w, pv, rankTol, MatrixOps.column(ns.u(), 0), MatrixOps.column(ns.v(), 0), ns.top());
        List<Witness> found = new ArrayList<>();
        caseS1(st).ifPresent(found::add);
        caseS2(st).ifPresent(found::add);
        return found.stream().filter(x1 -> x1.curvature() < 0).min(Comparator.comparingDouble(Witness::curvature));
    }

    /**
     * What both cases use: the top singular pair {@code (x, z)} of {@code N_ij} with {@code s = x^T N_ij z}, the
     * blocks {@code B = W_{i-1:j+1}}, {@code C_i = W_{i-1:1}}, {@code A_j = W_{H:j+1}}, and the scales of the rank cuts.
     */
    private record Setup(Dataset data, Weights w, Pivot pv, double rankTol, DMatrixRMaj x, DMatrixRMaj z, double s,
                         DMatrixRMaj b, DMatrixRMaj ci, DMatrixRMaj aj, double bScale) {
        Setup(Dataset data, Weights w, Pivot pv, double rankTol, DMatrixRMaj x, DMatrixRMaj z, double s) {
            this(data, w, pv, rankTol, x, z, s, w.product(pv.i() - 1, pv.j() + 1), w.product(pv.i() - 1, 1),
                    w.product(w.depth(), pv.j() + 1),
                    Math.max(prod(w.layerNorms(), pv.j() + 1, pv.i() - 1), Double.MIN_NORMAL));
        }
    }

    /** Case S1, {@code rk B > rk C_i}: a column of {@code B} outside the range of {@code C_i} gives {@code delta_j, delta_i}. */
    private static Optional<Witness> caseS1(Setup st) {
        Weights w = st.w();
        int i = st.pv().i();
        int jj = st.pv().j();
        DMatrixRMaj b = st.b();
        double scaleC = prod(w.layerNorms(), 1, i - 1);
        DMatrixRMaj q = SingularOps.rangeAbove(st.ci(), st.rankTol() * scaleC);
        DMatrixRMaj proj = CommonOps_DDRM.identity(st.ci().numRows);
        CommonOps_DDRM.subtractEquals(proj, MatrixOps.multTransB(q, q));
        DMatrixRMaj pb = MatrixOps.mult(proj, b);
        int best = -1;
        double bestNorm = 0;
        for (int k = 0; k < b.numCols; k++) {
            double nk = MatrixOps.normF(MatrixOps.column(pb, k));
            if (nk > bestNorm) {
                bestNorm = nk;
                best = k;
            }
        }
        if (!(best >= 0 && bestNorm > st.rankTol() * st.bScale())) {
            return Optional.empty();
        }
        DMatrixRMaj y = new DMatrixRMaj(b.numCols, 1);
        y.set(best, 0, 1);
        DMatrixRMaj wv = MatrixOps.mult(b, y);
        DMatrixRMaj pw = MatrixOps.mult(proj, wv);
        DMatrixRMaj g = pw.copy();
        CommonOps_DDRM.scale(1 / MatrixOps.dot(wv, pw), g);
        DMatrixRMaj xb = MatrixOps.multTransA(w.product(jj - 1, 1), st.x()); // (x^T W_{j-1:1})^T
        double c2 = sq(MatrixOps.mult(st.aj(), y)) * dataNorm2(MatrixOps.transpose(xb), st.data().sxx());
        List<DMatrixRMaj> d = zeros(w);
        d.set(i - 1, MatrixOps.multTransB(st.z(), g));
        DMatrixRMaj dj = MatrixOps.multTransB(y, st.x());
        CommonOps_DDRM.scale(step(st.s(), c2), dj);
        d.set(jj - 1, dj);
        return Optional.of(finish("pivot-S1", st.data(), w, Weights.of(d), st.pv()));
    }

    /** Case S2, {@code rk B > rk A_j}: a vector of {@code ker A_j} that {@code B} does not kill gives {@code delta_j, delta_i}. */
    private static Optional<Witness> caseS2(Setup st) {
        Weights w = st.w();
        int i = st.pv().i();
        int jj = st.pv().j();
        int hc = w.depth();
        DMatrixRMaj b = st.b();
        double scaleA = prod(w.layerNorms(), jj + 1, hc);
        DMatrixRMaj ker = SingularOps.nullSpaceAbove(st.aj(), st.rankTol() * scaleA);
        if (ker.numCols == 0) {
            return Optional.empty();
        }
        SingularOps.Svd bs = SingularOps.svd(MatrixOps.mult(b, ker));
        if (!(bs.top() > st.rankTol() * st.bScale())) {
            return Optional.empty();
        }
        DMatrixRMaj y = MatrixOps.mult(ker, MatrixOps.column(bs.v(), 0));
        DMatrixRMaj by = MatrixOps.mult(b, y);
        DMatrixRMaj g = by.copy();
        CommonOps_DDRM.scale(1 / sq(by), g);
        double c2 = sq(MatrixOps.mult(w.product(hc, i + 1), st.z()))
                * dataNorm2(MatrixOps.multTransA(g, st.ci()), st.data().sxx());
        List<DMatrixRMaj> d = zeros(w);
        d.set(jj - 1, MatrixOps.multTransB(y, st.x()));
        DMatrixRMaj di = MatrixOps.multTransB(st.z(), g);
        CommonOps_DDRM.scale(step(st.s(), c2), di);
        d.set(i - 1, di);
        return Optional.of(finish("pivot-S2", st.data(), w, Weights.of(d), st.pv()));
    }

    /**
     * Step {@code t} in {@code delta^T Hess delta = 2 t^2 c2 - 4 t s}: {@code min(1, s/c2)}, which gives
     * {@code -2 s^2/c2} or at most {@code -2 s}, both negative, without blowing up when {@code c2} is (nearly) 0.
     */
    private static double step(double s, double c2) {
        return c2 > s ? s / c2 : 1;
    }

    private static double prod(double[] norms, int from, int to) {
        double p = 1;
        for (int h = from; h <= to; h++) {
            p *= norms[h - 1];
        }
        return p;
    }


    /** {@code ||Z X||_F^2 = tr(Z Sxx Z^T)} for the data's {@code Sxx = X X^T}. */
    private static double dataNorm2(DMatrixRMaj z, DMatrixRMaj sxx) {
        return MatrixOps.dot(MatrixOps.mult(z, sxx), z);
    }
}
