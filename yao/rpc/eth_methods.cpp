// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "eth_methods.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <utility>

#include <yao/chain/processor.hpp>
#include <yao/common/keccak.hpp>

#include "encode.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// geth's gas price oracle (eth/gasprice): blocks looked at and the percentile taken.
constexpr uint64_t kOracleBlocks = 20;
constexpr size_t kOracleTipsPerBlock = 3;
constexpr uint64_t kOraclePercentile = 60;
constexpr uint64_t kOracleIgnoreBelow = 2;  ///< wei; geth's DefaultIgnorePrice

MethodResult store_fail(const Error& e) { return std::unexpected(to_rpc_error(e)); }

/// Parses parameter `i` as a block reference; absent means latest.
RpcResult<BlockRef> block_param(Params params, size_t i) {
    return parse_block_ref(param(params, i), std::to_string(i));
}

RpcResult<bool> bool_param(Params params, size_t i) {
    const Json& j = param(params, i);
    if (j.is_null()) return false;
    if (!j.is_boolean()) {
        return rpc_error(kInvalidParams, "invalid argument " + std::to_string(i) +
                                             ": json: cannot unmarshal non-bool into Go value "
                                             "of type bool");
    }
    return j.get<bool>();
}

/// The account at the block `ref` names (the head's tables for the head, history otherwise).
RpcResult<std::optional<state::Account>> account_at(Backend& b, const Address& addr,
                                                    const BlockRef& ref) {
    auto n = resolve_state_block(b, ref);
    if (!n) return std::unexpected(n.error());
    auto acc = b.state().account(addr, state_block(b, *n));
    if (!acc) return std::unexpected(to_rpc_error(acc.error()));
    return *acc;
}

MethodResult get_balance(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 2); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto ref = block_param(params, 1);
    if (!ref) return std::unexpected(ref.error());
    auto acc = account_at(b, *addr, *ref);
    if (!acc) return std::unexpected(acc.error());
    return quantity(*acc ? (*acc)->balance : Uint256{});
}

MethodResult get_transaction_count(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 2); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto ref = block_param(params, 1);
    if (!ref) return std::unexpected(ref.error());
    if (ref->kind == BlockRef::Kind::kPending) {
        auto nonce = b.sequencer().pending_nonce(*addr);
        if (!nonce) return store_fail(nonce.error());
        return quantity(*nonce);
    }
    auto acc = account_at(b, *addr, *ref);
    if (!acc) return std::unexpected(acc.error());
    return quantity(*acc ? (*acc)->nonce : uint64_t{0});
}

MethodResult get_code(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 2); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto ref = block_param(params, 1);
    if (!ref) return std::unexpected(ref.error());
    auto acc = account_at(b, *addr, *ref);
    if (!acc) return std::unexpected(acc.error());
    if (!*acc || (*acc)->code_hash == state::kEmptyCodeHash) return "0x";
    auto code = b.state().code((*acc)->code_hash);
    if (!code) return store_fail(code.error());
    return data_hex(code->value_or(Bytes{}));
}

/// A storage key as geth reads it: hex with or without leading zeros, at most 32 bytes.
RpcResult<Hash256> parse_slot(const Json& j) {
    if (!j.is_string()) return rpc_error(kInvalidParams, "invalid argument 1: expected a hex string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
        return rpc_error(kInvalidParams, "invalid argument 1: hex string without 0x prefix");
    }
    if (s.size() > 66) {
        return rpc_error(kInvalidParams,
                         "invalid argument 1: hex string too long, want at most 32 bytes");
    }
    auto v = Uint256::from_hex(s);
    if (!v) return rpc_error(kInvalidParams, "invalid argument 1: invalid hex string");
    return v->to_hash();
}

MethodResult get_storage_at(Backend& b, Params params) {
    if (auto r = check_arity(params, 2, 3); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto slot = parse_slot(param(params, 1));
    if (!slot) return std::unexpected(slot.error());
    auto ref = block_param(params, 2);
    if (!ref) return std::unexpected(ref.error());
    auto n = resolve_state_block(b, *ref);
    if (!n) return std::unexpected(n.error());
    auto v = b.state().storage(*addr, *slot, state_block(b, *n));
    if (!v) return store_fail(v.error());
    return hash_hex(*v);
}

/// eth_getBlockByNumber / ByHash share everything but the parsing of argument 0.
MethodResult get_block(Backend& b, Params params, bool by_hash) {
    if (auto r = check_arity(params, 2, 2); !r) return std::unexpected(r.error());
    auto parsed = by_hash ? parse_block_hash(param(params, 0), "0")
                          : parse_block_number(param(params, 0), "0");
    if (!parsed) return std::unexpected(parsed.error());
    const BlockRef ref = *parsed;
    auto full = bool_param(params, 1);
    if (!full) return std::unexpected(full.error());
    auto block = find_block(b, ref);
    if (!block) return std::unexpected(block.error());
    if (!*block) return nullptr;
    return block_json(**block, *full);
}

/// eth_getHeaderByNumber / ByHash: the header fields of eth_getBlockBy* (header_json); null
/// for an unknown block and, as the spec says, for "pending" (there is no pending block).
MethodResult get_header(Backend& b, Params params, bool by_hash) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    Result<std::optional<storage::StoredBlock>> block;
    if (by_hash) {
        auto h = parse_hash(param(params, 0), "0");
        if (!h) return std::unexpected(h.error());
        block = b.blocks().header_by_hash(*h);
    } else {
        auto ref = parse_block_number(param(params, 0), "0");
        if (!ref) return std::unexpected(ref.error());
        if (ref->kind == BlockRef::Kind::kPending) return nullptr;
        auto n = resolve_block(b, *ref);
        if (!n) return std::unexpected(n.error());
        if (!*n) return nullptr;
        block = b.blocks().header_by_number(**n);
    }
    if (!block) return store_fail(block.error());
    if (!*block) return nullptr;
    return header_json((*block)->header, (*block)->hash);
}

/// eth_getBlockAccessList (EIP-7928): lists exist from the Amsterdam fork on, which no fork
/// schedule here includes, so every known block is the spec's -32001; null for an unknown block
/// and for "pending".
MethodResult get_block_access_list(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto ref = block_param(params, 0);
    if (!ref) return std::unexpected(ref.error());
    if (ref->kind == BlockRef::Kind::kPending) return nullptr;
    auto n = resolve_block(b, *ref);
    if (!n) return std::unexpected(n.error());
    if (!*n) return nullptr;
    return rpc_error(kResourceNotFound,
                     "resource not found: block access lists (EIP-7928) start with the Amsterdam "
                     "fork, which this chain does not have");
}

/// Parameter 0 as a block hash (the *ByHash methods) or a block number or tag.
RpcResult<BlockRef> block_or_hash_param(Params params, bool by_hash) {
    if (!by_hash) return parse_block_number(param(params, 0), "0");
    auto h = parse_hash(param(params, 0), "0");
    if (!h) return std::unexpected(h.error());
    BlockRef ref;
    ref.kind = BlockRef::Kind::kHash;
    ref.hash = *h;
    return ref;
}

MethodResult get_block_tx_count(Backend& b, Params params, bool by_hash) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto ref = block_or_hash_param(params, by_hash);
    if (!ref) return std::unexpected(ref.error());
    auto block = find_block(b, *ref);
    if (!block) return std::unexpected(block.error());
    if (!*block) return nullptr;
    return quantity(uint64_t{(*block)->transactions.size()});
}

MethodResult get_tx_by_block_and_index(Backend& b, Params params, bool by_hash) {
    if (auto r = check_arity(params, 2, 2); !r) return std::unexpected(r.error());
    auto ref = block_or_hash_param(params, by_hash);
    if (!ref) return std::unexpected(ref.error());
    auto index = parse_u64(param(params, 1), "1");
    if (!index) return std::unexpected(index.error());
    auto block = find_block(b, *ref);
    if (!block) return std::unexpected(block.error());
    if (!*block || *index >= (*block)->transactions.size()) return nullptr;
    return transaction_json((*block)->transactions[*index], (*block)->header.base_fee_per_gas);
}

MethodResult get_transaction_by_hash(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto h = parse_hash(param(params, 0), "0");
    if (!h) return std::unexpected(h.error());
    auto t = b.blocks().transaction(*h);
    if (!t) return store_fail(t.error());
    if (*t) {
        b.await_head((*t)->block_num);  // its block is "latest" or older from now on
        auto block = b.blocks().header_by_hash((*t)->block_hash);
        if (!block) return store_fail(block.error());
        std::optional<Uint256> base_fee;
        if (*block) base_fee = (*block)->header.base_fee_per_gas;
        return transaction_json(**t, base_fee);
    }
    auto pending = b.sequencer().pool_transaction(*h);
    if (!pending) return store_fail(pending.error());
    if (*pending) {
        return transaction_json((*pending)->txn, (*pending)->hash, (*pending)->sender,
                                std::nullopt);
    }
    return nullptr;
}

MethodResult get_transaction_receipt(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto h = parse_hash(param(params, 0), "0");
    if (!h) return std::unexpected(h.error());
    auto receipt = b.blocks().receipt(*h);
    if (!receipt) return store_fail(receipt.error());
    if (!*receipt) return nullptr;
    // Whoever sees the receipt next reads "latest": it must include this block.
    b.await_head((*receipt)->block_num);
    return receipt_json(**receipt);
}

MethodResult get_block_receipts(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto ref = block_param(params, 0);
    if (!ref) return std::unexpected(ref.error());
    auto n = resolve_block(b, *ref);
    if (!n) return std::unexpected(n.error());
    if (!*n) return nullptr;
    auto receipts = b.blocks().block_receipts(**n);
    if (!receipts) return store_fail(receipts.error());
    if (!*receipts) return nullptr;
    Json out = Json::array();
    for (const auto& r : **receipts) out.push_back(receipt_json(r));
    return out;
}

MethodResult send_raw_transaction(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto raw = parse_data(param(params, 0), "0");
    if (!raw) return std::unexpected(raw.error());
    auto hash = b.send_raw_transaction(*raw);
    if (!hash) return std::unexpected(to_rpc_error(hash.error()));
    return hash_hex(*hash);
}

std::vector<MethodResult> send_raw_transactions(Backend& b, std::span<const Json* const> params) {
    std::vector<MethodResult> out(params.size(), Json{});
    std::vector<Bytes> raw;
    std::vector<size_t> where;  // the call of each transaction in raw
    raw.reserve(params.size());
    where.reserve(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        const Json& p = *params[i];
        if (auto r = check_arity(p, 1, 1); !r) {
            out[i] = std::unexpected(r.error());
            continue;
        }
        auto bytes = parse_data(param(p, 0), "0");
        if (!bytes) {
            out[i] = std::unexpected(bytes.error());
            continue;
        }
        raw.push_back(std::move(*bytes));
        where.push_back(i);
    }
    if (raw.empty()) return out;
    auto hashes = b.send_raw_transactions(raw);
    for (size_t k = 0; k < where.size(); ++k) {
        if (k >= hashes.size()) {  // a backend answering fewer than asked: its bug
            out[where[k]] = std::unexpected(internal_error(
                Error{std::make_error_code(std::errc::protocol_error), "no answer"},
                "eth_sendRawTransaction"));
        } else if (!hashes[k]) {
            out[where[k]] = std::unexpected(to_rpc_error(hashes[k].error()));
        } else {
            out[where[k]] = hash_hex(*hashes[k]);
        }
    }
    return out;
}

MethodResult get_logs(Backend& b, const EthOptions& o, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto c = parse_log_criteria(param(params, 0), "0");
    if (!c) return std::unexpected(c.error());
    return query_logs(b, o, *c);
}

// ---- fees ----------------------------------------------------------------------------------

MethodResult fee_history(Backend& b, const EthOptions& o, Params params) {
    if (auto r = check_arity(params, 2, 3); !r) return std::unexpected(r.error());
    auto count = parse_u64_or_decimal(param(params, 0), "0");
    if (!count) return std::unexpected(count.error());
    auto ref = parse_block_number(param(params, 1), "1");
    if (!ref) return std::unexpected(ref.error());
    std::vector<double> percentiles;
    if (const Json& p = param(params, 2); !p.is_null()) {
        if (!p.is_array()) return rpc_error(kInvalidParams, "invalid argument 2: expected an array");
        if (p.size() > o.max_fee_history_percentiles) {
            // geth's text (eth/gasprice/feehistory.go, maxQueryLimit).
            return rpc_error(kServerError, "invalid reward percentile: over the query limit " +
                                               std::to_string(o.max_fee_history_percentiles));
        }
        for (size_t i = 0; i < p.size(); ++i) {
            if (!p[i].is_number()) {
                return rpc_error(kInvalidParams, "invalid argument 2: expected numbers");
            }
            const double v = p[i].get<double>();
            if (v < 0 || v > 100) {
                return rpc_error(kServerError,
                                 "invalid reward percentile: " + std::to_string(v));
            }
            if (i > 0 && v < percentiles.back()) {
                return rpc_error(kServerError, "invalid reward percentile: #" +
                                                   std::to_string(i - 1) + ":" +
                                                   std::to_string(percentiles.back()) + " > #" +
                                                   std::to_string(i) + ":" + std::to_string(v));
            }
            percentiles.push_back(v);
        }
    }
    auto newest = resolve_block(b, *ref);
    if (!newest) return std::unexpected(newest.error());
    if (!*newest) {
        return rpc_error(kServerError, "request beyond head block: requested " +
                                           std::to_string(ref->number) + ", head " +
                                           std::to_string(b.head_number()));
    }
    const uint64_t blocks = std::min({*count, o.max_fee_history, **newest + 1});
    Json result = {{"oldestBlock", quantity(**newest + 1 - blocks)}};
    Json base_fees = Json::array(), ratios = Json::array(), blob_fees = Json::array(),
         blob_ratios = Json::array(), rewards = Json::array();
    if (blocks == 0) {
        result["oldestBlock"] = "0x0";
        return result;
    }
    for (uint64_t n = **newest + 1 - blocks; n <= **newest; ++n) {
        auto block = b.blocks().header_by_number(n);
        if (!block) return store_fail(block.error());
        if (!*block) return rpc_error(kServerError, "header not found");
        const auto& h = (*block)->header;
        const Uint256 base_fee = h.base_fee_per_gas.value_or(Uint256{});
        base_fees.push_back(quantity(base_fee));
        ratios.push_back(h.gas_limit == 0 ? 0.0
                                          : static_cast<double>(h.gas_used) /
                                                static_cast<double>(h.gas_limit));
        blob_fees.push_back("0x1");
        blob_ratios.push_back(0.0);
        if (percentiles.empty()) continue;
        Json reward = Json::array();
        auto receipts = b.blocks().block_receipts(n);
        if (!receipts) return store_fail(receipts.error());
        if (!*receipts || (*receipts)->empty()) {
            for (size_t i = 0; i < percentiles.size(); ++i) reward.push_back("0x0");
            rewards.push_back(std::move(reward));
            continue;
        }
        // geth (eth/gasprice/feehistory.go): sort by the tip paid, then walk the cumulative gas
        // up to each percentile of the block's gas used.
        std::vector<std::pair<Uint256, uint64_t>> tips;
        for (const auto& r : **receipts) {
            tips.emplace_back(r.effective_gas_price > base_fee ? r.effective_gas_price - base_fee
                                                               : Uint256{},
                              r.gas_used);
        }
        std::sort(tips.begin(), tips.end(),
                  [](const auto& x, const auto& y) { return x.first < y.first; });
        size_t idx = 0;
        uint64_t sum = tips[0].second;
        for (double p : percentiles) {
            const auto threshold = static_cast<uint64_t>(static_cast<double>(h.gas_used) * p / 100);
            while (sum < threshold && idx < tips.size() - 1) sum += tips[++idx].second;
            reward.push_back(quantity(tips[idx].first));
        }
        rewards.push_back(std::move(reward));
    }
    // The entry after the newest block: the base fee is constant (DESIGN.md section 3).
    base_fees.push_back(quantity(b.base_fee()));
    blob_fees.push_back("0x1");
    result["baseFeePerGas"] = std::move(base_fees);
    result["gasUsedRatio"] = std::move(ratios);
    result["baseFeePerBlobGas"] = std::move(blob_fees);
    result["blobGasUsedRatio"] = std::move(blob_ratios);
    if (!percentiles.empty()) result["reward"] = std::move(rewards);
    return result;
}

/// eth_blobBaseFee as geth answers it: EIP-4844's fee from the head block's excess blob gas
/// (the next block's is the same while blob transactions are refused: nothing adds blob gas).
MethodResult blob_base_fee(Backend& b) {
    auto head = b.blocks().header_by_number(b.head_number());
    if (!head) return store_fail(head.error());
    if (!*head) return rpc_error(kServerError, "header not found");
    chain::BlockEnv env;
    env.excess_blob_gas = (*head)->header.excess_blob_gas.value_or(0);
    return quantity(env.blob_base_fee(b.forks().at((*head)->header.timestamp)));
}

/// Remembers the suggested tip per head block: recomputing it reads 20 blocks of receipts.
class TipCache {
public:
    Uint256 get(Backend& b, const EthOptions& o) {
        const uint64_t head = b.head_number();
        {
            std::scoped_lock lock{mu_};
            if (valid_ && head_ == head) return tip_;
        }
        const Uint256 tip = suggest_priority_fee(b, o);
        std::scoped_lock lock{mu_};
        valid_ = true;
        head_ = head;
        tip_ = tip;
        return tip;
    }

private:
    std::mutex mu_;
    bool valid_ = false;  // guarded by mu_
    uint64_t head_ = 0;   // guarded by mu_
    Uint256 tip_;         // guarded by mu_
};

}  // namespace

namespace {

/// The lowest tips of committed blocks, by block hash: a committed block never changes, so each
/// block's receipts are read once however often the oracle runs (it runs again at every head).
class TipSamples {
public:
    std::optional<std::vector<Uint256>> find(const Hash256& block) {
        std::scoped_lock lock{mu_};
        auto it = samples_.find(block);
        if (it == samples_.end()) return std::nullopt;
        return it->second;
    }
    void put(const Hash256& block, std::vector<Uint256> tips) {
        std::scoped_lock lock{mu_};
        if (!samples_.emplace(block, std::move(tips)).second) return;
        order_.push_back(block);
        while (order_.size() > kKeep) {
            samples_.erase(order_.front());
            order_.pop_front();
        }
    }

private:
    static constexpr size_t kKeep = 1024;
    std::mutex mu_;
    std::unordered_map<Hash256, std::vector<Uint256>> samples_;
    std::deque<Hash256> order_;
};

TipSamples& tip_samples() {
    static TipSamples cache;
    return cache;
}

}  // namespace

Uint256 suggest_priority_fee(Backend& b, const EthOptions& o) {
    const uint64_t head = b.head_number();
    std::vector<Uint256> samples;
    for (uint64_t k = 0; k < kOracleBlocks && k <= head; ++k) {
        const uint64_t n = head - k;
        auto block = b.blocks().header_by_number(n);
        if (!block || !*block) continue;
        if (auto cached = tip_samples().find((*block)->hash)) {
            samples.insert(samples.end(), cached->begin(), cached->end());
            continue;
        }
        auto receipts = b.blocks().block_receipts(n);
        if (!receipts || !*receipts) continue;
        const Uint256 base_fee = (*block)->header.base_fee_per_gas.value_or(Uint256{});
        std::vector<Uint256> tips;
        for (const auto& r : **receipts) {
            // geth ignores the coinbase's own transactions and tips below 2 wei.
            if (r.from == (*block)->header.coinbase) continue;
            const Uint256 tip =
                r.effective_gas_price > base_fee ? r.effective_gas_price - base_fee : Uint256{};
            if (tip < Uint256{kOracleIgnoreBelow}) continue;
            tips.push_back(tip);
        }
        std::sort(tips.begin(), tips.end());
        if (tips.size() > kOracleTipsPerBlock) tips.resize(kOracleTipsPerBlock);
        samples.insert(samples.end(), tips.begin(), tips.end());
        tip_samples().put((*block)->hash, std::move(tips));
    }
    if (samples.empty()) return o.default_priority_fee;
    std::sort(samples.begin(), samples.end());
    return samples[(samples.size() - 1) * kOraclePercentile / 100];
}

MethodResult query_logs(Backend& b, const EthOptions& o, const LogCriteria& c) {
    uint64_t from = 0;
    uint64_t to = 0;
    if (c.block_hash) {
        auto block = b.blocks().header_by_hash(*c.block_hash);
        if (!block) return store_fail(block.error());
        if (!*block) return rpc_error(kServerError, "unknown block");
        from = to = (*block)->header.number;
    } else {
        const uint64_t head = b.head_number();
        auto number = [&](const std::optional<BlockRef>& ref) -> uint64_t {
            if (!ref) return head;
            switch (ref->kind) {
                case BlockRef::Kind::kEarliest: return 0;
                case BlockRef::Kind::kNumber: return ref->number;
                default: return head;
            }
        };
        from = number(c.from_block);
        to = number(c.to_block);
        if (from > to) return rpc_error(kServerError, "invalid block range params");
        if (from > head) return Json::array();
        to = std::min(to, head);
        if (o.max_log_block_range != 0 && to - from >= o.max_log_block_range) {
            return rpc_error(kLimitExceeded, "query exceeds max block range " +
                                                 std::to_string(o.max_log_block_range));
        }
    }
    auto logs = b.blocks().logs(to_store_filter(c, from, to, o.max_log_results));
    if (!logs) {
        if (logs.error() == storage::Errc::kTooManyResults) {
            return rpc_error(kLimitExceeded, "query returned more than " +
                                                 std::to_string(o.max_log_results) + " results");
        }
        return store_fail(logs.error());
    }
    Json out = Json::array();
    for (const auto& l : *logs) {
        if (log_matches(c, l.log)) out.push_back(log_json(l));
    }
    return out;
}

void register_chain_methods(MethodTable& t, Backend& b, const EthOptions& options) {
    const EthOptions o = options;
    auto tips = std::make_shared<TipCache>();
    auto no_params = [](Params params) { return check_arity(params, 0, 0); };

    t.add("eth_chainId", [&b, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return quantity(b.chain_id());
    });
    t.add("eth_blockNumber", [&b, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return quantity(b.head_number());
    });
    t.add("eth_gasPrice", [&b, o, tips, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return quantity(b.base_fee() + tips->get(b, o));
    });
    t.add("eth_maxPriorityFeePerGas", [&b, o, tips, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return quantity(tips->get(b, o));
    });
    // The base fee of the next block: constant on this chain (DESIGN.md section 3).
    t.add("eth_baseFee", [&b, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return quantity(b.base_fee());
    });
    t.add("eth_blobBaseFee", [&b, no_params](Params p, Session&) -> MethodResult {
        if (auto r = no_params(p); !r) return std::unexpected(r.error());
        return blob_base_fee(b);
    });
    t.add("eth_feeHistory",
          [&b, o](Params p, Session&) { return fee_history(b, o, p); });
    t.add("eth_getBalance", [&b](Params p, Session&) { return get_balance(b, p); });
    t.add("eth_getTransactionCount",
          [&b](Params p, Session&) { return get_transaction_count(b, p); });
    t.add("eth_getCode", [&b](Params p, Session&) { return get_code(b, p); });
    t.add("eth_getStorageAt", [&b](Params p, Session&) { return get_storage_at(b, p); });
    t.add("eth_sendRawTransaction", [&b](Params p, Session&) { return send_raw_transaction(b, p); });
    // A batch's transactions are submitted together (BatchMethod): every sender recovered at once
    // on all cores, one call to the sequencer.
    t.add_batch("eth_sendRawTransaction", [&b](std::span<const Json* const> params) {
        return send_raw_transactions(b, params);
    });
    // Answers that can hold thousands of transactions, receipts or logs are built on the heavy
    // pool, off the io threads (a receipt of a transaction with 30,000 logs is 15 MB of JSON).
    t.add("eth_getBlockByNumber", [&b](Params p, Session&) { return get_block(b, p, false); },
          Weight::kHeavy);
    t.add("eth_getBlockByHash", [&b](Params p, Session&) { return get_block(b, p, true); },
          Weight::kHeavy);
    t.add("eth_getBlockReceipts", [&b](Params p, Session&) { return get_block_receipts(b, p); },
          Weight::kHeavy);
    t.add("eth_getHeaderByNumber", [&b](Params p, Session&) { return get_header(b, p, false); });
    t.add("eth_getHeaderByHash", [&b](Params p, Session&) { return get_header(b, p, true); });
    t.add("eth_getBlockAccessList",
          [&b](Params p, Session&) { return get_block_access_list(b, p); });
    t.add("eth_getBlockTransactionCountByNumber",
          [&b](Params p, Session&) { return get_block_tx_count(b, p, false); });
    t.add("eth_getBlockTransactionCountByHash",
          [&b](Params p, Session&) { return get_block_tx_count(b, p, true); });
    t.add("eth_getTransactionByHash",
          [&b](Params p, Session&) { return get_transaction_by_hash(b, p); });
    t.add("eth_getTransactionByBlockNumberAndIndex",
          [&b](Params p, Session&) { return get_tx_by_block_and_index(b, p, false); });
    t.add("eth_getTransactionByBlockHashAndIndex",
          [&b](Params p, Session&) { return get_tx_by_block_and_index(b, p, true); });
    t.add("eth_getTransactionReceipt",
          [&b](Params p, Session&) { return get_transaction_receipt(b, p); }, Weight::kHeavy);
    t.add("eth_getLogs", [&b, o](Params p, Session&) { return get_logs(b, o, p); },
          Weight::kHeavy);
}

void register_eth_methods(MethodTable& table, Backend& backend, const EthOptions& options) {
    register_chain_methods(table, backend, options);
    register_node_methods(table, backend, options);
    if (options.dev_methods) register_dev_state_methods(table, backend, options);
    register_account_methods(table, backend, options);
    register_filter_methods(table, backend, options);
    register_raw_methods(table, backend);
}

}  // namespace yao::rpc
