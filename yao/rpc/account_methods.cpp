// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The methods that sign with the node's development accounts (yaoverse dev): eth_accounts,
// eth_sign (EIP-191), eth_signTypedData_v4 (EIP-712), eth_signTransaction, eth_sendTransaction.
#include <string>

#include <yao/chain/transaction.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>

#include "eip712.hpp"
#include "encode.hpp"
#include "eth_methods.hpp"
#include "execution.hpp"
#include "json_codec.hpp"
#include "method_util.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

const SigningAccount* find_account(Backend& b, const Address& addr) {
    for (const auto& a : b.accounts()) {
        if (a.address == addr) return &a;
    }
    return nullptr;
}

RpcResult<const SigningAccount*> account_param(Backend& b, const Json& j, std::string_view what) {
    auto addr = parse_address(j, what);
    if (!addr) return std::unexpected(addr.error());
    const SigningAccount* a = find_account(b, *addr);
    if (!a) return rpc_error(kServerError, "unknown account");
    return a;
}

/// r ‖ s ‖ v with v = 27 + y parity: the 65 bytes eth_sign and eth_signTypedData return.
MethodResult sign_digest(const Hash256& digest, const SigningAccount& account) {
    auto sig = sign(digest, account.private_key);
    if (!sig) return std::unexpected(to_rpc_error(sig.error()));
    Bytes out;
    out.append(sig->r.view());
    out.append(sig->s.view());
    out.push_back(static_cast<uint8_t>(27 + sig->y_parity));
    return data_hex(out);
}

RpcResult<std::optional<Uint256>> optional_u256(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    auto v = parse_u256(*it, key);
    if (!v) return std::unexpected(v.error());
    return *v;
}

RpcResult<std::optional<uint64_t>> optional_u64(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    auto v = parse_u64(*it, key);
    if (!v) return std::unexpected(v.error());
    return *v;
}

/// A transaction request filled in like geth's TransactionArgs.setDefaults: the pending nonce,
/// the chain id, EIP-1559 fees (tip = the suggested tip, fee cap = 2 * base fee + tip) unless a
/// gasPrice asks for a legacy (or, with an access list, EIP-2930) transaction, and the gas from
/// eth_estimateGas when absent; then signed by the development account `from` when `sign`
/// (without signing, `from` may be any address, the zero address when absent).
struct Filled {
    chain::Transaction txn;
    Address from;
    /// nullptr: not signed (eth_fillTransaction) or an impersonated sender
    /// (anvil_impersonateAccount), whose signature is a placeholder.
    const SigningAccount* account = nullptr;
};

/// Who signs what fill_transaction fills: a dev account's key; that or, for an impersonated
/// address, a placeholder; nobody (eth_fillTransaction, any sender).
enum class Signing { kDevKey, kDevKeyOrImpersonated, kUnsigned };

/// The placeholder signature of an impersonated sender's transaction: r = the sender's address,
/// s = 1, so that two senders' otherwise equal transactions keep distinct hashes. It recovers to
/// no one in particular: the block's state patch records the sender (StatePatch::unsigned_txs).
void sign_impersonated(chain::Transaction& t, const Address& from) {
    t.y_parity = 0;
    t.r = Uint256::from_be_bytes(from.view());
    t.s = Uint256{1};
}

RpcResult<Filled> fill_transaction(const MethodTable& table, Backend& b, const EthOptions& o,
                                   const Json& args, Session& session, Signing signing) {
    if (!args.is_object()) {
        return rpc_error(kInvalidParams, "invalid argument 0: expected a transaction object");
    }
    Filled f;
    const Json& from = args.contains("from") ? args["from"] : Json{};
    if (signing != Signing::kUnsigned || !from.is_null()) {
        auto addr = parse_address(from, "from");
        if (!addr) return std::unexpected(addr.error());
        f.from = *addr;
    }
    if (signing != Signing::kUnsigned) {
        f.account = find_account(b, f.from);
        if (!f.account && !(signing == Signing::kDevKeyOrImpersonated && b.impersonating(f.from)))
            return rpc_error(kServerError, "unknown account");
    }
    chain::Transaction& t = f.txn;

    if (auto it = args.find("to"); it != args.end() && !it->is_null()) {
        auto to = parse_address(*it, "to");
        if (!to) return std::unexpected(to.error());
        t.to = *to;
    }
    auto value = optional_u256(args, "value");
    if (!value) return std::unexpected(value.error());
    t.value = value->value_or(Uint256{});

    const Json* input = nullptr;
    if (auto it = args.find("input"); it != args.end() && !it->is_null()) input = &*it;
    if (auto it = args.find("data"); it != args.end() && !it->is_null()) {
        if (input && *input != *it) {
            return rpc_error(kInvalidParams,
                             "both \"data\" and \"input\" are set and not equal. Please use "
                             "\"input\" to pass transaction call data");
        }
        input = &*it;
    }
    if (input) {
        auto data = parse_data(*input, "input");
        if (!data) return std::unexpected(data.error());
        t.data = std::move(*data);
    }

    auto chain_id = optional_u64(args, "chainId");
    if (!chain_id) return std::unexpected(chain_id.error());
    if (*chain_id && **chain_id != b.chain_id()) {
        return rpc_error(kServerError, "chainId does not match node's (have=" +
                                           std::to_string(**chain_id) +
                                           ", want=" + std::to_string(b.chain_id()) + ")");
    }
    t.chain_id = b.chain_id();

    if (auto it = args.find("accessList"); it != args.end() && !it->is_null()) {
        if (!it->is_array()) return rpc_error(kInvalidParams, "invalid argument 0: accessList");
        for (const auto& e : *it) {
            if (!e.is_object()) return rpc_error(kInvalidParams, "invalid argument 0: accessList");
            chain::AccessListEntry entry;
            auto addr = parse_address(e.value("address", Json{}), "accessList");
            if (!addr) return std::unexpected(addr.error());
            entry.address = *addr;
            for (const auto& k : e.value("storageKeys", Json::array())) {
                auto key = parse_hash(k, "accessList");
                if (!key) return std::unexpected(key.error());
                entry.storage_keys.push_back(*key);
            }
            t.access_list.push_back(std::move(entry));
        }
    }

    auto gas_price = optional_u256(args, "gasPrice");
    auto max_fee = optional_u256(args, "maxFeePerGas");
    auto tip = optional_u256(args, "maxPriorityFeePerGas");
    if (!gas_price) return std::unexpected(gas_price.error());
    if (!max_fee) return std::unexpected(max_fee.error());
    if (!tip) return std::unexpected(tip.error());
    if (*gas_price && (*max_fee || *tip)) {
        return rpc_error(kInvalidParams,
                         "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    if (*gas_price) {
        t.type = t.access_list.empty() ? chain::TxType::kLegacy : chain::TxType::kAccessList;
        t.gas_price = **gas_price;
    } else {
        t.type = chain::TxType::kDynamicFee;
        const Uint256 suggested = suggest_priority_fee(b, o);
        if (*tip) {
            t.max_priority_fee_per_gas = **tip;
        } else {
            t.max_priority_fee_per_gas =
                *max_fee ? std::min(suggested, **max_fee) : suggested;
        }
        t.max_fee_per_gas =
            *max_fee ? **max_fee : b.base_fee() * Uint256{2} + t.max_priority_fee_per_gas;
        if (t.max_fee_per_gas < t.max_priority_fee_per_gas) {
            return rpc_error(kInvalidParams, "maxFeePerGas (" + t.max_fee_per_gas.to_dec() +
                                                 ") < maxPriorityFeePerGas (" +
                                                 t.max_priority_fee_per_gas.to_dec() + ")");
        }
    }

    // EIP-7702: signed authorizations turn the transaction into a set-code one (type 4).
    if (auto it = args.find("authorizationList"); it != args.end() && !it->is_null()) {
        auto list = parse_authorization_list(*it);
        if (!list) return std::unexpected(list.error());
        if (!list->empty()) {
            if (t.type != chain::TxType::kDynamicFee)
                return rpc_error(kInvalidParams, "authorizationList needs maxFeePerGas and "
                                                 "maxPriorityFeePerGas, not gasPrice");
            if (!t.to)
                return rpc_error(kServerError,
                                 "EIP-7702 transaction cannot be used to create contract");
            t.type = chain::TxType::kSetCode;
            t.authorization_list = std::move(*list);
        }
    }

    auto nonce = optional_u64(args, "nonce");
    if (!nonce) return std::unexpected(nonce.error());
    t.nonce = nonce->value_or(0);
    if (!*nonce) {
        auto pending = b.sequencer().pending_nonce(f.from);
        if (!pending) return std::unexpected(to_rpc_error(pending.error()));
        t.nonce = *pending;
    }

    auto gas = optional_u64(args, "gas");
    if (!gas) return std::unexpected(gas.error());
    if (*gas) {
        t.gas_limit = **gas;
    } else {
        const Method* estimate = table.find("eth_estimateGas");
        if (!estimate) return rpc_error(kInternalError, "eth_estimateGas is not available");
        Json call = {{"from", address_hex(f.from)},
                     {"value", quantity(t.value)},
                     {"input", data_hex(t.data)},
                     {"nonce", quantity(t.nonce)}};
        if (t.to) call["to"] = address_hex(*t.to);
        if (chain::is_dynamic_fee(t)) {
            call["maxFeePerGas"] = quantity(t.max_fee_per_gas);
            call["maxPriorityFeePerGas"] = quantity(t.max_priority_fee_per_gas);
        } else {
            call["gasPrice"] = quantity(t.gas_price);
        }
        if (auto it = args.find("accessList"); it != args.end()) call["accessList"] = *it;
        if (t.type == chain::TxType::kSetCode) call["authorizationList"] = args["authorizationList"];
        auto estimated = (*estimate)(Json::array({call, "pending"}), session);
        if (!estimated) return std::unexpected(estimated.error());
        auto g = parse_u64(*estimated, "gas");
        if (!g) return rpc_error(kInternalError, "eth_estimateGas returned " + estimated->dump());
        t.gas_limit = *g;
    }
    if (signing == Signing::kUnsigned) return f;
    if (!f.account) {
        sign_impersonated(t, f.from);
    } else if (auto r = chain::sign_transaction(t, f.account->private_key); !r) {
        return std::unexpected(to_rpc_error(r.error()));
    }
    return f;
}

}  // namespace

void register_account_methods(MethodTable& table, Backend& b, const EthOptions& options) {
    const EthOptions o = options;
    table.add("eth_accounts", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        Json out = Json::array();
        for (const auto& a : b.accounts()) out.push_back(address_hex(a.address));
        return out;
    });
    // EIP-191 version 0x45: keccak256("\x19Ethereum Signed Message:\n" ‖ len(message) ‖ message).
    table.add("eth_sign", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 2, 2); !r) return std::unexpected(r.error());
        auto account = account_param(b, param(p, 0), "0");
        if (!account) return std::unexpected(account.error());
        auto message = parse_data(param(p, 1), "1");
        if (!message) return std::unexpected(message.error());
        const std::string prefix =
            "\x19" "Ethereum Signed Message:\n" + std::to_string(message->size());
        Bytes data{as_bytes(prefix)};
        data.append(*message);
        return sign_digest(keccak256(data), **account);
    });
    table.add("eth_signTypedData_v4", [&b](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 2, 2); !r) return std::unexpected(r.error());
        auto account = account_param(b, param(p, 0), "0");
        if (!account) return std::unexpected(account.error());
        // MetaMask sends the typed data as JSON text, other tools as an object.
        Json typed = param(p, 1);
        if (typed.is_string()) {
            typed = Json::parse(typed.get<std::string>(), nullptr, false);
            if (typed.is_discarded()) {
                return rpc_error(kInvalidParams, "invalid argument 1: typed data is not JSON");
            }
        }
        auto digest = eip712_digest(typed);
        if (!digest)
            return rpc_error(kInvalidParams, "invalid argument 1: " + digest.error().message);
        return sign_digest(*digest, **account);
    });
    table.add("eth_signTransaction", [&table, &b, o](Params p, Session& s) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto f = fill_transaction(table, b, o, param(p, 0), s, Signing::kDevKey);
        if (!f) return std::unexpected(f.error());
        return Json{{"raw", data_hex(chain::encode_transaction(f->txn))},
                    {"tx", transaction_json(f->txn, chain::transaction_hash(f->txn), f->from,
                                            std::nullopt)}};
    }, Weight::kHeavy);  // may estimate gas
    // geth's eth_fillTransaction: the same defaults for any sender, unsigned: {raw, tx} with the
    // unsigned bytes (a legacy transaction without chain id or signature, as geth builds it).
    table.add("eth_fillTransaction", [&table, &b, o](Params p, Session& s) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto f = fill_transaction(table, b, o, param(p, 0), s, Signing::kUnsigned);
        if (!f) return std::unexpected(f.error());
        const Bytes raw = unsigned_transaction_bytes(f->txn);
        Json tx = transaction_json(f->txn, keccak256(raw), f->from, std::nullopt);
        if (f->txn.type == chain::TxType::kLegacy) {
            tx["v"] = "0x0";
            tx.erase("chainId");
        }
        return Json{{"raw", data_hex(raw)}, {"tx", std::move(tx)}};
    }, Weight::kHeavy);  // may estimate gas
    table.add("eth_sendTransaction", [&table, &b, o](Params p, Session& s) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto f = fill_transaction(table, b, o, param(p, 0), s, Signing::kDevKeyOrImpersonated);
        if (!f) return std::unexpected(f.error());
        proto::SignedTx tx{f->txn, chain::transaction_hash(f->txn), f->from, 0, {}};
        tx.impersonated = f->account == nullptr;
        auto hash = b.send_transaction(std::move(tx));
        if (!hash) return std::unexpected(to_rpc_error(hash.error()));
        return hash_hex(*hash);
    }, Weight::kHeavy);  // may estimate gas
}

}  // namespace yao::rpc
