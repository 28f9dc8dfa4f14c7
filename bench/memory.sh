#!/usr/bin/env bash
# Memory of the WebApi under the heartbeat, one runtime configuration after another with the same load (issue 20).
#
# Starts private MariaDB and Redis as bench/run.sh does (scripts/lib/servers.sh), then for each variant: starts the
# Release WebApi with run.sh's production settings plus the variant's environment (DOTNET_gcServer, DOTNET_TieredPGO,
# ...), on a fresh database (migrated and seeded by the app, or first by its migrate command: MEM_MIGRATE) and an emptied Redis, and records
#   start       ms from spawn to /health/ready 200
#   idle        after MEM_IDLE_SECONDS without traffic: VmRSS, VmHWM, threads, anonymous vs file-backed RSS
#               (/proc/PID/status, /proc/PID/smaps_rollup) and the GC's view (committed bytes and heap size after the
#               last collection, from the app's own /metrics: OpenTelemetry's runtime instrumentation)
#   load        run.sh's heartbeat suite with its wrk script: warm-up (50 clients, BENCH_WARMUP_SECONDS), then
#               10, 100, 100 with If-None-Match, 1,000, 1,000 with If-None-Match clients, BENCH_SECONDS each
#   peak        VmHWM after the suite (the figure of the "peak RSS < 200 MB at 1,000 clients" target), VmRSS, the
#               same /proc and GC figures, req/s and p99 at 100 and 1,000 clients, the app's CPU µs per request
# and prints one table at the end; smaps-N-NAME-{idle,after-load}.txt list resident kB per mapped file.
# MEM_BASELINE=1 adds the bare Kestrel yardstick (bench/Baseline) as a variant.
#
#   bench/memory.sh                                       every built-in variant once
#   MEM_VARIANTS="default svr-datas" MEM_ROUNDS=2 bench/memory.sh
#   MEM_VARIANTS="default mine:DOTNET_GCgen0size=0x200000,DOTNET_TieredPGO=0" bench/memory.sh   (NAME:VAR=v,VAR=v)
#
# Environment: MEM_VARIANTS (names below or NAME:VAR=v,...; default all), MEM_ROUNDS (1; rounds interleave the
# variants), MEM_IDLE_SECONDS (20), BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (10), MEM_OUT (report dir; default a new
# temp dir), MEM_BUILD (1: dotnet build the WebApi and Baseline in Release with -p:SkipWidgetBuild=true first),
# MEM_BASELINE (0), MEM_APP_DIR (another WebApi build output), MEM_KEEP (1 keeps the temp dir with logs),
# MEM_MIGRATE (startup: the instance migrates and seeds its fresh database itself; command: `migrate` first, then an
# instance that only serves, as bench/run.sh and docs/operations.md run it; decision 148).
# Etiquette on a shared machine (defaults): before each variant wait until the 1-minute load average is below
# MEM_MAX_LOAD (1.0), polling every 30 s for at most MEM_LOAD_WAIT_SECONDS (1200), then measure anyway and record
# the load; hold an exclusive flock on MEM_LOCK (/tmp/appointease-bench.lock; empty = none) while a variant runs.
# All traffic is on 127.0.0.1; every process started here is stopped by pid on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"
IDLE_SECONDS="${MEM_IDLE_SECONDS:-20}"
ROUNDS="${MEM_ROUNDS:-1}"
MAX_LOAD="${MEM_MAX_LOAD:-1.0}"
LOAD_WAIT="${MEM_LOAD_WAIT_SECONDS:-1200}"
LOCK="${MEM_LOCK-/tmp/appointease-bench.lock}"
MIGRATE="${MEM_MIGRATE:-startup}"
OUT="${MEM_OUT:-$(mktemp -d -t appointease-memory.XXXXXX)}"
mkdir -p "$OUT"
THREADS=2
export BENCH_WRK_DIR="$ROOT/bench/wrk" BENCH_THREADS="$THREADS"
STARTED_AT=$(date +%s)

# Built-in variants: name → environment (comma-separated). The GC's DOTNET_ numbers are hexadecimal.
declare -A VARIANT_ENV=(
  [default]=""
  [wks-nonconcurrent]="DOTNET_gcConcurrent=0"
  [svr-datas]="DOTNET_gcServer=1,DOTNET_GCDynamicAdaptationMode=1"
  [svr-nodatas]="DOTNET_gcServer=1,DOTNET_GCDynamicAdaptationMode=0"
  [conserve5]="DOTNET_GCConserveMemory=5"
  [gen0-4mb]="DOTNET_GCgen0size=0x400000"
  [gen0-32mb]="DOTNET_GCgen0size=0x2000000"
  [gen0-64mb]="DOTNET_GCgen0size=0x4000000"
  [pgo-off]="DOTNET_TieredPGO=0"
  [tc-off]="DOTNET_TieredCompilation=0"
  [heap-limit-96mb]="DOTNET_GCHeapHardLimit=0x6000000"
  # JIT'd code and loader heaps live in /memfd:doublemapper (file-backed in smaps) while W^X is on.
  [wx-off]="DOTNET_EnableWriteXorExecute=0"
)
ALL_VARIANTS="default gen0-32mb gen0-64mb wks-nonconcurrent svr-datas svr-nodatas conserve5 gen0-4mb pgo-off tc-off wx-off heap-limit-96mb"
VARIANTS="${MEM_VARIANTS:-$ALL_VARIANTS}"
[ "${MEM_BASELINE:-0}" = 1 ] && VARIANTS="baseline $VARIANTS"

# shellcheck source=../scripts/lib/servers.sh
source "$ROOT/scripts/lib/servers.sh"
WORK="$(mktemp -d -t appointease-memory-work.XXXXXX)"
RESULTS="$OUT/memory.jsonl"
: >"$RESULTS"
APP_PID=""

log() { printf 'memory [%4ss]: %s\n' "$(( $(date +%s) - STARTED_AT ))" "$*" >&2; }
stop_pid() {
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$APP_PID"
  ae_stop_all
  if [ "${MEM_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

ae_ensure_server_packages
command -v wrk >/dev/null || ae_apt_install wrk
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
if [ "${MEM_BUILD:-1}" = 1 ]; then
  log "building the WebApi and bench/Baseline (Release, no widget build)"
  for project in src/WebApi bench/Baseline; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet -clp:ErrorsOnly -p:SkipWidgetBuild=true >>"$WORK/build.log" 2>&1 \
      || { tail -n 40 "$WORK/build.log" >&2; exit 1; }
  done
fi
WEBAPI_DIR="${MEM_APP_DIR:-$ROOT/src/WebApi/bin/Release/net10.0}"
BASELINE_DIR="$ROOT/bench/Baseline/bin/Release/net10.0"

ae_start_mariadb
ae_start_redis
REDIS_PORT="${APPOINTEASE_TEST_REDIS##*:}"
ae_free_port >/dev/null; APP="http://127.0.0.1:$AE_PORT"
OTP_SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
# An admin key for /metrics (the GC figures); only its hash is configured, as in production.
ADMIN_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')"
ADMIN_KEY_HASH="$(printf %s "$ADMIN_KEY" | sha256sum | cut -d' ' -f1)"

read -r BENCH_DATES <<<"$(/usr/bin/python3 - <<'PY'
import datetime
d = datetime.date.today() + datetime.timedelta(days=2); out = []
while len(out) < 20:
    if d.weekday() < 5: out.append(d.isoformat())
    d += datetime.timedelta(days=1)
print(",".join(out))
PY
)"
export BENCH_DATES BENCH_EMPLOYEES=3
export BENCH_TIMES="09:00,09:30,10:00,10:30,11:00,13:00,13:30,14:00,14:30,15:00,15:30"

now_ms() { date +%s%3N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

wait_for_quiet_machine() {
  local waited=0
  while awk -v max="$MAX_LOAD" '{ exit !($1 >= max) }' /proc/loadavg && [ "$waited" -lt "$LOAD_WAIT" ]; do
    [ "$waited" = 0 ] && log "load average $(loadavg) ≥ $MAX_LOAD: waiting (at most ${LOAD_WAIT} s)"
    sleep 30; waited=$((waited + 30))
  done
  [ "$waited" = 0 ] || log "waited ${waited} s; load average now $(loadavg)"
  WAITED_S="$waited"
}

# start_variant NAME ENV: the WebApi (or the bare baseline) with the variant's environment; sets APP_PID, START_MS.
start_variant() {
  local name="$1" env_list="$2" db="appointease_mem_$3" t0 i extra=()
  [ -n "$env_list" ] && IFS=',' read -r -a extra <<<"$env_list"
  t0="$(now_ms)"
  if [ "$name" = baseline ]; then
    ( cd "$BASELINE_DIR"
      exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$APP" Logging__LogLevel__Default=Warning \
        "${extra[@]}" dotnet AppointEase.Bench.Baseline.dll
    ) >"$WORK/$name.log" 2>&1 &
  else
    local common=(ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$APP"
      Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning
      Database__Provider=MySql ConnectionStrings__Database="${APPOINTEASE_TEST_MYSQL}Database=$db;"
      Database__MigrateOnStartup=true Database__SeedDemoData=true Email__Mode=Pickup
      ConnectionStrings__Redis="$APPOINTEASE_TEST_REDIS" Email__PickupDirectory="$WORK/mail"
      Auth__OtpSecret="$OTP_SECRET" Admin__ApiKeys__0__Id=bench Admin__ApiKeys__0__KeyHash="$ADMIN_KEY_HASH"
      RateLimits__HeartbeatPerClient__PermitLimit=1000000 RateLimits__HeartbeatPerClient__WindowSeconds=60
      RateLimits__BookingPerIp__PermitLimit=1000000 RateLimits__BookingPerIp__WindowSeconds=60
      RateLimits__OtpPerIp__PermitLimit=1000000 RateLimits__OtpPerIp__WindowSeconds=60
      RateLimits__SlotsPerIp__PermitLimit=1000000 Holds__PerClient=100 Holds__PerNetwork=10000
      Security__ReadinessDetails=true)
    if [ "$MIGRATE" = command ]; then
      # As docs/operations.md deploys: the migrate command (which also seeds) first, then an instance that only serves.
      ( cd "$WEBAPI_DIR" && env "${common[@]}" "${extra[@]}" dotnet AppointEase.WebApi.dll migrate ) >"$WORK/$name-migrate.log" 2>&1 \
        || { tail -n 30 "$WORK/$name-migrate.log" >&2; log "$name: the migrate command failed"; return 1; }
      common+=(Database__MigrateOnStartup=false Database__SeedDemoData=false); t0="$(now_ms)"
    fi
    ( cd "$WEBAPI_DIR"
      exec env "${common[@]}" "${extra[@]}" dotnet AppointEase.WebApi.dll
    ) >"$WORK/$name.log" 2>&1 &
  fi
  APP_PID=$!
  for i in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP/health/ready" || true)" = 200 ] && { START_MS=$(( $(now_ms) - t0 )); return 0; }
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 30 "$WORK/$name.log" >&2; log "$name did not become ready"; stop_pid "$APP_PID"; APP_PID=""; return 1
}

# snapshot NAME: one JSON object of the process's memory now (/proc) and, for the WebApi, the GC's last collection.
snapshot() {
  local metrics=""
  [ "$1" = baseline ] || metrics="$(curl -s --max-time 10 -H "X-Admin-Key: $ADMIN_KEY" "$APP/metrics" || true)"
  printf '%s' "$metrics" | /usr/bin/python3 -c '
import json, re, sys
pid = sys.argv[1]
status = {l.split(":")[0]: l.split(":")[1].split() for l in open(f"/proc/{pid}/status") if ":" in l}
rollup = {l.split(":")[0]: int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.split(":")[0] in ("Rss", "Anonymous")}
out = {"vmrss_kb": int(status["VmRSS"][0]), "vmhwm_kb": int(status["VmHWM"][0]), "threads": int(status["Threads"][0]),
       "anon_kb": rollup.get("Anonymous"), "file_kb": rollup.get("Rss", 0) - rollup.get("Anonymous", 0)}
text = sys.stdin.read()
def metric(name):
    vals = [float(m.group(1)) for m in re.finditer(r"^" + name + r"(?:\{[^}]*\})? ([0-9.eE+]+)", text, re.M)]
    return sum(vals) if vals else None
committed = metric("dotnet_gc_last_collection_memory_committed_size_bytes")
heap = metric("dotnet_gc_last_collection_heap_size_bytes")
out["gc_committed_kb"] = None if committed is None else round(committed / 1024)
out["gc_heap_kb"] = None if heap is None else round(heap / 1024)
out["gc_collections"] = metric("dotnet_gc_collections_total")
out["gc_allocated_bytes"] = metric("dotnet_gc_heap_total_allocated_bytes_total")
print(json.dumps(out))' "$APP_PID"
}

# allocated_bytes: the GC's total allocated bytes so far (the WebApi's /metrics), empty for the baseline.
allocated_bytes() {
  [ -n "$ADMIN_KEY" ] || return 0
  curl -s --max-time 10 -H "X-Admin-Key: $ADMIN_KEY" "$APP/metrics" \
    | sed -n 's/^dotnet_gc_heap_total_allocated_bytes_total\({[^}]*}\)\{0,1\} \([0-9.eE+]*\).*/\2/p' | head -n 1
}

# smaps_top PID FILE: resident KB per mapped file (anonymous mappings grouped as [anon]), largest first.
smaps_top() {
  awk '/^[0-9a-f]+-[0-9a-f]+ /{ name = ($6 == "" ? "[anon]" : $6) } $1 == "Rss:" { rss[name] += $2 }
       END { for (n in rss) if (rss[n] > 0) printf "%8d kB  %s\n", rss[n], n }' "/proc/$1/smaps" | sort -rn >"$2"
}

# run_wrk NAME CLIENTS [VAR=VALUE...]: run.sh's heartbeat wrk run; prints its BENCH_JSON object.
run_wrk() {
  local scenario="$1" clients="$2" seconds="$SECONDS_PER_RUN"; shift 2
  [ "$scenario" = warmup ] && seconds="$WARMUP_SECONDS"
  env BENCH_SCENARIO="$scenario" BENCH_CLIENTS="$clients" "$@" \
    wrk -t"$THREADS" -c"$clients" -d"${seconds}s" --timeout 5s -s "$ROOT/bench/wrk/heartbeat.lua" "$APP" 2>&1 \
    | tee "$WORK/wrk-$scenario.log" | sed -n 's/^BENCH_JSON //p'
}

fetch_etags() {   # run.sh's ETags of every (date, employee) the wrk script uses
  local file="$WORK/etags.txt" date employee
  : >"$file"
  for date in ${BENCH_DATES//,/ }; do
    for employee in 1 2 3; do
      printf '%s %s %s\n' "$date" "$employee" "$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"date\":\"$date\",\"employeeId\":$employee,\"clientId\":\"bench-etag-probe\"}" "$APP/api/v1/heartbeat" \
        | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')"
    done
  done >"$file"
  printf '%s' "$file"
}

measure_variant() {   # measure_variant NAME ENV INDEX
  local name="$1" env_list="$2" index="$3" idle peak etags load_before cpu0 cpu1 runs="" line requests=0
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" flushall >/dev/null
  load_before="$(loadavg)"
  start_variant "$name" "$env_list" "$index" || { printf '{"variant":"%s","env":"%s","failed":"not ready"}\n' "$name" "$env_list" >>"$RESULTS"; return 0; }
  log "$name: ready in ${START_MS} ms (pid $APP_PID); idle ${IDLE_SECONDS} s"
  sleep "$IDLE_SECONDS"
  idle="$(snapshot "$name")"
  smaps_top "$APP_PID" "$OUT/smaps-$index-$name-idle.txt"
  run_wrk warmup 50 >/dev/null
  cpu0="$(cpu_ticks "$APP_PID")"
  for spec in c10:10 c100:100 inm-c100:100 c1000:1000 inm-c1000:1000; do
    local scenario="${spec%%:*}" clients="${spec#*:}" vars=() before after
    if [ "$scenario" = inm-c100 ]; then etags="$(fetch_etags)"; fi
    [[ "$scenario" == inm-* ]] && vars=(BENCH_ETAGS="$etags")
    before="$(allocated_bytes)"
    line="$(run_wrk "$scenario" "$clients" "${vars[@]}")"
    after="$(allocated_bytes)"
    [ -n "$line" ] || line="{\"scenario\":\"$scenario\",\"requests\":0,\"rps\":0,\"p99_ms\":null,\"errors\":-1}"
    # Bytes the GC allocated over the run (the app's own background work and the /metrics read included), ÷ requests.
    line="$(printf '%s' "$line" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin); b, a = sys.argv[1], sys.argv[2]
r["alloc_bytes_per_request"] = round((float(a) - float(b)) / r["requests"]) if b and a and r.get("requests") else None
print(json.dumps(r))' "$before" "$after")"
    runs+="${runs:+,}$line"
  done
  cpu1="$(cpu_ticks "$APP_PID")"
  peak="$(snapshot "$name")"
  smaps_top "$APP_PID" "$OUT/smaps-$index-$name-after-load.txt"
  stop_pid "$APP_PID"; APP_PID=""
  /usr/bin/python3 - "$name" "$env_list" "$START_MS" "$idle" "$peak" "[$runs]" "$load_before" "$(loadavg)" \
    "$(( cpu1 - cpu0 ))" "$(getconf CLK_TCK)" "$WAITED_S" "$IDLE_SECONDS" >>"$RESULTS" <<'PY'
import json, sys
name, env, start_ms, idle, peak, runs, load0, load1, ticks, hz, waited, idle_s = sys.argv[1:]
runs = json.loads(runs)
requests = sum(r.get("requests", 0) for r in runs)
print(json.dumps({"variant": name, "env": env, "start_ms": int(start_ms), "idle_s": int(idle_s),
    "idle": json.loads(idle), "peak": json.loads(peak), "runs": {r["scenario"]: r for r in runs},
    "cpu_us_per_request": round(int(ticks) / int(hz) * 1e6 / max(requests, 1)),
    "load_before": load0, "load_after": load1, "waited_s": int(waited)}))
PY
  log "$name: $(tail -n 1 "$RESULTS" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin); i, p, w = r["idle"], r["peak"], r["runs"]
print("idle RSS %d MB, peak %d MB, c100 %.0f req/s, c1000 %.0f req/s p99 %s ms" % (i["vmrss_kb"] / 1024, p["vmhwm_kb"] / 1024,
      w["c100"]["rps"], w["c1000"]["rps"], w["c1000"]["p99_ms"]))')"
}

index=0
for round in $(seq 1 "$ROUNDS"); do
  for spec in $VARIANTS; do
    name="${spec%%:*}"
    if [[ "$spec" == *:* ]]; then env_list="${spec#*:}"
    elif [ "$name" = baseline ]; then env_list=""
    elif [ -n "${VARIANT_ENV[$name]+set}" ]; then env_list="${VARIANT_ENV[$name]}"
    else log "unknown variant '$name' (built in: $ALL_VARIANTS; or NAME:VAR=v,VAR=v)"; exit 2; fi
    index=$((index + 1))
    wait_for_quiet_machine
    log "round $round: $name ${env_list:+($env_list)}; load $(loadavg)"
    if [ -n "$LOCK" ]; then
      exec 9>"$LOCK"
      flock -x 9
      measure_variant "$name" "$env_list" "$index"
      flock -u 9
      exec 9>&-
    else
      measure_variant "$name" "$env_list" "$index"
    fi
  done
done

/usr/bin/python3 - "$RESULTS" >"$OUT/memory.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
mb = lambda kb: "–" if kb is None else f"{kb / 1024:.0f}"
print("| Variant | Environment | ready ms | idle RSS MB (anon / file) | idle GC committed MB | peak RSS MB | "
      "after-load RSS MB (anon / file) | after-load GC committed / heap MB | threads | c100 req/s | c1000 req/s | c1000 p99 ms | "
      "CPU µs/req | c100 / c1000 KB allocated/req | load before → after |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for r in rows:
    if "failed" in r:
        print(f"| {r['variant']} | `{r['env']}` | {r['failed']} | | | | | | | | | | | | |"); continue
    i, p, w = r["idle"], r["peak"], r["runs"]
    rps = lambda s: f"{w[s]['rps']:,.0f}" if s in w else "–"
    p99 = w.get("c1000", {}).get("p99_ms")
    def kb(s):
        a = w.get(s, {}).get("alloc_bytes_per_request")
        return "–" if a is None else f"{a / 1024:.1f}"
    print(f"| {r['variant']} | `{r['env'] or '(none)'}` | {r['start_ms']:,} | {mb(i['vmrss_kb'])} ({mb(i['anon_kb'])} / {mb(i['file_kb'])}) | "
          f"{mb(i.get('gc_committed_kb'))} | **{mb(p['vmhwm_kb'])}** | {mb(p['vmrss_kb'])} ({mb(p['anon_kb'])} / {mb(p['file_kb'])}) | "
          f"{mb(p.get('gc_committed_kb'))} / {mb(p.get('gc_heap_kb'))} | {i['threads']} → {p['threads']} | {rps('c100')} | {rps('c1000')} | "
          f"{'–' if p99 is None else f'{p99:,.1f}'} | {r['cpu_us_per_request']} | {kb('c100')} / {kb('c1000')} | {r['load_before']} → {r['load_after']} |")
PY
cat "$OUT/memory.md"
log "done: $OUT/memory.md, $OUT/memory.jsonl"
