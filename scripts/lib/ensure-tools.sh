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
