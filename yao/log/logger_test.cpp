// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <yao/common/bytes.hpp>
#include <yao/common/errc.hpp>
#include <yao/log/logger.hpp>
#include <yao/log/test_util/collector.hpp>
#include <yao/log/test_util/strict_json.hpp>

// Counts allocations made by the current thread, to check the cost claims of logger.hpp.
namespace {
thread_local uint64_t tl_allocations = 0;
}  // namespace

// noinline: once inlined, GCC pairs the malloc and free below with `new`/`delete` expressions
// and reports a mismatch (-Wmismatched-new-delete) that is not one.
[[gnu::noinline]] void* operator new(std::size_t size) {
    ++tl_allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc{};
}
[[gnu::noinline]] void operator delete(void* p) noexcept {
    std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace yao::log {
namespace {

using namespace std::chrono_literals;
using test::Collector;
using test::JsonValue;
using test::parse_json;

Config json_config(const std::shared_ptr<Collector>& c, Level level = Level::kDebug) {
    return Config{.service = "yao-portal",
                  .instance = "yao-portal-7d4f8b9c-xyz",
                  .level = level,
                  .format = Format::kJson,
                  .output = test::collect_into(c),
                  .clock = test::fixed_clock()};
}

Config text_config(const std::shared_ptr<Collector>& c) {
    Config config = json_config(c);
    config.format = Format::kText;
    return config;
}

JsonValue parse_line(const std::string& line) {
    auto v = parse_json(line);
    EXPECT_TRUE(v.has_value()) << line;
    return v.value_or(JsonValue{});
}

// The seed's example record (架构文档, 统一日志系统, 日志格式标准), as the seed prints it.
constexpr std::string_view kSeedExample = R"({
  "timestamp": "2024-01-15T10:30:45.123Z",
  "level": "INFO",
  "service": "yao-portal",
  "instance": "yao-portal-7d4f8b9c-xyz",
  "trace_id": "550e8400-e29b-41d4-a716-446655440000",
  "span_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  "component": "json_rpc_handler",
  "method": "eth_sendRawTransaction",
  "message": "Transaction submitted successfully",
  "fields": {
    "tx_hash": "0xabcd...",
    "from": "0x1234...",
    "gas_limit": 21000,
    "gas_price": "20000000000"
  },
  "duration_ms": 45,
  "error": null
})";

void log_seed_example(const Logger& logger) {
    logger.with_component("json_rpc_handler")
        .with_method("eth_sendRawTransaction")
        .info("Transaction submitted successfully")
        .with_trace("550e8400-e29b-41d4-a716-446655440000", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        .with_field("tx_hash", "0xabcd...")
        .with_field("from", "0x1234...")
        .with_field("gas_limit", 21000)
        .with_field("gas_price", "20000000000")
        .with_duration(45ms)
        .log();
}

bool same_json(const JsonValue& a, const JsonValue& b) {
    if (a.type != b.type || a.boolean != b.boolean || a.text != b.text) return false;
    if (a.items.size() != b.items.size() || a.members.size() != b.members.size()) return false;
    for (size_t i = 0; i < a.items.size(); ++i)
        if (!same_json(a.items[i], b.items[i])) return false;
    for (size_t i = 0; i < a.members.size(); ++i) {
        if (a.members[i].first != b.members[i].first) return false;
        if (!same_json(a.members[i].second, b.members[i].second)) return false;
    }
    return true;
}

TEST(LoggerJson, SeedExampleIsReproducedExactly) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    log_seed_example(logger);
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0],
              R"({"timestamp":"2024-01-15T10:30:45.123Z","level":"INFO","service":"yao-portal",)"
              R"("instance":"yao-portal-7d4f8b9c-xyz",)"
              R"("trace_id":"550e8400-e29b-41d4-a716-446655440000",)"
              R"("span_id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8",)"
              R"("component":"json_rpc_handler","method":"eth_sendRawTransaction",)"
              R"("message":"Transaction submitted successfully",)"
              R"("fields":{"tx_hash":"0xabcd...","from":"0x1234...","gas_limit":21000,)"
              R"("gas_price":"20000000000"},"duration_ms":45,"error":null})");
    // Same document, member for member and in the same order, as the seed's pretty print.
    const auto seed = parse_json(kSeedExample);
    ASSERT_TRUE(seed.has_value());
    EXPECT_TRUE(same_json(parse_line(lines[0]), *seed));
}

TEST(LoggerJson, KeysAlwaysAppearInTheSeedOrder) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    // with_error before with_field, as in the seed's error example: order is still fixed.
    logger.error("Failed to execute transaction")
        .with_error("out of gas")
        .with_field("block_number", 7)
        .with_method("m")
        .log();
    logger.debug("bare").log();
    logger.flush();
    const std::vector<std::string> expected = {"timestamp", "level",   "service",     "instance",
                                               "trace_id",  "span_id", "component",   "method",
                                               "message",   "fields",  "duration_ms", "error"};
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 2u);
    for (const auto& line : lines) EXPECT_EQ(parse_line(line).keys(), expected) << line;
}

TEST(LoggerJson, UnsetAndEmptyOptionalKeysAreNull) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    logger.info("nothing set").log();
    logger.with_trace("", "").with_component("").info("empty strings").with_method("").log();
    logger.warn("empty error").with_error("").log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    const std::string nulls = R"("trace_id":null,"span_id":null,"component":null,"method":null,)";
    EXPECT_EQ(lines[0], R"({"timestamp":"2024-01-15T10:30:45.123Z","level":"INFO",)"
                        R"("service":"yao-portal","instance":"yao-portal-7d4f8b9c-xyz",)" +
                            nulls +
                            R"("message":"nothing set","fields":{},"duration_ms":null,)"
                            R"("error":null})");
    EXPECT_NE(lines[1].find(nulls), std::string::npos) << lines[1];
    // An error that was set is a string, even when empty.
    EXPECT_NE(lines[2].find(R"("duration_ms":null,"error":""})"), std::string::npos) << lines[2];
}

TEST(LoggerJson, EveryStringIsEscaped) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    const std::string nasty = std::string{"q\"b\\n\nt\tc\x01"} + '\0' + "\x7f\xC3\xA9\xFF";
    logger.with_component(nasty)
        .with_method(nasty)
        .with_trace(nasty, nasty)
        .info(nasty)
        .with_field(nasty, nasty)
        .with_error(nasty)
        .log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 1u);
    const std::string escaped = R"(q\"b\\n\nt\tc\u0001\u0000\u007f)"
                                "\xC3\xA9\xEF\xBF\xBD";
    const std::string s = "\"" + escaped + "\"";
    EXPECT_EQ(lines[0], R"({"timestamp":"2024-01-15T10:30:45.123Z","level":"INFO",)"
                        R"("service":"yao-portal","instance":"yao-portal-7d4f8b9c-xyz",)"
                        R"("trace_id":)" +
                            s + R"(,"span_id":)" + s + R"(,"component":)" + s + R"(,"method":)" +
                            s + R"(,"message":)" + s + R"(,"fields":{)" + s + ":" + s +
                            R"(},"duration_ms":null,"error":)" + s + "}");
    const JsonValue v = parse_line(lines[0]);
    const std::string decoded =
        std::string{"q\"b\\n\nt\tc\x01"} + '\0' + "\x7f\xC3\xA9\xEF\xBF\xBD";
    EXPECT_EQ(v.at("message").text, decoded);
}

struct Wei {
    uint64_t value;
};
// Found by argument-dependent lookup, like a to_string of a 256-bit integer type would be.
std::string to_string(const Wei& w) {
    return std::to_string(w.value) + "000000000";
}

TEST(LoggerJson, FieldValuesKeepTheirJsonType) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    Address addr;
    addr[0] = 0xab;
    addr[19] = 0x01;
    const Bytes data{0xde, 0xad};
    const std::string owned = "owned";
    logger.info("types")
        .with_field("i", -5)
        .with_field("u64", uint64_t{18446744073709551615u})
        .with_field("u8", uint8_t{255})
        .with_field("i8", int8_t{-1})
        .with_field("c", 'x')
        .with_field("b", false)
        .with_field("d", 1.5)
        .with_field("f", 0.25f)
        .with_field("s", owned)
        .with_field("sv", std::string_view{"view"})
        .with_field("addr", addr)
        .with_field("bytes", data)
        .with_field("none", std::optional<int>{})
        .with_field("some", std::optional<int>{3})
        .with_field("null", nullptr)
        .with_field("wei", Wei{20})
        .log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find(R"("fields":{"i":-5,"u64":18446744073709551615,"u8":255,"i8":-1,)"
                            R"("c":"x","b":false,"d":1.5,"f":0.25,"s":"owned","sv":"view",)"
                            R"("addr":"0xab00000000000000000000000000000000000001",)"
                            R"("bytes":"0xdead","none":null,"some":3,"null":null,)"
                            R"("wei":"20000000000"})"),
              std::string::npos)
        << lines[0];
}

TEST(LoggerJson, ErrorsComeFromErrorsStringsAndExceptions) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    logger.error("a").with_error(Error{Errc::kInvalidHexDigit, "at offset 3"}).log();
    logger.error("b").with_error(std::runtime_error{"disk full"}).log();
    logger.error("c").with_error("timeout").log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(parse_line(lines[0]).at("error").text, "common.invalid_hex_digit: at offset 3");
    EXPECT_EQ(parse_line(lines[1]).at("error").text, "disk full");
    EXPECT_EQ(parse_line(lines[2]).at("error").text, "timeout");
}

TEST(LoggerText, LineReadsLikeTheSpec) {
    auto c = std::make_shared<Collector>();
    Logger logger{text_config(c)};
    logger.with_component("json_rpc_handler")
        .info("Transaction submitted")
        .with_method("eth_sendRawTransaction")
        .with_field("tx_hash", "0xab..")
        .with_field("gas_limit", 21000)
        .with_duration(45ms)
        .log();
    logger.warn("Cache miss").with_field("key", "two words").with_error("stale").log();
    logger.with_trace("t1", "s1").error("multi\nline").with_duration(250us).log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0],
              "2024-01-15T10:30:45.123Z INFO  yao-portal json_rpc_handler eth_sendRawTransaction: "
              "Transaction submitted tx_hash=0xab.. gas_limit=21000 (45ms)");
    EXPECT_EQ(
        lines[1],
        R"(2024-01-15T10:30:45.123Z WARN  yao-portal: Cache miss key="two words" error=stale)");
    EXPECT_EQ(lines[2], R"(2024-01-15T10:30:45.123Z ERROR yao-portal: multi\nline )"
                        R"(trace_id=t1 span_id=s1 (0.25ms))");
}

TEST(LoggerLevels, DisabledLevelsProduceNothing) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c, Level::kWarn)};
    EXPECT_FALSE(logger.enabled(Level::kDebug));
    EXPECT_FALSE(logger.enabled(Level::kInfo));
    EXPECT_TRUE(logger.enabled(Level::kWarn));
    EXPECT_TRUE(logger.enabled(Level::kFatal));
    EXPECT_FALSE(logger.enabled(Level::kOff));
    EXPECT_FALSE(logger.debug("d").enabled());
    logger.debug("d").with_field("k", 1).log();
    logger.info("i").with_field("k", 1).log();
    logger.warn("w").log();
    logger.error("e").log();
    logger.flush();
    auto lines = c->lines();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(parse_line(lines[0]).at("level").text, "WARN");
    EXPECT_EQ(parse_line(lines[1]).at("level").text, "ERROR");

    const Logger child = logger.with_component("x");
    logger.set_level(Level::kDebug);  // shared with children
    EXPECT_TRUE(child.enabled(Level::kDebug));
    child.debug("now on").log();
    logger.set_level(Level::kOff);
    child.fatal("off means off").log();
    logger.flush();
    lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(parse_line(lines[2]).at("message").text, "now on");
}

TEST(LoggerLevels, DefaultConstructedLoggerIsSilent) {
    const Logger silent;
    EXPECT_FALSE(silent.enabled(Level::kFatal));
    silent.fatal("nothing").with_field("k", 1).log();
    silent.flush();
    EXPECT_EQ(silent.stats().accepted, 0u);
}

TEST(LoggerLevels, MovedFromLoggerIsSilent) {
    auto c = std::make_shared<Collector>();
    Logger a{json_config(c)};
    Logger b{std::move(a)};
    Logger d;
    d = std::move(b);
    EXPECT_FALSE(a.enabled(Level::kFatal));  // NOLINT(bugprone-use-after-move): the point
    EXPECT_FALSE(b.enabled(Level::kFatal));  // NOLINT(bugprone-use-after-move)
    a.fatal("from a").log();
    b.fatal("from b").log();
    d.info("from d").log();
    d.flush();
    ASSERT_EQ(c->size(), 1u);
    EXPECT_EQ(parse_line(c->lines()[0]).at("message").text, "from d");
}

TEST(LoggerLevels, LevelNamesParse) {
    EXPECT_EQ(to_string(Level::kWarn), "WARN");
    EXPECT_EQ(parse_level("warning").value(), Level::kWarn);
    EXPECT_EQ(parse_level("Debug").value(), Level::kDebug);
    EXPECT_EQ(parse_level("OFF").value(), Level::kOff);
    EXPECT_FALSE(parse_level("verbose").has_value());
}

struct Expensive {
    int* conversions;
};
std::string to_string(const Expensive& e) {
    ++*e.conversions;
    return "converted";
}

TEST(LoggerCost, DisabledRecordFormatsNothingAndAllocatesNothing) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c, Level::kInfo)};
    int conversions = 0;
    const std::string big(1000, 'x');
    const uint64_t before = tl_allocations;
    for (int i = 0; i < 1000; ++i) {
        logger.debug("disabled")
            .with_field("tx_hash", big)
            .with_field("gas_limit", 21000)
            .with_field("value", Expensive{&conversions})
            .with_error("e")
            .with_duration(5ms)
            .log();
    }
    EXPECT_EQ(tl_allocations - before, 0u);
    EXPECT_EQ(conversions, 0);
    logger.info("enabled").with_field("value", Expensive{&conversions}).log();
    EXPECT_EQ(conversions, 1);
}

TEST(LoggerCost, EnabledRecordAllocatesNothingAfterWarmUp) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    const Logger child = logger.with_component("json_rpc_handler");
    auto log_one = [&](int i) {
        child.info("Processing transaction")
            .with_field("tx_hash",
                        "0xabcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567")
            .with_field("gas_limit", 21000 + i)
            .with_field("ok", true)
            .with_duration(1ms)
            .log();
    };
    log_one(0);
    const uint64_t before = tl_allocations;
    for (int i = 1; i <= 100; ++i) log_one(i);
    EXPECT_EQ(tl_allocations - before, 0u);
    logger.flush();
    EXPECT_EQ(c->size(), 101u);
}

TEST(LoggerTimer, RecordsAtLeastTheElapsedTime) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    auto timer = logger.timer("block_execution");
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(20ms);
    timer.record("Block executed successfully").with_field("tx_count", 3).log();
    logger.info("explicit start").with_duration(start).log();
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 2u);
    const JsonValue timed = parse_line(lines[0]);
    EXPECT_EQ(timed.at("level").text, "INFO");
    EXPECT_GE(std::stod(timed.at("duration_ms").text), 20.0);
    EXPECT_EQ(timed.at("fields").keys(), (std::vector<std::string>{"operation", "tx_count"}));
    EXPECT_EQ(timed.at("fields").at("operation").text, "block_execution");
    EXPECT_GE(std::stod(parse_line(lines[1]).at("duration_ms").text), 20.0);
    EXPECT_GE(timer.elapsed(), 20ms);
}

TEST(LoggerChildren, CarryDefaultsThatRecordsCanOverride) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    const Logger rpc = logger.with_component("json_rpc_handler").with_trace("t", "s");
    rpc.info("a").log();
    rpc.with_method("eth_call").info("b").with_component("override").log();
    logger.info("c").log();  // the parent is unchanged
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_NE(lines[0].find(
                  R"("trace_id":"t","span_id":"s","component":"json_rpc_handler","method":null)"),
              std::string::npos);
    EXPECT_NE(lines[1].find(R"("component":"override","method":"eth_call")"), std::string::npos);
    EXPECT_NE(lines[2].find(R"("trace_id":null,"span_id":null,"component":null)"),
              std::string::npos);
}

TEST(LoggerRecords, MoveIntoVariablesAndNest) {
    auto c = std::make_shared<Collector>();
    Logger logger{json_config(c)};
    Record r = logger.info("built in steps").with_field("a", 1);
    r.with_field("b", 2);
    r.log();
    EXPECT_FALSE(r.enabled());
    r.log();  // a second log() is a no-op
    // A field value computed by code that logs itself (uses a second pooled record).
    logger.info("outer").with_field("inner", (logger.info("inner").log(), 7)).log();
    Record dropped = logger.info("never logged");
    dropped = Record{};
    logger.flush();
    const auto lines = c->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_NE(lines[0].find(R"("fields":{"a":1,"b":2})"), std::string::npos);
    EXPECT_EQ(parse_line(lines[1]).at("message").text, "inner");
    EXPECT_EQ(parse_line(lines[2]).at("message").text, "outer");
}

TEST(LoggerRecords, RecordKeepsTheSinkAliveAfterTheLoggerIsGone) {
    auto c = std::make_shared<Collector>();
    Record r;
    {
        Logger logger{json_config(c)};
        r = logger.info("late");
    }
    r.with_field("k", 1).log();  // last user: drains and stops the writer
    ASSERT_EQ(c->size(), 1u);
    EXPECT_NE(c->lines()[0].find(R"("message":"late","fields":{"k":1})"), std::string::npos);
}

TEST(LoggerFatal, IsWrittenBeforeLogReturnsAndDoesNotAbort) {
    auto c = std::make_shared<Collector>();
    Config config = json_config(c);
    config.flush_interval = std::chrono::hours{1};
    Logger logger{config};
    logger.info("before").log();
    logger.fatal("cannot start").with_error("port in use").log();
    const auto lines = c->lines();  // no flush() call
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(parse_line(lines[0]).at("message").text, "before");
    EXPECT_EQ(parse_line(lines[1]).at("level").text, "FATAL");
}

TEST(LoggerDefault, CanBeReplacedAndUsedAnywhere) {
    auto c = std::make_shared<Collector>();
    set_default_logger(Logger{json_config(c)});
    default_logger().with_component("anywhere").warn("hello").log();
    default_logger().flush();
    set_default_logger(Logger{});
    ASSERT_EQ(c->size(), 1u);
    EXPECT_EQ(parse_line(c->lines()[0]).at("component").text, "anywhere");
    EXPECT_FALSE(default_logger().enabled(Level::kFatal));
}

TEST(LoggerOutput, UnopenableFileIsAnErrorValueOrAFallback) {
    Config config;
    config.output = Output::file("/nonexistent-yaolog-dir/x.log");
    auto made = make_logger(config);
    ASSERT_FALSE(made.has_value());
    EXPECT_EQ(made.error().code(), std::error_code(ENOENT, std::generic_category()));

    config.level = Level::kOff;  // keep the fallback's warning off the test output
    Logger fallback{config};
    EXPECT_EQ(fallback.stats().accepted, 0u);
}

}  // namespace
}  // namespace yao::log
