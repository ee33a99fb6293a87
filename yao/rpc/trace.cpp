// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trace.hpp"

#include <algorithm>
#include <utility>

#include <yao/common/hex.hpp>
#include <yao/evm/opcodes.hpp>

#include "execution.hpp"
#include "json_codec.hpp"
#include "prestate_tracer.hpp"

namespace yao::rpc {
namespace {

bool is_create_op(uint8_t op) {
    return op == evm::OP_CREATE || op == evm::OP_CREATE2;
}

/// 32 bytes as geth's "%x": 64 hex digits, no prefix.
std::string plain_hex(BytesView b) {
    return to_hex(b, false);
}

}  // namespace

// ---- StructLogger -----------------------------------------------------------------------------

void StructLogger::on_enter(const evm::Message& msg) {
    Frame f;
    if (!frames_.empty()) {
        Frame& parent = frames_.back();
        parent.child_ran = true;
        parent.child_gas = msg.gas;
        parent.child_left = 0;
        f.refund_base = parent.refund_base + parent.last_refund;
    }
    frames_.push_back(f);
}

void StructLogger::settle(Frame& f, int64_t gas_now) {
    if (f.pending == SIZE_MAX) return;
    // What the instruction took. geth counts the gas a CALL hands to its callee as part of the
    // call's cost, but not the gas a CREATE hands over.
    int64_t cost = f.pending_gas - gas_now;
    if (f.child_ran) {
        cost += f.child_left;
        if (is_create_op(f.pending_op)) cost -= f.child_gas;
    }
    logs_[f.pending]["gasCost"] = std::max<int64_t>(cost, 0);
    f.pending = SIZE_MAX;
    f.child_ran = false;
}

void StructLogger::on_step(const evm::Step& s) {
    Frame& f = frames_.back();
    settle(f, s.gas);
    f.last_refund = s.refund;
    if (config_.limit != 0 && logs_.size() >= config_.limit) return;
    if (failure_) return;
    if ((++steps_ & 255) == 0 && std::chrono::steady_clock::now() > config_.deadline) {
        failure_ = "execution timeout";
        return;
    }
    // What the entry will take: its fields, the stack and memory words as hex, the storage.
    size_t cost = 160;
    if (!config_.disable_stack) cost += s.stack.size() * 96;
    if (config_.enable_memory) cost += s.memory.size() / 32 * 96;
    if (!config_.disable_storage && (s.opcode == evm::OP_SLOAD || s.opcode == evm::OP_SSTORE))
        cost += (storage_[s.msg->recipient].size() + 1) * 192;
    bytes_ += cost;
    if (bytes_ > config_.max_bytes) {
        failure_ = "trace exceeds " + std::to_string(config_.max_bytes >> 20) +
                   " MiB: use the limit option or disable the stack, memory or storage";
        return;
    }

    Json e = {{"pc", s.pc},
              {"op", opcode_name(s.opcode)},
              {"gas", s.gas},
              {"gasCost", 0},
              {"depth", s.msg->depth + 1}};
    if (!config_.disable_stack) {
        Json stack = Json::array();
        for (const Uint256& v : s.stack) stack.push_back(v.to_hex());
        e["stack"] = std::move(stack);
    }
    if (config_.enable_memory) {
        Json memory = Json::array();
        for (size_t i = 0; i + 32 <= s.memory.size(); i += 32)
            memory.push_back(plain_hex(s.memory.substr(i, 32)));
        e["memory"] = std::move(memory);
    }
    if (config_.enable_return_data && !s.return_data.empty())
        e["returnData"] = data_hex(s.return_data);
    const size_t n = s.stack.size();
    if (!config_.disable_storage && (s.opcode == evm::OP_SLOAD || s.opcode == evm::OP_SSTORE)) {
        auto& seen = storage_[s.msg->recipient];
        bool record = false;
        if (s.opcode == evm::OP_SLOAD && n >= 1) {
            const Hash256 key = s.stack[n - 1].to_hash();
            seen[key] = s.host->get_storage(s.msg->recipient, key);
            record = true;
        } else if (s.opcode == evm::OP_SSTORE && n >= 2) {
            seen[s.stack[n - 1].to_hash()] = s.stack[n - 2].to_hash();
            record = true;
        }
        if (record) {
            Json storage = Json::object();
            for (const auto& [k, v] : seen) storage[plain_hex(k.view())] = plain_hex(v.view());
            e["storage"] = std::move(storage);
        }
    }
    const int64_t refund = f.refund_base + s.refund;
    if (refund > 0) e["refund"] = refund;

    f.pending = logs_.size();
    f.pending_gas = s.gas;
    f.pending_op = s.opcode;
    f.pending_stack = n;
    f.child_ran = false;
    logs_.push_back(std::move(e));
}

void StructLogger::on_halt(evm::Status status, int64_t gas, BytesView) {
    Frame& f = frames_.back();
    if (f.pending == SIZE_MAX) return;
    const size_t idx = f.pending;
    if (status == evm::Status::kStackUnderflow || status == evm::Status::kStackOverflow) {
        // geth reports the constant gas of an instruction refused for its stack.
        logs_[idx]["gasCost"] = evm::kOpcodeTraits[f.pending_op].base_gas;
        logs_[idx]["error"] = vm_error_text(
            status, FrameFault{f.pending_op, static_cast<int>(f.pending_stack), false, {}, false});
        f.pending = SIZE_MAX;
        return;
    }
    settle(f, gas);
    if (status == evm::Status::kOutOfGas) logs_[idx]["error"] = "out of gas";
}

void StructLogger::on_exit(const evm::ExecResult&, BytesView output) {
    if (frames_.size() == 1) output_ = Bytes{output};
    frames_.pop_back();
}

Json StructLogger::result(uint64_t gas_used, evm::Status status) const {
    const bool failed = status != evm::Status::kSuccess;
    std::string ret = failed && status != evm::Status::kRevert ? std::string{} : plain_hex(output_);
    Json logs = Json::array();
    for (const Json& e : logs_) logs.push_back(e);
    return Json{{"gas", gas_used},
                {"failed", failed},
                {"returnValue", std::move(ret)},
                {"structLogs", std::move(logs)}};
}

// ---- CallTracer -------------------------------------------------------------------------------

void CallTracer::on_enter(const evm::Message& msg) {
    ++depth_;
    if (config_.only_top_call && depth_ > 1) return;
    Frame f;
    const bool is_create =
        msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2;
    if (!stack_.empty() && stack_.back().last_op >= 0) {
        // The caller's instruction names the kind (a CALL inside STATICCALL is still a CALL).
        f.type = opcode_name(static_cast<uint8_t>(stack_.back().last_op));
    } else {
        switch (msg.kind) {
            case evm::CallKind::kCall:
                f.type = msg.is_static && msg.depth > 0 ? "STATICCALL" : "CALL";
                break;
            case evm::CallKind::kDelegateCall:
                f.type = "DELEGATECALL";
                break;
            case evm::CallKind::kCallCode:
                f.type = "CALLCODE";
                break;
            case evm::CallKind::kCreate:
                f.type = "CREATE";
                break;
            case evm::CallKind::kCreate2:
                f.type = "CREATE2";
                break;
        }
    }
    f.from = msg.kind == evm::CallKind::kDelegateCall ? msg.recipient : msg.sender;
    f.to = is_create ? msg.recipient : msg.code_address;
    if (f.type != "STATICCALL") f.value = msg.value;
    f.gas = static_cast<uint64_t>(std::max<int64_t>(msg.gas, 0));
    f.input = Bytes{msg.input};
    stack_.push_back(std::move(f));
}

void CallTracer::on_exit(const evm::ExecResult& r, BytesView output) {
    const int depth = depth_--;
    if (config_.only_top_call && depth > 1) return;
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    const uint64_t left = static_cast<uint64_t>(std::max<int64_t>(r.gas_left, 0));
    f.gas_used = f.gas > left ? f.gas - left : 0;
    if (r.status == evm::Status::kSuccess) {
        f.output = Bytes{output};
    } else {
        const bool is_create = f.type == "CREATE" || f.type == "CREATE2";
        f.error = vm_error_text(
            r.status, FrameFault{f.last_op, f.last_stack, is_create, f.halt, f.output_starts_ef});
        if (is_create) f.to.reset();
        if (r.status == evm::Status::kRevert && !r.output.empty()) {
            f.output = r.output;
            if (auto reason = unpack_revert_reason(r.output)) f.revert_reason = *reason;
        }
    }
    if (stack_.empty()) {
        root_ = std::move(f);
    } else {
        stack_.back().calls.push_back(std::move(f));
    }
}

void CallTracer::on_step(const evm::Step& s) {
    if (config_.only_top_call && depth_ > 1) return;
    stack_.back().last_op = s.opcode;
    stack_.back().last_stack = static_cast<int>(s.stack.size());
}

void CallTracer::on_halt(evm::Status status, int64_t, BytesView output) {
    if (config_.only_top_call && depth_ > 1) return;
    stack_.back().halt = status;
    stack_.back().output_starts_ef = !output.empty() && output[0] == 0xef;
}

void CallTracer::on_log(const Address& addr, std::span<const Hash256> topics, BytesView data) {
    if (!config_.with_log) return;
    if (config_.only_top_call && depth_ > 1) return;
    Frame& f = stack_.back();
    f.logs.push_back({addr, {topics.begin(), topics.end()}, Bytes{data}, f.calls.size()});
}

Json CallTracer::to_json(const Frame& f, bool parent_failed) {
    const bool failed = parent_failed || !f.error.empty();
    Json j = {{"type", f.type},
              {"from", address_hex(f.from)},
              {"gas", quantity(f.gas)},
              {"gasUsed", quantity(f.gas_used)},
              {"input", data_hex(f.input)}};
    if (f.to) j["to"] = address_hex(*f.to);
    if (f.value) j["value"] = quantity(*f.value);
    if (!f.output.empty()) j["output"] = data_hex(f.output);
    if (!f.error.empty()) j["error"] = f.error;
    if (!f.revert_reason.empty()) j["revertReason"] = f.revert_reason;
    if (!f.calls.empty()) {
        Json calls = Json::array();
        for (const Frame& c : f.calls) calls.push_back(to_json(c, failed));
        j["calls"] = std::move(calls);
    }
    // Logs of a frame that failed (or whose caller failed) were undone: geth leaves them out.
    if (!failed && !f.logs.empty()) {
        Json logs = Json::array();
        for (const Log& l : f.logs) {
            Json topics = Json::array();
            for (const Hash256& t : l.topics) topics.push_back(hash_hex(t));
            logs.push_back({{"address", address_hex(l.address)},
                            {"topics", std::move(topics)},
                            {"data", data_hex(l.data)},
                            {"position", quantity(static_cast<uint64_t>(l.position))}});
        }
        j["logs"] = std::move(logs);
    }
    return j;
}

Json CallTracer::result(uint64_t gas_limit, uint64_t gas_used) const {
    if (!root_) return Json::object();
    Frame top = *root_;
    top.gas = gas_limit;
    top.gas_used = gas_used;
    return to_json(top, false);
}

// ---- The methods ------------------------------------------------------------------------------

namespace {

/// A Go duration of one unit: digits (a fraction allowed) followed by ms, s, m or h.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == 0 || i > 15) return std::nullopt;
    const std::string_view unit = text.substr(i);
    double scale = 0;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = 1e3;
    else if (unit == "m") scale = 60e3;
    else if (unit == "h") scale = 3600e3;
    else return std::nullopt;
    char* end = nullptr;
    const std::string number{text.substr(0, i)};
    const double v = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || v * scale > 24 * 3600e3) return std::nullopt;
    return std::chrono::milliseconds{static_cast<int64_t>(v * scale)};
}

struct TraceConfig {
    std::string tracer;  ///< empty: the struct logger
    StructLogger::Config logger;
    CallTracer::Config call;
    PrestateTracer::Config prestate;
    StateOverrides overrides;
    std::optional<BlockOverrides> block_overrides;
    std::chrono::milliseconds timeout = kDefaultTraceTimeout;  ///< per transaction
};

RpcResult<TraceConfig> parse_trace_config(const Json& j, bool call_options,
                                          const ExecutionOptions& options) {
    TraceConfig c;
    c.logger.max_bytes = options.max_trace_bytes;
    c.logger.deadline = std::chrono::steady_clock::now() + kDefaultTraceTimeout;
    if (j.is_null()) return c;
    if (!j.is_object()) return rpc_error(kInvalidParams, "trace config: expected an object");
    const auto flag = [&](const char* key, bool& out) -> RpcResult<void> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return {};
        if (!it->is_boolean())
            return rpc_error(kInvalidParams, std::string{"trace config: "} + key + " not a bool");
        out = it->get<bool>();
        return {};
    };
    if (auto r = flag("disableStack", c.logger.disable_stack); !r)
        return std::unexpected(r.error());
    if (auto r = flag("disableStorage", c.logger.disable_storage); !r)
        return std::unexpected(r.error());
    if (auto r = flag("enableMemory", c.logger.enable_memory); !r)
        return std::unexpected(r.error());
    if (auto r = flag("enableReturnData", c.logger.enable_return_data); !r)
        return std::unexpected(r.error());
    if (auto it = j.find("limit"); it != j.end() && it->is_number_unsigned())
        c.logger.limit = it->get<size_t>();
    // "timeout": a Go duration as geth takes it ("5s", "300ms", "1m", "1.5s"); geth's 5 s when
    // absent.
    std::chrono::milliseconds timeout = kDefaultTraceTimeout;
    if (auto it = j.find("timeout"); it != j.end() && !it->is_null()) {
        auto parsed = it->is_string() ? parse_duration(it->get_ref<const std::string&>())
                                      : std::nullopt;
        if (!parsed) return rpc_error(kInvalidParams, "trace config: invalid timeout");
        timeout = *parsed;
    }
    c.timeout = timeout;
    c.logger.deadline = std::chrono::steady_clock::now() + timeout;
    if (auto it = j.find("tracer"); it != j.end() && !it->is_null()) {
        if (!it->is_string()) return rpc_error(kInvalidParams, "trace config: tracer not a string");
        c.tracer = it->get<std::string>();
    }
    if (auto it = j.find("tracerConfig"); it != j.end() && it->is_object()) {
        if (auto x = it->find("onlyTopCall"); x != it->end() && x->is_boolean())
            c.call.only_top_call = x->get<bool>();
        if (auto x = it->find("withLog"); x != it->end() && x->is_boolean())
            c.call.with_log = x->get<bool>();
        if (auto x = it->find("diffMode"); x != it->end() && x->is_boolean())
            c.prestate.diff_mode = x->get<bool>();
        if (auto x = it->find("disableCode"); x != it->end() && x->is_boolean())
            c.prestate.disable_code = x->get<bool>();
        if (auto x = it->find("disableStorage"); x != it->end() && x->is_boolean())
            c.prestate.disable_storage = x->get<bool>();
    }
    if (call_options) {
        if (auto it = j.find("stateOverrides"); it != j.end() && !it->is_null()) {
            auto ov = parse_state_overrides(*it);
            if (!ov) return std::unexpected(ov.error());
            c.overrides = std::move(*ov);
        }
        if (auto it = j.find("blockOverrides"); it != j.end() && !it->is_null()) {
            auto bo = parse_block_overrides(*it);
            if (!bo) return std::unexpected(bo.error());
            c.block_overrides = *bo;
        }
    }
    return c;
}

/// Runs `msg` under the configured tracer and returns the tracer's result.
MethodResult run_traced(state::State& st, const chain::BlockEnv& env, evm::Revision rev,
                        const CallMessage& msg, const TraceConfig& c) {
    if (c.tracer.empty()) {
        StructLogger logger{c.logger};
        auto out = apply_message(st, env, rev, msg, &logger);
        if (!out) return rpc_error(kServerError, "tracing failed: " + out.error().message);
        if (logger.failure()) return rpc_error(kServerError, *logger.failure());
        return logger.result(out->gas_used, out->status);
    }
    if (c.tracer == "callTracer") {
        CallTracer tracer{c.call};
        auto out = apply_message(st, env, rev, msg, &tracer);
        if (!out) return rpc_error(kServerError, "tracing failed: " + out.error().message);
        return tracer.result(msg.gas_limit, out->gas_used);
    }
    if (c.tracer == "prestateTracer") {
        PrestateTracer tracer{c.prestate, st};
        tracer.begin(msg.from, msg.to, env.coinbase, msg.authorizations);
        auto out = apply_message(st, env, rev, msg, &tracer);
        if (!out) return rpc_error(kServerError, "tracing failed: " + out.error().message);
        tracer.end();
        return tracer.result();
    }
    return rpc_error(kServerError, "tracer not found: " + c.tracer);
}

MethodResult debug_trace_transaction(Backend& backend, const ExecutionOptions& options,
                                     const Json& params) {
    if (!params.is_null() && !params.is_array()) return rpc_error(kInvalidParams, "non-array args");
    auto hash = parse_hash(param(params, 0), "0");
    if (!hash) return std::unexpected(hash.error());
    auto config = parse_trace_config(param(params, 1), false, options);
    if (!config) return std::unexpected(config.error());
    auto r = replay_transaction(backend, *hash, "transaction not found");
    if (!r) return std::unexpected(r.error());
    return checked_reads(*r->view, r->env, r->block - 1,
                         run_traced(*r->state, r->env, r->rev, r->msg, *config));
}

/// debug_traceBlockByNumber / debug_traceBlockByHash: every transaction of the block in order
/// on the state before it, as [{"txHash", "result"}].
MethodResult trace_block(Backend& backend, const storage::StoredBlock& block,
                         const TraceConfig& config) {
    const uint64_t number = block.header.number;
    if (number == 0) return rpc_error(kServerError, "genesis is not traceable");
    // Checked up front so that an empty block answers the same (geth would try the name as a
    // JavaScript tracer and fail each transaction).
    if (!config.tracer.empty() && config.tracer != "callTracer" &&
        config.tracer != "prestateTracer")
        return rpc_error(kServerError, "tracer not found: " + config.tracer);
    auto env = block_env(backend, number);
    if (!env) return std::unexpected(env.error());
    const evm::Revision rev = backend.forks().at(env->timestamp);
    std::unique_ptr<state::StateView> view = backend.state_at(number - 1);
    if (!view) return rpc_error(kInternalError, "no state for block " + std::to_string(number - 1));
    state::State st{*view};
    Json results = Json::array();
    for (const storage::StoredTransaction& tx : block.transactions) {
        // Each transaction has geth's whole timeout to itself.
        TraceConfig c = config;
        c.logger.deadline = std::chrono::steady_clock::now() + config.timeout;
        auto r = run_traced(st, *env, rev, stored_message(tx, *env), c);
        if (!r) return std::unexpected(r.error());
        results.push_back({{"txHash", hash_hex(tx.hash)}, {"result", std::move(*r)}});
    }
    return checked_reads(*view, *env, number - 1, std::move(results));
}

MethodResult debug_trace_block_by_number(Backend& backend, const ExecutionOptions& options,
                                         const Json& params) {
    if (!params.is_null() && !params.is_array()) return rpc_error(kInvalidParams, "non-array args");
    if (param(params, 0).is_null())
        return rpc_error(kInvalidParams, "missing value for required argument 0");
    auto ref = parse_block_number(param(params, 0), "0");
    if (!ref) return std::unexpected(ref.error());
    auto config = parse_trace_config(param(params, 1), false, options);
    if (!config) return std::unexpected(config.error());
    uint64_t number = backend.head_number();
    if (ref->kind == BlockRef::Kind::kNumber) number = ref->number;
    if (ref->kind == BlockRef::Kind::kEarliest) number = 0;
    if (number > backend.head_number())
        return rpc_error(kServerError, "block #" + std::to_string(number) + " not found");
    auto block = backend.blocks().block_by_number(number, true);
    if (!block)
        return std::unexpected(internal_error(block.error(), "block #" + std::to_string(number)));
    if (!*block) return rpc_error(kServerError, "block #" + std::to_string(number) + " not found");
    return trace_block(backend, **block, *config);
}

MethodResult debug_trace_block_by_hash(Backend& backend, const ExecutionOptions& options,
                                       const Json& params) {
    if (!params.is_null() && !params.is_array()) return rpc_error(kInvalidParams, "non-array args");
    if (param(params, 0).is_null())
        return rpc_error(kInvalidParams, "missing value for required argument 0");
    auto hash = parse_hash(param(params, 0), "0");
    if (!hash) return std::unexpected(hash.error());
    auto config = parse_trace_config(param(params, 1), false, options);
    if (!config) return std::unexpected(config.error());
    auto block = backend.blocks().block_by_hash(*hash, true);
    if (!block) return std::unexpected(internal_error(block.error(), "block " + hash_hex(*hash)));
    if (!*block) return rpc_error(kServerError, "block " + hash_hex(*hash) + " not found");
    return trace_block(backend, **block, *config);
}

MethodResult debug_trace_call(Backend& backend, const ExecutionOptions& options,
                              const Json& params) {
    if (!params.is_null() && !params.is_array()) return rpc_error(kInvalidParams, "non-array args");
    if (param(params, 0).is_null())
        return rpc_error(kInvalidParams, "missing value for required argument 0");
    auto args = parse_call_args(param(params, 0));
    if (!args) return std::unexpected(args.error());
    auto block = parse_block_ref(param(params, 1), "1");
    if (!block) return std::unexpected(block.error());
    auto config = parse_trace_config(param(params, 2), true, options);
    if (!config) return std::unexpected(config.error());
    auto pc = prepare_call(backend, options, *args, *block, std::move(config->overrides),
                           config->block_overrides ? &*config->block_overrides : nullptr);
    if (!pc) return std::unexpected(pc.error());
    state::State st{*pc->view};
    return checked_reads(*pc->view, pc->env, pc->block_number,
                         run_traced(st, pc->env, pc->rev, pc->msg, *config));
}

}  // namespace

/// The message of a stored transaction as its block ran it (chain::to_message), every check on.
CallMessage stored_message(const storage::StoredTransaction& stored, const chain::BlockEnv& env) {
    const chain::Transaction& t = stored.txn;
    const chain::Message m = chain::to_message(t, stored.sender, env.base_fee);
    CallMessage msg;
    msg.from = m.from;
    msg.to = m.to;
    msg.gas_limit = m.gas_limit;
    msg.gas_price = m.gas_price;
    msg.gas_fee_cap = m.gas_fee_cap;
    msg.gas_tip_cap = m.gas_tip_cap;
    msg.value = m.value;
    msg.data = t.data;
    msg.access_list = t.access_list;
    msg.authorizations = t.authorization_list;
    msg.nonce = m.nonce;
    msg.checks = chain::MessageChecks{};
    return msg;
}

RpcResult<TransactionReplay> replay_transaction(Backend& backend, const Hash256& hash,
                                                const std::string& not_found) {
    auto stored = backend.blocks().transaction(hash);
    if (!stored)
        return std::unexpected(internal_error(stored.error(), "transaction " + hash_hex(hash)));
    if (!*stored) return rpc_error(kServerError, not_found);
    const uint64_t number = (*stored)->block_num;
    if (number == 0) return rpc_error(kServerError, "genesis is not traceable");
    auto block = backend.blocks().block_by_number(number, true);
    if (!block)
        return std::unexpected(internal_error(block.error(), "block #" + std::to_string(number)));
    if (!*block) return rpc_error(kServerError, "block #" + std::to_string(number) + " not found");
    TransactionReplay r;
    r.block = number;
    auto env = block_env(backend, number);
    if (!env) return std::unexpected(env.error());
    r.env = *env;
    r.rev = backend.forks().at(r.env.timestamp);
    // The block up to the transaction, on the state before it (transactions dropped from the
    // proposal changed nothing, so the stored ones in order are the whole story).
    r.view = backend.state_at(number - 1);
    if (!r.view) return rpc_error(kInternalError, "no state for block " + std::to_string(number - 1));
    r.state = std::make_unique<state::State>(*r.view);
    const auto& txs = (*block)->transactions;
    const uint32_t index = (*stored)->index;
    for (uint32_t i = 0; i < index && i < txs.size(); ++i)
        (void)chain::apply_transaction(*r.state, r.env, txs[i].txn, txs[i].sender, r.rev);
    r.msg = stored_message(**stored, r.env);
    return r;
}

void register_trace_methods(MethodTable& table, Backend& backend, const ExecutionOptions& options) {
    table.add("debug_traceTransaction", [&backend, options](const Json& params, Session&) {
        return debug_trace_transaction(backend, options, params);
    }, Weight::kHeavy);
    table.add("debug_traceCall", [&backend, options](const Json& params, Session&) {
        return debug_trace_call(backend, options, params);
    }, Weight::kHeavy);
    table.add("debug_traceBlockByNumber", [&backend, options](const Json& params, Session&) {
        return debug_trace_block_by_number(backend, options, params);
    }, Weight::kHeavy);
    table.add("debug_traceBlockByHash", [&backend, options](const Json& params, Session&) {
        return debug_trace_block_by_hash(backend, options, params);
    }, Weight::kHeavy);
}

}  // namespace yao::rpc
