// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "redis_server.hpp"

#include <hiredis/hiredis.h>

#include <string>


namespace yao::test_util {

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

Result<std::unique_ptr<RedisServer>> RedisServer::start(Options server_options) {
    auto program = find_program("redis-server");
    if (!program) {
        return std::unexpected{Error{std::make_error_code(std::errc::no_such_file_or_directory),
                                     "redis-server is not installed"}};
    }
    Error last{std::make_error_code(std::errc::no_such_process), "redis-server did not start"};
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
                        server_options.append_only ? "yes" : "no",
                        "--appendfsync",
                        "always",
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

}  // namespace yao::test_util
