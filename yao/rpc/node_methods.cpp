// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// net_*, web3_*, txpool_*, evm_* and the eth_* methods whose answer is fixed on this chain.
#include <string>

#include <fmt/format.h>

#include <yao/common/address.hpp>
#include <yao/common/keccak.hpp>

#include "encode.hpp"
#include "eth_methods.hpp"
#include "fork_config.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// A Method that checks the arity and returns a fixed value.
Method constant(Json value, size_t max_params = 0) {
    return [value = std::move(value), max_params](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, max_params); !r) return std::unexpected(r.error());
        return value;
    };
}

/// txpool_content / txpool_inspect: {pending: {Address: {"nonce": x}}, queued: {...}} with
/// EIP-55 addresses and decimal nonces as keys (geth's format).
template <typename Fn>
Json pool_json(const chronos::MempoolContent& pool, Fn&& entry) {
    auto side = [&](const std::map<Address, std::map<uint64_t, proto::SignedTx>>& txs) {
        Json out = Json::object();
        for (const auto& [addr, by_nonce] : txs) {
            Json account = Json::object();
            for (const auto& [nonce, tx] : by_nonce) account[std::to_string(nonce)] = entry(tx);
            out[to_checksum_hex(addr)] = std::move(account);
        }
        return out;
    };
    return {{"pending", side(pool.pending)}, {"queued", side(pool.queued)}};
}

/// geth's txpool_inspect line: "to: value wei + gas gas × price wei".
std::string inspect_line(const proto::SignedTx& tx) {
    const auto& t = tx.txn;
    const Uint256& price = t.type == chain::TxType::kLegacy || t.type == chain::TxType::kAccessList
                               ? t.gas_price
                               : t.max_fee_per_gas;
    const std::string to = t.to ? to_checksum_hex(*t.to) : std::string{"contract creation"};
    return fmt::format("{}: {} wei + {} gas \xc3\x97 {} wei", to, t.value.to_dec(), t.gas_limit,
                       price.to_dec());
}


}  // namespace

void register_node_methods(MethodTable& t, Backend& b, const EthOptions& o) {
    t.add("net_version", constant(std::to_string(b.chain_id())));
    t.add("net_listening", constant(true));
    t.add("net_peerCount", constant("0x0"));
    t.add("web3_clientVersion", constant(o.client_version));
    t.add("web3_sha3", [](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto data = parse_data(param(p, 0), "0");
        if (!data) return std::unexpected(data.error());
        return hash_hex(keccak256(*data));
    });

    // Every committed block is final and nothing is downloaded: never syncing.
    t.add("eth_syncing", constant(false));
    t.add("eth_coinbase", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return address_hex(b.coinbase());  // anvil_setCoinbase changes it on a dev node
    });
    t.add("eth_mining", constant(false));
    t.add("eth_hashrate", constant("0x0"));
    t.add("eth_getUncleCountByBlockNumber", constant("0x0", 1));
    t.add("eth_getUncleCountByBlockHash", constant("0x0", 1));
    t.add("eth_getUncleByBlockNumberAndIndex", constant(nullptr, 2));
    t.add("eth_getUncleByBlockHashAndIndex", constant(nullptr, 2));
    t.add("eth_config", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        auto genesis = b.blocks().header_by_number(0);
        if (!genesis) return std::unexpected(internal_error(genesis.error()));
        auto head = b.blocks().header_by_number(b.head_number());
        if (!head) return std::unexpected(internal_error(head.error()));
        if (!*genesis || !*head) return rpc_error(kServerError, "header not found");
        return eth_config_json(b.forks(), b.chain_id(), (*genesis)->hash,
                               (*genesis)->header.timestamp, (*head)->header.timestamp);
    });
    // Methods of the execution-apis spec this chain cannot serve, with the reason.
    const auto refused = [&t](const char* name, std::string reason) {
        t.add(name, [message = std::string{name} + " is not supported: " + std::move(reason)](
                        Params, Session&) -> MethodResult {
            return rpc_error(kMethodNotFound, message);
        });
    };
    const std::string no_trie =
        "YaoVerse has no Merkle-Patricia state trie (see DESIGN.md section 3)";
    refused("eth_getProof", no_trie);
    refused("debug_executionWitness", no_trie + ", so there are no trie nodes to give");
    refused("debug_setHead", "committed blocks are final and are never rewound");
    for (const char* name : {"eth_getWork", "eth_submitWork", "eth_submitHashrate"})
        refused(name, "there is no proof of work: blocks come from the sequencer");
    // What this node can answer for (EIP-style routing hints): everything from genesis is kept
    // (no pruning), except state proofs, which do not exist here.
    t.add("eth_capabilities", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        auto head = b.blocks().header_by_number(b.head_number());
        if (!head) return std::unexpected(to_rpc_error(head.error()));
        if (!*head) return rpc_error(kServerError, "header not found");
        const Json kept = {{"disabled", false}, {"oldestBlock", "0x0"}};
        return Json{{"head", {{"number", quantity((*head)->header.number)},
                              {"hash", hash_hex((*head)->hash)}}},
                    {"state", kept},
                    {"tx", kept},
                    {"logs", kept},
                    {"receipts", kept},
                    {"blocks", kept},
                    {"stateproofs", {{"disabled", true}}}};
    });

    t.add("txpool_status", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        auto status = b.sequencer().pool_status();
        if (!status) return std::unexpected(to_rpc_error(status.error()));
        return Json{{"pending", quantity(uint64_t{status->pending})},
                    {"queued", quantity(uint64_t{status->queued})}};
    });
    t.add("txpool_content", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        auto pool = b.sequencer().pool_content();
        if (!pool) return std::unexpected(to_rpc_error(pool.error()));
        return pool_json(*pool, [](const proto::SignedTx& tx) {
            return transaction_json(tx.txn, tx.hash, tx.sender, std::nullopt);
        });
    });
    t.add("txpool_inspect", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        auto pool = b.sequencer().pool_content();
        if (!pool) return std::unexpected(to_rpc_error(pool.error()));
        return pool_json(*pool, [](const proto::SignedTx& tx) -> Json {
            return inspect_line(tx);
        });
    });

    if (!o.dev_methods) return;
    // Development clock and mining (Hardhat / Anvil / Ganache names).
    t.add("evm_mine", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 1); !r) return std::unexpected(r.error());
        std::optional<uint64_t> timestamp;
        if (const Json& ts = param(p, 0); !ts.is_null()) {
            auto v = parse_u64_or_decimal(ts, "0");
            if (!v) return std::unexpected(v.error());
            timestamp = *v;
        }
        auto n = b.mine(timestamp);
        if (!n) return std::unexpected(to_rpc_error(n.error()));
        return "0x0";  // Hardhat and Ganache answer "0x0"
    });
    t.add("evm_setNextBlockTimestamp", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto v = parse_u64_or_decimal(param(p, 0), "0");
        if (!v) return std::unexpected(v.error());
        if (auto r = b.set_next_block_timestamp(*v); !r) {
            return std::unexpected(to_rpc_error(r.error()));
        }
        return nullptr;
    });
    t.add("evm_increaseTime", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto v = parse_u64_or_decimal(param(p, 0), "0");
        if (!v) return std::unexpected(v.error());
        auto total = b.increase_time(*v);
        if (!total) return std::unexpected(to_rpc_error(total.error()));
        return *total;  // Hardhat: the total offset in seconds, as a JSON number
    });
    // anvil_mine / hardhat_mine(blocks = 1, interval = 1): `blocks` blocks, each `interval`
    // seconds after the one before (the clock moves forward with them, as both tools do).
    // Every block is proposed, executed and committed: at most kMaxMineBlocks per call.
    auto mine_many = [&b](Params p, Json answer) -> MethodResult {
        if (auto r = check_arity(p, 0, 2); !r) return std::unexpected(r.error());
        uint64_t blocks = 1;
        uint64_t interval = 1;
        if (const Json& v = param(p, 0); !v.is_null()) {
            auto n = parse_u64_or_decimal(v, "0");
            if (!n) return std::unexpected(n.error());
            blocks = *n;
        }
        if (const Json& v = param(p, 1); !v.is_null()) {
            auto n = parse_u64_or_decimal(v, "1");
            if (!n) return std::unexpected(n.error());
            interval = *n;
        }
        if (blocks > kMaxMineBlocks) {
            return rpc_error(kInvalidParams, "at most " + std::to_string(kMaxMineBlocks) +
                                                 " blocks per call, got " + std::to_string(blocks));
        }
        for (uint64_t i = 0; i < blocks; ++i) {
            if (i > 0 && interval > 0) {
                if (auto moved = b.increase_time(interval); !moved)
                    return std::unexpected(to_rpc_error(moved.error()));
            }
            if (auto n = b.mine(std::nullopt); !n) return std::unexpected(to_rpc_error(n.error()));
        }
        return answer;
    };
    t.add("anvil_mine", [mine_many](Params p, Session&) { return mine_many(p, nullptr); },
          Weight::kHeavy);
    t.add("hardhat_mine", [mine_many](Params p, Session&) { return mine_many(p, true); },
          Weight::kHeavy);
}

}  // namespace yao::rpc
