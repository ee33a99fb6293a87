// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "p256.hpp"

#include <algorithm>
#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <yao/common/assert.hpp>

namespace yao::evm {
namespace {

constexpr size_t kInputSize = 160;  // EIP-7951: h, r, s, qx, qy

// secp256r1 field prime p and group order n (SEC 2 v2, section 2.4.2), big-endian.
constexpr Hash256 kFieldPrime{{
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
}};
constexpr Hash256 kGroupOrder{{
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
}};

struct BnFree {
    void operator()(BIGNUM* p) const noexcept { BN_free(p); }
};
struct BnCtxFree {
    void operator()(BN_CTX* p) const noexcept { BN_CTX_free(p); }
};
struct GroupFree {
    void operator()(EC_GROUP* p) const noexcept { EC_GROUP_free(p); }
};
struct PointFree {
    void operator()(EC_POINT* p) const noexcept { EC_POINT_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using PointPtr = std::unique_ptr<EC_POINT, PointFree>;

// Allocation failures inside OpenSSL are not outcomes of the input: they stop the process rather
// than turn into a "signature invalid" that another node would not see.
BnPtr make_bn(const uint8_t* be32) noexcept {
    BnPtr bn{BN_bin2bn(be32, 32, nullptr)};
    YAO_ASSERT(bn != nullptr);
    return bn;
}

BnPtr make_bn() noexcept {
    BnPtr bn{BN_new()};
    YAO_ASSERT(bn != nullptr);
    return bn;
}

// The P-256 group and a scratch context, one per thread (OpenSSL does not promise that one
// BN_CTX or EC_GROUP may be used by several threads at once).
struct Curve {
    std::unique_ptr<EC_GROUP, GroupFree> group{EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)};
    std::unique_ptr<BN_CTX, BnCtxFree> ctx{BN_CTX_new()};
    BnPtr order = make_bn(kGroupOrder.data());

    Curve() noexcept {
        YAO_ASSERT(group != nullptr && ctx != nullptr);
        // The constants above are the ones of the group OpenSSL computes on.
        const BnPtr p = make_bn();
        const bool got_p =
            EC_GROUP_get_curve(group.get(), p.get(), nullptr, nullptr, ctx.get()) == 1;
        YAO_ASSERT(got_p);
        YAO_ASSERT(BN_cmp(p.get(), make_bn(kFieldPrime.data()).get()) == 0);
        YAO_ASSERT(BN_cmp(EC_GROUP_get0_order(group.get()), order.get()) == 0);
    }
};

Curve& curve() noexcept {
    thread_local Curve c;
    return c;
}

// A big-endian 32-byte word compared with a big-endian constant.
bool less_than(const uint8_t* word, const Hash256& bound) noexcept {
    return std::lexicographical_compare(word, word + 32, bound.data(), bound.data() + 32);
}

bool is_zero(const uint8_t* word) noexcept {
    return std::all_of(word, word + 32, [](uint8_t b) { return b == 0; });
}

}  // namespace

bool p256_verify(BytesView input) noexcept {
    if (input.size() != kInputSize) return false;
    const uint8_t* const h_be = input.data();
    const uint8_t* const r_be = input.data() + 32;
    const uint8_t* const s_be = input.data() + 64;
    const uint8_t* const qx_be = input.data() + 96;
    const uint8_t* const qy_be = input.data() + 128;

    // Range checks of EIP-7951: 0 < r < n, 0 < s < n, qx < p, qy < p, Q != (0, 0).
    if (is_zero(r_be) || !less_than(r_be, kGroupOrder)) return false;
    if (is_zero(s_be) || !less_than(s_be, kGroupOrder)) return false;
    if (!less_than(qx_be, kFieldPrime) || !less_than(qy_be, kFieldPrime)) return false;
    if (is_zero(qx_be) && is_zero(qy_be)) return false;

    Curve& c = curve();
    const EC_GROUP* const group = c.group.get();
    BN_CTX* const ctx = c.ctx.get();

    // Q must satisfy the curve equation: OpenSSL refuses to set affine coordinates of a point
    // that is not on the curve (and pushes an error we drop).
    const BnPtr qx = make_bn(qx_be);
    const BnPtr qy = make_bn(qy_be);
    const PointPtr q{EC_POINT_new(group)};
    YAO_ASSERT(q != nullptr);
    if (EC_POINT_set_affine_coordinates(group, q.get(), qx.get(), qy.get(), ctx) != 1) {
        ERR_clear_error();
        return false;
    }

    // u1 = h * s^-1 mod n, u2 = r * s^-1 mod n (n is prime and 0 < s < n, so s is invertible).
    const BnPtr h = make_bn(h_be);
    const BnPtr r = make_bn(r_be);
    const BnPtr s = make_bn(s_be);
    const BnPtr s_inv = make_bn();
    const BnPtr u1 = make_bn();
    const BnPtr u2 = make_bn();
    const BIGNUM* const n = c.order.get();
    const bool scalars_ok = BN_mod_inverse(s_inv.get(), s.get(), n, ctx) != nullptr &&
                            BN_mod_mul(u1.get(), h.get(), s_inv.get(), n, ctx) == 1 &&
                            BN_mod_mul(u2.get(), r.get(), s_inv.get(), n, ctx) == 1;
    YAO_ASSERT(scalars_ok);

    // R' = u1 * G + u2 * Q; fail on the point at infinity, else compare R'.x mod n with r.
    const PointPtr rp{EC_POINT_new(group)};
    YAO_ASSERT(rp != nullptr);
    const bool mul_ok = EC_POINT_mul(group, rp.get(), u1.get(), q.get(), u2.get(), ctx) == 1;
    YAO_ASSERT(mul_ok);
    if (EC_POINT_is_at_infinity(group, rp.get()) == 1) return false;
    const BnPtr x = make_bn();
    const bool x_ok =
        EC_POINT_get_affine_coordinates(group, rp.get(), x.get(), nullptr, ctx) == 1 &&
        BN_nnmod(x.get(), x.get(), n, ctx) == 1;
    YAO_ASSERT(x_ok);
    return BN_cmp(x.get(), r.get()) == 0;
}

}  // namespace yao::evm
