// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "eip712.hpp"

#include <algorithm>
#include <set>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/uint256.hpp>

namespace yao::rpc {
namespace {

using Fail = std::unexpected<std::string>;

/// "Person[][3]" -> "Person[]" (one array level); "" when `type` is not an array.
std::string_view array_element(std::string_view type) {
    if (type.empty() || type.back() != ']') return {};
    const size_t open = type.rfind('[');
    return open == std::string_view::npos ? std::string_view{} : type.substr(0, open);
}

/// The struct name under all array levels: "Person[][3]" -> "Person".
std::string_view base_type(std::string_view type) {
    const size_t open = type.find('[');
    return open == std::string_view::npos ? type : type.substr(0, open);
}

const Json* fields_of(const Json& types, std::string_view type) {
    if (!types.is_object()) return nullptr;
    auto it = types.find(std::string{type});
    return it == types.end() || !it->is_array() ? nullptr : &*it;
}

std::expected<void, std::string> collect(const Json& types, std::string_view type,
                                         std::set<std::string>& found) {
    const Json* fields = fields_of(types, type);
    if (!fields) return Fail{"unknown type \"" + std::string{type} + "\""};
    if (!found.insert(std::string{type}).second) return {};
    for (const auto& f : *fields) {
        if (!f.is_object() || !f.contains("type") || !f["type"].is_string()) {
            return Fail{"malformed field of type \"" + std::string{type} + "\""};
        }
        const std::string_view ft = base_type(f["type"].get_ref<const std::string&>());
        if (fields_of(types, ft)) {
            if (auto r = collect(types, ft, found); !r) return r;
        }
    }
    return {};
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

/// A big-endian word from a JSON number or text; negative values in two's complement.
std::expected<Uint256, std::string> integer(const Json& v, bool is_signed) {
    if (v.is_number_unsigned()) return Uint256{v.get<uint64_t>()};
    if (v.is_number_integer()) {
        const int64_t i = v.get<int64_t>();
        if (!is_signed) return Fail{"negative value for an unsigned integer"};
        return Uint256{} - Uint256{static_cast<uint64_t>(-(i + 1)) + 1};
    }
    if (v.is_string()) {
        std::string_view s = v.get_ref<const std::string&>();
        const bool negative = !s.empty() && s[0] == '-';
        if (negative) {
            if (!is_signed) return Fail{"negative value for an unsigned integer"};
            s.remove_prefix(1);
        }
        auto n = Uint256::from_string(s);
        if (!n) return Fail{"invalid integer \"" + v.get<std::string>() + "\""};
        return negative ? Uint256{} - *n : *n;
    }
    return Fail{"invalid integer value"};
}

std::expected<Hash256, std::string> encode_value(const Json& types, std::string_view type,
                                                 const Json& value);

std::expected<Hash256, std::string> hash_struct(const Json& types, std::string_view type,
                                                const Json& value) {
    auto encoded = eip712_encode_type(types, type);
    if (!encoded) return Fail{encoded.error()};
    if (!value.is_object()) return Fail{"expected an object for type \"" + std::string{type} + "\""};
    Bytes data;
    const Hash256 type_hash = keccak256(as_bytes(*encoded));
    data.append(type_hash.view());
    for (const auto& f : *fields_of(types, type)) {
        const std::string name = f.value("name", std::string{});
        auto it = value.find(name);
        if (it == value.end()) return Fail{"missing value for field \"" + name + "\""};
        auto word = encode_value(types, f["type"].get_ref<const std::string&>(), *it);
        if (!word) return word;
        data.append(word->view());
    }
    return keccak256(data);
}

std::expected<Hash256, std::string> encode_value(const Json& types, std::string_view type,
                                                 const Json& value) {
    if (std::string_view element = array_element(type); !element.empty()) {
        if (!value.is_array()) return Fail{"expected an array for type \"" + std::string{type} + "\""};
        Bytes data;
        for (const auto& v : value) {
            auto word = encode_value(types, element, v);
            if (!word) return word;
            data.append(word->view());
        }
        return keccak256(data);
    }
    if (fields_of(types, type)) return hash_struct(types, type, value);
    if (type == "string") {
        if (!value.is_string()) return Fail{"expected a string"};
        return keccak256(as_bytes(value.get_ref<const std::string&>()));
    }
    if (type == "bytes") {
        if (!value.is_string()) return Fail{"expected hex bytes"};
        auto b = from_hex(value.get_ref<const std::string&>());
        if (!b) return Fail{"invalid hex bytes"};
        return keccak256(*b);
    }
    if (type == "bool") {
        if (value.is_boolean()) return Uint256{value.get<bool>() ? 1u : 0u}.to_hash();
        if (value.is_string() && (value == "true" || value == "false")) {
            return Uint256{value == "true" ? 1u : 0u}.to_hash();
        }
        return Fail{"expected a bool"};
    }
    if (type == "address") {
        if (!value.is_string()) return Fail{"expected an address"};
        auto a = address_from_hex(value.get_ref<const std::string&>());
        if (!a) return Fail{"invalid address"};
        return Hash256::right_aligned(a->view());
    }
    if (type.starts_with("bytes")) {
        const int n = std::atoi(std::string{type.substr(5)}.c_str());
        if (n < 1 || n > 32 || !value.is_string()) return Fail{"invalid " + std::string{type}};
        auto b = from_hex(value.get_ref<const std::string&>());
        if (!b || b->size() > static_cast<size_t>(n)) return Fail{"invalid " + std::string{type}};
        Hash256 h;
        std::copy(b->begin(), b->end(), h.bytes.begin());  // bytesN is left-aligned
        return h;
    }
    if (type.starts_with("uint") || type.starts_with("int")) {
        auto v = integer(value, type.starts_with("int"));
        if (!v) return Fail{v.error()};
        return v->to_hash();
    }
    return Fail{"unknown type \"" + std::string{type} + "\""};
}

}  // namespace

std::expected<std::string, std::string> eip712_encode_type(const Json& types,
                                                           std::string_view type) {
    std::set<std::string> found;
    if (auto r = collect(types, type, found); !r) return Fail{r.error()};
    found.erase(std::string{type});
    std::string out = encode_one(types, std::string{type});
    for (const auto& dep : found) out += encode_one(types, dep);  // std::set: sorted by name
    return out;
}

std::expected<Hash256, std::string> eip712_hash_struct(const Json& types, std::string_view type,
                                                       const Json& value) {
    return hash_struct(types, type, value);
}

std::expected<Hash256, std::string> eip712_digest(const Json& typed_data) {
    if (!typed_data.is_object()) return Fail{"typed data is not an object"};
    Json types = typed_data.value("types", Json::object());
    const Json domain = typed_data.value("domain", Json::object());
    const Json message = typed_data.value("message", Json::object());
    const std::string primary = typed_data.value("primaryType", std::string{});
    if (primary.empty()) return Fail{"primaryType is missing"};
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
    auto domain_hash = hash_struct(types, "EIP712Domain", domain);
    if (!domain_hash) return domain_hash;
    auto message_hash = hash_struct(types, primary, message);
    if (!message_hash) return message_hash;
    Bytes data{0x19, 0x01};
    data.append(domain_hash->view());
    data.append(message_hash->view());
    return keccak256(data);
}

}  // namespace yao::rpc
