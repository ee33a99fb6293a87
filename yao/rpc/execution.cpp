// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include <yao/chain/errc.hpp>
#include <yao/common/keccak.hpp>
#include <yao/evm/opcodes.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/log/logger.hpp>

#include "trace.hpp"

namespace yao::rpc {
namespace {

constexpr uint64_t kTxGas = 21000;       // geth params.TxGas
constexpr uint64_t kCallStipend = 2300;  // geth params.CallStipend

std::unexpected<RpcError> invalid_params(std::string message) {
    return rpc_error(kInvalidParams, std::move(message));
}

std::unexpected<RpcError> server_error(std::string message) {
    return rpc_error(kServerError, std::move(message));
}

/// BLOCKHASH for executions at stored blocks: the hash of block `n` from the BlockService. The
/// EVM cannot stop on a failed read, so one answers zero and is kept (the first of them) for
/// checked_reads, which then fails the whole answer (block_hash_error). Copies share the record.
class StoredBlockHashes {
public:
    explicit StoredBlockHashes(Backend& backend)
        : backend_{&backend}, failed_{std::make_shared<std::optional<Error>>()} {}

    Hash256 operator()(uint64_t n) const {
        auto block = backend_->blocks().header_by_number(n);
        if (!block) {
            if (!*failed_) {
                std::string context = "block " + std::to_string(n);
                if (!block.error().context().empty()) context += ": " + block.error().context();
                *failed_ = Error{block.error().code(), std::move(context)};
            }
            return Hash256{};
        }
        return *block ? (*block)->hash : Hash256{};
    }
    const std::optional<Error>& failed() const noexcept { return *failed_; }

private:
    Backend* backend_;
    std::shared_ptr<std::optional<Error>> failed_;  ///< one execution's thread writes it
};

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

/// `result`, unless a state read of the execution failed (a database or StateService error, which
/// a StateView answers as "absent"): then that error, -32603, never an answer computed on
/// missing state.
MethodResult checked_reads(const PreparedCall& pc, MethodResult result) {
    if (!pc.base) return result;
    return checked_reads(*pc.base, pc.env, pc.block_number, std::move(result));
}

/// Runs `msg` on a fresh State over the prepared view: chain::apply_message, the processor's
/// own transaction setup, with the message's checks.
Result<chain::TxResult> execute(PreparedCall& pc, const CallMessage& msg,
                                evm::Tracer* tracer = nullptr) {
    state::State st{*pc.view};
    return chain::apply_message(st, pc.env, msg.message(), pc.rev, msg.checks, tracer);
}

/// geth's text for a failed outcome, re-running with a FaultTracer when the text needs details.
std::string failure_text(PreparedCall& pc, const CallMessage& msg, const chain::TxResult& out) {
    if (!needs_fault_details(out.status)) return vm_error_text(out.status);
    FaultTracer ft;
    auto again = execute(pc, msg, &ft);
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

RpcResult<CallParams> parse_call_params(const Json& params, bool with_block_overrides) {
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
    MethodResult answer = [&]() -> MethodResult {
        auto out = execute(*pc, pc->msg);
        if (!out)
            return server_error("err: " + message_error_text(out.error()) + " (supplied gas " +
                                std::to_string(pc->msg.gas_limit) + ")");
        if (out->status == evm::Status::kRevert) return std::unexpected(revert_error(out->output));
        if (out->status != evm::Status::kSuccess)
            return server_error(failure_text(*pc, pc->msg, *out));
        return Json(data_hex(out->output));
    }();
    return checked_reads(*pc, std::move(answer));
}

// ---- eth_estimateGas --------------------------------------------------------------------------

/// One probe of the binary search: failed (or an intrinsic-gas error, which also means "more
/// gas"), the outcome when it ran, or an error that ends the search.
struct Probe {
    bool failed = false;
    std::optional<chain::TxResult> outcome;
};

RpcResult<Probe> probe(PreparedCall& pc, uint64_t gas) {
    CallMessage msg = pc.msg;
    msg.gas_limit = gas;
    auto out = execute(pc, msg);
    if (!out) {
        if (out.error() == chain::Errc::kIntrinsicGasTooLow ||
            out.error() == chain::Errc::kFloorDataGas)
            return Probe{true, std::nullopt};
        return server_error("failed with " + std::to_string(gas) +
                            " gas: " + message_error_text(out.error()));
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
    MethodResult answer = [&]() -> MethodResult {

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
        if (!first) return std::unexpected(first.error());
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
        const chain::TxResult& used = *first->outcome;
        uint64_t lo = used.gas_used - 1;
        const uint64_t optimistic = (used.gas_used + used.refunded + kCallStipend) * 64 / 63;
        if (optimistic < hi) {
            auto r = probe(pc, optimistic);
            if (!r) return std::unexpected(r.error());
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
            if (!r) return std::unexpected(r.error());
            if (r->failed) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Json(quantity(hi));
    }();
    return checked_reads(pc, std::move(answer));
}

// ---- eth_createAccessList ---------------------------------------------------------------------

/// geth's AccessListTracer: the addresses and slots a call touches, without the sender, the
/// recipient and the precompiles (slots of those are kept).
class AccessListTracer final : public evm::Tracer {
public:
    using List = std::map<Address, std::set<Hash256>>;

    AccessListTracer(const chain::AccessList& initial, const Address& from, const Address& to,
                     evm::Revision rev) {
        excluded_.insert(from);
        excluded_.insert(to);
        for (const Address& p : evm::precompile_addresses(rev)) excluded_.insert(p);
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
    MethodResult answer = [&]() -> MethodResult {

        Address to;
        if (pc.msg.to) {
            to = *pc.msg.to;
        } else {
            state::State st{*pc.view};
            to = state::create_address(pc.msg.from, st.nonce(pc.msg.from));
        }
        AccessListTracer prev{pc.msg.access_list, pc.msg.from, to, pc.rev};
        // Each round runs with the list found so far (its warm slots change the gas and so maybe
        // the path), until a round finds nothing new.
        for (int round = 0; round < 64; ++round) {
            CallMessage msg = pc.msg;
            msg.access_list = prev.access_list();
            AccessListTracer tracer{msg.access_list, pc.msg.from, to, pc.rev};
            auto out = execute(pc, msg, &tracer);
            if (!out) {
                // geth names the call by the hash of the legacy transaction it would be.
                chain::Transaction txn;
                txn.nonce = msg.nonce;
                txn.gas_price = msg.gas_price;
                txn.gas_limit = msg.gas_limit;
                txn.to = msg.to;
                txn.value = msg.value;
                txn.data = msg.data;
                return server_error(
                    "failed to apply transaction: " + hash_hex(chain::transaction_hash(txn)) +
                    " err: " + message_error_text(out.error()));
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
    }();
    return checked_reads(pc, std::move(answer));
}

}  // namespace

// ---- Applying a message -----------------------------------------------------------------------

MethodResult checked_reads(const state::StateView& view, const chain::BlockEnv& env, uint64_t block,
                           MethodResult result) {
    std::optional<Error> failed = view.read_error();
    std::string_view what = "state read failed";
    if (!failed) {
        failed = block_hash_error(env);
        what = "block hash read failed";
    }
    if (!failed) return result;
    log::default_logger()
        .error("read failed during execution")
        .with_component("rpc")
        .with_field("what", what)
        .with_field("block", block)
        .with_error(*failed)
        .log();
    return rpc_error(kInternalError, std::string{what} + ": " + failed->message());
}

std::string message_error_text(const Error& e) {
    if (e.code().category() == chain::chain_category()) {
        if (const char* text = chain::geth_message(static_cast<chain::Errc>(e.code().value())))
            return e.context().empty() ? std::string{text} : std::string{text} + ": " + e.context();
    }
    return e.message();
}

chain::Message CallMessage::message() const {
    chain::Message m;
    m.from = from;
    m.to = to;
    m.nonce = nonce;
    m.gas_limit = gas_limit;
    m.gas_price = gas_price;
    m.gas_fee_cap = gas_fee_cap;
    m.gas_tip_cap = gas_tip_cap;
    m.value = value;
    m.data = data;
    m.access_list = access_list;
    m.authorizations = authorizations;
    return m;
}

RpcResult<CallOutcome> apply_message(state::State& st, const chain::BlockEnv& env,
                                     evm::Revision rev, const CallMessage& m, evm::Tracer* tracer) {
    auto r = chain::apply_message(st, env, m.message(), rev, m.checks, tracer);
    if (!r) return rpc_error(kServerError, message_error_text(r.error()));
    CallOutcome out;
    out.status = r->status;
    out.gas_used = r->gas_used;
    out.refunded = r->refunded;
    out.max_used_gas = r->max_used_gas;
    out.output = std::move(r->output);
    out.created = r->created_address;
    out.logs = std::move(r->receipt.logs);
    return out;
}

// ---- Preparing a call -------------------------------------------------------------------------

RpcResult<uint64_t> resolve_block_number(Backend& backend, const BlockRef& ref) {
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
            auto b = backend.blocks().header_by_hash(ref.hash);
            if (!b)
                return std::unexpected(internal_error(b.error(), "block " + hash_hex(ref.hash)));
            if (!*b) return server_error("header for hash not found");
            return (*b)->header.number;
        }
    }
    return server_error("header not found");
}

RpcResult<chain::BlockEnv> block_env(Backend& backend, uint64_t number) {
    auto b = backend.blocks().header_by_number(number);
    if (!b) return std::unexpected(internal_error(b.error(), "block " + std::to_string(number)));
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
    env.block_hash = StoredBlockHashes{backend};
    return env;
}

RpcResult<void> check_fee_fields(const CallArgs& args, uint64_t chain_id) {
    if (args.gas_price && (args.max_fee_per_gas || args.max_priority_fee_per_gas))
        return server_error("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    if (args.chain_id && *args.chain_id != chain_id)
        return server_error("chainId does not match node's (have=" +
                            std::to_string(*args.chain_id) + ", want=" + std::to_string(chain_id) +
                            ")");
    return {};
}

RpcResult<void> check_authorizations(const CallArgs& args, evm::Revision rev) {
    if (!args.authorization_list) return {};
    if (rev < evm::Revision::kPrague)
        return invalid_params("invalid argument 0: authorizationList: set-code transactions "
                              "(EIP-7702) are not supported before Prague");
    if (!args.to) return server_error("EIP-7702 transaction cannot be used to create contract");
    return {};
}

CallMessage call_message(const CallArgs& args, uint64_t gas_limit, const Uint256& base_fee) {
    CallMessage m;
    m.from = args.from.value_or(Address{});
    m.to = args.to;
    m.gas_limit = gas_limit;
    if (args.gas_price) {
        m.gas_price = m.gas_fee_cap = m.gas_tip_cap = *args.gas_price;
    } else {
        m.gas_fee_cap = args.max_fee_per_gas.value_or(Uint256{});
        m.gas_tip_cap = args.max_priority_fee_per_gas.value_or(Uint256{});
        if (!m.gas_fee_cap.is_zero() || !m.gas_tip_cap.is_zero()) {
            const auto [sum, overflow] = add_overflow(m.gas_tip_cap, base_fee);
            m.gas_price = overflow || sum > m.gas_fee_cap ? m.gas_fee_cap : sum;
        }
    }
    m.value = args.value.value_or(Uint256{});
    m.data = args.data.value_or(Bytes{});
    m.access_list = args.access_list.value_or(chain::AccessList{});
    m.authorizations = args.authorization_list.value_or(chain::AuthorizationList{});
    m.nonce = args.nonce.value_or(0);
    return m;
}

std::optional<Error> block_hash_error(const chain::BlockEnv& env) {
    const auto* hashes = env.block_hash.target<StoredBlockHashes>();
    return hashes != nullptr ? hashes->failed() : std::nullopt;
}

RpcResult<PreparedCall> prepare_call(Backend& backend, const ExecutionOptions& options,
                                     const CallArgs& args, const BlockRef& block,
                                     StateOverrides overrides,
                                     const BlockOverrides* block_overrides) {
    if (auto r = check_fee_fields(args, backend.chain_id()); !r) return std::unexpected(r.error());
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
    pc.rev = backend.forks().at(pc.env.timestamp);
    if (auto r = check_authorizations(args, pc.rev); !r) return std::unexpected(r.error());

    uint64_t gas = 0;
    if (args.gas) {
        gas = options.gas_cap != 0 ? std::min(*args.gas, options.gas_cap) : *args.gas;
    } else {
        gas = options.gas_cap != 0 ? options.gas_cap : std::numeric_limits<uint64_t>::max() / 2;
    }
    pc.msg = call_message(args, gas, pc.env.base_fee);
    const CallMessage& m = pc.msg;
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
    }, Weight::kHeavy);
    table.add("eth_estimateGas", [&backend, options](const Json& params, Session&) {
        return eth_estimate_gas(backend, options, params);
    }, Weight::kHeavy);
    table.add("eth_createAccessList", [&backend, options](const Json& params, Session&) {
        return eth_create_access_list(backend, options, params);
    }, Weight::kHeavy);
    register_simulate_method(table, backend, options);
    register_trace_methods(table, backend, options);
}

}  // namespace yao::rpc
