-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 The YaoVerse Authors
--
-- One JSON-RPC request, the same body every time, over keep-alive connections:
--   RPC_BODY_FILE=body.json wrk -t1 -c32 -d5s --latency -s single.lua http://127.0.0.1:PORT/
-- Every response is checked: a JSON-RPC answer without "result" (an "error" object, or not
-- JSON-RPC at all) counts as failed. done() prints one JSON line (common.lua).

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = common.read_file(assert(os.getenv("RPC_BODY_FILE"), "RPC_BODY_FILE is not set"))

local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
end

function init(args)
    rpc_ok = 0
    rpc_failed = 0
    first_failure = ""
end

function response(status, headers, body)
    if status == 200 and string.find(body, '"result"', 1, true) then
        rpc_ok = rpc_ok + 1
    else
        rpc_failed = rpc_failed + 1
        if first_failure == "" then first_failure = status .. " " .. body:sub(1, 200) end
    end
end

function done(summary, latency, requests)
    local fields = common.summary_fields(summary, latency)
    fields.rpc_ok, fields.rpc_failed, fields.first_failure = 0, 0, ""
    for _, t in ipairs(threads) do
        fields.rpc_ok = fields.rpc_ok + t:get("rpc_ok")
        fields.rpc_failed = fields.rpc_failed + t:get("rpc_failed")
        if fields.first_failure == "" then fields.first_failure = t:get("first_failure") end
    end
    fields.body_bytes = #wrk.body
    fields.ok_per_s = fields.wrk_seconds > 0 and fields.rpc_ok / fields.wrk_seconds or 0
    common.print_result(fields)
end
