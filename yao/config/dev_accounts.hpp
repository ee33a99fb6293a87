// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Development accounts derived from a BIP-39 mnemonic along m/44'/60'/0'/0/i, the way Hardhat
// and Anvil derive theirs: the default mnemonic gives the same well-known, publicly known keys.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

#include "errc.hpp"

namespace yao::config {

/// A funded development account and its private key.
struct DevAccount {
    Address address;
    FixedBytes<32> private_key;
    friend bool operator==(const DevAccount&, const DevAccount&) = default;
};

/// A BIP-32 extended private key.
struct ExtendedKey {
    FixedBytes<32> private_key;
    FixedBytes<32> chain_code;
    friend bool operator==(const ExtendedKey&, const ExtendedKey&) = default;
};

/// Child indexes at or above this are hardened (written i' or iH).
inline constexpr uint32_t kHardenedIndex = 0x8000'0000;

/// "test test test test test test test test test test test junk": the mnemonic of Hardhat's and
/// Anvil's development accounts. Public: never use its keys outside a local chain.
std::string default_mnemonic();

/// Checks a BIP-39 English mnemonic: 12, 15, 18, 21 or 24 words separated by whitespace, each
/// from the word list (lower case), with a matching checksum.
/// Errors: Errc::kInvalidMnemonic naming the problem (word count, unknown word "x", checksum).
Result<void> validate_mnemonic(std::string_view mnemonic);

/// The BIP-39 seed: PBKDF2-HMAC-SHA512(password = the words joined by single spaces,
/// salt = "mnemonic" + passphrase, 2048 iterations, 64 bytes). Validates the mnemonic first.
/// The passphrase must be ASCII (others would need Unicode NFKD normalization, not done here).
/// Errors: Errc::kInvalidMnemonic.
Result<FixedBytes<64>> mnemonic_to_seed(std::string_view mnemonic,
                                        std::string_view passphrase = {});

/// The BIP-32 master key of a seed of 16 to 64 bytes: HMAC-SHA512(key "Bitcoin seed", seed).
/// Errors: Errc::kInvalidValue (seed length), Errc::kKeyDerivation (invalid key).
Result<ExtendedKey> bip32_master_key(BytesView seed);

/// BIP-32 private child derivation (CKDpriv); `index` >= kHardenedIndex is a hardened child.
/// Errors: Errc::kKeyDerivation when the child key is invalid (the caller may skip the index).
Result<ExtendedKey> bip32_derive_child(const ExtendedKey& parent, uint32_t index);

/// The first `count` accounts m/44'/60'/0'/0/i (i = 0 .. count-1) of `mnemonic`.
/// Errors: those of mnemonic_to_seed and of the derivation.
Result<std::vector<DevAccount>> derive_dev_accounts(std::string_view mnemonic, uint32_t count,
                                                    std::string_view passphrase = {});

}  // namespace yao::config
