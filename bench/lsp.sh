#!/usr/bin/env bash
# Language server latency: generates a campaign of LINES lines (default 2,000), opens it in the
# camp language server, then edits a rule in the middle of it back and forth: the time from each
# didChange to its publishDiagnostics, then the hover of the edited activity (with its SQL), and
# completion when the server offers it; median, p95, min and max over the edits after a warm-up.
#   bench/lsp.sh [LINES] [--edits 100] [--warmup 50] [--work DIR] [--process] [--java-opt OPTION]...
#     [--format json]
# --process runs the server as `camp lsp` in a JVM of its own, with the options of ./camp (or
# those of --java-opt); by default it runs in the benchmark's JVM, on pipes.
# CAMP_JAR=/path/camp.jar uses that build (its lib/ beside it) instead of building target/camp.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${CAMP_JAR:-}"
if [ -z "$jar" ]; then
  ./camp --version >/dev/null          # builds target/camp.jar on first use
  jar=target/camp.jar
fi
args=()
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9_,]+$ ]]; then
  args+=(--lines "$1")
  shift
fi
exec java -Xss16m -cp "$jar" camp.bench.LspBench ${args[@]+"${args[@]}"} "$@"
