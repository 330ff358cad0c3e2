#!/usr/bin/env bash
# The bench's campaign as Spark SQL on a Spark standalone cluster beside its DuckDB SQL on DuckDB,
# over the same generated tables, rounds alternated, every port count compared:
#   bench/spark.sh [PROFILES] [--runs R] [--work DIR] [--reuse] [--workers N]
# Starts a cluster with scripts/spark-cluster.sh (stopped at the end) unless --master URL is given.
# This times the campaign's SQL in one session; bench/spark-runs.sh times whole camp run processes.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles="${1:-1000000}"
shift || true
args=()
workers=2
master=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --master) master="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
mvn -B -q -Dstyle.color=never -Dcamp.buildDir=target test-compile >/dev/null 2>&1
dir="${TMPDIR:-/tmp}/camp-bench-spark"
if [ -z "$master" ]; then
  master="$(scripts/spark-cluster.sh start --port 7079 --workers "$workers" --dir "$dir")"
  trap 'scripts/spark-cluster.sh stop --dir "$dir"' EXIT
else
  mkdir -p "$dir"
  mvn -q -B dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$dir/classpath.txt" >/dev/null
fi
# the driver's Java 17 options are the surefire argLine of pom.xml (Spark's JavaModuleOptions)
read -r -a java_options <<< "$(sed -n 's:.*<argLine>\(.*\)</argLine>.*:\1:p' pom.xml)"
java "${java_options[@]}" -Xmx6g -Dcamp.spark.executorMemory=2g \
  -cp "target/test-classes:target/classes:$(cat "$dir/classpath.txt")" \
  camp.bench.SparkBench --master "$master" --profiles "$profiles" ${args[@]+"${args[@]}"}
