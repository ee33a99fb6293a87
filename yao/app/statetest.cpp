// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "statetest.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>

#include <pthread.h>
#include <nlohmann/json.hpp>

#include <yao/chain/processor.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/state/state.hpp>

#include "state_root.hpp"
#include "statetest_verdict.hpp"

namespace yao::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// keccak256(rlp([])): the logs hash of a transaction without logs.
constexpr Hash256 kEmptyListHash{{0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5,
                                  0x67, 0xb6, 0xcc, 0xd4, 0x1a, 0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a,
                                  0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47}};

// Fixture content we cannot parse. Caught per test and reported as a failure; it never leaves
// this file.
struct FixtureError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---- fixture parsing ------------------------------------------------------------------------

const std::string& as_string(const json& j, const char* what) {
    if (!j.is_string()) throw FixtureError{std::string{what} + ": not a string"};
    return j.get_ref<const std::string&>();
}

// A well-formed number too wide for the field that holds it. In a transaction this is the
// fixture's invalid transaction (its expectException), not a runner error.
struct ValueTooWide : FixtureError {
    using FixtureError::FixtureError;
};

// Hex digits of a number as the fillers write it: "0x..." or "0x:bigint 0x..." (the notation of
// values beyond 64 bits); empty for zero.
std::string_view number_digits(std::string_view s) {
    if (s.starts_with("0x:bigint ")) s.remove_prefix(10);
    if (s.starts_with("0x") || s.starts_with("0X")) s.remove_prefix(2);
    while (!s.empty() && s.front() == '0') s.remove_prefix(1);
    return s;
}

Uint256 parse_u256(const json& j, const char* what) {
    const std::string& text = as_string(j, what);
    const std::string_view digits = number_digits(text);
    if (digits.empty()) return {};
    if (digits.size() > 64) throw ValueTooWide{std::string{what} + ": wider than 256 bits"};
    auto v = Uint256::from_string("0x" + std::string{digits});
    if (!v) throw FixtureError{std::string{what} + ": " + v.error().message()};
    return *v;
}

uint64_t parse_u64(const json& j, const char* what) {
    const Uint256 v = parse_u256(j, what);
    if (!v.fits_u64()) throw ValueTooWide{std::string{what} + ": above 2^64 - 1"};
    return v.low64();
}

uint8_t parse_u8(const json& j, const char* what) {
    const Uint256 v = parse_u256(j, what);
    if (v > Uint256{255}) throw ValueTooWide{std::string{what} + ": above 255"};
    return static_cast<uint8_t>(v.low64());
}

Bytes parse_bytes(const json& j, const char* what) {
    std::string_view s = as_string(j, what);
    if (s.starts_with(":raw ")) s.remove_prefix(5);
    auto b = from_hex(s);
    if (!b) throw FixtureError{std::string{what} + ": " + b.error().message()};
    return std::move(*b);
}

Address parse_address(const json& j, const char* what) {
    auto a = address_from_hex(as_string(j, what));
    if (!a) throw FixtureError{std::string{what} + ": " + a.error().message()};
    return *a;
}

Hash256 parse_word(const json& j, const char* what) {
    return parse_u256(j, what).to_hash();
}

Hash256 parse_hash(const json& j, const char* what) {
    auto h = hash_from_hex(as_string(j, what));
    if (!h) throw FixtureError{std::string{what} + ": " + h.error().message()};
    return *h;
}

state::MemoryStateView parse_pre(const json& pre) {
    state::MemoryStateView view;
    for (const auto& [addr_text, acc] : pre.items()) {
        const Address addr = parse_address(json(addr_text), "pre address");
        const Bytes code = parse_bytes(acc.at("code"), "code");
        view.set_account_with_code(addr, parse_u64(acc.at("nonce"), "nonce"),
                                   parse_u256(acc.at("balance"), "balance"), code);
        for (const auto& [key, value] : acc.at("storage").items())
            view.set_storage(addr, parse_word(json(key), "storage key"),
                             parse_word(value, "storage value"));
    }
    return view;
}

chain::BlockEnv parse_env(const json& env) {
    chain::BlockEnv b;
    b.number = parse_u64(env.at("currentNumber"), "currentNumber");
    b.timestamp = parse_u64(env.at("currentTimestamp"), "currentTimestamp");
    b.coinbase = parse_address(env.at("currentCoinbase"), "currentCoinbase");
    b.gas_limit = parse_u64(env.at("currentGasLimit"), "currentGasLimit");
    if (env.contains("currentRandom"))
        b.prev_randao = parse_word(env.at("currentRandom"), "currentRandom");
    else if (env.contains("currentDifficulty"))
        b.prev_randao = parse_word(env.at("currentDifficulty"), "currentDifficulty");
    if (env.contains("currentBaseFee"))
        b.base_fee = parse_u256(env.at("currentBaseFee"), "currentBaseFee");
    if (env.contains("currentExcessBlobGas"))
        b.excess_blob_gas = parse_u64(env.at("currentExcessBlobGas"), "currentExcessBlobGas");
    b.chain_id = 1;
    // The reference runners' convention: BLOCKHASH(n) = keccak256 of n in ASCII decimal.
    b.block_hash = [](uint64_t n) { return keccak256(as_bytes(std::to_string(n))); };
    return b;
}

chain::AccessList parse_access_list(const json& j) {
    chain::AccessList list;
    for (const json& e : j) {
        chain::AccessListEntry entry;
        entry.address = parse_address(e.at("address"), "access list address");
        for (const json& k : e.at("storageKeys"))
            entry.storage_keys.push_back(parse_word(k, "access list key"));
        list.push_back(std::move(entry));
    }
    return list;
}

chain::AuthorizationList parse_authorization_list(const json& j) {
    chain::AuthorizationList list;
    for (const json& e : j) {
        chain::Authorization a;
        a.chain_id = parse_u256(e.at("chainId"), "authorization chainId");
        a.address = parse_address(e.at("address"), "authorization address");
        a.nonce = parse_u64(e.at("nonce"), "authorization nonce");
        a.y_parity = parse_u8(e.contains("yParity") ? e.at("yParity") : e.at("v"),
                              "authorization yParity");
        a.r = parse_u256(e.at("r"), "authorization r");
        a.s = parse_u256(e.at("s"), "authorization s");
        list.push_back(std::move(a));
    }
    return list;
}

// The unsigned transaction the template and the indexes describe.
chain::Transaction build_transaction(const json& t, size_t d, size_t g, size_t v) {
    chain::Transaction txn;
    txn.nonce = parse_u64(t.at("nonce"), "nonce");
    txn.gas_limit = parse_u64(t.at("gasLimit").at(g), "gasLimit");
    txn.value = parse_u256(t.at("value").at(v), "value");
    txn.data = parse_bytes(t.at("data").at(d), "data");
    const std::string& to = as_string(t.at("to"), "to");
    if (!to.empty()) txn.to = parse_address(t.at("to"), "to");
    const bool has_access_list = t.contains("accessLists") && d < t.at("accessLists").size() &&
                                 !t.at("accessLists").at(d).is_null();
    if (has_access_list) txn.access_list = parse_access_list(t.at("accessLists").at(d));
    if (t.contains("maxFeePerGas")) {
        txn.type = chain::TxType::kDynamicFee;
        txn.max_fee_per_gas = parse_u256(t.at("maxFeePerGas"), "maxFeePerGas");
        txn.max_priority_fee_per_gas =
            parse_u256(t.at("maxPriorityFeePerGas"), "maxPriorityFeePerGas");
    } else {
        txn.type = has_access_list ? chain::TxType::kAccessList : chain::TxType::kLegacy;
        txn.gas_price = parse_u256(t.at("gasPrice"), "gasPrice");
    }
    if (t.contains("maxFeePerBlobGas")) {
        txn.type = chain::TxType::kBlob;
        txn.max_fee_per_blob_gas = parse_u256(t.at("maxFeePerBlobGas"), "maxFeePerBlobGas");
        for (const json& h : t.at("blobVersionedHashes"))
            txn.blob_versioned_hashes.push_back(parse_hash(h, "blobVersionedHashes"));
    }
    if (t.contains("authorizationList") && !t.at("authorizationList").is_null()) {
        txn.type = chain::TxType::kSetCode;
        txn.authorization_list = parse_authorization_list(t.at("authorizationList"));
    }
    if (txn.type != chain::TxType::kLegacy) txn.chain_id = 1;
    return txn;
}

// Names the first field where the decoded txbytes differ from the template (signature and a
// legacy transaction's EIP-155 chain id aside), or empty when they agree.
std::string compare_with_template(const chain::Transaction& decoded,
                                  const chain::Transaction& tmpl) {
    if (decoded.type != tmpl.type) return "type";
    if (decoded.type != chain::TxType::kLegacy && decoded.chain_id != tmpl.chain_id)
        return "chain id";
    if (decoded.nonce != tmpl.nonce) return "nonce";
    if (decoded.gas_price != tmpl.gas_price) return "gas price";
    if (decoded.max_fee_per_gas != tmpl.max_fee_per_gas) return "max fee per gas";
    if (decoded.max_priority_fee_per_gas != tmpl.max_priority_fee_per_gas)
        return "max priority fee per gas";
    if (decoded.gas_limit != tmpl.gas_limit) return "gas limit";
    if (decoded.to != tmpl.to) return "to";
    if (decoded.value != tmpl.value) return "value";
    if (decoded.data != tmpl.data) return "data";
    if (decoded.access_list != tmpl.access_list) return "access list";
    if (decoded.max_fee_per_blob_gas != tmpl.max_fee_per_blob_gas) return "max fee per blob gas";
    if (decoded.blob_versioned_hashes != tmpl.blob_versioned_hashes) return "blob hashes";
    if (decoded.authorization_list != tmpl.authorization_list) return "authorization list";
    return {};
}

Hash256 logs_hash(const std::vector<chain::Log>& logs) {
    Bytes payload;
    for (const chain::Log& log : logs) chain::encode_log(payload, log);
    Bytes list;
    rlp::encode_list(list, payload);
    return keccak256(list);
}

// ---- running ----------------------------------------------------------------------------------


struct RunContext {
    const StateTestOptions& options;
    evm::Revision rev;
};

std::string hex(const Hash256& h) {
    return to_hex(h.view());
}

// Runs one post entry and returns why it failed (empty when it passed).
std::string run_entry(const RunContext& ctx, const json& test, const json& entry,
                      state::MemoryStateView& pre, const chain::BlockEnv& env, size_t d, size_t g,
                      size_t v) {
    const json& t = test.at("transaction");
    const bool expect_exception = entry.contains("expectException");
    const std::string expected =
        expect_exception ? as_string(entry.at("expectException"), "expectException") : "";
    const Hash256 want_root = parse_hash(entry.at("hash"), "hash");
    const Hash256 want_logs = parse_hash(entry.at("logs"), "logs");

    // The state stays the pre-state when the transaction is rejected.
    auto rejected = [&](const std::string& why) -> std::string {
        if (!expect_exception) return "transaction rejected: " + why;
        const Hash256 root = mpt_state_root(pre);
        if (root != want_root)
            return "state root after rejection " + hex(root) + ", want " + hex(want_root);
        return {};
    };

    chain::Transaction txn;
    try {
        txn = build_transaction(t, d, g, v);
    } catch (const ValueTooWide& e) {
        return rejected(e.what());
    }
    std::optional<Address> sender;
    if (t.contains("secretKey") && !as_string(t.at("secretKey"), "secretKey").empty()) {
        const Hash256 key = parse_hash(t.at("secretKey"), "secretKey");
        auto a = address_from_private_key(key);
        if (!a) return "secretKey: " + a.error().message();
        sender = *a;
        if (t.contains("sender") && parse_address(t.at("sender"), "sender") != *sender)
            return "secretKey does not match sender";
    } else if (t.contains("sender")) {
        sender = parse_address(t.at("sender"), "sender");
    } else {
        return "transaction has neither secretKey nor sender";
    }

    if (entry.contains("txbytes")) {
        const Bytes raw = parse_bytes(entry.at("txbytes"), "txbytes");
        auto decoded = chain::decode_transaction(raw);
        if (!decoded) return rejected("txbytes do not decode: " + decoded.error().message());
        if (const std::string field = compare_with_template(*decoded, txn); !field.empty())
            return "txbytes differ from the template in " + field;
        auto recovered = chain::recover_sender(*decoded);
        if (!recovered) return rejected("signature: " + recovered.error().message());
        if (*recovered != *sender)
            return "txbytes signed by " + to_hex(recovered->view()) + ", not the test's sender";
        if (chain::encode_transaction(*decoded) != raw) return "txbytes do not re-encode";
        txn = std::move(*decoded);
    } else if (t.contains("secretKey")) {
        if (auto s = chain::sign_transaction(txn, parse_hash(t.at("secretKey"), "secretKey")); !s)
            return "signing: " + s.error().message();
    }

    state::State st{pre};
    auto res = chain::apply_transaction(st, env, txn, *sender, ctx.rev);
    if (!res) return rejected(res.error().message());
    if (expect_exception)
        return "expected exception " + expected + " but the transaction was valid";

    state::MemoryStateView post = pre;
    state::apply_write_set(post, st.write_set());
    const Hash256 root = mpt_state_root(post);
    const Hash256 got_logs = logs_hash(res->receipt.logs);
    std::string why;
    if (root != want_root) why = "state root " + hex(root) + ", want " + hex(want_root);
    if (got_logs != want_logs) {
        if (!why.empty()) why += "; ";
        why += "logs hash " + hex(got_logs) + ", want " + hex(want_logs);
    }
    return why;
}

FileReport run_file(const RunContext& ctx, const fs::path& path, const std::string& rel) {
    FileReport report;
    auto add_failure = [&](std::string test, std::string reason) {
        EntryResult r;
        r.id = rel + ":" + test;
        r.file = rel;
        r.test = std::move(test);
        r.reason = std::move(reason);
        report.failures.push_back(std::move(r));
    };
    json doc;
    try {
        std::ifstream in{path};
        if (!in) {
            add_failure("", "cannot open the file");
            return report;
        }
        doc = json::parse(in);
    } catch (const std::exception& e) {
        add_failure("", std::string{"invalid JSON: "} + e.what());
        return report;
    }
    if (!doc.is_object()) return report;
    for (const auto& [name, test] : doc.items()) {
        if (!test.is_object() || !test.contains("post")) continue;
        const json& post = test.at("post");
        if (!post.contains(ctx.options.fork)) continue;
        const std::string test_id = rel + ":" + name;
        std::optional<state::MemoryStateView> pre;
        chain::BlockEnv env;
        try {
            pre = parse_pre(test.at("pre"));
            env = parse_env(test.at("env"));
        } catch (const std::exception& e) {
            if (ctx.options.filter.empty() || test_id.find(ctx.options.filter) != std::string::npos)
                add_failure(name, std::string{"fixture: "} + e.what());
            continue;
        }
        for (const json& entry : post.at(ctx.options.fork)) {
            EntryResult r;
            r.file = rel;
            r.test = name;
            try {
                const json& idx = entry.at("indexes");
                r.d = idx.at("data").get<size_t>();
                r.g = idx.at("gas").get<size_t>();
                r.v = idx.at("value").get<size_t>();
            } catch (const std::exception& e) {
                add_failure(name, std::string{"fixture indexes: "} + e.what());
                continue;
            }
            r.id = test_id + ":d" + std::to_string(r.d) + "g" + std::to_string(r.g) + "v" +
                   std::to_string(r.v);
            if (!ctx.options.filter.empty() && r.id.find(ctx.options.filter) == std::string::npos)
                continue;
            try {
                r.reason = run_entry(ctx, test, entry, *pre, env, r.d, r.g, r.v);
            } catch (const std::exception& e) {
                r.reason = std::string{"fixture: "} + e.what();
            }
            if (r.reason.empty()) {
                ++report.passed;
                if (!ctx.options.known_failures.empty()) report.passed_ids.push_back(r.id);
                continue;
            }
            report.failures.push_back(std::move(r));
        }
    }
    return report;
}

// Every *.json file under the paths, with the name it is reported under (relative to the
// directory given, or the file name for a file given directly).
std::vector<std::pair<fs::path, std::string>> collect_files(const std::vector<std::string>& paths,
                                                            std::string& error) {
    std::vector<std::pair<fs::path, std::string>> files;
    for (const std::string& p : paths) {
        std::error_code ec;
        const fs::path root{p};
        if (fs::is_directory(root, ec)) {
            std::vector<std::pair<fs::path, std::string>> found;
            for (auto it = fs::recursive_directory_iterator(root, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file() && it->path().extension() == ".json")
                    found.emplace_back(it->path(), it->path().lexically_relative(root).string());
            }
            if (ec) {
                error = "cannot read " + p + ": " + ec.message();
                return {};
            }
            std::sort(found.begin(), found.end(),
                      [](const auto& a, const auto& b) { return a.second < b.second; });
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(root, ec)) {
            files.emplace_back(root, root.filename().string());
        } else {
            error = "no such file or directory: " + p;
            return {};
        }
    }
    return files;
}

// 1024 nested EVM frames take about 2 MiB of stack in a release build and far more with
// sanitizers; the default thread stack (8 MiB, or 2 MiB when unlimited) is not enough for all.
constexpr size_t kWorkerStackSize = size_t{512} << 20;

void* run_worker(void* arg) {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
}

// Runs `work` on `n` threads with kWorkerStackSize stacks and waits for them.
void run_on_big_stacks(unsigned n, std::function<void()> work) {
    std::vector<pthread_t> threads;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, kWorkerStackSize);
    for (unsigned i = 0; i < n; ++i) {
        pthread_t t;
        if (pthread_create(&t, &attr, run_worker, &work) == 0) threads.push_back(t);
    }
    pthread_attr_destroy(&attr);
    if (threads.empty()) work();  // no thread could start: run here
    for (pthread_t t : threads) pthread_join(t, nullptr);
}

std::optional<evm::Revision> revision_of(std::string_view fork) {
    if (fork == "Shanghai") return evm::Revision::kShanghai;
    if (fork == "Cancun") return evm::Revision::kCancun;
    if (fork == "Prague") return evm::Revision::kPrague;
    if (fork == "Osaka") return evm::Revision::kOsaka;
    return std::nullopt;
}

void print_usage(std::FILE* out) {
    std::fputs(
        "usage: yaoverse statetest [--fork Osaka] [--filter SUBSTRING] [--json]\n"
        "                          [--known-failures FILE] [--min-entries N] [--threads N]\n"
        "                          PATH...\n"
        "\n"
        "Runs Ethereum state-test fixtures (files or directories, recursive) and compares the\n"
        "post-state root and logs hash of every post entry of the fork (Shanghai, Cancun,\n"
        "Prague or Osaka). Test ids are FILE:TEST:dDgGvV. Every entry passes or fails; none is\n"
        "skipped. With --known-failures FILE (lines \"ID | EXPECTED FAILURE TEXT | WHY\"), a\n"
        "listed entry may fail with a reason containing its expected text; the run fails on any\n"
        "other failure, on a listed entry that passes and, in an unfiltered run, on a listed\n"
        "entry that did not run (stale). --min-entries fails a run of fewer entries.\n",
        out);
}

}  // namespace

bool parse_statetest_args(std::span<const std::string_view> args, StateTestOptions& options,
                          std::string& error) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) {
                error = std::string{a} + " needs a value";
                return false;
            }
            out = args[++i];
            return true;
        };
        if (a == "--fork") {
            if (!value(options.fork)) return false;
        } else if (a == "--filter") {
            if (!value(options.filter)) return false;
        } else if (a == "--known-failures") {
            if (!value(options.known_failures)) return false;
        } else if (a == "--min-entries") {
            std::string n;
            if (!value(n)) return false;
            try {
                options.min_entries = std::stoul(n);
            } catch (const std::exception&) {
                error = "--min-entries needs a number";
                return false;
            }
        } else if (a == "--threads") {
            std::string n;
            if (!value(n)) return false;
            try {
                options.threads = static_cast<unsigned>(std::stoul(n));
            } catch (const std::exception&) {
                error = "--threads needs a number";
                return false;
            }
            if (options.threads == 0) options.threads = 1;
        } else if (a == "--json") {
            options.json = true;
        } else if (a.starts_with("--")) {
            error = "unknown option " + std::string{a};
            return false;
        } else {
            options.paths.emplace_back(a);
        }
    }
    if (options.paths.empty()) {
        error = "no fixture path given";
        return false;
    }
    if (!revision_of(options.fork)) {
        error = "unsupported fork " + options.fork + " (Shanghai, Cancun, Prague or Osaka)";
        return false;
    }
    return true;
}

int run_statetest(const StateTestOptions& options) {
    std::string error;
    const auto files = collect_files(options.paths, error);
    if (!error.empty()) {
        std::fprintf(stderr, "yaoverse statetest: %s\n", error.c_str());
        return 2;
    }
    KnownFailures known;
    if (!options.known_failures.empty() && !read_known_failures(options.known_failures, known,
                                                                error)) {
        std::fprintf(stderr, "yaoverse statetest: %s\n", error.c_str());
        return 2;
    }

    const RunContext ctx{options, *revision_of(options.fork)};
    std::vector<FileReport> reports(files.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next.fetch_add(1, std::memory_order_relaxed); i < files.size();
             i = next.fetch_add(1, std::memory_order_relaxed))
            reports[i] = run_file(ctx, files[i].first, files[i].second);
    };
    run_on_big_stacks(
        std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(files.size()))),
        worker);

    const Verdict verdict = judge(reports, known, options.filter.empty());
    if (options.json)
        print_json(verdict, known);
    else
        print_text(verdict, known);
    std::fflush(stdout);
    const size_t entries = verdict.passed + verdict.failures.size();
    if (entries == 0 || entries < options.min_entries) {
        std::fprintf(stderr,
                     "yaoverse statetest: %zu %s entries ran%s (fixtures missing or partial?)\n",
                     entries, options.fork.c_str(),
                     entries == 0 ? ""
                                  : (", fewer than the " + std::to_string(options.min_entries) +
                                     " expected").c_str());
        return 1;
    }
    return verdict.ok() ? 0 : 1;
}

int statetest_main(std::span<const std::string_view> args) {
    for (std::string_view a : args) {
        if (a == "--help" || a == "-h") {
            print_usage(stdout);
            return 0;
        }
    }
    StateTestOptions options;
    std::string error;
    if (!parse_statetest_args(args, options, error)) {
        std::fprintf(stderr, "yaoverse statetest: %s\n", error.c_str());
        print_usage(stderr);
        return 2;
    }
    return run_statetest(options);
}

}  // namespace yao::app
