// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// chronos::SequencerService reached over gRPC (proto/yao/v1/chronos.proto): what the Portal of a
// cluster submits transactions through. No gRPC header here: composition roots include it.
#include <memory>

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>
#include <yao/services/chronos/api/sequencer_service.hpp>

namespace yao::chronos::grpc {

/// A SequencerService whose calls go to the Chronos servers of `options` (the leader). Reads
/// (pending_nonce, pool_*) are idempotent and retried; submit_transaction(s), mine_now,
/// set_next_timestamp and increase_time run once (one that timed out may have happened). Every
/// attempt has options.default_deadline. Pool errors come back with their identity
/// (chronos::Errc "already known", chain::Errc::kNonceTooLow, ...), also per transaction in
/// submit_transactions; transport failures are yao::grpc::Errc, and a failed
/// submit_transactions call gives that error for every transaction. Thread-safe. Fails only for
/// bad options.
Result<std::unique_ptr<SequencerService>> make_sequencer_service_client(
    yao::grpc::ClientOptions options);

/// Registers the error categories a SequencerService can fail with (chronos, chain, storage, mq,
/// proto) for yao::grpc::find_category. The client and the server adapters call it themselves.
void register_sequencer_service_errors();

}  // namespace yao::chronos::grpc
