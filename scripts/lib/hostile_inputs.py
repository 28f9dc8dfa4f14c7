#!/usr/bin/python3
"""A fixed list of the nastiest requests, for scripts/reliability.sh:  hostile_inputs.py BASE_URL...

Each case goes to every base URL given (nginx, then one instance directly, so nginx's own limits cannot hide an
app answer). One JSON line per request on stdout: base, case, status (0 = no answer), content type. The verdict
(never a 5xx, always an answer) is the report's; the full generated property suite lives in the test projects.
Only loopback bases are accepted.
"""
import datetime
import http.client
import json
import sys
import urllib.parse

DAY = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
BOOK = {"serviceId": 3, "employeeId": 1, "date": DAY, "time": "10:00", "clientId": "hostile-0001",
        "customer": {"name": "Hostile", "email": "hostile@example.com", "phone": None}, "notes": None}


def with_(base, **changes):
    body = json.loads(json.dumps(base))
    body.update(changes)
    return body


def cases():
    book = "/api/v1/appointments"
    yield "customer as a string", "POST", book, {}, with_(BOOK, customer="Ada")
    yield "customer as an array", "POST", book, {}, with_(BOOK, customer=[1, 2])
    yield "customer as a number", "POST", book, {}, with_(BOOK, customer=42)
    yield "customer.name as an object", "POST", book, {}, with_(BOOK, customer={"name": {"x": 1}, "email": "a@b.c"})
    yield "customer.email as an array", "POST", book, {}, with_(BOOK, customer={"name": "A", "email": ["a@b.c"]})
    yield "serviceId as a string", "POST", book, {}, with_(BOOK, serviceId="three")
    yield "employeeId at 2^63", "POST", book, {}, with_(BOOK, employeeId=2 ** 63)
    yield "employeeId at -2^31-1", "POST", book, {}, with_(BOOK, employeeId=-(2 ** 31) - 1)
    yield "employeeId 1e400", "POST", book, {"raw": True}, json.dumps(BOOK).replace('"employeeId": 1', '"employeeId": 1e400')
    yield "date 9999-12-31", "POST", book, {}, with_(BOOK, date="9999-12-31")
    yield "date 0001-01-01", "POST", book, {}, with_(BOOK, date="0001-01-01")
    yield "time 24:00", "POST", book, {}, with_(BOOK, time="24:00")
    yield "time 23:60", "POST", book, {}, with_(BOOK, time="23:60")
    yield "time -01:00", "POST", book, {}, with_(BOOK, time="-01:00")
    yield "control and non-BMP characters in the name", "POST", book, {}, with_(BOOK, customer={"name": "A\u0000\u0007\U0001F600", "email": "a@b.c"})
    yield "1 MB notes (body above the limit)", "POST", book, {}, with_(BOOK, notes="x" * 1_000_000)
    yield "invalid JSON", "POST", book, {"raw": True}, '{"serviceId": 3,'
    yield "JSON null body", "POST", book, {"raw": True}, "null"
    yield "JSON array body", "POST", book, {"raw": True}, "[]"
    yield "wrong Content-Type", "POST", book, {"headers": {"Content-Type": "text/plain"}}, json.dumps(BOOK)
    yield "10 KB Idempotency-Key", "POST", book, {"headers": {"Idempotency-Key": "k" * 10_240}}, BOOK
    yield "Idempotency-Key with control characters", "POST", book, {"headers": {"Idempotency-Key": "a\tb"}}, BOOK
    avail = "/api/v1/availability?serviceId=3&employeeId=1&date="
    yield "availability date 9999-12-31", "GET", avail + "9999-12-31", {}, None
    yield "availability date 0001-01-01", "GET", avail + "0001-01-01", {}, None
    yield "availability range 0001-01-01..9999-12-31", "GET", "/api/v1/availability?serviceId=3&employeeId=1&from=0001-01-01&to=9999-12-31", {}, None
    yield "availability employeeId beyond 2^64", "GET", "/api/v1/availability?serviceId=3&employeeId=99999999999999999999&date=" + DAY, {}, None
    hb = {"date": DAY, "employeeId": 1, "clientId": "hostile-0001", "selectedTime": None}
    yield "heartbeat date 9999-12-31", "POST", "/api/v1/heartbeat", {}, with_(hb, date="9999-12-31")
    yield "heartbeat clientId as an object", "POST", "/api/v1/heartbeat", {}, with_(hb, clientId={"a": 1})
    yield "heartbeat selectedTime 24:00", "POST", "/api/v1/heartbeat", {}, with_(hb, selectedTime="24:00")
    yield "heartbeat garbage If-None-Match", "POST", "/api/v1/heartbeat", {"headers": {"If-None-Match": "\"\x01garbage" + "z" * 2000}}, hb
    yield "heartbeat garbage Last-Event-ID", "POST", "/api/v1/heartbeat", {"headers": {"Last-Event-ID": "\u00ff" * 100}}, hb
    lock = {"date": DAY, "employeeId": 1, "time": "10:00", "clientId": "hostile-0001"}
    yield "lock employeeId as a string", "POST", "/api/v1/slots/lock", {}, with_(lock, employeeId="1")
    yield "lock date 0001-01-01", "POST", "/api/v1/slots/lock", {}, with_(lock, date="0001-01-01")
    yield "select time 23:60", "POST", "/api/v1/slots/select", {}, with_(lock, time="23:60")
    yield "release a 4 KB lock token", "DELETE", "/api/v1/slots/lock/" + "t" * 4096 + "?clientId=hostile-0001", {}, None
    yield "appointment id beyond 2^64", "GET", "/api/v1/appointments/99999999999999999999", {}, None
    yield "appointment id -1 with a garbage manage token", "GET", "/api/v1/appointments/-1", {"headers": {"X-Manage-Token": "%%%"}}, None
    yield "garbage Bearer token", "GET", "/api/v1/appointments/1", {"headers": {"Authorization": "Bearer " + "\u00e9" * 300}}, None
    yield "garbage Basic credentials", "GET", "/api/v1/appointments", {"headers": {"Authorization": "Basic %%%not-base64"}}, None
    yield "garbage If-Match on a cancel", "DELETE", "/api/v1/appointments/1", {"headers": {"If-Match": "W/\"\x7f", "X-Manage-Token": "x"}}, None
    yield "admin key 10 KB", "GET", "/api/v1/admin/settings", {"headers": {"X-Admin-Key": "a" * 10_240}}, None


def send(base, method, path, opts, body):
    url = urllib.parse.urlsplit(base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"hostile_inputs.py: {base} is not a loopback address")
    headers = {"Content-Type": "application/json"}
    headers.update(opts.get("headers", {}))
    if body is None:
        data = None
        headers.pop("Content-Type")
    elif opts.get("raw") or isinstance(body, str):
        data = body.encode("utf-8")
    else:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=15)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            # latin-1 bytes on the wire, as a hostile client would send them (http.client refuses some values).
            conn.putheader(name.encode("ascii"), value.encode("utf-8", "surrogatepass"))
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Content-Type", "")
    except (OSError, http.client.HTTPException) as e:
        return 0, type(e).__name__
    finally:
        conn.close()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for base in sys.argv[1:]:
        for name, method, path, opts, body in cases():
            status, content_type = send(base, method, path, opts, body)
            print(json.dumps({"base": base, "case": name, "method": method, "path": path.split("?")[0][:80],
                              "status": status, "content_type": content_type}), flush=True)


if __name__ == "__main__":
    main()
