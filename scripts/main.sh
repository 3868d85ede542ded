#!/usr/bin/env bash
# The README's main-job command: builds the jar, runs a CLI demo on the shipped worked examples and, when the
# notebook runner is present, executes every notebook on a Java kernel (checking the committed outputs) and renders HTML into
# docs/notebooks/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
ensure_java_maven
ensure_native_blas
echo "== building toolkit/target/dlnkit-all.jar"
. scripts/lib/mvn-quiet.sh
mvn_quiet package -DskipTests
echo "== demo: worked example E4 of Achour et al. (strict saddle, min Hessian eigenvalue -4 sqrt 2)"
bin/dlnkit eval --case examples/e4.json --hessian
echo "== demo: Theorem 7 on example A (same ranks as A', different class)"
bin/dlnkit classify --case examples/a.json --hessian
echo "== demo: Figs 3-4 of Achour et al. (section-12 protocol, 100 runs from each saddle; figure in notebooks/out/)"
mkdir -p notebooks/out
bin/dlnkit escape --case examples/protocol-strict.json --compare examples/protocol-nonstrict.json \
  --sigma 1e-2 --runs 100 --threshold 3 --png notebooks/out/fig4-escape.png
if [ -x scripts/run-notebooks.sh ] && ls notebooks/*.ipynb >/dev/null 2>&1; then
  echo "== notebooks"
  ./scripts/run-notebooks.sh --html
fi
