-- The status check: a random receipt out of BENCH_RECEIPTS ("NUMBER SECRET" per line).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local csrf = os.getenv("BENCH_CSRF")
local receipts = lines_of(os.getenv("BENCH_RECEIPTS"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local function enc(s) return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", c:byte()) end)) end
function request()
  local n, s = receipts[math.random(#receipts)]:match("^(%S+)%s+(.+)$")
  return wrk.format(nil, "/status", nil, "csrf=" .. enc(csrf) .. "&case_number=" .. enc(n) .. "&secret=" .. enc(s))
end
