// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <utility>

namespace yao::infra {

Result<FileLock> FileLock::acquire(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return std::unexpected(
            Error{std::error_code{errno, std::generic_category()}, "cannot open " + path});
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char holder[32] = {};
        const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
        ::close(fd);
        std::string context = path + " is locked";
        if (n > 0) context += " by process " + std::string{holder, static_cast<size_t>(n)};
        if (err == EWOULDBLOCK) {
            return std::unexpected(
                Error{std::make_error_code(std::errc::resource_unavailable_try_again),
                      context + ": the data is in use by another yaoverse process"});
        }
        return std::unexpected(Error{std::error_code{err, std::generic_category()}, context});
    }
    const std::string pid = std::to_string(::getpid());
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const ssize_t w = ::pwrite(fd, pid.data(), pid.size(), 0);
    }
    return FileLock{fd, path};
}

FileLock::FileLock(FileLock&& other) noexcept
    : fd_{std::exchange(other.fd_, -1)}, path_{std::move(other.path_)} {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
    }
    return *this;
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace yao::infra
