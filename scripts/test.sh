#!/usr/bin/env bash
# The README's test command: installs what it needs, runs every test (JUnit via `mvn verify`), then
# executes the notebooks on a real Java kernel (IJava 1.3.0 when ../shared/ijava-1.3.0 exists, else the fallback
# kernel from Maven Central; the runner says which) and fails when a committed output is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
ensure_java_maven
ensure_native_blas
echo "== mvn verify (unit, property and CLI tests; builds toolkit/target/dlnkit-all.jar)"
mvn -B -ntp verify
if [ -x scripts/run-notebooks.sh ] && ls notebooks/*.ipynb >/dev/null 2>&1; then
  echo "== notebook runner's own tests (stale-output check)"
  . scripts/lib/java-kernel.sh
  ensure_jupyter
  "$JUPYTER_PYTHON" -m unittest discover -s scripts/lib -p 'test_*.py'
  echo "== notebooks on a Java kernel, outputs compared with the committed ones"
  ./scripts/run-notebooks.sh
fi
