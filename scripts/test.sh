#!/usr/bin/env bash
# The README's test command: installs what it needs, runs every test (JUnit via `mvn verify`), then
# executes the notebooks on a real Java kernel when the notebook runner is present.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
ensure_java_maven
ensure_native_blas
echo "== mvn verify (unit, property and CLI tests; builds toolkit/target/dlnkit-all.jar)"
mvn -B -ntp verify
if [ -x scripts/run-notebooks.sh ] && ls notebooks/*.ipynb >/dev/null 2>&1; then
  echo "== notebooks on a Java kernel"
  ./scripts/run-notebooks.sh
fi
