// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <yao/execution/test_util/world.hpp>

#include <yao/chain/block.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/evm/test_util/erc20.hpp>
#include <yao/state/state_diff.hpp>

namespace yao::test {
namespace {

Hash256 key_of(size_t i) {
    Hash256 k;
    k[0] = 0x42;
    for (size_t b = 0; b < 8; ++b) k[31 - b] = static_cast<uint8_t>((i + 1) >> (8 * b));
    return k;
}

Address address_of(uint8_t tag) {
    Address a;
    a[0] = 0xc0;
    a[19] = tag;
    return a;
}

// NUMBER PUSH1 1 SWAP1 SUB BLOCKHASH PUSH1 0 SSTORE COINBASE BALANCE PUSH1 1 SSTORE STOP
const uint8_t kProbeCode[] = {0x43, 0x60, 0x01, 0x90, 0x03, 0x40, 0x60, 0x00,
                              0x55, 0x41, 0x31, 0x60, 0x01, 0x55, 0x00};

Uint256 ether(uint64_t n) { return Uint256{n} * Uint256{1'000'000'000'000'000'000ull}; }

}  // namespace

World make_world(size_t n) {
    World w;
    for (size_t i = 0; i < n; ++i) {
        w.keys.push_back(key_of(i));
        w.accounts.push_back(address_from_private_key(w.keys.back()).value());
    }
    w.token = address_of(1);
    w.probe = address_of(2);
    w.coinbase = address_of(3);
    w.base_fee = Uint256{1'000'000'000};
    return w;
}

storage::BlockCommit genesis_commit(const World& w) {
    state::StateDiff diff;
    const Bytes token_code = evm::test::erc20_runtime().bytes();
    const Bytes probe_code{kProbeCode, sizeof kProbeCode};
    for (const Address& a : w.accounts) {
        diff.accounts.push_back({a, state::Account{0, ether(1000), state::kEmptyCodeHash}});
        Hash256 amount = Uint256{1'000'000}.to_hash();
        diff.storage.push_back({w.token, evm::test::erc20_balance_slot(a), amount});
    }
    diff.accounts.push_back({w.token, state::Account{1, {}, keccak256(token_code)}});
    diff.accounts.push_back({w.probe, state::Account{1, {}, keccak256(probe_code)}});
    diff.code.push_back({keccak256(token_code), token_code});
    diff.code.push_back({keccak256(probe_code), probe_code});
    state::sort_state_diff(diff);

    storage::BlockCommit c;
    chain::BlockHeader& h = c.header;
    h.number = 0;
    h.gas_limit = w.gas_limit;
    h.timestamp = 1'700'000'000;
    h.base_fee_per_gas = w.base_fee;
    h.coinbase = w.coinbase;
    h.state_root = state::chained_state_root(Hash256{}, diff).value();
    h.transactions_root = chain::kEmptyTrieRoot;
    h.receipts_root = chain::kEmptyTrieRoot;
    h.withdrawals_root = chain::kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    c.hash = chain::header_hash(h);
    for (const auto& e : diff.accounts) c.accounts.push_back({e.address, e.account});
    for (const auto& e : diff.storage) c.storage.push_back({e.address, e.slot, e.value});
    for (const auto& e : diff.code) c.code.push_back({e.code_hash, e.code});
    return c;
}

proto::SignedTx signed_tx(const World& w, size_t from, uint64_t nonce, std::optional<Address> to,
                          const Uint256& value, Bytes data, uint64_t gas, const Uint256& tip) {
    chain::Transaction t;
    t.type = chain::TxType::kDynamicFee;
    t.chain_id = kChainId;
    t.nonce = nonce;
    t.max_priority_fee_per_gas = tip;
    t.max_fee_per_gas = w.base_fee * Uint256{2} + tip;
    t.gas_limit = gas;
    t.to = to;
    t.value = value;
    t.data = std::move(data);
    sign_transaction(t, w.keys[from]).value();
    return {t, chain::transaction_hash(t), w.accounts[from], 0};
}

proto::Proposal make_proposal(const World& w, uint64_t number, std::vector<proto::SignedTx> txs) {
    proto::Proposal p;
    p.number = number;
    p.epoch = 1;
    p.timestamp = 1'700'000'000 + number;
    Hash256 randao;
    randao[0] = static_cast<uint8_t>(number - 1);
    p.prev_randao = keccak256(randao);
    p.coinbase = w.coinbase;
    p.gas_limit = w.gas_limit;
    p.base_fee = w.base_fee;
    p.txs = std::move(txs);
    return p;
}

Plan make_plan(const World& w, size_t blocks, size_t txs_per_block, uint64_t seed, bool probes) {
    std::mt19937_64 rng{seed};
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    std::vector<uint64_t> nonces(w.accounts.size(), 0);
    Plan plan;
    for (size_t b = 0; b < blocks; ++b) {
        proto::Proposal p = make_proposal(w, b + 1, {});
        for (size_t i = 0; i < txs_per_block; ++i) {
            const size_t from = pick(w.accounts.size());
            const Uint256 tip{pick(3) * 1'000'000'000ull};
            unsigned kind = static_cast<unsigned>(pick(20));
            if (!probes && kind >= 15 && kind < 18) kind = 0;
            if (kind < 9) {  // native transfer, half to a fresh address
                Address to = w.accounts[pick(w.accounts.size())];
                if (pick(2) == 0) {
                    to = Address{};
                    to[0] = 0xfe;
                    to[18] = static_cast<uint8_t>(b);
                    to[19] = static_cast<uint8_t>(i);
                }
                p.txs.push_back(signed_tx(w, from, nonces[from]++, to, Uint256{1000 + pick(1000)},
                                          {}, 21'000, tip));
            } else if (kind < 15) {  // token transfer
                const Address to = w.accounts[pick(w.accounts.size())];
                p.txs.push_back(signed_tx(w, from, nonces[from]++, w.token, {},
                                          evm::test::erc20_transfer_input(to, Uint256{1 + pick(50)}),
                                          100'000, tip));
            } else if (kind < 18) {  // probe: BLOCKHASH and BALANCE(coinbase)
                p.txs.push_back(signed_tx(w, from, nonces[from]++, w.probe, {}, {}, 100'000, tip));
            } else if (kind == 18) {  // a nonce gap: dropped as "nonce too high"
                auto tx = signed_tx(w, from, nonces[from] + 5, w.accounts[0], Uint256{b * 1000 + i}, {},
                                    21'000, tip);
                plan.invalid.insert(tx.hash);
                p.txs.push_back(std::move(tx));
            } else {  // more than the balance: "insufficient funds"
                auto tx = signed_tx(w, from, nonces[from], w.accounts[0],
                                    ether(1'000'000) + Uint256{b * 1000 + i}, {},
                                    21'000, tip);
                plan.invalid.insert(tx.hash);
                p.txs.push_back(std::move(tx));
            }
        }
        plan.proposals.push_back(std::move(p));
    }
    return plan;
}

}  // namespace yao::test
