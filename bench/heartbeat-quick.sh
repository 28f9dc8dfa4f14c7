#!/usr/bin/env bash
# Quick before/after probe of the Redis-mode heartbeat, for iterating on its cost without the full bench/run.sh.
# Uses servers that are already running (APPOINTEASE_TEST_MYSQL / _REDIS, e.g. `source /work/devsrv.env`), a fresh
# database and Redis key prefix of its own (dropped / left to expire afterwards), the WebApi's Release output (build it
# first: `dotnet build src/WebApi -c Release`) and, with HBQ_BASELINE=1, bench/Baseline's Release output.
# Same production settings and wrk script as bench/run.sh; prints one line per run with date and load average.
#
#   HBQ_CLIENTS=100 HBQ_SECONDS=10 HBQ_RUNS=2 bench/heartbeat-quick.sh
#   HBQ_WARMUP=15    seconds of wrk warm-up before the measured runs (tiered JIT settles in the first ~20 s)
#   HBQ_SCRIPT=select.lua  another bench/wrk script against the same app (select.lua: the select; the rate limits are
#                    lifted as in bench/run.sh), for the same CPU and allocation figures per request
#   HBQ_INM=1        send If-None-Match with the current ETags (304 path)
#   HBQ_TRACE=FILE   take a dotnet-trace (sampled thread time, speedscope too) of the app during the last heartbeat run
#   HBQ_PERF=FILE    record CPU samples of the app with Linux perf (-g, 499 Hz) during the last heartbeat run; the app
#                    then runs with DOTNET_PerfMapEnabled=1 so JIT-compiled frames have names (perf report -i FILE)
#   HBQ_EXTRA_ENV    more VAR=value settings for the app (e.g. DOTNET_gcConcurrent=0)
#   HBQ_APP_DIR      another build output of the WebApi (e.g. an older commit built elsewhere), for back-to-back comparisons
#   HBQ_TELEMETRY=1  telemetry overhead in the same run: the app runs with traces on (OTEL_EXPORTER_OTLP_ENDPOINT set to
#                    a closed loopback port, so every span is recorded and batched; export fails quietly) plus metrics,
#                    and a second app with Telemetry__Enabled=false runs beside it; each measured round runs both,
#                    alternating "heartbeat" (telemetry on) and "heartbeat-telemetry-off"; a last line gives the cost
# "KB/req" is the GC's allocated bytes (the app's /metrics, read with an admin key of the run) over the requests.
# "cpu µs/req" is the app process's own CPU time (utime+stime) over the run divided by the requests wrk completed:
# less sensitive to the other load on a shared machine than req/s, though not immune (cache, frequency).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${APPOINTEASE_TEST_MYSQL:?source the dev server env first}" "${APPOINTEASE_TEST_REDIS:?}"
SCRIPT="${HBQ_SCRIPT:-heartbeat.lua}"
CLIENTS="${HBQ_CLIENTS:-100}" SECONDS_PER_RUN="${HBQ_SECONDS:-10}" RUNS="${HBQ_RUNS:-2}"
ID="hbq$$"
DB="appointease_$ID"
PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BPORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
OPORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
APP="http://127.0.0.1:$PORT" BASE="http://127.0.0.1:$BPORT" OFF="http://127.0.0.1:$OPORT"
WORK="$(mktemp -d -t appointease-hbq.XXXXXX)"
APP_PID="" BASE_PID="" OFF_PID=""
MYSQL_ARGS=()
while IFS='=' read -r k v; do
  case "$k" in Server) MYSQL_ARGS+=(-h "$v");; Port) MYSQL_ARGS+=(-P "$v");; "User ID") MYSQL_ARGS+=(-u "$v");; Password) MYSQL_ARGS+=("-p$v");; esac
done < <(tr ';' '\n' <<<"$APPOINTEASE_TEST_MYSQL")

stop_pid() { local p="$1"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0; kill -TERM "$p"; wait "$p" 2>/dev/null || true; }
cleanup() {
  stop_pid "$APP_PID"; stop_pid "$BASE_PID"; stop_pid "$OFF_PID"
  mariadb "${MYSQL_ARGS[@]}" -e "DROP DATABASE IF EXISTS \`$DB\`" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready" || true)" = 200 ] && return 0; sleep 0.1; done; echo "not ready: $1" >&2; return 1; }

OTLP_ENV=""
if [ "${HBQ_TELEMETRY:-0}" = 1 ]; then
  OTLP_ENV="OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
fi
# An admin key of this run only, to read the app's /metrics (the GC's allocated bytes).
ADMIN_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')"
ADMIN_KEY_HASH="$(printf %s "$ADMIN_KEY" | sha256sum | cut -d' ' -f1)"
start_app() {   # start_app URL LOGFILE EXTRA_ENV...
  local url="$1" log="$2"; shift 2
  (
  cd "${HBQ_APP_DIR:-$ROOT/src/WebApi/bin/Release/net10.0}"
  exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
    Database__Provider=MySql ConnectionStrings__Database="${APPOINTEASE_TEST_MYSQL}Database=$DB;" \
    ConnectionStrings__Redis="$APPOINTEASE_TEST_REDIS" Redis__KeyPrefix="$ID" Jobs__RedisPrefix="$ID-jobs" \
    Database__MigrateOnStartup=true Database__SeedDemoData=true Email__Mode=Pickup Email__PickupDirectory="$WORK/mail" Auth__OtpSecret="$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
    RateLimits__HeartbeatPerClient__PermitLimit=1000000 RateLimits__HeartbeatPerClient__WindowSeconds=60 \
    RateLimits__SlotsPerIp__PermitLimit=1000000 Holds__PerClient=100 Holds__PerNetwork=10000 \
    Admin__ApiKeys__0__Id=hbq Admin__ApiKeys__0__KeyHash="$ADMIN_KEY_HASH" \
    ${HBQ_PERF:+DOTNET_PerfMapEnabled=1} ${HBQ_EXTRA_ENV:-} "$@" dotnet AppointEase.WebApi.dll
  ) >"$log" 2>&1 &
}
start_app "$APP" "$WORK/app.log" $OTLP_ENV
APP_PID=$!
wait_ready "$APP" || { tail -n 30 "$WORK/app.log" >&2; exit 1; }
echo "app pid $APP_PID at $APP (db $DB)" >&2
IDLE_RSS="$(awk '/VmRSS/{print $2 $3}' /proc/$APP_PID/status)"
if [ "${HBQ_BASELINE:-0}" = 1 ]; then
  ( cd "$ROOT/bench/Baseline/bin/Release/net10.0"
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" Logging__LogLevel__Default=Warning dotnet AppointEase.Bench.Baseline.dll
  ) >"$WORK/baseline.log" 2>&1 &
  BASE_PID=$!
  wait_ready "$BASE"
fi

read -r BENCH_DATES <<<"$(/usr/bin/python3 - <<'PY'
import datetime
d = datetime.date.today() + datetime.timedelta(days=2); out = []
while len(out) < 20:
    if d.weekday() < 5: out.append(d.isoformat())
    d += datetime.timedelta(days=1)
print(",".join(out))
PY
)"
export BENCH_DATES BENCH_EMPLOYEES=3 BENCH_THREADS=2 BENCH_WRK_DIR="$ROOT/bench/wrk"
export BENCH_TIMES="09:00,09:30,10:00,10:30,11:00,13:00,13:30,14:00,14:30,15:00,15:30"
if [ "${HBQ_INM:-0}" = 1 ]; then
  for d in ${BENCH_DATES//,/ }; do for e in 1 2 3; do
    printf '%s %s %s\n' "$d" "$e" "$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"date\":\"$d\",\"employeeId\":$e,\"clientId\":\"hbq-etag-probe\"}" "$APP/api/v1/heartbeat" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')"
  done; done >"$WORK/etags"
  export BENCH_ETAGS="$WORK/etags"
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, in clock ticks
allocated_bytes() {   # allocated_bytes URL: the GC's total allocated bytes so far (0 for the baseline, which has no /metrics)
  curl -s --max-time 10 -H "X-Admin-Key: $ADMIN_KEY" "$1/metrics" \
    | sed -n 's/^dotnet_gc_heap_total_allocated_bytes_total\({[^}]*}\)\{0,1\} \([0-9.eE+]*\).*/\2/p' | head -n 1 | grep . || echo 0
}

run() {   # run NAME URL SECONDS PID
  local line before after abefore aafter
  before="$(cpu_ticks "$4")" abefore="$(allocated_bytes "$2")"
  line="$(BENCH_SCENARIO="$1" BENCH_CLIENTS="$CLIENTS" wrk -t2 -c"$CLIENTS" -d"${3}s" --timeout 5s -s "$ROOT/bench/wrk/$SCRIPT" "$2" | sed -n 's/^BENCH_JSON //p')"
  after="$(cpu_ticks "$4")" aafter="$(allocated_bytes "$2")"
  printf '%s %s load=%s %s\n' "$(date -u +%FT%TZ)" "$1" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)" \
    "$(CPU_S="$(( after - before ))/$(getconf CLK_TCK)" ALLOC="$abefore $aafter" /usr/bin/python3 -c 'import json,os,sys; r=json.load(sys.stdin); n,d=os.environ["CPU_S"].split("/"); cpu=int(n)/int(d); a0,a1=map(float,os.environ["ALLOC"].split()); req=max(1,r["requests"]); print("c=%d %.0f req/s p50 %.2f p95 %.2f p99 %.2f ms 2xx=%d 304=%d other=%d cpu %.1f s = %.0f us/req, %.1f KB/req %s" % (r["clients"], r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["status_2xx"], r["status_304"], r["status_other"], cpu, cpu*1e6/req, (a1-a0)/1024/req, r["first_error"]))' <<<"$line")"
}

run warmup "$APP" "${HBQ_WARMUP:-15}" "$APP_PID" >/dev/null
[ -n "$BASE_PID" ] && run warmup-baseline "$BASE" 3 "$BASE_PID" >/dev/null
if [ "${HBQ_TELEMETRY:-0}" = 1 ]; then
  # Same database and key prefix: both instances see the same days, holds and cached bookings.
  start_app "$OFF" "$WORK/app-off.log" Telemetry__Enabled=false
  OFF_PID=$!
  wait_ready "$OFF" || { tail -n 30 "$WORK/app-off.log" >&2; exit 1; }
  run warmup-telemetry-off "$OFF" "${HBQ_WARMUP:-15}" "$OFF_PID" >/dev/null
fi
for i in $(seq 1 "$RUNS"); do
  if [ "$i" = "$RUNS" ] && [ -n "${HBQ_TRACE:-}" ]; then
    dotnet-trace collect -p "$APP_PID" --profile dotnet-sampled-thread-time --format Speedscope \
      --duration "00:00:00:$(printf %02d "$SECONDS_PER_RUN")" -o "$HBQ_TRACE" >"$WORK/trace.log" 2>&1 &
    TRACE_PID=$!
    sleep 1
  fi
  if [ "$i" = "$RUNS" ] && [ -n "${HBQ_PERF:-}" ]; then
    perf record -F 499 -g -p "$APP_PID" -o "$HBQ_PERF" -- sleep "$((SECONDS_PER_RUN - 1))" >"$WORK/perf.log" 2>&1 &
    PERF_PID=$!
  fi
  run "heartbeat" "$APP" "$SECONDS_PER_RUN" "$APP_PID"
  [ -n "${PERF_PID:-}" ] && { wait "$PERF_PID" || tail -n 5 "$WORK/perf.log" >&2; PERF_PID=""; }
  [ -n "${TRACE_PID:-}" ] && { wait "$TRACE_PID" || tail -n 5 "$WORK/trace.log" >&2; TRACE_PID=""; }
  [ -n "$BASE_PID" ] && run "baseline" "$BASE" "$SECONDS_PER_RUN" "$BASE_PID"
  [ -n "$OFF_PID" ] && run "heartbeat-telemetry-off" "$OFF" "$SECONDS_PER_RUN" "$OFF_PID"
done | tee "$WORK/runs"
if [ -n "$OFF_PID" ]; then
  /usr/bin/python3 - "$WORK/runs" <<'PY'
import re, sys
on, off = [], []
for line in open(sys.argv[1]):
    m = re.search(r" (heartbeat(?:-telemetry-off)?) load=\S+ c=\d+ (\d+) req/s .* = (\d+) us/req", line)
    if m: (off if m.group(1).endswith("off") else on).append((int(m.group(2)), int(m.group(3))))
if on and off:
    ron, roff = sum(r for r, _ in on) / len(on), sum(r for r, _ in off) / len(off)
    con, coff = sum(c for _, c in on) / len(on), sum(c for _, c in off) / len(off)
    print("telemetry overhead: on %.0f req/s vs off %.0f req/s (%+.1f %% throughput), cpu %.0f vs %.0f us/req (%+.1f %%)"
          % (ron, roff, (ron / roff - 1) * 100, con, coff, (con / coff - 1) * 100))
PY
fi
printf 'app VmRSS when ready %s, VmHWM %s, VmRSS %s, threads %s, smaps: %s\n' "$IDLE_RSS" "$(awk '/VmHWM/{print $2 $3}' /proc/$APP_PID/status)" \
  "$(awk '/VmRSS/{print $2 $3}' /proc/$APP_PID/status)" "$(awk '/Threads/{print $2}' /proc/$APP_PID/status)" \
  "$(awk '/^(Anonymous|Shared_Clean|Private_Clean|Private_Dirty):/{printf "%s %s%s ", $1, $2, $3}' /proc/$APP_PID/smaps_rollup)"
