// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <functional>

#include <yao/evm/host.hpp>
#include <yao/evm/tracer.hpp>

#include "state.hpp"

namespace yao::state {

/// BLOCKHASH lookup: the hash of block `block_num` (the interpreter has checked the window).
using BlockHashLookup = std::function<Hash256(uint64_t block_num)>;

/// The evm::Host of one transaction: answers the interpreter from a State and runs nested
/// frames (calls, creations, precompiles) with their snapshots, value transfers and code
/// deposit rules. One host per transaction; not thread-safe.
class ExecutionHost final : public evm::Host {
public:
    /// `state` and `ctx` (with the span it holds) must outlive the host. A null `block_hash`
    /// answers zero.
    ExecutionHost(State& state, evm::Revision rev, const evm::TxContext& ctx,
                  BlockHashLookup block_hash);

    bool account_exists(const Address& addr) override;
    Hash256 get_storage(const Address& addr, const Hash256& key) override;
    evm::StorageWrite set_storage(const Address& addr, const Hash256& key,
                                  const Hash256& value) override;
    Uint256 get_balance(const Address& addr) override;
    size_t get_code_size(const Address& addr) override;
    Hash256 get_code_hash(const Address& addr) override;
    BytesView get_code(const Address& addr) override;
    void selfdestruct(const Address& addr, const Address& beneficiary) override;
    /// Runs a frame. For a depth-0 creation the caller (the transaction processor) has bumped
    /// the sender's nonce and put the new address in `msg.recipient`; nested creations derive
    /// the address here and bump the creator's nonce.
    evm::ExecResult call(const evm::Message& msg) override;
    const evm::TxContext& tx_context() override { return ctx_; }
    Hash256 get_block_hash(uint64_t block_num) override;
    void emit_log(const Address& addr, std::span<const Hash256> topics, BytesView data) override;
    evm::AccessStatus access_account(const Address& addr) override;
    evm::AccessStatus access_storage(const Address& addr, const Hash256& key) override;
    Hash256 get_transient_storage(const Address& addr, const Hash256& key) override;
    void set_transient_storage(const Address& addr, const Hash256& key,
                               const Hash256& value) override;

    /// Reports every frame and instruction to `tracer` from now on (nullptr: no tracing, the
    /// default). The tracer must outlive its use. Checked once per frame: without a tracer,
    /// frames run the untraced interpreter.
    void set_tracer(evm::Tracer* tracer) noexcept { tracer_ = tracer; }

    /// Bit n-1 is set when the precompile at address n ran at least once (diagnostics).
    uint32_t precompiles_called() const noexcept { return precompiles_called_; }

private:
    evm::ExecResult create(const evm::Message& msg);
    evm::ExecResult message_call(const evm::Message& msg);
    evm::ExecResult traced_call(const evm::Message& msg);
    evm::ExecResult run_code(const evm::Message& msg, BytesView code, const Hash256* code_hash);

    State& state_;
    evm::Revision rev_;
    const evm::TxContext& ctx_;
    BlockHashLookup block_hash_;
    uint32_t precompiles_called_ = 0;
    evm::Tracer* tracer_ = nullptr;
};

/// CREATE address: keccak256(rlp([sender, nonce]))[12:].
Address create_address(const Address& sender, uint64_t nonce) noexcept;

/// CREATE2 address (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(init_code))[12:].
Address create2_address(const Address& sender, const Hash256& salt, BytesView init_code) noexcept;

}  // namespace yao::state
