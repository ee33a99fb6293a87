// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <yao/common/bytes.hpp>

namespace yao::evm {

/// Code prepared for execution: a copy padded with zero bytes (STOP) so that a PUSH near the end
/// reads zeros and the program counter may run past the end into a STOP without bounds checks,
/// and the bitmap of valid jump destinations (JUMPDEST bytes that are not PUSH data).
/// Immutable after construction; safe to share between threads.
class CodeAnalysis {
public:
    /// Zero bytes after the code: a PUSH32 at the last byte reads 32 of them, then a STOP.
    static constexpr size_t kPadding = 33;

    /// Analyses `code` (O(size), one pass).
    explicit CodeAnalysis(BytesView code);

    /// The code followed by kPadding zero bytes.
    const uint8_t* padded_code() const noexcept { return storage_.get(); }
    /// Size of the code without padding, bytes.
    size_t code_size() const noexcept { return size_; }
    /// The code without padding.
    BytesView code() const noexcept { return {storage_.get(), size_}; }

    /// True when `pos` is a JUMPDEST instruction (not inside PUSH data).
    bool is_jumpdest(uint64_t pos) const noexcept {
        return pos < size_ && ((bitmap_[pos / 64] >> (pos % 64)) & 1) != 0;
    }

    /// The jump destination bitmap: bit i of word i / 64 for byte i, code_size() / 64 + 1 words.
    const uint64_t* jumpdest_bitmap() const noexcept { return bitmap_.get(); }

    /// Bytes of memory this analysis holds (for the cache bound).
    size_t footprint() const noexcept;

private:
    size_t size_ = 0;
    std::unique_ptr<uint8_t[]> storage_;  ///< code, then kPadding zeros
    std::unique_ptr<uint64_t[]> bitmap_;  ///< bit i set: byte i is a valid jump destination
};

/// Returns the analysis of `code`. With `code_hash` (keccak256 of `code`, trusted) the result is
/// taken from or added to a process-wide cache keyed by the hash: sharded, mutex-protected and
/// bounded in bytes (older entries are evicted first), behind a per-thread direct-mapped cache
/// of 64 entries that needs no lock. Without a hash (init code) the analysis is computed and not
/// cached. Thread-safe.
std::shared_ptr<const CodeAnalysis> analyze(BytesView code, const Hash256* code_hash);

/// Drops every cached analysis (tests, memory pressure); per-thread entries are dropped at their
/// thread's next lookup. Thread-safe.
void clear_analysis_cache() noexcept;

}  // namespace yao::evm
