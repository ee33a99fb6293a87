// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "code_cache.hpp"

#include <utility>
#include <variant>

namespace yao::portal {

CodeCachingStateService::CodeCachingStateService(std::unique_ptr<vulcan::StateService> inner,
                                                 size_t capacity_bytes)
    : inner_{std::move(inner)}, cache_{state::L1Cache::Options{capacity_bytes, 4}} {}

Result<std::optional<Bytes>> CodeCachingStateService::code(const Hash256& code_hash) {
    const state::CacheKey key = state::CacheKey::code(code_hash);
    if (auto hit = cache_.get(key)) {
        if (const Bytes* code = std::get_if<Bytes>(&hit->value)) return *code;
    }
    YAO_TRY(std::optional<Bytes> code, inner_->code(code_hash));
    if (code) cache_.put(key, state::CacheValue{*code, 0});
    return code;
}

}  // namespace yao::portal
