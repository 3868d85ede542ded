#!/usr/bin/env bash
# The README's main-job command: builds the jar, runs a CLI demo on the shipped worked examples and, when the
# notebook runner is present, executes every notebook on a Java kernel and renders HTML into notebooks/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
ensure_java_maven
ensure_native_blas
echo "== building toolkit/target/dlnkit-all.jar"
mvn -B -ntp -q package -DskipTests
echo "== demo: worked example E4 of Achour et al. (strict saddle, min Hessian eigenvalue -4 sqrt 2)"
bin/dlnkit eval --case examples/e4.json --hessian
if [ -x scripts/run-notebooks.sh ] && ls notebooks/*.ipynb >/dev/null 2>&1; then
  echo "== notebooks"
  ./scripts/run-notebooks.sh --html
fi
