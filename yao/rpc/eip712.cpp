// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "eip712.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/uint256.hpp>

namespace yao::rpc {
namespace {

/// Every failure of the encoder is the caller's input: -32602 with what is wrong.
std::unexpected<RpcError> refuse(std::string why) {
    return rpc_error(kInvalidParams, std::move(why));
}

/// One array level of a type: "Person[][3]" -> element "Person[]", length 3 (0: dynamic).
struct ArrayLevel {
    std::string_view element;  ///< empty when the type is not an array
    size_t length = 0;         ///< fixed length, 0 for T[]
};

RpcResult<ArrayLevel> array_level(std::string_view type) {
    if (type.empty() || type.back() != ']') return ArrayLevel{};
    const size_t open = type.rfind('[');
    if (open == std::string_view::npos || open == 0) return refuse("invalid array type");
    const std::string_view digits = type.substr(open + 1, type.size() - open - 2);
    size_t length = 0;
    if (!digits.empty()) {
        const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), length);
        if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size() || length == 0)
            return refuse("invalid array length in type \"" + std::string{type} + "\"");
    }
    return ArrayLevel{type.substr(0, open), length};
}

/// The struct name under all array levels: "Person[][3]" -> "Person".
std::string_view base_type(std::string_view type) {
    const size_t open = type.find('[');
    return open == std::string_view::npos ? type : type.substr(0, open);
}

/// N of "uintN"/"intN"/"bytesN" when `type` is `prefix` followed by a plain decimal number.
std::optional<unsigned> type_width(std::string_view type, std::string_view prefix) {
    if (!type.starts_with(prefix)) return std::nullopt;
    const std::string_view digits = type.substr(prefix.size());
    if (digits.empty() || digits.size() > 3 || digits[0] == '0') return std::nullopt;
    unsigned n = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size()) return std::nullopt;
    return n;
}

const Json* fields_of(const Json& types, std::string_view type) {
    if (!types.is_object()) return nullptr;
    auto it = types.find(std::string{type});
    return it == types.end() || !it->is_array() ? nullptr : &*it;
}

/// Every struct type reachable from `type`, `type` included. Iterative: a chain of thousands of
/// types costs no stack.
RpcResult<std::set<std::string>> collect(const Json& types, std::string_view type) {
    std::set<std::string> found;
    std::vector<std::string> todo{std::string{type}};
    if (!fields_of(types, type)) return refuse("unknown type \"" + std::string{type} + "\"");
    while (!todo.empty()) {
        std::string current = std::move(todo.back());
        todo.pop_back();
        if (!found.insert(current).second) continue;
        for (const auto& f : *fields_of(types, current)) {
            if (!f.is_object() || !f.contains("type") || !f["type"].is_string() ||
                (f.contains("name") && !f["name"].is_string())) {
                return refuse("malformed field of type \"" + current + "\"");
            }
            const std::string_view ft = base_type(f["type"].get_ref<const std::string&>());
            if (fields_of(types, ft) && !found.contains(std::string{ft})) todo.emplace_back(ft);
        }
    }
    return found;
}

std::string encode_one(const Json& types, const std::string& type) {
    std::string out = type + "(";
    bool first = true;
    for (const auto& f : *fields_of(types, type)) {
        if (!first) out += ",";
        first = false;
        out += f["type"].get<std::string>() + " " + f.value("name", std::string{});
    }
    return out + ")";
}

/// A word from a JSON number or text, checked against the range of uintN / intN; negative
/// values in two's complement.
RpcResult<Uint256> integer(const Json& v, unsigned bits, bool is_signed) {
    bool negative = false;
    Uint256 magnitude;
    if (v.is_number_unsigned()) {
        magnitude = Uint256{v.get<uint64_t>()};
    } else if (v.is_number_integer()) {
        const int64_t i = v.get<int64_t>();
        negative = i < 0;
        magnitude = Uint256{negative ? static_cast<uint64_t>(-(i + 1)) + 1 : static_cast<uint64_t>(i)};
    } else if (v.is_string()) {
        std::string_view s = v.get_ref<const std::string&>();
        negative = !s.empty() && s[0] == '-';
        if (negative) s.remove_prefix(1);
        auto n = Uint256::from_string(s);
        if (!n) return refuse("invalid integer \"" + v.get<std::string>() + "\"");
        magnitude = *n;
    } else {
        return refuse("invalid integer value");
    }
    if (negative && !is_signed) return refuse("negative value for an unsigned integer");
    // uintN: magnitude < 2^N; intN: magnitude < 2^(N-1), or = 2^(N-1) when negative.
    const unsigned value_bits = is_signed ? bits - 1 : bits;
    const Uint256 limit = value_bits == 256 ? Uint256{} : Uint256{1} << value_bits;
    const bool fits = value_bits == 256 ||
                      magnitude < limit || (negative && magnitude == limit);
    if (!fits) {
        return refuse("value out of range for " + std::string{is_signed ? "int" : "uint"} +
                      std::to_string(bits));
    }
    return negative ? Uint256{} - magnitude : magnitude;
}

/// One hashing of a typed-data document: the type hashes are computed once per struct type, and
/// the nesting of values (structs and array levels together) is bounded.
class Encoder {
public:
    explicit Encoder(const Json& types) : types_{types} {}

    RpcResult<Hash256> hash_struct(std::string_view type, const Json& value, size_t depth) {
        if (depth > kMaxTypedDataDepth) {
            return refuse("typed data nested deeper than " + std::to_string(kMaxTypedDataDepth) +
                          " levels");
        }
        auto type_hash = this->type_hash(type);
        if (!type_hash) return std::unexpected(type_hash.error());
        if (!value.is_object())
            return refuse("expected an object for type \"" + std::string{type} + "\"");
        Bytes data;
        data.append(type_hash->view());
        for (const auto& f : *fields_of(types_, type)) {
            const std::string name = f.value("name", std::string{});
            auto it = value.find(name);
            if (it == value.end()) return refuse("missing value for field \"" + name + "\"");
            auto word = encode_value(f["type"].get_ref<const std::string&>(), *it, depth + 1);
            if (!word) return word;
            data.append(word->view());
        }
        return keccak256(data);
    }

private:
    RpcResult<Hash256> type_hash(std::string_view type) {
        auto it = type_hashes_.find(type);
        if (it != type_hashes_.end()) return it->second;
        auto encoded = eip712_encode_type(types_, type);
        if (!encoded) return std::unexpected(encoded.error());
        const Hash256 h = keccak256(as_bytes(*encoded));
        type_hashes_.emplace(std::string{type}, h);
        return h;
    }

    RpcResult<Hash256> encode_value(std::string_view type, const Json& value, size_t depth) {
        if (depth > kMaxTypedDataDepth) {
            return refuse("typed data nested deeper than " + std::to_string(kMaxTypedDataDepth) +
                          " levels");
        }
        auto level = array_level(type);
        if (!level) return std::unexpected(level.error());
        if (!level->element.empty()) {
            if (!value.is_array())
                return refuse("expected an array for type \"" + std::string{type} + "\"");
            if (level->length != 0 && value.size() != level->length) {
                return refuse("expected " + std::to_string(level->length) + " items for type \"" +
                              std::string{type} + "\"");
            }
            Bytes data;
            for (const auto& v : value) {
                auto word = encode_value(level->element, v, depth + 1);
                if (!word) return word;
                data.append(word->view());
            }
            return keccak256(data);
        }
        if (fields_of(types_, type)) return hash_struct(type, value, depth);
        if (type == "string") {
            if (!value.is_string()) return refuse("expected a string");
            return keccak256(as_bytes(value.get_ref<const std::string&>()));
        }
        if (type == "bytes") {
            if (!value.is_string()) return refuse("expected hex bytes");
            auto b = from_hex(value.get_ref<const std::string&>());
            if (!b) return refuse("invalid hex bytes");
            return keccak256(*b);
        }
        if (type == "bool") {
            if (value.is_boolean()) return Uint256{value.get<bool>() ? 1u : 0u}.to_hash();
            if (value.is_string() && (value == "true" || value == "false")) {
                return Uint256{value == "true" ? 1u : 0u}.to_hash();
            }
            return refuse("expected a bool");
        }
        if (type == "address") {
            if (!value.is_string()) return refuse("expected an address");
            auto a = address_from_hex(value.get_ref<const std::string&>());
            if (!a) return refuse("invalid address");
            return Hash256::right_aligned(a->view());
        }
        if (auto n = type_width(type, "bytes")) {
            if (*n < 1 || *n > 32) return refuse("unknown type \"" + std::string{type} + "\"");
            if (!value.is_string()) return refuse("invalid " + std::string{type});
            auto b = from_hex(value.get_ref<const std::string&>());
            if (!b || b->size() > *n) return refuse("invalid " + std::string{type});
            Hash256 h;
            std::copy(b->begin(), b->end(), h.bytes.begin());  // bytesN is left-aligned
            return h;
        }
        const bool is_signed = type.starts_with("int");
        if (auto n = type_width(type, is_signed ? "int" : "uint")) {
            if (*n % 8 != 0 || *n > 256)
                return refuse("unknown type \"" + std::string{type} + "\"");
            auto v = integer(value, *n, is_signed);
            if (!v) return std::unexpected(v.error());
            return v->to_hash();
        }
        return refuse("unknown type \"" + std::string{type} + "\"");
    }

    const Json& types_;
    std::map<std::string, Hash256, std::less<>> type_hashes_;
};

}  // namespace

RpcResult<std::string> eip712_encode_type(const Json& types, std::string_view type) {
    auto found = collect(types, type);
    if (!found) return std::unexpected(found.error());
    found->erase(std::string{type});
    std::string out = encode_one(types, std::string{type});
    for (const auto& dep : *found) out += encode_one(types, dep);  // std::set: sorted by name
    return out;
}

RpcResult<Hash256> eip712_hash_struct(const Json& types, std::string_view type, const Json& value) {
    return Encoder{types}.hash_struct(type, value, 0);
}

RpcResult<Hash256> eip712_digest(const Json& typed_data) {
    if (!typed_data.is_object()) return refuse("typed data is not an object");
    Json types = typed_data.value("types", Json::object());
    const Json domain = typed_data.value("domain", Json::object());
    const Json message = typed_data.value("message", Json::object());
    const auto primary_it = typed_data.find("primaryType");
    if (primary_it == typed_data.end() || primary_it->is_null())
        return refuse("primaryType is missing");
    if (!primary_it->is_string()) return refuse("primaryType is not a string");
    const std::string& primary = primary_it->get_ref<const std::string&>();
    if (primary.empty()) return refuse("primaryType is missing");
    if (!types.is_object()) return refuse("types is not an object");
    if (!types.contains("EIP712Domain")) {
        static constexpr std::pair<const char*, const char*> kDomainFields[] = {
            {"name", "string"},
            {"version", "string"},
            {"chainId", "uint256"},
            {"verifyingContract", "address"},
            {"salt", "bytes32"}};
        Json fields = Json::array();
        for (const auto& [name, type] : kDomainFields) {
            if (domain.contains(name)) fields.push_back({{"name", name}, {"type", type}});
        }
        types["EIP712Domain"] = std::move(fields);
    }
    Encoder encoder{types};
    auto domain_hash = encoder.hash_struct("EIP712Domain", domain, 0);
    if (!domain_hash) return domain_hash;
    auto message_hash = encoder.hash_struct(primary, message, 0);
    if (!message_hash) return message_hash;
    Bytes data{0x19, 0x01};
    data.append(domain_hash->view());
    data.append(message_hash->view());
    return keccak256(data);
}

}  // namespace yao::rpc
