// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// `yaoverse verify`: the chain audit of issue 14. Each block is rebuilt from its stored
// transactions the way YaoArchive builds it (execution::execute_block, then
// archive::build_commit), and the rows commit_block would write for that block
// (storage::expected_block_rows) are compared column by column with the rows stored.
#include "verify.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <yao/chain/block.hpp>
#include <yao/chain/fork.hpp>
#include <yao/chain/state_patch.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/config/config.hpp>
#include <yao/config/genesis.hpp>
#include <yao/execution/block_executor.hpp>
#include <yao/node/dev_node.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::app {
namespace {

constexpr int kDiverged = 1;
constexpr int kUsage = 2;

/// The first difference found: what the report line says.
struct Divergence {
    uint64_t block = 0;
    std::string table;
    std::string key;
    std::string what;
};

std::string shorten(const std::optional<std::string>& v) {
    if (!v) return "NULL";
    return v->size() <= 80 ? *v : v->substr(0, 74) + "..(" + std::to_string(v->size()) + ")";
}

std::string account_text(const std::optional<state::Account>& a) {
    if (!a) return "no account";
    return fmt::format("nonce {} balance {} code_hash {}", a->nonce, a->balance.to_dec(),
                       to_hex(a->code_hash.view()));
}

/// The state the chain had after each verified block: the keys the replayed blocks wrote (and
/// the genesis allocation), over the store's history at `base` (the block before --from) when
/// verification starts after genesis. Reads have no failure channel (StateView): the first
/// store error is kept and reported after the block.
class ReplayState final : public state::StateView {
public:
    template <typename T>
    struct Entry {
        T value;
        uint64_t block = 0;  ///< the block that last wrote it (code: first stored it)
    };

    ReplayState(storage::ChainStore& store, std::optional<uint64_t> base)
        : store_{store}, base_{base} {}

    std::optional<state::Account> account(const Address& addr) override {
        if (auto it = accounts_.find(addr); it != accounts_.end()) return it->second.value;
        if (!base_) return std::nullopt;
        return keep(store_.account_at(addr, *base_), std::optional<state::Account>{},
                    to_hex(addr.view()));
    }
    Hash256 storage(const Address& addr, const Hash256& slot) override {
        if (auto it = storage_.find({addr, slot}); it != storage_.end()) return it->second.value;
        if (!base_) return Hash256{};
        return keep(store_.storage_at(addr, slot, *base_), Hash256{},
                    storage::storage_row_key(addr, slot));
    }
    Bytes code(const Hash256& code_hash) override {
        if (auto it = code_.find(code_hash); it != code_.end()) return it->second.value;
        if (!base_ || code_hash == state::kEmptyCodeHash) return {};
        return keep(store_.code(code_hash), std::optional<Bytes>{}, to_hex(code_hash.view()))
            .value_or(Bytes{});
    }
    /// Only EIP-7610 asks; keys below the base are not enumerable through the store, so an
    /// account whose slots were all written before --from answers false.
    bool has_storage(const Address& addr) override {
        for (auto it = storage_.lower_bound({addr, Hash256{}});
             it != storage_.end() && it->first.address == addr; ++it)
            if (!it->second.value.is_zero()) return true;
        return false;
    }

    void apply(const storage::BlockCommit& c) {
        const uint64_t n = c.header.number;
        for (const auto& a : c.accounts) accounts_[a.address] = {a.account, n};
        for (const auto& s : c.storage) storage_[{s.address, s.slot}] = {s.value, n};
        for (const auto& code : c.code)
            code_.try_emplace(code.code_hash, Entry<Bytes>{code.code, n});
    }
    /// The first store error since the last call, with the key whose read failed.
    std::optional<std::pair<Error, std::string>> take_error() {
        return std::exchange(error_, std::nullopt);
    }

    std::map<Address, Entry<std::optional<state::Account>>> accounts_;
    std::map<storage::StorageKey, Entry<Hash256>> storage_;
    std::map<Hash256, Entry<Bytes>> code_;

private:
    template <typename T>
    T keep(Result<T> r, T otherwise, std::string key) {
        if (r) return std::move(*r);
        if (!error_) error_.emplace(r.error(), std::move(key));
        return otherwise;
    }

    storage::ChainStore& store_;
    std::optional<uint64_t> base_;
    std::optional<std::pair<Error, std::string>> error_;
};

class Verifier {
public:
    Verifier(storage::ChainStore& store, config::NodeConfig cfg, uint64_t from)
        : store_{store},
          cfg_{std::move(cfg)},
          state_{store, from == 0 ? std::nullopt : std::optional<uint64_t>{from - 1}} {}

    /// Verifies block `n`; false with `found()` set at a divergence. Errors: the store's.
    Result<bool> block(uint64_t n);
    /// Compares every current state row with the replayed state (only after verifying from
    /// genesis: otherwise the state below --from is not known). nullopt when skipped because
    /// the store's head is not `head`.
    Result<std::optional<bool>> state_rows(uint64_t head);

    const std::optional<Divergence>& found() const { return found_; }
    uint64_t transactions() const { return transactions_; }
    uint64_t logs() const { return logs_; }
    size_t state_rows_checked() const { return state_rows_checked_; }

private:
    bool diverge(uint64_t block, std::string table, std::string key, std::string what) {
        found_ = Divergence{block, std::move(table), std::move(key), std::move(what)};
        return false;
    }
    /// A store error: a row that does not parse is a divergence in the table it names, any
    /// other error stops the audit.
    Result<bool> on_error(uint64_t block, std::string_view table, std::string key, Error e) {
        if (e.code() != storage::Errc::kCorruptRow) return std::unexpected(std::move(e));
        const std::string& context = e.context();
        std::string named{table};
        if (const size_t dot = context.find('.'); dot != std::string::npos && dot < 24)
            named = context.substr(0, dot);
        return diverge(block, named, std::move(key), context);
    }
    bool rows(uint64_t block, std::string_view table, const std::vector<storage::RowImage>& stored,
              const std::vector<storage::RowImage>& expected);
    bool row(uint64_t block, const storage::RowImage& stored, const storage::RowImage& expected);
    Result<std::optional<storage::BlockCommit>> rebuild(uint64_t n, const chain::BlockHeader& h,
                                                        const storage::BlockRows& rows);
    Result<bool> check_state(const storage::BlockCommit& c);

    storage::ChainStore& store_;
    config::NodeConfig cfg_;
    ReplayState state_;
    std::optional<archive::Head> parent_;
    std::map<uint64_t, Hash256> hashes_;  ///< of the verified blocks (BLOCKHASH)
    std::optional<Divergence> found_;
    uint64_t transactions_ = 0, logs_ = 0;
    size_t state_rows_checked_ = 0;
};

bool Verifier::row(uint64_t block, const storage::RowImage& stored,
                   const storage::RowImage& expected) {
    if (stored.key != expected.key)
        return diverge(
            block, stored.table, stored.key,
            fmt::format("stored in place of {} (re-execution has that key here)", expected.key));
    for (size_t i = 0; i < expected.columns.size() && i < stored.columns.size(); ++i) {
        const auto& [name, want] = expected.columns[i];
        const auto& have = stored.columns[i].second;
        if (have != want)
            return diverge(block, stored.table, stored.key,
                           fmt::format("column {}: stored {}, re-executed {}", name, shorten(have),
                                       shorten(want)));
    }
    return true;
}

bool Verifier::rows(uint64_t block, std::string_view table,
                    const std::vector<storage::RowImage>& stored,
                    const std::vector<storage::RowImage>& expected) {
    for (size_t i = 0; i < stored.size() || i < expected.size(); ++i) {
        if (i >= stored.size())
            return diverge(block, std::string{table}, expected[i].key, "no stored row");
        if (i >= expected.size())
            return diverge(block, std::string{table}, stored[i].key,
                           "a stored row re-execution does not produce");
        if (!row(block, stored[i], expected[i])) return false;
    }
    return true;
}

Result<std::optional<storage::BlockCommit>> Verifier::rebuild(uint64_t n,
                                                              const chain::BlockHeader& h,
                                                              const storage::BlockRows& rows) {
    using Out = std::optional<storage::BlockCommit>;
    if (n == 0) {
        // Block 0 is the configuration's genesis (its timestamp is the stored one: a genesis
        // "at the time of init" is rebuilt that way, as node::open_store does).
        YAO_TRY(auto genesis, config::build_genesis(cfg_, h.timestamp));
        return Out{std::move(genesis)};
    }
    proto::Proposal p;
    p.number = n;
    p.timestamp = h.timestamp;
    p.prev_randao = h.prev_randao;
    p.coinbase = h.coinbase;
    p.gas_limit = h.gas_limit;
    p.base_fee = h.base_fee_per_gas.value_or(Uint256{});
    const auto bad_txn = [&](std::string key, std::string what) {
        diverge(n, "transactions", std::move(key), std::move(what));
        return Out{};
    };
    YAO_TRY(const auto patch, store_.state_patch(n));
    if (patch) {
        auto decoded = chain::decode_state_patch(*patch);
        if (!decoded) {
            diverge(n, "state_patches", std::to_string(n), decoded.error().message());
            return Out{};
        }
        p.patch = std::move(*decoded);
    }
    for (const auto& r : rows.transactions) {
        auto raw = from_hex(r.get("raw").value_or(""));
        if (!raw) return bad_txn(r.key, "raw is not hex");
        const Hash256 hash = keccak256(*raw);
        if (to_hex(hash.view()) != r.key)
            return bad_txn(r.key,
                           "stored hash differs from keccak256 of the stored raw "
                           "transaction (" +
                               to_hex(hash.view()) + ")");
        auto txn = chain::decode_transaction(*raw);
        if (!txn) return bad_txn(r.key, "raw: " + txn.error().message());
        // An impersonated sender's transaction (listed by the block's patch) is unsigned: its
        // sender is the recorded one.
        const bool is_unsigned = std::binary_search(p.patch.unsigned_txs.begin(),
                                                    p.patch.unsigned_txs.end(), hash);
        auto sender = is_unsigned ? address_from_hex(r.get("from_address").value_or(""))
                                  : chain::recover_sender(*txn);
        if (!sender) return bad_txn(r.key, "signature: " + sender.error().message());
        p.txs.push_back({std::move(*txn), hash, *sender, 0});
    }
    const chain::ChainRules rules{cfg_.chain.chain_id, cfg_.genesis.forks};
    // A hash that cannot be read stops the audit (a store error), never a zero hash.
    auto block_hash = [&](uint64_t k) -> Result<std::optional<Hash256>> {
        if (auto it = hashes_.find(k); it != hashes_.end()) return std::optional{it->second};
        YAO_TRY(auto b, store_.header_by_number(k));
        return b ? std::optional{b->hash} : std::nullopt;
    };
    YAO_TRY(const proto::ExecutionResult result,
            execution::execute_block(p, state_, block_hash, rules));
    const std::optional<state::Account> coinbase = state_.account(p.coinbase);
    if (auto e = state_.take_error()) {
        YAO_TRY(bool ok, on_error(n, "accounts", std::move(e->second), std::move(e->first)));
        if (!ok) return Out{};
    }
    if (!result.dropped.empty())
        return bad_txn(to_hex(result.dropped.front().hash.view()),
                       "re-execution drops it: " + result.dropped.front().reason);
    YAO_TRY(auto commit, archive::build_commit(result, *parent_, coinbase, cfg_.genesis.forks));
    return Out{std::move(commit)};
}

Result<bool> Verifier::block(uint64_t n) {
    const std::string key = std::to_string(n);
    YAO_TRY(const storage::BlockRows stored, store_.block_rows(n));
    if (!stored.block) return diverge(n, "blocks", key, "no stored row");
    const storage::RowImage& b = *stored.block;
    auto rlp = from_hex(b.get("header_rlp").value_or(""));
    if (!rlp) return diverge(n, "blocks", key, "header_rlp is not hex");
    const std::string rlp_hash = to_hex(keccak256(*rlp).view());
    if (b.get("hash") != rlp_hash)
        return diverge(n, "blocks", key,
                       fmt::format("stored hash {} is not keccak256 of header_rlp ({})",
                                   shorten(b.get("hash")), rlp_hash));
    auto header = chain::decode_header(*rlp);
    if (!header) return diverge(n, "blocks", key, "header_rlp: " + header.error().message());
    if (header->number != n)
        return diverge(n, "blocks", key, fmt::format("header_rlp has number {}", header->number));
    if (parent_ && header->parent_hash != parent_->hash)
        return diverge(
            n, "blocks", key,
            fmt::format("parent_hash {} is not the hash of block {} ({})",
                        to_hex(header->parent_hash.view()), n - 1, to_hex(parent_->hash.view())));
    if (!parent_ && n > 0) {
        // Verification starts after genesis: the parent is taken as stored.
        YAO_TRY(auto p, store_.header_by_number(n - 1));
        if (!p) return diverge(n - 1, "blocks", std::to_string(n - 1), "no stored row");
        parent_ = archive::Head{n - 1, p->hash, p->header.state_root, p->header.timestamp,
                                p->header.prev_randao};
        if (header->parent_hash != parent_->hash)
            return diverge(n, "blocks", key,
                           fmt::format("parent_hash {} is not the hash of block {} ({})",
                                       to_hex(header->parent_hash.view()), n - 1,
                                       to_hex(parent_->hash.view())));
    }
    YAO_TRY(auto rebuilt, rebuild(n, *header, stored));
    if (!rebuilt) return false;
    const storage::BlockCommit& c = *rebuilt;
    if (n == 0 && to_hex(c.hash.view()) != rlp_hash)
        return fail(config::Errc::kGenesisMismatch,
                    fmt::format("the configuration's genesis is {}, the store's block 0 {}: "
                                "verify with the chain's own --config",
                                to_hex(c.hash.view()), rlp_hash));
    // The roots and totals first (what re-execution decides), then every column of every row.
    const auto root = [&](std::string_view what, std::string stored_v, std::string rebuilt_v) {
        return diverge(
            n, "blocks", key,
            fmt::format("{} in header_rlp {}, re-executed {}", what, stored_v, rebuilt_v));
    };
    const auto& h = *header;
    if (h.state_root != c.header.state_root)
        return root("state_root", to_hex(h.state_root.view()), to_hex(c.header.state_root.view()));
    if (h.transactions_root != c.header.transactions_root)
        return root("transactions_root", to_hex(h.transactions_root.view()),
                    to_hex(c.header.transactions_root.view()));
    if (h.receipts_root != c.header.receipts_root)
        return root("receipts_root", to_hex(h.receipts_root.view()),
                    to_hex(c.header.receipts_root.view()));
    if (h.logs_bloom != c.header.logs_bloom)
        return root("logs_bloom", to_hex(h.logs_bloom.view()), to_hex(c.header.logs_bloom.view()));
    if (h.gas_used != c.header.gas_used)
        return root("gas_used", std::to_string(h.gas_used), std::to_string(c.header.gas_used));
    if (c.hash != keccak256(*rlp))
        return root("another field", to_hex(chain::encode_header(h)),
                    to_hex(chain::encode_header(c.header)));
    const storage::BlockRows expected = storage::expected_block_rows(c);
    if (!row(n, b, *expected.block) ||
        !rows(n, "transactions", stored.transactions, expected.transactions) ||
        !rows(n, "receipts", stored.receipts, expected.receipts) ||
        !rows(n, "logs", stored.logs, expected.logs))
        return false;
    YAO_TRY(bool state_ok, check_state(c));
    if (!state_ok) return false;
    state_.apply(c);
    parent_ =
        archive::Head{n, c.hash, c.header.state_root, c.header.timestamp, c.header.prev_randao};
    hashes_[n] = c.hash;
    transactions_ += c.transactions.size();
    logs_ += expected.logs.size();
    return true;
}

Result<bool> Verifier::check_state(const storage::BlockCommit& c) {
    const uint64_t n = c.header.number;
    for (const auto& a : c.accounts) {
        const std::string key = to_hex(a.address.view());
        auto stored = store_.account_at(a.address, n);
        if (!stored) return on_error(n, "accounts", key, stored.error());
        if (*stored == a.account) continue;
        // The value after block n is the current row when n wrote it last, else a history row.
        YAO_TRY(auto versioned, store_.account_versioned(a.address));
        return diverge(n, versioned.version == n ? "accounts" : "account_history", key,
                       fmt::format("after block {}: stored {}, re-executed {}", n,
                                   account_text(*stored), account_text(a.account)));
    }
    for (const auto& s : c.storage) {
        const std::string key = storage::storage_row_key(s.address, s.slot);
        auto stored = store_.storage_at(s.address, s.slot, n);
        if (!stored) return on_error(n, "contract_storage", key, stored.error());
        if (*stored == s.value) continue;
        YAO_TRY(auto versioned, store_.storage_versioned(s.address, s.slot));
        return diverge(n, versioned.version == n ? "contract_storage" : "storage_history", key,
                       fmt::format("after block {}: stored {}, re-executed {}", n,
                                   to_hex(stored->view()), to_hex(s.value.view())));
    }
    for (const auto& code : c.code) {
        const std::string key = to_hex(code.code_hash.view());
        auto stored = store_.code(code.code_hash);
        if (!stored) return on_error(n, "contract_code", key, stored.error());
        if (*stored && **stored == code.code) continue;
        return diverge(n, "contract_code", key,
                       *stored ? fmt::format("stored code of {} bytes hashes to {}",
                                             (*stored)->size(), to_hex(keccak256(**stored).view()))
                               : std::string{"no stored row"});
    }
    return true;
}

Result<std::optional<bool>> Verifier::state_rows(uint64_t head) {
    YAO_TRY(const storage::StateRows stored, store_.state_rows());
    if (stored.head != head) return std::optional<bool>{};
    // The replayed state as rows, in the order the store returns them (by key text).
    std::map<std::string, storage::RowImage> accounts, slots, codes;
    for (const auto& [addr, e] : state_.accounts_)
        if (e.value)
            accounts.emplace(to_hex(addr.view()),
                             storage::expected_account_row(addr, *e.value, e.block));
    for (const auto& [k, e] : state_.storage_)
        if (!e.value.is_zero())
            slots.emplace(storage::storage_row_key(k.address, k.slot),
                          storage::expected_storage_row(k.address, k.slot, e.value, e.block));
    for (const auto& [hash, e] : state_.code_)
        if (hash != state::kEmptyCodeHash)
            codes.emplace(to_hex(hash.view()), storage::expected_code_row(hash, e.value, e.block));
    const auto compare = [&](std::string_view table, const std::vector<storage::RowImage>& rows,
                             const std::map<std::string, storage::RowImage>& want) {
        // A row is named with the block that wrote it in the replay (as stored: an extra row).
        const auto version = [](const storage::RowImage& r) -> uint64_t {
            const std::string text = r.get("block_number").value_or("0");
            uint64_t v = 0;
            std::from_chars(text.data(), text.data() + text.size(), v);
            return v;
        };
        auto it = want.begin();
        for (const auto& r : rows) {
            if (it != want.end() && it->first < r.key)
                return diverge(version(it->second), std::string{table}, it->first, "no stored row");
            if (it == want.end() || it->first != r.key)
                return diverge(version(r), std::string{table}, r.key,
                               "a stored row re-execution does not produce");
            if (!row(version(it->second), r, it->second)) return false;
            ++it;
        }
        if (it != want.end())
            return diverge(version(it->second), std::string{table}, it->first, "no stored row");
        state_rows_checked_ += rows.size();
        return true;
    };
    return std::optional<bool>{compare("accounts", stored.accounts, accounts) &&
                               compare("contract_storage", stored.storage, slots) &&
                               compare("contract_code", stored.code, codes)};
}

int usage(const std::string& message) {
    std::fprintf(stderr, "yaoverse verify: %s\n", message.c_str());
    return kUsage;
}

}  // namespace

int verify_main(const std::vector<std::string_view>& args) {
    CLI::App app{"Re-execute the stored chain and compare every block and row with the result",
                 "yaoverse verify"};
    std::string config_path, data_dir;
    std::optional<uint64_t> chain_id, from_opt, to_opt;
    app.add_option("--config", config_path, "JSON configuration file of the chain");
    app.add_option("--data-dir", data_dir, "where the chain is stored (default ./yaoverse-data)");
    app.add_option("--chain-id", chain_id, "chain id (default 31337)");
    app.add_option("--from", from_opt, "first block to verify (default 0: from genesis)");
    app.add_option("--to", to_opt, "last block to verify (default: the head)");
    std::vector<std::string> owned(args.rbegin(), args.rend());  // CLI11 wants them reversed
    try {
        app.parse(owned);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : kUsage;
    }
    config::NodeConfig cfg = config::default_config();
    if (!config_path.empty()) {
        auto loaded = config::load_config(config_path);
        if (!loaded) return usage(loaded.error().message());
        cfg = std::move(*loaded);
    }
    if (!data_dir.empty()) cfg.data_dir = data_dir;
    if (chain_id) cfg.chain.chain_id = *chain_id;
    if (auto r = config::validate_config(cfg); !r) return usage(r.error().message());

    auto store = node::open_store_read_only(cfg);
    if (!store) return usage("cannot open the store: " + store.error().message());
    auto head = (*store)->head_number();
    if (!head) return usage("cannot read the store: " + head.error().message());
    if (!*head) return usage("the store holds no chain (no block 0)");
    // The chain runs under the schedule pinned when it was created (none: a Cancun chain from
    // before schedules were recorded, as config::init_chain says).
    auto pinned = (*store)->setting("fork_schedule");
    if (!pinned) return usage("cannot read the fork schedule: " + pinned.error().message());
    if (*pinned) {
        auto forks = chain::parse_schedule(**pinned);
        if (!forks) return usage("chain_meta: " + forks.error().message());
        cfg.genesis.forks = *forks;
    } else {
        cfg.genesis.forks = chain::ForkSchedule{evm::Revision::kCancun};
    }
    const uint64_t from = from_opt.value_or(0);
    uint64_t to = to_opt.value_or(**head);
    if (to > **head) return usage(fmt::format("--to {} is above the head {}", to, **head));
    if (from > to) return usage(fmt::format("--from {} is above --to {}", from, to));

    Verifier v{**store, cfg, from};
    const auto report = [&](const Divergence& d) {
        std::printf("block %llu: table %s, key %s: %s\n", static_cast<unsigned long long>(d.block),
                    d.table.c_str(), d.key.c_str(), d.what.c_str());
        std::fflush(stdout);
        return kDiverged;
    };
    for (uint64_t n = from;; ++n) {
        if (n > to) {
            // Without --to, blocks committed meanwhile by a running node are verified too.
            auto now = (*store)->head_number();
            if (to_opt || !now || !*now || **now <= to) break;
            to = **now;
        }
        auto ok = v.block(n);
        if (!ok) {
            if (ok.error().code() == config::Errc::kGenesisMismatch)
                return usage(ok.error().message());
            return usage(fmt::format("block {}: {}", n, ok.error().message()));
        }
        if (!*ok) return report(*v.found());
    }
    std::string state_note = "state rows at the head not compared (--from after genesis)";
    if (from == 0) {
        auto checked = v.state_rows(to);
        if (!checked) return usage("cannot read the state rows: " + checked.error().message());
        if (*checked && !**checked) return report(*v.found());
        state_note = *checked
                         ? fmt::format("{} state rows match", v.state_rows_checked())
                         : fmt::format("state rows not compared (the head is past block {})", to);
    }
    std::printf("verified blocks %llu..%llu: %llu blocks, %llu transactions, %llu logs; %s\n",
                static_cast<unsigned long long>(from), static_cast<unsigned long long>(to),
                static_cast<unsigned long long>(to - from + 1),
                static_cast<unsigned long long>(v.transactions()),
                static_cast<unsigned long long>(v.logs()), state_note.c_str());
    return 0;
}

}  // namespace yao::app
