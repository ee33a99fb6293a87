// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Signed transactions for the chronos tests: real keys, real signatures, real hashes.
#include <cstdint>
#include <stdexcept>

#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/common/uint256.hpp>
#include <yao/proto/messages.hpp>

namespace yao::chronos::test {

inline constexpr uint64_t kGwei = 1'000'000'000;
inline constexpr uint64_t kChainId = 1337;

/// A private key and its address.
struct Signer {
    Hash256 key;
    Address address;
};

/// The signer whose private key is the 32-byte big-endian number `i + 1`.
inline Signer signer(uint64_t i) {
    Signer s;
    s.key = Uint256{i + 1}.to_hash();
    auto address = address_from_private_key(s.key);
    if (!address) throw std::runtime_error("bad test key");
    s.address = *address;
    return s;
}

/// Signs `txn` and wraps it as the entrance would (sender recovered, hash computed).
inline proto::SignedTx sign(chain::Transaction txn, const Signer& s) {
    if (!chain::sign_transaction(txn, s.key)) throw std::runtime_error("signing failed");
    proto::SignedTx out;
    out.hash = chain::transaction_hash(txn);
    out.sender = s.address;
    out.txn = std::move(txn);
    return out;
}

/// An EIP-1559 transfer of 1 wei to a fixed address.
inline proto::SignedTx dynamic_tx(const Signer& s, uint64_t nonce, const Uint256& fee_cap,
                                  const Uint256& tip_cap, uint64_t gas = 21'000) {
    chain::Transaction txn;
    txn.type = chain::TxType::kDynamicFee;
    txn.chain_id = kChainId;
    txn.nonce = nonce;
    txn.max_fee_per_gas = fee_cap;
    txn.max_priority_fee_per_gas = tip_cap;
    txn.gas_limit = gas;
    txn.to = Address{};
    (*txn.to)[19] = 0xaa;
    txn.value = Uint256{1};
    return sign(std::move(txn), s);
}

/// An EIP-155 legacy transfer of 1 wei to a fixed address.
inline proto::SignedTx legacy_tx(const Signer& s, uint64_t nonce, const Uint256& gas_price,
                                 uint64_t gas = 21'000) {
    chain::Transaction txn;
    txn.type = chain::TxType::kLegacy;
    txn.chain_id = kChainId;
    txn.nonce = nonce;
    txn.gas_price = gas_price;
    txn.gas_limit = gas;
    txn.to = Address{};
    (*txn.to)[19] = 0xaa;
    txn.value = Uint256{1};
    return sign(std::move(txn), s);
}

}  // namespace yao::chronos::test
