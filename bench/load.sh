#!/usr/bin/env bash
# load csv throughput: writes a CSV of LINES records (default 2,000,000; 7 columns: int, text,
# decimal, date, timestamp, bool, quoted text with a comma), then, 3 times each, in new JVMs on
# fresh databases:
#   camp run of a campaign whose one activity loads it (the load task's time and the whole run's),
#   DuckDB alone reading it into a table with the same types (bench/LoadBaseline.java).
#   bench/load.sh [LINES] [--work DIR] [--runs N]
# CAMP_JAR=/path/camp.jar uses that build (its lib/ beside it) instead of target/camp.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
lines=2000000
work=""
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    [0-9]*) lines="${1//[,_]/}"; shift ;;
    *) echo "usage: bench/load.sh [LINES] [--work DIR] [--runs N]" >&2; exit 2 ;;
  esac
done
jar="${CAMP_JAR:-}"
if [ -z "$jar" ]; then
  ./camp --version >/dev/null
  jar="$root/target/camp.jar"
fi
duckdb_jar="$(ls "$(dirname "$jar")"/lib/duckdb_jdbc-*.jar | head -1)"
work="${work:-$(mktemp -d)}"
mkdir -p "$work"
csv="$work/leads.csv"
if [ ! -f "$csv" ] || [ "$(($(wc -l < "$csv") - 1))" != "$lines" ]; then
  awk -v n="$lines" 'BEGIN { print "id,email,amount,day,at,ok,note";
    for (i = 0; i < n; i++) { d = i % 300;
      printf "%d,user%d@example.com,%.2f,2026-%02d-%02d,2026-01-01 09:%02d:%02d,%s,\"Some text, with a comma\"\n",
        i, i, (i % 1000) * 1.25, 1 + int(d / 28) % 12, 1 + d % 28, int(i / 60) % 60, i % 60, (i % 2 ? "no" : "yes") } }' > "$csv"
fi
cat > "$work/load.camp" <<'CAMP'
campaign "Load benchmark"

activity leads: load csv "leads.csv" {
  id: int
  email: text
  amount: decimal
  day: date
  at: timestamp
  ok: bool
  note: text
}
activity done: end

flow { leads -> done }
CAMP
echo "load csv of $lines lines ($(du -h "$csv" | cut -f1)), $runs runs each"
for i in $(seq "$runs"); do
  rm -rf "$work/state" && mkdir -p "$work/state"
  start=$(date +%s.%N)
  java -jar "$jar" run "$work/load.camp" --at "2026-12-01 09:00" --db "$work/state/camp.duckdb" --format json > "$work/run.json"
  end=$(date +%s.%N)
  run=$(sed -e 's/.*"run":"\([^"]*\)".*/\1/' "$work/run.json")
  task=$(java -jar "$jar" tasks "$run" --db "$work/state/camp.duckdb" --format json \
    | tr '{' '\n' | grep '"activity":"leads"' | sed -e 's/.*"durationMs":\([0-9]*\).*/\1/')
  out=$(tr ',' '\n' < "$work/run.json" | grep -m1 '"out":' | tr -dc 0-9)
  printf 'camp run:        %s rows, load task %.2f s, whole run %.2f s\n' "$out" "$(awk "BEGIN { print $task / 1000 }")" \
    "$(awk "BEGIN { print $end - $start }")"
  rm -f "$work/baseline.duckdb"*
  start=$(date +%s.%N)
  read -r rows seconds < <(java -cp "$duckdb_jar" bench/LoadBaseline.java "$work/baseline.duckdb" "$csv")
  end=$(date +%s.%N)
  printf 'DuckDB read_csv: %s rows, read %.2f s, whole JVM %.2f s\n' "$rows" "$seconds" "$(awk "BEGIN { print $end - $start }")"
done
