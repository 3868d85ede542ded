#!/usr/bin/env python3
"""dlnkit against the strongest numpy formulation we know, on the same seeded case files, in one run (issue 20).

Usage: side_by_side.py [--rounds R] [--repeat N] [--jar toolkit/target/dlnkit-all.jar] [--baseline OLD.jar]
                       [--baseline-env keep|unset]
                       [--java-opt OPT] [--env unset|keep] [--warmup SECONDS] [--json FILE] [CASE.json ...]
(default cases: examples/bench-w1-*.json, bench-w2-*.json, bench-w3-32.json, bench-w4-*.json).

Per case, R rounds alternate the two sides (dlnkit first in even rounds, numpy first in odd ones): `dlnkit bench`
in its own JVM (untimed warm-up runs, see below, then N timed runs), then N timed runs in a long-lived numpy worker
process; with --baseline, an older jar is timed the same way in each round (before / after in one
run; by default the older jar runs with the environment as the machine sets it, since before issue 20 dlnkit bound
Debian's OpenBLAS 0.3.21, which needs OPENBLAS_CORETYPE on this processor; --baseline-env unset gives it the
environment of the other two sides, for a baseline that already binds the bundled OpenBLAS 0.3.31). The table gives the minimum and median over all R x N runs of each side, the ratio
dlnkit / numpy of the minima (below 1: dlnkit is faster), the achieved GFLOP/s of each side and the agreement of
the figures: the largest relative difference, to the scale max |lambda|, over the eigenvalues both sides report
(W1: min and max; W2: the top 5 and the min) or, for W3/W4, of the figure itself, with `ok` when it is within 1e-10
(W4's figure is a median epoch: compared exactly).

The numpy side (numpy/scipy with their bundled OpenBLAS, its default 2 threads on this machine):
* W1: the dense Hessian by the closed-form blocks (kron/einsum, numpy_reference.hessian) + numpy.linalg.eigvalsh
  (LAPACK dsyevd). GFLOP/s: 4 n^3 / 3 (the tridiagonal reduction) over the wall time.
* W2: scipy.sparse.linalg.eigsh (ARPACK) with which='LA', k=5, then which='SA', k=1, tol=1e-8, on a closed-form HVP
  whose products skip the identity factors (8H - 7 products) and write into work arrays allocated once.
  GFLOP/s: HVP count x useful HVP flops (2 d^3 per d x d product, the same count for both sides) over the wall time.
* W3: the 100 GD runs stacked as (runs, d, d) arrays, split over 2 processes of 50 runs (one per core), gradients by
  back-propagation as dlnkit's GdKernel takes them (7 products per step at H = 3), products into preallocated arrays;
  the starts are dlnkit's (SplittableRandom(i), Box-Muller), so the figure is comparable.
* W4: the section-12 protocol with the 100 runs stacked, escaped runs dropped as they cross the threshold; the
  perturbations are dlnkit's (java.util.Random streams seeded as EscapeExperiment), so the median epoch is comparable.

OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from the environment of both sides (--env unset, the default): numpy's
OpenBLAS 0.3.31 and the one dlnkit binds (the same release, shaded into its jar from org.bytedeco:openblas) pick
their own kernels for the processor; --env keep leaves the variables as the machine sets them.

Warm-up: every dlnkit JVM first runs the workload untimed for at least WARMUP seconds (`bench --warmup 1
--warmup-time WARMUP`, default 5 s), so that the JIT has compiled the hot code of millisecond workloads and the heap
has been touched once (a first touch of memory costs about 11 microseconds per 4 KB page on this VM); the numpy
worker warms up the same way on its first request for a case. The table gives dlnkit's count of warm-up runs.
Optional tool: needs python3 with numpy and scipy; nothing in the build or CI depends on it.
"""
import datetime
import glob
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORCED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
W3_RUNS, W3_STEPS, W3_ETA, W3_INIT = 100, 3000, 0.05, 0.5
W4_RUNS, W4_SIGMA, W4_ETA, W4_THRESHOLD, W4_MAX_EPOCHS = 100, 1e-2, 1e-2, 3.0, 20000
AGREEMENT = 1e-10


# ---------------------------------------------------------------- dlnkit's random streams, bit for bit
MASK64 = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom(seed): nextLong / nextDouble (SplitMix64 with the golden gamma)."""
    GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.seed = seed & MASK64

    @staticmethod
    def _mix64(z):
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_long_unsigned(self):
        self.seed = (self.seed + self.GAMMA) & MASK64
        return self._mix64(self.seed)

    def next_long(self):
        v = self.next_long_unsigned()
        return v - (1 << 64) if v >= 1 << 63 else v

    def next_double(self):
        return (self.next_long_unsigned() >> 11) * 2.0 ** -53


class JavaRandom:
    """java.util.Random(seed): the 48-bit LCG, nextDouble and the polar nextGaussian."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)
        self.spare = None

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * 2.0 ** -53

    def next_gaussian(self):
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        mul = math.sqrt(-2 * math.log(s) / s)
        self.spare = v2 * mul
        return v1 * mul


def w3_start(widths, run):
    """bench.Workload.initW3: W_h ~ N(0, (0.5 / sqrt(d_{h-1}))^2) from SplittableRandom(run), Box-Muller."""
    import numpy as np
    rng = SplittableRandom(run)
    out = []
    for h in range(1, len(widths)):
        s = W3_INIT / math.sqrt(widths[h - 1])
        vals = []
        for _ in range(widths[h] * widths[h - 1]):
            u = 1 - rng.next_double()
            v = rng.next_double()
            vals.append(s * (math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)))
        out.append(np.array(vals).reshape(widths[h], widths[h - 1]))
    return out


def w4_perturbations(shapes, runs=W4_RUNS, seed=1):
    """EscapeExperiment: run i's perturbation is Weights.gaussian(arch, 1, s_i), s_i the i-th SplittableRandom(1) long."""
    import numpy as np
    root = SplittableRandom(seed)
    res = []
    for _ in range(runs):
        rng = JavaRandom(root.next_long())
        res.append([np.array([rng.next_gaussian() for _ in range(r * c)]).reshape(r, c) for r, c in shapes])
    return res


# ---------------------------------------------------------------- the numpy side (runs in the worker process)
def hvp_flops(widths):
    """Useful flops of one HVP: 2 a b c per (a x b)(b x c) product of the identity-free closed form below."""
    d, hc = widths, len(widths) - 1
    dx, dy = d[0], d[-1]
    f = 0.0
    for h in range(2, hc + 1):
        f += 2 * d[h] * d[h - 1] * dx + 2 * d[h] * d[h - 1] * dx          # delta_h C_h, W_h dC_h
    for h in range(1, hc):
        f += 2 * dy * d[h] * d[h - 1] + 2 * dy * d[h] * d[h - 1]          # A_h delta_h, dA_h W_h
    f += 2 * dy * dx * dx                                                 # dC_{H+1} Sxx
    for h in range(1, hc + 1):
        if h < hc:
            f += 2 * d[h] * dy * d[h - 1]                                 # dA_h^T (G C_h^T)
            f += 2 * d[h] * dy * dx                                       # A_h^T dG
        if h > 1:
            f += 2 * d[h] * dx * d[h - 1] * 2                             # (A_h^T dG) C_h^T, (A_h^T G) dC_h^T
    return f


class Hvp:
    """Closed-form HVP with every work array allocated once; identity factors (C_1, A_H) and zero terms skipped."""

    def __init__(self, case):
        import numpy as np
        import numpy_reference as ref
        ws, sxx, f, d, hc, c, a, g, off = ref.point_terms(case)
        self.np, self.ws, self.sxx, self.f, self.d, self.hc, self.c, self.a, self.off = np, ws, sxx, f, d, hc, c, a, off
        self.n = int(off[-1])
        self.gct = [None] + [np.ascontiguousarray(g @ c[h].T) for h in range(1, hc + 1)]
        # (A_h^T G) dC_h^T is taken as (G^T A_h)^T dC_h^T: OpenBLAS's row-major X Y^T is ~1.8x slower than the other
        # three forms at 64 x 64 (the same rewrite dlnkit's HessianVectorProduct makes)
        self.gta = [None] + [np.ascontiguousarray(g.T @ a[h]) for h in range(1, hc + 1)]
        self.at = [None] + [np.ascontiguousarray(a[h].T) for h in range(1, hc + 1)]
        self.ct = [None] + [np.ascontiguousarray(c[h].T) for h in range(1, hc + 1)]
        dx, dy = d[0], d[-1]
        self.dc = [None, None] + [np.empty((d[h - 1], dx)) for h in range(2, hc + 2)]
        self.da = [np.empty((dy, d[h])) for h in range(hc + 1)]
        self.tmp_c = [None] + [np.empty((d[h - 1], dx)) for h in range(1, hc + 2)]
        self.tmp_a = [np.empty((dy, d[h])) for h in range(hc + 1)]
        self.dg = np.empty((dy, dx))
        self.atdg = [None] + [np.empty((d[h], dx)) for h in range(1, hc + 1)]
        self.tmp_o = [None] + [np.empty((d[h], d[h - 1])) for h in range(1, hc + 1)]
        self.out = np.empty(self.n)
        self.calls = 0

    def __call__(self, v):
        np, d, hc, off, ws = self.np, self.d, self.hc, self.off, self.ws
        self.calls += 1
        v = np.asarray(v).ravel()
        delta = [None] + [v[off[h - 1]:off[h]].reshape(d[h], d[h - 1]) for h in range(1, hc + 1)]
        out = self.out
        res = [None] + [out[off[h - 1]:off[h]].reshape(d[h], d[h - 1]) for h in range(1, hc + 1)]
        dc, da = self.dc, self.da
        dc[2] = delta[1]  # dC_2 = delta_1 C_1 = delta_1
        for h in range(2, hc + 1):
            np.matmul(delta[h], self.c[h], out=self.tmp_c[h + 1])
            np.matmul(ws[h - 1], dc[h], out=dc[h + 1])
            dc[h + 1] += self.tmp_c[h + 1]
        da[hc - 1] = delta[hc]  # dA_{H-1} = A_H delta_H = delta_H
        for h in range(hc - 1, 0, -1):
            np.matmul(self.a[h], delta[h], out=self.tmp_a[h - 1])
            np.matmul(da[h], ws[h - 1], out=da[h - 1])
            da[h - 1] += self.tmp_a[h - 1]
        np.matmul(dc[hc + 1], self.sxx, out=self.dg)
        for h in range(1, hc + 1):
            r = res[h]
            if h < hc:
                np.matmul(da[h].T, self.gct[h], out=r)
                np.matmul(self.at[h], self.dg, out=self.atdg[h])
                atdg = self.atdg[h]
            else:
                atdg = self.dg  # A_H = I
            if h > 1:
                if h < hc:
                    np.matmul(atdg, self.ct[h], out=self.tmp_o[h])
                    r += self.tmp_o[h]
                else:
                    np.matmul(atdg, self.ct[h], out=r)
                np.matmul(self.gta[h].T, dc[h].T, out=self.tmp_o[h])
                r += self.tmp_o[h]
            else:
                r += atdg  # C_1 = I; dC_1 = 0
        out *= self.f
        return out


def np_w1(case):
    import numpy as np
    import numpy_reference as ref
    ev = np.linalg.eigvalsh(ref.hessian(case))
    n = len(ev)
    return dict(values=[float(ev[0]), float(ev[-1])], figure=float(ev[-1]), flops=4 * n ** 3 / 3)


def np_w2(case, state):
    from scipy.sparse.linalg import LinearOperator, eigsh
    key = "hvp:" + case["path"]
    if key not in state:
        state[key] = Hvp(case)
    op = state[key]
    op.calls = 0
    lin = LinearOperator((op.n, op.n), matvec=op, dtype=float)
    top = eigsh(lin, k=5, which="LA", return_eigenvectors=False, tol=1e-8)
    low = eigsh(lin, k=1, which="SA", return_eigenvectors=False, tol=1e-8)
    top = sorted((float(x) for x in top), reverse=True)
    return dict(values=top + [float(low[0])], figure=top[0], hvps=op.calls,
                flops=op.calls * hvp_flops(case["widths"]))


def _w3_chunk(args):
    """GD on a stack of runs, gradients by back-propagation on the transposes, as dlnkit's GdKernel takes them at
    equal widths (route BACKWARD): C_{h+1} = W_h C_h, P^T = C_H^T W_H^T, G^T = Sxx^T P^T - Syx^T, B_H^T = G^T,
    B_{h-1}^T = B_h^T W_h, grad_h ~ (B_h^T)^T C_h^T, grad_1 ~ W_2^T (B_2^T)^T: no product of the form X Y^T, which
    OpenBLAS runs ~1.4x slower at 32 x 32 (numpy passes the transposed stacks to dgemm as transposed operands); the
    step 2 c eta scales G^T once. Unlike dlnkit it computes no loss value per step (dlnkit's GD checks it for
    divergence and its stopping rule). Returns the final losses."""
    import numpy as np
    sxx, syx, trsyy, c, starts, steps, eta = args
    hc = len(starts)
    ws = [np.array(s, dtype=float, order="C") for s in starts]  # (r, d_h, d_{h-1}); a copy: GD updates it in place
    r = ws[0].shape[0]
    dy, dx = syx.shape
    syx_t = np.ascontiguousarray(syx.T)
    pre = [None, None, None] + [np.empty((r, ws[h - 1].shape[1], dx)) for h in range(2, hc)]  # pre[h] = C_h, 3..H
    pt, gt = np.empty((r, dx, dy)), np.empty((r, dx, dy))
    back_t = [None] + [np.empty((r, dx, w.shape[1])) for w in ws[:-1]] + [gt]  # back_t[h] = B_h^T: (r, d_x, d_h)
    grad = [np.empty_like(w) for w in ws]
    two_c_eta = 2 * c * eta
    for _ in range(steps):
        if hc == 1:  # grad_1 ~ G = W_1 Sxx - Syx: no transposes needed
            np.matmul(ws[0], sxx, out=grad[0])
            grad[0] -= syx
            grad[0] *= two_c_eta
        else:
            pre[2] = ws[0]
            for h in range(2, hc):
                np.matmul(ws[h - 1], pre[h], out=pre[h + 1])
            np.matmul(pre[hc].transpose(0, 2, 1), ws[hc - 1].transpose(0, 2, 1), out=pt)
            np.matmul(sxx.T, pt, out=gt)  # Sxx^T P^T: a transposed operand, as dlnkit's X^T Y
            gt -= syx_t
            gt *= two_c_eta  # every B_h^T and gradient is linear in G: one scaling pass instead of one per layer
        for h in range(hc, 1, -1):
            np.matmul(back_t[h].transpose(0, 2, 1), pre[h].transpose(0, 2, 1), out=grad[h - 1])
            if h > 2:
                np.matmul(back_t[h], ws[h - 1], out=back_t[h - 1])
            else:
                np.matmul(ws[1].transpose(0, 2, 1), back_t[2].transpose(0, 2, 1), out=grad[0])
        for h in range(hc):
            ws[h] -= grad[h]
    p = ws[0]
    for h in range(1, hc):
        p = ws[h] @ p
    loss = c * (np.einsum("rij,jk,rik->r", p, sxx, p) - 2 * np.einsum("rij,ij->r", p, syx) + trsyy)
    return loss.tolist()


def np_w3(case, state):
    import numpy as np
    d = case["widths"]
    key = "w3:" + case["path"]
    if key not in state:
        import multiprocessing as mp
        starts = [w3_start(d, i) for i in range(W3_RUNS)]
        state[key] = [np.stack([s[h] for s in starts]) for h in range(len(d) - 1)]
        state.setdefault("pool", mp.get_context("fork").Pool(2))
    stacks = state[key]
    half = W3_RUNS // 2
    args = [(case["sxx"], case["syx"], float(np.trace(case["syy"])), case["c"], [s[a:b] for s in stacks], W3_STEPS,
             W3_ETA) for a, b in ((0, half), (half, W3_RUNS))]
    losses = sum(state["pool"].map(_w3_chunk, args), [])
    return dict(figure=float(np.mean(losses)), flops=W3_RUNS * W3_STEPS * gd_flops(d))


def gd_flops(d):
    """dynamics.GdKernel.flopsPerStep: flops of one value-and-gradient step on the cheaper order of the products."""
    hc, dx, dy = len(d) - 1, d[0], d[-1]
    forward = 2.0 * dy * dx * dx + sum(2.0 * d[h] * d[h - 1] * dx for h in range(2, hc + 1))
    backward = sum(4.0 * d[h - 1] * d[h] * dx for h in range(2, hc + 1))
    suffix = 0.0
    for h in range(1, hc + 1):
        if h > 1:
            suffix += 2.0 * dy * dx * d[h - 1]
        if h < hc:
            suffix += 2.0 * d[h] * dy * d[h - 1]
        if h + 1 < hc:
            suffix += 2.0 * dy * d[h + 1] * d[h]
    if suffix < backward:
        raise SystemExit("W3 case %s: dlnkit takes the suffix route here; this script implements back-propagation only"
                         % (d,))
    return forward + backward


def np_w4(case, state):
    import numpy as np
    key = "w4:" + case["path"]
    if key not in state:
        pert = w4_perturbations([w.shape for w in case["W"]])
        state[key] = [np.stack([w + W4_SIGMA * p[h] for p in pert]) for h, w in enumerate(case["W"])]
    ws = [x.copy() for x in state[key]]
    sxx, syx, c = case["sxx"], case["syx"], case["c"]
    tr = float(np.trace(case["syy"]))
    epochs = np.full(W4_RUNS, np.inf)
    alive = np.arange(W4_RUNS)
    for k in range(W4_MAX_EPOCHS + 1):
        w1, w2, w3 = ws
        w21 = w2 @ w1
        p = w3 @ w21
        ps = p @ sxx
        loss = c * (np.einsum("rij,rij->r", ps, p) - 2 * np.einsum("rij,ij->r", p, syx) + tr)
        below = loss < W4_THRESHOLD
        if below.any():
            epochs[alive[below]] = k
            keep = ~below
            alive = alive[keep]
            if alive.size == 0:
                break
            ws = [w[keep] for w in ws]
            w1, w2, w3, w21, ps = ws[0], ws[1], ws[2], w21[keep], ps[keep]
        if k == W4_MAX_EPOCHS:
            break
        g = (ps - syx) * (2 * c * W4_ETA)
        w3t = w3.transpose(0, 2, 1)
        g1 = w2.transpose(0, 2, 1) @ (w3t @ g)
        g2 = w3t @ g @ w1.transpose(0, 2, 1)
        g3 = g @ w21.transpose(0, 2, 1)
        ws = [w1 - g1, w2 - g2, w3 - g3]
    return dict(figure=float(np.median(epochs)))


def worker():
    """Long-lived numpy side: one JSON request per line on stdin, one JSON answer per line on stdout."""
    sys.path.insert(0, HERE)
    import numpy as np
    import numpy_reference as ref
    cases, state = {}, {}
    fns = {"w1": lambda c, s: np_w1(c), "w2": np_w2, "w3": np_w3, "w4": np_w4}
    for line in sys.stdin:
        req = json.loads(line)
        path, wl = req["case"], req["workload"]
        if path not in cases:
            cases[path] = ref.load(path)
            cases[path]["path"] = path
        t_warm = time.perf_counter()
        for k in range(10 ** 6):
            if k >= 1 and time.perf_counter() - t_warm >= req.get("warmup_seconds", 0):
                break
            fns[wl](cases[path], state)  # untimed warm-up
        times, res = [], None
        for _ in range(req["repeat"]):
            t0 = time.perf_counter()
            res = fns[wl](cases[path], state)
            times.append(time.perf_counter() - t0)
        cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        res.update(times=times, numpy=np.__version__, blas=cfg.get("openblas configuration", cfg.get("version")))
        print(json.dumps(res), flush=True)
    if "pool" in state:
        state["pool"].close()


# ---------------------------------------------------------------- the driver
def dlnkit_run(jar, java_opts, wl, path, repeat, warmup_seconds, env):
    cmd = ["java", *java_opts, "-jar", jar, "bench", wl, "--case", path, "--repeat", str(repeat), "--json"]
    run = subprocess.run(cmd + ["--warmup", "1", "--warmup-time", str(warmup_seconds)], capture_output=True, text=True,
                         env=env)
    if run.returncode == 2 and "--warmup-time" in run.stderr:  # a jar from before --warmup-time (--baseline)
        run = subprocess.run(cmd + ["--warmup", "20"], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise SystemExit(f"dlnkit bench failed ({' '.join(cmd)}): {run.stderr.strip()}")
    out = run.stdout
    j = json.loads(out)["result"]
    flops = j["gflops"] * 1e9 * j["min"] if j.get("gflops") else 0  # bench reports GFLOP/s of its best run
    res = dict(times=j["seconds"], figure=j["value"], n=j["n"], backend=j.get("backend"), flops=flops,
               warmup=j.get("warmup"),
               blas=json.loads(out).get("blas", "?"))
    note = j.get("note", "")
    if wl == "w1":
        res["values"] = [float(re.search(r"min (\S+),", note).group(1)), j["value"]]
        res["flops"] = 4 * j["n"] ** 3 / 3
    elif wl == "w2":
        top = [float(x) for x in re.search(r"top-\d+ \[([^\]]*)\]", note).group(1).split(",")]
        res["values"] = top + [float(re.search(r"min (\S+),", note).group(1))]
        res["hvps"] = int(re.search(r"(\d+) HVPs", note).group(1))
        m = re.search(r"HVP time (\S+) s", note)
        res["hvp_seconds"] = float(m.group(1)) if m else None
    return res


def agreement(wl, a, b):
    if "values" in a and "values" in b:
        scale = max(1.0, max(abs(x) for x in a["values"] + b["values"]))
        return max(abs(x - y) for x, y in zip(a["values"], b["values"])) / scale
    if wl == "w4":
        return abs(a["figure"] - b["figure"])
    return abs(a["figure"] - b["figure"]) / max(abs(a["figure"]), abs(b["figure"]), 1e-300)


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{platform.node()}: {os.cpu_count()} cores ({model}), Linux {platform.release()}, {java}"


def default_cases():
    key = lambda f: int(re.findall(r"\d+", os.path.basename(f))[-1])  # noqa: E731
    return sorted(glob.glob("examples/bench-w1-*.json"), key=key) + sorted(glob.glob("examples/bench-w2-*.json"), key=key) \
        + ["examples/bench-w3-32.json"] + sorted(glob.glob("examples/bench-w4-*.json"))


def main(argv):
    if argv[:1] == ["--worker"]:
        worker()
        return 0
    rounds, repeat, jar, java_opts, files, np_env, json_out = 3, 3, "toolkit/target/dlnkit-all.jar", [], [], "unset", None
    baseline, warmup, baseline_env = None, 5.0, "keep"
    it = iter(argv)
    for a in it:
        if a == "--rounds":
            rounds = int(next(it))
        elif a == "--repeat":
            repeat = int(next(it))
        elif a == "--jar":
            jar = next(it)
        elif a == "--baseline":
            baseline = next(it)
        elif a == "--baseline-env":
            baseline_env = next(it)
            if baseline_env not in ("keep", "unset"):
                print(f"side_by_side.py: --baseline-env: found {baseline_env!r}, expected keep or unset", file=sys.stderr)
                return 2
        elif a == "--java-opt":
            java_opts.append(next(it))
        elif a == "--env":
            np_env = next(it)
        elif a == "--warmup":
            warmup = float(next(it))
        elif a == "--json":
            json_out = next(it)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            files.append(a)
    files = files or default_cases()
    if json_out and any(os.path.realpath(json_out) == os.path.realpath(x) for x in files + [jar, baseline or ""]):
        print(f"side_by_side.py: --json {json_out} is an input of this run; expected a new file", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if np_env == "unset":
        for k in FORCED_ENV:
            env.pop(k, None)
    numpy = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)

    def np_run(wl, path, warmup_seconds):
        numpy.stdin.write(json.dumps(dict(workload=wl, case=path, repeat=repeat, warmup_seconds=warmup_seconds)) + "\n")
        numpy.stdin.flush()
        return json.loads(numpy.stdout.readline())

    start = datetime.datetime.now(datetime.timezone.utc)
    load0 = os.getloadavg()
    rows = []
    for path in files:
        wl = re.search(r"bench-(w[1-4])-", os.path.basename(path)).group(1)
        dl, nu, old = [], [], []
        for r in range(rounds):
            steps = [lambda: dl.append(dlnkit_run(jar, java_opts, wl, path, repeat, warmup, env)),
                     lambda: nu.append(np_run(wl, path, warmup if r == 0 else 0))]
            if baseline:
                # the older jar may bind Debian's OpenBLAS 0.3.21, which needs the machine's forced variables
                benv = None if baseline_env == "keep" else env
                steps.append(lambda: old.append(dlnkit_run(baseline, java_opts, wl, path, repeat, warmup, benv)))
            for k in range(len(steps)):
                steps[(k + r) % len(steps)]()  # rotate who goes first
            print(f"{os.path.basename(path)} round {r + 1}/{rounds}: dlnkit {min(dl[-1]['times']):.4f} s, "
                  f"numpy {min(nu[-1]['times']):.4f} s" + (f", baseline {min(old[-1]['times']):.4f} s" if old else "")
                  + f", load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        dt = [t for x in dl for t in x["times"]]
        nt = [t for x in nu for t in x["times"]]
        row = dict(workload=wl, case=os.path.basename(path), n=dl[-1]["n"], warmup=dl[-1]["warmup"], dlnkit_min=min(dt),
                   dlnkit_median=statistics.median(dt), numpy_min=min(nt), numpy_median=statistics.median(nt),
                   ratio=min(dt) / min(nt), dlnkit_gflops=dl[-1]["flops"] / min(dt) / 1e9 if dl[-1]["flops"] else None,
                   numpy_gflops=nu[-1].get("flops", 0) / min(nt) / 1e9 if nu[-1].get("flops") else None,
                   dlnkit_figure=dl[-1]["figure"], numpy_figure=nu[-1]["figure"],
                   agreement=agreement(wl, dl[-1], nu[-1]), dlnkit_hvps=dl[-1].get("hvps"),
                   numpy_hvps=nu[-1].get("hvps"), hvp_seconds=dl[-1].get("hvp_seconds"))
        if old:
            ot = [t for x in old for t in x["times"]]
            row.update(before_min=min(ot), before_median=statistics.median(ot), before_ratio=min(ot) / min(nt),
                       before_hvps=old[-1].get("hvps"), before_agreement=agreement(wl, old[-1], nu[-1]))
        if wl == "w2":  # dlnkit's HVP GFLOP/s counted like numpy's, per HVP
            f = hvp_flops(_widths(path))
            row["dlnkit_gflops"] = row["dlnkit_hvps"] * f / min(dt) / 1e9
            row["hvp_flops"] = f
        rows.append(row)
    numpy.stdin.close()
    numpy.wait()
    end = datetime.datetime.now(datetime.timezone.utc)
    meta = dict(date=start.strftime("%Y-%m-%d %H:%M") + "-" + end.strftime("%H:%M UTC"), machine=machine(),
                load=f"{load0[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (1-minute load average)",
                numpy=f"numpy {nu[-1]['numpy']}, {nu[-1]['blas']}",
                dlnkit=f"{jar} ({dl[-1]['backend']}; {dl[-1]['blas']})",
                env=("both sides without " if np_env == "unset" else "both sides with ") + "/".join(FORCED_ENV),
                rounds=rounds, repeat=repeat, baseline=baseline)
    print(f"Side by side, {meta['date']}; {meta['machine']}; load {meta['load']}; {rounds} rounds x {repeat} runs "
          f"per side, alternating, after the warm-up runs of the table; dlnkit: {meta['dlnkit']}; numpy: {meta['numpy']}; "
          f"{meta['env']}.\n")
    b = bool(baseline)
    print(("| workload | case | n | warm-up | before min (median) s | before / numpy " if b else "| workload | case | n | warm-up ")
          + "| dlnkit min (median) s | numpy min (median) s | dlnkit / numpy | GFLOP/s dlnkit / numpy "
          "| HVPs dlnkit / numpy | agreement |")
    print("| --- " * (12 if b else 10) + "|")
    for r in rows:
        gf = "-" if r["dlnkit_gflops"] is None else f"{r['dlnkit_gflops']:.3g} / {r['numpy_gflops']:.3g}"
        hv = f"{r['dlnkit_hvps']} / {r['numpy_hvps']}" if r["dlnkit_hvps"] else "-"
        ok = r["agreement"] == 0 if r["workload"] == "w4" else r["agreement"] <= AGREEMENT
        ag = (f"{r['dlnkit_figure']:g} / {r['numpy_figure']:g}" if r["workload"] == "w4" else f"{r['agreement']:.1e}") \
            + (" ok" if ok else " DIFFERS")
        before = f"{r['before_min']:.4f} ({r['before_median']:.4f}) | {r['before_ratio']:.2f} | " if b else ""
        print(f"| {r['workload'].upper()} | {r['case']} | {r['n']:,} | {r['warmup']} | {before}{r['dlnkit_min']:.4f} ({r['dlnkit_median']:.4f}) "
              f"| {r['numpy_min']:.4f} ({r['numpy_median']:.4f}) | {r['ratio']:.2f} | {gf} | {hv} | {ag} |")
    if json_out:  # strict JSON (no NaN), written to a temporary file beside it and renamed into place
        tmp = json_out + ".tmp"
        with open(tmp, "w") as f:
            json.dump(dict(meta=meta, rows=rows), f, indent=1, allow_nan=False)
        os.replace(tmp, json_out)
    return 0


def _widths(path):
    sys.path.insert(0, HERE)
    import numpy_reference as ref
    return ref.load(path)["widths"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
