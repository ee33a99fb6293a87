// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// EIP-2935 (Prague): at the start of block N the history contract stores the hash of block
// N - 1 in slot (N - 1) % 8191. In a pipeline that hash is not known when N executes (block
// N - 1 may not be committed: its hash needs its state root), so the write is deferred like the
// coinbase's fees (DESIGN.md section 2): the committer adds it to the block's diff, and while
// executing, the contract's ring slots are answered from block hashes and listed in
// ExecutionResult::history_reads, which the committer checks against the committed pre-state.
// No transaction can write those slots (the contract writes only for SYSTEM_ADDRESS), so the
// state a block leaves is exactly the one the system call would leave.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <yao/chain/fork.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/common/bytes.hpp>
#include <yao/proto/messages.hpp>
#include <yao/state/state_view.hpp>

namespace yao::execution {

inline constexpr uint64_t kHistoryServeWindow = 8191;

/// The ring slot holding the hash of block `number`.
Hash256 history_slot(uint64_t number) noexcept;

/// Whether block `number` with this timestamp stores its parent's hash: from Prague on, on a
/// chain whose genesis placed the contract (its schedule reaches Prague), from block 1 on.
bool stores_parent_hash(const chain::ForkSchedule& forks, uint64_t number,
                        uint64_t timestamp) noexcept;

/// The pre-state of block `number` as the system call leaves it: reads of the history
/// contract's ring slots whose write may not be in `inner` yet (the slot of block number - 1,
/// and of any block whose successor is not committed) are answered from `hashes` (zero for an
/// unknown block) and recorded in `reads`; every other read goes to `inner`.
class HistoryView final : public state::StateView {
public:
    using HashReader = std::function<std::optional<Hash256>(uint64_t number)>;
    HistoryView(state::StateView& inner, uint64_t number, HashReader hashes,
                std::vector<proto::BlockHashRead>& reads)
        : inner_{inner}, number_{number}, hashes_{std::move(hashes)}, reads_{reads} {}

    std::optional<state::Account> account(const Address& addr) override {
        return inner_.account(addr);
    }
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override { return inner_.code(code_hash); }
    bool has_storage(const Address& addr) override { return inner_.has_storage(addr); }

private:
    state::StateView& inner_;
    uint64_t number_;
    HashReader hashes_;
    std::vector<proto::BlockHashRead>& reads_;
};

}  // namespace yao::execution
