// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Speculative execution on top of results not yet committed (DESIGN.md section 2). A worker
// that executes block N while N-1 waits for its commit would read N-1's keys stale, and the
// committer would then execute N a second time. Instead, the executor keeps the writes of the
// results it produced until they are committed, and block N reads through them first:
//
//   SpeculativeView: overlay of blocks head+1 .. N-1 (newest first) -> Oracle (committed state)
//
// A value served by the overlay carries the number of the block that wrote it as its version,
// which is exactly the last writer once those blocks commit. The result names every overlay
// block it saw with that block's result digest; the committer re-executes N if any of those
// blocks was committed with another result. Used only when the overlay holds every block from
// the committed head to N-1 (otherwise a missing block's writes would be invisible and no
// version would show it). The coinbase is never served from the overlay: its fee credits are
// deltas applied at commit, so a block that reads it reads the committed account and conflicts
// with any uncommitted block that paid fees, which is rare and safe.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <yao/proto/messages.hpp>
#include <yao/state/oracle.hpp>
#include <yao/state/state_view.hpp>

namespace yao::vulcan {

/// The writes of one executed, not yet committed block.
struct SpeculativeBlock {
    uint64_t number = 0;
    Hash256 digest;  ///< result_digest of the result
    std::unordered_map<Address, std::optional<state::Account>> accounts;
    std::map<state::SlotKey, Hash256> storage;
    std::unordered_map<Hash256, Bytes> code;

    static std::shared_ptr<const SpeculativeBlock> from(const proto::ExecutionResult& result,
                                                        const Hash256& digest);
};

/// Reads through the overlay, then `inner`. Not thread-safe (one execution).
class SpeculativeView final : public state::StateView {
public:
    /// `blocks` oldest first; `coinbase` is always read from `inner`.
    SpeculativeView(state::StateView& inner,
                    std::vector<std::shared_ptr<const SpeculativeBlock>> blocks,
                    const Address& coinbase);

    std::optional<state::Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    bool has_storage(const Address& addr) override;

    /// Adds the reads the overlay served (with the writing block as version) to `reads`.
    void add_reads(state::ReadSet& reads) const;
    /// (number, digest) of every overlay block, for ExecutionResult::speculated_on.
    std::vector<proto::BlockHashRead> bases() const;

private:
    state::StateView& inner_;
    std::vector<std::shared_ptr<const SpeculativeBlock>> blocks_;
    Address coinbase_;
    state::ReadSet served_;
};

}  // namespace yao::vulcan
