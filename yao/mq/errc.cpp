// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::mq {
namespace {

class MqCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "mq"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kBusFull:
                return "bus_full";
            case Errc::kBusClosed:
                return "bus_closed";
            case Errc::kUnknownDelivery:
                return "unknown_delivery";
            case Errc::kInvalidArgument:
                return "invalid_argument";
            case Errc::kBackendError:
                return "backend_error";
            case Errc::kUnavailable:
                return "unavailable";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& mq_category() noexcept {
    static const MqCategory category;
    return category;
}

bool is_transient(const std::error_code& code) noexcept {
    return code == Errc::kBusFull || code == Errc::kUnavailable;
}

}  // namespace yao::mq
