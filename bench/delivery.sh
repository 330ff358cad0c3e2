#!/usr/bin/env bash
# Delivery throughput: generates MESSAGES opted-in profiles (default 100,000) once, runs a
# one-channel e-mail campaign with `camp run` in a new JVM on a fresh database, 3 times, to the
# file outbox, then 3 times with fewer messages (default 10,000) to a local SMTP sink; checks
# every message arrived exactly once and prints messages/s over the channel task (min–max).
#   bench/delivery.sh [MESSAGES] [--smtp-messages N] [--work DIR] [--format json]
#     [--runs 3] [--keep] [--java-opt OPTION]...
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
  args+=(--messages "$1")
  shift
fi
exec java -cp "$jar" camp.bench.DeliveryBench ${args[@]+"${args[@]}"} "$@"
