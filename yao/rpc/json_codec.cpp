// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "json_codec.hpp"

#include <utility>

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

/// A hostile client must not make us walk a megabyte of zeros: no real quantity comes close.
constexpr size_t kMaxQuantityChars = 1024;

/// The significant hex digits of a quantity (empty for zero). Lenient like Hardhat, Anvil, Besu
/// and Nethermind (issue #13): leading zeros and either case are accepted, since ethers'
/// `toBeHex` sends "0x05". Still refused: no "0x" / "0X" prefix (geth accepts "0X" too), an
/// empty "0x", a sign, a non-hex digit, more than kMaxQuantityChars characters.
RpcResult<std::string_view> quantity_digits(const Json& j, std::string_view what) {
    if (!j.is_string()) return invalid(what, "expected a hex quantity string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() > kMaxQuantityChars) return invalid(what, "hex string too long");
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) return invalid(what, "hex number with a sign");
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        return invalid(what, s == "0x" || s == "0X" ? "empty hex string \"0x\""
                                                    : "hex string without 0x prefix");
    std::string_view digits{s.data() + 2, s.size() - 2};
    for (char c : digits)
        if (nibble(c) < 0) return invalid(what, "invalid hex string");
    // Width is decided by the significant digits, not by the length of the string.
    const size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view{} : digits.substr(first);
}

/// Decimal text as geth's math.HexOrDecimal64 reads it: digits only, below 2^64.
RpcResult<uint64_t> parse_decimal_u64(std::string_view s, std::string_view what) {
    if (s.empty() || s.size() > kMaxQuantityChars)
        return invalid(what, "invalid unsigned 64-bit number");
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return invalid(what, "invalid unsigned 64-bit number");
        const auto d = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) return invalid(what, "number > 64 bits");
        v = v * 10 + d;
    }
    return v;
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

RpcResult<uint64_t> parse_u64(const Json& j, std::string_view what) {
    auto digits = quantity_digits(j, what);
    if (!digits) return std::unexpected(digits.error());
    if (digits->size() > 16) return invalid(what, "hex number > 64 bits");
    uint64_t v = 0;
    for (char c : *digits) v = (v << 4) | static_cast<uint64_t>(nibble(c));
    return v;
}

RpcResult<uint64_t> parse_u64_or_decimal(const Json& j, std::string_view what) {
    if (j.is_number_unsigned()) return j.get<uint64_t>();
    if (j.is_number_integer()) {  // a signed JSON integer, as nlohmann stores a C++ int
        if (j.get<int64_t>() < 0) return invalid(what, "negative number");
        return static_cast<uint64_t>(j.get<int64_t>());
    }
    if (j.is_string()) {
        const std::string& s = j.get_ref<const std::string&>();
        if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return parse_u64(j, what);
        if (!s.empty() && s[0] == '-') return invalid(what, "negative number");
        return parse_decimal_u64(s, what);
    }
    return invalid(what, "invalid unsigned 64-bit number");
}

RpcResult<Uint256> parse_u256(const Json& j, std::string_view what) {
    auto digits = quantity_digits(j, what);
    if (!digits) return std::unexpected(digits.error());
    if (digits->size() > 64) return invalid(what, "hex number > 256 bits");
    Uint256 v;
    for (char c : *digits) v = (v << 4) | Uint256{static_cast<uint64_t>(nibble(c))};
    return v;
}

RpcResult<Bytes> parse_data(const Json& j, std::string_view what) {
    if (!j.is_string()) return invalid(what, "expected a hex data string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        return invalid(what, "hex string without 0x prefix");
    auto b = from_hex(s);
    if (!b) return invalid(what, s.size() % 2 ? "hex string of odd length" : "invalid hex string");
    return std::move(*b);
}

RpcResult<Address> parse_address(const Json& j, std::string_view what) {
    auto b = parse_data(j, what);
    if (!b) return std::unexpected(b.error());
    if (b->size() != 20) return invalid(what, "hex string has length " + std::to_string(b->size() * 2) + ", want 40 for common.Address");
    Address a;
    std::copy(b->begin(), b->end(), a.bytes.begin());
    return a;
}

RpcResult<Hash256> parse_hash(const Json& j, std::string_view what) {
    auto b = parse_data(j, what);
    if (!b) return std::unexpected(b.error());
    if (b->size() != 32) return invalid(what, "hex string has length " + std::to_string(b->size() * 2) + ", want 64 for common.Hash");
    Hash256 h;
    std::copy(b->begin(), b->end(), h.bytes.begin());
    return h;
}

RpcResult<BlockRef> parse_block_hash(const Json& j, std::string_view what) {
    auto h = parse_hash(j, what);
    if (!h) return std::unexpected(h.error());
    BlockRef ref;
    ref.kind = BlockRef::Kind::kHash;
    ref.hash = *h;
    return ref;
}

RpcResult<BlockRef> parse_block_number(const Json& j, std::string_view what) {
    BlockRef r;
    if (j.is_null()) return r;  // absent: latest
    if (!j.is_string()) return invalid(what, "expected a block number or tag");
    const std::string& s = j.get_ref<const std::string&>();
    static constexpr std::pair<std::string_view, BlockRef::Kind> kTags[] = {
        {"latest", BlockRef::Kind::kLatest},
        {"pending", BlockRef::Kind::kPending},
        {"earliest", BlockRef::Kind::kEarliest},
        {"safe", BlockRef::Kind::kSafe},
        {"finalized", BlockRef::Kind::kFinalized}};
    for (const auto& [tag, kind] : kTags) {
        if (s == tag) {
            r.kind = kind;
            return r;
        }
    }
    auto n = parse_u64(j, what);
    if (!n) return std::unexpected(n.error());
    r.kind = BlockRef::Kind::kNumber;
    r.number = *n;
    return r;
}

RpcResult<BlockRef> parse_block_ref(const Json& j, std::string_view what) {
    // geth's BlockNumberOrHash: a string of 66 characters is a block hash.
    if (j.is_string() && j.get_ref<const std::string&>().size() == 66) {
        auto h = parse_hash(j, what);
        if (!h) return std::unexpected(h.error());
        BlockRef r;
        r.kind = BlockRef::Kind::kHash;
        r.hash = *h;
        return r;
    }
    if (j.is_null() || j.is_string()) return parse_block_number(j, what);
    if (j.is_object()) {
        // EIP-1898: one of the two, not both.
        if (j.contains("blockHash") && j.contains("blockNumber"))
            return invalid(what, "cannot specify both blockHash and blockNumber");
        if (auto it = j.find("blockHash"); it != j.end()) {
            auto h = parse_hash(*it, what);
            if (!h) return std::unexpected(h.error());
            BlockRef r;
            r.kind = BlockRef::Kind::kHash;
            r.hash = *h;
            return r;
        }
        if (auto it = j.find("blockNumber"); it != j.end()) {
            if (!it->is_string()) return invalid(what, "blockNumber must be a block number or tag");
            return parse_block_number(*it, what);
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
