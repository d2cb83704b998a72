-- Shared by every bench script: the staff or visitor cookie, and one result line at the end.
-- wrk runs each thread in its own Lua state; `done` runs in the main one.
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
if os.getenv("BENCH_GZIP") == "1" then wrk.headers["Accept-Encoding"] = "gzip, deflate, br" end

-- Reads a file of lines (case numbers, receipts) into a table.
function lines_of(path)
  local t = {}
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  for l in f:lines() do if l ~= "" then t[#t + 1] = l end end
  f:close()
  assert(#t > 0, path .. " is empty")
  return t
end

-- Counts the answers that were what the script expects (a 200 page, a 303 after a form).
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
good, other = 0, 0
function response(status, headers, body)
  if status == expect then good = good + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local e = summary.errors
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do ok = ok + t:get("good"); bad = bad + t:get("other") end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d %.0f\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, bad, ok, summary.bytes / math.max(summary.requests, 1)))
end
