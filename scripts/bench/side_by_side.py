#!/usr/bin/env python3
"""Runs `dlnkit bench` and numpy_reference.py on the same case files, one after the other on this machine, and
prints a markdown table: min wall time of each, ratio numpy / dlnkit, and both correctness figures.

Usage: side_by_side.py [--repeat N] [--jar toolkit/target/dlnkit-all.jar] [--java-opt OPT] [CASE.json ...]
(default cases: examples/bench-w1-*.json, bench-w2-*.json, bench-w3-32.json, bench-w4-*.json). Optional tool:
needs python3 with numpy (and scipy for W2); nothing in the build or CI depends on it.
"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_reference as ref  # noqa: E402


def main(argv):
    repeat, jar, java_opts, files = 3, "toolkit/target/dlnkit-all.jar", [], []
    it = iter(argv)
    for a in it:
        if a == "--repeat":
            repeat = int(next(it))
        elif a == "--jar":
            jar = next(it)
        elif a == "--java-opt":
            java_opts.append(next(it))
        else:
            files.append(a)
    if not files:
        files = sorted(glob.glob("examples/bench-w1-*.json"), key=lambda f: int(re.findall(r"\d+", f)[-1])) \
            + sorted(glob.glob("examples/bench-w2-*.json"), key=lambda f: int(re.findall(r"\d+", f)[-1])) \
            + ["examples/bench-w3-32.json"] + sorted(glob.glob("examples/bench-w4-*.json"))
    print("| workload | case | n | dlnkit min (s) | numpy min (s) | numpy / dlnkit | dlnkit figure | numpy figure |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for f in files:
        wl = re.search(r"bench-(w[1-5])-", os.path.basename(f)).group(1)
        out = subprocess.run(["java", *java_opts, "-jar", jar, "bench", wl, "--case", f, "--repeat", str(repeat),
                              "--json"], capture_output=True, text=True, check=True).stdout
        j = json.loads(out)["result"]
        times, fig = ref.timed(wl, ref.load(f), repeat)
        nmin = min(times)
        print(f"| {wl} | {os.path.basename(f)} | {j['n']} | {j['min']:.4f} | {nmin:.4f} | {nmin / j['min']:.2f} | "
              f"{j['value']:.10g} | {fig[1]:.10g} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
