-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 The YaoVerse Authors
--
-- Helpers shared by the wrk scripts of bench/rpc: reading a file, a wall clock, and the one JSON
-- line each run prints from done() for bench/rpc/run.sh.

local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } yao_timespec;
int clock_gettime(int clock_id, yao_timespec *ts);
int getpid(void);
int kill(int pid, int sig);
]]

local M = {}

--- The whole content of a file; fails loudly when it cannot be read.
function M.read_file(path)
    local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
    local text = f:read("*a")
    f:close()
    return text
end

local ts = ffi.new("yao_timespec")
--- Monotonic wall time in seconds (CLOCK_MONOTONIC = 1).
function M.now()
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
end

--- Ends the run now: wrk's main thread sleeps for the whole duration unless SIGINT wakes it.
--- A process-directed signal goes to the main thread, the only one that handles it.
function M.end_run()
    ffi.C.kill(ffi.C.getpid(), 2)
end

--- Counts the occurrences of `needle` (plain text) in `text`.
function M.count(text, needle)
    local n, at = 0, 1
    while true do
        local i = string.find(text, needle, at, true)
        if not i then return n end
        n = n + 1
        at = i + #needle
    end
end

local function encode(v)
    local t = type(v)
    if t == "number" then
        if v ~= v or v == math.huge or v == -math.huge then return "null" end
        if v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
        return string.format("%.6g", v)
    elseif t == "boolean" then
        return tostring(v)
    elseif t == "string" then
        return '"' .. v:gsub('[%c"\\]', function(c)
            return string.format("\\u%04x", string.byte(c))
        end) .. '"'
    elseif t == "table" then
        local keys = {}
        for k in pairs(v) do keys[#keys + 1] = k end
        table.sort(keys)
        local parts = {}
        for _, k in ipairs(keys) do parts[#parts + 1] = encode(tostring(k)) .. ":" .. encode(v[k]) end
        return "{" .. table.concat(parts, ",") .. "}"
    end
    return "null"
end
M.encode = encode

--- wrk's summary and latency (microseconds) as a table.
function M.summary_fields(summary, latency)
    local e = summary.errors
    local seconds = summary.duration / 1e6
    return {
        requests = summary.requests,
        wrk_seconds = seconds,
        req_per_s = seconds > 0 and summary.requests / seconds or 0,
        bytes_read = summary.bytes,
        latency_us = {
            mean = latency.mean,
            p50 = latency:percentile(50),
            p90 = latency:percentile(90),
            p99 = latency:percentile(99),
            max = latency.max,
        },
        socket_errors = { connect = e.connect, read = e.read, write = e.write,
                          timeout = e.timeout },
        non_2xx = e.status,
    }
end

--- Prints one result line; run.sh takes the line that starts with {"wrk_result".
function M.print_result(fields)
    io.write('{"wrk_result":' .. encode(fields) .. "}\n")
    io.flush()
end

return M
