-- bench/wrk/heartbeat.lua with a selectedTime (one of BENCH_TIMES per client) on every heartbeat, for the SQL-mode
-- heartbeat probe (bench/probes/sql-heartbeat-probe.sh, WRK_SCRIPT=...). Original header:
-- POST /api/v1/heartbeat: each of BENCH_CLIENTS clients watches one day of one employee (fixed per client), as the
-- widget does. With BENCH_ETAGS (file of "date employee etag" lines fetched just before the run) the request
-- carries If-None-Match, as a widget that already has the current state would; a 304 then counts as success.
local c = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua") -- BENCH_WRK_DIR = bench/wrk
setup, response, done = c.setup, c.response, c.done

local etags = {}
local etag_file = os.getenv("BENCH_ETAGS")
if etag_file and etag_file ~= "" then
  for line in io.lines(etag_file) do
    local date, employee, etag = string.match(line, "^(%S+) (%S+) (%S+)$")
    if date then etags[date .. ":" .. employee] = etag end
  end
end

local thread_count = 2
function init(args) thread_count = tonumber(os.getenv("BENCH_THREADS") or "2") end

function request()
  local client = c.next_client(thread_count)
  local date = c.dates[(client % #c.dates) + 1]
  local employee = (math.floor(client / #c.dates) % c.employees) + 1
  local headers = { ["Content-Type"] = "application/json" }
  local etag = etags[date .. ":" .. employee]
  if etag then headers["If-None-Match"] = etag end
  local time = c.times[(client % #c.times) + 1]
  local body = string.format('{"date":"%s","employeeId":%d,"clientId":"bench-hb-%05d","selectedTime":"%s"}', date, employee, client, time)
  return wrk.format("POST", "/api/v1/heartbeat", headers, body)
end
