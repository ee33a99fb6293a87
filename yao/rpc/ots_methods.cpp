// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "ots_methods.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yao/chain/processor.hpp>
#include <yao/evm/delegation.hpp>
#include <yao/evm/opcodes.hpp>
#include <yao/evm/precompiles.hpp>
#include <yao/evm/tracer.hpp>
#include <yao/state/state.hpp>

#include "encode.hpp"
#include "execution.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// Erigon's API_LEVEL, the level Otterscan 2.x asks for.
constexpr int kApiLevel = 8;

/// Otterscan's internal operation types.
enum class OperationType : int { kTransfer = 0, kSelfDestruct = 1, kCreate = 2, kCreate2 = 3 };

/// Watches one transaction for Otterscan: the flat list of frames (ots_traceTransaction) and the
/// internal operations (ots_getInternalOperations).
class OtsTracer final : public evm::Tracer {
public:
    struct Entry {
        std::string type;
        int depth = 0;
        Address from;
        Address to;
        std::optional<Uint256> value;  ///< absent for STATICCALL and DELEGATECALL
        Bytes input;
        Bytes output;
    };
    struct Operation {
        OperationType type = OperationType::kTransfer;
        Address from;
        Address to;
        Uint256 value;
    };

    explicit OtsTracer(evm::Revision rev) : rev_{rev} {}

    void on_enter(const evm::Message& msg) override {
        const bool is_create =
            msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2;
        std::string type = frame_type(msg);
        Frame frame;
        const Address from = msg.kind == evm::CallKind::kDelegateCall ? msg.recipient : msg.sender;
        const Address to = is_create ? msg.recipient : msg.code_address;
        if (msg.depth > 0) {
            if (type == "CALL" && !msg.value.is_zero()) {
                operations_.push_back({OperationType::kTransfer, from, to, msg.value});
            } else if (type == "CREATE") {
                operations_.push_back({OperationType::kCreate, from, to, msg.value});
            } else if (type == "CREATE2") {
                operations_.push_back({OperationType::kCreate2, from, to, msg.value});
            }
        }
        // Erigon leaves calls of precompiles out of the trace.
        if (is_create || !evm::is_precompile(msg.code_address, rev_)) {
            Entry e;
            e.type = std::move(type);
            e.depth = msg.depth;
            e.from = from;
            e.to = to;
            if (e.type != "STATICCALL" && e.type != "DELEGATECALL") e.value = msg.value;
            e.input = Bytes{msg.input};
            frame.entry = entries_.size();
            entries_.push_back(std::move(e));
        }
        frames_.push_back(std::move(frame));
    }

    void on_exit(const evm::ExecResult&, BytesView output) override {
        if (frames_.empty()) return;
        const Frame& f = frames_.back();
        if (f.entry != kNone) entries_[f.entry].output = Bytes{output};
        frames_.pop_back();
    }

    void on_step(const evm::Step& s) override {
        Frame& f = frames_.back();
        f.last_op = s.opcode;
        f.selfdestruct.reset();
        if (s.opcode == evm::OP_SELFDESTRUCT && !s.stack.empty()) {
            const Hash256 word = s.stack.back().to_hash();
            Operation op;
            op.type = OperationType::kSelfDestruct;
            op.from = s.msg->recipient;
            op.to = Address::right_aligned(BytesView{word.data() + 12, 20});
            op.value = s.host->get_balance(s.msg->recipient);
            f.selfdestruct = op;
            f.depth = s.msg->depth;
        }
    }

    void on_halt(evm::Status status, int64_t, BytesView) override {
        Frame& f = frames_.back();
        // SELFDESTRUCT ends its frame successfully; anything else means it did not happen.
        if (!f.selfdestruct || status != evm::Status::kSuccess) return;
        const Operation& op = *f.selfdestruct;
        operations_.push_back(op);
        Entry e;
        e.type = "SELFDESTRUCT";
        e.depth = f.depth + 1;
        e.from = op.from;
        e.to = op.to;
        e.value = op.value;
        entries_.push_back(std::move(e));
        f.selfdestruct.reset();
    }

    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}

    Json trace_json() const {
        Json out = Json::array();
        for (const Entry& e : entries_) {
            out.push_back({{"type", e.type},
                           {"depth", e.depth},
                           {"from", address_hex(e.from)},
                           {"to", address_hex(e.to)},
                           {"value", e.value ? Json(quantity(*e.value)) : Json(nullptr)},
                           {"input", data_hex(e.input)},
                           {"output", data_hex(e.output)}});
        }
        return out;
    }

    Json operations_json() const {
        Json out = Json::array();
        for (const Operation& op : operations_) {
            out.push_back({{"type", static_cast<int>(op.type)},
                           {"from", address_hex(op.from)},
                           {"to", address_hex(op.to)},
                           {"value", quantity(op.value)}});
        }
        return out;
    }

private:
    static constexpr size_t kNone = SIZE_MAX;
    struct Frame {
        size_t entry = kNone;  ///< its trace entry; kNone for a precompile
        int last_op = -1;      ///< the instruction the frame ran last
        int depth = 0;
        std::optional<Operation> selfdestruct;  ///< a SELFDESTRUCT about to run
    };

    /// The instruction that made the frame: the caller's last one (a CALL inside a STATICCALL
    /// is still a CALL), or the message's kind for the transaction's own frame.
    std::string frame_type(const evm::Message& msg) const {
        if (!frames_.empty() && frames_.back().last_op >= 0)
            return opcode_name(static_cast<uint8_t>(frames_.back().last_op));
        switch (msg.kind) {
            case evm::CallKind::kCall:
                return msg.is_static && msg.depth > 0 ? "STATICCALL" : "CALL";
            case evm::CallKind::kDelegateCall:
                return "DELEGATECALL";
            case evm::CallKind::kCallCode:
                return "CALLCODE";
            case evm::CallKind::kCreate:
                return "CREATE";
            case evm::CallKind::kCreate2:
                return "CREATE2";
        }
        return "CALL";
    }

    evm::Revision rev_;
    std::vector<Frame> frames_;
    std::vector<Entry> entries_;
    std::vector<Operation> operations_;
};

/// A block number as Erigon's rpc.BlockNumber takes it: a JSON integer, decimal text, a hex
/// quantity or a tag.
RpcResult<BlockRef> block_number_param(const Json& j, std::string_view what) {
    if (j.is_number()) {
        auto n = parse_u64_or_decimal(j, what);
        if (!n) return std::unexpected(n.error());
        BlockRef r;
        r.kind = BlockRef::Kind::kNumber;
        r.number = *n;
        return r;
    }
    if (j.is_string()) {
        const std::string& s = j.get_ref<const std::string&>();
        if (!s.empty() && s[0] >= '0' && s[0] <= '9' &&
            !(s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
            auto n = parse_u64_or_decimal(j, what);
            if (!n) return std::unexpected(n.error());
            BlockRef r;
            r.kind = BlockRef::Kind::kNumber;
            r.number = *n;
            return r;
        }
    }
    return parse_block_number(j, what);
}

/// A page number or size: Erigon's uint8, given as a JSON integer or a quantity.
RpcResult<uint64_t> page_param(const Json& j, std::string_view what) {
    auto n = parse_u64_or_decimal(j, what);
    if (!n) return std::unexpected(n.error());
    if (*n > 255) {
        return rpc_error(kInvalidParams,
                         "invalid argument " + std::string{what} + ": above 255 (a uint8)");
    }
    return *n;
}

/// The block as Otterscan's block pages show it (Erigon's delegateGetBlockByNumber): the
/// transactions as full objects or left out, transactionCount, no logsBloom.
Json ots_block_json(const storage::StoredBlock& block, bool with_transactions) {
    Json j = block_json(block, with_transactions);
    if (!with_transactions) j.erase("transactions");
    j["transactionCount"] = block.transactions.size();
    j["logsBloom"] = nullptr;
    return j;
}

RpcResult<std::vector<storage::StoredReceipt>> receipts_of(Backend& b, uint64_t number) {
    auto receipts = b.blocks().block_receipts(number);
    if (!receipts) return std::unexpected(to_rpc_error(receipts.error()));
    if (!*receipts) return std::vector<storage::StoredReceipt>{};
    return std::move(**receipts);
}

MethodResult get_block_details(Backend& b, Params params, bool by_hash) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto parsed = by_hash ? parse_block_hash(param(params, 0), "0")
                          : block_number_param(param(params, 0), "0");
    if (!parsed) return std::unexpected(parsed.error());
    const BlockRef ref = *parsed;
    auto block = find_block(b, ref);
    if (!block) return std::unexpected(block.error());
    if (!*block) return nullptr;
    auto receipts = receipts_of(b, (*block)->header.number);
    if (!receipts) return std::unexpected(receipts.error());
    Uint256 fees;
    for (const storage::StoredReceipt& r : *receipts)
        fees = fees + Uint256{r.gas_used} * r.effective_gas_price;
    // No block or uncle rewards: the sequencer is paid by the fees alone.
    const Json issuance = {{"blockReward", "0x0"}, {"uncleReward", "0x0"}, {"issuance", "0x0"}};
    return Json{{"block", ots_block_json(**block, false)},
                {"issuance", issuance},
                {"totalFees", quantity(fees)}};
}

MethodResult get_block_transactions(Backend& b, Params params) {
    if (auto r = check_arity(params, 3, 3); !r) return std::unexpected(r.error());
    auto ref = block_number_param(param(params, 0), "0");
    if (!ref) return std::unexpected(ref.error());
    auto page_number = page_param(param(params, 1), "1");
    if (!page_number) return std::unexpected(page_number.error());
    auto page_size = page_param(param(params, 2), "2");
    if (!page_size) return std::unexpected(page_size.error());
    auto block = find_block(b, *ref);
    if (!block) return std::unexpected(block.error());
    if (!*block) return nullptr;
    auto receipts = receipts_of(b, (*block)->header.number);
    if (!receipts) return std::unexpected(receipts.error());

    // Pages from the end, as Erigon: page p is [n - (p+1)*size, n - p*size), clipped at 0.
    const int64_t n = static_cast<int64_t>((*block)->transactions.size());
    int64_t end = n - static_cast<int64_t>(*page_number * *page_size);
    int64_t start = end - static_cast<int64_t>(*page_size);
    if (end < 0) end = 0;
    if (start < 0) start = 0;

    Json full = ots_block_json(**block, true);
    Json txs = Json::array();
    Json out_receipts = Json::array();
    for (int64_t i = start; i < end; ++i) {
        Json t = std::move(full["transactions"][static_cast<size_t>(i)]);
        // Only the selector: Otterscan shows the method, not the arguments.
        if (auto& input = t["input"]; input.get_ref<const std::string&>().size() > 10)
            input = input.get_ref<const std::string&>().substr(0, 10);
        txs.push_back(std::move(t));
        if (static_cast<size_t>(i) < receipts->size()) {
            Json r = receipt_json((*receipts)[static_cast<size_t>(i)]);
            r["logs"] = nullptr;
            r["logsBloom"] = nullptr;
            out_receipts.push_back(std::move(r));
        }
    }
    full["transactions"] = std::move(txs);
    return Json{{"fullblock", std::move(full)}, {"receipts", std::move(out_receipts)}};
}

MethodResult has_code(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 2); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    const Json& block = param(params, 1);
    auto ref = block.is_number() ? block_number_param(block, "1") : parse_block_ref(block, "1");
    if (!ref) return std::unexpected(ref.error());
    auto n = resolve_state_block(b, *ref);
    if (!n) return std::unexpected(n.error());
    auto acc = b.state().account(*addr, state_block(b, *n));
    if (!acc) return std::unexpected(to_rpc_error(acc.error()));
    return *acc && (*acc)->code_hash != state::kEmptyCodeHash;
}

/// Re-executes the committed transaction `hash` on the state before it (the block's earlier
/// transactions replayed), as debug_traceTransaction does, with `tracer` watching.
/// `make_tracer` (may be empty) gives the tracer for the transaction's fork.
RpcResult<CallOutcome> replay(Backend& backend, const Hash256& hash,
                              const std::function<evm::Tracer*(evm::Revision)>& make_tracer) {
    auto r = replay_transaction(backend, hash, "transaction " + hash_hex(hash) + " not found");
    if (!r) return std::unexpected(r.error());
    evm::Tracer* tracer = make_tracer ? make_tracer(r->rev) : nullptr;
    auto out = apply_message(*r->state, r->env, r->rev, r->msg, tracer);
    if (auto failed = checked_reads(*r->view, r->env, r->block - 1, Json{}); !failed)
        return std::unexpected(failed.error());
    if (!out) return rpc_error(kServerError, "tracing failed: " + out.error().message);
    return std::move(*out);
}

RpcResult<Hash256> hash_param(Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    return parse_hash(param(params, 0), "0");
}

MethodResult get_transaction_error(Backend& b, Params params) {
    auto hash = hash_param(params);
    if (!hash) return std::unexpected(hash.error());
    auto out = replay(b, *hash, {});
    if (!out) return std::unexpected(out.error());
    if (out->status != evm::Status::kRevert) return "0x";
    return data_hex(out->output);
}

/// Runs the transaction under an OtsTracer and returns what `pick` takes from it.
template <typename Pick>
MethodResult traced(Backend& b, Params params, Pick pick) {
    auto hash = hash_param(params);
    if (!hash) return std::unexpected(hash.error());
    std::optional<OtsTracer> tracer;
    auto out = replay(b, *hash, [&tracer](evm::Revision rev) -> evm::Tracer* {
        return &tracer.emplace(rev);
    });
    if (!out) return std::unexpected(out.error());
    return pick(*tracer);
}

// ---- Address history -----------------------------------------------------------------------

/// ots_searchTransactionsBefore(address, blockNumber, pageSize) and ...After: the transactions
/// the address appears in (sender, recipient, created contract) below / above blockNumber
/// (0: from the newest / the oldest), newest first in both, a page ending at a block boundary.
MethodResult search_transactions(Backend& b, const OtsOptions& o, Params params, bool before) {
    if (auto r = check_arity(params, 3, 3); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto block = parse_u64_or_decimal(param(params, 1), "1");
    if (!block) return std::unexpected(block.error());
    auto size = parse_u64_or_decimal(param(params, 2), "2");
    if (!size) return std::unexpected(size.error());
    if (*size > o.max_page_size)
        return rpc_error(kServerError, "max allowed page size: " + std::to_string(o.max_page_size));

    storage::AddressHistoryQuery query;
    query.address = *addr;
    query.descending = before;
    query.page_size = static_cast<size_t>(*size);
    // blockNumber itself is left out; 0 is "from the newest" (before) or "from the oldest"
    // (after), as Erigon's.
    if (before) {
        query.from_block = *block == 0 ? UINT64_MAX : *block - 1;
    } else {
        query.from_block = *block == 0 ? 0 : (*block == UINT64_MAX ? UINT64_MAX : *block + 1);
    }
    storage::AddressHistoryPage page;
    if (before || *block != UINT64_MAX) {
        auto found = b.blocks().address_history(query);
        if (!found) return std::unexpected(to_rpc_error(found.error()));
        page = std::move(*found);
    } else {
        page.exhausted = true;  // nothing lies above the largest block number
    }

    std::unordered_map<uint64_t, const chain::BlockHeader*> headers;
    for (const storage::StoredBlock& h : page.headers) headers.emplace(h.header.number, &h.header);
    Json txs = Json::array();
    Json receipts = Json::array();
    const size_t n = page.transactions.size();
    for (size_t i = 0; i < n; ++i) {
        const size_t k = before ? i : n - 1 - i;  // newest first either way
        const storage::StoredTransaction& t = page.transactions[k];
        auto h = headers.find(t.block_num);
        if (h == headers.end() || k >= page.receipts.size())
            return rpc_error(kInternalError, "address history without the block of transaction " +
                                                 hash_hex(t.hash));
        txs.push_back(transaction_json(t, h->second->base_fee_per_gas));
        Json r = receipt_json(page.receipts[k]);
        r["timestamp"] = h->second->timestamp;  // a JSON number, as Erigon's
        receipts.push_back(std::move(r));
    }
    // Pages run from the newest (first) to the oldest (last).
    const bool first_page = before ? *block == 0 : page.exhausted;
    const bool last_page = before ? page.exhausted : *block == 0;
    return Json{{"txs", std::move(txs)},
                {"receipts", std::move(receipts)},
                {"firstPage", first_page},
                {"lastPage", last_page}};
}

/// ots_getTransactionBySenderAndNonce(address, nonce): the hash, or null.
MethodResult get_transaction_by_sender_and_nonce(Backend& b, Params params) {
    if (auto r = check_arity(params, 2, 2); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    auto nonce = parse_u64_or_decimal(param(params, 1), "1");
    if (!nonce) return std::unexpected(nonce.error());
    auto t = b.blocks().transaction_by_sender_and_nonce(*addr, *nonce);
    if (!t) return std::unexpected(to_rpc_error(t.error()));
    if (!*t) return nullptr;
    return hash_hex((*t)->hash);
}

/// Watches for the frame that creates `target` (Erigon's CreateTracer): its sender is the
/// creator.
class CreateTracer final : public evm::Tracer {
public:
    explicit CreateTracer(const Address& target) : target_{target} {}

    void on_enter(const evm::Message& msg) override {
        if (creator || msg.recipient != target_) return;
        if (msg.kind == evm::CallKind::kCreate || msg.kind == evm::CallKind::kCreate2)
            creator = msg.sender;
    }
    void on_exit(const evm::ExecResult&, BytesView) override {}
    void on_step(const evm::Step&) override {}
    void on_halt(evm::Status, int64_t, BytesView) override {}
    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}

    std::optional<Address> creator;

private:
    Address target_;
};

/// Whether `addr` has code after block `number`.
std::expected<bool, RpcError> has_code_after(Backend& b, const Address& addr, uint64_t number) {
    auto acc = b.state().account(addr, state_block(b, number));
    if (!acc) return std::unexpected(to_rpc_error(acc.error()));
    return *acc && (*acc)->code_hash != state::kEmptyCodeHash;
}

/// The block that created `addr`, which has code after block `head`: the first block after
/// which it has code, by binary search over the account's history (a contract keeps its code
/// from its creation on: since EIP-6780 only the creating transaction can destroy it). A read
/// per step, log2(head) steps. nullopt for a contract of the genesis state.
std::expected<std::optional<uint64_t>, RpcError> creation_block(Backend& b, const Address& addr,
                                                                uint64_t head) {
    auto at_genesis = has_code_after(b, addr, 0);
    if (!at_genesis) return std::unexpected(at_genesis.error());
    if (*at_genesis) return std::optional<uint64_t>{};
    uint64_t without = 0;  // no code after this block
    uint64_t with = head;  // code after this block
    while (with - without > 1) {
        const uint64_t mid = without + (with - without) / 2;
        auto code = has_code_after(b, addr, mid);
        if (!code) return std::unexpected(code.error());
        (*code ? with : without) = mid;
    }
    return std::optional<uint64_t>{with};
}

/// Replays block `number` until a frame creates `addr`: {hash, creator} of that transaction, or
/// null when none does.
MethodResult creator_in_block(Backend& b, const Address& addr, uint64_t number) {
    auto block = b.blocks().block_by_number(number, true);
    if (!block)
        return std::unexpected(internal_error(block.error(), "block #" + std::to_string(number)));
    if (!*block) return rpc_error(kServerError, "block #" + std::to_string(number) + " not found");
    auto env = block_env(b, number);
    if (!env) return std::unexpected(env.error());
    const evm::Revision rev = b.forks().at(env->timestamp);
    std::unique_ptr<state::StateView> view = b.state_at(number - 1);
    if (!view) return rpc_error(kInternalError, "no state for block " + std::to_string(number - 1));
    state::State st{*view};
    for (const storage::StoredTransaction& tx : (*block)->transactions) {
        CreateTracer tracer{addr};
        auto out = apply_message(st, *env, rev, stored_message(tx, *env), &tracer);
        if (!out) return rpc_error(kServerError, "tracing failed: " + out.error().message);
        if (tracer.creator) {
            return checked_reads(
                *view, *env, number - 1,
                Json{{"hash", hash_hex(tx.hash)}, {"creator", address_hex(*tracer.creator)}});
        }
    }
    return checked_reads(*view, *env, number - 1, nullptr);
}

/// ots_getContractCreator(address): {hash, creator} of the transaction that deployed the
/// contract (for a contract created by another contract, `creator` is that contract), or null
/// for an account without code, an EIP-7702 delegation and a contract of the genesis state.
MethodResult get_contract_creator(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto addr = parse_address(param(params, 0), "0");
    if (!addr) return std::unexpected(addr.error());
    const uint64_t head = b.head_number();
    auto acc = b.state().account(*addr, state_block(b, head));
    if (!acc) return std::unexpected(to_rpc_error(acc.error()));
    if (!*acc || (*acc)->code_hash == state::kEmptyCodeHash) return nullptr;
    auto code = b.state().code((*acc)->code_hash);
    if (!code) return std::unexpected(to_rpc_error(code.error()));
    if (*code && evm::is_delegation(**code)) return nullptr;  // an account, never created
    // A contract creation transaction: the index of receipts by contract address.
    auto created = b.blocks().creation_transaction(*addr);
    if (!created) return std::unexpected(to_rpc_error(created.error()));
    if (*created)
        return Json{{"hash", hash_hex((*created)->hash)},
                    {"creator", address_hex((*created)->sender)}};
    // Created by another contract (CREATE / CREATE2 inside a transaction): the block from the
    // account's history, then the transaction and the creating frame by replaying that block.
    auto number = creation_block(b, *addr, head);
    if (!number) return std::unexpected(number.error());
    if (!*number) return nullptr;
    return creator_in_block(b, *addr, **number);
}

}  // namespace

void register_ots_methods(MethodTable& table, Backend& backend, const OtsOptions& options) {
    Backend& b = backend;
    table.add("ots_getApiLevel", [](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return kApiLevel;
    });
    table.add("ots_hasCode", [&b](Params p, Session&) { return has_code(b, p); });
    table.add("ots_getBlockDetails",
              [&b](Params p, Session&) { return get_block_details(b, p, false); }, Weight::kHeavy);
    table.add("ots_getBlockDetailsByHash",
              [&b](Params p, Session&) { return get_block_details(b, p, true); }, Weight::kHeavy);
    table.add("ots_getBlockTransactions",
              [&b](Params p, Session&) { return get_block_transactions(b, p); }, Weight::kHeavy);
    table.add("ots_getTransactionError",
              [&b](Params p, Session&) { return get_transaction_error(b, p); }, Weight::kHeavy);
    table.add("ots_getInternalOperations", [&b](Params p, Session&) {
        return traced(b, p, [](const OtsTracer& t) { return t.operations_json(); });
    }, Weight::kHeavy);
    table.add("ots_traceTransaction", [&b](Params p, Session&) {
        return traced(b, p, [](const OtsTracer& t) { return t.trace_json(); });
    }, Weight::kHeavy);
    table.add("ots_searchTransactionsBefore", [&b, options](Params p, Session&) {
        return search_transactions(b, options, p, true);
    }, Weight::kHeavy);
    table.add("ots_searchTransactionsAfter", [&b, options](Params p, Session&) {
        return search_transactions(b, options, p, false);
    }, Weight::kHeavy);
    table.add("ots_getTransactionBySenderAndNonce",
              [&b](Params p, Session&) { return get_transaction_by_sender_and_nonce(b, p); });
    table.add("ots_getContractCreator",
              [&b](Params p, Session&) { return get_contract_creator(b, p); }, Weight::kHeavy);
}

}  // namespace yao::rpc
