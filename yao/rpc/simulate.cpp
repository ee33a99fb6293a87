// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// eth_simulateV1 (execution-apis src/eth/execute.yaml) as geth answers it: blocks of calls on
// top of a committed block, each block with optional block and state overrides, the calls of a
// block and the blocks building on each other's state. Built on the eth_call machinery
// (execution.hpp: apply_message, the state and block overrides, OverrideStateView); nothing is
// committed. docs/rpc.md lists what is and is not supported.
//
// The model, after geth's internal/ethapi/simulate.go:
// - Blocks are numbered from the base block + 1 (a "number" override may skip ahead: the gap is
//   filled with empty blocks) and 12 seconds apart unless "time" says otherwise; numbers and
//   timestamps must increase (-38020, -38021); at most 256 blocks after the base (-38026).
// - The coinbase and gas limit are the base block's, an override carrying over to later
//   blocks. The base fee is 0 unless overridden, or with "validation" the chain's (constant) one.
// - A call without "gas" gets what its block has left; a call past the block's gas limit is
//   -38015. All calls together may use at most the gas cap (rpc.gas_cap, 50,000,000): a call's
//   gas is cut to what is left of it.
// - Without "validation" a call is an eth_call (no nonce check, zero fees skip the fee checks);
//   with it, nonces and fee caps are checked like a transaction's. A call that cannot run ends
//   the whole simulation with the spec's code (-38010 nonce too low, -38011 too high, -38012 fee
//   cap below the base fee, -38013 intrinsic gas, -38014 funds, -38025 init code).
// - A call that runs gives {returnData, logs, gasUsed, maxUsedGas, status} and, when it failed,
//   error {code 3 "execution reverted…" with the revert data, or -32015 and the VM error}.
// - "traceTransfers" adds an ERC-20 Transfer log from 0xeeee…eeee for every movement of ether
//   (call and creation values, SELFDESTRUCT balances), in execution order with the real logs.
#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/hex.hpp>
#include <yao/evm/opcodes.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/execution/history.hpp>
#include <yao/state/state_diff.hpp>

#include "encode.hpp"
#include "execution.hpp"
#include "method_util.hpp"
#include "simulate_state.hpp"

namespace yao::rpc {
namespace {

constexpr size_t kMaxBlocks = 256;            // geth's maxSimulateBlocks
constexpr size_t kMaxCalls = 10'000;          // all blocks together
constexpr uint64_t kTimestampIncrement = 12;  // geth's step between simulated blocks

// The spec's error codes (execution-apis src/eth/execute.yaml).
constexpr int kNonceTooLow = -38010;
constexpr int kNonceTooHigh = -38011;
constexpr int kBaseFeeTooLow = -38012;
constexpr int kIntrinsicGas = -38013;
constexpr int kInsufficientFunds = -38014;
constexpr int kBlockGasLimitReached = -38015;
constexpr int kBlockNumberOrder = -38020;
constexpr int kBlockTimestampOrder = -38021;
constexpr int kMaxInitCodeExceeded = -38025;
constexpr int kClientLimitExceeded = -38026;
constexpr int kVmError = -32015;

std::unexpected<RpcError> invalid_params(std::string message) {
    return rpc_error(kInvalidParams, std::move(message));
}

const Json* member(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

// ---- The request ------------------------------------------------------------------------------

struct SimBlock {
    BlockOverrides block;
    StateOverrides state;
    std::vector<CallArgs> calls;
};

struct SimRequest {
    std::vector<SimBlock> blocks;
    bool trace_transfers = false;
    bool validation = false;
    bool full_transactions = false;
    BlockRef base;
};

RpcResult<bool> flag(const Json& payload, const char* key) {
    const Json* v = member(payload, key);
    if (v == nullptr) return false;
    if (!v->is_boolean())
        return invalid_params(std::string{"invalid argument 0: "} + key + ": expected a boolean");
    return v->get<bool>();
}

RpcResult<SimBlock> parse_block(const Json& j, size_t& total_calls) {
    if (!j.is_object())
        return invalid_params("invalid argument 0: blockStateCalls: expected objects");
    SimBlock b;
    if (const Json* o = member(j, "blockOverrides")) {
        if (o->is_object()) {
            // What this chain cannot honour is refused, never dropped.
            if (const Json* w = member(*o, "withdrawals"); w && !(w->is_array() && w->empty()))
                return invalid_params("invalid argument 0: blockOverrides.withdrawals: there is "
                                      "no beacon chain, so no withdrawals");
            for (const char* key : {"blobBaseFee", "beaconRoot"})
                if (member(*o, key) != nullptr)
                    return invalid_params(std::string{"invalid argument 0: blockOverrides."} +
                                          key + " is not supported");
        }
        auto bo = parse_block_overrides(*o, "0: blockOverrides");
        if (!bo) return std::unexpected(bo.error());
        b.block = *bo;
    }
    if (const Json* s = member(j, "stateOverrides")) {
        auto so = parse_state_overrides(*s, "0: stateOverrides");
        if (!so) return std::unexpected(so.error());
        b.state = std::move(*so);
    }
    if (const Json* calls = member(j, "calls")) {
        if (!calls->is_array())
            return invalid_params("invalid argument 0: calls: expected an array");
        total_calls += calls->size();
        if (total_calls > kMaxCalls)
            return rpc_error(kClientLimitExceeded,
                             "too many calls: at most " + std::to_string(kMaxCalls));
        for (const Json& c : *calls) {
            auto args = parse_call_args(c);
            if (!args) return std::unexpected(args.error());
            b.calls.push_back(std::move(*args));
        }
    }
    return b;
}

RpcResult<SimRequest> parse_request(const Json& params) {
    if (auto r = check_arity(params, 1, 2); !r) return std::unexpected(r.error());
    const Json& payload = param(params, 0);
    if (!payload.is_object()) return invalid_params("invalid argument 0: expected an object");
    SimRequest req;
    for (auto [key, out] : {std::pair{"traceTransfers", &req.trace_transfers},
                            std::pair{"validation", &req.validation},
                            std::pair{"returnFullTransactions", &req.full_transactions}}) {
        auto v = flag(payload, key);
        if (!v) return std::unexpected(v.error());
        *out = *v;
    }
    const Json* blocks = member(payload, "blockStateCalls");
    if (blocks == nullptr || (blocks->is_array() && blocks->empty()))
        return invalid_params("empty input");
    if (!blocks->is_array())
        return invalid_params("invalid argument 0: blockStateCalls: expected an array");
    if (blocks->size() > kMaxBlocks) return rpc_error(kClientLimitExceeded, "too many blocks");
    size_t total_calls = 0;
    for (const Json& j : *blocks) {
        auto b = parse_block(j, total_calls);
        if (!b) return std::unexpected(b.error());
        req.blocks.push_back(std::move(*b));
    }
    auto base = parse_block_ref(param(params, 1), "1");
    if (!base) return std::unexpected(base.error());
    req.base = *base;
    return req;
}

// ---- The blocks -------------------------------------------------------------------------------

/// A block to simulate: its number and time, and the request's block (null for a gap filler).
struct Planned {
    uint64_t number = 0;
    uint64_t time = 0;
    const SimBlock* source = nullptr;
};

/// geth's sanitizeChain: numbers and times filled in and checked, gaps filled.
RpcResult<std::vector<Planned>> plan(const SimRequest& req, uint64_t base_number,
                                                   uint64_t base_time) {
    std::vector<Planned> out;
    uint64_t prev_number = base_number;
    uint64_t prev_time = base_time;
    const auto next_time = [&]() -> RpcResult<uint64_t> {
        if (prev_time > std::numeric_limits<uint64_t>::max() - kTimestampIncrement)
            return rpc_error(kBlockTimestampOrder, "block timestamp overflow");
        return prev_time + kTimestampIncrement;
    };
    for (const SimBlock& b : req.blocks) {
        if (!b.block.number && prev_number == std::numeric_limits<uint64_t>::max())
            return rpc_error(kBlockNumberOrder, "block number overflow");
        const uint64_t number = b.block.number.value_or(prev_number + 1);
        if (number <= prev_number)
            return rpc_error(kBlockNumberOrder, "block numbers must be in order: " +
                                                    std::to_string(number) +
                                                    " <= " + std::to_string(prev_number));
        if (number - base_number > kMaxBlocks)
            return rpc_error(kClientLimitExceeded, "too many blocks");
        for (uint64_t gap = prev_number + 1; gap < number; ++gap) {
            auto t = next_time();
            if (!t) return std::unexpected(t.error());
            out.push_back({gap, *t, nullptr});
            prev_time = *t;
        }
        uint64_t time = 0;
        if (b.block.time) {
            time = *b.block.time;
            if (time <= prev_time)
                return rpc_error(kBlockTimestampOrder, "block timestamps must be in order: " +
                                                           std::to_string(time) +
                                                           " <= " + std::to_string(prev_time));
        } else {
            auto t = next_time();
            if (!t) return std::unexpected(t.error());
            time = *t;
        }
        out.push_back({number, time, &b});
        prev_number = number;
        prev_time = time;
    }
    return out;
}

/// The spec's code for a message that cannot run, from geth's text; the message as geth's
/// applyMessage words it.
RpcError message_error(const std::string& text, uint64_t gas) {
    static const std::pair<const char*, int> kCodes[] = {
        {"nonce too low", kNonceTooLow},
        {"nonce too high", kNonceTooHigh},
        {"max fee per gas less than block base fee", kBaseFeeTooLow},
        {"intrinsic gas too low", kIntrinsicGas},
        {"insufficient gas for floor data gas cost", kIntrinsicGas},
        {"insufficient funds", kInsufficientFunds},
        {"max initcode size exceeded", kMaxInitCodeExceeded},
        {"max priority fee per gas higher than max fee per gas", kInvalidParams},
    };
    int code = kInternalError;
    for (const auto& [prefix, c] : kCodes)
        if (text.starts_with(prefix)) code = c;
    return RpcError{code, "err: " + text + " (supplied gas " + std::to_string(gas) + ")", nullptr};
}

/// What one simulated call left for the answer.
struct CallRecord {
    chain::Transaction txn;
    Hash256 hash;
    Address from;
    CallOutcome outcome;
    std::vector<chain::Log> logs;  ///< the call result's logs (with transfers when traced)
};

/// Everything that lives for one eth_simulateV1 call.
class Simulation {
public:
    Simulation(Backend& backend, const ExecutionOptions& options, const SimRequest& req,
               storage::StoredBlock base, std::unique_ptr<state::StateView> base_view)
        : backend_{backend},
          req_{req},
          base_{std::move(base)},
          base_view_{std::move(base_view)},
          layers_{*base_view_},
          parent_{base_.header},
          parent_hash_{base_.hash},
          coinbase_{base_.header.coinbase},
          gas_limit_{base_.header.gas_limit},
          gas_cap_{options.gas_cap},
          budget_{options.gas_cap},
          budget_limited_{options.gas_cap != 0} {}

    MethodResult run() {
        auto planned = plan(req_, base_.header.number, base_.header.timestamp);
        if (!planned) return std::unexpected(planned.error());
        Json out = Json::array();
        for (const Planned& p : *planned) {
            auto block = simulate(p);
            if (!block) return std::unexpected(block.error());
            out.push_back(std::move(*block));
        }
        // The simulated blocks' BLOCKHASH reads go through block_hash below, not the store's
        // reader: its failure is checked here.
        if (hash_error_) return std::unexpected(internal_error(*hash_error_, "block hash read failed"));
        return checked_reads(*base_view_, chain::BlockEnv{}, base_.header.number, std::move(out));
    }

private:
    RpcResult<Json> simulate(const Planned& p);
    RpcResult<CallRecord> call(const CallArgs& args, state::State& st,
                                             const chain::BlockEnv& env, evm::Revision rev,
                                             uint64_t block_gas_used);
    Hash256 block_hash(uint64_t number) {
        if (auto it = hashes_.find(number); it != hashes_.end()) return it->second;
        auto h = backend_.blocks().header_by_number(number);
        if (!h && !hash_error_) hash_error_ = h.error();
        return h && *h ? (*h)->hash : Hash256{};
    }
    std::optional<Error> hash_error_;  ///< the first failed read of a committed block's hash

    Backend& backend_;
    const SimRequest& req_;
    storage::StoredBlock base_;
    std::unique_ptr<state::StateView> base_view_;
    SimulatedState layers_;
    chain::BlockHeader parent_;
    Hash256 parent_hash_;
    Address coinbase_;
    uint64_t gas_limit_;
    uint64_t gas_cap_;
    uint64_t budget_;       ///< gas all further calls may use together
    bool budget_limited_;   ///< false without a gas cap
    std::map<uint64_t, Hash256> hashes_;  ///< the simulated blocks so far
};

/// Transfer(address,address,uint256), the ERC-20 event traceTransfers reports ether movements
/// as, and the address it comes from.
const Hash256 kTransferTopic =
    *hash_from_hex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
const Address kEtherAddress = [] {
    Address a;
    std::fill(a.bytes.begin(), a.bytes.end(), uint8_t{0xee});
    return a;
}();

/// geth's simulation log tracer: the logs of a call in execution order, with a Transfer log for
/// every movement of ether when asked; the logs of a frame that failed are dropped with it.
class LogTracer final : public evm::Tracer {
public:
    void on_enter(const evm::Message& m) override {
        frames_.emplace_back();
        // DELEGATECALL and CALLCODE keep the value in the calling account.
        if (m.kind != evm::CallKind::kDelegateCall && m.kind != evm::CallKind::kCallCode &&
            !m.value.is_zero())
            transfer(m.sender, m.recipient, m.value);
    }
    void on_exit(const evm::ExecResult& r, BytesView) override {
        if (frames_.empty()) return;
        std::vector<chain::Log> done = std::move(frames_.back());
        frames_.pop_back();
        if (r.status != evm::Status::kSuccess) return;
        auto& into = frames_.empty() ? logs_ : frames_.back();
        into.insert(into.end(), std::make_move_iterator(done.begin()),
                    std::make_move_iterator(done.end()));
    }
    void on_step(const evm::Step& s) override {
        if (s.opcode != evm::OP_SELFDESTRUCT || s.stack.empty() || s.host == nullptr) return;
        const Hash256 word = s.stack.back().to_hash();
        Address beneficiary;
        std::copy(word.bytes.begin() + 12, word.bytes.end(), beneficiary.bytes.begin());
        const Uint256 balance = s.host->get_balance(s.msg->recipient);
        if (!balance.is_zero()) transfer(s.msg->recipient, beneficiary, balance);
    }
    void on_halt(evm::Status, int64_t, BytesView) override {}
    void on_log(const Address& addr, std::span<const Hash256> topics, BytesView data) override {
        if (frames_.empty()) return;
        frames_.back().push_back({addr, {topics.begin(), topics.end()}, Bytes{data}});
    }

    std::vector<chain::Log> take() { return std::move(logs_); }

private:
    void transfer(const Address& from, const Address& to, const Uint256& value) {
        const auto topic = [](const Address& a) {
            Hash256 h;
            std::copy(a.bytes.begin(), a.bytes.end(), h.bytes.begin() + 12);
            return h;
        };
        const Hash256 amount = value.to_hash();
        frames_.back().push_back(
            {kEtherAddress, {kTransferTopic, topic(from), topic(to)}, Bytes{amount.view()}});
    }

    std::vector<std::vector<chain::Log>> frames_;
    std::vector<chain::Log> logs_;
};

RpcResult<CallRecord> Simulation::call(const CallArgs& args, state::State& st,
                                                     const chain::BlockEnv& env,
                                                     evm::Revision rev, uint64_t block_gas_used) {
    const uint64_t chain_id = backend_.chain_id();
    CallRecord rec;
    // geth's sanitizeCall and CallDefaults.
    const uint64_t left_in_block = env.gas_limit - block_gas_used;
    uint64_t gas = args.gas.value_or(left_in_block);
    if (gas > left_in_block)
        return rpc_error(kBlockGasLimitReached,
                         "block gas limit reached: " + std::to_string(block_gas_used) +
                             " >= " + std::to_string(env.gas_limit));
    if (auto r = check_fee_fields(args, chain_id); !r) return std::unexpected(r.error());
    if (budget_limited_) {
        if (budget_ == 0)
            return rpc_error(kClientLimitExceeded,
                             "the calls used the whole gas cap (" + std::to_string(gas_cap_) + ")");
        gas = std::min(gas, budget_);
    }
    if (auto r = check_authorizations(args, rev); !r) return std::unexpected(r.error());

    CallMessage m = call_message(args, gas, env.base_fee);
    if (!args.nonce) m.nonce = st.nonce(m.from);
    m.checks.nonce = req_.validation;
    m.checks.sender_code = false;  // geth skips it even when validating
    m.checks.zero_fees_free = !req_.validation;

    // The transaction the block lists (geth's ToTransaction: a gasPrice makes it legacy, an
    // authorization list type 4, anything else type 2), unsigned.
    chain::Transaction& t = rec.txn;
    t.type = args.authorization_list ? chain::TxType::kSetCode
             : args.gas_price        ? chain::TxType::kLegacy
                                     : chain::TxType::kDynamicFee;
    if (t.type != chain::TxType::kLegacy) {
        t.chain_id = chain_id;
        t.max_fee_per_gas = m.gas_fee_cap;
        t.max_priority_fee_per_gas = m.gas_tip_cap;
        t.access_list = m.access_list;
        t.authorization_list = m.authorizations;
    } else {
        t.gas_price = m.gas_price;
    }
    t.nonce = m.nonce;
    t.gas_limit = gas;
    t.to = m.to;
    t.value = m.value;
    t.data = m.data;
    rec.hash = keccak256(unsigned_transaction_bytes(t));
    rec.from = m.from;

    LogTracer tracer;
    auto out = apply_message(st, env, rev, m, req_.trace_transfers ? &tracer : nullptr);
    if (!out) return std::unexpected(message_error(out.error().message, gas));
    rec.outcome = std::move(*out);
    if (req_.trace_transfers) {
        rec.logs = tracer.take();
    } else {
        rec.logs = rec.outcome.logs;
    }
    if (budget_limited_) budget_ -= std::min(budget_, rec.outcome.gas_used);
    return rec;
}

RpcResult<Json> Simulation::simulate(const Planned& p) {
    const chain::ForkSchedule& forks = backend_.forks();
    const evm::Revision rev = forks.at(p.time);
    chain::BlockHeader h;
    h.parent_hash = parent_hash_;
    h.number = p.number;
    h.timestamp = p.time;
    const BlockOverrides* bo = p.source ? &p.source->block : nullptr;
    if (bo && bo->coinbase) coinbase_ = *bo->coinbase;
    if (bo && bo->gas_limit) gas_limit_ = *bo->gas_limit;
    h.coinbase = coinbase_;
    h.gas_limit = gas_limit_;
    if (bo && bo->prev_randao) h.prev_randao = *bo->prev_randao;
    h.base_fee_per_gas = bo && bo->base_fee ? *bo->base_fee
                         : req_.validation  ? backend_.base_fee()
                                            : Uint256{};
    // The fields YaoVerse's blocks have (services/archive: build_commit).
    h.withdrawals_root = chain::kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    if (rev >= evm::Revision::kPrague) h.requests_hash = chain::kEmptyRequestsHash;

    StateOverrides overrides = p.source ? p.source->state : StateOverrides{};
    for (const auto& [addr, o] : overrides)
        if (evm::is_precompile(addr, rev))
            return invalid_params("invalid argument 0: stateOverrides: overriding the precompile " +
                                  address_hex(addr) + " is not supported");
    state::State st{layers_.begin_block(std::move(overrides))};
    // EIP-2935: the block's system call stores its parent's hash (as every block here does).
    if (execution::stores_parent_hash(forks, p.number, p.time)) {
        st.set_storage(chain::history_storage_address(), execution::history_slot(p.number - 1),
                       parent_hash_);
        st.finalize_transaction();
    }

    chain::BlockEnv env;
    env.number = h.number;
    env.timestamp = h.timestamp;
    env.coinbase = h.coinbase;
    env.gas_limit = h.gas_limit;
    env.prev_randao = h.prev_randao;
    env.base_fee = *h.base_fee_per_gas;
    env.chain_id = backend_.chain_id();
    env.block_hash = [this](uint64_t n) { return block_hash(n); };

    std::vector<CallRecord> calls;
    std::vector<Bytes> tx_encodings;
    std::vector<Bytes> receipt_encodings;
    uint64_t gas_used = 0;
    if (p.source) {
        for (const CallArgs& args : p.source->calls) {
            auto rec = call(args, st, env, rev, gas_used);
            if (!rec) return std::unexpected(rec.error());
            gas_used += rec->outcome.gas_used;
            chain::Receipt receipt;
            receipt.type = rec->txn.type;
            receipt.success = rec->outcome.status == evm::Status::kSuccess;
            receipt.cumulative_gas_used = gas_used;
            receipt.logs = rec->outcome.logs;
            receipt.logs_bloom = chain::logs_bloom(receipt.logs);
            chain::bloom_merge(h.logs_bloom, receipt.logs_bloom);
            receipt_encodings.push_back(chain::encode_receipt(receipt));
            tx_encodings.push_back(unsigned_transaction_bytes(rec->txn));
            calls.push_back(std::move(*rec));
        }
    }
    h.gas_used = gas_used;
    h.transactions_root = chain::ordered_trie_root(tx_encodings);
    h.receipts_root = chain::ordered_trie_root(receipt_encodings);
    auto root = state::chained_state_root(parent_.state_root, layers_.end_block(st.write_set()));
    if (!root) return rpc_error(kInternalError, "state root: " + root.error().message());
    h.state_root = *root;
    const Hash256 hash = chain::header_hash(h);

    storage::StoredBlock block;
    block.header = h;
    block.hash = hash;
    Json results = Json::array();
    uint32_t log_index = 0;
    for (size_t i = 0; i < calls.size(); ++i) {
        const CallRecord& c = calls[i];
        const auto index = static_cast<uint32_t>(i);
        block.transactions.push_back({c.txn, c.hash, c.from, hash, h.number, index});
        block.transaction_hashes.push_back(c.hash);
        Json logs = Json::array();
        for (const chain::Log& l : c.logs)
            logs.push_back(log_json({l, hash, h.number, c.hash, index, log_index++, false}));
        const bool ok = c.outcome.status == evm::Status::kSuccess;
        Json r = {{"returnData", ok ? data_hex(c.outcome.output) : std::string{"0x"}},
                  {"logs", std::move(logs)},
                  {"gasUsed", quantity(c.outcome.gas_used)},
                  {"maxUsedGas", quantity(c.outcome.max_used_gas)},
                  {"status", ok ? "0x1" : "0x0"}};
        if (c.outcome.status == evm::Status::kRevert) {
            const RpcError e = revert_error(c.outcome.output);
            r["error"] = {{"message", e.message}, {"code", e.code}, {"data", e.data}};
        } else if (!ok) {
            r["error"] = {{"message", vm_error_text(c.outcome.status)}, {"code", kVmError}};
        }
        results.push_back(std::move(r));
    }
    Json j = block_json(block, req_.full_transactions);
    if (req_.full_transactions)
        for (size_t i = 0; i < calls.size(); ++i)
            if (calls[i].txn.type == chain::TxType::kLegacy) j["transactions"][i]["v"] = "0x0";
    j["calls"] = std::move(results);

    hashes_[h.number] = hash;
    parent_ = h;
    parent_hash_ = hash;
    return j;
}

MethodResult eth_simulate(Backend& backend, const ExecutionOptions& options, const Json& params) {
    auto req = parse_request(params);
    if (!req) return std::unexpected(req.error());
    auto number = resolve_block_number(backend, req->base);
    if (!number) return std::unexpected(number.error());
    auto base = backend.blocks().header_by_number(*number);
    if (!base) return rpc_error(kInternalError, base.error().message());
    if (!*base) return rpc_error(kServerError, "header not found");
    auto view = backend.state_at(*number);
    if (!view) return rpc_error(kInternalError, "no state for block");
    Simulation sim{backend, options, *req, std::move(**base), std::move(view)};
    return sim.run();
}

}  // namespace

void register_simulate_method(MethodTable& table, Backend& backend,
                              const ExecutionOptions& options) {
    table.add("eth_simulateV1", [&backend, options](const Json& params, Session&) {
        return eth_simulate(backend, options, params);
    }, Weight::kHeavy);
}

}  // namespace yao::rpc
