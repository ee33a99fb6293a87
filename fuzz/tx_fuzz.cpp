// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// Transaction decoding (types 0-3 and unknown types): never crashes; an accepted encoding is
// canonical (re-encoding gives the input back) and its hash and sender recovery do not crash.
#include <cstddef>
#include <cstdint>

#include <yao/chain/transaction.hpp>
#include <yao/common/assert.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const yao::BytesView input{data, size};
    auto txn = yao::chain::decode_transaction(input);
    if (!txn) return 0;
    const yao::Bytes again = yao::chain::encode_transaction(*txn);
    YAO_ASSERT(again == yao::Bytes{input});
    (void)yao::chain::transaction_hash(*txn);
    (void)yao::chain::recover_sender(*txn);
    return 0;
}
