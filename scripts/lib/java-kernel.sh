# Sourced by scripts/run-notebooks.sh: makes sure Jupyter (Debian's packages, run by Debian's /usr/bin/python3)
# and a Java kernel are installed as kernelspec "java", so that the notebooks' metadata (IJava's: name "java",
# language "java") match it. The kernel is IJava 1.3.0 (the one Binder installs) when a ready build of it exists in
# $DLNKIT_IJAVA_DIR (default: ../shared/ijava-1.3.0 next to the clone, as in this project's CI), else
# rapaio-jupyter-kernel from Maven Central (on Java 17). ensure_notebook_kernel sets DLNKIT_KERNEL_FLAVOUR
# (ijava | rapaio) and DLNKIT_KERNEL_PATH (the Jupyter data directory holding that kernelspec).
#
# Idempotent: each step is skipped when already done. The kernelspec goes to a private Jupyter data directory
# ($DLNKIT_JUPYTER_DIR, default ~/.local/share/dlnkit-jupyter) that the runner puts first on JUPYTER_PATH, so an
# IJava kernel that a user installed as "java" is never overwritten. `scripts/run-notebooks.sh --install-user`
# additionally installs it as the user's "java" kernel for interactive use (only if no "java" kernel exists).
#
# Needs: ensure-tools.sh sourced first (apt_install, ensure_java_maven).

RJK_GROUP=io.github.padreati
RJK_ARTIFACT=rapaio-jupyter-kernel
RJK_VERSION=3.0.1
# SHA-256 of rapaio-jupyter-kernel-3.0.1.jar as served by Maven Central (checked after every download).
RJK_SHA256=cffac185dafff9a4d62ffdbeb357822b56931c41421c576314a84d3605addd09
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
DLNKIT_JUPYTER_DIR=${DLNKIT_JUPYTER_DIR:-$HOME/.local/share/dlnkit-jupyter}
# Debian's python, not pyenv's or a virtualenv's: the jupyter packages are installed for it.
JUPYTER_PYTHON=${JUPYTER_PYTHON:-/usr/bin/python3}

jupyter_ready() {
  [ -x "$JUPYTER_PYTHON" ] && "$JUPYTER_PYTHON" -c 'import nbclient, nbconvert, nbformat, jupyter_client' 2>/dev/null
}

ensure_jupyter() {
  if ! jupyter_ready; then
    echo "== installing Jupyter (Debian packages jupyter-nbconvert, python3-nbclient, jupyter-client)"
    apt_install jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat python3
  fi
  jupyter_ready || { echo "Jupyter is not importable by $JUPYTER_PYTHON after installing" >&2; return 1; }
}

java_kernel_dir() {
  echo "$DLNKIT_JUPYTER_DIR/kernels/java"
}

java_kernel_ready() {
  local dir jar
  dir=$(java_kernel_dir)
  jar="$dir/$RJK_ARTIFACT-$RJK_VERSION.jar"
  [ -f "$dir/kernel.json" ] && [ -f "$jar" ] && grep -q "$RJK_ARTIFACT-$RJK_VERSION.jar" "$dir/kernel.json" \
    && [ "$(sha256sum "$jar" | cut -d' ' -f1)" = "$RJK_SHA256" ]
}

ensure_java_kernel() {
  local dir jar java_bin
  dir=$(java_kernel_dir)
  jar="$dir/$RJK_ARTIFACT-$RJK_VERSION.jar"
  if java_kernel_ready; then
    return 0
  fi
  echo "== installing the Java kernel $RJK_GROUP:$RJK_ARTIFACT:$RJK_VERSION as kernelspec 'java' in $dir"
  mkdir -p "$dir"
  if [ ! -f "$jar" ] || [ "$(sha256sum "$jar" | cut -d' ' -f1)" != "$RJK_SHA256" ]; then
    rm -f "$jar"
    . "$(dirname "${BASH_SOURCE[0]}")/mvn-quiet.sh"
    mvn_quiet "$DEPENDENCY_PLUGIN:copy" -Dartifact="$RJK_GROUP:$RJK_ARTIFACT:$RJK_VERSION" \
      -DoutputDirectory="$dir" -Dmdep.overWriteReleases=true
  fi
  if [ "$(sha256sum "$jar" | cut -d' ' -f1)" != "$RJK_SHA256" ]; then
    echo "checksum mismatch for $jar (expected $RJK_SHA256)" >&2
    return 1
  fi
  # The kernel runs on the JDK that builds the toolkit (Java 17), so notebooks see the same language level.
  java_bin=$(command -v java)
  java_bin=$(readlink -f "$java_bin")
  cat > "$dir/kernel.json" <<EOF
{
  "argv": ["$java_bin", "-Djava.awt.headless=true", "-jar", "$jar", "{connection_file}"],
  "display_name": "Java",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": "",
    "RJK_COMPILER_OPTIONS": "",
    "RJK_INIT_SCRIPT": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_MIMA_CACHE": "$dir/mima_cache"
  }
}
EOF
  java_kernel_ready
}

# Installs the same kernelspec as the user's "java" kernel (for `jupyter notebook` / `jupyter lab`), unless a
# "java" kernel (e.g. IJava) is already installed there.
install_java_kernel_for_user() {
  local existing
  existing=$(JUPYTER_PATH= "$JUPYTER_PYTHON" -m jupyter kernelspec list 2>/dev/null | awk '$1 == "java" {print $2}')
  if [ -n "$existing" ]; then
    echo "a 'java' kernel is already installed at $existing; leaving it alone"
    return 0
  fi
  "$JUPYTER_PYTHON" -m jupyter kernelspec install --user --name java "$(java_kernel_dir)"
}

# IJava 1.3.0 from a ready build (see its README): kernelspec "java" in a private data directory of its own.
ijava_ready() {
  [ -f "${DLNKIT_IJAVA_DIR:-}/ijava-1.3.0.jar" ] && [ -x "$DLNKIT_IJAVA_DIR/install-kernel.sh" ]
}

ensure_notebook_kernel() {
  DLNKIT_IJAVA_DIR=${DLNKIT_IJAVA_DIR:-$(cd .. && pwd)/shared/ijava-1.3.0}
  if ijava_ready; then
    DLNKIT_KERNEL_FLAVOUR=ijava
    DLNKIT_KERNEL_PATH="$DLNKIT_JUPYTER_DIR/ijava"
    "$DLNKIT_IJAVA_DIR/install-kernel.sh" "$DLNKIT_KERNEL_PATH" java >/dev/null
    echo "== kernel: IJava 1.3.0 from $DLNKIT_IJAVA_DIR (the kernel Binder installs); notebooks run unchanged"
  else
    ensure_java_kernel
    DLNKIT_KERNEL_FLAVOUR=rapaio
    DLNKIT_KERNEL_PATH="$DLNKIT_JUPYTER_DIR"
    echo "== kernel: $RJK_ARTIFACT $RJK_VERSION from Maven Central (fallback: no IJava build at $DLNKIT_IJAVA_DIR);" \
      "%jars and display(x, mime) are translated in the executed copy"
  fi
}
