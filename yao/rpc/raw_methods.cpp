// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The consensus encodings of the chain (execution-apis src/debug/getters.yaml):
// debug_getRawHeader (the header's RLP, whose keccak256 is the block hash), debug_getRawBlock
// (the block's RLP), debug_getRawReceipts (each receipt's EIP-2718 encoding, the values of the
// receipts trie), debug_getRawTransaction (the transaction's canonical bytes, what
// eth_sendRawTransaction takes) and debug_getBadBlocks. The block parameter takes what geth's
// rpc.BlockNumberOrHash takes: a tag, a number, a block hash or an EIP-1898 object.
#include <string>

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/transaction.hpp>

#include "encode.hpp"
#include "eth_methods.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// "header #12 not found" / "block 0xab… not found", as the tracing methods word it.
RpcError not_found(const char* what, const BlockRef& ref) {
    const std::string id =
        ref.kind == BlockRef::Kind::kHash ? hash_hex(ref.hash) : "#" + std::to_string(ref.number);
    return RpcError{kServerError, std::string{what} + " " + id + " not found", nullptr};
}

/// The block parameter and the number of the stored block it names; an unknown block is
/// -32000 "<what> #N not found" / "<what> 0x… not found".
RpcResult<uint64_t> block_number(Backend& b, Params params, const char* what) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto ref = parse_block_ref(param(params, 0), "0");
    if (!ref) return std::unexpected(ref.error());
    auto n = resolve_block(b, *ref);
    if (!n) return std::unexpected(n.error());
    if (!*n) return std::unexpected(not_found(what, *ref));
    return **n;
}

MethodResult raw_header(Backend& b, Params params) {
    auto n = block_number(b, params, "header");
    if (!n) return std::unexpected(n.error());
    auto block = b.blocks().header_by_number(*n);
    if (!block) return std::unexpected(to_rpc_error(block.error()));
    if (!*block) return std::unexpected(not_found("header", BlockRef{BlockRef::Kind::kNumber, *n, {}}));
    return data_hex(chain::encode_header((*block)->header));
}

MethodResult raw_block(Backend& b, Params params) {
    auto n = block_number(b, params, "block");
    if (!n) return std::unexpected(n.error());
    auto block = b.blocks().block_by_number(*n, true);
    if (!block) return std::unexpected(to_rpc_error(block.error()));
    if (!*block) return std::unexpected(not_found("block", BlockRef{BlockRef::Kind::kNumber, *n, {}}));
    return data_hex(chain::encode_block(consensus_block(**block)));
}

MethodResult raw_receipts(Backend& b, Params params) {
    auto n = block_number(b, params, "block");
    if (!n) return std::unexpected(n.error());
    auto receipts = b.blocks().block_receipts(*n);
    if (!receipts) return std::unexpected(to_rpc_error(receipts.error()));
    if (!*receipts)
        return std::unexpected(not_found("block", BlockRef{BlockRef::Kind::kNumber, *n, {}}));
    Json out = Json::array();
    for (const auto& r : **receipts) out.push_back(data_hex(chain::encode_receipt(r.receipt)));
    return out;
}

/// A committed transaction, else one in the pool (as geth); null when neither has it.
MethodResult raw_transaction(Backend& b, Params params) {
    if (auto r = check_arity(params, 1, 1); !r) return std::unexpected(r.error());
    auto h = parse_hash(param(params, 0), "0");
    if (!h) return std::unexpected(h.error());
    auto t = b.blocks().transaction(*h);
    if (!t) return std::unexpected(to_rpc_error(t.error()));
    if (*t) return data_hex(chain::encode_transaction((*t)->txn));
    auto pending = b.sequencer().pool_transaction(*h);
    if (!pending) return std::unexpected(to_rpc_error(pending.error()));
    if (*pending) return data_hex(chain::encode_transaction((*pending)->txn));
    return nullptr;
}

}  // namespace

void register_raw_methods(MethodTable& t, Backend& b) {
    t.add("debug_getRawHeader", [&b](Params p, Session&) { return raw_header(b, p); });
    t.add("debug_getRawBlock", [&b](Params p, Session&) { return raw_block(b, p); },
          Weight::kHeavy);
    t.add("debug_getRawReceipts", [&b](Params p, Session&) { return raw_receipts(b, p); },
          Weight::kHeavy);
    t.add("debug_getRawTransaction", [&b](Params p, Session&) { return raw_transaction(b, p); });
    // A block that fails validation is never committed, and nothing here receives blocks from
    // peers: there is never a bad block to report.
    t.add("debug_getBadBlocks", [](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return Json::array();
    });
}

}  // namespace yao::rpc
