# Failback scenario of bench/run.sh (sourced; uses its APP, WORK, REDIS_PORT, AE_MARIADB_PORT, log, record).
#
# Issue 7, acceptance 1: "10,000 holds sync in under 1 s on MariaDB + Redis". Measures the real path in the running
# production-mode WebApi, FAILBACK_ROUNDS times:
#   1. kill -9 the bench Redis and wait until /health/ready reports storageMode "mysql" (the app serves from SQL);
#   2. insert 10,000 live holds into slot_locks with the mariadb client (distinct slots: 100 weekdays × 5 employees
#      × 20 half-hour starts; slot_locks has no foreign keys), as holds taken during the outage would be;
#   3. restart Redis (scripts/lib/restart-redis.sh, empty data, the same mechanics as the failover scenario);
#   4. the app's health monitor sees Redis answer and runs RedisFailbackSync, which logs
#      "Failback sync: N copied, C conflicts, D SQL rows deleted in X ms (SQL read …, Redis …, SQL delete …)"; X is
#      the measurement (the sync's own stopwatch, nothing of the detection delay), taken from the app log;
#   5. after the app serves from Redis again: count the lock keys in Redis (SCAN; fine in a bench, not a request path)
#      and the rows left in slot_locks. Anything but 10,000 keys and 0 rows sets FAILBACK_FAILED; run.sh still writes
#      the report (which shows the counts) and then exits 1 with the reason.
FAILBACK_FAILED=""
FAILBACK_HOLDS=10000
FAILBACK_ROUNDS="${BENCH_FAILBACK_ROUNDS:-3}"

fb_sql() { mariadb --no-defaults -h127.0.0.1 -P"$AE_MARIADB_PORT" -uroot -N -B appointease_bench "$@"; }

# Lock keys only: {prefix}_lock_{day:employee}_HH:mm (the day index is {prefix}_locks_…, which the pattern excludes).
fb_redis_lock_keys() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --scan --pattern 'appointease_lock_*' | wc -l
}

fb_storage_mode() {
  curl -s --max-time 2 "$APP/health/ready" | sed -n 's/.*"storageMode":"\([a-z]*\)".*/\1/p'
}

fb_wait_mode() {   # fb_wait_mode redis|mysql SECONDS
  local i
  for i in $(seq 1 $(( $2 * 20 ))); do
    [ "$(fb_storage_mode)" = "$1" ] && return 0
    sleep 0.05
  done
  return 1
}

fb_log_lines() { grep -c 'Failback sync: ' "$WORK/app-redis.log" || true; }

# 10,000 rows in one transaction, 1,000 per INSERT. Owner ids and secrets look like real ones (ClientId charset,
# 32 lowercase hex); created a few minutes ago, expiring in 10 minutes (a lock's TTL), so every row is live.
fb_insert_sql() {   # fb_insert_sql ROUND
  /usr/bin/python3 - "$1" "$FAILBACK_HOLDS" <<'PY'
import datetime, secrets, sys
rnd, holds = int(sys.argv[1]), int(sys.argv[2])
days, d = [], datetime.date.today() + datetime.timedelta(days=30)
while len(days) < 100:
    if d.weekday() < 5: days.append(d.isoformat())
    d += datetime.timedelta(days=1)
rows = []
for i in range(holds):
    day, employee, slot = days[i // 100], 1 + (i // 20) % 5, i % 20
    time = f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}:00"
    rows.append(f"('{day}',{employee},'{time}','bench-fb{rnd}-{i:05d}','{secrets.token_hex(16)}',"
                f"UTC_TIMESTAMP(6) + INTERVAL 10 MINUTE,UTC_TIMESTAMP(6) - INTERVAL {1 + i % 300} SECOND)")
print("START TRANSACTION;")
for k in range(0, holds, 1000):
    print("INSERT INTO slot_locks (slot_date,employee_id,slot_time,owner_client_id,secret,expires_utc,created_utc) VALUES")
    print(",\n".join(rows[k:k + 1000]) + ";")
print("COMMIT;")
PY
}

fb_fail() { FAILBACK_FAILED="${FAILBACK_FAILED:+$FAILBACK_FAILED; }$*"; log "failback: $*"; }

failback_round() {   # failback_round N: records scenario failback-N
  local n="$1" before live line up_ms seen_ms waited keys left i stats
  kill -9 "$(cat "$APPOINTEASE_TEST_REDIS_PIDFILE")"
  fb_wait_mode mysql 15 || { fb_fail "round $n: the app did not switch to SQL within 15 s of the Redis kill"; return 1; }
  fb_insert_sql "$n" | fb_sql
  live="$(fb_sql -e 'SELECT COUNT(*) FROM slot_locks WHERE expires_utc > UTC_TIMESTAMP(6)')"
  before="$(fb_log_lines)"
  bash "$APPOINTEASE_TEST_REDIS_RESTART"
  up_ms="$(now_ms)"
  seen_ms=""
  for i in $(seq 1 1200); do   # 60 s
    if [ "$(fb_log_lines)" -gt "$before" ]; then seen_ms="$(now_ms)"; break; fi
    sleep 0.05
  done
  [ -n "$seen_ms" ] || { fb_fail "round $n: no 'Failback sync' line in the app log within 60 s of the Redis restart"; return 1; }
  waited=$(( seen_ms - up_ms ))
  line="$(grep 'Failback sync: ' "$WORK/app-redis.log" | sed -n "$(( before + 1 ))p")"
  fb_wait_mode redis 30 || fb_fail "round $n: the app did not serve from Redis again within 30 s"
  keys="$(fb_redis_lock_keys)"
  # Redis restarted empty, so its command statistics are this round's: how many scripts and their server-side time.
  stats="$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info commandstats | tr -d '\r' | grep -E '^cmdstat_(eval|evalsha):' | tr '\n' ' ')"
  left="$(fb_sql -e 'SELECT COUNT(*) FROM slot_locks')"
  record "$(/usr/bin/python3 - "$n" "$line" "$live" "$keys" "$left" "$waited" "$stats" <<'PY'
import json, re, sys
n, line, live, keys, left, waited, stats = sys.argv[1:]
# cmdstat_evalsha:calls=10000,usec=123456,... → {"evalsha": {"calls": 10000, "usec": 123456}}
scripts = {c: {k: int(float(v)) for k, v in (kv.split("=") for kv in rest.split(",")) if k in ("calls", "usec")}
           for c, rest in re.findall(r"cmdstat_(\w+):(\S+)", stats)}
m = re.search(r"Failback sync: ([\d,]+) copied, ([\d,]+) conflicts, ([\d,]+) SQL rows deleted in ([\d,]+) ms"
              r"(?: \(SQL read ([\d,]+) ms, Redis ([\d,]+) ms, SQL delete ([\d,]+) ms\))?", line)
num = lambda s: None if s is None else int(s.replace(",", ""))
g = [num(x) for x in m.groups()] if m else [None] * 7
print(json.dumps({"scenario": f"failback-{n}", "sql_live_before": int(live), "copied": g[0], "conflicts": g[1],
    "deleted": g[2], "sync_ms": g[3], "sql_read_ms": g[4], "redis_ms": g[5], "sql_delete_ms": g[6],
    "redis_up_to_log_ms": int(waited), "redis_lock_keys_after": int(keys), "sql_rows_after": int(left),
    "redis_scripts": scripts, "log_line": line.strip()}))
PY
)"
  log "failback round $n: ${line#*Failback sync: }; $keys lock keys in Redis, $left rows left in slot_locks"
  [ "$live" = "$FAILBACK_HOLDS" ] || fb_fail "round $n: $live live rows in slot_locks after the insert, expected $FAILBACK_HOLDS"
  [ "$keys" = "$FAILBACK_HOLDS" ] || fb_fail "round $n: $keys lock keys in Redis after the sync, expected $FAILBACK_HOLDS"
  [ "$left" = 0 ] || fb_fail "round $n: $left rows left in slot_locks after the sync, expected 0"
}

failback_scenario() {
  local n leftover
  log "failback: $FAILBACK_ROUNDS rounds of $FAILBACK_HOLDS SQL holds → Redis"
  if ! fb_wait_mode redis 30; then
    fb_fail "the app is not serving from Redis before the failback scenario"
    record '{"scenario":"failback","not_measured":"the app was not serving from Redis"}'
    return 0
  fi
  # BENCH_FAILBACK_SQL_LOG=1: MariaDB's general log of the scenario into the temp dir (with BENCH_KEEP=1), to profile.
  [ "${BENCH_FAILBACK_SQL_LOG:-0}" = 1 ] && fb_sql -e "SET GLOBAL general_log_file='$WORK/mariadb-general.log'; SET GLOBAL general_log=1"
  leftover="$(fb_sql -e 'SELECT COUNT(*) FROM slot_locks')"
  [ "$leftover" = 0 ] || fb_sql -e 'DELETE FROM slot_locks'   # earlier scenarios' rows would collide with ours
  for n in $(seq 1 "$FAILBACK_ROUNDS"); do
    failback_round "$n" || break
  done
  record "$(/usr/bin/python3 - "$RESULTS" "$FAILBACK_HOLDS" "$FAILBACK_FAILED" <<'PY'
import json, statistics, sys
path, holds, failed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rounds = [r for r in (json.loads(l) for l in open(path) if l.startswith("{")) if r["scenario"].startswith("failback-")]
ms = sorted(r["sync_ms"] for r in rounds if r.get("sync_ms") is not None)
med = lambda key: statistics.median([r[key] for r in rounds if r.get(key) is not None] or [0])
with open("/proc/loadavg") as f: load = " ".join(f.read().split()[:3])
out = {"scenario": "failback", "holds": holds, "rounds": len(rounds), "verified": not failed and len(ms) == len(rounds) > 0,
       "failure": failed or None, "load": load}
if ms:
    out.update(min_ms=ms[0], median_ms=statistics.median(ms), max_ms=ms[-1],
               median_sql_read_ms=med("sql_read_ms"), median_redis_ms=med("redis_ms"), median_sql_delete_ms=med("sql_delete_ms"),
               median_redis_up_to_log_ms=med("redis_up_to_log_ms"),
               redis_lock_keys_after=[r["redis_lock_keys_after"] for r in rounds], sql_rows_after=[r["sql_rows_after"] for r in rounds])
print(json.dumps(out))
PY
)"
}
