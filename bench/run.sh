#!/usr/bin/env bash
# Runs the benchmark: generates PROFILES profiles (default 1,000,000) with ~10 purchases each,
# runs bench/campaign.camp with camp and bench/handwritten.sql in the same process, compares
# every port count and prints both times, their ratio and the peak memory.
#   bench/run.sh [PROFILES] [--dry-run] [--work DIR] [--reuse]
set -euo pipefail
cd "$(dirname "$0")/.."
./camp --version >/dev/null          # builds target/camp.jar on first use
profiles="${1:-1000000}"
shift || true
exec java -Xmx8g -cp target/camp.jar camp.bench.Benchmark --profiles "$profiles" "$@"
