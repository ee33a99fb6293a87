// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The state-writing development helpers under the names Anvil and Hardhat give them
// (docs/rpc.md "Development helpers"): setBalance, setCode, setNonce, setStorageAt,
// impersonation, snapshot / revert, reset, dumpState / loadState, setCoinbase,
// setNextBlockBaseFeePerGas, nodeInfo / metadata. State never changes outside a block here: each
// write commits a block that carries a state patch (chain/state_patch.hpp), so the chain stays
// re-executable (`yaoverse verify`) and every node reproduces it.
#include <map>
#include <mutex>
#include <string>

#include <yao/common/hex.hpp>
#include <yao/infra/gzip.hpp>
#include <yao/state/state_view.hpp>

#include "dev_state.hpp"
#include "eth_methods.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// Anvil answers most helpers with null, Hardhat with true.
Json done(bool hardhat) { return hardhat ? Json(true) : Json(nullptr); }

/// Mines the patch (a block now) and answers `answer`.
MethodResult apply(Backend& b, chain::StatePatch patch, Json answer) {
    chain::normalize(patch);
    if (auto n = b.mine_patch(std::move(patch)); !n) return std::unexpected(to_rpc_error(n.error()));
    return answer;
}

/// The snapshots of evm_snapshot: id -> the head it saw. Shared by the methods' closures.
struct Snapshots {
    std::mutex mu;
    std::map<uint64_t, uint64_t> blocks;
    uint64_t next_id = 1;
};

RpcResult<Address> address_at(Params p, size_t i) {
    return parse_address(param(p, i), std::to_string(i));
}

/// The setters of one account field, under both names: (address, value) -> a one-account patch.
template <typename Parse, typename Set>
void add_setter(MethodTable& t, Backend& b, std::string_view field, Parse parse, Set set,
                Json anvil_answer = nullptr) {
    for (const bool hardhat : {false, true}) {
        const std::string name = std::string{hardhat ? "hardhat_set" : "anvil_set"} + std::string{field};
        t.add(name,
              [&b, parse, set, hardhat, anvil_answer](Params p, Session&) -> MethodResult {
                  if (auto r = check_arity(p, 2, 2); !r) return std::unexpected(r.error());
                  auto addr = address_at(p, 0);
                  if (!addr) return std::unexpected(addr.error());
                  auto value = parse(param(p, 1));
                  if (!value) return std::unexpected(value.error());
                  chain::AccountPatch a{*addr, {}, {}, {}, {}};
                  set(a, std::move(*value));
                  chain::StatePatch patch;
                  patch.accounts.push_back(std::move(a));
                  return apply(b, std::move(patch), hardhat ? Json(true) : anvil_answer);
              },
              Weight::kHeavy);
    }
}

/// Registers `name` under each prefix, answering as that tool does.
template <typename Fn>
void add_both(MethodTable& t, std::string_view suffix, Fn fn) {
    t.add("anvil_" + std::string{suffix}, [fn](Params p, Session& s) { return fn(p, s, false); },
          Weight::kHeavy);
    t.add("hardhat_" + std::string{suffix}, [fn](Params p, Session& s) { return fn(p, s, true); },
          Weight::kHeavy);
}

}  // namespace

void register_dev_state_methods(MethodTable& t, Backend& b, const EthOptions& o) {
    add_setter(
        t, b, "Balance", [](const Json& j) { return parse_u256(j, "1"); },
        [](chain::AccountPatch& a, Uint256 v) { a.balance = v; });
    add_setter(
        t, b, "Nonce",
        [](const Json& j) -> RpcResult<uint64_t> {
            auto n = parse_u64(j, "1");
            if (n && *n > static_cast<uint64_t>(INT64_MAX))
                return rpc_error(kInvalidParams, "invalid argument 1: a nonce above 2^63-1 "
                                                 "cannot be stored");
            return n;
        },
        [](chain::AccountPatch& a, uint64_t v) { a.nonce = v; });
    add_setter(
        t, b, "Code", [](const Json& j) { return parse_data(j, "1"); },
        [](chain::AccountPatch& a, Bytes v) { a.code = std::move(v); });
    // setStorageAt(address, slot, value): the slot a quantity (Hardhat) or 32 bytes (Anvil),
    // the value exactly 32 bytes. Anvil answers true here.
    for (const bool hardhat : {false, true}) {
        t.add(hardhat ? "hardhat_setStorageAt" : "anvil_setStorageAt",
              [&b](Params p, Session&) -> MethodResult {
                  if (auto r = check_arity(p, 3, 3); !r) return std::unexpected(r.error());
                  auto addr = address_at(p, 0);
                  if (!addr) return std::unexpected(addr.error());
                  auto slot = parse_u256(param(p, 1), "1");
                  if (!slot) return std::unexpected(slot.error());
                  auto value = parse_data(param(p, 2), "2");
                  if (!value) return std::unexpected(value.error());
                  if (value->size() != 32)
                      return rpc_error(kInvalidParams,
                                       "invalid argument 2: the storage value must be exactly "
                                       "32 bytes long");
                  chain::StatePatch patch;
                  patch.accounts.push_back(
                      {*addr, {}, {}, {}, {{slot->to_hash(), Hash256::right_aligned(*value)}}});
                  return apply(b, std::move(patch), true);
              },
              Weight::kHeavy);
    }

    add_both(t, "setCoinbase", [&b](Params p, Session&, bool hardhat) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto addr = address_at(p, 0);
        if (!addr) return std::unexpected(addr.error());
        if (auto r = b.set_coinbase(*addr); !r) return std::unexpected(to_rpc_error(r.error()));
        return done(hardhat);
    });
    // The base fee is a chain constant (DESIGN.md section 3): only that value is accepted.
    add_both(t, "setNextBlockBaseFeePerGas", [&b](Params p, Session&, bool hardhat) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto fee = parse_u256(param(p, 0), "0");
        if (!fee) return std::unexpected(fee.error());
        if (*fee != b.base_fee())
            return rpc_error(kInvalidParams,
                             "the base fee is constant on this chain (" + b.base_fee().to_dec() +
                                 " wei); it cannot be set to " + fee->to_dec());
        return done(hardhat);
    });

    // Impersonation: eth_sendTransaction then sends for the address without its key.
    for (const bool on : {true, false}) {
        add_both(t, on ? "impersonateAccount" : "stopImpersonatingAccount",
                 [&b, on](Params p, Session&, bool hardhat) -> MethodResult {
                     if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
                     auto addr = address_at(p, 0);
                     if (!addr) return std::unexpected(addr.error());
                     if (auto r = b.impersonate(*addr, on); !r)
                         return std::unexpected(to_rpc_error(r.error()));
                     return done(hardhat);
                 });
    }
    t.add("anvil_autoImpersonateAccount", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        if (!param(p, 0).is_boolean())
            return rpc_error(kInvalidParams, "invalid argument 0: expected a boolean");
        if (auto r = b.auto_impersonate(param(p, 0).get<bool>()); !r)
            return std::unexpected(to_rpc_error(r.error()));
        return nullptr;
    });

    // evm_snapshot / evm_revert: a revert commits a block that restores, everywhere the state
    // changed since the snapshot, the value it had then (the chain moves forward; see docs).
    auto snapshots = std::make_shared<Snapshots>();
    t.add("evm_snapshot", [&b, snapshots](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        std::scoped_lock lock{snapshots->mu};
        const uint64_t id = snapshots->next_id++;
        snapshots->blocks[id] = b.head_number();
        return quantity(id);
    });
    t.add("evm_revert", [&b, snapshots](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto id = parse_u64(param(p, 0), "0");
        if (!id) return std::unexpected(id.error());
        std::optional<uint64_t> block;
        {
            std::scoped_lock lock{snapshots->mu};
            auto it = snapshots->blocks.find(*id);
            if (it == snapshots->blocks.end()) return false;
            block = it->second;
            // The snapshot and every later one are used up (Hardhat's and Anvil's rule).
            snapshots->blocks.erase(it, snapshots->blocks.end());
        }
        auto patch = restore_patch(b, *block);
        if (!patch) return std::unexpected(patch.error());
        if (patch->accounts.empty()) return true;
        auto applied = apply(b, std::move(*patch), true);
        if (!applied) return applied;
        return true;
    });
    // reset without arguments: back to the genesis state. Forking is not served.
    add_both(t, "reset", [&b](Params p, Session&, bool hardhat) -> MethodResult {
        if (auto r = check_arity(p, 0, 1); !r) return std::unexpected(r.error());
        if (const Json& opts = param(p, 0); !opts.is_null() && !(opts.is_object() && opts.empty()))
            return rpc_error(kInvalidParams,
                             "forking is not supported: reset takes no options here");
        auto patch = restore_patch(b, 0);
        if (!patch) return std::unexpected(patch.error());
        if (patch->accounts.empty()) return done(hardhat);
        return apply(b, std::move(*patch), done(hardhat));
    });

    t.add("anvil_dumpState", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 1); !r) return std::unexpected(r.error());
        auto state = dump_state(b);
        if (!state) return std::unexpected(state.error());
        return data_hex(infra::gzip(as_bytes(state->dump())));
    }, Weight::kHeavy);
    t.add("anvil_loadState", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto data = parse_data(param(p, 0), "0");
        if (!data) return std::unexpected(data.error());
        auto patch = load_state_patch(*data);
        if (!patch) return std::unexpected(patch.error());
        if (patch->accounts.empty()) return true;
        return apply(b, std::move(*patch), true);
    }, Weight::kHeavy);

    t.add("anvil_nodeInfo", [&b, o](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return node_info(b, o);
    });
    t.add("hardhat_metadata", [&b, o](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return node_metadata(b, o);
    });
}

}  // namespace yao::rpc
