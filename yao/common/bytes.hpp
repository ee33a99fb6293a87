// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace yao {

/// An owned byte string. basic_string gives small-buffer storage and cheap appends.
using Bytes = std::basic_string<uint8_t>;

/// A non-owning view of bytes; valid only while the viewed storage lives.
using BytesView = std::basic_string_view<uint8_t>;

/// A fixed-size byte array with value semantics (hashes, addresses).
template <size_t N>
struct FixedBytes {
    std::array<uint8_t, N> bytes{};

    static constexpr size_t size() noexcept { return N; }
    constexpr uint8_t* data() noexcept { return bytes.data(); }
    constexpr const uint8_t* data() const noexcept { return bytes.data(); }
    constexpr uint8_t& operator[](size_t i) noexcept { return bytes[i]; }
    constexpr const uint8_t& operator[](size_t i) const noexcept { return bytes[i]; }
    constexpr BytesView view() const noexcept { return {bytes.data(), N}; }
    constexpr operator BytesView() const noexcept { return view(); }

    /// True when every byte is zero.
    constexpr bool is_zero() const noexcept {
        for (uint8_t b : bytes)
            if (b != 0) return false;
        return true;
    }

    /// Copies `v` right-aligned (big-endian numbers); `v.size()` must be <= N.
    static constexpr FixedBytes right_aligned(BytesView v) noexcept {
        FixedBytes r;
        for (size_t i = 0; i < v.size() && i < N; ++i) r.bytes[N - v.size() + i] = v[i];
        return r;
    }

    friend constexpr bool operator==(const FixedBytes&, const FixedBytes&) = default;
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
};

/// A 32-byte hash (keccak256, sha256, storage keys and values).
using Hash256 = FixedBytes<32>;
/// A 20-byte account address.
using Address = FixedBytes<20>;
/// A 256-byte logs bloom filter.
using Bloom = FixedBytes<256>;

/// Views a string's characters as bytes (no copy).
inline BytesView as_bytes(std::string_view s) noexcept {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace yao

namespace yao::detail {

/// Four random 64-bit keys drawn once per process. Keying the hash makes bucket collisions
/// unpredictable: addresses and storage keys are chosen by users, and an unkeyed hash lets one
/// transaction put thousands of keys in one bucket (quadratic time). Nothing that reaches
/// consensus output may depend on hash order; unordered containers are for lookups only.
const std::array<uint64_t, 4>& hash_keys() noexcept;

/// High and low halves of the 128-bit product, folded (the "mum" mix).
inline uint64_t mum(uint64_t a, uint64_t b) noexcept {
    __extension__ using U128 = unsigned __int128;
    const U128 p = static_cast<U128>(a) * b;
    return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

}  // namespace yao::detail

template <size_t N>
struct std::hash<yao::FixedBytes<N>> {
    size_t operator()(const yao::FixedBytes<N>& v) const noexcept {
        static const std::array<uint64_t, 4>& keys = yao::detail::hash_keys();
        uint64_t h = keys[0] ^ N;
        size_t i = 0;
        for (; i + 16 <= N; i += 16) {
            uint64_t a = 0;
            uint64_t b = 0;
            __builtin_memcpy(&a, v.bytes.data() + i, 8);
            __builtin_memcpy(&b, v.bytes.data() + i + 8, 8);
            h = yao::detail::mum(a ^ keys[1], b ^ keys[2] ^ h);
        }
        if (i < N) {
            uint64_t tail[2] = {0, 0};
            __builtin_memcpy(tail, v.bytes.data() + i, N - i);
            h = yao::detail::mum(tail[0] ^ keys[1], tail[1] ^ keys[2] ^ h);
        }
        return yao::detail::mum(h, keys[3]);
    }
};
