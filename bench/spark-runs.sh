#!/usr/bin/env bash
# The bench's campaign as whole processes on DuckDB and on a Spark standalone cluster: ./camp run
# and ./camp run --engine spark over the same generated tables, rounds alternated, counts compared.
#   bench/spark-runs.sh [PROFILES] [--url spark://HOST:PORT] [--runs R] [--campaign baskets] [--work DIR] [--reuse] [--workers N]
# Without --url, starts a cluster with scripts/spark-cluster.sh (stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
./camp --version >/dev/null          # builds target/camp.jar on first use
profiles="${1:-1000000}"
shift || true
args=()
workers=2
url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
dir="${TMPDIR:-/tmp}/camp-bench-spark-runs"
if [ -z "$url" ]; then
  url="$(scripts/spark-cluster.sh start --port 7079 --workers "$workers" --dir "$dir")"
  trap 'scripts/spark-cluster.sh stop --dir "$dir"' EXIT
fi
# each worker has 2 GiB: its executor takes it all
export CAMP_SPARK_EXECUTOR_MEMORY="${CAMP_SPARK_EXECUTOR_MEMORY:-2g}"
java -Xmx4g -cp target/camp.jar camp.bench.Engines --url "$url" --profiles "$profiles" ${args[@]+"${args[@]}"}
