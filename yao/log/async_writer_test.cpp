// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <yao/log/async_writer.hpp>
#include <yao/log/logger.hpp>
#include <yao/log/test_util/collector.hpp>
#include <yao/log/test_util/strict_json.hpp>

namespace yao::log {
namespace {

using namespace std::chrono_literals;
using test::Collector;
using test::parse_json;

std::filesystem::path temp_path(std::string_view name) {
    return std::filesystem::temp_directory_path() /
           ("yaolog_" + std::to_string(::getpid()) + "_" + std::string{name});
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::ifstream in{path};
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A callback sink that can be held shut, to stand in for a stalled disk.
class Gate {
public:
    void close() {
        std::scoped_lock lock{mu_};
        open_ = false;
    }
    void open() {
        {
            std::scoped_lock lock{mu_};
            open_ = true;
        }
        cv_.notify_all();
    }
    // Called by the writer thread for every line.
    void pass() {
        std::unique_lock lock{mu_};
        ++waiting_;
        cv_.notify_all();
        cv_.wait(lock, [&] { return open_; });
        --waiting_;
    }
    void wait_until_blocked() {
        std::unique_lock lock{mu_};
        cv_.wait(lock, [&] { return waiting_ > 0; });
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool open_ = true;
    int waiting_ = 0;
};

TEST(AsyncLogging, ManyThreadsProduceWholeParseableLinesInPerThreadOrder) {
    constexpr int kThreads = 8;
    constexpr int kPerThread = 10'000;
    const auto path = temp_path("mt.log");
    std::filesystem::remove(path);
    {
        Logger logger{Config{.service = "yao-vulcan",
                             .instance = "v-1",
                             .level = Level::kInfo,
                             .format = Format::kJson,
                             .output = Output::file(path.string()),
                             .overflow = OverflowPolicy::kBlock}};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&logger, t] {
                const Logger mine = logger.with_component("worker-" + std::to_string(t));
                for (int i = 0; i < kPerThread; ++i) {
                    mine.info("executing \"tx\"\n")
                        .with_field("thread", t)
                        .with_field("seq", i)
                        .with_field("payload", std::string(static_cast<size_t>(i % 97), 'p'))
                        .log();
                }
            });
        }
        for (auto& th : threads) th.join();
        EXPECT_EQ(logger.stats().dropped, 0u);
    }  // destruction drains
    const auto lines = read_lines(path);
    std::filesystem::remove(path);
    ASSERT_EQ(lines.size(), size_t{kThreads} * kPerThread);
    std::vector<int> next(kThreads, 0);
    for (const auto& line : lines) {
        const auto v = parse_json(line);
        ASSERT_TRUE(v.has_value()) << line;
        const auto& fields = v->at("fields");
        const int t = std::stoi(fields.at("thread").text);
        const int seq = std::stoi(fields.at("seq").text);
        ASSERT_GE(t, 0);
        ASSERT_LT(t, kThreads);
        ASSERT_EQ(seq, next[t]) << "thread " << t;  // none lost, duplicated or reordered
        ++next[t];
        ASSERT_EQ(v->at("component").text, "worker-" + std::to_string(t));
        ASSERT_EQ(fields.at("payload").text.size(), static_cast<size_t>(seq % 97));
        ASSERT_EQ(v->at("message").text, "executing \"tx\"\n");
    }
}

TEST(AsyncLogging, FileOutputAppendsWholeLines) {
    const auto path = temp_path("append.log");
    std::filesystem::remove(path);
    auto config = Config{.service = "yao-archive",
                         .instance = "a-1",
                         .level = Level::kInfo,
                         .format = Format::kText,
                         .output = Output::file(path.string()),
                         .clock = test::fixed_clock()};
    {
        Logger logger{config};
        logger.info("first").with_field("block_num", 1).log();
        logger.info("second").log();
    }
    {
        Logger logger{config};
        logger.error("third").with_error("disk").log();
    }
    const auto lines = read_lines(path);
    std::filesystem::remove(path);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "2024-01-15T10:30:45.123Z INFO  yao-archive: first block_num=1",
                         "2024-01-15T10:30:45.123Z INFO  yao-archive: second",
                         "2024-01-15T10:30:45.123Z ERROR yao-archive: third error=disk"}));
}

TEST(AsyncLogging, DestructionDrainsEverythingQueued) {
    auto c = std::make_shared<Collector>();
    {
        Logger logger{Config{.level = Level::kInfo,
                             .output = test::collect_into(c),
                             .flush_interval = std::chrono::hours{1}}};
        for (int i = 0; i < 5000; ++i) logger.info("queued").with_field("i", i).log();
    }
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 5000u);
    EXPECT_NE(lines.back().find(R"("fields":{"i":4999})"), std::string::npos);
}

TEST(AsyncLogging, FlushMakesEarlierRecordsVisible) {
    auto c = std::make_shared<Collector>();
    Logger logger{Config{.level = Level::kInfo,
                         .output = test::collect_into(c),
                         .flush_interval = std::chrono::hours{1}}};
    for (int round = 1; round <= 3; ++round) {
        logger.info("r").log();
        logger.flush();
        EXPECT_EQ(c->size(), static_cast<size_t>(round));
    }
}

TEST(AsyncLogging, FullBufferDropsCountsAndReportsWithoutBlockingCallers) {
    auto c = std::make_shared<Collector>();
    auto gate = std::make_shared<Gate>();
    Logger logger{Config{.service = "svc",
                         .instance = "i",
                         .level = Level::kInfo,
                         .format = Format::kJson,
                         .output = Output::callback([c, gate](std::string_view line) {
                             gate->pass();
                             c->add(line);
                         }),
                         .clock = test::fixed_clock(),
                         .buffer_bytes = 4096,
                         .overflow = OverflowPolicy::kDrop,
                         .flush_interval = 1ms}};
    gate->close();
    logger.info("first").log();
    gate->wait_until_blocked();  // the writer is stuck inside the sink
    constexpr int kAttempts = 200;
    for (int i = 0; i < kAttempts; ++i) logger.info("burst").with_field("i", i).log();
    const WriterStats stalled = logger.stats();
    EXPECT_GT(stalled.dropped, 0u);
    EXPECT_EQ(stalled.accepted + stalled.dropped, 1u + kAttempts);
    gate->open();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), stalled.accepted + 1);  // + the writer's report
    const auto report = parse_json(lines.back());
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(lines.back(),
              R"({"timestamp":"2024-01-15T10:30:45.123Z","level":"WARN","service":"svc",)"
              R"("instance":"i","trace_id":null,"span_id":null,"component":"yaolog",)"
              R"("method":null,"message":"log records dropped","fields":{"dropped":)" +
                  std::to_string(stalled.dropped) + R"(},"duration_ms":null,"error":null})");
}

TEST(AsyncLogging, BlockPolicyLosesNothingWithATinyBuffer) {
    auto c = std::make_shared<Collector>();
    Logger logger{Config{.level = Level::kInfo,
                         .output = test::collect_into(c),
                         .buffer_bytes = 1024,
                         .overflow = OverflowPolicy::kBlock,
                         .flush_interval = 1ms}};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([&logger] {
            for (int i = 0; i < 3000; ++i) logger.info("blocked").with_field("i", i).log();
        });
    }
    for (auto& th : threads) th.join();
    logger.flush();
    EXPECT_EQ(c->size(), 6000u);
    EXPECT_EQ(logger.stats().dropped, 0u);
}

TEST(AsyncWriter, LineLargerThanTheBufferStillGoesThrough) {
    auto c = std::make_shared<Collector>();
    auto sink = make_sink(test::collect_into(c));
    ASSERT_TRUE(sink.has_value());
    AsyncWriter writer{std::move(*sink), WriterOptions{.capacity_bytes = 16}};
    const std::string big(100, 'x');
    EXPECT_TRUE(writer.submit(big + "\n"));
    writer.flush();
    EXPECT_EQ(c->lines(), std::vector<std::string>{big});
}

}  // namespace
}  // namespace yao::log
