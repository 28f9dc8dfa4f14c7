-- POST /api/v1/slots/select: clients move their selection over free grid starts of their day, one call each time.
local c = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
setup, response, done = c.setup, c.response, c.done

local thread_count = 2
function init(args) thread_count = tonumber(os.getenv("BENCH_THREADS") or "2") end

local step = 0
function request()
  local client = c.next_client(thread_count)
  step = step + 1
  local date = c.dates[(client % #c.dates) + 1]
  local employee = (math.floor(client / #c.dates) % c.employees) + 1
  local time = c.times[(step % #c.times) + 1]
  local body = string.format('{"date":"%s","employeeId":%d,"time":"%s","clientId":"bench-sel-%05d"}',
    date, employee, time, client)
  return wrk.format("POST", "/api/v1/slots/select", { ["Content-Type"] = "application/json" }, body)
end
