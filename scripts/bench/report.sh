#!/usr/bin/env bash
# Writes the performance report into docs/perf/: scaling series with fitted exponents and the log-log chart
# (dlnkit bench report), every shipped workload (dlnkit bench all, native and pure Java), and, when python3 has
# numpy (+ scipy for W2), the side-by-side table against numpy on the same case files. Takes several minutes.
# Usage: scripts/bench/report.sh [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/../.."
repeat=3
if [ "${1:-}" = "--repeat" ]; then repeat="$2"; fi
out=docs/perf
mkdir -p "$out"
. scripts/lib/mvn-quiet.sh
mvn_quiet package -DskipTests
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
echo "== scaling report" >&2
bin/dlnkit bench report --out "$out" --repeat "$repeat"
echo "== all workloads, native" >&2
bin/dlnkit bench all --repeat "$repeat" --json > "$out/bench-all-native.json"
echo "== all workloads, pure Java" >&2
bin/dlnkit bench all --repeat 1 --warmup 0 --pure-java --json > "$out/bench-all-pure-java.json"
if python3 -c 'import numpy, scipy' 2>/dev/null; then
  echo "== side by side with numpy" >&2
  python3 scripts/bench/side_by_side.py --repeat "$repeat" > "$out/side-by-side.md"
  cat "$out/side-by-side.md"
else
  echo "python3 with numpy and scipy not found: no side-by-side table" >&2
fi
