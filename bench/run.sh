#!/usr/bin/env bash
# `make bench`: the benchmark on PostgreSQL 15 at demo and at national volume in one run.
#
# With DATABASE_URL unset, a throwaway PostgreSQL is started here (initdb + pg_ctl in a temporary
# directory, loopback 127.0.0.1 only, trust there, fsync off) and always stopped and removed on
# exit, as .ci/run does. With DATABASE_URL set, that database is used: it must be empty (the
# bench migrates it and loads the structure and the demo into it).
#
# Env: SCALE (1.0 = national volume; 0.01 for a quick run), REPEAT (requests per page, 30),
#      BENCH_JSON (bench-results.json), BENCH_ARGS (extra arguments, e.g. "--only beslut"),
#      the budgets (see README), PG_BIN (/usr/lib/postgresql/15/bin), BENCH_PG_PORT (56110).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${BENCH_PG_PORT:-56110}
PG_HOST=127.0.0.1
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=bench.settings

if [ "$(id -u)" -eq 0 ]; then
    PG_USER=postgres
    as_pg() { (cd / && runuser -u "$PG_USER" -- "$@"); }
else
    PG_USER=$(id -un)
    as_pg() { (cd / && "$@"); }
fi

PGTMP=
PG_STARTED=0
BENCH_VAR=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    if [ "$PG_STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m fast -t 30 -w stop >/dev/null 2>&1 \
            || as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate -t 30 -w stop >/dev/null 2>&1
    fi
    if [ -n "$PGTMP" ] && [ -d "$PGTMP" ]; then
        rm -rf -- "$PGTMP"
    fi
    if [ -n "$BENCH_VAR" ] && [ -d "$BENCH_VAR" ]; then
        rm -rf -- "$BENCH_VAR"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/$PG_HOST/$1") 2>/dev/null; }

if [ -z "${DATABASE_URL:-}" ]; then
    for p in $(seq "$PG_PORT" $((PG_PORT + 20))); do
        if ! port_in_use "$p"; then PG_PORT=$p; break; fi
    done
    PGTMP=$(mktemp -d /tmp/samverkan-bench-pg.XXXXXX)
    chmod 700 "$PGTMP"
    chown "$PG_USER" "$PGTMP"
    echo "-- PostgreSQL för bänken: $PGTMP (port $PG_PORT)"
    as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
        || { cat "$PGTMP/initdb.log" >&2; exit 1; }
    printf '%s\n' 'host all all 127.0.0.1/32 trust' | as_pg sh -c "cat > '$PGTMP/data/pg_hba.conf'"
    printf '%s\n' \
        "listen_addresses = '$PG_HOST'" \
        "port = $PG_PORT" \
        "unix_socket_directories = ''" \
        'fsync = off' \
        'synchronous_commit = off' \
        'full_page_writes = off' \
        'shared_buffers = 256MB' \
        'maintenance_work_mem = 256MB' \
        'max_wal_size = 4GB' \
        | as_pg sh -c "cat >> '$PGTMP/data/postgresql.conf'"
    PG_STARTED=1
    as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -t 60 -w start >/dev/null \
        || { cat "$PGTMP/server.log" >&2; exit 1; }
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres \
        -c "CREATE ROLE samverkan LOGIN CREATEDB SUPERUSER" -c "CREATE DATABASE samverkan OWNER samverkan"
    export DATABASE_URL="postgres://samverkan@$PG_HOST:$PG_PORT/samverkan"
fi

# Bench media and mail stay out of the working tree's var/.
BENCH_VAR=$(mktemp -d /tmp/samverkan-bench-var.XXXXXX)
export MEDIA_ROOT="$BENCH_VAR/media" EMAIL_FILE_PATH="$BENCH_VAR/mail"

echo "-- migrate, load_structure, load_demo"
$PY manage.py migrate --noinput -v 0
$PY manage.py load_structure >/dev/null
$PY manage.py load_demo >/dev/null

# shellcheck disable=SC2086
$PY manage.py bench ${BENCH_ARGS:-}
