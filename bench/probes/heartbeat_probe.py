"""Sequential heartbeat probe: N heartbeats over one keep-alive connection; prints latency stats and, with a count file
(count_proxy.py), the client->server reads the app sent to MariaDB per heartbeat (idle rate over 1 s subtracted).
Usage: heartbeat_probe.py PORT N SELECTED_TIME|- [COUNT_FILE]; APP_PID set = also the app process's CPU time during
the loop divided by N (includes background work and thread-pool spinning: indicative only).
Run by sql-heartbeat-probe.sh."""
import http.client, json, os, sys, time, datetime, statistics, uuid
port, n, selected, count_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], (sys.argv[4] if len(sys.argv) > 4 else None)
d = datetime.date.today() + datetime.timedelta(days=2)
while d.weekday() >= 5: d += datetime.timedelta(days=1)
conn = http.client.HTTPConnection('127.0.0.1', port)
client = 'probe-' + uuid.uuid4().hex[:12]
def hb():
    body = {"date": d.isoformat(), "employeeId": 1, "clientId": client}
    if selected != '-': body["selectedTime"] = selected
    conn.request('POST', '/api/v1/heartbeat', json.dumps(body), {'Content-Type': 'application/json'})
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
def reads(): return int(open(count_file).read()) if count_file else 0
for _ in range(20): hb()  # warm-up (JIT, caches, pool)
def cpu_ms(pid):
    if not pid: return 0.0
    f = open(f"/proc/{pid}/stat").read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')
app_pid = os.environ.get('APP_PID')
cpu0 = cpu_ms(app_pid)
times = []
for _ in range(n):
    t = time.perf_counter(); hb(); times.append((time.perf_counter() - t) * 1000)
app_cpu = (cpu_ms(app_pid) - cpu0) / n
times.sort()
q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(f"selectedTime={selected} n={n} mean={statistics.mean(times):.2f} p50={q(.5):.2f} p90={q(.9):.2f} p99={q(.99):.2f} max={times[-1]:.2f} ms" + (f"  app CPU {app_cpu:.2f} ms/heartbeat" if app_pid else ""))
if count_file:
    time.sleep(0.5); a = reads(); time.sleep(1.0); idle = reads() - a
    hb()  # absorbs a reload of the 5 s settings/catalogue caches that fell due during the pause (~7 queries)
    a = reads(); t = time.perf_counter()
    for _ in range(50): hb()
    dt = time.perf_counter() - t; used = reads() - a
    print(f"  MariaDB client->server reads: {used} for 50 heartbeats in {dt:.2f}s, idle {idle}/s -> {(used - idle * dt) / 50:.2f} per heartbeat")
