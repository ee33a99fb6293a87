// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_accounts.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <secp256k1.h>

#include <yao/common/hash.hpp>
#include <yao/common/secp256k1.hpp>

#include "bip39_wordlist.hpp"

namespace yao::config {
namespace {

constexpr std::string_view kDefaultMnemonic =
    "test test test test test test test test test test test junk";
constexpr int kPbkdf2Iterations = 2048;

/// A context for key generation and tweaks, built once (libsecp256k1 contexts are read-only
/// after creation, so threads may share it).
const secp256k1_context* secp_context() {
    static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    return ctx;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        const size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

std::optional<uint16_t> word_index(std::string_view word) {
    const auto words = bip39_english_words();
    const auto it = std::ranges::lower_bound(words, word);
    if (it == words.end() || *it != word) return std::nullopt;
    return static_cast<uint16_t>(it - words.begin());
}

/// Validates and returns the words joined by single spaces (the PBKDF2 password).
Result<std::string> normalized_mnemonic(std::string_view mnemonic) {
    const auto words = split_words(mnemonic);
    const size_t n = words.size();
    if (n < 12 || n > 24 || n % 3 != 0) {
        return fail(Errc::kInvalidMnemonic,
                    "expected 12, 15, 18, 21 or 24 words, got " + std::to_string(n));
    }
    // 11 bits per word: ENT bits of entropy followed by ENT/32 checksum bits.
    std::array<uint8_t, 33> bits{};  // at most 24 * 11 = 264 bits
    size_t bit = 0;
    for (size_t w = 0; w < n; ++w) {
        const auto index = word_index(words[w]);
        if (!index) {
            return fail(Errc::kInvalidMnemonic, "unknown word \"" + std::string{words[w]} +
                                                    "\" (word " + std::to_string(w + 1) + ")");
        }
        for (int b = 10; b >= 0; --b, ++bit) {
            if ((*index >> b) & 1U) bits[bit / 8] |= static_cast<uint8_t>(0x80U >> (bit % 8));
        }
    }
    const size_t checksum_bits = n * 11 / 33;
    const size_t entropy_bytes = checksum_bits * 4;
    const Hash256 digest = sha256(BytesView{bits.data(), entropy_bytes});
    for (size_t i = 0; i < checksum_bits; ++i) {
        const size_t pos = entropy_bytes * 8 + i;
        const bool expected = ((digest[i / 8] >> (7 - i % 8)) & 1U) != 0;
        const bool actual = ((bits[pos / 8] >> (7 - pos % 8)) & 1U) != 0;
        if (expected != actual) return fail(Errc::kInvalidMnemonic, "bad checksum");
    }
    std::string joined;
    for (const auto word : words) {
        if (!joined.empty()) joined += ' ';
        joined += word;
    }
    return joined;
}

FixedBytes<64> hmac_sha512(BytesView key, BytesView data) {
    FixedBytes<64> out;
    unsigned int len = 0;
    HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
         out.data(), &len);
    return out;
}

/// Splits I = IL || IR and makes IL + k_par (mod n) the child key, IR its chain code.
Result<ExtendedKey> child_from_hmac(FixedBytes<64>& i, const FixedBytes<32>* parent_key) {
    ExtendedKey out;
    std::memcpy(out.chain_code.data(), i.data() + 32, 32);
    if (parent_key == nullptr) {
        std::memcpy(out.private_key.data(), i.data(), 32);
        const bool ok = secp256k1_ec_seckey_verify(secp_context(), out.private_key.data()) == 1;
        OPENSSL_cleanse(i.data(), i.size());
        if (!ok) return fail(Errc::kKeyDerivation, "master key out of range");
        return out;
    }
    out.private_key = *parent_key;
    const bool ok =
        secp256k1_ec_seckey_tweak_add(secp_context(), out.private_key.data(), i.data()) == 1;
    OPENSSL_cleanse(i.data(), i.size());
    if (!ok) return fail(Errc::kKeyDerivation, "child key out of range");
    return out;
}

}  // namespace

std::string default_mnemonic() {
    return std::string{kDefaultMnemonic};
}

Result<void> validate_mnemonic(std::string_view mnemonic) {
    YAO_TRY_VOID(normalized_mnemonic(mnemonic));
    return {};
}

Result<FixedBytes<64>> mnemonic_to_seed(std::string_view mnemonic, std::string_view passphrase) {
    YAO_TRY(const std::string password, normalized_mnemonic(mnemonic));
    if (std::ranges::any_of(passphrase, [](char c) { return (c & 0x80) != 0; })) {
        return fail(Errc::kInvalidMnemonic,
                    "passphrase: non-ASCII characters need NFKD normalization (unsupported)");
    }
    std::string salt = "mnemonic";
    salt += passphrase;
    FixedBytes<64> seed;
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), kPbkdf2Iterations, EVP_sha512(),
                          static_cast<int>(seed.size()), seed.data()) != 1) {
        return fail(Errc::kKeyDerivation, "PBKDF2 failed");
    }
    return seed;
}

Result<ExtendedKey> bip32_master_key(BytesView seed) {
    if (seed.size() < 16 || seed.size() > 64) {
        return fail(Errc::kInvalidValue,
                    "BIP-32 seed must be 16 to 64 bytes, got " + std::to_string(seed.size()));
    }
    auto i = hmac_sha512(as_bytes("Bitcoin seed"), seed);
    return child_from_hmac(i, nullptr);
}

Result<ExtendedKey> bip32_derive_child(const ExtendedKey& parent, uint32_t index) {
    std::array<uint8_t, 37> data{};
    if (index >= kHardenedIndex) {
        data[0] = 0;  // 0x00 || ser256(k_par)
        std::memcpy(data.data() + 1, parent.private_key.data(), 32);
    } else {
        secp256k1_pubkey pubkey;
        if (secp256k1_ec_pubkey_create(secp_context(), &pubkey, parent.private_key.data()) != 1) {
            return fail(Errc::kKeyDerivation, "parent key out of range");
        }
        size_t len = 33;  // serP(point(k_par)), compressed
        secp256k1_ec_pubkey_serialize(secp_context(), data.data(), &len, &pubkey,
                                      SECP256K1_EC_COMPRESSED);
    }
    for (int b = 0; b < 4; ++b) {
        data[33 + b] = static_cast<uint8_t>(index >> (24 - 8 * b));
    }
    auto i = hmac_sha512(parent.chain_code.view(), BytesView{data.data(), data.size()});
    OPENSSL_cleanse(data.data(), data.size());
    return child_from_hmac(i, &parent.private_key);
}

Result<std::vector<DevAccount>> derive_dev_accounts(std::string_view mnemonic, uint32_t count,
                                                    std::string_view passphrase) {
    YAO_TRY(auto seed, mnemonic_to_seed(mnemonic, passphrase));
    auto master = bip32_master_key(seed.view());
    OPENSSL_cleanse(seed.data(), seed.size());
    if (!master) return std::unexpected(master.error());
    // m/44'/60'/0'/0
    ExtendedKey node = *master;
    for (const uint32_t index : {44 + kHardenedIndex, 60 + kHardenedIndex, kHardenedIndex, 0U}) {
        YAO_TRY(node, bip32_derive_child(node, index));
    }
    std::vector<DevAccount> accounts;
    accounts.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        YAO_TRY(const ExtendedKey child, bip32_derive_child(node, i));
        YAO_TRY(const Address address, address_from_private_key(child.private_key));
        accounts.push_back(DevAccount{address, child.private_key});
    }
    return accounts;
}

}  // namespace yao::config
