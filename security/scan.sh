#!/usr/bin/env bash
# Security scan of Jimoto with well-known scanners from the Debian archive (issue #8):
#   wapiti over the three portals, anonymous and logged in (its common attack modules plus HTTP
#   methods, each module at most 20 s per scan), and sqlmap over the POS API (the JSON body, the list's query parameters and
#   the headers a terminal sends).
# Starts its own server (embedded H2, demo data) on SCAN_PORT, scans it, stops it, and prints one
# line per finding of medium or higher severity. Exit status 1 when there is any; the full reports
# stay in the work directory it names.
#
# Usage: security/scan.sh            (SCAN_PORT=18780; SCAN_MINUTES=5 caps each of the four wapiti scans)
# Needs: Debian/Ubuntu; installs wapiti, sqlmap and curl with apt-get (as root or a sudoer).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SCAN_PORT:-18780}"
MINUTES="${SCAN_MINUTES:-5}"
PASSWORD="scan-Demo-pass-$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/jimoto-scan.XXXXXX)"
echo "scan: reports in $work"

missing=()
for tool in wapiti sqlmap curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]})); then
  sudo=""; [[ "$(id -u)" == 0 ]] || sudo=sudo
  echo "scan: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export JIMOTO_PORT="$PORT" JIMOTO_DATA_DIR="$work/data" JIMOTO_DEMO_DATA_ENABLED=true \
  JIMOTO_DEMO_DATA_PASSWORD="$PASSWORD"
# The scanners send thousands of bad logins and card codes from 127.0.0.1: with the production
# limits the throttle and the terminal guard would answer them all, and the scan would test
# nothing behind them.
export JIMOTO_LOGIN_MAX_FAILURES=1000000 JIMOTO_LOGIN_ADDRESS_MAX_FAILURES=1000000 \
  JIMOTO_LOGIN_ADDRESS_ATTEMPTS_PER_MINUTE=1000000 JIMOTO_TERMINAL_MAX_REFUSED_LOOKUPS=1000000
trap './jimoto stop >/dev/null 2>&1 || true' EXIT
./jimoto start | grep -E '^jimoto:|running'

# A logged-in session of a portal as wapiti's cookie file: the Faces login form, posted as a
# browser does (its ViewState included).
login_cookies() {
  local portal="$1" login="$2" jar="$work/$1.jar" page view
  page="$(curl -s -c "$jar" -b "$jar" "$BASE/$portal/login.xhtml")"
  view="$(grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' <<<"$page" | sed 's/.*value="//;s/"$//' | head -n 1)"
  curl -s -o /dev/null -c "$jar" -b "$jar" "$BASE/$portal/login.xhtml" \
    --data-urlencode "loginForm=loginForm" --data-urlencode "loginForm:loginName=$login" \
    --data-urlencode "loginForm:password=$PASSWORD" --data-urlencode "loginForm:submit=loginForm:submit" \
    --data-urlencode "jakarta.faces.ViewState=$view"
  local session
  session="$(awk '$6 == "JSESSIONID" {print $7}' "$jar" | tail -n 1)"
  [[ -n "$session" ]] || { echo "scan: could not log in to $portal as $login"; exit 2; }
  # A session cookie alone proves nothing (the login page sets one): the home page must open.
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$BASE/$portal/app/home.xhtml")" == 200 ]] ||
    { echo "scan: the $portal login as $login did not open its home page"; exit 2; }
  printf '{"127.0.0.1": {"/%s": {"JSESSIONID": {"value": "%s", "expires": null, "secure": false, "port": null, "version": 0}}}}\n' \
    "$portal" "$session" >"$work/$portal-cookies.json"
}

wapiti_scan() {
  local name="$1"; shift
  echo "scan: wapiti $name"
  wapiti --no-bugreport --flush-session --store-session "$work/wapiti-session" -u "$BASE/$1/" \
    -m "common,methods" --max-scan-time "$((MINUTES * 60))" --max-attack-time 20 \
    -f json -o "$work/wapiti-$name.json" "${@:2}" >"$work/wapiti-$name.log" 2>&1 ||
    { echo "scan: wapiti failed, see $work/wapiti-$name.log"; exit 2; }
}

# Anonymous: the whole server as a stranger sees it, from the three portals' login pages.
wapiti_scan anonymous resident --scope domain -s "$BASE/merchant/login.xhtml" \
  -s "$BASE/admin/login.xhtml"
login_cookies resident hanako@example.jp
wapiti_scan resident-logged-in resident --scope folder -c "$work/resident-cookies.json"
login_cookies merchant wakaba-owner
wapiti_scan merchant-logged-in merchant --scope folder -c "$work/merchant-cookies.json"
login_cookies admin city-admin
wapiti_scan admin-logged-in admin --scope folder -c "$work/admin-cookies.json"

# sqlmap: every parameter a terminal controls. The terminal's credential comes from the demo data.
secret="$(awk '$1 == "T0001" {print $3}' "$work/data/demo-logins.txt")"
auth="Authorization: Basic $(printf 'T0001:%s' "$secret" | base64 -w0)"
card=12345674 # the demo card member
sqlmap_scan() {
  local name="$1"; shift
  echo "scan: sqlmap $name"
  sqlmap --batch --flush-session --output-dir="$work/sqlmap" --level 3 --risk 2 \
    --headers="$auth" "$@" >"$work/sqlmap-$name.log" 2>&1 || true
}
sqlmap_scan payment -u "$BASE/merchant/api/v1/payments" --method POST \
  --headers="$auth
Idempotency-Key: scan-key*
Content-Type: application/json" \
  --data "{\"payer\":\"$card*\",\"service\":\"WAKABA_COIN*\",\"amount\":1}"
sqlmap_scan list -u "$BASE/merchant/api/v1/payments?from=2026-01-01T00:00*&to=2026-01-02T00:00*&limit=10*"
sqlmap_scan read -u "$BASE/merchant/api/v1/payments/abc*"

# The terminal must still be served, or sqlmap's "not injectable" meant only "refused".
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$BASE/merchant/api/v1/payments")" == 200 ]] ||
  { echo "scan: terminal T0001 was refused after sqlmap: its results would prove nothing"; exit 2; }

# Findings of medium or higher severity (wapiti levels: 2 medium, 3 high, 4 critical).
found=0
for report in "$work"/wapiti-*.json; do
  rows="$(python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
# Anomalies too: a 500 answer to an injected payload is a server error an attacker can cause.
for section in ("vulnerabilities", "anomalies"):
    for category, items in report.get(section, {}).items():
        for v in items:
            if int(v.get("level", 0)) >= 2:
                print(f"{category}: {v.get('method')} {v.get('path')} {v.get('parameter')} - {v.get('info')}")
PY
)"
  if [[ -n "$rows" ]]; then
    found=1
    echo "FINDING (wapiti $(basename "$report" .json)):"
    sed 's/^/  /' <<<"$rows"
  fi
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  ' + sys.argv[1].split('/')[-1] + ': ' + (', '.join(f'{k}={len(v)} (levels {sorted({int(x.get(\"level\",0)) for x in v})})' for s in ('vulnerabilities','anomalies') for k,v in r.get(s,{}).items() if v) or 'none'))" "$report"
done
for log in "$work"/sqlmap-*.log; do
  if grep -q "identified the following injection point" "$log"; then
    found=1
    echo "FINDING (sqlmap $(basename "$log" .log)): injectable, see $log"
  else
    echo "  $(basename "$log" .log): $(grep -oE 'all tested parameters do not appear to be injectable|[0-9]+ HTTP\(s\) requests' "$log" | tr '\n' ' ')"
  fi
done
if ((found)); then
  echo "scan: medium or higher findings (reports in $work)"
  exit 1
fi
echo "scan: no medium or higher finding (reports in $work)"
