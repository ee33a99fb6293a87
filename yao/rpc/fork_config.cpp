// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "fork_config.hpp"

#include <array>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include <yao/chain/processor.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/evm/precompiles.hpp>

#include "json_codec.hpp"

namespace yao::rpc {
namespace {

// IEEE CRC-32 (reflected polynomial 0xEDB88320), as EIP-2124 uses, continued over `data`.
uint32_t crc32_update(uint32_t crc, BytesView data) noexcept {
    crc = ~crc;
    for (const uint8_t byte : data) {
        crc ^= byte;
        for (int i = 0; i < 8; ++i) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

constexpr std::array<evm::Revision, 3> kForks{evm::Revision::kCancun, evm::Revision::kPrague,
                                              evm::Revision::kOsaka};

// The names EIP-7910 (and geth) give the precompiles, by address.
std::string_view precompile_name(const Address& a) noexcept {
    if (a[18] == 0x01 && a[19] == 0x00) return "P256VERIFY";
    static constexpr std::array<std::string_view, 18> kNames{
        "",        "ECREC",       "SHA256",        "RIPEMD160",   "ID",
        "MODEXP",  "BN254_ADD",   "BN254_MUL",     "BN254_PAIRING", "BLAKE2F",
        "KZG_POINT_EVALUATION",   "BLS12_G1ADD",   "BLS12_G1MSM", "BLS12_G2ADD",
        "BLS12_G2MSM",            "BLS12_PAIRING_CHECK", "BLS12_MAP_FP_TO_G1",
        "BLS12_MAP_FP2_TO_G2"};
    return a[19] < kNames.size() ? kNames[a[19]] : "";
}

Json fork_json(const chain::ForkSchedule& forks, evm::Revision rev, uint64_t chain_id,
               const Hash256& genesis_hash, uint64_t genesis_timestamp) {
    const chain::BlobSchedule blobs = chain::blob_schedule(rev);
    Json precompiles = Json::object();
    for (const Address& a : evm::precompile_addresses(rev))
        precompiles[std::string{precompile_name(a)}] = address_hex(a);
    Json system = Json::object();
    if (rev >= evm::Revision::kPrague)
        system["HISTORY_STORAGE_ADDRESS"] = address_hex(chain::history_storage_address());
    return Json{
        {"activationTime", forks.activation(rev).value_or(0)},
        {"blobSchedule",
         {{"baseFeeUpdateFraction", blobs.update_fraction},
          {"max", blobs.max},
          {"target", blobs.target}}},
        {"chainId", quantity(chain_id)},
        {"forkId", fmt::format("0x{:08x}", fork_id(forks, rev, genesis_hash, genesis_timestamp))},
        {"precompiles", std::move(precompiles)},
        {"systemContracts", std::move(system)},
    };
}

}  // namespace

uint32_t fork_id(const chain::ForkSchedule& forks, evm::Revision rev, const Hash256& genesis_hash,
                 uint64_t genesis_timestamp) {
    uint32_t crc = crc32_update(0, genesis_hash.view());
    for (const evm::Revision f : kForks) {
        if (f > rev) break;
        const auto at = forks.activation(f);
        if (!at || *at <= genesis_timestamp) continue;  // at genesis: part of the genesis hash
        uint8_t be[8];
        for (int i = 0; i < 8; ++i) be[i] = static_cast<uint8_t>(*at >> (56 - 8 * i));
        crc = crc32_update(crc, BytesView{be, sizeof be});
    }
    return crc;
}

Json eth_config_json(const chain::ForkSchedule& forks, uint64_t chain_id,
                     const Hash256& genesis_hash, uint64_t genesis_timestamp,
                     uint64_t head_timestamp) {
    const evm::Revision current = forks.at(head_timestamp);
    std::optional<evm::Revision> next, last;
    for (const evm::Revision f : kForks) {
        if (f <= current || !forks.includes(f)) continue;
        if (!next) next = f;
        last = f;
    }
    auto config = [&](std::optional<evm::Revision> f) -> Json {
        return f ? fork_json(forks, *f, chain_id, genesis_hash, genesis_timestamp) : Json{};
    };
    return Json{{"current", config(current)}, {"next", config(next)}, {"last", config(last)}};
}

}  // namespace yao::rpc
