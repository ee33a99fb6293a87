// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// geth's prestateTracer: the accounts a transaction touched with their state before it, and in
// diff mode what it changed (docs/rpc.md, "Tracing").
#include <map>
#include <optional>
#include <set>
#include <span>

#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/tracer.hpp>
#include <yao/state/state.hpp>

#include "types.hpp"

namespace yao::rpc {

/// Reads the accounts through the transaction's own state::State as they are first touched, the
/// way geth's tracer reads its StateDB. Feed it one transaction: begin(), the execution, end().
class PrestateTracer final : public evm::Tracer {
public:
    struct Config {
        bool diff_mode = false;        ///< {"pre", "post"} of what changed
        bool disable_code = false;     ///< no "code" fields
        bool disable_storage = false;  ///< no "storage" fields
    };

    /// `state` is the one the transaction runs on; it must outlive the tracer.
    PrestateTracer(Config config, state::State& state) : config_{config}, state_{state} {}

    /// Before the transaction (geth's OnTxStart, before the gas is bought): looks up the sender,
    /// the recipient (for a creation, the address it will create), the coinbase and the
    /// authorities of EIP-7702 authorizations.
    void begin(const Address& from, const std::optional<Address>& to, const Address& coinbase,
               const chain::AuthorizationList& authorizations);
    /// After the transaction ended in the state (geth's OnTxEnd): the diff in diff mode, and
    /// created accounts that were empty before dropped.
    void end();

    void on_enter(const evm::Message&) override {}
    void on_exit(const evm::ExecResult&, BytesView) override {}
    void on_step(const evm::Step& step) override;
    void on_halt(evm::Status, int64_t, BytesView) override {}
    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}

    /// The prestate map {address: {balance, code, nonce, storage}}, or {"post", "pre"} in diff
    /// mode. Fields are left out like geth's omitempty: "balance" is always in the prestate.
    Json result() const;

private:
    struct Account {
        std::optional<Uint256> balance;
        uint64_t nonce = 0;
        Bytes code;
        std::map<Hash256, Hash256> storage;
        bool empty = false;  ///< no nonce, balance or code when looked up
    };
    void lookup_account(const Address& addr);
    void lookup_storage(const Address& addr, const Hash256& key);
    void process_diff();
    static Json to_json(const std::map<Address, Account>& accounts);

    Config config_;
    state::State& state_;
    std::map<Address, Account> pre_;
    std::map<Address, Account> post_;
    std::set<Address> created_;
    std::set<Address> deleted_;
};

}  // namespace yao::rpc
