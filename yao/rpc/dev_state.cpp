// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_state.hpp"

#include <cctype>
#include <cstdint>
#include <map>
#include <system_error>

#include <yao/chain/fork.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/infra/gzip.hpp>
#include <yao/state/state_view.hpp>

#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

/// Most bytes a state JSON may decompress to, and most accounts plus slots it may set.
constexpr size_t kMaxStateJsonBytes = size_t{512} << 20;
constexpr size_t kMaxStateEntries = 1'000'000;

std::unexpected<Error> bad_state(std::string what) {
    return std::unexpected(
        Error{std::make_error_code(std::errc::invalid_argument), "state: " + std::move(what)});
}

/// A number given as a JSON number or a hex string.
template <typename T, typename Parse>
Result<T> number(const Json& j, const std::string& what, Parse parse) {
    auto v = parse(j, what);
    if (!v) return bad_state(what + ": " + v.error().message);
    return *v;
}

}  // namespace

chain::StatePatch patch_from_image(const storage::StateImage& image) {
    std::map<Hash256, const Bytes*> code;
    for (const auto& c : image.code) code[c.code_hash] = &c.code;
    chain::StatePatch patch;
    for (const auto& a : image.accounts) {
        chain::AccountPatch p{a.address, Uint256{}, uint64_t{0}, Bytes{}, {}};
        if (a.account) {
            p.balance = a.account->balance;
            p.nonce = a.account->nonce;
            if (auto it = code.find(a.account->code_hash); it != code.end()) p.code = *it->second;
        }
        patch.accounts.push_back(std::move(p));
    }
    for (const auto& s : image.storage)
        patch.accounts.push_back({s.address, {}, {}, {}, {{s.slot, s.value}}});
    chain::normalize(patch);
    return patch;
}

RpcResult<chain::StatePatch> restore_patch(Backend& b, uint64_t since) {
    auto image = b.state_image(since);
    if (!image) return std::unexpected(to_rpc_error(image.error()));
    return patch_from_image(*image);
}

Json state_json(const storage::StateImage& image) {
    std::map<Hash256, const Bytes*> code;
    for (const auto& c : image.code) code[c.code_hash] = &c.code;
    Json accounts = Json::object();
    for (const auto& a : image.accounts) {
        if (!a.account) continue;
        auto it = code.find(a.account->code_hash);
        accounts[address_hex(a.address)] = {
            {"nonce", a.account->nonce},
            {"balance", quantity(a.account->balance)},
            {"code", it == code.end() ? std::string{"0x"} : data_hex(*it->second)},
            {"storage", Json::object()}};
    }
    for (const auto& s : image.storage) {
        auto it = accounts.find(address_hex(s.address));
        if (it != accounts.end() && !s.value.is_zero())
            (*it)["storage"][hash_hex(s.slot)] = hash_hex(s.value);
    }
    return {{"accounts", std::move(accounts)}};
}

RpcResult<Json> dump_state(Backend& b) {
    auto image = b.state_image(std::nullopt);
    if (!image) return std::unexpected(to_rpc_error(image.error()));
    return state_json(*image);
}

Result<chain::StatePatch> state_patch_from_json(BytesView data) {
    Bytes inflated;
    if (infra::is_gzip(data)) {
        YAO_TRY(inflated, infra::gunzip(data, kMaxStateJsonBytes));
        data = inflated;
    }
    if (data.size() > kMaxStateJsonBytes) return bad_state("too large");
    const std::string_view text{reinterpret_cast<const char*>(data.data()), data.size()};
    const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return bad_state("not JSON (nor gzip-compressed JSON)");
    if (!j.is_object() || !j.contains("accounts") || !j["accounts"].is_object())
        return bad_state("expected an object with \"accounts\"");
    chain::StatePatch patch;
    size_t entries = 0;
    for (const auto& [key, acc] : j["accounts"].items()) {
        const std::string where = "accounts." + key;
        auto addr = address_from_hex(key);
        if (!addr) return bad_state(where + ": not an address");
        if (!acc.is_object()) return bad_state(where + ": expected an object");
        if (++entries > kMaxStateEntries) return bad_state("too many accounts and slots");
        chain::AccountPatch a{*addr, Uint256{}, uint64_t{0}, Bytes{}, {}};
        if (acc.contains("nonce")) {
            YAO_TRY(a.nonce, number<uint64_t>(acc["nonce"], where + ".nonce", parse_u64_or_decimal));
            if (*a.nonce > static_cast<uint64_t>(INT64_MAX))
                return bad_state(where + ".nonce: above 2^63-1, which cannot be stored");
        }
        if (acc.contains("balance")) {
            YAO_TRY(a.balance, number<Uint256>(acc["balance"], where + ".balance", parse_u256));
        }
        if (acc.contains("code") && !acc["code"].is_null()) {
            auto code = parse_data(acc["code"], where + ".code");
            if (!code) return bad_state(where + ".code: " + code.error().message);
            a.code = std::move(*code);
        }
        if (acc.contains("storage") && !acc["storage"].is_null()) {
            if (!acc["storage"].is_object()) return bad_state(where + ".storage: expected an object");
            for (const auto& [slot_text, value] : acc["storage"].items()) {
                if (++entries > kMaxStateEntries) return bad_state("too many accounts and slots");
                YAO_TRY(const Uint256 slot,
                        number<Uint256>(Json(slot_text), where + ".storage key", parse_u256));
                YAO_TRY(const Uint256 v,
                        number<Uint256>(value, where + ".storage." + slot_text, parse_u256));
                a.storage.emplace_back(slot.to_hash(), v.to_hash());
            }
        }
        patch.accounts.push_back(std::move(a));
    }
    chain::normalize(patch);
    return patch;
}

RpcResult<chain::StatePatch> load_state_patch(BytesView data) {
    auto patch = state_patch_from_json(data);
    if (!patch) return rpc_error(kInvalidParams, "invalid argument 0: " + patch.error().message());
    return *patch;
}

namespace {

/// The head block's hash and timestamp (zero when it cannot be read).
std::pair<Hash256, uint64_t> head_of(Backend& b, uint64_t number) {
    auto block = b.blocks().header_by_number(number);
    if (!block || !*block) return {};
    return {(*block)->hash, (*block)->header.timestamp};
}

/// Random per process: tells a tool that the node restarted (Hardhat's instanceId).
const Hash256& instance_id() {
    static const Hash256 id = keccak256(as_bytes(random_id() + random_id()));
    return id;
}

}  // namespace

Json node_info(Backend& b, const EthOptions& o) {
    const uint64_t head = b.head_number();
    const auto [hash, timestamp] = head_of(b, head);
    std::string fork{chain::fork_name(b.forks().at(timestamp))};
    for (char& c : fork) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return {{"currentBlockNumber", quantity(head)},
            {"currentBlockTimestamp", timestamp},
            {"currentBlockHash", hash_hex(hash)},
            {"hardFork", fork},
            {"transactionOrder", "fees"},
            {"environment",
             {{"baseFee", quantity(b.base_fee())},
              {"chainId", b.chain_id()},
              {"gasLimit", quantity(b.block_gas_limit())},
              {"gasPrice", quantity(b.base_fee())}}},
            {"forkConfig", {{"forkUrl", nullptr}, {"forkBlockNumber", nullptr},
                            {"forkRetryBackoff", nullptr}}},
            {"clientVersion", o.client_version}};
}

Json node_metadata(Backend& b, const EthOptions& o) {
    const uint64_t head = b.head_number();
    return {{"clientVersion", o.client_version},
            {"chainId", b.chain_id()},
            {"instanceId", hash_hex(instance_id())},
            {"latestBlockNumber", head},
            {"latestBlockHash", hash_hex(head_of(b, head).first)}};
}

}  // namespace yao::rpc
