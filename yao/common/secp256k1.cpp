// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "secp256k1.hpp"

#include <cstring>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "assert.hpp"
#include "errc.hpp"
#include "keccak.hpp"

namespace yao {
namespace {

// n, the order of the secp256k1 group (SEC 2 v2, section 2.4.1), big-endian.
constexpr Hash256 kCurveOrder{{
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
}};

// floor(n / 2): the largest s EIP-2 allows in a transaction signature (Homestead).
constexpr Hash256 kHalfCurveOrder{{
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
}};

// One context for the whole process. libsecp256k1 allows concurrent use of a context by any
// number of threads in every call that takes it as `const`; only randomize/destroy need it
// exclusively, and randomize runs once here, inside the thread-safe static initialisation.
// Randomizing blinds the secret-dependent signing computations against side channels; without
// entropy signing is still correct, just unblinded, so a failed RAND_bytes is not fatal.
secp256k1_context* make_context() noexcept {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    YAO_ASSERT(ctx != nullptr);
    unsigned char seed[32];
    if (RAND_bytes(seed, sizeof(seed)) == 1) {
        const int ok = secp256k1_context_randomize(ctx, seed);
        YAO_ASSERT(ok == 1);
    }
    OPENSSL_cleanse(seed, sizeof(seed));
    return ctx;
}

const secp256k1_context* context() noexcept {
    static secp256k1_context* const ctx = make_context();
    return ctx;
}

FixedBytes<64> serialize_public_key(const secp256k1_pubkey& key) noexcept {
    uint8_t uncompressed[65];
    size_t len = sizeof(uncompressed);
    secp256k1_ec_pubkey_serialize(context(), uncompressed, &len, &key, SECP256K1_EC_UNCOMPRESSED);
    YAO_ASSERT(len == 65 && uncompressed[0] == 0x04);
    FixedBytes<64> out;
    std::memcpy(out.data(), uncompressed + 1, 64);
    return out;
}

}  // namespace

Result<Signature> sign(const Hash256& msg_hash, const Hash256& private_key) {
    const secp256k1_context* ctx = context();
    if (secp256k1_ec_seckey_verify(ctx, private_key.data()) != 1)
        return fail(Errc::kInvalidPrivateKey, "private key is zero or >= the curve order");

    // A null nonce function selects RFC 6979 with HMAC-SHA256; the library normalises s to the
    // lower half and adjusts the recovery id to match.
    secp256k1_ecdsa_recoverable_signature rsig;
    if (secp256k1_ecdsa_sign_recoverable(ctx, &rsig, msg_hash.data(), private_key.data(), nullptr,
                                         nullptr) != 1)
        return fail(Errc::kInvalidPrivateKey, "signing failed");

    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recid, &rsig);
    // recid bit 1 means the nonce point's x was >= n (probability about 2^-127); Ethereum's v
    // has no way to express it.
    if (recid != 0 && recid != 1)
        return fail(Errc::kInvalidSignature, "nonce point x >= n cannot be expressed by y_parity");

    Signature sig;
    std::memcpy(sig.r.data(), compact, 32);
    std::memcpy(sig.s.data(), compact + 32, 32);
    sig.y_parity = static_cast<uint8_t>(recid);
    return sig;
}

Result<FixedBytes<64>> recover_public_key(const Hash256& msg_hash, const Hash256& r,
                                          const Hash256& s, uint8_t y_parity, bool require_low_s) {
    if (y_parity > 1) return fail(Errc::kInvalidSignature, "y_parity must be 0 or 1");
    if (r.is_zero()) return fail(Errc::kInvalidSignature, "r is zero");
    if (r >= kCurveOrder) return fail(Errc::kInvalidSignature, "r >= curve order");
    if (s.is_zero()) return fail(Errc::kInvalidSignature, "s is zero");
    if (s >= kCurveOrder) return fail(Errc::kInvalidSignature, "s >= curve order");
    // libsecp256k1's recoverable-signature parser accepts high s, so EIP-2 is enforced here.
    if (require_low_s && s > kHalfCurveOrder)
        return fail(Errc::kInvalidSignature, "s > n/2 (EIP-2 requires low s)");

    const secp256k1_context* ctx = context();
    uint8_t compact[64];
    std::memcpy(compact, r.data(), 32);
    std::memcpy(compact + 32, s.data(), 32);
    secp256k1_ecdsa_recoverable_signature rsig;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, compact, y_parity) != 1)
        return fail(Errc::kInvalidSignature, "unparsable signature");

    secp256k1_pubkey key;
    if (secp256k1_ecdsa_recover(ctx, &key, &rsig, msg_hash.data()) != 1)
        return fail(Errc::kInvalidSignature, "no public key recovers from r, s, y_parity");
    return serialize_public_key(key);
}

Result<Address> recover_address(const Hash256& msg_hash, const Hash256& r, const Hash256& s,
                                uint8_t y_parity, bool require_low_s) {
    auto key = recover_public_key(msg_hash, r, s, y_parity, require_low_s);
    if (!key) return std::unexpected{std::move(key.error())};
    return address_from_public_key(*key);
}

Address address_from_public_key(const FixedBytes<64>& public_key) noexcept {
    const Hash256 h = keccak256(public_key.view());
    Address out;
    std::memcpy(out.data(), h.data() + 12, 20);
    return out;
}

Result<Address> address_from_private_key(const Hash256& private_key) {
    secp256k1_pubkey key;
    if (secp256k1_ec_pubkey_create(context(), &key, private_key.data()) != 1)
        return fail(Errc::kInvalidPrivateKey, "private key is zero or >= the curve order");
    return address_from_public_key(serialize_public_key(key));
}

}  // namespace yao
