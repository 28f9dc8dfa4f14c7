-- Shared by the bench scenarios. Configuration comes from environment variables set by bench/run.sh:
--   BENCH_SCENARIO  name written into the result line
--   BENCH_CLIENTS   number of distinct clientIds (one per wrk connection)
--   BENCH_DATES     comma-separated open weekdays (YYYY-MM-DD) to spread requests over
--   BENCH_TIMES     comma-separated grid starts (HH:mm) inside opening hours
--   BENCH_EMPLOYEES number of employees (ids 1..N)
-- done() prints one line "BENCH_JSON {...}" with req/s, p50/p95/p99 (ms) and status counts, which run.sh collects.
local M = {}

local function split(text)
  local items = {}
  for item in string.gmatch(text or "", "[^,]+") do items[#items + 1] = item end
  return items
end

M.scenario = os.getenv("BENCH_SCENARIO") or "unnamed"
M.clients = tonumber(os.getenv("BENCH_CLIENTS") or "100")
M.dates = split(os.getenv("BENCH_DATES"))
M.times = split(os.getenv("BENCH_TIMES"))
M.employees = tonumber(os.getenv("BENCH_EMPLOYEES") or "3")

local threads = {}
local next_id = 0

-- Runs in the main state once per thread: give each thread an id so clientIds do not collide across threads.
function M.setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

-- Per-thread counters, read back in done().
ok_count, not_modified_count, other_count, counter = 0, 0, 0, 0
first_error = ""

function M.response(status, headers, body)
  if status == 304 then not_modified_count = not_modified_count + 1
  elseif status >= 200 and status < 300 then ok_count = ok_count + 1
  else
    other_count = other_count + 1
    if first_error == "" then
      first_error = status .. " " .. string.gsub(string.sub(body or "", 1, 160), '[%c"\\]', " ")
    end
  end
end

-- The n-th request of this thread → a client index in [0, clients): thread t serves t, t+T, t+2T, …
function M.next_client(thread_count)
  local i = counter
  counter = counter + 1
  local per_thread = math.max(1, math.floor(M.clients / thread_count))
  return (i % per_thread) * thread_count + thread_id
end

function M.done(summary, latency, requests)
  local ok, nm, other, first = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    if first == "" then first = t:get("first_error") or "" end
    ok = ok + t:get("ok_count")
    nm = nm + t:get("not_modified_count")
    other = other + t:get("other_count")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"scenario":"%s","clients":%d,"requests":%d,"seconds":%.3f,"rps":%.1f,' ..
    '"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"status_2xx":%d,"status_304":%d,"status_other":%d,' ..
    '"errors":%d,"socket_errors":%d,"first_error":"%s"}\n',
    M.scenario, M.clients, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    ok, nm, other, other + e.connect + e.read + e.write + e.timeout, e.connect + e.read + e.write + e.timeout, first))
end

return M
