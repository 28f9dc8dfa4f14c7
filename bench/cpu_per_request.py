"""Adds the CPU time per request of the answering server, Redis and MariaDB to a run's results (bench/run.sh).

Usage: cpu_per_request.py TICKS_PER_SECOND SERVER REDIS MARIADB (before) SERVER REDIS MARIADB (after) < results
The six numbers are clock ticks of user + system time; a process that was not sampled reads 0 both times and is left
out. Figures are µs of CPU per request completed: less sensitive to the shared cores' other load than req/s. When the
run produced several result lines (the load tool's lock and release), the CPU is spread over all their requests and
written on the first line, which names the scenarios it covers.
"""
import json
import sys

ticks_per_second = float(sys.argv[1])
before = [int(float(v)) for v in sys.argv[2:5]]
after = [int(float(v)) for v in sys.argv[5:8]]
results = [json.loads(line) for line in sys.stdin if line.strip()]
timed = [r for r in results if r.get("requests")]
requests = sum(r["requests"] for r in timed)
if requests > 0:
    cpu = {}
    for name, start, end in zip(("server", "redis", "mariadb"), before, after):
        if start > 0 or end > 0:
            cpu[name] = round((end - start) / ticks_per_second * 1e6 / requests, 1)
    timed[0]["cpu_us_per_request"] = cpu
    if len(timed) > 1:
        timed[0]["cpu_covers"] = [r.get("scenario") for r in timed]
for r in results:
    print(json.dumps(r))
