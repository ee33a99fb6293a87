// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "json_codec.hpp"

#include <yao/common/hex.hpp>

namespace yao::rpc {
namespace {

std::unexpected<RpcError> invalid(std::string_view what, std::string_view why) {
    // geth: "invalid argument 0: hex string without 0x prefix" (`what` is the position or name).
    return rpc_error(kInvalidParams,
                     "invalid argument " + std::string{what} + ": " + std::string{why});
}

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The hex digits of a quantity after "0x", checked like geth: no leading zeros, not empty.
std::expected<std::string_view, RpcError> quantity_digits(const Json& j, std::string_view what) {
    if (!j.is_string()) return invalid(what, "expected a hex quantity string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        return invalid(what, s.size() == 2 ? "hex string \"0x\"" : "hex string without 0x prefix");
    std::string_view digits{s.data() + 2, s.size() - 2};
    if (digits.size() > 1 && digits[0] == '0') return invalid(what, "hex number with leading zero digits");
    for (char c : digits)
        if (nibble(c) < 0) return invalid(what, "invalid hex string");
    return digits;
}

}  // namespace

std::string quantity(uint64_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    char buf[18];
    char* end = buf + sizeof buf;
    char* p = end;
    do {
        *--p = kDigits[v & 0xf];
        v >>= 4;
    } while (v != 0);
    std::string out;
    out.reserve(static_cast<size_t>(end - p) + 2);
    out += "0x";
    out.append(p, end);
    return out;
}

std::string quantity(const Uint256& v) { return v.to_hex(); }

std::string data_hex(BytesView b) { return to_hex(b); }
std::string hash_hex(const Hash256& h) { return to_hex(h.view()); }
std::string address_hex(const Address& a) { return to_hex(a.view()); }

std::expected<uint64_t, RpcError> parse_u64(const Json& j, std::string_view what) {
    auto digits = quantity_digits(j, what);
    if (!digits) return std::unexpected(digits.error());
    if (digits->size() > 16) return invalid(what, "hex number > 64 bits");
    uint64_t v = 0;
    for (char c : *digits) v = (v << 4) | static_cast<uint64_t>(nibble(c));
    return v;
}

std::expected<Uint256, RpcError> parse_u256(const Json& j, std::string_view what) {
    auto digits = quantity_digits(j, what);
    if (!digits) return std::unexpected(digits.error());
    if (digits->size() > 64) return invalid(what, "hex number > 256 bits");
    Uint256 v;
    for (char c : *digits) v = (v << 4) | Uint256{static_cast<uint64_t>(nibble(c))};
    return v;
}

std::expected<Bytes, RpcError> parse_data(const Json& j, std::string_view what) {
    if (!j.is_string()) return invalid(what, "expected a hex data string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        return invalid(what, "hex string without 0x prefix");
    auto b = from_hex(s);
    if (!b) return invalid(what, s.size() % 2 ? "hex string of odd length" : "invalid hex string");
    return std::move(*b);
}

std::expected<Address, RpcError> parse_address(const Json& j, std::string_view what) {
    auto b = parse_data(j, what);
    if (!b) return std::unexpected(b.error());
    if (b->size() != 20) return invalid(what, "hex string has length " + std::to_string(b->size() * 2) + ", want 40 for common.Address");
    Address a;
    std::copy(b->begin(), b->end(), a.bytes.begin());
    return a;
}

std::expected<Hash256, RpcError> parse_hash(const Json& j, std::string_view what) {
    auto b = parse_data(j, what);
    if (!b) return std::unexpected(b.error());
    if (b->size() != 32) return invalid(what, "hex string has length " + std::to_string(b->size() * 2) + ", want 64 for common.Hash");
    Hash256 h;
    std::copy(b->begin(), b->end(), h.bytes.begin());
    return h;
}

std::expected<BlockRef, RpcError> parse_block_ref(const Json& j, std::string_view what) {
    BlockRef r;
    if (j.is_null()) return r;  // absent: latest
    if (j.is_string()) {
        const std::string& s = j.get_ref<const std::string&>();
        if (s == "latest") return r;
        if (s == "pending") { r.kind = BlockRef::Kind::kPending; return r; }
        if (s == "earliest") { r.kind = BlockRef::Kind::kEarliest; return r; }
        if (s == "safe") { r.kind = BlockRef::Kind::kSafe; return r; }
        if (s == "finalized") { r.kind = BlockRef::Kind::kFinalized; return r; }
        if (s.size() == 66) {
            auto h = parse_hash(j, what);
            if (!h) return std::unexpected(h.error());
            r.kind = BlockRef::Kind::kHash;
            r.hash = *h;
            return r;
        }
        auto n = parse_u64(j, what);
        if (!n) return std::unexpected(n.error());
        r.kind = BlockRef::Kind::kNumber;
        r.number = *n;
        return r;
    }
    if (j.is_object()) {
        // EIP-1898: one of the two, not both.
        if (j.contains("blockHash") && j.contains("blockNumber"))
            return invalid(what, "cannot specify both blockHash and blockNumber");
        if (auto it = j.find("blockHash"); it != j.end()) {
            auto h = parse_hash(*it, what);
            if (!h) return std::unexpected(h.error());
            r.kind = BlockRef::Kind::kHash;
            r.hash = *h;
            return r;
        }
        if (auto it = j.find("blockNumber"); it != j.end()) {
            if (!it->is_string() || it->get_ref<const std::string&>().size() == 66)
                return invalid(what, "blockNumber must be a block number or tag");
            return parse_block_ref(*it, what);
        }
    }
    return invalid(what, "expected a block number, tag or hash");
}

const Json& param(const Json& params, size_t i) {
    static const Json kNull;
    if (params.is_array() && i < params.size()) return params[i];
    return kNull;
}

}  // namespace yao::rpc
