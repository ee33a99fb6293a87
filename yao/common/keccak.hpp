// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <cstdint>

#include "bytes.hpp"

namespace yao {

/// Ethereum's Keccak-256: Keccak[r=1088, c=512] with the original Keccak padding (first pad byte
/// 0x01), as in the Yellow Paper. This is NOT FIPS 202 SHA3-256, which pads with 0x06.
Hash256 keccak256(BytesView data) noexcept;

/// Incremental Keccak-256: feed the input in any number of pieces, then finalize once.
/// The result equals keccak256() of the concatenated pieces. Not thread-safe; one owner at a time.
class Keccak256 {
public:
    /// Absorbs `data`. Must not be called after finalize().
    void update(BytesView data) noexcept;

    /// Pads, squeezes and returns the hash. Call at most once; the object must not be updated or
    /// finalized again afterwards (YAO_ASSERT).
    Hash256 finalize() noexcept;

private:
    static constexpr size_t kRate = 136;  ///< bytes absorbed per permutation (1088 bits)

    uint64_t state_[25]{};        ///< the 5x5 lanes, lane (x, y) at index x + 5y
    uint8_t buffer_[kRate]{};     ///< a partial block waiting for more input
    size_t buffered_ = 0;         ///< bytes used in buffer_, always < kRate between calls
    bool finalized_ = false;
};

}  // namespace yao
