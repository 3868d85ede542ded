# Sourced by the scripts: installs missing tools from Debian's packages (we run as root on a fresh machine).
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "need these Debian packages: $* (run as root or install them)" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
ensure_java_maven() {
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless
  command -v mvn >/dev/null 2>&1 || apt_install maven
  java -version 2>&1 | head -1
}
# Optional native BLAS/LAPACK (Debian's OpenBLAS) for io.github.dlnkit.linalg; without it the toolkit runs in pure Java.
ensure_native_blas() {
  # OpenBLAS itself, not just any liblapack.so.3: the reference BLAS/LAPACK alone would be slower than EJML
  if ls /usr/lib/*/openblas*/libblas.so.3 >/dev/null 2>&1 && ls /usr/lib/*/liblapack.so.3 >/dev/null 2>&1; then
    return 0
  fi
  apt_install libopenblas0 liblapack3 || echo "native BLAS/LAPACK not installed: dlnkit falls back to pure Java (EJML)" >&2
}
