-- wrk: every request revalidates with If-None-Match, so an unchanged feed answers 304 (the poller's cheap path).
--   wrk ... -s bench/lua/if-none-match.lua URL -- '"etag"'
function init(args)
  wrk.headers["If-None-Match"] = args[1]
end
