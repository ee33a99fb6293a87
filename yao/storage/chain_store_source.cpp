// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "chain_store_source.hpp"

namespace yao::storage {

Result<state::VersionedBatch<state::AccountValue>> ChainStoreSource::accounts(
    std::span<const Address> addrs) {
    YAO_TRY(auto read, store_->accounts_batch(addrs));
    state::VersionedBatch<state::AccountValue> batch;
    batch.head = read.head;
    batch.values.reserve(read.values.size());
    for (auto& v : read.values) {
        batch.values.emplace_back(
            state::VersionedValue<state::AccountValue>{std::move(v.value), v.version});
    }
    return batch;
}

Result<state::VersionedBatch<Hash256>> ChainStoreSource::storage(
    std::span<const state::SlotKey> keys) {
    std::vector<StorageKey> store_keys;
    store_keys.reserve(keys.size());
    for (const state::SlotKey& k : keys) store_keys.push_back(StorageKey{k.address, k.slot});
    YAO_TRY(auto read, store_->storage_batch(store_keys));
    state::VersionedBatch<Hash256> batch;
    batch.head = read.head;
    batch.values.reserve(read.values.size());
    for (const auto& v : read.values) {
        batch.values.emplace_back(state::VersionedValue<Hash256>{v.value, v.version});
    }
    return batch;
}

Result<state::VersionedBatch<Bytes>> ChainStoreSource::code(std::span<const Hash256> code_hashes) {
    YAO_TRY(auto read, store_->code_batch(code_hashes));
    state::VersionedBatch<Bytes> batch;
    batch.values.reserve(read.size());
    for (auto& c : read) {
        if (c) {
            batch.values.emplace_back(state::VersionedValue<Bytes>{std::move(*c), 0});
        } else {
            batch.values.emplace_back(std::nullopt);
        }
    }
    return batch;
}

}  // namespace yao::storage
