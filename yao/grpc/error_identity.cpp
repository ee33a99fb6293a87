// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "error_identity.hpp"

#include <yao/common/errc.hpp>
#include <yao/common/rlp.hpp>

#include <charconv>
#include <map>
#include <mutex>

namespace yao::grpc {
namespace {

struct Registry {
    std::mutex mu;
    std::map<std::string, const std::error_category*, std::less<>> by_name;

    Registry() {
        for (const std::error_category* c :
             {&grpc_category(), &common_category(), &rlp::rlp_category(), &std::generic_category(),
              &std::system_category()}) {
            by_name.emplace(c->name(), c);
        }
    }
};

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace

void register_category(const std::error_category& category) {
    auto& r = registry();
    std::scoped_lock lock{r.mu};
    r.by_name.emplace(category.name(), &category);
}

const std::error_category* find_category(std::string_view name) noexcept {
    auto& r = registry();
    std::scoped_lock lock{r.mu};
    auto it = r.by_name.find(name);
    return it == r.by_name.end() ? nullptr : it->second;
}

Error rebuild_error(std::string_view category, std::string_view value, std::string context,
                    Errc fallback) {
    int v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    const bool numeric = ec == std::errc{} && end == value.data() + value.size();
    if (const std::error_category* c = find_category(category); c && numeric)
        return Error{std::error_code{v, *c}, std::move(context)};
    std::string text{category};
    text += " error ";
    text += value;
    text += ": ";
    text += context;
    return Error{fallback, std::move(text)};
}

}  // namespace yao::grpc
