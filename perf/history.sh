#!/usr/bin/env bash
# History and CSV benchmark (issue #9, R-70, R-71). Starts a PostgreSQL 15 cluster of its own and
# the EAR on Payara Server against it with the server's heap capped at HEAP (512m), writes a
# ledger of TRANSFERS transfers (perf/seed.sql's residents and their charges, then payments over
# 30 days, perf/history-seed.sql), and measures as a merchant logged in over HTTP:
#   * the CSV download of the demo shop S0001 (wakaba-honten, 20 % of the payments) and of the
#     whole business B0001 (wakaba-owner, every payment), in rows per second;
#   * the history page of S0001's 30 days, its first page and its 1,000th (50 rows a page), N
#     times each: p50 / p95 milliseconds.
# Then checks the ledger invariants and prints as its last line:
#   csv_rows_per_s=… csv_business_rows_per_s=… page1_p95_ms=… page1000_p95_ms=… heap=… invariants=OK
#
# Usage: perf/history.sh        (defaults: TRANSFERS=1000000 RESIDENTS=20000 SHOPS=100 N=40 HEAP=512m)
# A reduced run on a busy machine: TRANSFERS=200000 perf/history.sh. Not run in CI.
# PERF_KEEP=1 leaves the server and the database running afterwards, to look at query plans.
# Needs: a JDK 17, curl and Debian's postgresql; run as root or a sudoer (as perf/payments.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

TRANSFERS="${TRANSFERS:-1000000}"
RESIDENTS="${RESIDENTS:-20000}"
SHOPS="${SHOPS:-100}"
N="${N:-40}"
HEAP="${HEAP:-512m}"
PORT="${PERF_PORT:-18590}"
PGPORT="${PERF_PGPORT:-55510}"
SECRET="bench-terminal-secret"
PASSWORD="bench-Admin-pass-1"
USES=$((TRANSFERS - RESIDENTS)) # every resident's charge is a transfer too

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$pgbin/initdb" ]] || { echo "perf: PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
work="$(mktemp -d /tmp/jimoto-perf-history.XXXXXX)"
chown postgres "$work"
as_pg() { if [[ "$(id -u)" == 0 ]]; then su postgres -s /bin/bash -c "$*"; else sudo -u postgres bash -c "$*"; fi; }
psql() { "$pgbin/psql" -h /tmp -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_jimoto() {
  "$pgbin/psql" -h /tmp -p "$PGPORT" -U jimoto -d jimoto -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null ||
    PGPASSWORD=jimoto-perf "$pgbin/psql" -h 127.0.0.1 -p "$PGPORT" -U jimoto -d jimoto -q -v ON_ERROR_STOP=1 "$@"
}

cleanup() {
  if [[ "${PERF_KEEP:-}" == 1 ]]; then
    echo "perf: PERF_KEEP=1: server on port $PORT and PostgreSQL on $PGPORT ($work) left running"
    return
  fi
  JIMOTO_PORT="$PORT" JIMOTO_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/jimoto" ./jimoto stop >/dev/null 2>&1 || true
  as_pg "'$pgbin/pg_ctl' -D '$work/db' -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "perf: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') in $work, port $PGPORT"
as_pg "'$pgbin/initdb' -D '$work/db' --auth-local=trust --auth-host=scram-sha-256 -U postgres -E UTF8 >/dev/null"
as_pg "'$pgbin/pg_ctl' -D '$work/db' -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB' -l '$work/pg.log' -w start >/dev/null"
psql -c "CREATE USER jimoto PASSWORD 'jimoto-perf'" -c "CREATE DATABASE jimoto OWNER jimoto"

export JIMOTO_PORT="$PORT" JIMOTO_DATA_DIR="$work/data" JIMOTO_DEMO_DATA_PASSWORD="$PASSWORD"
export JIMOTO_DEMO_DATA_ENABLED=true JIMOTO_HEAP="$HEAP"
export JIMOTO_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/jimoto" JIMOTO_DB_USER=jimoto JIMOTO_DB_PASSWORD=jimoto-perf
./jimoto start | grep -E '^jimoto:|running'
heap="$(grep -o -- '-Xmx[0-9a-zA-Z]*' "$(ls -d .jimoto/domains-$PORT/*/config/domain.xml 2>/dev/null | head -n 1)" 2>/dev/null | head -n 1 || echo "?")"
echo "perf: server heap $heap"

echo "perf: writing $TRANSFERS transfers ($RESIDENTS charges, $USES payments over 30 days)"
secret_sha="$(printf '%s' "$SECRET" | sha256sum | awk '{print $1}')"
psql_jimoto -v residents="$RESIDENTS" -v shops="$SHOPS" -v secret_sha="$secret_sha" -f perf/seed.sql
psql_jimoto -v uses="$USES" -f perf/history-seed.sql
echo "  transfers: $(psql -d jimoto -c 'SELECT COUNT(*) FROM transfer')"

base="http://localhost:$PORT"
from="$(date -d '31 days ago' +%Y-%m-%dT00:00)"
to="$(date -d 'tomorrow' +%Y-%m-%dT00:00)"
period="from=$from&to=$to"
load() { java perf/HistoryLoad.java "$base" "$@"; }

echo "perf: warming up (not measured)"
load wakaba-honten "$PASSWORD" page "$period" 10 >/dev/null
load wakaba-honten "$PASSWORD" page "$period&page=1000" 10 >/dev/null
load wakaba-honten "$PASSWORD" csv "$period" >/dev/null

echo "perf: CSV of shop S0001 (wakaba-honten)"
csv_shop="$(load wakaba-honten "$PASSWORD" csv "$period")"; echo "  $csv_shop"
echo "perf: CSV of business B0001 (wakaba-owner, every payment)"
csv_business="$(load wakaba-owner "$PASSWORD" csv "$period")"; echo "  $csv_business"
echo "perf: CSV of shop S0001 in Shift_JIS"
csv_sjis="$(load wakaba-honten "$PASSWORD" csv "$period&encoding=sjis")"; echo "  $csv_sjis"
echo "perf: history of S0001, first page, $N times"
page1="$(load wakaba-honten "$PASSWORD" page "$period" "$N")"; echo "  $page1"
echo "perf: history of S0001, page 1000, $N times"
page1000="$(load wakaba-honten "$PASSWORD" page "$period&page=1000" "$N")"; echo "  $page1000"
pid="$(pgrep -f "domains-$PORT/" | head -n 1 || true)"
[[ -n "$pid" ]] && echo "perf: server heap after the runs: $(jcmd "$pid" GC.heap_info 2>/dev/null | grep -m1 -o 'total [0-9]*K, used [0-9]*K' || echo '?')"

echo "perf: ledger invariants"
inv="$(curl -fsS -u "city-auditor:$PASSWORD" "$base/admin/api/v1/ledger/invariants")"
echo "  $inv"
grep -q '"ok":true' <<<"$inv" && invariants=OK || invariants=FAILED

val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
echo "csv_rows_per_s=$(val csv_rows_per_s "$csv_shop") csv_business_rows_per_s=$(val csv_rows_per_s "$csv_business")" \
  "csv_sjis_rows_per_s=$(val csv_rows_per_s "$csv_sjis") page1_p95_ms=$(val p95_ms "$page1")" \
  "page1000_p95_ms=$(val p95_ms "$page1000") heap=$heap invariants=$invariants"
[[ "$invariants" == OK ]]
