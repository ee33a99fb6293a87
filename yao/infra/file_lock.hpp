// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// An exclusive advisory lock on a file (flock), held for the object's lifetime: one process
// owns a data directory at a time. The kernel releases it when the process dies, even by
// SIGKILL, so a crash never leaves a stale lock behind.
#include <string>

#include <yao/common/error.hpp>

namespace yao::infra {

class FileLock {
public:
    /// Creates `path` if needed and locks it without waiting. Fails with
    /// std::errc::resource_unavailable_try_again when another process holds it (the context
    /// names the file and the holder's pid, which the holder writes into it).
    static Result<FileLock> acquire(const std::string& path);

    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

    const std::string& path() const noexcept { return path_; }

private:
    FileLock(int fd, std::string path) : fd_{fd}, path_{std::move(path)} {}
    int fd_ = -1;
    std::string path_;
};

}  // namespace yao::infra
