// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sql.hpp"

#include <algorithm>
#include <bit>
#include <thread>

#include "errc.hpp"

namespace yao::storage::sql {

ConnectionPool::ConnectionPool(Factory factory, size_t size)
    : factory_{std::move(factory)}, size_{std::max<size_t>(size, 1)} {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
    if (conn_) pool_->release(std::move(conn_));
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
    std::unique_lock lock{mutex_};
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease{this, std::move(conn)};
    }
    // Open a new connection outside the lock: connecting to a server can take a while.
    ++open_;
    lock.unlock();
    auto conn = factory_();
    if (!conn) {
        lock.lock();
        --open_;
        available_.notify_one();
        return std::unexpected(std::move(conn).error());
    }
    return Lease{this, std::move(*conn)};
}

void ConnectionPool::release(std::unique_ptr<Connection> conn) noexcept {
    const bool keep = !conn->broken();
    if (keep) conn->trim_cache();
    std::unique_ptr<Connection> dropped;
    {
        std::scoped_lock lock{mutex_};
        if (keep) {
            idle_.push_back(std::move(conn));
        } else {
            dropped = std::move(conn);  // closed below, outside the lock
            --open_;
        }
    }
    available_.notify_one();
}

void backoff_sleep(std::chrono::milliseconds& backoff) noexcept {
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds{1000});
}

bool retryable(const Error& error) noexcept {
    return is_retryable(error.code());
}

std::string placeholders(size_t rows, size_t columns) {
    std::string group = "(";
    for (size_t c = 0; c < columns; ++c) group += c == 0 ? "?" : ",?";
    group += ')';
    std::string out;
    out.reserve(rows * (group.size() + 1));
    for (size_t r = 0; r < rows; ++r) {
        if (r != 0) out += ',';
        out += group;
    }
    return out;
}

std::vector<KeyChunk> key_chunks(size_t total, size_t max_keys) {
    std::vector<KeyChunk> out;
    for (size_t first = 0; first < total; first += max_keys) {
        const size_t count = std::min(max_keys, total - first);
        out.push_back({first, count, std::bit_ceil(count)});
    }
    return out;
}

std::string in_list(size_t n) {
    std::string out = "(";
    for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
    out += ')';
    return out;
}

}  // namespace yao::storage::sql
