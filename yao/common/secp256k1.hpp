// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include "bytes.hpp"
#include "error.hpp"

namespace yao {

/// An ECDSA signature over secp256k1 in Ethereum's form: big-endian r and s, and the parity of
/// the y coordinate of the nonce point R (0 or 1; `v` is 27 + y_parity, or 35 + 2 * chain_id +
/// y_parity under EIP-155).
struct Signature {
    Hash256 r;
    Hash256 s;
    uint8_t y_parity = 0;
};

/// Signs a 32-byte message hash with a nonce from RFC 6979 (deterministic: same key and hash give
/// the same signature). The result always has s <= n/2 (EIP-2 low-s).
/// Errors: Errc::kInvalidPrivateKey when the key is 0 or >= the curve order n.
/// Thread-safe.
Result<Signature> sign(const Hash256& msg_hash, const Hash256& private_key);

/// Recovers the signer's public key: 64 bytes, uncompressed X || Y without the 0x04 prefix.
/// Rules: r and s in [1, n-1]; y_parity 0 or 1; with `require_low_s` (EIP-2: transactions) also
/// s <= n/2. The ecrecover precompile passes `require_low_s = false`.
/// Errors: Errc::kInvalidSignature, with a context naming the rule that failed or saying that no
/// point R with x = r exists. Thread-safe: any number of threads may recover at once.
Result<FixedBytes<64>> recover_public_key(const Hash256& msg_hash, const Hash256& r,
                                          const Hash256& s, uint8_t y_parity,
                                          bool require_low_s = true);

/// recover_public_key() followed by address_from_public_key(). Same rules, errors and
/// thread-safety.
Result<Address> recover_address(const Hash256& msg_hash, const Hash256& r, const Hash256& s,
                                uint8_t y_parity, bool require_low_s = true);

/// The Ethereum address of a public key: the last 20 bytes of keccak256(X || Y).
/// The key is not checked to be on the curve.
Address address_from_public_key(const FixedBytes<64>& public_key) noexcept;

/// The Ethereum address controlled by `private_key`.
/// Errors: Errc::kInvalidPrivateKey when the key is 0 or >= n. Thread-safe.
Result<Address> address_from_private_key(const Hash256& private_key);

}  // namespace yao
