#!/usr/bin/env bash
# Payment throughput benchmark (issue #3). Starts a PostgreSQL 15 cluster of its own and the EAR
# on Payara Server against it, creates RESIDENTS residents and SHOPS shops, then drives payments
# through the POS API at concurrency C for T seconds: first spread over all shops, then all to one
# hot shop. Then runs pgbench tpcb-like on the same PostgreSQL for T seconds at the same
# concurrency, checks the ledger invariants, and prints as its last line:
#   payments_per_s=… pgbench_tps=… ratio=… hot_shop_ratio=… p50_ms=… p99_ms=… invariants=OK
#
# Usage: perf/payments.sh            (defaults: RESIDENTS=20000 SHOPS=1000 C=32 T=30 WARMUP=300)
# The server is warmed up first with WARMUP seconds of payments that are not measured: after a
# start, Payara's JIT compilers keep a core busy for minutes, and a town's server runs for weeks.
# Needs: a JDK 17, curl and Debian's postgresql (apt-get install postgresql curl); run as root or a
# sudoer. PROFILE=1 also prints where the server spends its CPU: async-profiler (fetched from Maven
# Central) samples every thread, JIT and GC included; the collapsed stacks stay in the work
# directory for a closer look. (Java Flight Recorder was tried first: it only samples threads
# while they run Java code, and missed most of the request path.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

RESIDENTS="${RESIDENTS:-20000}"
SHOPS="${SHOPS:-1000}"
C="${C:-32}"
T="${T:-30}"
WARMUP="${WARMUP:-300}"
PORT="${PERF_PORT:-18580}"
PGPORT="${PERF_PGPORT:-55500}"
SECRET="bench-terminal-secret"
PASSWORD="bench-Admin-pass-1"

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$pgbin/initdb" ]] || { echo "perf: PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
work="$(mktemp -d /tmp/jimoto-perf.XXXXXX)"
chown postgres "$work"
as_pg() { if [[ "$(id -u)" == 0 ]]; then su postgres -s /bin/bash -c "$*"; else sudo -u postgres bash -c "$*"; fi; }
psql() { "$pgbin/psql" -h /tmp -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

cleanup() {
  JIMOTO_PORT="$PORT" JIMOTO_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/jimoto" ./jimoto stop >/dev/null 2>&1 || true
  as_pg "'$pgbin/pg_ctl' -D '$work/db' -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "perf: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') in $work, port $PGPORT"
as_pg "'$pgbin/initdb' -D '$work/db' --auth-local=trust --auth-host=scram-sha-256 -U postgres -E UTF8 >/dev/null"
# Modest settings for a 2-core machine; durability stays on (fsync, synchronous_commit).
as_pg "'$pgbin/pg_ctl' -D '$work/db' -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB' -l '$work/pg.log' -w start >/dev/null"
psql -c "CREATE USER jimoto PASSWORD 'jimoto-perf'" -c "CREATE DATABASE jimoto OWNER jimoto" -c "CREATE DATABASE pgbench"

export JIMOTO_PORT="$PORT" JIMOTO_DATA_DIR="$work/data" JIMOTO_DEMO_DATA_PASSWORD="$PASSWORD"
export JIMOTO_DEMO_DATA_ENABLED=true # the benchmark's population builds on the demo business
export JIMOTO_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/jimoto" JIMOTO_DB_USER=jimoto JIMOTO_DB_PASSWORD=jimoto-perf
./jimoto start | grep -E '^jimoto:|running'

echo "perf: creating $RESIDENTS residents and $SHOPS shops"
secret_sha="$(printf '%s' "$SECRET" | sha256sum | awk '{print $1}')"
"$pgbin/psql" -h /tmp -p "$PGPORT" -U jimoto -d jimoto -q -v ON_ERROR_STOP=1 \
  -v residents="$RESIDENTS" -v shops="$SHOPS" -v secret_sha="$secret_sha" -f perf/seed.sql \
  2>/dev/null || PGPASSWORD=jimoto-perf "$pgbin/psql" -h 127.0.0.1 -p "$PGPORT" -U jimoto -d jimoto -q \
  -v ON_ERROR_STOP=1 -v residents="$RESIDENTS" -v shops="$SHOPS" -v secret_sha="$secret_sha" -f perf/seed.sql

url="http://localhost:$PORT/merchant/api/v1/payments"
echo "perf: warming the server up with ${WARMUP}s of payments (not measured)"
java perf/PaymentLoad.java "$url" "$SECRET" "$SHOPS" 0 "$RESIDENTS" "$C" "$WARMUP" 0 >/dev/null
RAMP=5
echo "perf: payments spread over $SHOPS shops, C=$C, ${T}s"
if [[ "${PROFILE:-0}" == 1 ]]; then
  # Samples the server's CPU during the measured part of the spread phase.
  ap_version=4.2
  ap_dir="$ROOT/.jimoto/async-profiler-$ap_version"
  if [[ ! -f "$ap_dir/linux-x64/libasyncProfiler.so" ]]; then
    mkdir -p "$ap_dir"
    curl -fsSL -o "$ap_dir/ap.jar" "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$ap_version/async-profiler-$ap_version-linux-x64.jar"
    (cd "$ap_dir" && unzip -q -o ap.jar 'linux-x64/*')
  fi
  ap_lib="$ap_dir/linux-x64/libasyncProfiler.so"
  payara_pid="$(pgrep -f "domains-$PORT/jimoto" | head -n 1)"
  # jcmd would split the agent's options at '=' unless they are quoted inside the argument.
  (sleep "$RAMP"; jcmd "$payara_pid" JVMTI.agent_load "$ap_lib" '"start,event=cpu,interval=1ms"' >/dev/null) &
fi
spread="$(java perf/PaymentLoad.java "$url" "$SECRET" "$SHOPS" 0 "$RESIDENTS" "$C" "$T" "$RAMP")"
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd "$payara_pid" JVMTI.agent_load "$ap_lib" "\"stop,file=$work/spread.collapsed,collapsed\"" >/dev/null
  echo "perf: server CPU by frame, inclusive (share of samples; stacks in $work/spread.collapsed):"
  awk '{ n = $NF; $NF = ""; total += n; split($0, f, ";"); delete seen
         for (i in f) if (!(f[i] in seen)) { seen[f[i]] = 1; incl[f[i]] += n } }
       END { for (k in incl) if (k ~ /jimoto|jersey\/server\/ServerRuntime\$1.run|CoyoteAdapter.service|HttpBridgeServerAuthModule|EJBSecurityManager.invoke|postgresql\/jdbc\/PgPreparedStatement.execute|CompileBroker::compiler_thread_loop|G1.*Task::work/)
               printf "%6.1f%%  %s\n", 100 * incl[k] / total, k }' "$work/spread.collapsed" |
    sort -rn | head -n 30 || true
fi
echo "  $spread"
echo "perf: payments all to one hot shop, C=$C, ${T}s"
hot="$(java perf/PaymentLoad.java "$url" "$SECRET" "$SHOPS" 1 "$RESIDENTS" "$C" "$T" "$RAMP")"
echo "  $hot"

echo "perf: pgbench tpcb-like, C=$C, ${T}s"
"$pgbin/pgbench" -h /tmp -p "$PGPORT" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
bench="$("$pgbin/pgbench" -h /tmp -p "$PGPORT" -U postgres -b tpcb-like -c "$C" -j 2 -T "$T" pgbench 2>/dev/null)"
tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$bench" | head -n 1)"
echo "  tps=$tps"

echo "perf: ledger invariants"
inv="$(curl -fsS -u "city-auditor:$PASSWORD" "http://localhost:$PORT/admin/api/v1/ledger/invariants")"
echo "  $inv"
grep -q '"ok":true' <<<"$inv" && invariants=OK || invariants=FAILED

val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
pps="$(val payments_per_s "$spread")"
hot_pps="$(val payments_per_s "$hot")"
awk -v pps="$pps" -v tps="$tps" -v hot="$hot_pps" -v p50="$(val p50_ms "$spread")" \
  -v p99="$(val p99_ms "$spread")" -v inv="$invariants" 'BEGIN {
  printf "payments_per_s=%.1f pgbench_tps=%.1f ratio=%.2f hot_shop_ratio=%.2f p50_ms=%.1f p99_ms=%.1f invariants=%s\n",
    pps, tps, (tps > 0 ? pps / tps : 0), (pps > 0 ? hot / pps : 0), p50, p99, inv }'
[[ "$invariants" == OK ]]
