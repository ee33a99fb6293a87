// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "hash.hpp"

#include <memory>

#include <openssl/evp.h>
#include <openssl/provider.h>

#include "assert.hpp"

namespace yao {
namespace {

// Digests are fetched once and kept for the life of the process: an implicit fetch (EVP_sha256()
// or the SHA256() one-shot) looks the algorithm up in the provider store on every call.
//
// RIPEMD-160: OpenSSL 3.0.0 to 3.0.6 shipped it only in the "legacy" provider; 3.0.7 put it back
// in the default provider, which is what Debian 12's 3.0 series has. So try the default provider
// first and, if that fails, load the legacy provider into a private library context of our own.
// A private context leaves the process-wide default context alone (loading a provider there by
// hand would stop OpenSSL from auto-loading "default", silently breaking other users).
// The deprecated RIPEMD160() one-shot would also work without providers, but it is slated for
// removal and needs deprecation warnings silenced; the fetch keeps us on the supported API.
struct Digests {
    EVP_MD* sha256 = nullptr;
    EVP_MD* ripemd160 = nullptr;

    Digests() {
        sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        ripemd160 = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
        if (ripemd160 == nullptr) {
            OSSL_LIB_CTX* legacy_ctx = OSSL_LIB_CTX_new();
            if (legacy_ctx != nullptr && OSSL_PROVIDER_load(legacy_ctx, "legacy") != nullptr) {
                ripemd160 = EVP_MD_fetch(legacy_ctx, "RIPEMD160", nullptr);
            }
            // legacy_ctx and its provider stay loaded for the life of the process: the fetched
            // EVP_MD refers to them.
        }
        // Without either digest the node cannot execute the 0x02 / 0x03 precompiles correctly:
        // a broken OpenSSL installation, not a runtime condition to recover from.
        YAO_ASSERT(sha256 != nullptr && "OpenSSL has no SHA256");
        YAO_ASSERT(ripemd160 != nullptr && "OpenSSL has no RIPEMD160 (default or legacy)");
    }
    Digests(const Digests&) = delete;
    Digests& operator=(const Digests&) = delete;
};

const Digests& digests() noexcept {
    static const Digests instance;  // thread-safe initialisation (C++11 magic statics)
    return instance;
}

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

// One reusable EVP_MD_CTX per thread saves an allocation and a free per hash.
EVP_MD_CTX* thread_ctx() noexcept {
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx{EVP_MD_CTX_new()};
    YAO_ASSERT(ctx != nullptr);
    return ctx.get();
}

void digest(const EVP_MD* md, BytesView data, uint8_t* out) noexcept {
    EVP_MD_CTX* ctx = thread_ctx();
    // These fail only on allocation failure or misuse; neither is a recoverable input error.
    const bool ok = EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx, out, nullptr) == 1;
    YAO_ASSERT(ok);
}

}  // namespace

Hash256 sha256(BytesView data) noexcept {
    Hash256 out;
    digest(digests().sha256, data, out.data());
    return out;
}

FixedBytes<20> ripemd160(BytesView data) noexcept {
    FixedBytes<20> out;
    digest(digests().ripemd160, data, out.data());
    return out;
}

}  // namespace yao
