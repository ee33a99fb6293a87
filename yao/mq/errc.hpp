// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::mq {

/// Errors of the message bus.
enum class Errc {
    kBusFull = 1,      ///< the topic's backlog is at its limit (back-pressure; retry later)
    kBusClosed,        ///< the bus was closed
    kUnknownDelivery,  ///< ack of a delivery tag this consumer never handed out
    kInvalidArgument,  ///< empty topic name, non-positive ack timeout, ...
    kBackendError,     ///< a networked backend failed (protocol error, unexpected reply)
    kUnavailable,      ///< a networked backend cannot be reached now (connection refused or lost,
                       ///< server loading); transient: the same call may succeed later
};

/// True for errors that go away by themselves (retry later with back-off): kBusFull and
/// kUnavailable.
bool is_transient(const std::error_code& code) noexcept;

const std::error_category& mq_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), mq_category()};
}

}  // namespace yao::mq

template <>
struct std::is_error_code_enum<yao::mq::Errc> : std::true_type {};
