-- wrk script: every request is a fresh, valid walkthrough with an id of its own and a real token.
-- The bodies come from a data file the bench writes (CANOPY_WRK_DATA): a Lua chunk returning
-- { path = "/v1/walkthroughs", seed = n, items = { { token = "...", parts = { '{"observation_id":"', '",...}' } }, ... } }
-- and each request is parts[1] .. <new uuid> .. parts[2] .. <new uuid> .. ... parts[n]: one fresh
-- id between every two parts (one for a single walkthrough, one per walkthrough of a batch).
-- done() prints one JSON line (prefixed "WRK_RESULT ") that tests/benchmark/wrk_load.py reads.

local data = dofile(os.getenv("CANOPY_WRK_DATA"))
local threads = {}

-- Runs in the main Lua state; each thread has a state of its own, where thread:set makes
-- `thread_id` a global its init() reads (a local here would not reach it).
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

local items, next_item
-- global: done() reads each thread's counts with thread:get, which sees globals only
statuses = {}
rejected = 0
unchanged = 0
created = 0
local function hex(n, digits)
  return string.format("%0" .. digits .. "x", n)
end

-- A version-4 UUID from this thread's own random stream (seeded per thread and per run).
local function uuid4()
  local variant = 8 + math.random(0, 3)
  return hex(math.random(0, 0xffff), 4) .. hex(math.random(0, 0xffff), 4) .. "-" ..
    hex(math.random(0, 0xffff), 4) .. "-4" .. hex(math.random(0, 0xfff), 3) .. "-" ..
    hex(variant, 1) .. hex(math.random(0, 0xfff), 3) .. "-" ..
    hex(math.random(0, 0xffff), 4) .. hex(math.random(0, 0xffff), 4) .. hex(math.random(0, 0xffff), 4)
end

function init(args)
  math.randomseed(data.seed + thread_id * 7919)
  items = data.items
  next_item = (thread_id * 97) % #items
  statuses = {}
  rejected = 0
  unchanged = 0
  created = 0
end

function request()
  next_item = next_item % #items + 1
  local item = items[next_item]
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. item.token }
  local body = { item.parts[1] }
  for i = 2, #item.parts do
    body[#body + 1] = uuid4()
    body[#body + 1] = item.parts[i]
  end
  return wrk.format("POST", data.path, headers, table.concat(body))
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if data.batch and status < 300 then
    -- a batch answers 200 with a status per walkthrough and their counts: the created ones
    -- (batches differ in size, so the request count times one batch's size is not it), the
    -- ones intake refused, and the ones it already had (a replay stores nothing new)
    created = created + tonumber(body:match('"created"%s*:%s*(%d+)') or 0)
    for _ in body:gmatch('"status"%s*:%s*"rejected"') do
      rejected = rejected + 1
    end
    for _ in body:gmatch('"status"%s*:%s*"unchanged"') do
      unchanged = unchanged + 1
    end
  end
end

function done(summary, latency, requests)
  local merged, refused, replayed, made = {}, 0, 0, 0
  for _, thread in ipairs(threads) do
    refused = refused + thread:get("rejected")
    replayed = replayed + thread:get("unchanged")
    made = made + thread:get("created")
    for status, n in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "statuses": {%s}, ' ..
    '"socket_errors": %d, "created_items": %d, "rejected_items": %d, "unchanged_items": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, table.concat(parts, ", "),
    e.connect + e.read + e.write + e.timeout, made, refused, replayed,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
