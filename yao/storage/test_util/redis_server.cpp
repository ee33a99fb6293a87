// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "redis_server.hpp"

#include <hiredis/hiredis.h>

#include <string>

#include <fmt/format.h>

#include <yao/storage/errc.hpp>

namespace yao::storage::test_util {

namespace {

bool answers_ping(uint16_t port) {
    timeval tv{0, 200'000};
    redisContext* c = redisConnectWithTimeout("127.0.0.1", port, tv);
    bool ok = false;
    if (c && !c->err) {
        auto* r = static_cast<redisReply*>(redisCommand(c, "PING"));
        ok = r && r->type == REDIS_REPLY_STATUS;
        if (r) freeReplyObject(r);
    }
    if (c) redisFree(c);
    return ok;
}

}  // namespace

Result<std::unique_ptr<RedisServer>> RedisServer::start() {
    auto program = find_program("redis-server");
    if (!program) return fail(Errc::kConnectionLost, "redis-server is not installed");
    Error last{Errc::kConnectionLost, "redis-server did not start"};
    for (int attempt = 0; attempt < 3; ++attempt) {
        YAO_TRY(auto dir, TempDir::make("yao-redis-"));
        YAO_TRY(const uint16_t port, free_loopback_port());
        std::unique_ptr<RedisServer> server{new RedisServer{std::move(dir), port}};
        const std::string& d = server->dir_.path();
        ServerProcess::Options options;
        options.argv = {*program,
                        "--port",
                        std::to_string(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        d,
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--protected-mode",
                        "no",
                        "--daemonize",
                        "no"};
        options.log_path = d + "/redis.log";
        options.ready = [port] { return answers_ping(port); };
        options.ready_timeout = std::chrono::milliseconds{10'000};
        auto started = server->process_.start(std::move(options));
        if (started) return server;
        last = started.error();
    }
    return std::unexpected{last};
}

}  // namespace yao::storage::test_util
