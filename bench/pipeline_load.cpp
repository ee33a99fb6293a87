// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The whole in-process pipeline under load (issue #5): a DevNode (Chronos -> Vulcan -> Archive
// over the in-process bus) on a fresh SQLite file, fed with pre-signed transactions whose
// senders were recovered beforehand, as YaoPortal will feed it. No JSON-RPC. Measures
//   1. the entrance: decode + sender recovery + hash on every core (and DevNode::submit_raw),
//   2. committed native transfers per second, first submit() to the head update of the last,
//   3. the same for ERC-20 transfer(to, 1) calls,
//   4. submission-to-commit latency at a paced rate,
// with the time split by stage (the services' counters) and the CPU each service's threads used.
// One JSON object per line on stdout (scripts/bench_report.py renders them); progress and
// errors on stderr. Everything is bounded in count and time; nothing is asserted.
//
//   yao_pipeline_load [--senders=2000] [--native=60000] [--erc20=60000] [--rate=1000]
//                     [--latency-seconds=5] [--timeout-seconds=60] [--gas-limit=1000000000]
//                     [--interval-ms=20] [--workers=2]

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <yao/chain/transaction.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/config/config.hpp>
#include <yao/evm/test_util/erc20.hpp>
#include <yao/infra/thread.hpp>
#include <yao/infra/worker_pool.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/node/dev_node.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/vulcan/executor_service.hpp>
#include <yao/storage/sqlite_store.hpp>

namespace {

using namespace yao;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

constexpr uint64_t kChainId = 31337;
constexpr size_t kRecipients = 10'000;
const Uint256 kGwei{1'000'000'000};

struct Options {
    size_t senders = 2'000;
    size_t native = 60'000;
    size_t erc20 = 60'000;
    uint64_t rate = 1'000;  ///< latency run: transactions per second
    uint64_t latency_seconds = 5;
    uint64_t timeout_seconds = 60;  ///< per throughput run
    uint64_t gas_limit = 1'000'000'000;
    uint64_t interval_ms = 20;
    unsigned workers = 2;
};

bool parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const size_t eq = a.find('=');
        if (!a.starts_with("--") || eq == std::string_view::npos) return false;
        const std::string key{a.substr(2, eq - 2)};
        const uint64_t v = std::strtoull(std::string{a.substr(eq + 1)}.c_str(), nullptr, 10);
        if (key == "senders") o.senders = std::max<uint64_t>(v, 1);
        else if (key == "native") o.native = v;
        else if (key == "erc20") o.erc20 = v;
        else if (key == "rate") o.rate = std::clamp<uint64_t>(v, 1, 100'000);
        else if (key == "latency-seconds") o.latency_seconds = std::min<uint64_t>(v, 60);
        else if (key == "timeout-seconds") o.timeout_seconds = std::clamp<uint64_t>(v, 1, 600);
        else if (key == "gas-limit") o.gas_limit = std::max<uint64_t>(v, 21'000);
        else if (key == "interval-ms") o.interval_ms = std::max<uint64_t>(v, 1);
        else if (key == "workers")
            o.workers = static_cast<unsigned>(std::clamp<uint64_t>(v, 1, 64));
        else return false;
    }
    o.native = std::min<size_t>(o.native, 1'000'000);
    o.erc20 = std::min<size_t>(o.erc20, 1'000'000);
    o.senders = std::min<size_t>(o.senders, 100'000);
    return true;
}

void emit(const Json& j) { std::cout << j.dump() << std::endl; }

/// The 1-minute load average (other work on the machine shows in every number here).
double load_average() {
    std::ifstream f{"/proc/loadavg"};
    double one = -1;
    f >> one;
    return one;
}

void progress(const std::string& s) { std::cerr << "pipeline_load: " << s << std::endl; }

double seconds_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

uint64_t unix_ns() {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

/// Threads inherit their creator's name; the sequencer's threads are plain std::threads, so the
/// main thread takes a service's name while that service starts (see open_node).
void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

// ---------------------------------------------------------------------------------------------
// Accounts and transactions

struct Sender {
    Hash256 key;
    Address address;
};

std::vector<Sender> make_senders(size_t n, infra::WorkerPool& pool) {
    std::vector<Sender> out(n);
    pool.run(n, [&](size_t i) {
        const std::string seed = "yaoverse pipeline_load sender " + std::to_string(i);
        out[i].key = keccak256(as_bytes(seed));
        out[i].address = address_from_private_key(out[i].key).value();
    });
    return out;
}

Address recipient(size_t i) {
    Address a;
    a[0] = 0xbe;
    a[1] = 0xef;
    const auto v = static_cast<uint32_t>(i % kRecipients);
    for (size_t b = 0; b < 4; ++b) a[19 - b] = static_cast<uint8_t>(v >> (8 * b));
    return a;
}

Address token_address() {
    Address a;
    a[0] = 0xe2;
    a[1] = 0x0e;
    a[19] = 0x20;
    return a;
}

enum class Workload : uint8_t { kNative, kErc20 };

const char* name_of(Workload w) { return w == Workload::kNative ? "native" : "erc20"; }

/// `n` signed transfers, nonce-major over the senders (nonce 0 of every sender first), starting
/// at nonce `first_nonce`; their canonical bytes.
std::vector<Bytes> sign_transfers(Workload w, size_t n, const std::vector<Sender>& senders,
                                  uint64_t first_nonce, infra::WorkerPool& pool) {
    std::vector<Bytes> raw(n);
    const size_t s = senders.size();
    pool.run(n, [&](size_t i) {
        chain::Transaction t;
        t.type = chain::TxType::kDynamicFee;
        t.chain_id = kChainId;
        t.nonce = first_nonce + i / s;
        t.max_priority_fee_per_gas = kGwei;
        t.max_fee_per_gas = kGwei * Uint256{3};
        if (w == Workload::kNative) {
            t.gas_limit = 21'000;
            t.to = recipient(i);
            t.value = Uint256{1};
        } else {
            t.gas_limit = 100'000;
            t.to = token_address();
            t.data = evm::test::erc20_transfer_input(recipient(i), Uint256{1});
        }
        if (!chain::sign_transaction(t, senders[i % s].key)) std::abort();
        raw[i] = chain::encode_transaction(t);
    });
    return raw;
}

/// What the entrance does with a raw transaction: decode, recover the sender, hash.
struct Entrance {
    std::vector<proto::SignedTx> txs;
    size_t refused = 0;
    double seconds = 0;
};

Entrance recover_all(const std::vector<Bytes>& raw, infra::WorkerPool& pool) {
    std::vector<std::optional<proto::SignedTx>> slots(raw.size());
    const auto t0 = Clock::now();
    pool.run(raw.size(), [&](size_t i) {
        auto txn = chain::decode_transaction(raw[i]);
        if (!txn) return;
        auto sender = chain::recover_sender(*txn);
        if (!sender) return;
        const Hash256 hash = chain::transaction_hash(*txn);
        slots[i] = proto::SignedTx{std::move(*txn), hash, *sender, 0, {}};
    });
    Entrance e;
    e.seconds = seconds_between(t0, Clock::now());
    e.txs.reserve(raw.size());
    for (auto& s : slots) {
        if (s) e.txs.push_back(std::move(*s));
        else ++e.refused;
    }
    return e;
}

// ---------------------------------------------------------------------------------------------
// Per-thread CPU time (/proc/self/task), grouped by service through the thread names

struct ThreadCpu {
    std::string name;
    double seconds = 0;
};

std::map<int, ThreadCpu> thread_cpu() {
    std::map<int, ThreadCpu> out;
    static const double kTicks = static_cast<double>(sysconf(_SC_CLK_TCK));
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        std::ifstream stat{entry.path() / "stat"};
        std::string line;
        if (!std::getline(stat, line)) continue;
        const size_t open = line.find('('), close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos) continue;
        std::istringstream rest{line.substr(close + 2)};
        std::vector<std::string> fields{std::istream_iterator<std::string>{rest}, {}};
        if (fields.size() < 13) continue;  // fields[0] is field 3 (state); utime 14, stime 15
        const double ticks = std::stod(fields[11]) + std::stod(fields[12]);
        out[std::stoi(entry.path().filename().string())] =
            ThreadCpu{line.substr(open + 1, close - open - 1), ticks / kTicks};
    }
    return out;
}

std::string service_of(const std::string& thread) {
    if (thread.starts_with("vulcan-w")) return "vulcan workers";
    if (thread.starts_with("vulcan")) return "vulcan invalidation";
    if (thread.starts_with("archive")) return "archive";
    if (thread.starts_with("chronos")) return "chronos";
    if (thread.starts_with("client")) return "client submit";
    if (thread.starts_with("head-watch")) return "head watcher (benchmark)";
    return "other";
}

/// CPU seconds each service's threads used between two snapshots.
std::map<std::string, double> cpu_by_service(const std::map<int, ThreadCpu>& before,
                                             const std::map<int, ThreadCpu>& after) {
    std::map<std::string, double> out;
    for (const auto& [tid, t] : after) {
        const auto it = before.find(tid);
        const double used = t.seconds - (it == before.end() ? 0.0 : it->second.seconds);
        out[service_of(t.name)] += used;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Head updates: when each committed block arrived, what it held

class HeadWatcher {
public:
    struct Totals {
        uint64_t blocks = 0;
        uint64_t included = 0;
        uint64_t dropped = 0;
        uint64_t reexecuted = 0;
        Clock::time_point last;
    };

    static std::optional<std::unique_ptr<HeadWatcher>> start(mq::Bus& bus, bool keep_hashes) {
        auto consumer = bus.subscribe(proto::kCacheInvalidationTopic,
                                      {"", mq::Mode::kBroadcast, 1s, "pipeline-load"});
        if (!consumer) return std::nullopt;
        std::unique_ptr<HeadWatcher> w{new HeadWatcher(std::move(*consumer), keep_hashes)};
        auto t = infra::Thread::start("head-watch", [p = w.get()] { p->loop(); }, 1u << 20);
        if (!t) return std::nullopt;
        w->thread_ = std::move(*t);
        return w;
    }

    ~HeadWatcher() {
        stop_ = true;
        thread_.join();
    }

    /// Waits until `count` transactions were included or dropped, or until `deadline`.
    bool wait_for(uint64_t count, Clock::time_point deadline, const node::DevNode& node) {
        std::unique_lock lock{mutex_};
        while (totals_.included + totals_.dropped < count) {
            if (Clock::now() >= deadline || node.failure()) return false;
            cv_.wait_for(lock, 50ms);
        }
        return true;
    }

    Totals totals() const {
        std::lock_guard lock{mutex_};
        return totals_;
    }

    /// Included transaction hashes with the arrival of their block's head update.
    std::vector<std::pair<Hash256, Clock::time_point>> arrivals() const {
        std::lock_guard lock{mutex_};
        return arrivals_;
    }

private:
    HeadWatcher(std::unique_ptr<mq::Consumer> consumer, bool keep_hashes)
        : consumer_{std::move(consumer)}, keep_hashes_{keep_hashes} {}

    void loop() {
        while (!stop_) {
            auto polled = consumer_->poll(50ms);
            if (!polled || !*polled) continue;
            const auto arrived = Clock::now();
            auto update = proto::decode_head_update((*polled)->envelope.payload);
            if (!update) continue;
            std::lock_guard lock{mutex_};
            totals_.blocks += 1;
            totals_.included += update->included.size();
            totals_.dropped += update->dropped.size();
            totals_.reexecuted += update->reexecuted ? 1 : 0;
            totals_.last = arrived;
            if (keep_hashes_)
                for (const Hash256& h : update->included) arrivals_.emplace_back(h, arrived);
            cv_.notify_all();
        }
    }

    std::unique_ptr<mq::Consumer> consumer_;
    bool keep_hashes_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    Totals totals_;
    std::vector<std::pair<Hash256, Clock::time_point>> arrivals_;
    infra::Thread thread_;
};

// ---------------------------------------------------------------------------------------------
// Nodes

/// A temporary data directory, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "yao-pipeline-load-XXXXXX").string();
        if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

config::NodeConfig make_config(const Options& o, const std::vector<Sender>& senders,
                               bool with_token, size_t txs) {
    config::NodeConfig cfg = config::default_config();
    cfg.chain.gas_limit = o.gas_limit;
    cfg.chain.block_interval_ms = o.interval_ms;
    cfg.execution.workers = o.workers;
    cfg.genesis.dev_accounts.count = 0;
    cfg.genesis.timestamp = 1'750'000'000;
    cfg.mempool.max_total = std::max<uint64_t>(cfg.mempool.max_total, 2 * txs);
    cfg.mempool.max_per_sender =
        std::max<uint64_t>(cfg.mempool.max_per_sender, 2 * (txs / senders.size() + 1));
    cfg.store.in_memory = false;
    cfg.store.path.clear();
    cfg.log.level = "off";
    const Hash256 token_balance = Uint256{1'000'000'000'000ULL}.to_hash();
    config::GenesisAccount token;
    if (with_token) token.code = evm::test::erc20_runtime().bytes();
    for (const Sender& s : senders) {
        cfg.genesis.alloc[s.address].balance = config::kWeiPerEther * Uint256{1'000};
        if (with_token) token.storage[evm::test::erc20_balance_slot(s.address)] = token_balance;
    }
    if (with_token) cfg.genesis.alloc[token_address()] = std::move(token);
    return cfg;
}

struct RunningNode {
    std::unique_ptr<TempDir> dir;
    std::unique_ptr<node::DevNode> node;
    std::unique_ptr<HeadWatcher> heads;
    std::map<int, ThreadCpu> cpu_before;
};

/// Opens a node on a fresh SQLite file in a temporary directory, subscribes the head watcher
/// and starts the services.
std::optional<RunningNode> open_node(config::NodeConfig cfg, bool keep_hashes,
                                     std::string& why) {
    RunningNode r;
    r.dir = std::make_unique<TempDir>();
    if (r.dir->path().empty()) {
        why = "cannot create a temporary directory";
        return std::nullopt;
    }
    cfg.data_dir = r.dir->path();
    name_this_thread("bus");
    auto n = node::DevNode::open(std::move(cfg), log::Logger{});
    if (!n) {
        name_this_thread("client");
        why = "DevNode::open: " + n.error().message();
        return std::nullopt;
    }
    r.node = std::move(*n);
    auto w = HeadWatcher::start(r.node->bus(), keep_hashes);
    if (!w) {
        name_this_thread("client");
        why = "cannot watch cache-invalidation-topic";
        return std::nullopt;
    }
    r.heads = std::move(*w);
    r.cpu_before = thread_cpu();
    name_this_thread("chronos");  // the sequencer's std::threads inherit it
    auto started = r.node->start();
    name_this_thread("client");
    if (!started) {
        why = "DevNode::start: " + started.error().message();
        return std::nullopt;
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// The measurements

Json entrance_result(const Options& o, const std::vector<Bytes>& raw, infra::WorkerPool& pool,
                     const Entrance& e) {
    Json j;
    j["kind"] = "entrance";
    j["txs"] = raw.size();
    j["threads"] = pool.size();
    j["load_average_before"] = load_average();
    j["refused"] = e.refused;
    j["recover_tx_per_s"] = static_cast<double>(raw.size()) / e.seconds;
    j["recover_us_per_tx_per_core"] =
        e.seconds * 1e6 * static_cast<double>(pool.size()) / static_cast<double>(raw.size());

    // DevNode::submit_raw on a node that is never started: decode + recover + hash + batch
    // encode + publish to tx-ingress (kept by the bus, never committed). In memory: no disk.
    config::NodeConfig cfg = config::default_config();
    cfg.store.in_memory = true;
    cfg.genesis.dev_accounts.count = 0;
    cfg.genesis.timestamp = 1'750'000'000;
    cfg.log.level = "off";
    cfg.chain.gas_limit = o.gas_limit;
    auto node = node::DevNode::open(cfg, log::Logger{});
    if (!node) {
        j["submit_raw_not_measured"] = node.error().message();
        return j;
    }
    const size_t n = std::min<size_t>(raw.size(), 20'000);
    constexpr size_t kChunk = 1'024;
    size_t ok = 0;
    const auto t0 = Clock::now();
    for (size_t b = 0; b < n; b += kChunk) {
        const size_t len = std::min(kChunk, n - b);
        for (const auto& r : (*node)->submit_raw(std::span<const Bytes>{raw.data() + b, len}))
            ok += r ? 1 : 0;
    }
    const double s = seconds_between(t0, Clock::now());
    j["submit_raw_txs"] = n;
    j["submit_raw_accepted"] = ok;
    j["submit_raw_tx_per_s"] = static_cast<double>(n) / s;
    return j;
}

Json throughput(const Options& o, Workload w, const std::vector<Sender>& senders,
                std::vector<proto::SignedTx> txs) {
    Json j;
    j["kind"] = "throughput";
    j["workload"] = name_of(w);
    j["n"] = txs.size();
    j["load_average_before"] = load_average();
    std::string why;
    auto running =
        open_node(make_config(o, senders, w == Workload::kErc20, txs.size()), false, why);
    if (!running) {
        j["not_measured"] = why;
        return j;
    }
    node::DevNode& node = *running->node;
    const size_t n = txs.size();
    const uint64_t now_ns = unix_ns();
    for (auto& t : txs) t.received_unix_ns = now_ns;

    const auto t0 = Clock::now();
    auto submitted = node.submit(std::move(txs));
    const auto t_submitted = Clock::now();
    if (!submitted) {
        j["not_measured"] = "submit: " + submitted.error().message();
        node.stop(1s);
        return j;
    }
    const bool done =
        running->heads->wait_for(n, t0 + std::chrono::seconds{o.timeout_seconds}, node);
    const auto cpu_after = thread_cpu();
    const HeadWatcher::Totals totals = running->heads->totals();
    const vulcan::ExecutorStats vs = node.executor().stats();
    const archive::CommitStats as = node.archive().stats();
    const chronos::SequencerStats ss = node.sequencer().stats();
    const auto failure = node.failure();
    node.stop(done ? 5s : 1s);

    if (!done) {
        std::ostringstream reason;
        if (failure) reason << "the committer failed: " << failure->message();
        else reason << "timed out after " << o.timeout_seconds << " s";
        reason << " (" << totals.included << " of " << n << " committed, " << totals.dropped
               << " dropped, " << totals.blocks << " blocks)";
        j["not_measured"] = reason.str();
        return j;
    }
    const double seconds = seconds_between(t0, totals.last);
    const auto committed = static_cast<double>(totals.included);
    const auto per_tx = [&](uint64_t ns) {
        return committed > 0 ? static_cast<double>(ns) / 1e3 / committed : 0.0;
    };
    j["committed"] = totals.included;
    j["dropped"] = totals.dropped;
    j["seconds"] = seconds;
    j["tx_per_s"] = committed / seconds;
    j["blocks"] = totals.blocks;
    j["avg_txs_per_block"] = totals.blocks ? committed / static_cast<double>(totals.blocks) : 0.0;
    j["reexecuted_blocks"] = as.reexecuted;
    j["proposals"] = ss.proposals;
    j["submit_seconds"] = seconds_between(t0, t_submitted);

    // Stage timers of the services: wall time inside each stage, summed over the threads that
    // run it, per committed transaction.
    const uint64_t submit_ns = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(t_submitted - t0).count());
    Json stages = Json::array();
    const auto stage = [&](const char* service, const char* name, uint64_t ns, unsigned threads) {
        stages.push_back({{"service", service},
                          {"stage", name},
                          {"us_per_tx", per_tx(ns)},
                          {"threads", threads},
                          {"busy", static_cast<double>(ns) / 1e9 / seconds / threads}});
    };
    stage("entrance", "batch encode + publish (client)", submit_ns, 1);
    stage("vulcan", "decode", vs.decode_ns, o.workers);
    stage("vulcan", "prefetch", vs.prefetch_ns, o.workers);
    stage("vulcan", "execute", vs.execute_ns, o.workers);
    stage("vulcan", "publish", vs.publish_ns, o.workers);
    stage("archive", "decode", as.decode_ns, 1);
    stage("archive", "validate", as.validate_ns, 1);
    stage("archive", "re-execute", as.reexecute_ns, 1);
    stage("archive", "commit", as.commit_ns, 1);
    stage("archive", "publish", as.publish_ns, 1);
    j["stages"] = std::move(stages);
    j["vulcan_busy"] =
        static_cast<double>(vs.decode_ns + vs.prefetch_ns + vs.execute_ns + vs.publish_ns) / 1e9 /
        seconds / o.workers;
    j["archive_busy"] = static_cast<double>(as.decode_ns + as.validate_ns + as.reexecute_ns +
                                             as.commit_ns + as.publish_ns) /
                         1e9 / seconds;

    // CPU time by service (per-thread counters of the kernel, 10 ms resolution).
    Json cpu = Json::object();
    double total_cpu = 0;
    for (const auto& [service, s] : cpu_by_service(running->cpu_before, cpu_after)) {
        cpu[service] = s * 1e6 / committed;
        total_cpu += s;
    }
    j["cpu_us_per_tx"] = std::move(cpu);
    j["cpu_us_per_tx_total"] = total_cpu * 1e6 / committed;
    j["cpu_cores_busy"] = total_cpu / seconds;
    return j;
}

double percentile(std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}

Json latency(const Options& o, const std::vector<Sender>& senders,
             std::vector<proto::SignedTx> txs) {
    Json j;
    j["kind"] = "latency";
    j["workload"] = "native";
    j["rate"] = o.rate;
    j["seconds"] = o.latency_seconds;
    j["load_average_before"] = load_average();
    std::string why;
    auto running = open_node(make_config(o, senders, false, txs.size()), true, why);
    if (!running) {
        j["not_measured"] = why;
        return j;
    }
    node::DevNode& node = *running->node;
    // Batches on a 10 ms timer (fewer, larger ones above 100,000 tx/s are not needed here).
    constexpr auto kTick = 10ms;
    const size_t per_tick = std::max<size_t>(1, o.rate / 100);
    std::unordered_map<Hash256, Clock::time_point> sent;
    sent.reserve(txs.size());
    const auto start = Clock::now();
    size_t next = 0;
    std::optional<std::string> error;
    for (size_t tick = 0; next < txs.size(); ++tick) {
        std::this_thread::sleep_until(start + static_cast<int64_t>(tick) * kTick);
        const size_t end = std::min(txs.size(), next + per_tick);
        std::vector<proto::SignedTx> batch;
        batch.reserve(end - next);
        const auto now = Clock::now();
        const uint64_t now_ns = unix_ns();
        for (; next < end; ++next) {
            txs[next].received_unix_ns = now_ns;
            sent.emplace(txs[next].hash, now);
            batch.push_back(std::move(txs[next]));
        }
        if (auto r = node.submit(std::move(batch)); !r) {
            error = "submit: " + r.error().message();
            break;
        }
    }
    const auto submitted_by = Clock::now();
    const bool done =
        !error && running->heads->wait_for(sent.size(), submitted_by + 15s, node);
    const HeadWatcher::Totals totals = running->heads->totals();
    const auto arrivals = running->heads->arrivals();
    const archive::CommitStats as = node.archive().stats();
    node.stop(done ? 5s : 1s);

    std::vector<double> ms;
    ms.reserve(arrivals.size());
    // The same by the second of submission, to tell a stall from a steady delay.
    std::vector<std::vector<double>> by_second(o.latency_seconds + 1);
    for (const auto& [hash, at] : arrivals) {
        if (auto it = sent.find(hash); it != sent.end()) {
            const double l = std::chrono::duration<double, std::milli>(at - it->second).count();
            ms.push_back(l);
            const auto sec = static_cast<size_t>(seconds_between(start, it->second));
            by_second[std::min(sec, by_second.size() - 1)].push_back(l);
        }
    }
    std::sort(ms.begin(), ms.end());
    Json seconds_json = Json::array();
    for (auto& v : by_second) {
        if (v.empty()) continue;
        std::sort(v.begin(), v.end());
        seconds_json.push_back({{"txs", v.size()},
                                {"p50_ms", percentile(v, 0.5)},
                                {"max_ms", v.back()}});
    }
    j["by_submit_second"] = std::move(seconds_json);
    j["submitted"] = sent.size();
    j["committed"] = totals.included;
    j["dropped"] = totals.dropped;
    j["submit_seconds"] = seconds_between(start, submitted_by);
    if (error || !done || ms.empty()) {
        std::ostringstream reason;
        if (error) reason << *error;
        else reason << "not all committed within 15 s of the last submission";
        reason << " (" << totals.included << " of " << sent.size() << " committed)";
        j["not_measured"] = reason.str();
        return j;
    }
    j["blocks"] = totals.blocks;
    j["avg_txs_per_block"] =
        static_cast<double>(totals.included) / static_cast<double>(totals.blocks);
    j["reexecuted_blocks"] = as.reexecuted;
    j["p50_ms"] = percentile(ms, 0.50);
    j["p90_ms"] = percentile(ms, 0.90);
    j["p99_ms"] = percentile(ms, 0.99);
    j["max_ms"] = ms.back();
    return j;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse_options(argc, argv, o)) {
        std::cerr << "usage: yao_pipeline_load [--senders=N] [--native=N] [--erc20=N] [--rate=N]"
                     " [--latency-seconds=N] [--timeout-seconds=N] [--gas-limit=N]"
                     " [--interval-ms=N] [--workers=N]\n";
        return 2;
    }
    name_this_thread("client");
    infra::WorkerPool pool;
    const size_t latency_txs = static_cast<size_t>(o.rate * o.latency_seconds);

    Json cond;
    cond["kind"] = "conditions";
    cond["store"] = "SQLite file (fresh, temporary directory)";
    cond["sqlite_journal"] = "WAL";
    cond["sqlite_synchronous"] = storage::SqliteOptions{}.durable ? "FULL" : "NORMAL";
    cond["block_interval_ms"] = o.interval_ms;
    cond["workers"] = o.workers;
    cond["senders"] = o.senders;
    cond["recipients"] = kRecipients;
    cond["native_n"] = o.native;
    cond["erc20_n"] = o.erc20;
    cond["gas_limit"] = o.gas_limit;
    cond["max_inflight_blocks"] = config::default_config().chain.max_inflight_blocks;
    cond["latency_rate"] = o.rate;
    cond["latency_seconds"] = o.latency_seconds;
    cond["timeout_seconds"] = o.timeout_seconds;
    cond["cores"] = std::thread::hardware_concurrency();
    emit(cond);

    progress("deriving " + std::to_string(o.senders) + " sender keys");
    const std::vector<Sender> senders = make_senders(o.senders, pool);

    // Native transfers: signed, then through the entrance (timed: measurement 1).
    progress("signing " + std::to_string(o.native) + " native transfers");
    std::vector<Bytes> raw = sign_transfers(Workload::kNative, o.native, senders, 0, pool);
    Entrance native = recover_all(raw, pool);
    if (!raw.empty()) emit(entrance_result(o, raw, pool, native));
    raw.clear();
    raw.shrink_to_fit();

    if (!native.txs.empty()) {
        progress("native transfers through the pipeline");
        emit(throughput(o, Workload::kNative, senders, std::move(native.txs)));
    }

    if (o.erc20 > 0) {
        progress("signing " + std::to_string(o.erc20) + " ERC-20 transfers");
        raw = sign_transfers(Workload::kErc20, o.erc20, senders, 0, pool);
        Entrance erc20 = recover_all(raw, pool);
        raw.clear();
        raw.shrink_to_fit();
        progress("ERC-20 transfers through the pipeline");
        emit(throughput(o, Workload::kErc20, senders, std::move(erc20.txs)));
    }

    if (latency_txs > 0) {
        progress("latency at " + std::to_string(o.rate) + " tx/s for " +
                 std::to_string(o.latency_seconds) + " s");
        raw = sign_transfers(Workload::kNative, latency_txs, senders, 0, pool);
        Entrance lat = recover_all(raw, pool);
        raw.clear();
        emit(latency(o, senders, std::move(lat.txs)));
    }
    progress("done");
    return 0;
}
