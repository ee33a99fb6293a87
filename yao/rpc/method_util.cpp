// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "method_util.hpp"

#include <random>
#include <string>

#include <yao/common/hex.hpp>

namespace yao::rpc {

RpcResult<void> check_arity(const Json& params, size_t required, size_t max) {
    if (!params.is_null() && !params.is_array()) return rpc_error(kInvalidParams, "non-array args");
    size_t n = params.is_array() ? params.size() : 0;
    // geth treats trailing nulls as absent optional arguments.
    while (n > required && params[n - 1].is_null()) --n;
    if (n > max) {
        return rpc_error(kInvalidParams, "too many arguments, want at most " + std::to_string(max));
    }
    for (size_t i = n; i < required; ++i) {
        return rpc_error(kInvalidParams, "missing value for required argument " + std::to_string(i));
    }
    return {};
}

RpcResult<std::optional<storage::StoredBlock>> find_block(Backend& b, const BlockRef& ref) {
    Result<std::optional<storage::StoredBlock>> block;
    if (ref.kind == BlockRef::Kind::kHash) {
        block = b.blocks().block_by_hash(ref.hash, true);
        if (block && *block) b.await_head((*block)->header.number);  // as resolve_block
    } else {
        auto n = resolve_block(b, ref);
        if (!n) return std::unexpected(n.error());
        if (!*n) return std::nullopt;
        block = b.blocks().block_by_number(**n, true);
    }
    if (!block) return std::unexpected(to_rpc_error(block.error()));
    return std::move(*block);
}

RpcResult<std::optional<uint64_t>> resolve_block(Backend& backend, const BlockRef& ref) {
    const uint64_t head = backend.head_number();
    switch (ref.kind) {
        case BlockRef::Kind::kLatest:
        case BlockRef::Kind::kPending:
        case BlockRef::Kind::kSafe:
        case BlockRef::Kind::kFinalized: return head;
        case BlockRef::Kind::kEarliest: return uint64_t{0};
        case BlockRef::Kind::kNumber:
            if (ref.number > head) return std::nullopt;
            return ref.number;
        case BlockRef::Kind::kHash: {
            auto block = backend.blocks().header_by_hash(ref.hash);
            if (!block) return std::unexpected(to_rpc_error(block.error()));
            if (!*block) return std::nullopt;
            // A block named by hash is one "latest" includes from now on (geth's guarantee).
            backend.await_head((*block)->header.number);
            return (*block)->header.number;
        }
    }
    return std::nullopt;
}

RpcResult<uint64_t> resolve_state_block(Backend& backend, const BlockRef& ref) {
    auto n = resolve_block(backend, ref);
    if (!n) return std::unexpected(n.error());
    if (!*n) {
        return rpc_error(kServerError, ref.kind == BlockRef::Kind::kHash
                                           ? "header for hash not found"
                                           : "header not found");
    }
    return **n;
}

vulcan::AtBlock state_block(Backend& backend, uint64_t number) {
    if (number >= backend.head_number()) return std::nullopt;
    return number;
}

namespace {

RpcResult<void> parse_topic_position(const Json& j, std::string_view what,
                                     std::vector<Hash256>& out) {
    if (j.is_null()) return {};
    if (j.is_string()) {
        auto h = parse_hash(j, what);
        if (!h) return std::unexpected(h.error());
        out.push_back(*h);
        return {};
    }
    if (j.is_array()) {
        for (const auto& e : j) {
            // A null inside an OR list matches anything: the whole position is a wildcard.
            if (e.is_null()) {
                out.clear();
                return {};
            }
            auto h = parse_hash(e, what);
            if (!h) return std::unexpected(h.error());
            out.push_back(*h);
        }
        return {};
    }
    return rpc_error(kInvalidParams, "invalid argument " + std::string{what} + ": invalid topic(s)");
}

}  // namespace

RpcResult<LogCriteria> parse_log_criteria(const Json& j, std::string_view what) {
    if (!j.is_object()) {
        return rpc_error(kInvalidParams, "invalid argument " + std::string{what} +
                                             ": expected a filter object");
    }
    static const Json kAbsent;
    auto field = [&](const char* key) -> const Json& {
        return j.contains(key) ? j[key] : kAbsent;
    };
    LogCriteria c;
    if (const Json& h = field("blockHash"); !h.is_null()) {
        auto parsed = parse_hash(h, what);
        if (!parsed) return std::unexpected(parsed.error());
        c.block_hash = *parsed;
    }
    for (const char* key : {"fromBlock", "toBlock"}) {
        const Json& v = field(key);
        if (v.is_null()) continue;
        if (c.block_hash) {
            return rpc_error(kInvalidParams, "invalid argument " + std::string{what} +
                                                 ": cannot specify both BlockHash and "
                                                 "FromBlock/ToBlock, choose one or the other");
        }
        auto ref = parse_block_number(v, what);
        if (!ref) return std::unexpected(ref.error());
        (std::string_view{key} == "fromBlock" ? c.from_block : c.to_block) = *ref;
    }
    if (const Json& a = field("address"); !a.is_null()) {
        if (a.is_array()) {
            for (const auto& e : a) {
                auto addr = parse_address(e, what);
                if (!addr) return std::unexpected(addr.error());
                c.addresses.push_back(*addr);
            }
        } else {
            auto addr = parse_address(a, what);
            if (!addr) return std::unexpected(addr.error());
            c.addresses.push_back(*addr);
        }
    }
    if (const Json& topics = field("topics"); !topics.is_null()) {
        if (!topics.is_array()) {
            return rpc_error(kInvalidParams,
                             "invalid argument " + std::string{what} + ": invalid topic(s)");
        }
        if (topics.size() > 4) return rpc_error(kInvalidParams, "exceed max topics");
        for (size_t i = 0; i < topics.size(); ++i) {
            auto r = parse_topic_position(topics[i], what, c.topics[i]);
            if (!r) return std::unexpected(r.error());
        }
        // Like geth, a log needs at least as many topics as positions given, even when the
        // trailing positions are wildcards.
        c.topic_positions = topics.size();
    }
    return c;
}

bool log_matches(const LogCriteria& c, const chain::Log& log) {
    if (!c.addresses.empty()) {
        bool found = false;
        for (const auto& a : c.addresses) found = found || a == log.address;
        if (!found) return false;
    }
    if (log.topics.size() < c.topic_positions) return false;
    for (size_t i = 0; i < c.topic_positions; ++i) {
        if (c.topics[i].empty()) continue;
        bool found = false;
        for (const auto& t : c.topics[i]) found = found || t == log.topics[i];
        if (!found) return false;
    }
    return true;
}

storage::LogFilter to_store_filter(const LogCriteria& c, uint64_t from, uint64_t to,
                                   size_t limit) {
    storage::LogFilter f;
    f.from_block = from;
    f.to_block = to;
    f.addresses = c.addresses;
    f.topics = c.topics;
    f.limit = limit;
    return f;
}

std::string random_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    Bytes b(16, 0);
    for (size_t i = 0; i < 16; i += 8) {
        const uint64_t v = rng();
        for (size_t k = 0; k < 8; ++k) b[i + k] = static_cast<uint8_t>(v >> (8 * k));
    }
    return to_hex(b);
}

}  // namespace yao::rpc
