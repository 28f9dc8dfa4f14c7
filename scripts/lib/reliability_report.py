#!/usr/bin/python3
"""Judge a scripts/reliability.sh run and write its Markdown report (called by that script, not by hand).

Reads from the work dir: load.jsonl and race.jsonl (one line per request, bench/LoadTool's --request-log),
windows.tsv (faults and phases with their times), race-summary.json, hostile.jsonl, app1.log, app2.log, and the
nginx access log. Reads every booking answered 201 back through the API (GET with its manage token, via nginx) and
from MariaDB. Prints one verdict line per check (`PASS name` / `FAIL name: why`) on stdout; writes the report to --out.
"""
import argparse
import collections
import concurrent.futures
import datetime
import json
import os
import platform
import re
import subprocess
import urllib.error
import urllib.request

LEVEL = re.compile(r"^(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) )?(warn|fail|crit): ([^\[\s]+)")
STAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?")
WARNING_OR_ABOVE = {"Warning", "Error", "Critical"}


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass  # only a writer stopped mid-line leaves one; the line's request is not counted
    return rows


def read_windows(path):
    faults, phases = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, name, start, back, grace, extra = line.rstrip("\n").split("\t")
            if kind == "fault":
                faults.append({"name": name, "start": int(start), "back": int(back), "grace": int(grace),
                               "ready": None if extra == "-" else int(extra)})
            else:
                phases[name] = {"start": int(start), "end": int(back), "extra": extra}
    for f in faults:
        f["end"] = f["back"] + f["grace"]
    return faults, phases


def endpoint(method, path):
    path = re.sub(r"^/api/v1/appointments/[^/]+", "/api/v1/appointments/{id}", path)
    path = re.sub(r"^/api/v1/slots/lock/.+", "/api/v1/slots/lock/{token}", path)
    return f"{method} {path}"


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[max(0, min(len(values) - 1, -(-len(values) * p // 100) - 1))]


def failed(r):
    return r["s"] == 0 or r["s"] >= 500


def window_of(r, faults):
    start, end = r["t"], r["t"] + r["ms"]
    for f in faults:
        if start <= f["end"] and end >= f["start"]:
            return f
    return None


def read_back(base, booking):
    request = urllib.request.Request(f"{base}/api/v1/appointments/{booking['id']}",
                                     headers={"X-Manage-Token": booking["manageToken"]})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            body = json.loads(response.read())
            same = (body.get("date"), body.get("time"), body.get("employeeId")) == (
                booking["date"], booking["time"], booking["employeeId"])
            return 200 if same else -1
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def sql(args, query):
    out = subprocess.run(["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{args.mysql_port}", "-uroot", "-N", "-B",
                          "-e", query, args.database], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def log_lines(path, start=0, end=None):
    """Warning+ lines of an app log: (ms or None, level, category).

    Production instances write one JSON object per line (MaskedJsonConsoleFormatter, decision 076: "timestamp" in
    ISO 8601 UTC, "level" as the LogLevel name, "category"); a line that is not JSON (the runtime's own output, a
    crash) is read as the simple console format (`warn: Category[0]`) so it is still counted if it is a warning."""
    if not os.path.exists(path):
        return []
    found = []
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(None if end is None else max(0, end - start)).decode("utf-8", "replace")
    for line in data.splitlines():
        entry = json_entry(line)
        if entry is not None:
            if entry.get("level") in WARNING_OR_ABOVE:
                found.append((to_ms(entry.get("timestamp")), entry["level"], entry.get("category") or "?"))
            continue
        m = LEVEL.match(line)
        if m:
            found.append((to_ms(m.group(1)), m.group(2), m.group(3)))
        elif line.startswith("Unhandled exception."):   # the runtime's own crash report, written without a logger
            found.append((None, "Critical", "process crash (Unhandled exception)"))
    return found


def json_entry(line):
    """The log object of a JSON line, or None. The formatter's own fields come first; a logged property of the same
    name written after them (e.g. a {level} placeholder) must not replace them, so the first occurrence wins."""
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        return json.loads(line, object_pairs_hook=lambda pairs: {k: v for k, v in reversed(pairs)})
    except ValueError:
        return None


def to_ms(stamp):
    """ms since the epoch of an ISO 8601 UTC stamp ("...T07:25:59.123Z" or "...T07:25:59.1234567+00:00")."""
    m = STAMP.match(stamp) if isinstance(stamp, str) else None
    if not m:
        return None
    when = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return int(when.timestamp()) * 1000 + int((m.group(2) or "0")[:3].ljust(3, "0"))


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
        with open("/proc/meminfo", encoding="utf-8") as f:
            mem = int(f.readline().split()[1]) // 1024 // 1024
    except OSError:
        mem = "?"
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {mem} GiB RAM"


def main():
    ap = argparse.ArgumentParser()
    for name in ("work", "out", "mode", "nginx", "nginx-log", "mysql-port", "database", "run-start", "run-end",
                 "commit", "params"):
        ap.add_argument("--" + name, required=True)
    args = ap.parse_args()
    work = args.work
    run_start, run_end = int(args.run_start), int(args.run_end)
    rel = lambda ms: (ms - run_start) / 1000  # noqa: E731 - seconds since the load started

    load = read_jsonl(f"{work}/load.jsonl")
    race = read_jsonl(f"{work}/race.jsonl")
    requests = load + race
    faults, phases = read_windows(f"{work}/windows.tsv")
    hostile = read_jsonl(f"{work}/hostile.jsonl")
    race_summary = read_jsonl(f"{work}/race-summary.json")
    race_extra = (race_summary[0].get("extra") or {}) if race_summary else {}
    checks = []  # (name, ok, detail)

    # --- requests against the outage windows
    inside, outside = collections.Counter(), []
    for r in requests:
        r["w"] = window_of(r, faults)
        if failed(r):
            if r["w"]:
                inside[r["w"]["name"]] += 1
            else:
                outside.append(r)
    statuses = collections.Counter(r["s"] for r in requests)
    fivexx = sum(n for s, n in statuses.items() if s >= 500)
    unanswered = statuses.get(0, 0)
    if not load:
        checks.append(("no-5xx-outside-outage-windows", False, "the busy-morning load recorded no request"))
    else:
        checks.append(("no-5xx-outside-outage-windows", not outside,
                       f"{len(outside)} requests answered 5xx or not at all outside every outage window"))

    # --- recovery per fault: last failure of the load after the server was back, and both instances ready
    for i, f in enumerate(faults):
        # Up to the next fault; the last one's aftermath ends where the race begins (the race is judged on its own).
        until = faults[i + 1]["start"] if i + 1 < len(faults) else phases.get("race", {}).get("start", run_end)
        after = [r for r in requests if failed(r) and f["start"] <= r["t"] < until]
        f["failures"] = len(after)
        f["statuses"] = collections.Counter(r["s"] for r in after)
        last = max((r["t"] + r["ms"] for r in after), default=None)
        f["last_failure_after_back"] = None if last is None else max(0, last - f["back"])
        f["in_window"] = [r for r in requests if r["w"] is f]
    not_ready = [f["name"] for f in faults if f["ready"] is None]
    checks.append(("instances-ready-after-each-fault", not not_ready,
                   "not ready within 60 s after: " + ", ".join(not_ready)))

    # --- round-robin through the deploy kit's nginx site
    upstreams = collections.Counter()
    if os.path.exists(args.nginx_log):
        with open(args.nginx_log, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r" upstream=(\S+)", line)
                if m:
                    upstreams[m.group(1).rstrip(",")] += 1
    served = [u for u, n in upstreams.items() if re.match(r"127\.0\.0\.1:\d+$", u) and n > 0]
    checks.append(("nginx-round-robin-over-both-instances", len(served) >= 2,
                   f"requests reached only {served or 'no instance'}"))

    # --- bookings: read back through the API and from MariaDB
    bookings = [r["booking"] for r in requests if r.get("booking")]
    unreadable_body = [b for b in bookings if "id" not in b]
    bookings = [b for b in bookings if "id" in b]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        readback = list(pool.map(lambda b: read_back(args.nginx, b), bookings))
    unreadable = [(b, s) for b, s in zip(bookings, readback) if s != 200]
    checks.append(("every-201-booking-readable-through-the-api", not unreadable and not unreadable_body and bookings,
                   f"{len(unreadable)} of {len(bookings)} bookings not readable "
                   f"({dict(collections.Counter(s for _, s in unreadable))}; -1 = other slot)"
                   + (f", {len(unreadable_body)} 201 bodies without an id" if unreadable_body else "")
                   if bookings else "no booking was answered 201"))
    rows = {row[0]: row for row in sql(args, "SELECT id, reference, employee_id, start_utc, status FROM appointments")}
    lost = [b for b in bookings if str(b["id"]) not in rows or rows[str(b["id"])][1] != b["reference"]]
    references = collections.Counter(row[1] for row in rows.values())
    repeated = [b for b in bookings if references[b["reference"]] != 1]
    checks.append(("every-201-booking-once-in-the-database", not lost and not repeated,
                   f"{len(lost)} lost, {len(repeated)} not exactly once"))
    doubles = sql(args, """
        SELECT a.id, b.id, a.employee_id, a.start_utc FROM appointments a JOIN appointments b
          ON a.employee_id = b.employee_id AND a.id < b.id AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc
         WHERE a.status <> 'Cancelled' AND b.status <> 'Cancelled'""")
    checks.append(("no-double-bookings", not doubles, f"{len(doubles)} overlapping pairs of live bookings"))

    # --- the race
    race_5xx = sum(1 for r in race if failed(r))
    several = race_extra.get("slots_with_several_winners")
    none = race_extra.get("slots_without_winner")
    checks.append(("race-one-booking-per-slot-no-5xx",
                   bool(race) and several == 0 and none == 0 and race_5xx == 0,
                   f"{several} slots with several winners, {none} without a winner, {race_5xx} answered 5xx/none"
                   if race else "the race recorded no request"))
    race_phase = phases.get("race")
    race_logs = []
    if race_phase:
        b1, b2, a1, a2 = (int(x) for x in race_phase["extra"].split())
        race_logs = log_lines(f"{work}/app1.log", b1, a1) + log_lines(f"{work}/app2.log", b2, a2)
    race_log_categories = collections.Counter(f"{level}: {cat}" for _, level, cat in race_logs)
    checks.append(("race-no-warning-or-error-log-lines", bool(race_phase) and not race_logs,
                   f"{len(race_logs)} Warning+ lines in the instances' logs during the race: "
                   + ", ".join(f"{c} x{n}" for c, n in race_log_categories.most_common(4))
                   if race_phase else "the race did not run"))

    # --- hostile inputs
    hostile_bad = [h for h in hostile if h["status"] == 0 or h["status"] >= 500]
    checks.append(("hostile-inputs-no-5xx", bool(hostile) and not hostile_bad,
                   f"{len(hostile_bad)} of {len(hostile)} answered 5xx or not at all: "
                   + "; ".join(f"{h['case']} -> {h['status']}" for h in hostile_bad[:6])
                   if hostile else "no hostile request was sent"))

    # --- logs over the whole run
    all_logs = {name: log_lines(f"{work}/{name}.log") for name in ("app1", "app2")}
    def in_fault(ms):
        return ms is not None and any(f["start"] <= ms <= f["end"] for f in faults)
    log_table = collections.Counter()
    for name, lines in all_logs.items():
        for ms, level, cat in lines:
            where = "unknown time" if ms is None else ("inside" if in_fault(ms) else "outside")
            log_table[(f"{level}: {cat}", where)] += 1

    for name, ok, detail in checks:
        print(f"PASS {name}" if ok else f"FAIL {name}: {detail}")

    # --- the report
    latencies = [r["ms"] for r in requests if r["s"]]
    quiet = [r["ms"] for r in requests if r["s"] and not r["w"]]
    by_endpoint = collections.defaultdict(list)
    for r in requests:
        by_endpoint[endpoint(r["m"], r["p"])].append(r)
    out = []
    w = out.append
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    w("# Reliability report\n")
    w("<!-- GENERATED by scripts/reliability.sh (scripts/lib/reliability_report.py); do not edit, re-run it. -->\n")
    w(f"- Run: {now}, {args.mode} mode, commit `{args.commit}`")
    w(f"- Machine: {machine()}")
    w(f"- Shape: 2 WebApi instances (Release build, Production, configuration from environment variables) behind "
      f"nginx ({'deploy/nginx/appointease.conf'} rendered by scripts/lib/nginx.sh, round-robin), one MariaDB, one "
      f"Redis (slot state and Hangfire), all on 127.0.0.1")
    w(f"- Faults and load: {args.params}")
    w(f"- Load: busy-morning profile of bench/LoadTool through nginx for the whole run "
      f"({(run_end - run_start) / 1000:.0f} s), then a booking race, then {len(hostile)} hostile requests\n")
    w("An **outage window** runs from the moment a fault is injected until its grace period after the server accepts "
      "connections again (restarted and answering / SIGCONT / instance ready). 5xx answers and unanswered requests "
      "inside a window are reported; outside every window each one fails the run.\n")
    w("## Verdict\n")
    w("| Check | Result |")
    w("| --- | --- |")
    for name, ok, detail in checks:
        w(f"| {name} | {'pass' if ok else 'FAIL: ' + detail.replace('|', '/')} |")
    w("")
    w("## Requests\n")
    w(f"- {len(requests):,} requests (load {len(load):,}, race {len(race):,}); 5xx: {fivexx:,}, unanswered: "
      f"{unanswered:,}; 5xx or unanswered inside outage windows: {sum(inside.values()):,}, outside: {len(outside):,}")
    w(f"- Latency (answered requests): p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
      f"max {max(latencies, default=0):.0f} ms; outside outage windows p99 {percentile(quiet, 99):.1f} ms")
    w(f"- Status histogram: " + ", ".join(f"{'no answer' if s == 0 else s} × {n:,}" for s, n in sorted(statuses.items())))
    w("")
    w("| Endpoint | Requests | Statuses | 5xx/none outside windows | p99 ms |")
    w("| --- | ---: | --- | ---: | ---: |")
    for name, rs in sorted(by_endpoint.items(), key=lambda kv: -len(kv[1])):
        hist = collections.Counter(r["s"] for r in rs)
        w(f"| `{name}` | {len(rs):,} | " + ", ".join(f"{s or 'none'}×{n:,}" for s, n in sorted(hist.items()))
          + f" | {sum(1 for r in rs if failed(r) and not r['w']):,} | {percentile([r['ms'] for r in rs if r['s']], 99):.1f} |")
    w("")
    if outside:
        w("Failures outside the outage windows (first 15):\n")
        w("| t (s) | Request | Status | ms | Nearest fault before |")
        w("| ---: | --- | ---: | ---: | --- |")
        for r in sorted(outside, key=lambda r: r["t"])[:15]:
            before = [f for f in faults if f["start"] <= r["t"]]
            near = f"{before[-1]['name']} (+{(r['t'] - before[-1]['end']) / 1000:.1f} s after its window)" if before else "-"
            w(f"| {rel(r['t']):.1f} | `{r['m']} {r['p'][:60]}` | {r['s'] or r.get('e', 'none')} | {r['ms']:.0f} | {near} |")
        w("")
    w("## Faults\n")
    w("Times in seconds since the load started. *Down*: injection until the server accepted connections again. "
      "*Window*: until the end of the grace period. *Failures*: 5xx or unanswered requests of the load started from "
      "the injection until the next fault (the last fault: until the race). *Last failure*: after the server was back (0 = none after it). "
      "*Ready*: both instances' `/health/ready` 200 again, after the server was back.\n")
    w("| Fault | Start | Down (s) | Window end | Failures (statuses) | Last failure after back (s) | Ready after back (s) |")
    w("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for f in faults:
        statuses_txt = ", ".join(f"{s or 'none'}×{n}" for s, n in sorted(f["statuses"].items())) or "-"
        last = f["last_failure_after_back"]
        ready = "not ready" if f["ready"] is None else f"{max(0, f['ready'] - f['back']) / 1000:.1f}"
        w(f"| {f['name']} | {rel(f['start']):.1f} | {(f['back'] - f['start']) / 1000:.1f} | {rel(f['end']):.1f} | "
          f"{f['failures']:,} ({statuses_txt}) | {'-' if last is None else f'{last / 1000:.1f}'} | "
          f"{ready} |")
    w("")
    w("## Bookings\n")
    w(f"- Answered 201: {len(bookings):,} (load {sum(1 for r in load if r.get('booking')):,}, race "
      f"{sum(1 for r in race if r.get('booking')):,})")
    w(f"- Readable through the API afterwards (GET with the manage token, via nginx): "
      f"{len(bookings) - len(unreadable):,}; not readable: {len(unreadable):,}"
      + (f" ({dict(collections.Counter(s for _, s in unreadable))})" if unreadable else ""))
    w(f"- In MariaDB exactly once: {len(bookings) - len(lost) - len(repeated):,}; lost: {len(lost):,}; "
      f"rows in `appointments`: {len(rows):,}")
    w(f"- Double bookings (overlapping live bookings of one employee): {len(doubles):,}")
    if race_extra:
        w(f"- Race: {race_extra.get('attempts'):,} attempts over {race_extra.get('slots')} slots, statuses "
          f"{race_extra.get('statuses')}; slots with exactly one winner {race_extra.get('slots_with_one_winner')}, "
          f"without {none}, with several {several}; race p99 {race_summary[0].get('p99_ms')} ms")
    w("")
    w("## Hostile inputs\n")
    h_status = collections.Counter(h["status"] for h in hostile)
    problem = sum(1 for h in hostile if 400 <= h["status"] < 500 and "problem+json" in h["content_type"])
    w(f"{len(hostile)} requests ({len(hostile) // 2 if hostile else 0} cases, through nginx and straight to an instance): "
      + ", ".join(f"{s or 'none'}×{n}" for s, n in sorted(h_status.items()))
      + f"; 4xx as application/problem+json: {problem}. The generated property suite (FsCheck) covers the rest.\n")
    if hostile_bad:
        w("| Case | Target | Status |")
        w("| --- | --- | ---: |")
        for h in hostile_bad:
            w(f"| {h['case']} | {h['base']} | {h['status'] or 'none'} |")
        w("")
    w("## Warning and error lines in the instances' logs\n")
    total = sum(log_table.values())
    w(f"{total:,} lines at Warning or above in both instances' logs; during the race: {len(race_logs):,}.\n")
    if log_table:
        w("| Level: category | Inside outage windows | Outside | Unknown time |")
        w("| --- | ---: | ---: | ---: |")
        for cat in sorted({c for c, _ in log_table}, key=lambda c: -sum(n for (k, _), n in log_table.items() if k == c)):
            w(f"| `{cat}` | {log_table[(cat, 'inside')]:,} | {log_table[(cat, 'outside')]:,} | "
              f"{log_table[(cat, 'unknown time')]:,} |")
        w("")
    w("Re-run: `scripts/reliability.sh` (full, rewrites this file; about 7 minutes on 2 cores, longer on a busy "
      "machine) or `scripts/reliability.sh --short` (one cycle of each fault; the last step of "
      "`scripts/test.sh`). Log lines without a timestamp count as *Unknown time*.")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
