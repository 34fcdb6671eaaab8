#!/usr/bin/env bash
# A private PostgreSQL cluster for the store and API tests, on 127.0.0.1 only.
#
#   export STRIFE_TEST_PG="$(bash .ci/postgres.sh)"    # start (or reuse) it, print its URL
#   bash .ci/postgres.sh stop                          # stop it
#
# Installs Debian's postgresql package when no server binaries are found. The cluster runs
# as an unprivileged user (postgres when started as root), trusts local connections and
# lives in a throwaway folder under /tmp. Only the URL goes to stdout; notes go to stderr.
set -euo pipefail

PORT="${STRIFE_PG_PORT:-54329}"
DATA="${STRIFE_PG_DATA:-/tmp/strife-pg-$PORT}"
DB=strife_test

find_bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BINDIR="$(find_bindir)"
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ]; then
    echo "postgres.sh: installing postgresql (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
fi

if [ "$(id -u)" = 0 ]; then
    RUN_USER=postgres
    as_user() { runuser -u "$RUN_USER" -- "$@"; }
else
    RUN_USER="$(id -un)"
    as_user() { "$@"; }
fi

if [ "${1:-start}" = stop ]; then
    if [ -f "$DATA/postmaster.pid" ]; then
        as_user "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >&2
    fi
    exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown "$RUN_USER" "$DATA"
    chmod 700 "$DATA"
    as_user "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! as_user "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    # fsync off: a test cluster that is thrown away after the run needs no crash safety.
    as_user "$BINDIR/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-k /tmp -h 127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2
fi

PSQL=("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -X -q -t -A)
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >&2
fi

echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
