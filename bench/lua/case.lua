-- A random case page out of BENCH_CASES (one case number per line).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local cases = lines_of(os.getenv("BENCH_CASES"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
function request()
  return wrk.format("GET", "/dashboard/cases/" .. cases[math.random(#cases)])
end
