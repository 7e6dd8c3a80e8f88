#!/usr/bin/env bash
# Settlement close benchmark (issue #12, R-53). Starts a PostgreSQL 15 cluster of its own and the
# EAR on Payara Server against it (as perf/history.sh), writes PAYMENTS payments of the money
# service WAKABA_COIN (semi-monthly schedule, R-50) at SHOPS shops, about 1 % of them cancelled,
# all in the first half of last month, a period whose close date has passed (perf/seed.sql, then
# perf/settlement-seed.sql: set-based SQL, no HTTP per payment). Then, on the same data:
#   (a) the bare SQL: one GROUP BY giving per shop the uses, the use-cancels and the net, and the
#       UPDATEs setting the closed flag of the period's payments and of their cancellations, in
#       one transaction that is rolled back (then VACUUM, so the close finds the table as before).
#       It runs twice, the first pass only warming the cache, and the second is measured.
#   (b) the real close: the administrator logs in, presses "close" on /admin/app/settlement.xhtml
#       (the Faces form, view state and CSP nonce, perf/SettlementClose.java), and the page is
#       reloaded every POLL_MS (2 s, as the page polls) until the period's row says closed: wall
#       time from the press to that page (so up to 2 s late; the run's own start-to-finish time
#       is printed too). A
#       close of an empty period of the gift service warms the batch runtime up first.
# Checks that every line of the close equals the bare GROUP BY of its shop, that the SETTLE journal
# entries moved exactly the net due, that no payment of the period is left open, and the ledger
# invariants; prints as its last line:
#   close_s=… run_s=… bare_sql_s=… ratio=… runs=CLOSED lines=… net_due_yen=… figures=OK invariants=OK
# KILL=1 tests a crash instead of timing (#12 acceptance): the close is pressed, the server is
# killed (kill -9) once some but not all lines are closed, and started again; the close must then
# complete by itself (SettlementScheduler takes up a run silent for 2 minutes) exactly once: the
# same checks as below, and the SETTLE entries of the service sum to the net due (none twice).
# Last line: kill_test=OK killed_at=…/… closed_after_restart_s=… lines=… figures=OK invariants=OK
# PERF_STATEMENTS=1 loads pg_stat_statements and prints the close's statements by total time.
# PERF_PG_OPTS adds PostgreSQL options, e.g. PERF_PG_OPTS="-c synchronous_commit=off".
#
# Usage: perf/settlement.sh      (defaults: PAYMENTS=1000000 SHOPS=1000 RESIDENTS=20000 HEAP=512m)
# A reduced run: PAYMENTS=100000 SHOPS=100 perf/settlement.sh. Not run in CI.
# PERF_KEEP=1 leaves the server and the database running afterwards, to look at query plans.
# Needs: a JDK 17, curl and Debian's postgresql; run as root or a sudoer (as perf/payments.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

PAYMENTS="${PAYMENTS:-1000000}"
SHOPS="${SHOPS:-1000}"
RESIDENTS="${RESIDENTS:-20000}"
HEAP="${HEAP:-512m}"
POLL_MS="${POLL_MS:-2000}" # the page's own poll (p:poll interval="2")
PORT="${PERF_PORT:-18690}"
PGPORT="${PERF_PGPORT:-55520}"
SECRET="bench-terminal-secret"
PASSWORD="bench-Admin-pass-1"
SERVICE=WAKABA_COIN
# The first half of last month (R-50): closed on the 15th, long past.
first="$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m-01)"
last="$(date -d "$first +14 days" +%Y-%m-%d)"
until_day="$(date -d "$first +15 days" +%Y-%m-%d)"

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$pgbin/initdb" ]] || { echo "perf: PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
work="$(mktemp -d /tmp/jimoto-perf-settlement.XXXXXX)"
chown postgres "$work"
as_pg() { if [[ "$(id -u)" == 0 ]]; then su postgres -s /bin/bash -c "$*"; else sudo -u postgres bash -c "$*"; fi; }
psql() { "$pgbin/psql" -h /tmp -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_jimoto() {
  "$pgbin/psql" -h /tmp -p "$PGPORT" -U jimoto -d jimoto -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null ||
    PGPASSWORD=jimoto-perf "$pgbin/psql" -h 127.0.0.1 -p "$PGPORT" -U jimoto -d jimoto -q -v ON_ERROR_STOP=1 "$@"
}
now() { date +%s.%N; }

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
pgopts="-c shared_buffers=512MB ${PERF_PG_OPTS:-}" # e.g. PERF_PG_OPTS="-c synchronous_commit=off"
[[ "${PERF_STATEMENTS:-}" == 1 ]] && pgopts="$pgopts -c shared_preload_libraries=pg_stat_statements"
as_pg "'$pgbin/pg_ctl' -D '$work/db' -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 $pgopts' -l '$work/pg.log' -w start >/dev/null"
psql -c "CREATE USER jimoto PASSWORD 'jimoto-perf'" -c "CREATE DATABASE jimoto OWNER jimoto"
[[ "${PERF_STATEMENTS:-}" == 1 ]] && psql -d jimoto -c "CREATE EXTENSION pg_stat_statements"

# CPU seconds (user + system) of the server's JVM and of the whole PostgreSQL cluster (postmaster,
# its backends, and what its ended children left it), from /proc.
cpu_of() { # pids...
  local ticks=0 p
  for p in "$@"; do
    [[ -r "/proc/$p/stat" ]] || continue
    ticks=$((ticks + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}
server_cpu() { cpu_of $(pgrep -f "domains-$PORT/" || true); }
pg_cpu() {
  local pm; pm="$(head -n 1 "$work/db/postmaster.pid")"
  cpu_of "$pm" $(pgrep -P "$pm" || true)
}

export JIMOTO_PORT="$PORT" JIMOTO_DATA_DIR="$work/data" JIMOTO_DEMO_DATA_PASSWORD="$PASSWORD"
export JIMOTO_DEMO_DATA_ENABLED=true JIMOTO_HEAP="$HEAP"
export JIMOTO_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/jimoto" JIMOTO_DB_USER=jimoto JIMOTO_DB_PASSWORD=jimoto-perf
./jimoto start | grep -E '^jimoto:|running'

echo "perf: writing $PAYMENTS payments at $SHOPS shops in $first .. $last (about 1 % cancelled)"
secret_sha="$(printf '%s' "$SECRET" | sha256sum | awk '{print $1}')"
t="$(now)"
psql_jimoto -v residents="$RESIDENTS" -v shops="$SHOPS" -v secret_sha="$secret_sha" -f perf/seed.sql
psql_jimoto -v payments="$PAYMENTS" -v shops="$SHOPS" -v first="$first" -f perf/settlement-seed.sql
echo "  $(psql -d jimoto -c "SELECT COUNT(*) FILTER (WHERE operation = 'USE') || ' uses, '
  || COUNT(*) FILTER (WHERE operation = 'USE_CANCEL') || ' use-cancels, '
  || COUNT(DISTINCT shop_id) || ' shops' FROM transfer
  WHERE created_at >= '$first' AND created_at < '$until_day'") in the period;" \
  "$(psql -d jimoto -c 'SELECT COUNT(*) FROM transfer') transfers in all;" \
  "seeded in $(printf '%.0f' "$(echo "$(now) - $t" | bc)") s"

# (a) The bare SQL: the same figures and the same closed flags as the close, in plain SQL.
svc="(SELECT id FROM value_service WHERE code = '$SERVICE')"
bare_sql() {
  cat <<SQL
\\timing on
BEGIN;
CREATE TEMP TABLE bare_figures AS
SELECT t.shop_id,
       COUNT(*) FILTER (WHERE t.operation = 'USE') AS use_count,
       COALESCE(SUM(t.amount_yen) FILTER (WHERE t.operation = 'USE'), 0) AS use_yen,
       COUNT(*) FILTER (WHERE t.operation = 'USE_CANCEL') AS use_cancel_count,
       COALESCE(SUM(t.amount_yen) FILTER (WHERE t.operation = 'USE_CANCEL'), 0) AS use_cancel_yen,
       COALESCE(SUM(CASE t.operation WHEN 'USE' THEN t.amount_yen ELSE -t.amount_yen END), 0)
         AS net_due_yen
FROM transfer t LEFT JOIN transfer o ON o.id = t.target_transfer_id
WHERE t.service_id = $svc AND t.created_at >= '$first'
  AND ((t.operation = 'USE' AND t.created_at < '$until_day')
       OR (t.operation = 'USE_CANCEL' AND o.created_at >= '$first' AND o.created_at < '$until_day'))
GROUP BY t.shop_id;
UPDATE transfer SET closed = TRUE WHERE service_id = $svc AND operation = 'USE'
  AND created_at >= '$first' AND created_at < '$until_day' AND closed = FALSE;
UPDATE transfer c SET closed = TRUE FROM transfer o
WHERE o.id = c.target_transfer_id AND c.service_id = $svc AND c.operation = 'USE_CANCEL'
  AND c.created_at >= '$first' AND c.closed = FALSE
  AND o.created_at >= '$first' AND o.created_at < '$until_day';
\\copy bare_figures TO '$work/bare-figures.csv' CSV
ROLLBACK;
SQL
}
echo "perf: bare SQL, first pass (warms the cache, not measured; rolled back)"
bare_sql | psql_jimoto >/dev/null
psql_jimoto -c 'VACUUM ANALYZE transfer'
echo "perf: bare SQL, measured pass (GROUP BY + UPDATE in one transaction, rolled back)"
t="$(now)"; s0="$(server_cpu)"; p0="$(pg_cpu)"
bare_out="$(bare_sql | psql_jimoto)"
bare_s="$(echo "$(now) - $t" | bc)"
sleep 1 # until the postmaster has reaped psql's backend, whose CPU it then holds
echo "  CPU during it: PostgreSQL $(echo "$(pg_cpu) - $p0" | bc) s, server $(echo "$(server_cpu) - $s0" | bc) s"
grep -E '^(SELECT|UPDATE|Time)' <<<"$bare_out" | paste -sd' ' | sed 's/^/  /'
printf '  bare_sql_s=%.2f (wall time of the psql run)\n' "$bare_s"
# Leaves the table as the seed left it: the rolled-back row versions removed, as autovacuum would.
psql_jimoto -c 'VACUUM ANALYZE transfer'
open_before="$(psql -d jimoto -c "SELECT COUNT(*) FROM transfer WHERE closed = FALSE
  AND created_at >= '$first' AND created_at < '$until_day'")"
[[ "$open_before" -gt 0 ]] || { echo "perf: the rollback left closed payments"; exit 1; }

# (b) The real close, as the administrator starts it.
base="http://localhost:$PORT"
# The first close after a start pays for the batch runtime's start (its job repository) and the
# first compile of the page and the steps: a close of an empty period of the gift service first,
# not measured (as history.sh warms up).
echo "perf: warming up: close of WAKABA_GIFT 2001-01-01 .. 2001-01-15, no payments (not measured)"
java perf/SettlementClose.java "$base" city-admin "$PASSWORD" WAKABA_GIFT 2001-01-10 \
  "2001-01-01 – 2001-01-15" | sed 's/ row=.*//; s/^/  /'
if [[ "${KILL:-}" == 1 ]]; then
  echo "perf: KILL=1: close of $SERVICE $first .. $last, the server killed in the middle"
  java perf/SettlementClose.java "$base" city-admin "$PASSWORD" "$SERVICE" "$first" "$first – $last" 0 |
    sed 's/^/  /'
  progress() {
    psql -d jimoto -c "SELECT COUNT(*) FILTER (WHERE l.state = 'CLOSED') || ' ' || COUNT(*)
      FROM settlement_line l JOIN settlement_run r ON r.id = l.run_id
      WHERE r.service_id = $svc AND r.period_start = '$first'"
  }
  done_lines=0; all_lines=0
  for _ in $(seq 1 3000); do
    read -r done_lines all_lines <<<"$(progress)"
    [[ "$all_lines" -gt 0 && "$done_lines" -gt 0 ]] && break
    sleep 0.05
  done
  pkill -9 -f "domains-$PORT/" || true
  read -r done_lines all_lines <<<"$(progress)"
  echo "  killed (kill -9) with $done_lines of $all_lines lines closed"
  [[ "$all_lines" -gt 0 && "$done_lines" -lt "$all_lines" ]] ||
    { echo "perf: the kill did not land in the middle of the close (more payments?)"; exit 1; }
  sleep 2
  ./jimoto start | grep -E '^jimoto:|running'
  t="$(now)"
  state=""
  for _ in $(seq 1 120); do
    state="$(psql -d jimoto -c "SELECT state FROM settlement_run WHERE service_id = $svc
      AND period_start = '$first'")"
    [[ "$state" == CLOSED ]] && break
    sleep 5
  done
  closed_after_s="$(printf '%.0f' "$(echo "$(now) - $t" | bc)")"
  echo "  run $state ${closed_after_s} s after the restart (taken up once silent for 2 minutes)"
  close_s=0; run_s=0
else
echo "perf: close of $SERVICE $first .. $last from the admin page (city-admin)"
# What the server burns idle (JIT compiling after its start, timers), to read its figure below.
s0="$(server_cpu)"; sleep 10; echo "  server CPU idle before the close: $(echo "scale=2; ($(server_cpu) - $s0) / 10" | bc) s per s"
[[ "${PERF_STATEMENTS:-}" == 1 ]] && psql -d jimoto -c "SELECT pg_stat_statements_reset()" >/dev/null
s0="$(server_cpu)"; p0="$(pg_cpu)"
close_out="$(java perf/SettlementClose.java "$base" city-admin "$PASSWORD" "$SERVICE" "$first" "$first – $last" "$POLL_MS")"
echo "  $close_out"
echo "  CPU during it: PostgreSQL $(echo "$(pg_cpu) - $p0" | bc) s, server $(echo "$(server_cpu) - $s0" | bc) s" \
  "(the server's includes the page reloads)"
if [[ "${PERF_STATEMENTS:-}" == 1 ]]; then
  echo "perf: the close's statements by total time (pg_stat_statements)"
  psql -d jimoto -F ' | ' -c "SELECT ROUND(total_exec_time::numeric / 1000, 2) || ' s', calls,
    ROUND(mean_exec_time::numeric, 3) || ' ms', rows, LEFT(REGEXP_REPLACE(query, '\s+', ' ', 'g'), 110)
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 14" | sed 's/^/  /'
fi
close_s="$(sed -n 's/^close_s=\([0-9.]*\).*/\1/p' <<<"$close_out")"
run_s="$(psql -d jimoto -c "SELECT ROUND(EXTRACT(EPOCH FROM finished_at - started_at)::numeric, 2)
  FROM settlement_run WHERE period_start = '$first' AND service_id = $svc")"
echo "  server side: the run took ${run_s} s (its started_at to finished_at)"
fi

echo "perf: checking the close against the bare SQL"
checks="$(psql_jimoto -qAt <<SQL
CREATE TEMP TABLE bare_figures (shop_id BIGINT, use_count BIGINT, use_yen BIGINT,
  use_cancel_count BIGINT, use_cancel_yen BIGINT, net_due_yen BIGINT);
\\copy bare_figures FROM '$work/bare-figures.csv' CSV
CREATE TEMP TABLE run AS SELECT id, state FROM settlement_run
WHERE service_id = $svc AND period_start = '$first';
SELECT 'runs=' || (SELECT string_agg(state, ',') FROM run)
  || ' lines=' || (SELECT COUNT(*) FROM settlement_line WHERE run_id IN (SELECT id FROM run))
  || ' bare_shops=' || (SELECT COUNT(*) FROM bare_figures)
  || ' net_due_yen=' || (SELECT COALESCE(SUM(net_due_yen), 0) FROM settlement_line
                         WHERE run_id IN (SELECT id FROM run))
  || ' bare_net_due_yen=' || (SELECT COALESCE(SUM(net_due_yen), 0) FROM bare_figures)
  || ' mismatched_shops=' || (SELECT COUNT(*) FROM (SELECT * FROM settlement_line
        WHERE run_id IN (SELECT id FROM run)) l FULL JOIN bare_figures b ON b.shop_id = l.shop_id
      WHERE l.shop_id IS NULL OR b.shop_id IS NULL OR l.use_count <> b.use_count
        OR l.use_yen <> b.use_yen OR l.use_cancel_count <> b.use_cancel_count
        OR l.use_cancel_yen <> b.use_cancel_yen OR l.net_due_yen <> b.net_due_yen
        OR l.state <> 'CLOSED')
  || ' settled_yen=' || (SELECT COALESCE(SUM(t.amount_yen), 0) FROM settlement_line l
        JOIN transfer t ON t.entry_id = l.entry_id AND t.operation = 'SETTLE'
        WHERE l.run_id IN (SELECT id FROM run))
  || ' all_settle_yen=' || (SELECT COALESCE(SUM(amount_yen), 0) FROM transfer
        WHERE operation = 'SETTLE' AND service_id = $svc)
  || ' open_left=' || (SELECT COUNT(*) FROM transfer WHERE closed = FALSE
        AND operation IN ('USE', 'USE_CANCEL') AND created_at >= '$first'
        AND created_at < '$until_day');
SQL
)"
echo "  $checks"
val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
figures=OK
[[ "$(val runs "$checks")" == CLOSED ]] || figures=FAILED
[[ "$(val mismatched_shops "$checks")" == 0 ]] || figures=FAILED
[[ "$(val lines "$checks")" == "$(val bare_shops "$checks")" ]] || figures=FAILED
[[ "$(val net_due_yen "$checks")" == "$(val bare_net_due_yen "$checks")" ]] || figures=FAILED
[[ "$(val settled_yen "$checks")" == "$(val net_due_yen "$checks")" ]] || figures=FAILED
[[ "$(val open_left "$checks")" == 0 ]] || figures=FAILED
# every SETTLE entry of the service is a line's: none posted twice (KILL=1: across the crash)
[[ "$(val all_settle_yen "$checks")" == "$(val net_due_yen "$checks")" ]] || figures=FAILED

echo "perf: ledger invariants"
inv="$(curl -fsS -u "city-auditor:$PASSWORD" "$base/admin/api/v1/ledger/invariants")"
echo "  $inv"
grep -q '"ok":true' <<<"$inv" && invariants=OK || invariants=FAILED

if [[ "${KILL:-}" == 1 ]]; then
  printf 'kill_test=%s killed_at=%s/%s closed_after_restart_s=%s lines=%s net_due_yen=%s figures=%s invariants=%s\n' \
    "$([[ "$figures" == OK && "$invariants" == OK ]] && echo OK || echo FAILED)" "$done_lines" \
    "$all_lines" "$closed_after_s" "$(val lines "$checks")" "$(val net_due_yen "$checks")" \
    "$figures" "$invariants"
  [[ "$figures" == OK && "$invariants" == OK ]]
  exit
fi
ratio="$(echo "scale=2; $close_s / $bare_s" | bc)"
printf 'close_s=%s run_s=%s bare_sql_s=%.2f ratio=%s runs=%s lines=%s net_due_yen=%s figures=%s invariants=%s\n' \
  "$close_s" "$run_s" "$bare_s" "$ratio" "$(val runs "$checks")" "$(val lines "$checks")" \
  "$(val net_due_yen "$checks")" "$figures" "$invariants"
[[ "$figures" == OK && "$invariants" == OK ]]
