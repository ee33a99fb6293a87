// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The arguments of eth_call, eth_estimateGas and eth_createAccessList (geth's TransactionArgs),
// state and block overrides, and the state view that applies the overrides.
#include <algorithm>
#include <utility>

#include <yao/common/address.hpp>
#include <yao/common/keccak.hpp>

#include "execution.hpp"

namespace yao::rpc {
namespace {

std::unexpected<RpcError> invalid_params(std::string message) {
    return rpc_error(kInvalidParams, std::move(message));
}

std::unexpected<RpcError> server_error(std::string message) {
    return rpc_error(kServerError, std::move(message));
}

/// The member `key` of object `j`, or nullptr when absent or null.
const Json* member(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

RpcResult<std::map<Hash256, Hash256>> parse_storage_map(const Json& j, std::string_view what) {
    if (!j.is_object()) return invalid_params("invalid argument " + std::string{what} + ": expected an object");
    std::map<Hash256, Hash256> out;
    for (const auto& [k, v] : j.items()) {
        auto key = parse_hash(Json(k), what);
        if (!key) return std::unexpected(key.error());
        auto value = parse_hash(v, what);
        if (!value) return std::unexpected(value.error());
        out[*key] = *value;
    }
    return out;
}

RpcResult<chain::AccessList> parse_access_list(const Json& j) {
    if (!j.is_array()) return invalid_params("accessList: expected an array");
    chain::AccessList out;
    for (const Json& e : j) {
        if (!e.is_object()) return invalid_params("accessList: expected objects");
        chain::AccessListEntry entry;
        const Json* a = member(e, "address");
        if (a == nullptr) return invalid_params("accessList: missing address");
        auto addr = parse_address(*a, "accessList.address");
        if (!addr) return std::unexpected(addr.error());
        entry.address = *addr;
        if (const Json* keys = member(e, "storageKeys")) {
            if (!keys->is_array())
                return invalid_params("accessList.storageKeys: expected an array");
            for (const Json& k : *keys) {
                auto h = parse_hash(k, "accessList.storageKeys");
                if (!h) return std::unexpected(h.error());
                entry.storage_keys.push_back(*h);
            }
        }
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace

// ---- Parsing ----------------------------------------------------------------------------------

// geth's SetCodeAuthorization JSON: chainId, address, nonce, yParity (or v), r, s.
RpcResult<chain::AuthorizationList> parse_authorization_list(const Json& j) {
    if (!j.is_array()) return invalid_params("invalid argument 0: authorizationList: expected an array");
    chain::AuthorizationList out;
    for (const Json& e : j) {
        if (!e.is_object())
            return invalid_params("invalid argument 0: authorizationList: expected objects");
        chain::Authorization a;
        const auto field = [&](const char* key) -> const Json* {
            const Json* v = member(e, key);
            return v;
        };
        const Json* chain_id = field("chainId");
        const Json* address = field("address");
        const Json* nonce = field("nonce");
        const Json* y = field("yParity") ? field("yParity") : field("v");
        const Json* r = field("r");
        const Json* s = field("s");
        if (!chain_id || !address || !nonce || !y || !r || !s)
            return invalid_params("invalid argument 0: authorizationList: each entry needs "
                                  "chainId, address, nonce, yParity, r and s");
        auto cid = parse_u256(*chain_id, "0: authorizationList.chainId");
        if (!cid) return std::unexpected(cid.error());
        auto addr = parse_address(*address, "0: authorizationList.address");
        if (!addr) return std::unexpected(addr.error());
        auto n = parse_u64(*nonce, "0: authorizationList.nonce");
        if (!n) return std::unexpected(n.error());
        auto yp = parse_u64(*y, "0: authorizationList.yParity");
        if (!yp) return std::unexpected(yp.error());
        if (*yp > 255) return invalid_params("invalid argument 0: authorizationList.yParity: above 255");
        auto rv = parse_u256(*r, "0: authorizationList.r");
        if (!rv) return std::unexpected(rv.error());
        auto sv = parse_u256(*s, "0: authorizationList.s");
        if (!sv) return std::unexpected(sv.error());
        a.chain_id = *cid;
        a.address = *addr;
        a.nonce = *n;
        a.y_parity = static_cast<uint8_t>(*yp);
        a.r = *rv;
        a.s = *sv;
        out.push_back(std::move(a));
    }
    return out;
}

RpcResult<CallArgs> parse_call_args(const Json& j) {
    if (!j.is_object()) return invalid_params("invalid argument 0: expected a call object");
    CallArgs a;
    const auto addr = [&](const char* key, std::optional<Address>& out) -> RpcResult<void> {
        if (const Json* v = member(j, key)) {
            auto r = parse_address(*v, std::string{"0: "} + key);
            if (!r) return std::unexpected(r.error());
            out = *r;
        }
        return {};
    };
    const auto u64 = [&](const char* key, std::optional<uint64_t>& out) -> RpcResult<void> {
        if (const Json* v = member(j, key)) {
            auto r = parse_u64(*v, std::string{"0: "} + key);
            if (!r) return std::unexpected(r.error());
            out = *r;
        }
        return {};
    };
    const auto u256 = [&](const char* key, std::optional<Uint256>& out) -> RpcResult<void> {
        if (const Json* v = member(j, key)) {
            auto r = parse_u256(*v, std::string{"0: "} + key);
            if (!r) return std::unexpected(r.error());
            out = *r;
        }
        return {};
    };
    if (auto r = addr("from", a.from); !r) return std::unexpected(r.error());
    if (auto r = addr("to", a.to); !r) return std::unexpected(r.error());
    if (auto r = u64("gas", a.gas); !r) return std::unexpected(r.error());
    if (auto r = u256("gasPrice", a.gas_price); !r) return std::unexpected(r.error());
    if (auto r = u256("maxFeePerGas", a.max_fee_per_gas); !r) return std::unexpected(r.error());
    if (auto r = u256("maxPriorityFeePerGas", a.max_priority_fee_per_gas); !r)
        return std::unexpected(r.error());
    if (auto r = u256("value", a.value); !r) return std::unexpected(r.error());
    if (auto r = u64("nonce", a.nonce); !r) return std::unexpected(r.error());
    if (auto r = u64("chainId", a.chain_id); !r) return std::unexpected(r.error());
    std::optional<Bytes> data;
    std::optional<Bytes> input;
    if (const Json* v = member(j, "data")) {
        auto r = parse_data(*v, "0: data");
        if (!r) return std::unexpected(r.error());
        data = std::move(*r);
    }
    if (const Json* v = member(j, "input")) {
        auto r = parse_data(*v, "0: input");
        if (!r) return std::unexpected(r.error());
        input = std::move(*r);
    }
    if (data && input && *data != *input)
        return server_error(
            "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass "
            "transaction call data");
    a.data = input ? std::move(input) : std::move(data);
    if (const Json* v = member(j, "accessList")) {
        auto r = parse_access_list(*v);
        if (!r) return std::unexpected(r.error());
        a.access_list = std::move(*r);
    }
    // Fields this chain cannot honour are refused rather than silently dropped.
    if (const Json* v = member(j, "blobVersionedHashes"); v && !(v->is_array() && v->empty()))
        return invalid_params("invalid argument 0: blobVersionedHashes: blob transactions are "
                              "not supported on this chain");
    if (const Json* v = member(j, "authorizationList"); v && !v->is_null()) {
        auto r = parse_authorization_list(*v);
        if (!r) return std::unexpected(r.error());
        a.authorization_list = std::move(*r);
    }
    return a;
}

RpcResult<StateOverrides> parse_state_overrides(const Json& j, std::string_view what) {
    const std::string arg{what};
    if (!j.is_object())
        return invalid_params("invalid argument " + arg + ": expected a state override object");
    StateOverrides out;
    for (const auto& [key, v] : j.items()) {
        auto addr = parse_address(Json(key), arg);
        if (!addr) return std::unexpected(addr.error());
        if (!v.is_object())
            return invalid_params("invalid argument " + arg + ": expected account objects");
        // geth moves a precompile to another address; this EVM's precompiles are fixed.
        if (member(v, "movePrecompileToAddress") != nullptr)
            return invalid_params("invalid argument " + arg +
                                  ": movePrecompileToAddress is not supported");
        AccountOverride o;
        if (const Json* x = member(v, "balance")) {
            auto r = parse_u256(*x, arg + ": balance");
            if (!r) return std::unexpected(r.error());
            o.balance = *r;
        }
        if (const Json* x = member(v, "nonce")) {
            auto r = parse_u64(*x, arg + ": nonce");
            if (!r) return std::unexpected(r.error());
            o.nonce = *r;
        }
        if (const Json* x = member(v, "code")) {
            auto r = parse_data(*x, arg + ": code");
            if (!r) return std::unexpected(r.error());
            o.code = std::move(*r);
        }
        if (const Json* x = member(v, "state")) {
            auto r = parse_storage_map(*x, arg + ": state");
            if (!r) return std::unexpected(r.error());
            o.state = std::move(*r);
        }
        if (const Json* x = member(v, "stateDiff")) {
            auto r = parse_storage_map(*x, arg + ": stateDiff");
            if (!r) return std::unexpected(r.error());
            o.state_diff = std::move(*r);
        }
        if (o.state && o.state_diff)
            return server_error("account " + to_checksum_hex(*addr) +
                                " has both 'state' and 'stateDiff'");
        out[*addr] = std::move(o);
    }
    return out;
}

RpcResult<BlockOverrides> parse_block_overrides(const Json& j, std::string_view what) {
    const std::string arg{what};
    if (!j.is_object())
        return invalid_params("invalid argument " + arg + ": expected a block override object");
    BlockOverrides o;
    const auto u64 = [&](std::initializer_list<const char*> keys,
                         std::optional<uint64_t>& out) -> RpcResult<void> {
        for (const char* key : keys)
            if (const Json* v = member(j, key)) {
                auto r = parse_u64(*v, arg + ": " + key);
                if (!r) return std::unexpected(r.error());
                out = *r;
            }
        return {};
    };
    if (auto r = u64({"number"}, o.number); !r) return std::unexpected(r.error());
    if (auto r = u64({"time"}, o.time); !r) return std::unexpected(r.error());
    if (auto r = u64({"gasLimit"}, o.gas_limit); !r) return std::unexpected(r.error());
    for (const char* key : {"feeRecipient", "coinbase"})
        if (const Json* v = member(j, key)) {
            auto r = parse_address(*v, arg + ": " + key);
            if (!r) return std::unexpected(r.error());
            o.coinbase = *r;
        }
    for (const char* key : {"prevRandao", "random"})
        if (const Json* v = member(j, key)) {
            auto r = parse_hash(*v, "invalid argument " + arg + ": " + key);
            if (!r) return std::unexpected(r.error());
            o.prev_randao = *r;
        }
    for (const char* key : {"baseFeePerGas", "baseFee"})
        if (const Json* v = member(j, key)) {
            auto r = parse_u256(*v, arg + ": " + key);
            if (!r) return std::unexpected(r.error());
            o.base_fee = *r;
        }
    return o;
}

// ---- OverrideStateView ------------------------------------------------------------------------

OverrideStateView::OverrideStateView(state::StateView& base, const StateOverrides& overrides)
    : base_{base}, overrides_{overrides} {
    for (const auto& [addr, o] : overrides_)
        if (o.code && !o.code->empty()) codes_.emplace(keccak256(*o.code), *o.code);
}

std::optional<state::Account> OverrideStateView::account(const Address& addr) {
    std::optional<state::Account> acc = base_.account(addr);
    auto it = overrides_.find(addr);
    if (it == overrides_.end()) return acc;
    const AccountOverride& o = it->second;
    state::Account a = acc.value_or(state::Account{});
    if (o.balance) a.balance = *o.balance;
    if (o.nonce) a.nonce = *o.nonce;
    if (o.code) a.code_hash = o.code->empty() ? state::kEmptyCodeHash : keccak256(*o.code);
    return a;
}

Hash256 OverrideStateView::storage(const Address& addr, const Hash256& key) {
    auto it = overrides_.find(addr);
    if (it != overrides_.end()) {
        const AccountOverride& o = it->second;
        if (o.state) {
            auto s = o.state->find(key);
            return s == o.state->end() ? Hash256{} : s->second;
        }
        if (o.state_diff) {
            auto s = o.state_diff->find(key);
            if (s != o.state_diff->end()) return s->second;
        }
    }
    return base_.storage(addr, key);
}

Bytes OverrideStateView::code(const Hash256& code_hash) {
    auto it = codes_.find(code_hash);
    if (it != codes_.end()) return it->second;
    return base_.code(code_hash);
}

bool OverrideStateView::has_storage(const Address& addr) {
    auto it = overrides_.find(addr);
    if (it != overrides_.end()) {
        const auto non_zero = [](const std::map<Hash256, Hash256>& m) {
            return std::any_of(m.begin(), m.end(),
                               [](const auto& kv) { return kv.second != Hash256{}; });
        };
        if (it->second.state) return non_zero(*it->second.state);
        if (it->second.state_diff && non_zero(*it->second.state_diff)) return true;
    }
    return base_.has_storage(addr);
}

}  // namespace yao::rpc
