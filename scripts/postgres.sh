#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for camp's tests and for trying --engine postgres.
#
#   scripts/postgres.sh start [--port 55432] [--dir DIR]   prints the JDBC URL of database "camp"
#   scripts/postgres.sh stop  [--dir DIR]
#   scripts/postgres.sh url   [--port 55432]
#
# Uses the server binaries this machine has (pg_ctl on the PATH, else /usr/lib/postgresql/*/bin);
# where there are none, installs Debian's postgresql package (as root, or with sudo). The cluster
# is created with the C collation (text sorts by code point, as DuckDB sorts it) and a UTF-8
# character type (lower and upper know every letter, as DuckDB's do), trust
# authentication on 127.0.0.1 only (but for the role camp_login, whose password is checked, for
# the tests of wrong credentials), and fsync off: it holds test data, nothing to keep. As root,
# the server runs as the postgres user (initdb refuses to run as root).
set -euo pipefail

command="${1:-}"; shift || true
port=55432
dir="${TMPDIR:-/tmp}/camp-postgres"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "postgres.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
url="jdbc:postgresql://127.0.0.1:$port/camp?user=camp"

bin_dir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return
  fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$found" ]; then echo "$found"; return; fi
  echo "postgres.sh: no PostgreSQL server here; installing Debian's postgresql" >&2
  local as_root=()
  if [ "$(id -u)" != 0 ]; then as_root=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get install -y -q --no-install-recommends postgresql >&2 \
    || { "${as_root[@]}" apt-get update -q >&2 && "${as_root[@]}" apt-get install -y -q --no-install-recommends postgresql >&2; }
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1
}

# as root, the server's commands run as the postgres user (created when missing)
as_server() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    bin="$(bin_dir)"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir" 2>/dev/null || { id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$dir"; }; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_server "$bin/initdb" -D "$dir/data" -U camp --auth=trust --lc-collate=C --lc-ctype=C.UTF-8 -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    fi
    as_server "$bin/psql" -h 127.0.0.1 -p "$port" -U camp -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'camp'" | grep -q 1 \
      || as_server "$bin/createdb" -h 127.0.0.1 -p "$port" -U camp camp
    # a login that needs its password (the tests of wrong credentials): camp_login, password
    # camp-login-secret, checked by SCRAM; every other user is trusted on loopback
    if ! grep -q "camp_login" "$dir/data/pg_hba.conf"; then
      as_server "$bin/psql" -h 127.0.0.1 -p "$port" -U camp -d postgres -qtAc \
        "SET password_encryption = 'scram-sha-256'; CREATE ROLE camp_login LOGIN SUPERUSER PASSWORD 'camp-login-secret'" >/dev/null
      as_server sh -c "{ echo 'host all camp_login 127.0.0.1/32 scram-sha-256'; cat '$dir/data/pg_hba.conf'; } > '$dir/data/pg_hba.new' \
        && mv '$dir/data/pg_hba.new' '$dir/data/pg_hba.conf'"
      as_server "$bin/pg_ctl" -D "$dir/data" reload >/dev/null
    fi
    echo "$url"
    ;;
  stop)
    bin="$(bin_dir)"
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|url [--port N] [--dir DIR]" >&2
    exit 2
    ;;
esac
