// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A Session for tests that call JsonRpc or methods directly: records pushed texts and runs the
// on_close callbacks when close() is called.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <yao/rpc/types.hpp>

namespace yao::rpc::test {

class FakeSession final : public Session {
public:
    explicit FakeSession(uint64_t id = 1, bool websocket = false)
        : id_{id}, websocket_{websocket} {}

    uint64_t id() const override { return id_; }
    bool is_websocket() const override { return websocket_; }
    bool push(std::string text) override {
        std::scoped_lock lock{mu_};
        if (closed_ || !websocket_) return false;
        pushed_.push_back(std::move(text));
        return true;
    }
    void on_close(std::function<void()> fn) override {
        std::unique_lock lock{mu_};
        if (closed_) {
            lock.unlock();
            fn();
            return;
        }
        callbacks_.push_back(std::move(fn));
    }

    /// Closes the session and runs the on_close callbacks once.
    void close() {
        std::vector<std::function<void()>> fns;
        {
            std::scoped_lock lock{mu_};
            if (closed_) return;
            closed_ = true;
            fns.swap(callbacks_);
        }
        for (auto& fn : fns) fn();
    }

    std::vector<std::string> pushed() const {
        std::scoped_lock lock{mu_};
        return pushed_;
    }

private:
    uint64_t id_;
    bool websocket_;
    mutable std::mutex mu_;
    bool closed_ = false;
    std::vector<std::string> pushed_;
    std::vector<std::function<void()>> callbacks_;
};

}  // namespace yao::rpc::test
