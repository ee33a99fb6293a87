// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The whole pipeline in one process, driven like a user would: signed transactions in, blocks,
// receipts, balances, nonces and logs out (Chronos -> Vulcan -> Archive over the in-process bus).
#include <gtest/gtest.h>

#include <chrono>

#include <yao/chain/errc.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/node/dev_backend.hpp>
#include <yao/node/dev_node.hpp>
#include <yao/node/wiring.hpp>
#include <yao/rpc/eth_methods.hpp>
#include <yao/rpc/json_codec.hpp>
#include <yao/rpc/jsonrpc.hpp>
#include <yao/rpc/test_util/fake_session.hpp>
#include <yao/services/portal/service_backend.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/storage/chain_store.hpp>
#include <yao/storage/redis_cache.hpp>
#include <yao/storage/test_util/redis_server.hpp>

namespace yao::test {
namespace {

using namespace std::chrono_literals;

const Uint256 kGwei{1'000'000'000};

class DevNodeTest : public ::testing::Test {
protected:
    virtual void configure(config::NodeConfig&) {}

    void SetUp() override {
        config::NodeConfig cfg = config::default_config();
        cfg.store.in_memory = true;
        cfg.chain.block_interval_ms = 5;
        cfg.genesis.dev_accounts.count = 4;
        cfg.genesis.timestamp = 1'750'000'000;
        configure(cfg);
        auto n = node::DevNode::open(cfg, log::Logger{});
        ASSERT_TRUE(n.has_value()) << n.error().message();
        node_ = std::move(*n);
        heads_ = node_->bus()
                     .subscribe(proto::kCacheInvalidationTopic,
                                {"", mq::Mode::kBroadcast, 1s, "test"})
                     .value();
        ASSERT_TRUE(node_->start().has_value());
    }
    void TearDown() override {
        if (node_) node_->stop();
    }

    const config::DevAccount& account(size_t i) const { return node_->dev_accounts()[i]; }

    Bytes sign(size_t from, uint64_t nonce, std::optional<Address> to, const Uint256& value,
               Bytes data = {}, uint64_t gas = 21'000, uint64_t chain_id = 31337) {
        chain::Transaction t;
        t.type = chain::TxType::kDynamicFee;
        t.chain_id = chain_id;
        t.nonce = nonce;
        t.max_priority_fee_per_gas = kGwei;       // effective price: base fee 1 gwei + 1 gwei
        t.max_fee_per_gas = kGwei * Uint256{3};
        t.gas_limit = gas;
        t.to = to;
        t.value = value;
        t.data = std::move(data);
        Hash256 key;
        std::copy(account(from).private_key.bytes.begin(), account(from).private_key.bytes.end(),
                  key.bytes.begin());
        EXPECT_TRUE(chain::sign_transaction(t, key).has_value());
        return chain::encode_transaction(t);
    }

    Hash256 send(Bytes raw) {
        std::vector<Bytes> one{std::move(raw)};
        auto r = node_->submit_raw(one);
        EXPECT_TRUE(r[0].has_value()) << r[0].error().message();
        return r[0].value_or(Hash256{});
    }

    /// Waits for the receipt of `hash` (committed) and returns it.
    storage::StoredReceipt receipt(const Hash256& hash) {
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (auto r = node_->store().receipt(hash); r && *r) return **r;
            std::this_thread::sleep_for(2ms);
        }
        ADD_FAILURE() << "no receipt";
        return {};
    }

    /// Head updates until one lists `hash` as dropped; its reason. Waits until the sequencer
    /// has seen that update too.
    std::string dropped_reason(const Hash256& hash) {
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < deadline) {
            auto d = heads_->poll(100ms).value();
            if (!d) continue;
            auto u = proto::decode_head_update(d->envelope.payload).value();
            for (const auto& x : u.dropped) {
                if (x.hash != hash) continue;
                while (node_->sequencer().head().number < u.number) {
                    if (std::chrono::steady_clock::now() > deadline) return "<sequencer behind>";
                    std::this_thread::sleep_for(1ms);
                }
                return x.reason;
            }
        }
        return "<not dropped>";
    }

    state::Account account_state(const Address& a) {
        return node_->store().account(a).value().value_or(state::Account{});
    }

    std::unique_ptr<node::DevNode> node_;
    std::unique_ptr<mq::Consumer> heads_;
};

TEST_F(DevNodeTest, GenesisFundsTheHardhatAccounts) {
    EXPECT_EQ(node_->dev_accounts().size(), 4u);
    // Hardhat's and Anvil's account #0 of "test test ... junk".
    EXPECT_EQ(to_hex(account(0).address), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    const Uint256 ten_thousand_eth = Uint256::from_dec("10000000000000000000000").value();
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(account_state(account(i).address).balance, ten_thousand_eth);
    EXPECT_EQ(node_->head_number(), 0u);
}

TEST_F(DevNodeTest, TransfersCommitWithExactBalancesNoncesAndReceipts) {
    Address to;
    to[0] = 0x77;
    const Address from = account(0).address;
    const Uint256 before = account_state(from).balance;
    std::vector<Hash256> hashes;
    for (uint64_t nonce = 0; nonce < 3; ++nonce)
        hashes.push_back(send(sign(0, nonce, to, Uint256{1'000 * (nonce + 1)})));
    uint64_t last_block = 0;
    for (size_t i = 0; i < 3; ++i) {
        storage::StoredReceipt r = receipt(hashes[i]);
        EXPECT_TRUE(r.receipt.success);
        EXPECT_EQ(r.gas_used, 21'000u);
        EXPECT_EQ(r.from, from);
        EXPECT_EQ(r.to, to);
        EXPECT_EQ(r.effective_gas_price, kGwei * Uint256{2});
        last_block = std::max(last_block, r.block_num);
    }
    ASSERT_TRUE(node_->wait_for_block(last_block, 10s));
    EXPECT_EQ(account_state(to).balance, Uint256{6'000});
    EXPECT_EQ(account_state(from).nonce, 3u);
    // 6000 wei sent, 3 x 21000 gas at 2 gwei paid.
    EXPECT_EQ(account_state(from).balance,
              before - Uint256{6'000} - Uint256{3 * 21'000} * kGwei * Uint256{2});
    // The priority fee (1 gwei a gas) went to the coinbase; the base fee was burned.
    EXPECT_EQ(account_state(node_->config().chain.coinbase).balance,
              Uint256{3 * 21'000} * kGwei);
    // The blocks chain up and carry the transactions.
    auto block = node_->store().block_by_number(last_block, false).value().value();
    auto parent = node_->store().block_by_number(last_block - 1, false).value().value();
    EXPECT_EQ(block.header.parent_hash, parent.hash);
    EXPECT_EQ(block.header.base_fee_per_gas, kGwei);
}

TEST_F(DevNodeTest, DeploysAContractAndCommitsItsLogsAndStorage) {
    // Runtime: SSTORE(0, CALLDATALOAD(0)); LOG1(0, 32, CALLDATALOAD(0)); STOP
    const Bytes runtime = {0x60, 0x00, 0x35, 0x60, 0x00, 0x55, 0x60, 0x00, 0x35,
                           0x60, 0x20, 0x60, 0x00, 0xa1, 0x00};
    // Init: CODECOPY(0, 12, len); RETURN(0, len), then the runtime.
    Bytes init = {0x60, static_cast<uint8_t>(runtime.size()), 0x60, 0x0c, 0x60, 0x00, 0x39,
                  0x60, static_cast<uint8_t>(runtime.size()), 0x60, 0x00, 0xf3};
    init += runtime;
    const Hash256 deploy = send(sign(1, 0, std::nullopt, {}, init, 200'000));
    storage::StoredReceipt dr = receipt(deploy);
    ASSERT_TRUE(dr.receipt.success);
    // CREATE address: keccak256(rlp([sender, nonce]))[12:], built here by hand.
    Bytes list;
    rlp::encode_string(list, account(1).address.view());
    rlp::encode_uint(list, 0);
    Bytes enc;
    rlp::encode_list(enc, list);
    Address expected;
    const Hash256 h = keccak256(enc);
    std::copy(h.bytes.begin() + 12, h.bytes.end(), expected.bytes.begin());
    ASSERT_EQ(dr.contract_address, expected);

    Hash256 word;
    word[31] = 0x2a;
    const Hash256 call = send(sign(1, 1, expected, {}, Bytes{word.view()}, 100'000));
    storage::StoredReceipt cr = receipt(call);
    ASSERT_TRUE(cr.receipt.success);
    ASSERT_EQ(cr.receipt.logs.size(), 1u);
    EXPECT_EQ(cr.receipt.logs[0].address, expected);
    EXPECT_EQ(cr.receipt.logs[0].topics, std::vector<Hash256>{word});
    EXPECT_EQ(cr.receipt.logs[0].data, Bytes(32, 0));
    ASSERT_TRUE(node_->wait_for_block(cr.block_num, 10s));
    EXPECT_EQ(node_->store().storage(expected, Hash256{}).value(), word);
    storage::LogFilter f;
    f.from_block = 0;
    f.to_block = cr.block_num;
    f.addresses = {expected};
    auto logs = node_->store().logs(f).value();
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_EQ(logs[0].transaction_hash, call);
}

TEST_F(DevNodeTest, InvalidTransactionsAreRefusedOrDroppedAndChangeNothing) {
    Address to;
    to[0] = 0x55;
    const Uint256 too_much = account_state(account(2).address).balance;
    // Refused at the entrance (portal::Admission, the rules of eth_sendRawTransaction): another
    // chain's signature, garbage, and more value than the balance.
    {
        std::vector<Bytes> raw{sign(2, 0, to, Uint256{1}, {}, 21'000, 1), Bytes{0x01, 0x02},
                               sign(2, 0, to, too_much)};
        auto r = node_->submit_raw(raw);
        ASSERT_FALSE(r[0].has_value());
        EXPECT_EQ(r[0].error().code(), chain::Errc::kWrongChainId) << r[0].error().message();
        EXPECT_FALSE(r[1].has_value());
        ASSERT_FALSE(r[2].has_value());
        EXPECT_EQ(r[2].error().code(), chain::Errc::kInsufficientFunds);
    }
    // Past the entrance (DevNode::submit skips its checks), the executor drops it with geth's
    // reason.
    const Bytes poor_raw = sign(2, 0, to, too_much);
    auto poor_txn = chain::decode_transaction(poor_raw).value();
    const Hash256 poor = chain::transaction_hash(poor_txn);
    const Address poor_sender = chain::recover_sender(poor_txn).value();
    ASSERT_TRUE(node_->submit({proto::SignedTx{std::move(poor_txn), poor, poor_sender, 0, {}}}));
    EXPECT_EQ(dropped_reason(poor), "insufficient funds for gas * price + value");
    EXPECT_FALSE(node_->store().transaction(poor).value().has_value());
    EXPECT_EQ(account_state(account(2).address).nonce, 0u);
    // The sender's next transaction with the same nonce goes through.
    const Hash256 ok = send(sign(2, 0, to, Uint256{5}));
    EXPECT_TRUE(receipt(ok).receipt.success);
    EXPECT_EQ(account_state(to).balance, Uint256{5});
}

TEST_F(DevNodeTest, ManyQuickSendsFromOneAccountAllCommitInNonceOrder) {
    Address to;
    to[0] = 0x66;
    std::vector<Bytes> raw;
    for (uint64_t nonce = 0; nonce < 200; ++nonce) raw.push_back(sign(3, nonce, to, Uint256{1}));
    auto hashes = node_->submit_raw(raw);
    uint64_t prev_block = 0;
    uint32_t prev_index = 0;
    for (size_t i = 0; i < hashes.size(); ++i) {
        ASSERT_TRUE(hashes[i].has_value());
        storage::StoredReceipt r = receipt(*hashes[i]);
        ASSERT_TRUE(r.receipt.success);
        if (i > 0) {
            EXPECT_TRUE(r.block_num > prev_block ||
                        (r.block_num == prev_block && r.transaction_index > prev_index));
        }
        prev_block = r.block_num;
        prev_index = r.transaction_index;
    }
    ASSERT_TRUE(node_->wait_for_block(prev_block, 10s));
    EXPECT_EQ(account_state(account(3).address).nonce, 200u);
    EXPECT_EQ(account_state(to).balance, Uint256{200});
}

TEST_F(DevNodeTest, AJsonRpcBatchOfRawTransactionsIsSubmittedAtOnceAndAnsweredInOrder) {
    using rpc::Json;
    auto backend = node::make_dev_backend(*node_, log::Logger{});
    ASSERT_TRUE(backend.has_value()) << backend.error().message();
    rpc::MethodTable table;
    rpc::register_eth_methods(table, **backend, rpc::EthOptions{});
    rpc::JsonRpc jsonrpc{table, rpc::JsonRpcLimits{}};
    Address to;
    to[0] = 0x68;
    Json batch = Json::array();
    std::vector<Hash256> expected;
    for (uint64_t nonce = 0; nonce < 40; ++nonce) {
        const Bytes raw = sign(1, nonce, to, Uint256{3});
        expected.push_back(keccak256(raw));
        batch.push_back({{"jsonrpc", "2.0"}, {"id", nonce}, {"method", "eth_sendRawTransaction"},
                         {"params", Json::array({to_hex(raw)})}});
    }
    // One that fails its checks keeps its place and its error.
    batch.push_back({{"jsonrpc", "2.0"}, {"id", 40}, {"method", "eth_sendRawTransaction"},
                     {"params", Json::array({to_hex(sign(1, 40, to, Uint256{1}, {}, 21'000, 5))})}});
    rpc::test::FakeSession session;
    const auto& service = dynamic_cast<const portal::ServiceBackend&>(**backend);
    const uint64_t submits = service.admission().latency().count();
    const Json out = Json::parse(jsonrpc.handle(jsonrpc.parse(batch.dump()), session));
    ASSERT_EQ(out.size(), 41u);
    for (size_t i = 0; i < 40; ++i) {
        EXPECT_EQ(out[i]["id"], i);
        EXPECT_EQ(out[i]["result"], to_hex(expected[i])) << out[i].dump();
    }
    EXPECT_TRUE(out[40].contains("error")) << out[40].dump();
    EXPECT_EQ(service.admission().latency().count(), submits + 1);  // one submission for all 41
    EXPECT_EQ(receipt(expected.back()).receipt.success, true);
    EXPECT_EQ(account_state(to).balance, Uint256{120});
}

TEST_F(DevNodeTest, ThePortalsHeadReadsComeFromItsCacheAndFollowEveryBlock) {
    using rpc::Json;
    auto backend = node::make_dev_backend(*node_, log::Logger{});
    ASSERT_TRUE(backend.has_value()) << backend.error().message();
    auto& service = dynamic_cast<portal::ServiceBackend&>(**backend);
    rpc::MethodTable table;
    rpc::register_eth_methods(table, service, rpc::EthOptions{});
    rpc::JsonRpc jsonrpc{table, rpc::JsonRpcLimits{}};
    rpc::test::FakeSession session;
    auto call = [&](const std::string& method, Json params) {
        const Json req{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
        const Json out = Json::parse(jsonrpc.handle(jsonrpc.parse(req.dump()), session));
        EXPECT_TRUE(out.contains("result")) << out.dump();
        return out.value("result", Json{});
    };
    Address to;
    to[0] = 0x6a;
    const std::string sender = to_hex(account(2).address);
    EXPECT_EQ(call("eth_getBalance", Json::array({to_hex(to), "latest"})), "0x0");
    const auto before = service.state_cache_counters();
    EXPECT_EQ(call("eth_getBalance", Json::array({to_hex(to), "latest"})), "0x0");
    EXPECT_EQ(service.state_cache_counters().hits, before.hits + 1);
    // Each block's writes reach the next read of "latest" once the Portal's head names the block,
    // as soon as that: the receipt's wait, then reads of both accounts (kept ones included).
    for (uint64_t nonce = 0; nonce < 20; ++nonce) {
        const Hash256 h = send(sign(2, nonce, to, Uint256{5}));
        const storage::StoredReceipt r = receipt(h);
        service.await_head(r.block_num);
        ASSERT_GE(service.head_number(), r.block_num);
        EXPECT_EQ(call("eth_getBalance", Json::array({to_hex(to), "latest"})),
                  rpc::quantity(Uint256{5 * (nonce + 1)}));
        EXPECT_EQ(call("eth_getTransactionCount", Json::array({sender, "latest"})),
                  rpc::quantity(nonce + 1));
        EXPECT_EQ(call("eth_getBalance", Json::array({to_hex(to), "latest"})),
                  rpc::quantity(Uint256{5 * (nonce + 1)}));
    }
    // A past block is read from the history, never from what is kept.
    EXPECT_EQ(call("eth_getBalance", Json::array({to_hex(to), "0x0"})), "0x0");
    const auto after = service.state_cache_counters();
    EXPECT_GE(after.hits, before.hits + 20);  // the second read of each round at least
}

/// The same node with Redis as L2 between the in-process cache and the store.
class DevNodeWithRedisTest : public DevNodeTest {
protected:
    void configure(config::NodeConfig& cfg) override {
        auto server = storage::test_util::RedisServer::start();
        ASSERT_TRUE(server.has_value()) << server.error().message();
        redis_ = std::move(*server);
        cfg.redis.url = "redis://127.0.0.1:" + std::to_string(redis_->port());
    }
    std::unique_ptr<storage::test_util::RedisServer> redis_;
};

TEST_F(DevNodeWithRedisTest, CommittedValuesReachRedisWithTheirBlockNumber) {
    Address to;
    to[0] = 0x99;
    const Hash256 h = send(sign(0, 0, to, Uint256{12'345}));
    storage::StoredReceipt r = receipt(h);
    ASSERT_TRUE(r.receipt.success);
    ASSERT_TRUE(node_->wait_for_block(r.block_num, 10s));
    // Read Redis directly, as another node's Oracle would.
    storage::RedisCache::Options o;
    o.port = redis_->port();
    auto l2 = storage::RedisCache::connect(o).value();
    const std::vector<Address> keys{to, account(0).address};
    auto batch = l2->accounts(keys).value();
    ASSERT_EQ(batch.values.size(), 2u);
    ASSERT_TRUE(batch.values[0].has_value());
    EXPECT_EQ(batch.values[0]->version, r.block_num);
    ASSERT_TRUE(batch.values[0]->value.has_value());
    EXPECT_EQ(batch.values[0]->value->balance, Uint256{12'345});
    ASSERT_TRUE(batch.values[1].has_value());
    EXPECT_EQ(batch.values[1]->value->nonce, 1u);
    // A second transfer is executed with Redis in the read path and commits the same way.
    const Hash256 h2 = send(sign(0, 1, to, Uint256{5}));
    EXPECT_TRUE(receipt(h2).receipt.success);
    EXPECT_EQ(account_state(to).balance, Uint256{12'350});
}

/// The same node with every topic on Redis Streams (config `bus`), as a cluster runs them:
/// consumer groups with acknowledgement for tx-ingress, block-execute and state-commit,
/// broadcast for cache-invalidation.
class DevNodeOverRedisStreamsTest : public DevNodeTest {
protected:
    void configure(config::NodeConfig& cfg) override {
        auto server = storage::test_util::RedisServer::start();
        ASSERT_TRUE(server.has_value()) << server.error().message();
        redis_ = std::move(*server);
        cfg.bus.kind = "redis";
        cfg.bus.url = "redis://127.0.0.1:" + std::to_string(redis_->port());
    }
    std::unique_ptr<storage::test_util::RedisServer> redis_;
};

TEST_F(DevNodeOverRedisStreamsTest, TransfersFromSeveralSendersCommitInNonceOrder) {
    Address to;
    to[0] = 0x67;
    std::vector<Bytes> raw;
    for (uint64_t nonce = 0; nonce < 50; ++nonce) {
        raw.push_back(sign(1, nonce, to, Uint256{1}));
        raw.push_back(sign(2, nonce, to, Uint256{2}));
    }
    auto hashes = node_->submit_raw(raw);
    uint64_t last_block = 0;
    for (size_t i = 0; i < hashes.size(); ++i) {
        ASSERT_TRUE(hashes[i].has_value()) << hashes[i].error().message();
        storage::StoredReceipt r = receipt(*hashes[i]);
        ASSERT_TRUE(r.receipt.success);
        last_block = std::max(last_block, r.block_num);
    }
    ASSERT_TRUE(node_->wait_for_block(last_block, 10s));
    EXPECT_EQ(account_state(account(1).address).nonce, 50u);
    EXPECT_EQ(account_state(account(2).address).nonce, 50u);
    EXPECT_EQ(account_state(to).balance, Uint256{150});
    // The proposals and results went through the streams (counted by Redis itself), and every
    // head update reached a broadcast subscriber of Redis: blocks 1 .. last_block, in order.
    EXPECT_GE(node_->bus().stats(proto::kBlockExecuteTopic).published, 1u);
    EXPECT_GE(node_->bus().stats(proto::kStateCommitTopic).published, 1u);
    uint64_t seen = 0;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (seen < last_block && std::chrono::steady_clock::now() < deadline) {
        auto d = heads_->poll(100ms);
        ASSERT_TRUE(d.has_value()) << d.error().message();
        if (!*d) continue;
        const auto u = proto::decode_head_update((*d)->envelope.payload).value();
        EXPECT_EQ(u.number, seen + 1);
        seen = u.number;
    }
    EXPECT_EQ(seen, last_block);
}

// A Portal learns its head from broadcasts that can arrive after a commit is readable through
// BlockService (a cluster). A transaction or block found by hash is answered only once "latest"
// includes its block (geth's guarantee: a client's next call at latest sees it). Here the
// backend's own bus is silent until the test announces the block, 300 ms later.
TEST_F(DevNodeTest, ATransactionOrBlockFoundByHashWaitsUntilLatestIncludesItsBlock) {
    using rpc::Json;
    const Hash256 hash = send(sign(1, 0, Address{}, Uint256{1}));
    const storage::StoredReceipt r = receipt(hash);
    ASSERT_TRUE(node_->wait_for_block(r.block_num, 10s));

    mq::InProcBus silent;
    portal::ServiceBackendOptions o;
    o.admission = node::admission_options(node_->config());
    auto backend = portal::ServiceBackend::start(o, node_->blocks(), node_->state(),
                                                 node_->sequencer(), silent,
                                                 node_->worker_pool(), log::Logger{});
    ASSERT_TRUE(backend.has_value()) << backend.error().message();
    // It read the head at start: the next block is one it has not heard of.
    const Hash256 next = send(sign(1, 1, Address{}, Uint256{1}));
    const storage::StoredReceipt r2 = receipt(next);
    ASSERT_TRUE(node_->wait_for_block(r2.block_num, 10s));
    ASSERT_LT((*backend)->head_number(), r2.block_num);

    rpc::MethodTable table;
    rpc::register_eth_methods(table, **backend, rpc::EthOptions{});
    rpc::JsonRpc jsonrpc{table, rpc::JsonRpcLimits{}};
    std::thread announcer{[&] {
        std::this_thread::sleep_for(300ms);
        proto::HeadUpdate u;
        u.number = r2.block_num;
        u.hash = r2.block_hash;
        ASSERT_TRUE(silent.publish(proto::kCacheInvalidationTopic,
                                   mq::make_envelope(proto::kHeadUpdateType, proto::encode(u)))
                        .has_value());
    }};
    rpc::test::FakeSession session;
    const auto started = std::chrono::steady_clock::now();
    const Json tx = Json::parse(jsonrpc.handle(
        jsonrpc.parse(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "eth_getTransactionByHash"},
                           {"params", {to_hex(next)}}}.dump()),
        session));
    const auto waited = std::chrono::steady_clock::now() - started;
    announcer.join();
    EXPECT_EQ(tx["result"]["hash"], to_hex(next)) << tx.dump();
    EXPECT_GE(waited, 250ms);
    EXPECT_GE((*backend)->head_number(), r2.block_num);
    // Once latest includes it, the block by hash answers at once.
    const Json block = Json::parse(jsonrpc.handle(
        jsonrpc.parse(Json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "eth_getBlockByHash"},
                           {"params", {to_hex(r2.block_hash), false}}}.dump()),
        session));
    EXPECT_EQ(block["result"]["hash"], to_hex(r2.block_hash)) << block.dump();
}

}  // namespace
}  // namespace yao::test
