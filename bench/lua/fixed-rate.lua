-- wrk: about a fixed request rate. wrk2 (which keeps a true constant rate and corrects coordinated omission)
-- is not packaged by Debian; instead each of wrk's connections waits DELAY ms after an answer before its next
-- request, so C connections send at most C * 1000 / DELAY requests/s. Latencies are then those of a service
-- below its peak, measured from each request sent.
--   wrk ... -s bench/lua/fixed-rate.lua URL -- DELAY_MS
local wait = 0
function init(args)
  wait = tonumber(args[1])
end
function delay()
  return wait
end
