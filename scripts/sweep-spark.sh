#!/usr/bin/env bash
# dlnkit sweep on Apache Spark: scripts/sweep-spark.sh --spec F --out DIR [--master URL] [other sweep options].
# Runs the one 'sweep' command with --engine spark, the toolkit jar, the spark module's jar and Spark's jars
# (spark/target/lib, copied by 'mvn package') on the class path, and the --add-opens flags Spark needs on Java 17.
# Without --master Spark runs in this JVM on all cores (local[*]). For a cluster see docs/sweeps.md (spark-submit).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolkit="$root/toolkit/target/dlnkit-all.jar"
engine="$root/spark/target/dlnkit-spark.jar"
if [ ! -f "$toolkit" ] || [ ! -f "$engine" ] || [ ! -d "$root/spark/target/lib" ]; then
  echo "sweep-spark: building the toolkit and the spark module (first use) ..." >&2
  (cd "$root" && mvn -q -B package -DskipTests) >&2
fi
flags=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec java ${DLNKIT_JAVA_OPTS:-} "${flags[@]}" -Djava.awt.headless=true \
  -cp "$toolkit:$engine:$root/spark/target/lib/*" io.github.dlnkit.cli.Main sweep --engine spark "$@"
