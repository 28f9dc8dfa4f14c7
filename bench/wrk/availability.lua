-- GET /api/v1/availability for one day (BENCH_RANGE_DAYS=1) or a from/to range of BENCH_RANGE_DAYS days, over
-- the open weekdays and the employee/service pairs the demo catalogue offers, in turn.
local c = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
setup, response, done = c.setup, c.response, c.done

local days = tonumber(os.getenv("BENCH_RANGE_DAYS") or "1")

local function add_days(date, n)
  local y, m, d = string.match(date, "^(%d+)-(%d+)-(%d+)$")
  return os.date("!%Y-%m-%d", os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d) + n, hour = 12 }))
end

-- Demo catalogue: 1 Alex offers 1 Haircut, 2 Colouring, 3 Consultation; 2 Sam 1 and 3; 3 Jordan 2 and 3.
local offers = { { 1, 1 }, { 1, 2 }, { 1, 3 }, { 2, 1 }, { 2, 3 }, { 3, 2 }, { 3, 3 } }

local i = 0
function request()
  i = i + 1
  local date = c.dates[(i % #c.dates) + 1]
  local pair = offers[(math.floor(i / #c.dates) % #offers) + 1]
  local employee, service = pair[1], pair[2]
  local path
  if days <= 1 then
    path = string.format("/api/v1/availability?date=%s&employeeId=%d&serviceId=%d", date, employee, service)
  else
    path = string.format("/api/v1/availability?from=%s&to=%s&employeeId=%d&serviceId=%d",
      date, add_days(date, days - 1), employee, service)
  end
  return wrk.format("GET", path)
end
