-- The benchmark's script for wrk (bench/run passes it with -s).
--
-- BENCH_MODE (environment):
--   plain    every request asks for the same URL (what a page cache, or nginx, answers best)
--   nocache  every request adds a query string of its own (nocache=<thread>-<n>), so a page
--            cache keyed by URL answers none of them: the page is built each time
--   rotate   requests go round the paths in BENCH_PATHS (space-separated): a mix of pages
-- At the end one line "BENCH-JSON {...}" gives the counts and latencies (microseconds).

local mode = os.getenv("BENCH_MODE") or "plain"
local counter = 0

function setup(thread)
  thread_number = (thread_number or 0) + 1
  thread:set("thread_id", thread_number)
end

if mode == "nocache" then
  function request()
    counter = counter + 1
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "nocache=" .. thread_id .. "-" .. counter)
  end
elseif mode == "rotate" then
  local paths = {}
  for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
    table.insert(paths, path)
  end

  function request()
    counter = counter + 1
    return wrk.format(nil, paths[(counter + thread_id) % #paths + 1])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max))
end
