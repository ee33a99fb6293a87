// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "codec.hpp"


#include <climits>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include <google/protobuf/arena.h>

#include <yao/v1/messages.pb.h>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/proto/errc.hpp>

#include "pb_convert.hpp"

namespace yao::proto {

// ---- pb_convert.hpp ----------------------------------------------------------------------------

void put_bytes(std::string* out, BytesView v) {
    out->assign(reinterpret_cast<const char*>(v.data()), v.size());
}

void put_u256(std::string* out, const Uint256& v) {
    uint8_t be[32];
    v.to_be_bytes(be);
    const unsigned n = v.byte_length();
    out->assign(reinterpret_cast<const char*>(be + 32 - n), n);
}

Result<Uint256> get_u256(const std::string& s, std::string_view field) {
    if (s.size() > 32) {
        return fail(Errc::kNumberTooLarge,
                    std::string{field} + ": " + std::to_string(s.size()) + " bytes, at most 32");
    }
    return Uint256::from_be_bytes(bytes_of(s));
}

std::unexpected<Error> within(std::string_view field, const Error& e) {
    std::string context{field};
    context += '.';
    context += e.context();
    return std::unexpected<Error>{Error{e.code(), std::move(context)}};
}

std::string indexed(std::string_view field, int i) {
    std::string s{field};
    s += '[';
    s += std::to_string(i);
    s += ']';
    return s;
}

void to_proto(const SignedTx& in, v1::SignedTx* out) {
    put_bytes(out->mutable_raw(), chain::encode_transaction(in.txn));
    put_bytes(out->mutable_hash(), in.hash);
    put_bytes(out->mutable_sender(), in.sender);
    out->set_received_unix_ns(in.received_unix_ns);
    // 32 hex digits travel as their 16 bytes; an id of another shape is left out.
    if (auto id = from_hex("0x" + in.trace_id); in.trace_id.size() == 32 && id && id->size() == 16)
        put_bytes(out->mutable_trace_id(), *id);
}

Result<SignedTx> from_proto(const v1::SignedTx& in) {
    SignedTx out;
    const BytesView raw = bytes_of(in.raw());
    auto txn = chain::decode_transaction(raw);
    if (!txn) return fail(Errc::kInvalidTransaction, "raw: " + txn.error().message());
    out.txn = std::move(*txn);
    YAO_TRY(out.hash, get_fixed<32>(in.hash(), "hash"));
    // decode_transaction accepts canonical bytes only, so keccak256(raw) is the transaction hash
    // (chain::transaction_hash without re-encoding).
    if (keccak256(raw) != out.hash)
        return fail(Errc::kHashMismatch, "hash: not keccak256 of the raw transaction");
    YAO_TRY(out.sender, get_fixed<20>(in.sender(), "sender"));
    out.received_unix_ns = in.received_unix_ns();
    if (in.trace_id().size() == 16) {
        out.trace_id = to_hex(bytes_of(in.trace_id()), false);
    } else if (!in.trace_id().empty()) {
        return fail(Errc::kWrongLength, "trace_id: must be 16 bytes");
    }
    return out;
}

void to_proto(const chain::Log& in, v1::Log* out) {
    put_bytes(out->mutable_address(), in.address);
    for (const auto& topic : in.topics) put_bytes(out->add_topics(), topic);
    put_bytes(out->mutable_data(), in.data);
}

Result<chain::Log> from_proto(const v1::Log& in) {
    chain::Log out;
    YAO_TRY(out.address, get_fixed<20>(in.address(), "address"));
    if (in.topics_size() > 4)
        return fail(Errc::kInvalidValue, "topics: " + std::to_string(in.topics_size()) + " > 4");
    out.topics.reserve(static_cast<size_t>(in.topics_size()));
    for (int i = 0; i < in.topics_size(); ++i) {
        YAO_TRY(out.topics.emplace_back(), get_fixed<32>(in.topics(i), indexed("topics", i)));
    }
    out.data = Bytes{bytes_of(in.data())};
    return out;
}

void to_proto(const chain::Receipt& in, v1::Receipt* out) {
    out->set_type(static_cast<uint32_t>(in.type));
    out->set_success(in.success);
    out->set_cumulative_gas_used(in.cumulative_gas_used);
    put_bytes(out->mutable_logs_bloom(), in.logs_bloom);
    for (const auto& log : in.logs) to_proto(log, out->add_logs());
}

Result<chain::Receipt> from_proto(const v1::Receipt& in) {
    chain::Receipt out;
    if (in.type() > static_cast<uint32_t>(chain::TxType::kSetCode))
        return fail(Errc::kInvalidValue, "type: " + std::to_string(in.type()) + " is not 0..4");
    out.type = static_cast<chain::TxType>(in.type());
    out.success = in.success();
    out.cumulative_gas_used = in.cumulative_gas_used();
    YAO_TRY(out.logs_bloom, get_fixed<256>(in.logs_bloom(), "logs_bloom"));
    out.logs.reserve(static_cast<size_t>(in.logs_size()));
    for (int i = 0; i < in.logs_size(); ++i) {
        auto log = from_proto(in.logs(i));
        if (!log) return within(indexed("logs", i), log.error());
        out.logs.push_back(std::move(*log));
    }
    return out;
}

void to_proto(const state::Account& in, v1::Account* out) {
    out->set_nonce(in.nonce);
    put_u256(out->mutable_balance(), in.balance);
    put_bytes(out->mutable_code_hash(), in.code_hash);
}

Result<state::Account> from_proto(const v1::Account& in) {
    state::Account out;
    out.nonce = in.nonce();
    YAO_TRY(out.balance, get_u256(in.balance(), "balance"));
    YAO_TRY(out.code_hash, get_fixed<32>(in.code_hash(), "code_hash"));
    return out;
}

namespace {

// The overloads above, next to this namespace's own to_proto / from_proto.
using proto::from_proto;
using proto::to_proto;

namespace pb = ::yao::v1;

// ---- encoding --------------------------------------------------------------------------------

void to_proto(const Proposal& in, pb::Proposal* out) {
    out->set_number(in.number);
    out->set_epoch(in.epoch);
    out->set_timestamp(in.timestamp);
    put_bytes(out->mutable_prev_randao(), in.prev_randao);
    put_bytes(out->mutable_coinbase(), in.coinbase);
    out->set_gas_limit(in.gas_limit);
    put_u256(out->mutable_base_fee(), in.base_fee);
    out->mutable_txs()->Reserve(static_cast<int>(in.txs.size()));
    for (const auto& tx : in.txs) to_proto(tx, out->add_txs());
    if (!in.patch.empty()) put_bytes(out->mutable_patch(), chain::encode_state_patch(in.patch));
}

void to_proto(const DroppedTx& in, pb::DroppedTx* out) {
    put_bytes(out->mutable_hash(), in.hash);
    put_bytes(out->mutable_sender(), in.sender);
    out->set_nonce(in.nonce);
    out->set_reason(in.reason);
}

void to_proto(const ExecutedTx& in, pb::ExecutedTx* out) {
    out->set_tx_index(in.tx_index);
    to_proto(in.receipt, out->mutable_receipt());
    out->set_gas_used(in.gas_used);
    put_u256(out->mutable_effective_gas_price(), in.effective_gas_price);
    if (in.contract_address) put_bytes(out->mutable_contract_address(), *in.contract_address);
}

void to_proto(const StateDiff& in, pb::StateDiff* out) {
    out->mutable_accounts()->Reserve(static_cast<int>(in.accounts.size()));
    for (const auto& e : in.accounts) {
        auto* a = out->add_accounts();
        put_bytes(a->mutable_address(), e.address);
        if (e.account) {
            auto* acc = a->mutable_account();
            acc->set_nonce(e.account->nonce);
            put_u256(acc->mutable_balance(), e.account->balance);
            put_bytes(acc->mutable_code_hash(), e.account->code_hash);
        }
    }
    out->mutable_storage()->Reserve(static_cast<int>(in.storage.size()));
    for (const auto& e : in.storage) {
        auto* s = out->add_storage();
        put_bytes(s->mutable_address(), e.address);
        put_bytes(s->mutable_slot(), e.slot);
        put_bytes(s->mutable_value(), e.value);
    }
    for (const auto& e : in.code) {
        auto* c = out->add_code();
        put_bytes(c->mutable_code_hash(), e.code_hash);
        put_bytes(c->mutable_code(), e.code);
    }
}

void to_proto(const state::ReadSet& in, pb::ReadSet* out) {
    for (const auto& [address, version] : in.accounts) {
        auto* a = out->add_accounts();
        put_bytes(a->mutable_address(), address);
        a->set_version(version);
    }
    for (const auto& [key, version] : in.storage) {
        auto* s = out->add_storage();
        put_bytes(s->mutable_address(), key.address);
        put_bytes(s->mutable_slot(), key.slot);
        s->set_version(version);
    }
}

Bytes serialize(const google::protobuf::MessageLite& m) {
    const size_t size = m.ByteSizeLong();
    Bytes out(size, 0);
    m.SerializeWithCachedSizesToArray(out.data());
    return out;
}

/// An arena sized for a typical payload: message objects and strings come from a few blocks.
google::protobuf::ArenaOptions arena_options() {
    google::protobuf::ArenaOptions o;
    o.start_block_size = 4096;
    o.max_block_size = 1 << 20;
    return o;
}

// ---- decoding --------------------------------------------------------------------------------

template <typename P>
Result<void> parse(P& m, BytesView bytes, const char* name) {
    if (bytes.size() > static_cast<size_t>(INT_MAX) ||
        !m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return fail(Errc::kMalformed, std::string{name} + ": not a valid protobuf message");
    }
    return {};
}

template <typename Repeated>
Result<std::vector<SignedTx>> from_proto_txs(const Repeated& txs) {
    std::vector<SignedTx> out;
    out.reserve(static_cast<size_t>(txs.size()));
    for (int i = 0; i < txs.size(); ++i) {
        auto tx = from_proto(txs.Get(i));
        if (!tx) return within(indexed("txs", i), tx.error());
        out.push_back(std::move(*tx));
    }
    return out;
}

Result<Proposal> from_proto(const pb::Proposal& in) {
    Proposal out;
    out.number = in.number();
    out.epoch = in.epoch();
    out.timestamp = in.timestamp();
    YAO_TRY(out.prev_randao, get_fixed<32>(in.prev_randao(), "prev_randao"));
    YAO_TRY(out.coinbase, get_fixed<20>(in.coinbase(), "coinbase"));
    out.gas_limit = in.gas_limit();
    YAO_TRY(out.base_fee, get_u256(in.base_fee(), "base_fee"));
    YAO_TRY(out.txs, from_proto_txs(in.txs()));
    if (!in.patch().empty()) {
        auto patch = chain::decode_state_patch(bytes_of(in.patch()));
        if (!patch) return fail(Errc::kInvalidValue, "patch: " + patch.error().message());
        out.patch = std::move(*patch);
    }
    return out;
}

Result<DroppedTx> from_proto(const pb::DroppedTx& in) {
    DroppedTx out;
    YAO_TRY(out.hash, get_fixed<32>(in.hash(), "hash"));
    YAO_TRY(out.sender, get_fixed<20>(in.sender(), "sender"));
    out.nonce = in.nonce();
    out.reason = in.reason();
    return out;
}

template <typename Repeated>
Result<std::vector<DroppedTx>> from_proto_dropped(const Repeated& dropped) {
    std::vector<DroppedTx> out;
    out.reserve(static_cast<size_t>(dropped.size()));
    for (int i = 0; i < dropped.size(); ++i) {
        auto d = from_proto(dropped.Get(i));
        if (!d) return within(indexed("dropped", i), d.error());
        out.push_back(std::move(*d));
    }
    return out;
}

Result<ExecutedTx> from_proto(const pb::ExecutedTx& in, size_t proposal_txs) {
    ExecutedTx out;
    if (in.tx_index() >= proposal_txs) {
        return fail(Errc::kInvalidValue, "tx_index: " + std::to_string(in.tx_index()) +
                                             " not below the proposal's " +
                                             std::to_string(proposal_txs) + " transactions");
    }
    out.tx_index = in.tx_index();
    auto receipt = from_proto(in.receipt());
    if (!receipt) return within("receipt", receipt.error());
    out.receipt = std::move(*receipt);
    out.gas_used = in.gas_used();
    YAO_TRY(out.effective_gas_price, get_u256(in.effective_gas_price(), "effective_gas_price"));
    if (!in.contract_address().empty()) {
        YAO_TRY(out.contract_address, get_fixed<20>(in.contract_address(), "contract_address"));
    }
    return out;
}

Result<StateDiff> from_proto(const pb::StateDiff& in) {
    StateDiff out;
    out.accounts.reserve(static_cast<size_t>(in.accounts_size()));
    for (int i = 0; i < in.accounts_size(); ++i) {
        const auto& a = in.accounts(i);
        auto& e = out.accounts.emplace_back();
        const std::string field = indexed("accounts", i);
        auto address = get_fixed<20>(a.address(), "address");
        if (!address) return within(field, address.error());
        e.address = *address;
        if (a.has_account()) {
            const auto& acc = a.account();
            state::Account v;
            v.nonce = acc.nonce();
            auto balance = get_u256(acc.balance(), "account.balance");
            if (!balance) return within(field, balance.error());
            v.balance = *balance;
            auto code_hash = get_fixed<32>(acc.code_hash(), "account.code_hash");
            if (!code_hash) return within(field, code_hash.error());
            v.code_hash = *code_hash;
            e.account = v;
        }
    }
    out.storage.reserve(static_cast<size_t>(in.storage_size()));
    for (int i = 0; i < in.storage_size(); ++i) {
        const auto& s = in.storage(i);
        auto& e = out.storage.emplace_back();
        const auto fields = [&]() -> Result<void> {
            YAO_TRY(e.address, get_fixed<20>(s.address(), "address"));
            YAO_TRY(e.slot, get_fixed<32>(s.slot(), "slot"));
            YAO_TRY(e.value, get_fixed<32>(s.value(), "value"));
            return {};
        }();
        if (!fields) return within(indexed("storage", i), fields.error());
    }
    out.code.reserve(static_cast<size_t>(in.code_size()));
    for (int i = 0; i < in.code_size(); ++i) {
        const auto& c = in.code(i);
        auto& e = out.code.emplace_back();
        auto code_hash = get_fixed<32>(c.code_hash(), "code_hash");
        if (!code_hash) return within(indexed("code", i), code_hash.error());
        e.code_hash = *code_hash;
        e.code = Bytes{bytes_of(c.code())};
    }
    return out;
}

Result<state::ReadSet> from_proto(const pb::ReadSet& in) {
    state::ReadSet out;
    for (int i = 0; i < in.accounts_size(); ++i) {
        const auto& a = in.accounts(i);
        auto address = get_fixed<20>(a.address(), "address");
        if (!address) return within(indexed("accounts", i), address.error());
        if (!out.accounts.emplace(*address, a.version()).second)
            return fail(Errc::kInvalidValue, indexed("accounts", i) + ": duplicate address");
    }
    for (int i = 0; i < in.storage_size(); ++i) {
        const auto& s = in.storage(i);
        state::SlotKey key;
        const auto fields = [&]() -> Result<void> {
            YAO_TRY(key.address, get_fixed<20>(s.address(), "address"));
            YAO_TRY(key.slot, get_fixed<32>(s.slot(), "slot"));
            return {};
        }();
        if (!fields) return within(indexed("storage", i), fields.error());
        if (!out.storage.emplace(key, s.version()).second)
            return fail(Errc::kInvalidValue, indexed("storage", i) + ": duplicate slot");
    }
    return out;
}

Result<ExecutionResult> from_proto(const pb::ExecutionResult& in) {
    ExecutionResult out;
    auto proposal = from_proto(in.proposal());
    if (!proposal) return within("proposal", proposal.error());
    out.proposal = std::move(*proposal);
    out.txs.reserve(static_cast<size_t>(in.txs_size()));
    for (int i = 0; i < in.txs_size(); ++i) {
        auto tx = from_proto(in.txs(i), out.proposal.txs.size());
        if (!tx) return within(indexed("txs", i), tx.error());
        out.txs.push_back(std::move(*tx));
    }
    YAO_TRY(out.dropped, from_proto_dropped(in.dropped()));
    out.gas_used = in.gas_used();
    YAO_TRY(out.logs_bloom, get_fixed<256>(in.logs_bloom(), "logs_bloom"));
    YAO_TRY(out.transactions_root, get_fixed<32>(in.transactions_root(), "transactions_root"));
    YAO_TRY(out.receipts_root, get_fixed<32>(in.receipts_root(), "receipts_root"));
    auto diff = from_proto(in.diff());
    if (!diff) return within("diff", diff.error());
    out.diff = std::move(*diff);
    YAO_TRY(out.coinbase_fee, get_u256(in.coinbase_fee(), "coinbase_fee"));
    auto reads = from_proto(in.reads());
    if (!reads) return within("reads", reads.error());
    out.reads = std::move(*reads);
    out.block_hash_reads.reserve(static_cast<size_t>(in.block_hash_reads_size()));
    for (int i = 0; i < in.block_hash_reads_size(); ++i) {
        const auto& r = in.block_hash_reads(i);
        auto hash = get_fixed<32>(r.hash(), "hash");
        if (!hash) return within(indexed("block_hash_reads", i), hash.error());
        out.block_hash_reads.push_back(BlockHashRead{r.number(), *hash});
    }
    out.speculated_on.reserve(static_cast<size_t>(in.speculated_on_size()));
    for (int i = 0; i < in.speculated_on_size(); ++i) {
        const auto& r = in.speculated_on(i);
        auto hash = get_fixed<32>(r.hash(), "hash");
        if (!hash) return within(indexed("speculated_on", i), hash.error());
        out.speculated_on.push_back(BlockHashRead{r.number(), *hash});
    }
    out.history_reads.reserve(static_cast<size_t>(in.history_reads_size()));
    for (int i = 0; i < in.history_reads_size(); ++i) {
        const auto& r = in.history_reads(i);
        auto hash = get_fixed<32>(r.hash(), "hash");
        if (!hash) return within(indexed("history_reads", i), hash.error());
        out.history_reads.push_back(BlockHashRead{r.number(), *hash});
    }
    out.executor = in.executor();
    return out;
}

Result<HeadUpdate> from_proto(const pb::HeadUpdate& in) {
    HeadUpdate out;
    out.number = in.number();
    YAO_TRY(out.hash, get_fixed<32>(in.hash(), "hash"));
    YAO_TRY(out.state_root, get_fixed<32>(in.state_root(), "state_root"));
    out.timestamp = in.timestamp();
    out.accounts.reserve(static_cast<size_t>(in.accounts_size()));
    for (int i = 0; i < in.accounts_size(); ++i) {
        YAO_TRY(out.accounts.emplace_back(), get_fixed<20>(in.accounts(i), indexed("accounts", i)));
    }
    out.storage.reserve(static_cast<size_t>(in.storage_size()));
    for (int i = 0; i < in.storage_size(); ++i) {
        const auto& s = in.storage(i);
        auto& key = out.storage.emplace_back();
        const auto fields = [&]() -> Result<void> {
            YAO_TRY(key.address, get_fixed<20>(s.address(), "address"));
            YAO_TRY(key.slot, get_fixed<32>(s.slot(), "slot"));
            return {};
        }();
        if (!fields) return within(indexed("storage", i), fields.error());
    }
    out.sender_nonces.reserve(static_cast<size_t>(in.sender_nonces_size()));
    for (int i = 0; i < in.sender_nonces_size(); ++i) {
        const auto& n = in.sender_nonces(i);
        auto address = get_fixed<20>(n.address(), "address");
        if (!address) return within(indexed("sender_nonces", i), address.error());
        out.sender_nonces.emplace_back(*address, n.nonce());
    }
    out.included.reserve(static_cast<size_t>(in.included_size()));
    for (int i = 0; i < in.included_size(); ++i) {
        YAO_TRY(out.included.emplace_back(), get_fixed<32>(in.included(i), indexed("included", i)));
    }
    YAO_TRY(out.dropped, from_proto_dropped(in.dropped()));
    out.reexecuted = in.reexecuted();
    if (!in.result_digest().empty()) {
        YAO_TRY(const Hash256 digest, get_fixed<32>(in.result_digest(), "result_digest"));
        out.result_digest = digest;
    }
    return out;
}

/// Parses `bytes` as a `P` on an arena and converts it; errors get `name.` in front.
template <typename P, typename T>
Result<T> decode_as(BytesView bytes, const char* name) {
    google::protobuf::Arena arena{arena_options()};
    auto* m = google::protobuf::Arena::CreateMessage<P>(&arena);
    YAO_TRY_VOID(parse(*m, bytes, name));
    auto out = from_proto(*m);
    if (!out) return within(name, out.error());
    return out;
}

}  // namespace

Bytes encode(const TxBatch& m) {
    google::protobuf::Arena arena{arena_options()};
    auto* p = google::protobuf::Arena::CreateMessage<pb::TxBatch>(&arena);
    p->mutable_txs()->Reserve(static_cast<int>(m.txs.size()));
    for (const auto& tx : m.txs) to_proto(tx, p->add_txs());
    return serialize(*p);
}

Bytes encode(const Proposal& m) {
    google::protobuf::Arena arena{arena_options()};
    auto* p = google::protobuf::Arena::CreateMessage<pb::Proposal>(&arena);
    to_proto(m, p);
    return serialize(*p);
}

Bytes encode(const ExecutionResult& m) {
    google::protobuf::Arena arena{arena_options()};
    auto* p = google::protobuf::Arena::CreateMessage<pb::ExecutionResult>(&arena);
    to_proto(m.proposal, p->mutable_proposal());
    p->mutable_txs()->Reserve(static_cast<int>(m.txs.size()));
    for (const auto& tx : m.txs) to_proto(tx, p->add_txs());
    for (const auto& d : m.dropped) to_proto(d, p->add_dropped());
    p->set_gas_used(m.gas_used);
    put_bytes(p->mutable_logs_bloom(), m.logs_bloom);
    put_bytes(p->mutable_transactions_root(), m.transactions_root);
    put_bytes(p->mutable_receipts_root(), m.receipts_root);
    to_proto(m.diff, p->mutable_diff());
    put_u256(p->mutable_coinbase_fee(), m.coinbase_fee);
    to_proto(m.reads, p->mutable_reads());
    for (const auto& r : m.block_hash_reads) {
        auto* b = p->add_block_hash_reads();
        b->set_number(r.number);
        put_bytes(b->mutable_hash(), r.hash);
    }
    for (const auto& r : m.speculated_on) {
        auto* b = p->add_speculated_on();
        b->set_number(r.number);
        put_bytes(b->mutable_hash(), r.hash);
    }
    for (const auto& r : m.history_reads) {
        auto* b = p->add_history_reads();
        b->set_number(r.number);
        put_bytes(b->mutable_hash(), r.hash);
    }
    p->set_executor(m.executor);
    return serialize(*p);
}

Bytes encode(const HeadUpdate& m) {
    google::protobuf::Arena arena{arena_options()};
    auto* p = google::protobuf::Arena::CreateMessage<pb::HeadUpdate>(&arena);
    p->set_number(m.number);
    put_bytes(p->mutable_hash(), m.hash);
    put_bytes(p->mutable_state_root(), m.state_root);
    p->set_timestamp(m.timestamp);
    for (const auto& a : m.accounts) put_bytes(p->add_accounts(), a);
    for (const auto& k : m.storage) {
        auto* s = p->add_storage();
        put_bytes(s->mutable_address(), k.address);
        put_bytes(s->mutable_slot(), k.slot);
    }
    for (const auto& [address, nonce] : m.sender_nonces) {
        auto* n = p->add_sender_nonces();
        put_bytes(n->mutable_address(), address);
        n->set_nonce(nonce);
    }
    for (const auto& h : m.included) put_bytes(p->add_included(), h);
    for (const auto& d : m.dropped) to_proto(d, p->add_dropped());
    p->set_reexecuted(m.reexecuted);
    if (m.result_digest) put_bytes(p->mutable_result_digest(), *m.result_digest);
    return serialize(*p);
}

Result<TxBatch> decode_tx_batch(BytesView bytes) {
    google::protobuf::Arena arena{arena_options()};
    auto* m = google::protobuf::Arena::CreateMessage<pb::TxBatch>(&arena);
    YAO_TRY_VOID(parse(*m, bytes, "TxBatch"));
    auto txs = from_proto_txs(m->txs());
    if (!txs) return within("TxBatch", txs.error());
    return TxBatch{std::move(*txs)};
}

Result<Proposal> decode_proposal(BytesView bytes) {
    return decode_as<pb::Proposal, Proposal>(bytes, "Proposal");
}

Result<ExecutionResult> decode_execution_result(BytesView bytes) {
    return decode_as<pb::ExecutionResult, ExecutionResult>(bytes, "ExecutionResult");
}

Result<HeadUpdate> decode_head_update(BytesView bytes) {
    return decode_as<pb::HeadUpdate, HeadUpdate>(bytes, "HeadUpdate");
}

}  // namespace yao::proto
