-- wrk script of bench/ceiling.py: each request takes the next of the paths given after `--` (one path: always that
-- one), and done() prints one line that ceiling.py parses (latencies in microseconds, wrk's error counters).
local paths, n = {}, 0

function init(args)
  for i = 1, #args do
    paths[i] = args[i]
  end
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "wrk-result requests=%d duration_us=%d p50_us=%d p95_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
