#!/usr/bin/env bash
# A Spark standalone cluster on loopback (a master and N workers), for camp's tests and for trying
# the Spark engine: started from the project's own dependency jars (Maven resolves them), no Spark
# download, no SPARK_HOME of the machine.
#
#   scripts/spark-cluster.sh start [--workers N] [--port 7077] [--dir DIR]   prints the master URL
#   scripts/spark-cluster.sh stop  [--dir DIR]
#
# The master and each worker are Java processes started as bin/spark-class would start them
# (org.apache.spark.deploy.master.Master, org.apache.spark.deploy.worker.Worker) with Spark's
# module options for Java 17; the workers start their executors from DIR/home/jars, a folder of
# links to the same jars. Each worker offers one core and 2 GiB. Logs: DIR/master.log,
# DIR/worker-N.log, executors' in DIR/work-N.
set -euo pipefail

command="${1:-}"; shift || true
workers=1
port=7077
dir="${TMPDIR:-/tmp}/camp-spark"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "spark-cluster.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
url="spark://127.0.0.1:$port"

# what bin/spark-class adds on Java 17 (Spark's JavaModuleOptions)
java_options=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop() {
  local f pid
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    # each process leads its own group: its executors go with it
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

case "$command" in
  start)
    if [ -f "$dir/master.pid" ] && kill -0 "$(cat "$dir/master.pid")" 2>/dev/null; then
      echo "$url"; exit 0
    fi
    stop
    mkdir -p "$dir/home/jars"
    rm -f "$dir"/home/jars/*.jar
    # Spark's jars and their dependencies, as Maven resolved them for the tests (the SLF4J binding
    # that silences the tests left out: the cluster logs through Spark's log4j)
    (cd "$root" && mvn -q -B -o dependency:build-classpath -DincludeScope=test -DexcludeArtifactIds=slf4j-nop \
        -Dmdep.outputFile="$dir/classpath.txt" >/dev/null 2>&1 \
      || mvn -q -B dependency:build-classpath -DincludeScope=test -DexcludeArtifactIds=slf4j-nop \
        -Dmdep.outputFile="$dir/classpath.txt" >&2)
    tr ':' '\n' < "$dir/classpath.txt" | while IFS= read -r jar; do
      [ -n "$jar" ] && ln -sf "$jar" "$dir/home/jars/$(basename "$jar")"
    done
    export SPARK_HOME="$dir/home" SPARK_SCALA_VERSION=2.13 SPARK_LOG_DIR="$dir" SPARK_WORKER_DIR="$dir"
    if listening "$port"; then
      echo "spark-cluster.sh: port $port is taken" >&2; exit 1
    fi
    setsid java "${java_options[@]}" -Xmx512m -cp "$dir/home/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 > "$dir/master.log" 2>&1 < /dev/null &
    echo $! > "$dir/master.pid"
    for _ in $(seq 1 300); do listening "$port" && break; sleep 0.2; done
    listening "$port" || { echo "spark-cluster.sh: the master did not start (see $dir/master.log)" >&2; stop; exit 1; }
    for i in $(seq 1 "$workers"); do
      mkdir -p "$dir/work-$i"
      setsid java "${java_options[@]}" -Xmx512m -cp "$dir/home/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 2g --work-dir "$dir/work-$i" --webui-port 0 "$url" \
        > "$dir/worker-$i.log" 2>&1 < /dev/null &
      echo $! > "$dir/worker-$i.pid"
    done
    for _ in $(seq 1 300); do
      [ "$(grep -c "Registering worker" "$dir/master.log" || true)" -ge "$workers" ] && break
      sleep 0.2
    done
    [ "$(grep -c "Registering worker" "$dir/master.log" || true)" -ge "$workers" ] \
      || { echo "spark-cluster.sh: the workers did not register (see $dir/worker-*.log)" >&2; stop; exit 1; }
    echo "$url"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: scripts/spark-cluster.sh start [--workers N] [--port 7077] [--dir DIR] | stop [--dir DIR]" >&2
    exit 2
    ;;
esac
