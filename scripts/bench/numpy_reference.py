#!/usr/bin/env python3
"""Side-by-side reference for `dlnkit bench`: the same case files, the same workloads, in numpy (and scipy for W2).

Usage: numpy_reference.py [--repeat N] [--json] CASE.json [CASE.json ...]
The workload is read from the file name (bench-w1-*, bench-w2-*, bench-w3-*, bench-w4-*), as written by
`dlnkit bench cases`. Prints one line (or one JSON object) per case: min and median wall time of N repeats after one
warm-up, and the same correctness figure as `dlnkit bench`. Optional: nothing in the build or CI depends on it.

W1: dense Hessian by the same block formula as Loss.hessian (vectorised with kron/einsum) + numpy.linalg.eigvalsh.
W2: scipy.sparse.linalg.eigsh (ARPACK Lanczos) on a numpy HVP: 5 largest ('LA') + the smallest ('SA').
W3: 100 GD runs of 3000 steps batched over a 3-D array (run axis first), eta 0.05, W_h ~ N(0, (0.5/sqrt(d))^2).
W4: the section-12 escape protocol, plain loop: 100 runs, sigma 1e-2, eta 1e-2, threshold 3, at most 20000 epochs.
"""
import json
import os
import re
import statistics
import sys
import time

import numpy as np


def load(path):
    with open(path) as f:
        o = json.load(f)
    if "X" in o:
        x, y = np.array(o["X"], float), np.array(o["Y"], float)
        sxx, syx, syy = x @ x.T, y @ x.T, y @ y.T
    else:
        sxx, syx, syy = (np.array(o[k], float) for k in ("Sxx", "Syx", "Syy"))
    ws = [np.array(w, float) for w in o["W"]] if "W" in o else None
    widths = [ws[0].shape[1]] + [w.shape[0] for w in ws] if ws else list(o["widths"])
    c = 0.5 if o.get("loss", "sum") == "half" else 1.0
    return dict(sxx=sxx, syx=syx, syy=syy, W=ws, widths=widths, c=c)


def prefixes(ws, dx):
    c = [None, np.eye(dx)]
    for w in ws:
        c.append(w @ c[-1])
    return c  # c[h] = W_{h-1:1}, h = 1..H+1


def suffixes(ws, dy):
    hc = len(ws)
    a = [None] * (hc + 1)
    a[hc] = np.eye(dy)
    for h in range(hc, 0, -1):
        a[h - 1] = a[h] @ ws[h - 1]
    return a  # a[h] = W_{H:h+1}


def point_terms(case):
    """What every derivative at the case's point uses: W, Sxx, 2c, widths, H, C_h, A_h, G = P Sxx - Syx, offsets."""
    ws, sxx, f, d = case["W"], case["sxx"], 2 * case["c"], case["widths"]
    hc = len(ws)
    c, a = prefixes(ws, d[0]), suffixes(ws, d[-1])
    g = c[hc + 1] @ sxx - case["syx"]
    sizes = [d[h] * d[h - 1] for h in range(1, hc + 1)]
    off = np.concatenate([[0], np.cumsum(sizes)])
    return ws, sxx, f, d, hc, c, a, g, off


def hessian(case):
    ws, sxx, f, d, hc, c, a, g, off = point_terms(case)
    n = int(off[-1])
    hess = np.empty((n, n))
    for h in range(1, hc + 1):
        cs = c[h] @ sxx
        atg = a[h].T @ g
        for k in range(1, h + 1):
            block = np.kron(a[h].T @ a[k], cs @ c[k].T)
            if k < h:
                inner = np.linalg.multi_dot([np.eye(d[h - 1])] + [ws[m - 1] for m in range(h - 1, k, -1)]) \
                    if h - 1 > k else np.eye(d[h - 1])
                agc = atg @ c[k].T
                block += np.einsum("qr,ps->pqrs", inner, agc).reshape(block.shape)
            block *= f
            hess[off[h - 1]:off[h], off[k - 1]:off[k]] = block
            hess[off[k - 1]:off[k], off[h - 1]:off[h]] = block.T
    return hess


def w1(case):
    ev = np.linalg.eigvalsh(hessian(case))
    return "largest Hessian eigenvalue", ev[-1]


def hvp_operator(case):
    ws, sxx, f, d, hc, c, a, g, off = point_terms(case)
    gct = [None] + [g @ c[h].T for h in range(1, hc + 1)]
    atg = [None] + [a[h].T @ g for h in range(1, hc + 1)]

    def apply(v):
        v = np.asarray(v).ravel()
        delta = [None] + [v[off[h - 1]:off[h]].reshape(d[h], d[h - 1]) for h in range(1, hc + 1)]
        dc = [None, np.zeros((d[0], d[0]))]
        for h in range(1, hc + 1):
            dc.append(delta[h] @ c[h] + ws[h - 1] @ dc[h])
        da = [None] * (hc + 1)
        da[hc] = np.zeros((d[-1], d[-1]))
        for h in range(hc, 0, -1):
            da[h - 1] = a[h] @ delta[h] + da[h] @ ws[h - 1]
        dg = dc[hc + 1] @ sxx
        out = [f * (da[h].T @ gct[h] + (a[h].T @ dg) @ c[h].T + atg[h] @ dc[h].T) for h in range(1, hc + 1)]
        return np.concatenate([o.ravel() for o in out])

    return int(off[-1]), apply


def w2(case):
    from scipy.sparse.linalg import LinearOperator, eigsh
    n, apply = hvp_operator(case)
    op = LinearOperator((n, n), matvec=apply, dtype=float)
    top = eigsh(op, k=5, which="LA", return_eigenvectors=False, tol=1e-10)
    low = eigsh(op, k=1, which="SA", return_eigenvectors=False, tol=1e-10)
    return "largest Hessian eigenvalue", float(np.max(top)), float(np.min(low))


def w3(case, runs=100, steps=3000, eta=0.05, init=0.5):
    d, sxx, syx, syy, c = case["widths"], case["sxx"], case["syx"], case["syy"], case["c"]
    hc = len(d) - 1
    rng = np.random.default_rng(0)
    ws = [rng.standard_normal((runs, d[h], d[h - 1])) * (init / np.sqrt(d[h - 1])) for h in range(1, hc + 1)]
    for _ in range(steps):
        pre = [None, None]
        pre[1] = np.broadcast_to(np.eye(d[0]), (runs, d[0], d[0]))
        for h in range(1, hc + 1):
            pre.append(ws[h - 1] @ pre[h])
        g = pre[hc + 1] @ sxx - syx
        suf = [None] * (hc + 1)
        suf[hc] = np.broadcast_to(np.eye(d[-1]), (runs, d[-1], d[-1]))
        for h in range(hc, 0, -1):
            suf[h - 1] = suf[h] @ ws[h - 1]
        grads = [2 * c * (np.swapaxes(suf[h], 1, 2) @ (g @ np.swapaxes(pre[h], 1, 2))) for h in range(1, hc + 1)]
        for h in range(hc):
            ws[h] -= eta * grads[h]
    p = ws[0]
    for h in range(1, hc):
        p = ws[h] @ p
    loss = c * (np.einsum("rij,jk,rik->r", p, sxx, p) - 2 * np.einsum("rij,ij->r", p, syx) + np.trace(syy))
    return "mean final loss", float(np.mean(loss))


def w4(case, runs=100, sigma=1e-2, eta=1e-2, threshold=3.0, max_epochs=20000):
    sxx, syx, syy, c = case["sxx"], case["syx"], case["syy"], case["c"]
    rng = np.random.default_rng(1)
    tr = np.trace(syy)
    epochs = []
    for _ in range(runs):
        ws = [w + sigma * rng.standard_normal(w.shape) for w in case["W"]]
        for k in range(max_epochs + 1):
            w1_, w2_, w3_ = ws
            p = w3_ @ w2_ @ w1_
            ps = p @ sxx
            loss = c * (np.sum(ps * p) - 2 * np.sum(p * syx) + tr)
            if loss < threshold:
                epochs.append(k)
                break
            g = ps - syx
            g1 = 2 * c * (w2_.T @ w3_.T @ g)
            g2 = 2 * c * (w3_.T @ g @ w1_.T)
            g3 = 2 * c * (g @ (w2_ @ w1_).T)
            ws = [w1_ - eta * g1, w2_ - eta * g2, w3_ - eta * g3]
        else:
            epochs.append(float("inf"))
    return "median escape epoch", float(np.median(epochs))


WORKLOADS = {"w1": w1, "w2": w2, "w3": w3, "w4": w4}


def timed(wl, case, repeat, progress=False):
    """One warm-up, then `repeat` timed runs of workload `wl`: (wall times, figure of the last run)."""
    fn = WORKLOADS[wl]
    fn(case)  # warm-up
    times, fig = [], None
    for i in range(repeat):
        t0 = time.perf_counter()
        fig = fn(case)
        times.append(time.perf_counter() - t0)
        if progress:
            print(f"numpy {wl}: run {i + 1}/{repeat} {times[-1]:.3f} s", file=sys.stderr)
    return times, fig


def main(argv):
    repeat, as_json, files = 3, False, []
    it = iter(argv)
    for a in it:
        if a == "--repeat":
            repeat = int(next(it))
        elif a == "--json":
            as_json = True
        else:
            files.append(a)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    for path in files:
        m = re.search(r"bench-(w[1-4])-", os.path.basename(path))
        if not m:
            print(f"numpy_reference: {path}: cannot tell the workload (expected bench-w1..w4-*.json)", file=sys.stderr)
            return 2
        wl = m.group(1)
        times, fig = timed(wl, load(path), repeat, progress=True)
        res = dict(workload=wl, case=os.path.basename(path), min=min(times), median=statistics.median(times),
                   seconds=times, figure=fig[0], value=fig[1], numpy=np.__version__)
        if as_json:
            print(json.dumps(res))
        else:
            print(f"{wl} on {res['case']}: min {res['min']:.4f} s, median {res['median']:.4f} s; {fig[0]} = {fig[1]:.10g}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
