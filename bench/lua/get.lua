-- GET of the URL given to wrk, with the cookie.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
