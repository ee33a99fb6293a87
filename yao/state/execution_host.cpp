// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution_host.hpp"

#include <limits>
#include <utility>

#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/evm/delegation.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/evm/vm.hpp>

namespace yao::state {
namespace {

using evm::ExecResult;
using evm::Status;

constexpr size_t kMaxCodeSize = 0x6000;   // EIP-170
constexpr int64_t kCodeDepositGas = 200;  // per byte of deployed code (Yellow Paper G_codedeposit)
constexpr uint8_t kEofPrefix = 0xef;      // EIP-3541: new code may not start with it

Address address_from_hash(const Hash256& h) noexcept {
    Address a;
    for (size_t i = 0; i < Address::size(); ++i) a[i] = h[12 + i];
    return a;
}

// A frame that failed: keep the output of a REVERT only; any other failure consumes all gas.
void finish_failed(ExecResult& r) noexcept {
    r.gas_refund = 0;
    r.create_address = {};
    if (r.status != Status::kRevert) {
        r.gas_left = 0;
        r.output.clear();
    }
}

}  // namespace

Address create_address(const Address& sender, uint64_t nonce) noexcept {
    Bytes payload;
    rlp::encode_string(payload, sender.view());
    rlp::encode_uint(payload, nonce);
    Bytes list;
    rlp::encode_list(list, payload);
    return address_from_hash(keccak256(list));
}

Address create2_address(const Address& sender, const Hash256& salt, BytesView init_code) noexcept {
    Bytes buf;
    buf.reserve(1 + 20 + 32 + 32);
    buf.push_back(0xff);
    buf.append(sender.view());
    buf.append(salt.view());
    buf.append(keccak256(init_code).view());
    return address_from_hash(keccak256(buf));
}

ExecutionHost::ExecutionHost(State& state, evm::Revision rev, const evm::TxContext& ctx,
                             BlockHashLookup block_hash)
    : state_{state}, rev_{rev}, ctx_{ctx}, block_hash_{std::move(block_hash)} {}

bool ExecutionHost::account_exists(const Address& addr) {
    return !state_.is_dead(addr);
}

Hash256 ExecutionHost::get_storage(const Address& addr, const Hash256& key) {
    return state_.storage(addr, key);
}

evm::StorageWrite ExecutionHost::set_storage(const Address& addr, const Hash256& key,
                                             const Hash256& value) {
    return state_.set_storage(addr, key, value);
}

Uint256 ExecutionHost::get_balance(const Address& addr) {
    return state_.balance(addr);
}

size_t ExecutionHost::get_code_size(const Address& addr) {
    return state_.code(addr).size();
}

Hash256 ExecutionHost::get_code_hash(const Address& addr) {
    // EIP-1052 with EIP-161: an empty account has hash zero, like an absent one.
    if (state_.is_dead(addr)) return {};
    return state_.code_hash(addr);
}

BytesView ExecutionHost::get_code(const Address& addr) {
    return state_.code(addr);
}

void ExecutionHost::selfdestruct(const Address& addr, const Address& beneficiary) {
    const Uint256 balance = state_.balance(addr);
    // EIP-6780: only an account created in this transaction is deleted; before Cancun, every one.
    if (rev_ < evm::Revision::kCancun || state_.is_created(addr)) {
        // Credit first, then zero: a contract naming itself as beneficiary burns its balance.
        state_.add_balance(beneficiary, balance);
        state_.set_balance(addr, 0);
        state_.mark_destructed(addr);
    } else if (addr != beneficiary) {
        state_.sub_balance(addr, balance);
        state_.add_balance(beneficiary, balance);
    }
    state_.touch(beneficiary);
}

ExecResult ExecutionHost::call(const evm::Message& msg) {
    if (tracer_ != nullptr) [[unlikely]]
        return traced_call(msg);
    if (msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2)
        return create(msg);
    return message_call(msg);
}

ExecResult ExecutionHost::traced_call(const evm::Message& msg) {
    const bool is_create =
        msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2;
    evm::Message shown = msg;
    if (is_create && msg.depth > 0) {
        // The address create() is about to derive, for the tracer's benefit.
        const uint64_t nonce = state_.nonce(msg.sender);
        shown.recipient = msg.kind == evm::CallKind::kCreate
                              ? create_address(msg.sender, nonce)
                              : create2_address(msg.sender, msg.create2_salt, msg.input);
    }
    tracer_->on_enter(shown);
    ExecResult r = is_create ? create(msg) : message_call(msg);
    BytesView output = r.output;
    if (is_create && r.status == Status::kSuccess) output = state_.code(r.create_address);
    tracer_->on_exit(r, output);
    return r;
}

ExecResult ExecutionHost::run_code(const evm::Message& msg, BytesView code,
                                   const Hash256* code_hash) {
    if (tracer_ != nullptr) [[unlikely]]
        return evm::execute_traced(*this, *tracer_, rev_, msg, code, code_hash);
    return evm::execute(*this, rev_, msg, code, code_hash);
}

ExecResult ExecutionHost::message_call(const evm::Message& msg) {
    const State::Checkpoint cp = state_.checkpoint();
    state_.touch(msg.recipient);
    const bool transfers = msg.kind == evm::CallKind::kCall || msg.kind == evm::CallKind::kCallCode;
    if (transfers && !msg.value.is_zero()) {
        if (state_.balance(msg.sender) < msg.value) {
            // The interpreter checks the balance first; should a caller not, undo the touch.
            state_.revert(cp);
            ExecResult r;
            r.status = Status::kInsufficientBalance;
            r.gas_left = msg.gas;
            return r;
        }
        state_.sub_balance(msg.sender, msg.value);
        state_.add_balance(msg.recipient, msg.value);
    }

    ExecResult r;
    if (evm::is_precompile(msg.code_address, rev_)) {
        precompiles_called_ |= 1u << evm::precompile_bit(msg.code_address);
        r = evm::run_precompile(msg.code_address, msg.input, msg.gas, rev_);
    } else {
        // EIP-7702: a delegated account runs its delegate's code (a precompile delegate has
        // none: the call succeeds without running it). The caller has charged the access.
        Address code_address = msg.code_address;
        BytesView code = state_.code(code_address);
        if (rev_ >= evm::Revision::kPrague) {
            if (const auto delegate = evm::delegation_target(code)) {
                code_address = *delegate;
                code = state_.code(code_address);
            }
        }
        if (code.empty()) {
            r.status = Status::kSuccess;
            r.gas_left = msg.gas;
        } else {
            const Hash256 code_hash = state_.code_hash(code_address);
            r = run_code(msg, code, &code_hash);
        }
    }
    if (r.status != Status::kSuccess) {
        state_.revert(cp);
        finish_failed(r);
    }
    return r;
}

ExecResult ExecutionHost::create(const evm::Message& msg) {
    Address addr = msg.recipient;
    if (msg.depth > 0) {
        const uint64_t nonce = state_.nonce(msg.sender);
        if (nonce == std::numeric_limits<uint64_t>::max()) {
            // EIP-2681: the creator's nonce cannot grow; the caller keeps the frame's gas.
            ExecResult r;
            r.status = Status::kRevert;
            r.gas_left = msg.gas;
            return r;
        }
        addr = msg.kind == evm::CallKind::kCreate
                   ? create_address(msg.sender, nonce)
                   : create2_address(msg.sender, msg.create2_salt, msg.input);
        // EIP-2929: the new address is warm even if the creation fails.
        state_.access_account(addr);
        // The nonce grows before the collision check: a collision still uses it up.
        state_.set_nonce(msg.sender, nonce + 1);
    }

    // EIP-684 and EIP-7610: no creation over an address with a nonce, code or storage.
    if (state_.nonce(addr) != 0 || state_.code_hash(addr) != kEmptyCodeHash ||
        state_.has_storage(addr)) {
        ExecResult r;
        r.status = Status::kCreateCollision;
        return r;
    }

    const State::Checkpoint cp = state_.checkpoint();
    state_.mark_created(addr);
    state_.set_nonce(addr, 1);  // EIP-161: contracts start at nonce 1
    if (!msg.value.is_zero()) {
        state_.sub_balance(msg.sender, msg.value);
        state_.add_balance(addr, msg.value);
    }
    state_.touch(addr);

    evm::Message frame = msg;
    frame.recipient = addr;
    frame.code_address = addr;
    frame.input = {};
    ExecResult r = run_code(frame, msg.input, nullptr);

    if (r.status == Status::kSuccess) {
        const Bytes& code = r.output;
        const auto deposit_gas = static_cast<int64_t>(code.size()) * kCodeDepositGas;
        if (!code.empty() && code[0] == kEofPrefix) {
            r.status = Status::kContractValidationFailure;
        } else if (r.gas_left < deposit_gas) {
            r.status = Status::kOutOfGas;
        } else if (code.size() > kMaxCodeSize) {
            r.status = Status::kContractValidationFailure;
        } else {
            r.gas_left -= deposit_gas;
            state_.set_code(addr, code);
            r.create_address = addr;
            // r.output stays the deployed code: a transaction's or eth_call's creation answers
            // it (geth's ret); the CREATE opcodes leave no return data (evm/calls.cpp).
        }
    }
    if (r.status != Status::kSuccess) {
        state_.revert(cp);
        finish_failed(r);
    }
    return r;
}

Hash256 ExecutionHost::get_block_hash(uint64_t block_num) {
    return block_hash_ ? block_hash_(block_num) : Hash256{};
}

void ExecutionHost::emit_log(const Address& addr, std::span<const Hash256> topics, BytesView data) {
    // An empty view may carry a null pointer, which Bytes{view} must not copy from.
    state_.add_log(Log{addr, {topics.begin(), topics.end()}, data.empty() ? Bytes{} : Bytes{data}});
}

evm::AccessStatus ExecutionHost::access_account(const Address& addr) {
    return state_.access_account(addr);
}

evm::AccessStatus ExecutionHost::access_storage(const Address& addr, const Hash256& key) {
    return state_.access_storage(addr, key);
}

Hash256 ExecutionHost::get_transient_storage(const Address& addr, const Hash256& key) {
    return state_.transient_storage(addr, key);
}

void ExecutionHost::set_transient_storage(const Address& addr, const Hash256& key,
                                          const Hash256& value) {
    state_.set_transient_storage(addr, key, value);
}

}  // namespace yao::state
