// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution_state.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <yao/common/assert.hpp>

namespace yao::evm {

namespace {
constexpr size_t kInitialCapacity = 4096;
}  // namespace

Memory::~Memory() {
    std::free(data_);
}

void Memory::grow(size_t new_size) noexcept {
    if (new_size > capacity_) {
        const size_t new_capacity = std::max({new_size, capacity_ * 2, kInitialCapacity});
        auto* p = static_cast<uint8_t*>(std::realloc(data_, new_capacity));
        YAO_ASSERT(p != nullptr);
        data_ = p;
        capacity_ = new_capacity;
    }
    std::memset(data_ + size_, 0, new_size - size_);
    size_ = new_size;
}

void Memory::reset(size_t retain) noexcept {
    size_ = 0;
    if (capacity_ > retain) {
        std::free(data_);
        data_ = nullptr;
        capacity_ = 0;
    }
}

}  // namespace yao::evm
