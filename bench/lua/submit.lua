-- The public report form, filed again and again: each request a new submission token, so each
-- one that is acknowledged (303) is a new case. BENCH_CSRF belongs to BENCH_COOKIE's session.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local csrf = os.getenv("BENCH_CSRF")
local today = os.date("!%Y-%m-%d", os.time() - 3 * 86400)
local boundary = "----netra-bench-7d3f0a"
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local fields = {
  {"identity_mode", "anonymous"}, {"asn_id", "19860926 201505 1 001"},
  {"asn_name", "Budi Santoso"}, {"employee_type", "PNS"},
  {"agency", "Pemerintah Kota Palangkaraya"}, {"unit", "Dinas Pendidikan"},
  {"position", "Kepala Seksi"}, {"violations", "NET-02"}, {"violations", "NET-05"},
  {"election_type", "pilwalkot"}, {"election_stage", "campaign"},
  {"incident_date", today}, {"known_date", today}, {"province", "62"}, {"regency", "62.71"},
  {"place", "Jl. Yos Sudarso, Palangka Raya"},
  {"description", "Pada tanggal tersebut ASN ini mengunggah foto bersama bakal calon wali kota dengan simbol jari dan ajakan memilih."},
  {"links", "https://www.instagram.com/p/xyz123/"}, {"witnesses", ""}, {"declaration", "yes"},
}
local function part(k, v)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. k .. "\"\r\n\r\n" .. v .. "\r\n"
end
local fixed = {}
for _, f in ipairs(fields) do fixed[#fixed + 1] = part(f[1], f[2]) end
fixed = table.concat(fixed) .. "--" .. boundary .. "--\r\n"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
function request()
  local token = string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  return wrk.format(nil, "/lapor", nil, part("csrf", csrf) .. part("submission_token", token) .. fixed)
end
