#!/usr/bin/env bash
# Sequential SQL-mode heartbeat probe (bench/README.md). Not part of bench/run.sh.
#   bench/probes/sql-heartbeat-probe.sh <published or built WebApi dir> [direct|proxy]
# Starts that WebApi build in Production mode on MariaDB ($APPOINTEASE_TEST_MYSQL, a throwaway database
# sqlhb_probe) without Redis, waits for /health/ready, then sends N (default 200) sequential heartbeats over one
# keep-alive connection, with selectedTime 10:00 and without. "proxy" puts count_proxy.py between the app and
# MariaDB and also prints the client->server reads (≈ round trips) per heartbeat; latency is then inflated by the
# proxy, so take latencies from a "direct" run. WRK=1 adds a 5 s wrk run at 100 clients of bench/wrk/heartbeat.lua,
# or of WRK_SCRIPT (e.g. bench/probes/heartbeat_select.lua: every heartbeat with a selected time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir=$1; via=${2:-direct}; APPPORT=${APPPORT:-5391}; PROXYPORT=${PROXYPORT:-5392}; DB=sqlhb_probe; N=${N:-200}
: "${APPOINTEASE_TEST_MYSQL:?source the test server environment first}"
field() { sed -E "s/.*$1=([^;]*);.*/\1/I" <<<"$APPOINTEASE_TEST_MYSQL"; }
sql() { MYSQL_PWD="$(field Password)" mariadb -h "$(field Server)" -P "$(field Port)" -u "$(field 'User ID')" -e "$1"; }
work=$(mktemp -d)
if [ "$via" = proxy ]; then
  python3 "$here/count_proxy.py" "$PROXYPORT" "$(field Server)" "$(field Port)" "$work/count" & PROXY=$!
  CS=$(sed -E "s/Port=[0-9]+/Port=$PROXYPORT/" <<<"$APPOINTEASE_TEST_MYSQL")"Database=$DB;"; COUNT_FILE=$work/count
else
  PROXY=; CS="${APPOINTEASE_TEST_MYSQL}Database=$DB;"; COUNT_FILE=
fi
sql "DROP DATABASE IF EXISTS $DB"
(cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$APPPORT \
  Logging__LogLevel__Default=Warning Database__Provider=MySql ConnectionStrings__Database="$CS" ConnectionStrings__Redis= \
  Database__MigrateOnStartup=true Database__SeedDemoData=true Email__Mode=Pickup Email__PickupDirectory="$work/mail" Auth__OtpSecret=probe-secret-probe-secret-probe-secret-0123 \
  RateLimits__HeartbeatPerClient__PermitLimit=1000000 RateLimits__HeartbeatPerClient__WindowSeconds=60 \
  dotnet AppointEase.WebApi.dll >"$work/app.log" 2>&1) & APP=$!
trap 'kill $APP $PROXY 2>/dev/null; wait $APP $PROXY 2>/dev/null || true; sql "DROP DATABASE IF EXISTS '$DB'"; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$APPPORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
echo "== $dir ($via)  $(date -u +%FT%TZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
APP_PID=$(pgrep -P "$APP" -f AppointEase.WebApi.dll || echo "$APP")
APP_PID=$APP_PID python3 "$here/heartbeat_probe.py" "$APPPORT" "$N" 10:00 $COUNT_FILE
APP_PID=$APP_PID python3 "$here/heartbeat_probe.py" "$APPPORT" "$N" - $COUNT_FILE
if [ "${WRK:-0}" = 1 ]; then
  dates=$(python3 -c "import datetime as d
t=d.date.today()+d.timedelta(days=2); r=[]
while len(r)<3:
    r+=[t.isoformat()] if t.weekday()<5 else []; t+=d.timedelta(days=1)
print(','.join(r))")
  BENCH_WRK_DIR="$here/../wrk" BENCH_SCENARIO=probe BENCH_CLIENTS=100 BENCH_DATES=$dates BENCH_EMPLOYEES=3 BENCH_THREADS=2 \
    BENCH_TIMES=09:00,09:30,10:00,10:30,11:00 wrk -t2 -c100 -d5s -s "${WRK_SCRIPT:-$here/../wrk/heartbeat.lua}" "http://127.0.0.1:$APPPORT" | grep BENCH_JSON
fi
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
