// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

namespace yao::log {
namespace {

class FdSink final : public Sink {
public:
    FdSink(int fd, bool owned) noexcept : fd_{fd}, owned_{owned} {}
    FdSink(const FdSink&) = delete;
    FdSink& operator=(const FdSink&) = delete;
    ~FdSink() override {
        if (owned_) ::close(fd_);
    }

    bool write(std::string_view lines) override {
        while (!lines.empty()) {
            const ssize_t n = ::write(fd_, lines.data(), lines.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            lines.remove_prefix(static_cast<size_t>(n));
        }
        return true;
    }

private:
    int fd_;
    bool owned_;
};

class CallbackSink final : public Sink {
public:
    explicit CallbackSink(LineCallback fn) : fn_{std::move(fn)} {}

    bool write(std::string_view lines) override {
        // Every record is exactly one line: the formats escape all control characters.
        while (!lines.empty()) {
            const size_t end = lines.find('\n');
            const size_t len = end == std::string_view::npos ? lines.size() : end;
            fn_(lines.substr(0, len));
            lines.remove_prefix(end == std::string_view::npos ? len : len + 1);
        }
        return true;
    }

private:
    LineCallback fn_;
};

}  // namespace

Result<std::unique_ptr<Sink>> make_sink(const Output& output) {
    switch (output.kind) {
        case Output::Kind::kStdout:
            return std::make_unique<FdSink>(STDOUT_FILENO, false);
        case Output::Kind::kStderr:
            return std::make_unique<FdSink>(STDERR_FILENO, false);
        case Output::Kind::kFile: {
            const int fd =
                ::open(output.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
            if (fd < 0) {
                return std::unexpected{Error{std::error_code{errno, std::generic_category()},
                                             "open log file " + output.path}};
            }
            return std::make_unique<FdSink>(fd, true);
        }
        case Output::Kind::kCallback:
            if (!output.line_callback) break;
            return std::make_unique<CallbackSink>(output.line_callback);
    }
    return std::unexpected{
        Error{std::make_error_code(std::errc::invalid_argument), "log output without a target"}};
}

}  // namespace yao::log
