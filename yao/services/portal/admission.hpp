// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The one entrance of transactions (DESIGN.md section 2; docs/cluster.md "One entrance"), the
// same in both shapes: decode, the stateless checks and the sender's recovery (once, in
// parallel across cores for a batch), best-effort stateful checks through the StateService
// ("nonce too low", "insufficient funds for gas * price + value"), then the SequencerService,
// which answers with geth's pool errors. `eth_sendRawTransaction` (single and batched),
// `eth_sendTransaction` of the dev accounts and DevNode::submit_raw all come through here.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <span>
#include <vector>

#include <yao/chain/fork.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/infra/metrics.hpp>
#include <yao/log/logger.hpp>
#include <yao/proto/messages.hpp>
#include <yao/services/chronos/api/sequencer_service.hpp>
#include <yao/services/vulcan/api/state_service.hpp>

namespace yao::infra {
class WorkerPool;
}

namespace yao::portal {

struct AdmissionOptions {
    uint64_t chain_id = 0;
    chain::ForkSchedule forks;  ///< a transaction is checked under the fork in force now
    uint64_t block_gas_limit = 30'000'000;
    Uint256 base_fee;  ///< constant (DESIGN.md section 3)
    /// Accept legacy transactions without a chain id (EIP-155); geth's --rpc.allow-unprotected-txs.
    bool allow_unprotected_txs = false;
};

class Admission {
public:
    /// Every reference must outlive the Admission. `head_number` answers the newest committed
    /// block (the checks of the next block's rules use head + 1).
    Admission(AdmissionOptions options, vulcan::StateService& state,
              chronos::SequencerService& sequencer, infra::WorkerPool& workers,
              std::function<uint64_t()> head_number, log::Logger logger = {});

    /// One raw (RLP / typed envelope) transaction: its hash once the sequencer holds it, or why
    /// it was refused.
    Result<Hash256> submit_raw(BytesView raw);
    /// Many: decoding and recovery in parallel on every core, then the sequencer in one call.
    /// One result per input, in order.
    std::vector<Result<Hash256>> submit_raw(std::span<const Bytes> raw);
    /// A transaction signed and recovered here already (eth_sendTransaction of a dev account).
    Result<Hash256> submit_signed(proto::SignedTx tx);

    /// Decode + stateless checks + recovery, without submitting (exposed for tests and benches).
    Result<proto::SignedTx> check_raw(BytesView raw) const;

    /// Transactions admitted, refused by reason (the error code's name, e.g. nonce_too_low), and the
    /// time of each submit call (a batch counts once).
    struct Counts {
        uint64_t admitted = 0;
        std::vector<std::pair<std::string, uint64_t>> refused;  ///< sorted by reason
    };
    Counts counts() const;
    const infra::metrics::Histogram& latency() const noexcept { return latency_; }

private:
    Result<void> check_stateless(const chain::Transaction& txn) const;
    Result<void> check_stateful(const proto::SignedTx& tx);

    AdmissionOptions options_;
    vulcan::StateService& state_;
    chronos::SequencerService& sequencer_;
    infra::WorkerPool& workers_;
    std::function<uint64_t()> head_number_;

    /// Counts `r` (admitted or refused by its reason).
    void count(const Result<Hash256>& r);
    /// Logs an accepted transaction under its trace (debug).
    void log_accepted(const Result<Hash256>& r, const std::string& trace_id, uint64_t nonce) const;
    log::Logger log_;
    infra::metrics::Histogram latency_;
    std::atomic<uint64_t> admitted_{0};
    mutable std::mutex refused_mutex_;
    std::map<std::string, uint64_t, std::less<>> refused_;
};

}  // namespace yao::portal
