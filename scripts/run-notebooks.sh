#!/usr/bin/env bash
# Executes every notebooks/NN-*.ipynb on a real Java kernel (kernelspec "java") into notebooks/out/, and with
# --html renders HTML with the figures there too. Fails on any error output, on a chart cell without an image, or
# on a kernel that hangs after retries. Installs what it needs (Jupyter from Debian's packages, the Java kernel from
# Maven Central) and builds toolkit/target/dlnkit-all.jar when missing.
#
#   scripts/run-notebooks.sh [--html] [--timeout S] [--start-timeout S] [--retries N] [notebooks/01-x.ipynb ...]
#   scripts/run-notebooks.sh --install-user   # also install the CI kernel as your own "java" kernel, then exit
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
. scripts/lib/java-kernel.sh
ensure_java_maven >/dev/null
ensure_jupyter
ensure_java_kernel
if [ "${1:-}" = "--install-user" ]; then
  install_java_kernel_for_user
  exit 0
fi
if [ ! -f toolkit/target/dlnkit-all.jar ]; then
  echo "== building toolkit/target/dlnkit-all.jar"
  mvn -B -ntp -q package -DskipTests
fi
export JUPYTER_PATH="$DLNKIT_JUPYTER_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
# no debugger warnings from Debian's python in the kernel-manager process
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec "$JUPYTER_PYTHON" -Xfrozen_modules=off scripts/lib/run_notebooks.py --root "$PWD" "$@"
