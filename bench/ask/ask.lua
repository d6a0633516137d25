-- wrk script for bench/ask: which hostname each request asks about.
--   wrk ... -s ask.lua <url-without-query> -- MODE COUNT PREFIX SUFFIX
-- MODE rotate:  PREFIX .. k .. SUFFIX with k uniform in [0, COUNT)
-- MODE unique:  PREFIX .. thread .. "-" .. n .. SUFFIX, never repeated
-- MODE scanner: what a scanner's random SNI looks like to Caddy, never repeated: random labels under
--               assorted suffixes, some upper-case or with a trailing dot, some IPv4/IPv6 literals,
--               some over-long or malformed (COUNT, PREFIX and SUFFIX are ignored)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local mode, count, prefix, suffix
local n = 0
local alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
local suffixes = { ".com", ".net", ".io", ".co.uk", ".example", ".shop", ".cloud", ".dev" }

local function label(len)
  local t = {}
  for i = 1, len do
    local k = math.random(1, #alphabet)
    t[i] = alphabet:sub(k, k)
  end
  return table.concat(t)
end

local function scanner_name()
  n = n + 1
  local kind = math.random(1, 20)
  if kind == 1 then
    return math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  elseif kind == 2 then
    return string.format("2001:db8:%x::%x", math.random(0, 65535), n)
  elseif kind == 3 then
    return label(70) .. ".example.com" -- a label over 63 characters
  elseif kind == 4 then
    return "-" .. label(8) .. ".com"
  end
  local name = label(math.random(3, 12)) .. "-" .. (tid or 0) .. "-" .. n
  if math.random(1, 3) == 1 then
    name = label(math.random(2, 8)) .. "." .. name
  end
  name = name .. suffixes[math.random(1, #suffixes)]
  if kind == 5 then
    name = name:upper()
  elseif kind == 6 then
    name = name .. "."
  end
  return name
end

function init(args)
  mode, count, prefix, suffix = args[1], tonumber(args[2]), args[3], args[4]
  math.randomseed(os.time() * 1000 + (tid or 0))
end

function request()
  local name
  if mode == "scanner" then
    name = scanner_name()
  elseif mode == "unique" then
    n = n + 1
    name = prefix .. (tid or 0) .. "-" .. n .. suffix
  else
    name = prefix .. math.random(0, count - 1) .. suffix
  end
  return wrk.format("GET", wrk.path .. "?domain=" .. name)
end
