// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <memory>
#include <string_view>

#include <yao/common/error.hpp>
#include <yao/log/config.hpp>

namespace yao::log {

/// Destination of formatted lines. An AsyncWriter calls it from its one writer thread only, so
/// implementations need no locking.
class Sink {
public:
    virtual ~Sink() = default;

    /// Writes `lines`: one or more whole lines, each ending in '\n'. Returns false when the
    /// destination failed (the writer counts it; a log line has nowhere else to go).
    virtual bool write(std::string_view lines) = 0;

    /// Pushes anything buffered to the destination. File descriptors are written with
    /// write(2) and need nothing; this does not fsync.
    virtual void flush() {}
};

/// The sink for an Output: standard output or error, a file opened with
/// O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC (mode 0644), or a callback. Fails with the errno of
/// open(2) (generic category) when the file cannot be opened, and with
/// std::errc::invalid_argument for a kCallback output without a callback.
Result<std::unique_ptr<Sink>> make_sink(const Output& output);

}  // namespace yao::log
