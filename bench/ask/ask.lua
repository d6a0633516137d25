-- wrk script for bench/ask: which hostname each request asks about.
--   wrk ... -s ask.lua <url-without-query> -- MODE COUNT PREFIX SUFFIX
-- MODE rotate: PREFIX .. k .. SUFFIX with k uniform in [0, COUNT)  (a set that the cache can hold)
-- MODE unique: PREFIX .. thread .. "-" .. n .. SUFFIX, never repeated (every ask misses the cache)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local mode, count, prefix, suffix
local n = 0
function init(args)
  mode, count, prefix, suffix = args[1], tonumber(args[2]), args[3], args[4]
  math.randomseed(os.time() * 1000 + (tid or 0))
end

function request()
  local name
  if mode == "unique" then
    n = n + 1
    name = prefix .. (tid or 0) .. "-" .. n .. suffix
  else
    name = prefix .. math.random(0, count - 1) .. suffix
  end
  return wrk.format("GET", wrk.path .. "?domain=" .. name)
end
