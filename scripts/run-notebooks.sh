#!/usr/bin/env bash
# Executes every notebooks/NN-*.ipynb on a real Java kernel (kernelspec "java": IJava 1.3.0 when
# ../shared/ijava-1.3.0 exists, else rapaio-jupyter-kernel from Maven Central) and
#   * by default compares the fresh outputs with the committed ones and FAILS when they differ (stale outputs);
#   * with --update writes the fresh outputs into notebooks/*.ipynb (and the index's figures to notebooks/figures/);
#   * with --html also renders docs/notebooks/NN-*.html, figures inline.
# Also fails on any error output, a chart cell without an image, or a hung kernel. Installs what it needs (Jupyter
# from Debian's packages) and builds toolkit/target/dlnkit-all.jar when missing (--build: always).
#
#   scripts/run-notebooks.sh [--update] [--html] [--build] [--timeout S] [--rtol R] [notebooks/01-x.ipynb ...]
#   scripts/run-notebooks.sh --install-user   # also install the CI kernel as your own "java" kernel, then exit
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure-tools.sh
. scripts/lib/java-kernel.sh
ensure_java_maven >/dev/null
ensure_jupyter
if [ "${1:-}" = "--install-user" ]; then
  ensure_java_kernel
  install_java_kernel_for_user
  exit 0
fi
ensure_notebook_kernel
build=0
args=()
for a in "$@"; do
  if [ "$a" = "--build" ]; then build=1; else args+=("$a"); fi
done
if [ "$build" = 1 ] || [ ! -f toolkit/target/dlnkit-all.jar ]; then
  echo "== building toolkit/target/dlnkit-all.jar"
  . scripts/lib/mvn-quiet.sh
  mvn_quiet package -DskipTests -pl toolkit
fi
export JUPYTER_PATH="$DLNKIT_KERNEL_PATH${JUPYTER_PATH:+:$JUPYTER_PATH}"
# no debugger warnings from Debian's python in the kernel-manager process
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec "$JUPYTER_PYTHON" -Xfrozen_modules=off scripts/lib/run_notebooks.py --root "$PWD" \
  --flavour "$DLNKIT_KERNEL_FLAVOUR" ${args[@]+"${args[@]}"}
