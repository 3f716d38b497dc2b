-- wrk script for bench/forms.py: POST /api/v1/submissions with a constant body and a unique
-- Idempotency-Key per request, so that every request stores a new submission (no replays).
--
--   AMTSWEG_BENCH_BODY=/path/body.json wrk -t2 -c64 -d15s --latency -s bench/submit.lua \
--       -H "Authorization: Bearer …" http://127.0.0.1:PORT/api/v1/submissions
--
-- Keys are "bench-<nonce>-<thread>-<n>": the nonce (random, per thread and wrk process) keeps the
-- warm-up and every run apart. At the end it prints "submit.lua: sent N" (requests written, including those
-- still in flight when wrk stopped), so the caller can check completed <= stored <= sent.

local function random_hex(bytes)
  local f = assert(io.open("/dev/urandom", "rb"))
  local raw = f:read(bytes)
  f:close()
  return (raw:gsub(".", function(c) return string.format("%02x", string.byte(c)) end))
end

local body_path = assert(os.getenv("AMTSWEG_BENCH_BODY"), "AMTSWEG_BENCH_BODY is not set")
local f = assert(io.open(body_path, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

local threads = {}
local nonce = random_hex(8) -- each thread's Lua state runs this file: one nonce per thread and process
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

sent = 0

function request()
  sent = sent + 1
  wrk.headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", nonce, id, sent)
  return wrk.format()
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("sent") or 0)
  end
  io.write(string.format("submit.lua: sent %d\n", total))
end
