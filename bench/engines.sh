#!/usr/bin/env bash
# The bench's campaign on each engine, whole processes: ./camp run on DuckDB and ./camp run
# --engine postgres on the same tables loaded into PostgreSQL, alternated, counts compared.
#   bench/engines.sh [PROFILES] [--url URL] [--runs R] [--campaign baskets] [--work DIR] [--reuse]
# Without --url (or CAMP_URL), starts a throwaway server with scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
./camp --version >/dev/null          # builds target/camp.jar on first use
profiles="${1:-1000000}"
shift || true
args=("$@")
if [[ " $* " != *" --url "* && -z "${CAMP_URL:-}" ]]; then
  url="$(scripts/postgres.sh start --port 55434 --dir "${TMPDIR:-/tmp}/camp-bench-postgres")"
  trap 'scripts/postgres.sh stop --dir "${TMPDIR:-/tmp}/camp-bench-postgres"' EXIT
  args+=(--url "$url")
fi
java -Xmx4g -cp target/camp.jar camp.bench.Engines --profiles "$profiles" ${args[@]+"${args[@]}"}
