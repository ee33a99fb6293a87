// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include <yao/common/address.hpp>
#include <yao/common/keccak.hpp>
#include <yao/evm/opcodes.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/state/execution_host.hpp>

#include "trace.hpp"

namespace yao::rpc {
namespace {

constexpr evm::Revision kRevision = evm::Revision::kCancun;
constexpr uint64_t kTxGas = 21000;          // geth params.TxGas
constexpr uint64_t kCallStipend = 2300;     // geth params.CallStipend
constexpr uint64_t kMaxRefundQuotient = 5;  // EIP-3529
constexpr uint8_t kLastPrecompileCandidate = 0x20;

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

std::optional<Uint256> checked_mul(const Uint256& a, const Uint256& b) noexcept {
    const auto full = mul_full(a, b);
    if ((full[4] | full[5] | full[6] | full[7]) != 0) return std::nullopt;
    return Uint256::from_limbs(full[0], full[1], full[2], full[3]);
}

std::optional<Uint256> checked_add(const Uint256& a, const Uint256& b) noexcept {
    const auto [sum, overflow] = add_overflow(a, b);
    if (overflow) return std::nullopt;
    return sum;
}

std::expected<std::map<Hash256, Hash256>, RpcError> parse_storage_map(const Json& j,
                                                                      std::string_view what) {
    if (!j.is_object()) return invalid_params(std::string{what} + ": expected an object");
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

std::expected<chain::AccessList, RpcError> parse_access_list(const Json& j) {
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

/// The depth-0 frame's last instruction and how its code stopped, for geth's error details.
class FaultTracer final : public evm::Tracer {
public:
    void on_enter(const evm::Message& msg) override {
        if (msg.depth == 0)
            fault_.is_create =
                msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2;
    }
    void on_exit(const evm::ExecResult&, BytesView) override {}
    void on_step(const evm::Step& s) override {
        if (s.msg->depth != 0) return;
        fault_.opcode = s.opcode;
        fault_.stack_size = static_cast<int>(s.stack.size());
    }
    void on_halt(evm::Status status, int64_t, BytesView output) override {
        // Halts arrive innermost first: the depth-0 frame's comes last and stays.
        fault_.halt = status;
        fault_.output_starts_ef = !output.empty() && output[0] == 0xef;
    }
    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}

    const FrameFault& fault() const noexcept { return fault_; }

private:
    FrameFault fault_;
};

bool needs_fault_details(evm::Status s) {
    return s == evm::Status::kUndefinedInstruction || s == evm::Status::kStackUnderflow ||
           s == evm::Status::kStackOverflow || s == evm::Status::kOutOfGas ||
           s == evm::Status::kContractValidationFailure;
}

/// Runs `msg` on a fresh State over the prepared view.
std::expected<CallOutcome, std::string> run_prepared(PreparedCall& pc, const CallMessage& msg,
                                                     evm::Tracer* tracer = nullptr) {
    state::State st{*pc.view};
    return apply_message(st, pc.env, msg, tracer);
}

/// geth's text for a failed outcome, re-running with a FaultTracer when the text needs details.
std::string failure_text(PreparedCall& pc, const CallMessage& msg, const CallOutcome& out) {
    if (!needs_fault_details(out.status)) return vm_error_text(out.status);
    FaultTracer ft;
    auto again = run_prepared(pc, msg, &ft);
    if (!again || again->status != out.status) return vm_error_text(out.status);
    return vm_error_text(out.status, ft.fault());
}

// ---- eth_call ---------------------------------------------------------------------------------

struct CallParams {
    CallArgs args;
    BlockRef block;
    StateOverrides overrides;
    std::optional<BlockOverrides> block_overrides;
};

std::expected<CallParams, RpcError> parse_call_params(const Json& params,
                                                      bool with_block_overrides) {
    if (!params.is_null() && !params.is_array()) return invalid_params("non-array args");
    if (param(params, 0).is_null()) return invalid_params("missing value for required argument 0");
    CallParams p;
    auto args = parse_call_args(param(params, 0));
    if (!args) return std::unexpected(args.error());
    p.args = std::move(*args);
    auto block = parse_block_ref(param(params, 1), "block");
    if (!block) return std::unexpected(block.error());
    p.block = *block;
    if (!param(params, 2).is_null()) {
        auto ov = parse_state_overrides(param(params, 2));
        if (!ov) return std::unexpected(ov.error());
        p.overrides = std::move(*ov);
    }
    if (with_block_overrides && !param(params, 3).is_null()) {
        auto bo = parse_block_overrides(param(params, 3));
        if (!bo) return std::unexpected(bo.error());
        p.block_overrides = *bo;
    }
    return p;
}

MethodResult eth_call(Backend& backend, const ExecutionOptions& options, const Json& params) {
    auto p = parse_call_params(params, true);
    if (!p) return std::unexpected(p.error());
    auto pc = prepare_call(backend, options, p->args, p->block, std::move(p->overrides),
                           p->block_overrides ? &*p->block_overrides : nullptr);
    if (!pc) return std::unexpected(pc.error());
    auto out = run_prepared(*pc, pc->msg);
    if (!out)
        return server_error("err: " + out.error() + " (supplied gas " +
                            std::to_string(pc->msg.gas_limit) + ")");
    if (out->status == evm::Status::kRevert) return std::unexpected(revert_error(out->output));
    if (out->status != evm::Status::kSuccess) return server_error(failure_text(*pc, pc->msg, *out));
    return Json(data_hex(out->output));
}

// ---- eth_estimateGas --------------------------------------------------------------------------

/// One probe of the binary search: failed (or an intrinsic-gas error, which also means "more
/// gas"), the outcome when it ran, or an error that ends the search.
struct Probe {
    bool failed = false;
    std::optional<CallOutcome> outcome;
};

std::expected<Probe, std::string> probe(PreparedCall& pc, uint64_t gas) {
    CallMessage msg = pc.msg;
    msg.gas_limit = gas;
    auto out = run_prepared(pc, msg);
    if (!out) {
        if (out.error().starts_with("intrinsic gas too low")) return Probe{true, std::nullopt};
        return std::unexpected("failed with " + std::to_string(gas) + " gas: " + out.error());
    }
    const bool failed = out->status != evm::Status::kSuccess;
    return Probe{failed, std::move(*out)};
}

MethodResult eth_estimate_gas(Backend& backend, const ExecutionOptions& options,
                              const Json& params) {
    auto p = parse_call_params(params, true);
    if (!p) return std::unexpected(p.error());
    // geth: an absent gas is zero here (not the cap), so that the block gas limit bounds it.
    CallArgs args = p->args;
    if (!args.gas) args.gas = 0;
    auto prepared = prepare_call(backend, options, args, p->block, std::move(p->overrides),
                                 p->block_overrides ? &*p->block_overrides : nullptr);
    if (!prepared) return std::unexpected(prepared.error());
    PreparedCall& pc = *prepared;

    uint64_t hi = pc.env.gas_limit;
    if (pc.msg.gas_limit >= kTxGas) hi = pc.msg.gas_limit;
    if (!pc.msg.gas_fee_cap.is_zero()) {
        state::State st{*pc.view};
        Uint256 available = st.balance(pc.msg.from);
        if (!pc.msg.value.is_zero()) {
            if (pc.msg.value >= available) return server_error("insufficient funds for transfer");
            available = available - pc.msg.value;
        }
        const Uint256 allowance = available / pc.msg.gas_fee_cap;
        if (allowance.fits_u64() && hi > allowance.low64()) hi = allowance.low64();
    }
    if (options.gas_cap != 0 && hi > options.gas_cap) hi = options.gas_cap;

    // A plain transfer: try exactly 21000 first.
    if (pc.msg.data.empty() && pc.msg.to) {
        state::State st{*pc.view};
        if (st.code(*pc.msg.to).empty()) {
            auto r = probe(pc, kTxGas);
            if (r && !r->failed) return Json(quantity(kTxGas));
        }
    }

    auto first = probe(pc, hi);
    if (!first) return server_error(first.error());
    if (first->failed) {
        if (first->outcome && first->outcome->status != evm::Status::kOutOfGas) {
            if (first->outcome->status == evm::Status::kRevert && !first->outcome->output.empty())
                return std::unexpected(revert_error(first->outcome->output));
            CallMessage msg = pc.msg;
            msg.gas_limit = hi;
            return server_error(failure_text(pc, msg, *first->outcome));
        }
        return server_error("gas required exceeds allowance (" + std::to_string(hi) + ")");
    }
    const CallOutcome& used = *first->outcome;
    uint64_t lo = used.gas_used - 1;
    const uint64_t optimistic = (used.gas_used + used.refunded + kCallStipend) * 64 / 63;
    if (optimistic < hi) {
        auto r = probe(pc, optimistic);
        if (!r) return server_error(r.error());
        if (r->failed) {
            lo = optimistic;
        } else {
            hi = optimistic;
        }
    }
    while (lo + 1 < hi) {
        if (options.estimate_error_ratio > 0 &&
            static_cast<double>(hi - lo) / static_cast<double>(hi) < options.estimate_error_ratio)
            break;
        uint64_t mid = lo + (hi - lo) / 2;
        if (mid > lo * 2) mid = lo * 2;  // geth: most transactions need little more than used
        auto r = probe(pc, mid);
        if (!r) return server_error(r.error());
        if (r->failed) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return Json(quantity(hi));
}

// ---- eth_createAccessList ---------------------------------------------------------------------

/// geth's AccessListTracer: the addresses and slots a call touches, without the sender, the
/// recipient and the precompiles (slots of those are kept).
class AccessListTracer final : public evm::Tracer {
public:
    using List = std::map<Address, std::set<Hash256>>;

    AccessListTracer(const chain::AccessList& initial, const Address& from, const Address& to) {
        excluded_.insert(from);
        excluded_.insert(to);
        for (uint8_t i = 1; i <= kLastPrecompileCandidate; ++i) {
            Address p;
            p[19] = i;
            if (evm::is_precompile(p, kRevision)) excluded_.insert(p);
        }
        for (const auto& e : initial) {
            if (!excluded_.contains(e.address)) list_[e.address];
            for (const Hash256& k : e.storage_keys) list_[e.address].insert(k);
        }
    }

    void on_enter(const evm::Message&) override {}
    void on_exit(const evm::ExecResult&, BytesView) override {}
    void on_halt(evm::Status, int64_t, BytesView) override {}
    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}
    void on_step(const evm::Step& s) override {
        const size_t n = s.stack.size();
        const auto top = [&](size_t i) { return s.stack[n - 1 - i]; };
        switch (s.opcode) {
            case evm::OP_SLOAD:
            case evm::OP_SSTORE:
                if (n >= 1) list_[s.msg->recipient].insert(top(0).to_hash());
                break;
            case evm::OP_EXTCODECOPY:
            case evm::OP_EXTCODEHASH:
            case evm::OP_EXTCODESIZE:
            case evm::OP_BALANCE:
            case evm::OP_SELFDESTRUCT:
                if (n >= 1) add_address(top(0));
                break;
            case evm::OP_CALL:
            case evm::OP_CALLCODE:
            case evm::OP_DELEGATECALL:
            case evm::OP_STATICCALL:
                if (n >= 5) add_address(top(1));
                break;
            default:
                break;
        }
    }

    const List& list() const noexcept { return list_; }

    chain::AccessList access_list() const {
        chain::AccessList out;
        for (const auto& [addr, slots] : list_)
            out.push_back({addr, std::vector<Hash256>(slots.begin(), slots.end())});
        return out;
    }

private:
    void add_address(const Uint256& word) {
        const Hash256 h = word.to_hash();
        Address a;
        std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
        if (!excluded_.contains(a)) list_[a];
    }

    std::set<Address> excluded_;
    List list_;
};

Json access_list_json(const chain::AccessList& list) {
    Json out = Json::array();
    for (const auto& e : list) {
        Json keys = Json::array();
        for (const Hash256& k : e.storage_keys) keys.push_back(hash_hex(k));
        out.push_back({{"address", address_hex(e.address)}, {"storageKeys", std::move(keys)}});
    }
    return out;
}

MethodResult eth_create_access_list(Backend& backend, const ExecutionOptions& options,
                                    const Json& params) {
    auto p = parse_call_params(params, false);
    if (!p) return std::unexpected(p.error());
    auto prepared =
        prepare_call(backend, options, p->args, p->block, std::move(p->overrides), nullptr);
    if (!prepared) return std::unexpected(prepared.error());
    PreparedCall& pc = *prepared;

    Address to;
    if (pc.msg.to) {
        to = *pc.msg.to;
    } else {
        state::State st{*pc.view};
        to = state::create_address(pc.msg.from, st.nonce(pc.msg.from));
    }
    AccessListTracer prev{pc.msg.access_list, pc.msg.from, to};
    // Each round runs with the list found so far (its warm slots change the gas and so maybe
    // the path), until a round finds nothing new.
    for (int round = 0; round < 64; ++round) {
        CallMessage msg = pc.msg;
        msg.access_list = prev.access_list();
        AccessListTracer tracer{msg.access_list, pc.msg.from, to};
        auto out = run_prepared(pc, msg, &tracer);
        if (!out) {
            // geth names the call by the hash of the legacy transaction it would be.
            chain::Transaction txn;
            txn.nonce = msg.nonce;
            txn.gas_price = msg.gas_price;
            txn.gas_limit = msg.gas_limit;
            txn.to = msg.to;
            txn.value = msg.value;
            txn.data = msg.data;
            return server_error("failed to apply transaction: " +
                                hash_hex(chain::transaction_hash(txn)) + " err: " + out.error());
        }
        if (tracer.list() == prev.list()) {
            Json result = {{"accessList", access_list_json(msg.access_list)},
                           {"gasUsed", quantity(out->gas_used)}};
            if (out->status != evm::Status::kSuccess)
                result["error"] = out->status == evm::Status::kRevert
                                      ? std::string{"execution reverted"}
                                      : failure_text(pc, msg, *out);
            return result;
        }
        prev = std::move(tracer);
    }
    return server_error("access list did not converge");
}

}  // namespace

// ---- Parsing ----------------------------------------------------------------------------------

std::expected<CallArgs, RpcError> parse_call_args(const Json& j) {
    if (!j.is_object()) return invalid_params("invalid argument 0: expected a call object");
    CallArgs a;
    const auto addr = [&](const char* key,
                          std::optional<Address>& out) -> std::expected<void, RpcError> {
        if (const Json* v = member(j, key)) {
            auto r = parse_address(*v, std::string{"invalid argument 0: "} + key);
            if (!r) return std::unexpected(r.error());
            out = *r;
        }
        return {};
    };
    const auto u64 = [&](const char* key,
                         std::optional<uint64_t>& out) -> std::expected<void, RpcError> {
        if (const Json* v = member(j, key)) {
            auto r = parse_u64(*v, std::string{"invalid argument 0: "} + key);
            if (!r) return std::unexpected(r.error());
            out = *r;
        }
        return {};
    };
    const auto u256 = [&](const char* key,
                          std::optional<Uint256>& out) -> std::expected<void, RpcError> {
        if (const Json* v = member(j, key)) {
            auto r = parse_u256(*v, std::string{"invalid argument 0: "} + key);
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
        auto r = parse_data(*v, "invalid argument 0: data");
        if (!r) return std::unexpected(r.error());
        data = std::move(*r);
    }
    if (const Json* v = member(j, "input")) {
        auto r = parse_data(*v, "invalid argument 0: input");
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
    return a;
}

std::expected<StateOverrides, RpcError> parse_state_overrides(const Json& j) {
    if (!j.is_object())
        return invalid_params("invalid argument 2: expected a state override object");
    StateOverrides out;
    for (const auto& [key, v] : j.items()) {
        auto addr = parse_address(Json(key), "invalid argument 2");
        if (!addr) return std::unexpected(addr.error());
        if (!v.is_object()) return invalid_params("invalid argument 2: expected account objects");
        AccountOverride o;
        if (const Json* x = member(v, "balance")) {
            auto r = parse_u256(*x, "invalid argument 2: balance");
            if (!r) return std::unexpected(r.error());
            o.balance = *r;
        }
        if (const Json* x = member(v, "nonce")) {
            auto r = parse_u64(*x, "invalid argument 2: nonce");
            if (!r) return std::unexpected(r.error());
            o.nonce = *r;
        }
        if (const Json* x = member(v, "code")) {
            auto r = parse_data(*x, "invalid argument 2: code");
            if (!r) return std::unexpected(r.error());
            o.code = std::move(*r);
        }
        if (const Json* x = member(v, "state")) {
            auto r = parse_storage_map(*x, "invalid argument 2: state");
            if (!r) return std::unexpected(r.error());
            o.state = std::move(*r);
        }
        if (const Json* x = member(v, "stateDiff")) {
            auto r = parse_storage_map(*x, "invalid argument 2: stateDiff");
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

std::expected<BlockOverrides, RpcError> parse_block_overrides(const Json& j) {
    if (!j.is_object())
        return invalid_params("invalid argument 3: expected a block override object");
    BlockOverrides o;
    const auto u64 = [&](std::initializer_list<const char*> keys,
                         std::optional<uint64_t>& out) -> std::expected<void, RpcError> {
        for (const char* key : keys)
            if (const Json* v = member(j, key)) {
                auto r = parse_u64(*v, std::string{"invalid argument 3: "} + key);
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
            auto r = parse_address(*v, std::string{"invalid argument 3: "} + key);
            if (!r) return std::unexpected(r.error());
            o.coinbase = *r;
        }
    for (const char* key : {"prevRandao", "random"})
        if (const Json* v = member(j, key)) {
            auto r = parse_hash(*v, std::string{"invalid argument 3: "} + key);
            if (!r) return std::unexpected(r.error());
            o.prev_randao = *r;
        }
    for (const char* key : {"baseFeePerGas", "baseFee"})
        if (const Json* v = member(j, key)) {
            auto r = parse_u256(*v, std::string{"invalid argument 3: "} + key);
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

// ---- Applying a message -----------------------------------------------------------------------

std::expected<CallOutcome, std::string> apply_message(state::State& st, const chain::BlockEnv& env,
                                                      const CallMessage& m, evm::Tracer* tracer) {
    const std::string from = to_checksum_hex(m.from);
    if (!m.skip_nonce_checks) {
        const uint64_t have = st.nonce(m.from);
        if (have < m.nonce)
            return std::unexpected("nonce too high: address " + from + ", tx: " +
                                   std::to_string(m.nonce) + " state: " + std::to_string(have));
        if (have > m.nonce)
            return std::unexpected("nonce too low: address " + from + ", tx: " +
                                   std::to_string(m.nonce) + " state: " + std::to_string(have));
        if (have == std::numeric_limits<uint64_t>::max())
            return std::unexpected("nonce has max value: address " + from +
                                   ", nonce: " + std::to_string(have));
    }
    if (!m.skip_eoa_check) {
        const Hash256 code_hash = st.code_hash(m.from);
        if (code_hash != state::kEmptyCodeHash && code_hash != Hash256{})
            return std::unexpected("sender not an eoa: address " + from +
                                   ", codehash: " + hash_hex(code_hash));
    }
    const bool skip_fee_checks =
        m.no_base_fee && m.gas_fee_cap.is_zero() && m.gas_tip_cap.is_zero();
    if (!skip_fee_checks) {
        if (m.gas_fee_cap < m.gas_tip_cap)
            return std::unexpected(
                "max priority fee per gas higher than max fee per gas: address " + from +
                ", maxPriorityFeePerGas: " + m.gas_tip_cap.to_dec() +
                ", maxFeePerGas: " + m.gas_fee_cap.to_dec());
        if (m.gas_fee_cap < env.base_fee)
            return std::unexpected("max fee per gas less than block base fee: address " + from +
                                   ", maxFeePerGas: " + m.gas_fee_cap.to_dec() +
                                   ", baseFee: " + env.base_fee.to_dec());
    }
    if (m.gas_limit > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::unexpected("gas limit too high: " + std::to_string(m.gas_limit));

    // Buy gas: the balance must cover gas * fee cap + value; gas * price is taken.
    const Uint256 balance = st.balance(m.from);
    auto need = checked_mul(Uint256{m.gas_limit}, m.gas_fee_cap);
    if (need) need = checked_add(*need, m.value);
    const auto cost = checked_mul(Uint256{m.gas_limit}, m.gas_price);
    if (!need || !cost || balance < *need)
        return std::unexpected("insufficient funds for gas * price + value: address " + from +
                               " have " + balance.to_dec() + " want " +
                               (need ? need->to_dec() : std::string{"more than 2^256"}));

    chain::Transaction shape;  // what intrinsic_gas looks at
    shape.to = m.to;
    shape.data = m.data;
    shape.access_list = m.access_list;
    const uint64_t intrinsic = chain::intrinsic_gas(shape, kRevision);
    if (m.gas_limit < intrinsic)
        return std::unexpected("intrinsic gas too low: have " + std::to_string(m.gas_limit) +
                               ", want " + std::to_string(intrinsic));
    if (!m.to && m.data.size() > chain::kMaxInitCodeSize)
        return std::unexpected("max initcode size exceeded: code size " +
                               std::to_string(m.data.size()) + " limit " +
                               std::to_string(chain::kMaxInitCodeSize));
    if (!m.value.is_zero() && balance - *cost < m.value)
        return std::unexpected("insufficient funds for transfer: address " + from);

    st.sub_balance(m.from, *cost);
    const uint64_t nonce = st.nonce(m.from);
    const Address target = m.to ? *m.to : state::create_address(m.from, nonce);
    st.set_nonce(m.from, nonce + 1);

    st.access_account(m.from);
    st.access_account(target);
    st.access_account(env.coinbase);
    for (uint8_t i = 1; i <= kLastPrecompileCandidate; ++i) {
        Address p;
        p[19] = i;
        if (evm::is_precompile(p, kRevision)) st.access_account(p);
    }
    for (const auto& e : m.access_list) {
        st.access_account(e.address);
        for (const Hash256& k : e.storage_keys) st.access_storage(e.address, k);
    }

    evm::TxContext ctx;
    ctx.gas_price = m.gas_price;
    ctx.origin = m.from;
    ctx.coinbase = env.coinbase;
    ctx.block_number = env.number;
    ctx.timestamp = env.timestamp;
    ctx.gas_limit = env.gas_limit;
    ctx.prev_randao = env.prev_randao;
    ctx.chain_id = Uint256{env.chain_id};
    ctx.base_fee = env.base_fee;
    ctx.blob_base_fee = env.blob_base_fee();
    state::ExecutionHost host{st, kRevision, ctx, env.block_hash};
    host.set_tracer(tracer);

    evm::Message msg;
    msg.kind = m.to ? evm::CallKind::kCall : evm::CallKind::kCreate;
    msg.gas = static_cast<int64_t>(m.gas_limit - intrinsic);
    msg.recipient = target;
    msg.sender = m.from;
    msg.code_address = target;
    msg.input = m.data;
    msg.value = m.value;
    evm::ExecResult r = host.call(msg);

    CallOutcome out;
    const uint64_t gas_left = r.gas_left > 0 ? static_cast<uint64_t>(r.gas_left) : 0;
    out.gas_used = m.gas_limit - gas_left;
    if (r.status == evm::Status::kSuccess && r.gas_refund > 0) {
        out.refunded =
            std::min(out.gas_used / kMaxRefundQuotient, static_cast<uint64_t>(r.gas_refund));
        out.gas_used -= out.refunded;
    }
    st.add_balance(m.from, Uint256{m.gas_limit - out.gas_used} * m.gas_price);
    if (m.gas_price >= env.base_fee)
        st.add_balance(env.coinbase, Uint256{out.gas_used} * (m.gas_price - env.base_fee));
    out.status = r.status;
    out.output = std::move(r.output);
    if (r.status == evm::Status::kSuccess && !m.to) out.created = r.create_address;
    st.finalize_transaction();
    return out;
}

// ---- Errors -----------------------------------------------------------------------------------

std::string opcode_name(uint8_t opcode) {
    if (opcode == evm::OP_PREVRANDAO) return "DIFFICULTY";  // geth's name for 0x44
    if (!evm::is_defined(opcode, kRevision)) {
        static constexpr char kHex[] = "0123456789abcdef";
        std::string s = "opcode 0x";
        if (opcode >= 16) s += kHex[opcode >> 4];
        s += kHex[opcode & 15];
        return s + " not defined";
    }
    return std::string{evm::kOpcodeTraits[opcode].name};
}

std::string vm_error_text(evm::Status status, const FrameFault& f) {
    using evm::Status;
    switch (status) {
        case Status::kSuccess:
            return {};
        case Status::kRevert:
            return "execution reverted";
        case Status::kOutOfGas:
            if (f.is_create && f.halt == Status::kSuccess)
                return "contract creation code storage out of gas";
            return "out of gas";
        case Status::kInvalidInstruction:
            return "invalid opcode: INVALID";
        case Status::kUndefinedInstruction:
            if (f.opcode >= 0)
                return "invalid opcode: " + opcode_name(static_cast<uint8_t>(f.opcode));
            return "invalid opcode";
        case Status::kStackOverflow:
            if (f.opcode >= 0 && f.stack_size >= 0) {
                const auto& t = evm::kOpcodeTraits[static_cast<size_t>(f.opcode)];
                return "stack limit reached " + std::to_string(f.stack_size) + " (" +
                       std::to_string(1024 - t.stack_change()) + ")";
            }
            return "stack overflow";
        case Status::kStackUnderflow:
            if (f.opcode >= 0 && f.stack_size >= 0)
                return "stack underflow (" + std::to_string(f.stack_size) + " <=> " +
                       std::to_string(evm::kOpcodeTraits[static_cast<size_t>(f.opcode)].stack_in) +
                       ")";
            return "stack underflow";
        case Status::kBadJumpDestination:
            return "invalid jump destination";
        case Status::kInvalidMemoryAccess:
            return "return data out of bounds";
        case Status::kStaticModeViolation:
            return "write protection";
        case Status::kPrecompileFailure:
            return "precompile failed";
        case Status::kContractValidationFailure:
            if (f.output_starts_ef) return "invalid code: must not begin with 0xef";
            return "max code size exceeded";
        case Status::kCreateCollision:
            return "contract address collision";
        case Status::kCallDepthExceeded:
            return "max call depth exceeded";
        case Status::kInsufficientBalance:
            return "insufficient balance for transfer";
        case Status::kInternalError:
            break;
    }
    return "internal error";
}

std::optional<std::string> unpack_revert_reason(BytesView out) {
    static constexpr uint8_t kErrorSelector[4] = {0x08, 0xc3, 0x79, 0xa0};  // Error(string)
    static constexpr uint8_t kPanicSelector[4] = {0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)
    if (out.size() < 4) return std::nullopt;
    const BytesView body = out.substr(4);
    const auto word = [&](size_t at) -> std::optional<Uint256> {
        if (at + 32 > body.size()) return std::nullopt;
        return Uint256::from_be_bytes(body.substr(at, 32));
    };
    if (std::equal(kErrorSelector, kErrorSelector + 4, out.begin())) {
        auto offset = word(0);
        if (!offset || !offset->fits_u64() || offset->low64() > body.size()) return std::nullopt;
        auto len = word(offset->low64());
        if (!len || !len->fits_u64()) return std::nullopt;
        const uint64_t start = offset->low64() + 32;
        if (len->low64() > body.size() - std::min<uint64_t>(start, body.size()) ||
            start > body.size())
            return std::nullopt;
        return std::string{reinterpret_cast<const char*>(body.data() + start), len->low64()};
    }
    if (std::equal(kPanicSelector, kPanicSelector + 4, out.begin())) {
        auto code = word(0);
        if (!code) return std::nullopt;
        if (code->fits_u64()) {
            switch (code->low64()) {
                case 0x00:
                    return "generic panic";
                case 0x01:
                    return "assert(false)";
                case 0x11:
                    return "arithmetic underflow or overflow";
                case 0x12:
                    return "division or modulo by zero";
                case 0x21:
                    return "enum overflow";
                case 0x22:
                    return "invalid encoded storage byte array accessed";
                case 0x31:
                    return "out-of-bounds array access; popping on an empty array";
                case 0x32:
                    return "out-of-bounds access of an array or bytesN";
                case 0x41:
                    return "out of memory";
                case 0x51:
                    return "uninitialized function";
                default:
                    break;
            }
        }
        return "unknown panic code: " + code->to_hex();
    }
    return std::nullopt;
}

RpcError revert_error(BytesView output) {
    std::string message = "execution reverted";
    if (auto reason = unpack_revert_reason(output)) message += ": " + *reason;
    return RpcError{kExecutionReverted, std::move(message), Json(data_hex(output))};
}

// ---- Preparing a call -------------------------------------------------------------------------

std::expected<uint64_t, RpcError> resolve_block_number(Backend& backend, const BlockRef& ref) {
    switch (ref.kind) {
        case BlockRef::Kind::kLatest:
        case BlockRef::Kind::kPending:
        case BlockRef::Kind::kSafe:
        case BlockRef::Kind::kFinalized:
            return backend.head_number();
        case BlockRef::Kind::kEarliest:
            return 0;
        case BlockRef::Kind::kNumber:
            if (ref.number > backend.head_number()) return server_error("header not found");
            return ref.number;
        case BlockRef::Kind::kHash: {
            auto b = backend.store().header_by_hash(ref.hash);
            if (!b) return rpc_error(kInternalError, b.error().message());
            if (!*b) return server_error("header for hash not found");
            return (*b)->header.number;
        }
    }
    return server_error("header not found");
}

std::expected<chain::BlockEnv, RpcError> block_env(Backend& backend, uint64_t number) {
    auto b = backend.store().header_by_number(number);
    if (!b) return rpc_error(kInternalError, b.error().message());
    if (!*b) return server_error("header not found");
    const chain::BlockHeader& h = (*b)->header;
    chain::BlockEnv env;
    env.number = h.number;
    env.timestamp = h.timestamp;
    env.coinbase = h.coinbase;
    env.gas_limit = h.gas_limit;
    env.prev_randao = h.prev_randao;
    env.base_fee = h.base_fee_per_gas.value_or(backend.base_fee());
    env.excess_blob_gas = h.excess_blob_gas.value_or(0);
    env.chain_id = backend.chain_id();
    env.block_hash = [&backend](uint64_t n) {
        auto blk = backend.store().header_by_number(n);
        return blk && *blk ? (*blk)->hash : Hash256{};
    };
    return env;
}

std::expected<PreparedCall, RpcError> prepare_call(Backend& backend,
                                                   const ExecutionOptions& options,
                                                   const CallArgs& args, const BlockRef& block,
                                                   StateOverrides overrides,
                                                   const BlockOverrides* block_overrides) {
    if (args.gas_price && (args.max_fee_per_gas || args.max_priority_fee_per_gas))
        return server_error("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    if (args.chain_id && *args.chain_id != backend.chain_id())
        return server_error(
            "chainId does not match node's (have=" + std::to_string(*args.chain_id) +
            ", want=" + std::to_string(backend.chain_id()) + ")");
    PreparedCall pc;
    auto number = resolve_block_number(backend, block);
    if (!number) return std::unexpected(number.error());
    pc.block_number = *number;
    auto env = block_env(backend, pc.block_number);
    if (!env) return std::unexpected(env.error());
    pc.env = std::move(*env);
    if (block_overrides != nullptr) {
        const BlockOverrides& o = *block_overrides;
        if (o.number) pc.env.number = *o.number;
        if (o.time) pc.env.timestamp = *o.time;
        if (o.gas_limit) pc.env.gas_limit = *o.gas_limit;
        if (o.coinbase) pc.env.coinbase = *o.coinbase;
        if (o.prev_randao) pc.env.prev_randao = *o.prev_randao;
        if (o.base_fee) pc.env.base_fee = *o.base_fee;
    }

    CallMessage& m = pc.msg;
    m.from = args.from.value_or(Address{});
    m.to = args.to;
    if (args.gas) {
        m.gas_limit = options.gas_cap != 0 ? std::min(*args.gas, options.gas_cap) : *args.gas;
    } else {
        m.gas_limit =
            options.gas_cap != 0 ? options.gas_cap : std::numeric_limits<uint64_t>::max() / 2;
    }
    if (args.gas_price) {
        m.gas_price = m.gas_fee_cap = m.gas_tip_cap = *args.gas_price;
    } else {
        m.gas_fee_cap = args.max_fee_per_gas.value_or(Uint256{});
        m.gas_tip_cap = args.max_priority_fee_per_gas.value_or(Uint256{});
        if (!m.gas_fee_cap.is_zero() || !m.gas_tip_cap.is_zero()) {
            // Backfill the price as geth does: base fee + tip, at most the fee cap.
            const auto [sum, overflow] = add_overflow(m.gas_tip_cap, pc.env.base_fee);
            m.gas_price = overflow || sum > m.gas_fee_cap ? m.gas_fee_cap : sum;
        }
    }
    m.value = args.value.value_or(Uint256{});
    m.data = args.data.value_or(Bytes{});
    m.access_list = args.access_list.value_or(chain::AccessList{});
    m.nonce = args.nonce.value_or(0);
    // A call that pays nothing sees a zero base fee (geth keeps basefee <= feecap this way).
    if (m.gas_price.is_zero()) pc.env.base_fee = Uint256{};

    pc.base = backend.state_at(pc.block_number);
    if (!pc.base) return rpc_error(kInternalError, "no state for block");
    pc.overrides = std::make_unique<StateOverrides>(std::move(overrides));
    pc.view = std::make_unique<OverrideStateView>(*pc.base, *pc.overrides);
    return pc;
}

void register_execution_methods(MethodTable& table, Backend& backend,
                                const ExecutionOptions& options) {
    table.add("eth_call", [&backend, options](const Json& params, Session&) {
        return eth_call(backend, options, params);
    });
    table.add("eth_estimateGas", [&backend, options](const Json& params, Session&) {
        return eth_estimate_gas(backend, options, params);
    });
    table.add("eth_createAccessList", [&backend, options](const Json& params, Session&) {
        return eth_create_access_list(backend, options, params);
    });
    register_trace_methods(table, backend, options);
}

}  // namespace yao::rpc
