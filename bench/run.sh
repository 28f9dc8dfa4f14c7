#!/usr/bin/env bash
# AppointEase benchmarks: one command, about 7 minutes on two cores, rewrites docs/benchmarks.md and docs/benchmarks/*.png.
#
# Starts private MariaDB and Redis exactly as scripts/test.sh does (scripts/lib/servers.sh), builds the WebApi and
# the bench tools in Release, runs the WebApi with production settings (MySql provider, Redis, Production
# environment, Warning logs) on a loopback port, seeds (the app's demo seeding), warms up, then measures:
#   baselines     bare Kestrel endpoint (bench/Baseline) with the heartbeat's requests, and with the select's
#                 requests doing one Redis SET each; redis-benchmark SET/GET
#   heartbeat     10/100/1000 clients, Redis mode and SQL mode, with and without If-None-Match
#   select, lock + release, availability (1 day, 31 days), confirm (100 concurrent, own slots) and its SQL-only
#   floor (MySqlConnector, same statements and concurrency), busy morning (200 clients, then the totals at
#   BENCH_BUSY_STEPS client counts, default "250 100 50": the highest rate with p99 < 100 ms)
#   RSS idle after start (BENCH_IDLE_SECONDS, default 15, no traffic) and peak RSS after the 1000-client heartbeats
#   (bench/memory.sh compares runtime settings on the same load), heartbeat payload size, failover detection / failback under load
#   failback sync of 10,000 SQL holds to Redis after an outage, 3 rounds (bench/failback.sh; exits 1 if unverified)
#   slot streams (SSE): peak RSS of a second, fresh instance holding 5,000 streams, and select on the first instance →
#   `selected` on 1,000 streams of the second (issue 19, acceptance 5; decision 133)
#   BenchmarkDotNet micro-benchmarks (slot grid, heartbeat serialization, request body binding)
# Everything is bounded (wrk -d, tool deadlines and caps) and talks to 127.0.0.1 only; every process it starts is
# stopped by pid on exit. Environment: BENCH_SECONDS (per wrk run, default 5), BENCH_SKIP_MICRO=1 to skip
# BenchmarkDotNet, BENCH_OUT (default docs) to write the report elsewhere, BENCH_KEEP=1 to keep the temp dir
# (logs of the app, wrk and the tools) for a look afterwards, BENCH_WARMUP_SECONDS (default 10, per warm-up run),
# BENCH_ONLY=failback, streams, confirm (the confirm and its floor) or select (select, lock + release and their two
# floors) or sql (the SQL-mode heartbeat and the bare endpoint at 100 and 1,000 clients) to run only that scenario
# (report to BENCH_OUT or a temp dir, never docs/); BENCH_CONFIRM_ROUNDS (default 3) the confirm's timed rounds, more of
# them to profile the app meanwhile (bench/README.md); BENCH_CONFIRM_WARMUP_SECONDS (default 60) of booking and cancelling
# before them, BENCH_CONFIRM_WARMUP_ROUNDS (default 1) untimed rounds after that (decision 135). To compare builds and
# runtime settings: BENCH_WEBAPI_DIR runs another build of the WebApi (e.g. a ReadyToRun publish), DOTNET_* variables
# reach the app, BENCH_TOOL_TC=0 runs the load tool without tiered compilation (its own JIT off the timed rounds). BENCH_STREAMS_MEMORY (5000) and BENCH_STREAMS_FANOUT (1000) set
# the stream counts of the slot-stream scenario.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
ONLY="${BENCH_ONLY:-}"
case "$ONLY" in
  ""|failback|streams|confirm|select|sql) ;;
  *) echo "bench: BENCH_ONLY='$ONLY' is not supported (only 'failback', 'streams', 'confirm', 'select' or 'sql')" >&2; exit 2 ;;
esac
# A partial run must never rewrite docs/benchmarks.md: without BENCH_OUT it writes to a fresh temp dir (kept).
if [ -n "$ONLY" ] && [ -z "${BENCH_OUT:-}" ]; then OUT="$(mktemp -d -t appointease-bench-partial.XXXXXX)"
else OUT="${BENCH_OUT:-$ROOT/docs}"; fi
THREADS=2
export BENCH_WRK_DIR="$ROOT/bench/wrk" BENCH_THREADS="$THREADS"
STARTED_AT=$(date +%s)

# shellcheck source=../scripts/lib/servers.sh
source "$ROOT/scripts/lib/servers.sh"
# shellcheck source=failback.sh
source "$ROOT/bench/failback.sh"
WORK="$(mktemp -d -t appointease-bench.XXXXXX)"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
APP_PID="" BASELINE_PID="" STREAMS_PID=""

log() { printf 'bench [%3ss]: %s\n' "$(( $(date +%s) - STARTED_AT ))" "$*" >&2; }

stop_pid() {   # stop_pid PID: TERM, wait up to 10 s, KILL; only our own children
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$APP_PID"; stop_pid "$BASELINE_PID"; stop_pid "$STREAMS_PID"
  ae_stop_all
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- tools and build -------------------------------------------------------------------------------------------
ae_ensure_server_packages
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
[ "${#missing[@]}" -eq 0 ] || ae_apt_install "${missing[@]}"
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

log "building the WebApi and bench tools (Release)"
dotnet build "$ROOT/bench/AppointEase.Bench.slnx" -c Release -nologo -v quiet -clp:ErrorsOnly >"$WORK/build.log" 2>&1 \
  || { tail -n 40 "$WORK/build.log" >&2; exit 1; }
WEBAPI_DIR="${BENCH_WEBAPI_DIR:-$ROOT/src/WebApi/bin/Release/net10.0}"
# The app's own assemblies must be the Release builds: a project missing from the solution is built in Debug and copied
# in unoptimised, which every scenario would then measure (decision 151).
# BENCH_WEBAPI_DIR names another build on purpose and is taken as it is.
if [ -z "${BENCH_WEBAPI_DIR:-}" ]; then
  for layer in Domain Application Infrastructure; do
    cmp -s "$WEBAPI_DIR/AppointEase.$layer.dll" "$ROOT/src/$layer/bin/Release/net10.0/AppointEase.$layer.dll" \
      || { log "AppointEase.$layer.dll in the WebApi's output is not its Release build (see bench/AppointEase.Bench.slnx)"; exit 1; }
  done
fi
BASELINE_DIR="$ROOT/bench/Baseline/bin/Release/net10.0"
LOADTOOL="$ROOT/bench/LoadTool/bin/Release/net10.0/AppointEase.Bench.LoadTool.dll"
MICRO="$ROOT/bench/Micro/bin/Release/net10.0/AppointEase.Bench.Micro.dll"

# --- servers ---------------------------------------------------------------------------------------------------
ae_start_mariadb
ae_start_redis
REDIS_PORT="${APPOINTEASE_TEST_REDIS##*:}"
ae_free_port >/dev/null; APP_PORT="$AE_PORT"
ae_free_port >/dev/null; BASELINE_PORT="$AE_PORT"
ae_free_port >/dev/null; STREAMS_PORT="$AE_PORT"
APP="http://127.0.0.1:$APP_PORT"
BASELINE="http://127.0.0.1:$BASELINE_PORT"
STREAMS="http://127.0.0.1:$STREAMS_PORT"

wait_ready() {   # wait_ready URL PID NAME
  local i
  for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready" || true)" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$WORK/$3.log" >&2; log "$3 exited during start-up"; return 1; }
    sleep 0.1
  done
  tail -n 30 "$WORK/$3.log" >&2; log "$3 not ready after 60 s"; return 1
}

# The production configuration, all through environment variables. Rate limits are raised far above what a few
# thousand requests per second from a handful of client ids need: the bench measures the code path, limiter
# included, not the limits (see bench/README.md).
# Production mode requires a sign-in code secret; the bench makes a throwaway one per run.
BENCH_OTP_SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
# A throwaway admin key too: the load tool reads the app's /metrics (the GC's allocated bytes per confirm) with it.
BENCH_ADMIN_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')"

# The stream limits (StreamsPerIp: 300 opens / 60 s per network) are raised too: the slot-stream scenario opens
# thousands of streams from 127.0.0.1.
# The database is migrated and seeded once by the migrate command, as docs/operations.md deploys (a release step);
# the instances then only serve: they check that the schema is current and neither migrate nor seed, so their memory
# holds no migration or seeding code (issue 20's idle and peak RSS are measured on such an instance).
webapi() {   # webapi URL REDIS [migrate]: the WebApi in the foreground with the bench's production settings (exec'd)
  cd "$WEBAPI_DIR"
  local seed=false
  [ "${3:-}" = migrate ] && seed=true
  exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$1" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
    Logging__LogLevel__AppointEase.Infrastructure.SlotState.Redis.RedisFailbackSync=Information \
    Database__Provider=MySql ConnectionStrings__Database="${APPOINTEASE_TEST_MYSQL}Database=appointease_bench;" \
    Database__MigrateOnStartup=false Database__SeedDemoData="$seed" Email__Mode=Pickup \
    ConnectionStrings__Redis="$2" Email__PickupDirectory="$WORK/mail" \
    Auth__OtpSecret="$BENCH_OTP_SECRET" Admin__ApiKeys__0__Id=bench \
    Admin__ApiKeys__0__KeyHash="$(printf %s "$BENCH_ADMIN_KEY" | sha256sum | cut -d' ' -f1)" \
    RateLimits__HeartbeatPerClient__PermitLimit=1000000 RateLimits__HeartbeatPerClient__WindowSeconds=60 \
    RateLimits__BookingPerIp__PermitLimit=1000000 RateLimits__BookingPerIp__WindowSeconds=60 \
    RateLimits__OtpPerIp__PermitLimit=1000000 RateLimits__OtpPerIp__WindowSeconds=60 \
    RateLimits__SlotsPerIp__PermitLimit=1000000 Holds__PerClient=100 Holds__PerNetwork=10000 \
    RateLimits__StreamsPerIp__PermitLimit=1000000 RateLimits__StreamsPerIp__WindowSeconds=60 \
    RateLimits__StreamsPerClient__PermitLimit=1000000 RateLimits__StreamsPerClient__WindowSeconds=60 \
    Security__ReadinessDetails=true \
    dotnet AppointEase.WebApi.dll ${3:+"$3"}
}

start_app() {   # start_app redis|sql
  local redis=""
  [ "$1" = redis ] && redis="$APPOINTEASE_TEST_REDIS"
  ( webapi "$APP" "$redis" ) >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  wait_ready "$APP" "$APP_PID" "app-$1"
  log "WebApi up in $1 mode (pid $APP_PID, $APP)"
}

start_baseline() {
  (
    cd "$BASELINE_DIR"
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASELINE" Logging__LogLevel__Default=Warning \
      BASELINE_REDIS="$APPOINTEASE_TEST_REDIS" dotnet AppointEase.Bench.Baseline.dll
  ) >"$WORK/baseline.log" 2>&1 &
  BASELINE_PID=$!
  wait_ready "$BASELINE" "$BASELINE_PID" baseline
}

# --- helpers ---------------------------------------------------------------------------------------------------
# Open weekdays from the day after tomorrow on (past the 60-minute notice whatever the hour): 20 for the load, the
# 21st for the round-trip probes, whose lock must not get in the load's way.
read -r BENCH_DATES PROBE_DATE <<<"$(/usr/bin/python3 - <<'PY'
import datetime
d = datetime.date.today() + datetime.timedelta(days=2)
out = []
while len(out) < 21:
    if d.weekday() < 5: out.append(d.isoformat())
    d += datetime.timedelta(days=1)
print(",".join(out[:20]), out[20])
PY
)"
export BENCH_DATES BENCH_EMPLOYEES=3
export BENCH_TIMES="09:00,09:30,10:00,10:30,11:00,13:00,13:30,14:00,14:30,15:00,15:30"

record() { printf '%s\n' "$1" >>"$RESULTS"; }
not_measured() { record "{\"scenario\":\"$1\",\"not_measured\":\"$2\"}"; log "$1: not measured ($2)"; }

# CPU time (user + system, in clock ticks) a process has used so far; 0 when it is gone or unknown.
cpu_ticks() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pid_from_file() { [ -n "${1:-}" ] && cat "$1" 2>/dev/null || true; }
# add_cpu "BEFORE" "AFTER": result lines on stdin, the same lines with the CPU per request of three_cpu_ticks' processes.
add_cpu() { /usr/bin/python3 "$ROOT/bench/cpu_per_request.py" "$(getconf CLK_TCK)" $1 $2; }
# "SERVER REDIS MARIADB" ticks: the process serving URL (the app or the bare endpoint), Redis and MariaDB.
three_cpu_ticks() {
  local server_pid
  case "$1" in "$APP") server_pid="$APP_PID" ;; "$BASELINE") server_pid="$BASELINE_PID" ;; *) server_pid="" ;; esac
  echo "$(cpu_ticks "$server_pid") $(cpu_ticks "$(pid_from_file "${APPOINTEASE_TEST_REDIS_PIDFILE:-}")")" \
    "$(cpu_ticks "$(pid_from_file "${APPOINTEASE_TEST_MYSQL_PIDFILE:-}")")"
}

# run_wrk SCENARIO CLIENTS SCRIPT URL [VAR=VALUE...]
# Besides wrk's figures, each result carries the CPU time per completed request of the server that answered, of Redis
# and of MariaDB over the run (issue 20): on two shared cores what the databases spend per request comes out of the
# same budget as the app's, and the bare endpoint spends none there.
run_wrk() {
  local scenario="$1" clients="$2" script="$3" url="$4" line before after; shift 4
  before="$(three_cpu_ticks "$url")"
  line="$(env BENCH_SCENARIO="$scenario" BENCH_CLIENTS="$clients" "$@" \
    wrk -t"$THREADS" -c"$clients" -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$ROOT/bench/wrk/$script" "$url" \
    2>&1 | tee "$WORK/wrk-$scenario.log" | sed -n 's/^BENCH_JSON //p')"
  after="$(three_cpu_ticks "$url")"
  if [ -z "$line" ]; then log "$scenario: wrk gave no result"; tail -n 5 "$WORK/wrk-$scenario.log" >&2; return 0; fi
  line="$(printf '%s' "$line" | add_cpu "$before" "$after")"
  record "$line"
  log "$scenario: $(printf '%s' "$line" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f req/s, p50 %.2f / p95 %.2f / p99 %.2f ms, %d errors" % (r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["errors"]))')"
}

warm_up() {   # warm_up SCENARIO CLIENTS SCRIPT URL [VAR=VALUE...]: run_wrk for BENCH_WARMUP_SECONDS (tiered JIT)
  local timed="$SECONDS_PER_RUN"
  SECONDS_PER_RUN="${BENCH_WARMUP_SECONDS:-10}"
  run_wrk "$@"
  SECONDS_PER_RUN="$timed"
}

run_tool() {   # [TOOL_NAME=NAME] run_tool SCENARIO ARGS... (LoadTool JSON lines into the results; NAME if not SCENARIO)
  local out name="${TOOL_NAME:-$1}"
  if out="$(env DOTNET_TieredCompilation="${BENCH_TOOL_TC:-1}" BENCH_ADMIN_KEY="$BENCH_ADMIN_KEY" dotnet "$LOADTOOL" "$@" --base "$APP" 2>"$WORK/tool-$name.err")"; then
    printf '%s\n' "$out" >>"$RESULTS"
    log "$name: $(printf '%s' "$out" | head -n 1 | cut -c1-220)"
  else
    log "$name: load tool failed"; tail -n 15 "$WORK/tool-$name.err" >&2
    not_measured "$name" "load tool failed: $(grep -m1 -E 'Exception|error' "$WORK/tool-$name.err" | tr -d '"\\' | cut -c1-160)"
  fi
}

warm_up_tool() {   # warm_up_tool SCENARIO ARGS...: the load tool against the app, its results dropped (tiered JIT)
  env DOTNET_TieredCompilation="${BENCH_TOOL_TC:-1}" BENCH_ADMIN_KEY="$BENCH_ADMIN_KEY" dotnet "$LOADTOOL" "$@" --base "$APP" \
    >/dev/null 2>"$WORK/tool-warmup-$1.err" || log "warm-up of $1 failed (see $WORK/tool-warmup-$1.err)"
}

with_cpu() {   # with_cpu COMMAND...: runs a command that appends to the results, then adds the CPU per request to its lines
  local lines before after kept
  lines="$(wc -l <"$RESULTS")" before="$(three_cpu_ticks "$APP")"
  "$@"
  after="$(three_cpu_ticks "$APP")"
  kept="$(head -n "$lines" "$RESULTS")"
  { [ -n "$kept" ] && printf '%s\n' "$kept"
    tail -n +"$((lines + 1))" "$RESULTS" | add_cpu "$before" "$after"
  } >"$RESULTS.new" && mv "$RESULTS.new" "$RESULTS"
}

# endpoint_exists METHOD PATH: a route that is not mapped answers 404 (405 for another method) to an empty body,
# a mapped one validates it (400/422).
endpoint_exists() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' -d '{}' "$APP$2")"
  [ "$code" != 404 ] && [ "$code" != 405 ]
}

# heartbeat ETags of every (date, employee) the wrk script uses, so If-None-Match carries the current value.
fetch_etag() {   # fetch_etag DATE EMPLOYEE → "DATE EMPLOYEE ETAG" (nothing when the call fails)
  local etag
  etag="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"date\":\"$1\",\"employeeId\":$2,\"clientId\":\"bench-etag-probe\"}" "$APP/api/v1/heartbeat" \
    | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')"
  [ -z "$etag" ] || printf '%s %s %s\n' "$1" "$2" "$etag"
}
fetch_etags() {
  local file="$WORK/etags.txt" date employee
  : >"$file"
  for date in ${BENCH_DATES//,/ }; do
    for employee in 1 2 3; do fetch_etag "$date" "$employee" >>"$file" & done
    wait
  done
  printf '%s' "$file"
}

# 10, 100, 1,000 clients without and (100, 1,000) with If-None-Match. The ETags are fetched before the 1,000-client
# runs, whose backlog would keep the app busy for a while after wrk stops.
heartbeat_suite() {   # heartbeat_suite MODE
  local mode="$1" etags
  run_wrk "heartbeat-$mode-c10" 10 heartbeat.lua "$APP"
  run_wrk "heartbeat-$mode-c100" 100 heartbeat.lua "$APP"
  etags="$(fetch_etags)"
  run_wrk "heartbeat-$mode-inm-c100" 100 heartbeat.lua "$APP" BENCH_ETAGS="$etags"
  run_wrk "heartbeat-$mode-c1000" 1000 heartbeat.lua "$APP"
  run_wrk "heartbeat-$mode-inm-c1000" 1000 heartbeat.lua "$APP" BENCH_ETAGS="$etags"
}

# Round trips per request, counted on the servers (noise-free, unlike timings): MariaDB's Questions and Redis's
# total_commands_processed before and after N sequential identical requests, minus what the app issues on its own
# (background loops, health checks) in an idle window measured just before, scaled to the same duration.
sql_questions() { mariadb --no-defaults -h127.0.0.1 -P"$AE_MARIADB_PORT" -uroot -N -e "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}'; }
redis_commands() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info stats 2>/dev/null | tr -d '\r' | awk -F: '$1 == "total_commands_processed" { print $2 }'; }
now_ms() { date +%s%3N; }
count_round_trips() {   # count_round_trips NAME METHOD PATH [JSON-BODY]
  local name="$1" method="$2" path="$3" body="${4:-}" n=10 i codes="" iq0 iq1 ir0 ir1 it0 it1 q0 q1 r0 r1 t0 t1
  round_trip_request() {   # the probe's request once; prints its status
    if [ -n "$body" ]; then
      curl -s -o /dev/null -w '%{http_code} ' -X "$method" -H 'Content-Type: application/json' -d "$body" "$APP$path"
    else
      curl -s -o /dev/null -w '%{http_code} ' -X "$method" "$APP$path"
    fi
  }
  # One request first, uncounted, after the settings and catalogue caches' 5 s: it reloads them in the foreground, and
  # the window below (~1.5 s) ends before their next reload, which starts in the background at half their life
  # (decision 146). Otherwise that reload (9 statements) lands in whichever probe is running at the time.
  sleep 5.2
  round_trip_request >/dev/null
  it0="$(now_ms)"; iq0="$(sql_questions)"; ir0="$(redis_commands || true)"
  sleep 1
  it1="$(now_ms)"; iq1="$(sql_questions)"; ir1="$(redis_commands || true)"
  t0="$(now_ms)"; q0="$(sql_questions)"; r0="$(redis_commands || true)"
  for i in $(seq 1 "$n"); do codes+="$(round_trip_request)"; done
  t1="$(now_ms)"; q1="$(sql_questions)"; r1="$(redis_commands || true)"
  record "$(/usr/bin/python3 - "$name" "$n" "$codes" "$it0,$it1,$iq0,$iq1,${ir0:-0},${ir1:-0}" "$t0,$t1,$q0,$q1,${r0:-0},${r1:-0}" <<'PY'
import json, sys
name, n, codes, idle, run = sys.argv[1:]
n = int(n)
it0, it1, iq0, iq1, ir0, ir1 = map(int, idle.split(","))
t0, t1, q0, q1, r0, r1 = map(int, run.split(","))
scale = (t1 - t0) / max(it1 - it0, 1)
# -1 each: the reading SHOW STATUS / INFO counts itself.
idle_sql, idle_redis = (iq1 - iq0 - 1) * scale, (ir1 - ir0 - 1) * scale
print(json.dumps({"scenario": "roundtrips-" + name, "requests": n,
    "sql_per_request": round(max(q1 - q0 - 1 - idle_sql, 0) / n, 1),
    "redis_per_request": round(max(r1 - r0 - 1 - idle_redis, 0) / n, 1),
    "idle_sql_per_s": round((iq1 - iq0 - 1) * 1000 / max(it1 - it0, 1), 1),
    "idle_redis_per_s": round((ir1 - ir0 - 1) * 1000 / max(it1 - it0, 1), 1),
    "statuses": " ".join(sorted(set(codes.split())))}))
PY
)"
}

# Slot streams (issue 19, acceptance 5; decision 133). Instance B: a second WebApi started like the first (same
# MariaDB + Redis, another port), fresh, so its VmHWM is the streams' alone. First BENCH_STREAMS_MEMORY (5,000) streams
# on B over the 60 (date, employee) days of the heartbeat runs, held 20 s (a keep-alive round), with selects through
# A; the tool reads B's VmRSS/VmHWM from /proc. Then, on the same (now warm) B, BENCH_STREAMS_FANOUT (1,000) streams:
# 20 warm-up selects, then 180 selects through A, one at a time; each stream of the selected day is one sample.
start_streams_app() {
  ( webapi "$STREAMS" "$APPOINTEASE_TEST_REDIS" ) >"$WORK/app-streams.log" 2>&1 &
  STREAMS_PID=$!
  wait_ready "$STREAMS" "$STREAMS_PID" app-streams
  # Ready (200) includes Degraded: a fresh instance whose first Redis health check raced the connection serves from
  # SQL until its monitor fails back, and a store switch mid-measurement turns the awaited events into a snapshot.
  local i mode=""
  for i in $(seq 1 300); do
    mode="$(curl -s -H 'Content-Type: application/json' -d "{\"date\":\"${BENCH_DATES%%,*}\",\"employeeId\":1,\"clientId\":\"bench-mode-probe\"}" \
      "$STREAMS/api/v1/heartbeat" | sed -n 's/.*"storageMode":"\([a-z]*\)".*/\1/p')"
    [ "$mode" = redis ] && break
    sleep 0.1
  done
  log "second WebApi (instance B, streams) up (pid $STREAMS_PID, $STREAMS), serving slot state from ${mode:-?}"
}
run_streams_tool() {   # run_streams_tool NAME ARGS...: the load tool's streams scenario, streams on B, selects on A
  local name="$1" out; shift
  if out="$(dotnet "$LOADTOOL" streams --name "$name" --base "$STREAMS" --select-base "$APP" --pid "$STREAMS_PID" \
      --dates "$BENCH_DATES" --employees "$BENCH_EMPLOYEES" --times "$BENCH_TIMES" "$@" 2>"$WORK/tool-$name.err")"; then
    printf '%s\n' "$out" >>"$RESULTS"
    log "$name: $(printf '%s' "$out" | head -n 1 | cut -c1-260)"
  else
    log "$name: load tool failed"; tail -n 15 "$WORK/tool-$name.err" >&2
    not_measured "$name" "load tool failed: $(tail -n 1 "$WORK/tool-$name.err" | tr -d '"\\' | cut -c1-160)"
  fi
}
streams_scenario() {
  local memory="${BENCH_STREAMS_MEMORY:-5000}" fanout="${BENCH_STREAMS_FANOUT:-1000}"
  if ! endpoint_exists GET /api/v1/slots/stream; then
    not_measured "streams-memory-c$memory" "endpoint not available in this build"
    not_measured "streams-fanout-c$fanout" "endpoint not available in this build"
    return 0
  fi
  log "slot streams: $memory streams on a fresh instance B (memory), then $fanout (select on A → event on B)"
  start_streams_app
  run_streams_tool "streams-memory-c$memory" --streams "$memory" --selects 60 --warmup-selects 0 --hold-seconds 20
  run_streams_tool "streams-fanout-c$fanout" --streams "$fanout" --selects 180 --warmup-selects 20
  stop_pid "$STREAMS_PID"; STREAMS_PID=""
}

vmhwm_kb() { awk '$1 == "VmHWM:" { print $2 }' "/proc/$1/status"; }
vmrss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }

confirm_scenario() {   # the confirm (100 at once, 3 rounds after a warm-up round) and its MySqlConnector floor
  local db_pid
  db_pid="$(pid_from_file "${APPOINTEASE_TEST_MYSQL_PIDFILE:-}")"
  run_tool confirm --clients 100 --rounds "${BENCH_CONFIRM_ROUNDS:-3}" --warmup-rounds "${BENCH_CONFIRM_WARMUP_ROUNDS:-1}" --warmup-seconds "${BENCH_CONFIRM_WARMUP_SECONDS:-60}" --app-pid "$APP_PID" --db-pid "${db_pid:-0}" --connection "${APPOINTEASE_TEST_MYSQL}Database=appointease_bench;"
  # The confirm's floor: the same SQL from MySqlConnector alone, same concurrency (issue 20; scratch floor_* tables).
  run_tool confirm-floor --clients 100 --rounds 3 --db-pid "${db_pid:-0}" --connection "${APPOINTEASE_TEST_MYSQL}Database=appointease_bench;"
}

redis_benchmark() {   # redis-benchmark SET/GET, 50 clients: the yardstick of select and lock
  log "redis-benchmark SET/GET (50 clients)"
  timeout 60 redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -t set,get -n 30000 -c 50 -r 100000 -d 64 --csv 2>/dev/null \
    | /usr/bin/python3 -c '
import csv, json, sys
for row in csv.DictReader(sys.stdin):
    print(json.dumps({"scenario": "redis-benchmark-" + row["test"].lower(), "clients": 50, "rps": float(row["rps"]),
        "p50_ms": float(row["p50_latency_ms"]), "p95_ms": float(row["p95_latency_ms"]), "p99_ms": float(row["p99_latency_ms"]),
        "max_ms": float(row["max_latency_ms"]), "errors": 0}))' >>"$RESULTS"
}

select_scenario() {   # select and lock → release at 50 clients, and the bare endpoint doing one Redis SET per select
  # Both endpoints get the same warm-up first, so neither is measured on code the tiered JIT has not optimised yet.
  warm_up warmup-select 50 select.lua "$APP"
  warm_up warmup-baseline-select 50 select.lua "$BASELINE"
  run_wrk select-c50 50 select.lua "$APP"
  run_wrk baseline-select-c50 50 select.lua "$BASELINE"
  # The lock path gets its warm-up too (untimed, results dropped): measured cold, a tenth of the app's CPU samples
  # during the lock run were the tiered JIT compiling it.
  warm_up_tool lock-release --clients 50 --seconds "${BENCH_WARMUP_SECONDS:-10}"
  with_cpu run_tool lock-release --clients 50 --seconds "$SECONDS_PER_RUN"
}

slot_round_trips() {   # select's and lock's statements and commands, on the probe date (away from the load's days)
  count_round_trips select-redis POST /api/v1/slots/select "{\"date\":\"$PROBE_DATE\",\"employeeId\":2,\"time\":\"10:00\",\"clientId\":\"bench-rt-0001\"}"
  count_round_trips lock-redis POST /api/v1/slots/lock "{\"date\":\"$PROBE_DATE\",\"employeeId\":2,\"time\":\"11:00\",\"clientId\":\"bench-rt-0001\"}"
}

# --- Redis mode ------------------------------------------------------------------------------------------------
case "$ONLY" in ""|select|sql) start_baseline ;; esac
( webapi "$APP" "$APPOINTEASE_TEST_REDIS" migrate ) >"$WORK/migrate.log" 2>&1 \
  || { tail -n 30 "$WORK/migrate.log" >&2; log "the migrate command failed"; exit 1; }
log "database migrated and seeded by the migrate command"
# BENCH_ONLY=sql measures only the SQL-mode instance it starts further down.
[ "$ONLY" = sql ] || start_app redis
# Issue 20: RSS idle after start-up (migrated, seeded, ready, then BENCH_IDLE_SECONDS without traffic).
if [ -z "$ONLY" ]; then
  sleep "${BENCH_IDLE_SECONDS:-15}"
  record "{\"scenario\":\"memory-idle\",\"vmhwm_kb\":$(vmhwm_kb "$APP_PID"),\"vmrss_kb\":$(vmrss_kb "$APP_PID"),\"idle_s\":${BENCH_IDLE_SECONDS:-15}}"
  log "WebApi idle after start: VmRSS $(( $(vmrss_kb "$APP_PID") / 1024 )) MB"
fi
# BENCH_ONLY=failback / streams skips everything up to that scenario (and the SQL mode and micro-benchmarks after it).
if [ -z "$ONLY" ]; then
  HAS_SLOTS=0; HAS_HEARTBEAT=0; HAS_CONFIRM=0
  endpoint_exists POST /api/v1/slots/select && HAS_SLOTS=1
  endpoint_exists POST /api/v1/heartbeat && HAS_HEARTBEAT=1
  endpoint_exists POST /api/v1/appointments && HAS_CONFIRM=1
  log "endpoints: slots=$HAS_SLOTS heartbeat=$HAS_HEARTBEAT appointments=$HAS_CONFIRM"
  NA="endpoint not available in this build"

  log "warming up"
  # Tiered JIT needs well over 3 s of load on two shared cores before the code is optimised (bench/README.md).
  warm_up warmup-baseline 50 heartbeat.lua "$BASELINE"
  [ "$HAS_HEARTBEAT" = 1 ] && warm_up warmup-heartbeat 50 heartbeat.lua "$APP"
  warm_up warmup-availability 20 availability.lua "$APP"

  log "round trips per request (10 sequential requests each)"
  D1="$PROBE_DATE"
  D31="$(/usr/bin/python3 -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=30))" "$D1")"
  count_round_trips availability-day GET "/api/v1/availability?date=$D1&employeeId=1&serviceId=3"
  count_round_trips availability-31d GET "/api/v1/availability?from=$D1&to=$D31&employeeId=1&serviceId=3"
  if [ "$HAS_HEARTBEAT" = 1 ]; then
    count_round_trips heartbeat-redis POST /api/v1/heartbeat "{\"date\":\"$D1\",\"employeeId\":2,\"clientId\":\"bench-rt-0001\"}"
  fi
  [ "$HAS_SLOTS" = 1 ] && slot_round_trips

  redis_benchmark

  for clients in 10 100 1000; do
    run_wrk "baseline-c$clients" "$clients" heartbeat.lua "$BASELINE"
  done

  if [ "$HAS_HEARTBEAT" = 1 ]; then
    heartbeat_suite redis
    record "{\"scenario\":\"memory\",\"vmhwm_kb\":$(vmhwm_kb "$APP_PID"),\"vmrss_kb\":$(vmrss_kb "$APP_PID"),\"after\":\"heartbeat 10/100/1000 clients, Redis mode\"}"
    record "{\"scenario\":\"memory-baseline\",\"vmhwm_kb\":$(vmhwm_kb "$BASELINE_PID"),\"vmrss_kb\":$(vmrss_kb "$BASELINE_PID")}"
    size="$(curl -s -o "$WORK/heartbeat.json" -D "$WORK/heartbeat.headers" -w '%{size_download} %{size_header}' \
      -H 'Content-Type: application/json' \
      -d "{\"date\":\"${BENCH_DATES%%,*}\",\"employeeId\":1,\"clientId\":\"bench-payload-probe\",\"selectedTime\":\"09:00\"}" \
      "$APP/api/v1/heartbeat")"
    record "{\"scenario\":\"payload\",\"body_bytes\":${size% *},\"header_bytes\":${size#* },\"body\":$(cat "$WORK/heartbeat.json")}"
    # The probe selected 09:00 of the first day; the streams scenario's first select is that slot, and a slot someone
    # else already selects is no change to show (so its streams would wait for an event that correctly never comes).
    curl -s -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"date\":\"${BENCH_DATES%%,*}\",\"employeeId\":1,\"time\":\"09:00\",\"clientId\":\"bench-payload-probe\"}" \
      "$APP/api/v1/slots/deselect"
  else
    for s in heartbeat-redis-c100 heartbeat-redis-c1000 heartbeat-redis-inm-c100 heartbeat-redis-inm-c1000 memory payload; do
      not_measured "$s" "$NA"
    done
  fi

  # Slot streams next to the heartbeat (polling) figures; needs select too.
  if [ "$HAS_SLOTS" = 1 ]; then streams_scenario
  else not_measured "streams-memory-c${BENCH_STREAMS_MEMORY:-5000}" "$NA"; not_measured "streams-fanout-c${BENCH_STREAMS_FANOUT:-1000}" "$NA"; fi

  if [ "$HAS_SLOTS" = 1 ]; then select_scenario
  else
    not_measured select-c50 "$NA"; not_measured lock "$NA"; not_measured release "$NA"
  fi

  run_wrk availability-day-c50 50 availability.lua "$APP" BENCH_RANGE_DAYS=1
  run_wrk availability-31d-c20 20 availability.lua "$APP" BENCH_RANGE_DAYS=31

  if [ "$HAS_SLOTS" = 1 ] && [ "$HAS_CONFIRM" = 1 ]; then confirm_scenario; else not_measured confirm "$NA"; fi

  if [ "$HAS_SLOTS" = 1 ] && [ "$HAS_HEARTBEAT" = 1 ] && [ "$HAS_CONFIRM" = 1 ]; then
    run_tool busy-morning --clients 200 --seconds 10
    # Issue 20: the highest rate the mix sustains with p99 < 100 ms. Closed loop, so the rate is set by the client
    # count: a few more counts around the 200 above, 10 s each, only their totals recorded. Each client needs two free
    # slots of its own, so the largest count goes first and each books at most 20 (550-650 slots are left here).
    for clients in ${BENCH_BUSY_STEPS:-250 100 50}; do
      TOOL_NAME="busy-morning-c$clients" run_tool busy-morning --clients "$clients" --seconds 10 --max-bookings 20 \
        --name "busy-morning-c$clients" --total-only
    done
  else
    not_measured busy-morning "$NA"
  fi

  if [ "$HAS_HEARTBEAT" = 1 ]; then
    run_tool failover --clients 20 --interval-ms 20 --outage-seconds 5 \
      --kill-cmd "kill -9 \$(cat '$APPOINTEASE_TEST_REDIS_PIDFILE')" --restart-cmd "bash '$APPOINTEASE_TEST_REDIS_RESTART'"
  else
    not_measured failover "$NA"
  fi
fi

if [ "$ONLY" = streams ]; then streams_scenario; fi
if [ "$ONLY" = confirm ]; then confirm_scenario; fi
if [ "$ONLY" = select ]; then redis_benchmark; select_scenario; slot_round_trips; fi
# After the failover scenario: the failback sync of 10,000 SQL holds (bench/failback.sh).
if [ -z "$ONLY" ] || [ "$ONLY" = failback ]; then failback_scenario; fi
stop_pid "$APP_PID"; APP_PID=""

# --- SQL mode --------------------------------------------------------------------------------------------------
sql_heartbeat_scenario() {
  start_app sql
  # A fresh process: the same JIT warm-up as the Redis-mode app gets, or the c100 run measures tier-0 code.
  warm_up warmup-heartbeat-sql 50 heartbeat.lua "$APP"
  count_round_trips heartbeat-sql POST /api/v1/heartbeat "{\"date\":\"$PROBE_DATE\",\"employeeId\":2,\"clientId\":\"bench-rt-0001\"}"
  heartbeat_suite sql
  stop_pid "$APP_PID"; APP_PID=""
}
if [ "$ONLY" = sql ]; then
  # The bare endpoint at the same client counts, for the ratios the report gives the SQL mode.
  warm_up warmup-baseline 50 heartbeat.lua "$BASELINE"
  for clients in 100 1000; do run_wrk "baseline-c$clients" "$clients" heartbeat.lua "$BASELINE"; done
  sql_heartbeat_scenario
elif [ -n "$ONLY" ]; then
  :
elif [ "$HAS_HEARTBEAT" = 1 ]; then
  sql_heartbeat_scenario
else
  for s in heartbeat-sql-c100 heartbeat-sql-c1000 heartbeat-sql-inm-c100 heartbeat-sql-inm-c1000; do not_measured "$s" "$NA"; done
fi
stop_pid "$BASELINE_PID"; BASELINE_PID=""

# --- micro-benchmarks ------------------------------------------------------------------------------------------
MICRO_MD="$WORK/micro.md"
: >"$MICRO_MD"
if [ "${BENCH_SKIP_MICRO:-0}" != 1 ] && [ -z "$ONLY" ]; then
  log "BenchmarkDotNet micro-benchmarks (short in-process job)"
  if (cd "$WORK" && dotnet "$MICRO" --filter '*' --artifacts "$WORK/bdn" >"$WORK/micro.log" 2>&1); then
    cat "$WORK"/bdn/results/*-report-github.md >"$MICRO_MD" 2>/dev/null || true
  else
    tail -n 20 "$WORK/micro.log" >&2; log "micro-benchmarks failed"
  fi
fi

# --- report ----------------------------------------------------------------------------------------------------
mkdir -p "$OUT/benchmarks"
TOTAL=$(( $(date +%s) - STARTED_AT ))
/usr/bin/python3 "$ROOT/bench/report.py" --results "$RESULTS" --micro "$MICRO_MD" --out "$OUT" \
  --plots-data "$WORK" --duration "$TOTAL" --wrk-seconds "$SECONDS_PER_RUN" --root "$ROOT" --only "$ONLY"
# A partial run has no latency or throughput data to plot.
[ -n "$ONLY" ] || gnuplot -e "datadir='$WORK'; outdir='$OUT/benchmarks'" "$ROOT/bench/plots.gp"
cp "$RESULTS" "$OUT/benchmarks/results.jsonl"
log "done in $(( $(date +%s) - STARTED_AT )) s: $OUT/benchmarks.md, $OUT/benchmarks/*.png"
if [ -n "$FAILBACK_FAILED" ]; then
  log "FAILED: failback scenario: $FAILBACK_FAILED"
  exit 1
fi
