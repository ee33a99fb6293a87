// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "error.hpp"

namespace yao {

std::string Error::message() const {
    std::string out = code_.category().name();
    out += '.';
    out += code_.message();
    if (!context_.empty()) {
        out += ": ";
        out += context_;
    }
    return out;
}

}  // namespace yao
