-- One wrk script for every REST scenario, configured by the harness through the environment:
-- BENCH_METHOD, BENCH_PATHS_FILE (one path per line, taken in turn), BENCH_HEADERS ("Name: value|..."),
-- BENCH_BODY_FILE. done() prints one machine-readable line for the harness. A per-request request()
-- is defined only when paths rotate: it costs wrk far more than a static request.
local method = os.getenv("BENCH_METHOD") or "GET"
local body = nil
local bodyFile = os.getenv("BENCH_BODY_FILE")
if bodyFile and bodyFile ~= "" then
  local f = assert(io.open(bodyFile, "rb"))
  body = f:read("*a")
  f:close()
end
local paths = {}
local pathsFile = os.getenv("BENCH_PATHS_FILE")
if pathsFile and pathsFile ~= "" then
  for p in io.lines(pathsFile) do
    if p ~= "" then paths[#paths + 1] = p end
  end
end
if #paths == 0 then paths[1] = "/" end
local headers = {}
for h in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local k, v = h:match("^([^:]+):%s*(.*)$")
  if k then headers[k] = v end
end
local turn = 0

if #paths == 1 then
  -- One request for the whole run: wrk builds it once, so the script costs nothing per request.
  wrk.method = method
  wrk.path = paths[1]
  wrk.body = body
  for k, v in pairs(headers) do wrk.headers[k] = v end
else
  function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
    turn = math.random(#paths)
  end

  function request()
    turn = turn % #paths + 1
    return wrk.format(method, paths[turn], headers, body)
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
      .. '"p50":%d,"p99":%d,"p999":%d,"max":%d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
