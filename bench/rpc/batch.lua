-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 The YaoVerse Authors
--
-- Pre-signed transactions through batched eth_sendRawTransaction: every line of RPC_BATCH_FILE
-- (a JSON-RPC batch body, bench/rpc_txgen.cpp) is sent once, in file order; the run ends when
-- every line is answered (or wrk's duration is over, whichever comes first):
--   RPC_BATCH_FILE=batches.txt wrk -t1 -c8 -d10s --latency -s batch.lua http://127.0.0.1:PORT/
-- One wrk thread only (-t1): the file order is the order the requests leave in. A transaction
-- is admitted when its answer in the batch carries "result" (its hash); "error" answers are
-- rejections. Admitted per second = admitted / (last answer - first request), own wall clock.
-- done() prints one JSON line (common.lua).

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local path = assert(os.getenv("RPC_BATCH_FILE"), "RPC_BATCH_FILE is not set")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
    assert(#threads == 1, "batch.lua needs exactly one wrk thread (-t1)")
end

local requests_text = {}
local next_index = 1
local verify_call = true

function init(args)
    for line in io.lines(path) do
        if #line > 0 then
            requests_text[#requests_text + 1] = wrk.format("POST", nil, nil, line)
        end
    end
    batches_total = #requests_text
    batches_sent = 0
    batches_answered = 0
    batches_failed = 0
    txs_admitted = 0
    txs_rejected = 0
    first_rejection = ""
    body_bytes_total = 0
    started_at = 0
    finished_at = 0
    exhausted = false
end

function request()
    -- wrk asks the first thread for one request before the run starts, only to count the
    -- requests it contains; that one is never sent.
    if verify_call then
        verify_call = false
        return requests_text[1]
    end
    if next_index > batches_total then
        -- Nothing left: an idle connection sends nothing more (delay() keeps it waiting), but
        -- wrk insists on a request; the first batch again would only be rejected as known.
        return requests_text[1]
    end
    if started_at == 0 then started_at = common.now() end
    local r = requests_text[next_index]
    body_bytes_total = body_bytes_total + #r
    next_index = next_index + 1
    batches_sent = batches_sent + 1
    return r
end

function delay()
    if next_index > batches_total then return 3600 * 1000 end
    return 0
end

function response(status, headers, body)
    batches_answered = batches_answered + 1
    if status ~= 200 then
        batches_failed = batches_failed + 1
        if first_rejection == "" then first_rejection = status .. " " .. body:sub(1, 200) end
    else
        txs_admitted = txs_admitted + common.count(body, '"result"')
        local errors = common.count(body, '"error"')
        txs_rejected = txs_rejected + errors
        if errors > 0 and first_rejection == "" then
            local at = string.find(body, '"error"', 1, true)
            first_rejection = body:sub(at, at + 200)
        end
    end
    finished_at = common.now()
    if batches_answered == batches_total then
        exhausted = true
        wrk.thread:stop()
        common.end_run()
    end
end

function done(summary, latency, requests)
    local t = threads[1]
    local fields = common.summary_fields(summary, latency)
    for _, key in ipairs({"batches_total", "batches_sent", "batches_answered", "batches_failed",
                          "txs_admitted", "txs_rejected", "first_rejection", "exhausted"}) do
        fields[key] = t:get(key)
    end
    local seconds = t:get("finished_at") - t:get("started_at")
    fields.admit_seconds = seconds
    fields.admitted_per_s = seconds > 0 and fields.txs_admitted / seconds or 0
    fields.batch_bytes_mean = fields.batches_sent > 0
        and t:get("body_bytes_total") / fields.batches_sent or 0
    common.print_result(fields)
end
