// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// One suite, two implementations of each service API (as evmone runs one fixture over several
// VMs): every test runs against the in-process service (BlockReader, StateReader, Sequencer) and
// against the gRPC client adapter talking over 127.0.0.1 to the server adapter over that same
// in-process service. The block and state tests also compare every answer with the in-process
// reader's own; the sequencer tests assert the values and errors each path must give. The
// GrpcOnly tests cover what only a wire has: deadlines, a stopped server, large messages.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <yao/chain/errc.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/grpc/error_identity.hpp>
#include <yao/grpc/server.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/block_reader.hpp>
#include <yao/services/archive/grpc/block_service_client.hpp>
#include <yao/services/archive/grpc/block_service_server.hpp>
#include <yao/services/chronos/api/errc.hpp>
#include <yao/services/chronos/grpc/leader_gate.hpp>
#include <yao/services/chronos/grpc/leader_seeking.hpp>
#include <yao/services/chronos/grpc/sequencer_service_client.hpp>
#include <yao/services/chronos/grpc/sequencer_service_server.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/chronos/test_util/txs.hpp>
#include <yao/services/vulcan/grpc/state_service_client.hpp>
#include <yao/services/vulcan/grpc/state_service_server.hpp>
#include <yao/services/vulcan/state_reader.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>

namespace yao {
namespace {

using namespace std::chrono_literals;
using storage::test_util::BlockSpec;
using storage::test_util::make_block;
using storage::test_util::seal_block;

enum class Path { kInProcess, kGrpc };

std::string path_name(const ::testing::TestParamInfo<Path>& info) {
    return info.param == Path::kInProcess ? "InProcess" : "GrpcLoopback";
}

/// Client options for a loopback server: short deadlines so that a broken test fails fast.
yao::grpc::ClientOptions client_options(const yao::grpc::Server& server) {
    yao::grpc::ClientOptions o;
    o.endpoints = {server.address()};
    o.default_deadline = 5s;
    return o;
}

std::unique_ptr<yao::grpc::Server> start_server(yao::grpc::ServiceEntry entry) {
    yao::grpc::ServerOptions o;
    o.shutdown_grace = 1s;
    auto server = yao::grpc::Server::start(o, {std::move(entry)});
    EXPECT_TRUE(server.has_value()) << server.error().message();
    return server ? std::move(*server) : nullptr;
}

/// The same code (category object and value) and the same texts.
void expect_same_error(const Error& got, const Error& want) {
    EXPECT_EQ(got.code(), want.code()) << got.message() << " vs " << want.message();
    EXPECT_EQ(got.code().message(), want.code().message());
    EXPECT_EQ(got.message(), want.message());
}

// ---- BlockService and StateService over one store ---------------------------------------------

/// An SQLite ":memory:" store with four blocks: genesis; block 1 with three transfers that log
/// two Transfer events each and deploys the token; block 2 with a contract creation; block 3
/// empty.
class ChainFixture {
public:
    ChainFixture() {
        auto store = storage::make_sqlite_store({});
        EXPECT_TRUE(store.has_value());
        store_ = std::move(*store);
        commit(make_block({.number = 0, .transfers = 0}));
        commit(make_block({.number = 1,
                           .parent_hash = commits_.back().hash,
                           .transfers = 3,
                           .logs_per_txn = 2,
                           .deploy_token = true}));
        auto creation = make_block({.number = 2, .parent_hash = commits_.back().hash});
        creation.transactions[0].txn.to.reset();
        creation.transactions[0].contract_address = storage::test_util::test_address(0xdead);
        seal_block(creation);
        commit(std::move(creation));
        commit(make_block({.number = 3, .parent_hash = commits_.back().hash, .transfers = 0}));
    }

    std::shared_ptr<storage::ChainStore> store() const { return store_; }
    const std::vector<storage::BlockCommit>& commits() const { return commits_; }

private:
    void commit(storage::BlockCommit c) {
        auto r = store_->commit_block(c);
        EXPECT_TRUE(r.has_value()) << r.error().message();
        commits_.push_back(std::move(c));
    }

    std::shared_ptr<storage::ChainStore> store_;
    std::vector<storage::BlockCommit> commits_;
};

class BlockServiceTest : public ::testing::TestWithParam<Path> {
protected:
    BlockServiceTest() : reader_{chain_.store()} {
        if (GetParam() == Path::kGrpc) {
            adapter_ = archive::grpc::make_block_service_server(reader_);
            server_ = start_server(adapter_.entry());
            client_ = archive::grpc::make_block_service_client(client_options(*server_)).value();
        }
    }

    /// The implementation under test.
    archive::BlockService& blocks() { return client_ ? *client_ : reader_; }
    /// The reference: the in-process reader itself.
    archive::BlockReader& reference() { return reader_; }
    const storage::BlockCommit& block(size_t i) const { return chain_.commits().at(i); }

    ChainFixture chain_;
    archive::BlockReader reader_;
    yao::grpc::HostedService adapter_;
    std::unique_ptr<yao::grpc::Server> server_;
    std::unique_ptr<archive::BlockService> client_;
};

TEST_P(BlockServiceTest, HeadNumber) {
    EXPECT_EQ(blocks().head_number().value(), 3U);
    EXPECT_EQ(blocks().head_number().value(), reference().head_number().value());
}

TEST_P(BlockServiceTest, BlocksByNumberAndHash) {
    for (uint64_t n = 0; n <= 3; ++n) {
        for (bool full : {false, true}) {
            auto got = blocks().block_by_number(n, full).value();
            ASSERT_TRUE(got.has_value()) << n;
            EXPECT_EQ(*got, reference().block_by_number(n, full).value());
            EXPECT_EQ(got->hash, block(n).hash);
            EXPECT_EQ(got->header, block(n).header);
            EXPECT_EQ(got->transaction_hashes.size(), block(n).transactions.size());
            EXPECT_EQ(got->transactions.size(), full ? block(n).transactions.size() : 0U);
            auto by_hash = blocks().block_by_hash(block(n).hash, full).value();
            ASSERT_TRUE(by_hash.has_value());
            EXPECT_EQ(*by_hash, *got);
        }
    }
    auto full = blocks().block_by_number(1, true).value();
    ASSERT_TRUE(full.has_value());
    ASSERT_EQ(full->transactions.size(), 3U);
    EXPECT_EQ(full->transactions[2].txn, block(1).transactions[2].txn);
    EXPECT_EQ(full->transactions[2].sender, block(1).transactions[2].sender);
    EXPECT_EQ(full->transactions[2].index, 2U);
    EXPECT_FALSE(blocks().block_by_number(4, true).value().has_value());
    EXPECT_FALSE(blocks().block_by_hash(Hash256{}, false).value().has_value());
}

TEST_P(BlockServiceTest, Headers) {
    for (uint64_t n = 0; n <= 3; ++n) {
        auto got = blocks().header_by_number(n).value();
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(*got, reference().header_by_number(n).value());
        EXPECT_EQ(got->header, block(n).header);
        EXPECT_TRUE(got->transaction_hashes.empty());
        EXPECT_EQ(blocks().header_by_hash(block(n).hash).value(), got);
    }
    EXPECT_FALSE(blocks().header_by_number(99).value().has_value());
    EXPECT_FALSE(blocks().header_by_hash(keccak256(Bytes{1})).value().has_value());
}

TEST_P(BlockServiceTest, TransactionsAndReceipts) {
    for (size_t b = 1; b <= 2; ++b) {
        for (const auto& t : block(b).transactions) {
            auto txn = blocks().transaction(t.hash).value();
            ASSERT_TRUE(txn.has_value());
            EXPECT_EQ(*txn, reference().transaction(t.hash).value());
            EXPECT_EQ(txn->txn, t.txn);
            EXPECT_EQ(txn->block_num, b);
            auto receipt = blocks().receipt(t.hash).value();
            ASSERT_TRUE(receipt.has_value());
            EXPECT_EQ(*receipt, reference().receipt(t.hash).value());
            EXPECT_EQ(receipt->receipt, t.receipt);
            EXPECT_EQ(receipt->from, t.sender);
            EXPECT_EQ(receipt->to, t.txn.to);
            EXPECT_EQ(receipt->contract_address, t.contract_address);
        }
    }
    // The contract creation: no `to`, a contract address.
    auto creation = blocks().receipt(block(2).transactions[0].hash).value();
    ASSERT_TRUE(creation.has_value());
    EXPECT_FALSE(creation->to.has_value());
    EXPECT_EQ(creation->contract_address, storage::test_util::test_address(0xdead));
    EXPECT_FALSE(blocks().transaction(Hash256{}).value().has_value());
    EXPECT_FALSE(blocks().receipt(Hash256{}).value().has_value());
}

TEST_P(BlockServiceTest, BlockReceipts) {
    for (uint64_t n = 0; n <= 3; ++n) {
        auto got = blocks().block_receipts(n).value();
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got, reference().block_receipts(n).value());
        EXPECT_EQ(got->size(), block(n).transactions.size());
    }
    auto one = blocks().block_receipts(1).value();
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ((*one)[1].first_log_index, 2U);
    EXPECT_EQ((*one)[2].receipt.logs.size(), 2U);
    EXPECT_FALSE(blocks().block_receipts(4).value().has_value());
}

TEST_P(BlockServiceTest, LogsWithAddressesTopicsAndLimit) {
    storage::LogFilter all{.from_block = 0, .to_block = 3};
    auto logs = blocks().logs(all).value();
    EXPECT_EQ(logs.size(), 6U);
    EXPECT_EQ(logs, reference().logs(all).value());
    ASSERT_FALSE(logs.empty());
    EXPECT_EQ(logs[5].log_index, 5U);
    EXPECT_EQ(logs[5].transaction_hash, block(1).transactions[2].hash);

    // By sender topic (position 1): the two logs of transaction 1.
    storage::LogFilter by_topic = all;
    by_topic.topics[1] = {Hash256::right_aligned(block(1).transactions[1].sender.view())};
    auto one_sender = blocks().logs(by_topic).value();
    EXPECT_EQ(one_sender.size(), 2U);
    EXPECT_EQ(one_sender, reference().logs(by_topic).value());

    storage::LogFilter other_address = all;
    other_address.addresses = {storage::test_util::test_address(77)};
    EXPECT_TRUE(blocks().logs(other_address).value().empty());
    other_address.addresses.push_back(storage::test_util::token_address());
    EXPECT_EQ(blocks().logs(other_address).value().size(), 6U);

    storage::LogFilter limited = all;
    limited.limit = 5;
    auto over = blocks().logs(limited);
    ASSERT_FALSE(over.has_value());
    EXPECT_EQ(over.error(), storage::Errc::kTooManyResults);
    expect_same_error(over.error(), reference().logs(limited).error());
    limited.limit = 6;
    EXPECT_EQ(blocks().logs(limited).value().size(), 6U);
}

TEST_P(BlockServiceTest, AddressHistoryPages) {
    // The sender of block 1's first transfer: that transfer only, with its two logs.
    const auto& sent = block(1).transactions[0];
    const storage::AddressHistoryQuery newest{
        .address = sent.sender, .from_block = UINT64_MAX, .descending = true, .page_size = 25};
    auto page = blocks().address_history(newest).value();
    EXPECT_EQ(page, reference().address_history(newest).value());
    ASSERT_EQ(page.transactions.size(), 1U);
    EXPECT_EQ(page.transactions[0].hash, sent.hash);
    EXPECT_EQ(page.transactions[0].txn, sent.txn);
    ASSERT_EQ(page.receipts.size(), 1U);
    EXPECT_EQ(page.receipts[0].receipt, sent.receipt);
    EXPECT_EQ(page.receipts[0].receipt.logs.size(), 2U);
    ASSERT_EQ(page.headers.size(), 1U);
    EXPECT_EQ(page.headers[0].hash, block(1).hash);
    EXPECT_EQ(page.headers[0].header, block(1).header);
    EXPECT_TRUE(page.exhausted);

    // The created contract, oldest first from block 2: its creation.
    const storage::AddressHistoryQuery created{.address = storage::test_util::test_address(0xdead),
                                               .from_block = 2,
                                               .descending = false,
                                               .page_size = 1};
    page = blocks().address_history(created).value();
    EXPECT_EQ(page, reference().address_history(created).value());
    ASSERT_EQ(page.transactions.size(), 1U);
    EXPECT_EQ(page.transactions[0].hash, block(2).transactions[0].hash);
    EXPECT_EQ(page.receipts[0].contract_address, storage::test_util::test_address(0xdead));
    EXPECT_TRUE(page.exhausted);

    // Past it, and an address that appears nowhere: empty pages.
    storage::AddressHistoryQuery later = created;
    later.from_block = 3;
    page = blocks().address_history(later).value();
    EXPECT_TRUE(page.transactions.empty());
    EXPECT_TRUE(page.headers.empty());
    EXPECT_TRUE(page.exhausted);

    // A page too large is the store's error, the same over the wire.
    storage::AddressHistoryQuery huge = newest;
    huge.page_size = storage::kMaxAddressHistoryPage + 1;
    auto refused = blocks().address_history(huge);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error(), storage::Errc::kInvalidArgument);
    expect_same_error(refused.error(), reference().address_history(huge).error());
}

TEST_P(BlockServiceTest, TransactionBySenderAndNonceAndCreation) {
    // The fixture's transfers of block N carry nonce N.
    const auto& sent = block(1).transactions[2];
    auto found = blocks().transaction_by_sender_and_nonce(sent.sender, 1).value();
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, reference().transaction_by_sender_and_nonce(sent.sender, 1).value());
    EXPECT_EQ(found->hash, sent.hash);
    EXPECT_EQ(found->block_num, 1U);
    EXPECT_EQ(found->index, 2U);
    EXPECT_FALSE(blocks().transaction_by_sender_and_nonce(sent.sender, 2).value().has_value());
    EXPECT_FALSE(blocks().transaction_by_sender_and_nonce(*sent.txn.to, 1).value().has_value());

    auto creation = blocks().creation_transaction(storage::test_util::test_address(0xdead)).value();
    ASSERT_TRUE(creation.has_value());
    EXPECT_EQ(*creation,
              reference().creation_transaction(storage::test_util::test_address(0xdead)).value());
    EXPECT_EQ(creation->hash, block(2).transactions[0].hash);
    EXPECT_EQ(creation->sender, block(2).transactions[0].sender);
    EXPECT_FALSE(blocks().creation_transaction(sent.sender).value().has_value());
}

INSTANTIATE_TEST_SUITE_P(Paths, BlockServiceTest, ::testing::Values(Path::kInProcess, Path::kGrpc),
                         path_name);

class StateServiceTest : public ::testing::TestWithParam<Path> {
protected:
    StateServiceTest() : reader_{chain_.store()} {
        if (GetParam() == Path::kGrpc) {
            adapter_ = vulcan::grpc::make_state_service_server(reader_);
            server_ = start_server(adapter_.entry());
            client_ = vulcan::grpc::make_state_service_client(client_options(*server_)).value();
        }
    }

    vulcan::StateService& state() { return client_ ? *client_ : reader_; }
    vulcan::StateReader& reference() { return reader_; }

    ChainFixture chain_;
    vulcan::StateReader reader_;
    yao::grpc::HostedService adapter_;
    std::unique_ptr<yao::grpc::Server> server_;
    std::unique_ptr<vulcan::StateService> client_;
};

TEST_P(StateServiceTest, AccountsNowAndAtPastBlocks) {
    const Address counter = storage::test_util::counter_address();
    EXPECT_EQ(state().account(counter, 0).value(), reference().account(counter, 0).value());
    for (vulcan::AtBlock at :
         {vulcan::AtBlock{}, vulcan::AtBlock{1}, vulcan::AtBlock{2}, vulcan::AtBlock{3}}) {
        auto got = state().account(counter, at).value();
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got, reference().account(counter, at).value());
        EXPECT_EQ(got->nonce, at ? *at : 3U);
        EXPECT_EQ(got->balance, Uint256{at ? *at : 3U});
    }
    auto token = state().account(storage::test_util::token_address(), {}).value();
    ASSERT_TRUE(token.has_value());
    EXPECT_EQ(token->code_hash, keccak256(storage::test_util::token_code()));
    EXPECT_FALSE(state().account(storage::test_util::test_address(12345), {}).value());
    // The token did not exist before block 1.
    EXPECT_FALSE(state().account(storage::test_util::token_address(), 0).value().has_value());
}

TEST_P(StateServiceTest, StorageAndCode) {
    const Address counter = storage::test_util::counter_address();
    const Hash256 slot = storage::test_util::counter_slot();
    EXPECT_EQ(state().storage(counter, slot, {}).value(), Uint256{3}.to_hash());
    EXPECT_EQ(state().storage(counter, slot, 1).value(), Uint256{1}.to_hash());
    EXPECT_EQ(state().storage(counter, slot, 2).value(),
              reference().storage(counter, slot, 2).value());
    EXPECT_EQ(state().storage(counter, keccak256(Bytes{9}), {}).value(), Hash256{});

    const auto code = state().code(keccak256(storage::test_util::token_code())).value();
    EXPECT_EQ(code, storage::test_util::token_code());
    EXPECT_EQ(state().code(keccak256(Bytes{1, 2})).value(), std::nullopt);
    EXPECT_EQ(state().code(state::kEmptyCodeHash).value(),
              reference().code(state::kEmptyCodeHash).value());
}

TEST_P(StateServiceTest, ABlockAboveTheHeadIsTheSameError) {
    const Address counter = storage::test_util::counter_address();
    auto account = state().account(counter, 4);
    ASSERT_FALSE(account.has_value());
    EXPECT_EQ(account.error(), storage::Errc::kUnknownBlock);
    expect_same_error(account.error(), reference().account(counter, 4).error());
    auto slot = state().storage(counter, storage::test_util::counter_slot(), 100);
    ASSERT_FALSE(slot.has_value());
    expect_same_error(
        slot.error(),
        reference().storage(counter, storage::test_util::counter_slot(), 100).error());
}

INSTANTIATE_TEST_SUITE_P(Paths, StateServiceTest, ::testing::Values(Path::kInProcess, Path::kGrpc),
                         path_name);

// ---- SequencerService over a real Sequencer -------------------------------------------------

Uint256 gwei(uint64_t n) {
    return Uint256{n} * Uint256{chronos::test::kGwei};
}

class SequencerServiceTest : public ::testing::TestWithParam<Path> {
protected:
    static constexpr uint64_t kStartTime = 1'700'000'000;

    SequencerServiceTest() {
        chronos::SequencerOptions o;
        o.chain_id = chronos::test::kChainId;
        o.base_fee = gwei(1);
        o.block_interval = 1h;  // blocks only when a test mines
        o.mempool.max_total = 3;
        mq::ConsumerOptions executor;
        executor.group = "vulcan";
        executor_ = bus_.subscribe(proto::kBlockExecuteTopic, executor).value();
        chronos::Head start;
        start.number = 10;
        start.timestamp = kStartTime;
        sequencer_ = std::make_unique<chronos::Sequencer>(
            o, bus_, start,
            [this](const Address& a) -> Result<uint64_t> {
                std::scoped_lock lock{mu_};
                auto it = committed_.find(a);
                return it == committed_.end() ? 0 : it->second;
            },
            logger_);
        EXPECT_TRUE(sequencer_->start());
        if (GetParam() == Path::kGrpc) {
            adapter_ = chronos::grpc::make_sequencer_service_server(*sequencer_);
            server_ = start_server(adapter_.entry());
            client_ =
                chronos::grpc::make_sequencer_service_client(client_options(*server_)).value();
        }
    }
    ~SequencerServiceTest() override {
        client_.reset();
        if (server_) server_->shutdown();
        sequencer_->stop();
    }

    chronos::SequencerService& sequencer() { return client_ ? *client_ : *sequencer_; }

    /// The next proposal published on block-execute (bounded wait).
    std::optional<proto::Proposal> next_proposal() {
        auto polled = executor_->poll(5s);
        if (!polled || !*polled) return std::nullopt;
        EXPECT_TRUE(executor_->ack(**polled));
        auto proposal = proto::decode_proposal((**polled).envelope.payload);
        EXPECT_TRUE(proposal.has_value());
        return proposal ? std::optional{*proposal} : std::nullopt;
    }
    void set_committed_nonce(const Address& a, uint64_t n) {
        std::scoped_lock lock{mu_};
        committed_[a] = n;
    }

    mq::InProcBus bus_;
    std::unique_ptr<mq::Consumer> executor_;
    log::Logger logger_;
    std::mutex mu_;
    std::map<Address, uint64_t> committed_;
    std::unique_ptr<chronos::Sequencer> sequencer_;
    yao::grpc::HostedService adapter_;
    std::unique_ptr<yao::grpc::Server> server_;
    std::unique_ptr<chronos::SequencerService> client_;
};

TEST_P(SequencerServiceTest, SubmitThenPoolReads) {
    const auto alice = chronos::test::signer(1);
    auto tx = chronos::test::dynamic_tx(alice, 0, gwei(5), gwei(2));
    tx.received_unix_ns = 123'456'789;
    EXPECT_EQ(sequencer().submit_transaction(tx).value(), tx.hash);
    EXPECT_EQ(sequencer().pending_nonce(alice.address).value(), 1U);
    EXPECT_EQ(sequencer().pending_nonce(chronos::test::signer(2).address).value(), 0U);

    EXPECT_EQ(sequencer().pool_transaction(tx.hash).value(), tx);
    EXPECT_EQ(sequencer().pool_transaction(Hash256{}).value(), std::nullopt);

    // A gap: nonce 2 waits in queued.
    auto gapped = chronos::test::legacy_tx(alice, 2, gwei(3));
    EXPECT_EQ(sequencer().submit_transaction(gapped).value(), gapped.hash);
    const auto status = sequencer().pool_status().value();
    EXPECT_EQ(status, (chronos::MempoolStatus{.pending = 1, .queued = 1, .in_flight = 0}));
    const auto content = sequencer().pool_content().value();
    ASSERT_EQ(content.pending.size(), 1U);
    EXPECT_EQ(content.pending.at(alice.address).at(0), tx);
    EXPECT_EQ(content.queued.at(alice.address).at(2), gapped);
    const auto direct = sequencer_->content();
    EXPECT_EQ(content.pending, direct.pending);
    EXPECT_EQ(content.queued, direct.queued);
}

TEST_P(SequencerServiceTest, PoolErrorsKeepTheirIdentity) {
    const auto alice = chronos::test::signer(1);
    auto tx = chronos::test::dynamic_tx(alice, 0, gwei(5), gwei(2));
    ASSERT_TRUE(sequencer().submit_transaction(tx).has_value());

    auto again = sequencer().submit_transaction(tx);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error(), chronos::Errc::kAlreadyKnown);
    EXPECT_EQ(again.error().code().message(), "already known");

    // Same nonce, 5% more: under the 10% bump.
    auto cheap = chronos::test::dynamic_tx(alice, 0, gwei(5) + gwei(5) / Uint256{20},
                                           gwei(2) + gwei(2) / Uint256{20});
    auto replaced = sequencer().submit_transaction(cheap);
    ASSERT_FALSE(replaced.has_value());
    EXPECT_EQ(replaced.error(), chronos::Errc::kReplacementUnderpriced);
    EXPECT_EQ(replaced.error().code().message(), "replacement transaction underpriced");

    const auto bob = chronos::test::signer(2);
    set_committed_nonce(bob.address, 5);
    auto low = sequencer().submit_transaction(chronos::test::dynamic_tx(bob, 4, gwei(5), gwei(2)));
    ASSERT_FALSE(low.has_value());
    auto direct_low = sequencer_->submit(chronos::test::dynamic_tx(bob, 3, gwei(5), gwei(2)));
    ASSERT_FALSE(direct_low.has_value());
    EXPECT_EQ(low.error().code(), direct_low.error().code());
    EXPECT_EQ(low.error().code().message(), "nonce too low");

    // The pool holds at most 3: two more fit, the fourth is refused.
    const auto carol = chronos::test::signer(3);
    ASSERT_TRUE(
        sequencer().submit_transaction(chronos::test::dynamic_tx(carol, 0, gwei(5), gwei(2))));
    ASSERT_TRUE(
        sequencer().submit_transaction(chronos::test::dynamic_tx(carol, 1, gwei(5), gwei(2))));
    auto full = sequencer().submit_transaction(chronos::test::dynamic_tx(bob, 5, gwei(2), gwei(1)));
    ASSERT_FALSE(full.has_value());
    EXPECT_EQ(full.error(), chronos::Errc::kTxPoolFull);
    EXPECT_EQ(full.error().code().message(), "txpool is full");
}

TEST_P(SequencerServiceTest, SubmitManyGivesOneResultEach) {
    const auto alice = chronos::test::signer(1);
    auto first = chronos::test::dynamic_tx(alice, 0, gwei(5), gwei(2));
    auto second = chronos::test::dynamic_tx(alice, 1, gwei(5), gwei(2));
    auto results = sequencer().submit_transactions({first, second, first});
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[0].value(), first.hash);
    EXPECT_EQ(results[1].value(), second.hash);
    ASSERT_FALSE(results[2].has_value());
    EXPECT_EQ(results[2].error(), chronos::Errc::kAlreadyKnown);
    EXPECT_TRUE(sequencer().submit_transactions({}).empty());
}

TEST_P(SequencerServiceTest, BlockProductionControls) {
    EXPECT_EQ(sequencer().mine_now().value(), 11U);
    EXPECT_EQ(sequencer().mine_now().value(), 12U);
    ASSERT_TRUE(sequencer().increase_time(3600).has_value());
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto later =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count()) +
        1'000'000;
    ASSERT_TRUE(sequencer().set_next_timestamp(later).has_value());
    EXPECT_EQ(sequencer().mine_now().value(), 13U);
    for (uint64_t n : {11U, 12U}) {
        auto proposal = next_proposal();
        ASSERT_TRUE(proposal.has_value());
        EXPECT_EQ(proposal->number, n);
    }
    auto stamped = next_proposal();
    ASSERT_TRUE(stamped.has_value());
    EXPECT_EQ(stamped->number, 13U);
    EXPECT_EQ(stamped->timestamp, later);

    auto low = sequencer().set_next_timestamp(kStartTime);
    ASSERT_FALSE(low.has_value());
    EXPECT_EQ(low.error(), chronos::Errc::kTimestampTooLow);
    auto direct = sequencer_->set_next_timestamp(kStartTime);
    ASSERT_FALSE(direct.has_value());
    expect_same_error(low.error(), direct.error());

    auto high = sequencer().increase_time(chronos::kMaxTimestamp);
    ASSERT_FALSE(high.has_value());
    EXPECT_EQ(high.error(), chronos::Errc::kTimestampTooHigh);
    EXPECT_EQ(sequencer_->last_proposed(), 13U);
}

INSTANTIATE_TEST_SUITE_P(Paths, SequencerServiceTest,
                         ::testing::Values(Path::kInProcess, Path::kGrpc), path_name);

// ---- gRPC only ------------------------------------------------------------------------------

/// A BlockService whose head_number blocks until released (or 10 s pass) and whose
/// block_by_number fails with `block_error` when set.
// ---- A leader and a follower: the client follows the leader ---------------------------------

/// Two Chronos endpoints, each a LeaderGate served over gRPC; one real Sequencer moves between
/// them as leadership would. (The fixture's own path parameter is not used: always gRPC.)
class LeaderFollowingTest : public SequencerServiceTest {
protected:
    LeaderFollowingTest() {
        for (auto* g : {&gate_a_, &gate_b_}) {
            adapters_.push_back(chronos::grpc::make_sequencer_service_server(*g));
            servers_.push_back(start_server(adapters_.back().entry()));
        }
        yao::grpc::ClientOptions o;
        o.endpoints = {servers_[0]->address(), servers_[1]->address()};
        o.default_deadline = 2s;
        o.retry.max_attempts = 6;  // a budget of 50 + 100 + 200 + 400 + 500 ms
        o.retry.max_backoff = 500ms;
        following_ = chronos::grpc::make_sequencer_service_client(o).value();
    }
    ~LeaderFollowingTest() override {
        following_.reset();
        for (auto& s : servers_) s->shutdown();
    }
    /// Shares the fixture's sequencer without owning it.
    std::shared_ptr<chronos::SequencerService> shared() {
        return {sequencer_.get(), [](chronos::SequencerService*) {}};
    }
    size_t preferred() const {
        return dynamic_cast<const chronos::grpc::LeaderSeeking&>(*following_).preferred();
    }

    chronos::grpc::LeaderGate gate_a_{"chronos-a"}, gate_b_{"chronos-b"};
    std::vector<yao::grpc::HostedService> adapters_;
    std::vector<std::unique_ptr<yao::grpc::Server>> servers_;
    std::unique_ptr<chronos::SequencerService> following_;
};

TEST_P(LeaderFollowingTest, CallsFindTheLeaderAndStayWithIt) {
    gate_b_.lead(shared());
    const auto alice = chronos::test::signer(1);
    auto tx = chronos::test::dynamic_tx(alice, 0, gwei(5), gwei(2));
    EXPECT_EQ(following_->submit_transaction(tx).value(), tx.hash);
    EXPECT_EQ(preferred(), 1U);
    EXPECT_EQ(following_->pending_nonce(alice.address).value(), 1U);
    // A batch goes the same way.
    auto batch = following_->submit_transactions({chronos::test::dynamic_tx(alice, 1, gwei(5), gwei(2))});
    ASSERT_EQ(batch.size(), 1U);
    EXPECT_TRUE(batch[0].has_value());

    // Leadership moves: the next call finds the new leader.
    gate_b_.follow();
    gate_a_.lead(shared());
    EXPECT_EQ(following_->pending_nonce(alice.address).value(), 2U);
    EXPECT_EQ(preferred(), 0U);
    // Pool errors are answers, not reasons to look elsewhere.
    auto again = following_->submit_transaction(tx);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error(), chronos::Errc::kAlreadyKnown);
    EXPECT_EQ(preferred(), 0U);
}

TEST_P(LeaderFollowingTest, WithoutALeaderCallsFailClearlyWithinTheBudget) {
    const auto t0 = std::chrono::steady_clock::now();
    auto nonce = following_->pending_nonce(chronos::test::signer(1).address);
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(nonce.has_value());
    EXPECT_EQ(nonce.error(), yao::grpc::Errc::kUnavailable);
    EXPECT_NE(nonce.error().message().find("not the sequencer leader"), std::string::npos)
        << nonce.error().message();
    EXPECT_GE(elapsed, 1s);  // it kept looking (the budget is 1.25 s)
    EXPECT_LT(elapsed, 4s);

    // A leader that appears while a call is looking is found by that call.
    std::thread elect{[&] {
        std::this_thread::sleep_for(300ms);
        gate_a_.lead(shared());
    }};
    auto found = following_->pending_nonce(chronos::test::signer(1).address);
    elect.join();
    EXPECT_EQ(found.value(), 0U);
}

TEST_P(LeaderFollowingTest, ANewLeaderRebuildingItsPoolIsAskedAgainUntilReady) {
    std::atomic<bool> ready{false};
    gate_b_.lead(shared(), [&] { return ready.load(); });
    auto refused = gate_b_.pending_nonce(chronos::test::signer(1).address);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error(), yao::grpc::Errc::kUnavailable);
    EXPECT_NE(refused.error().message().find("taking over"), std::string::npos);
    std::thread rebuilt{[&] {
        std::this_thread::sleep_for(200ms);
        ready = true;
    }};
    EXPECT_EQ(following_->pending_nonce(chronos::test::signer(1).address).value(), 0U);
    rebuilt.join();
    EXPECT_EQ(preferred(), 1U);
}

TEST_P(LeaderFollowingTest, AnEndpointThatIsDownIsPassedOver) {
    gate_b_.lead(shared());
    servers_[0]->shutdown();  // the first endpoint is gone
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(following_->pending_nonce(chronos::test::signer(1).address).value(), 0U);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
}

INSTANTIATE_TEST_SUITE_P(Paths, LeaderFollowingTest, ::testing::Values(Path::kInProcess), path_name);

class FakeBlocks final : public archive::BlockService {
public:
    void release() {
        {
            std::scoped_lock lock{mu_};
            released_ = true;
        }
        cv_.notify_all();
    }
    int calls() const { return calls_.load(); }

    Result<uint64_t> head_number() override {
        ++calls_;
        std::unique_lock lock{mu_};
        cv_.wait_for(lock, 10s, [&] { return released_; });
        return 7;
    }
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t, bool) override {
        if (block_error) return std::unexpected(*block_error);
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256&, bool) override {
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t) override {
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256&) override {
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256&) override {
        return std::optional<storage::StoredTransaction>{};
    }
    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256&) override {
        return std::optional<storage::StoredReceipt>{};
    }
    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(uint64_t) override {
        return std::optional<std::vector<storage::StoredReceipt>>{};
    }
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter&) override {
        return std::vector<storage::StoredLog>{};
    }
    Result<storage::AddressHistoryPage> address_history(
        const storage::AddressHistoryQuery&) override {
        storage::AddressHistoryPage none;
        none.exhausted = true;
        return none;
    }
    Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address&, uint64_t) override {
        return std::optional<storage::StoredTransaction>{};
    }
    Result<std::optional<storage::StoredTransaction>> creation_transaction(
        const Address&) override {
        return std::optional<storage::StoredTransaction>{};
    }

    std::optional<Error> block_error;

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool released_ = false;
    std::atomic<int> calls_{0};
};

TEST(GrpcOnly, DeadlineIsHonoured) {
    FakeBlocks stuck;
    auto adapter = archive::grpc::make_block_service_server(stuck);
    auto server = start_server(adapter.entry());
    ASSERT_TRUE(server);
    auto options = client_options(*server);
    options.default_deadline = 200ms;
    options.retry.max_attempts = 2;
    auto client = archive::grpc::make_block_service_client(options).value();

    const auto t0 = std::chrono::steady_clock::now();
    auto head = client->head_number();
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(head.has_value());
    EXPECT_EQ(head.error(), yao::grpc::Errc::kDeadlineExceeded);
    EXPECT_LT(elapsed, 3s);       // two attempts of 200 ms and a backoff, not the 10 s handler
    EXPECT_GE(elapsed, 400ms);    // both attempts ran to their deadline
    EXPECT_EQ(stuck.calls(), 2);  // a read is retried
    stuck.release();
    EXPECT_EQ(client->head_number().value(), 7U);
}

TEST(GrpcOnly, StoppedServerIsUnavailable) {
    ChainFixture chain;
    archive::BlockReader reader{chain.store()};
    auto adapter = archive::grpc::make_block_service_server(reader);
    auto server = start_server(adapter.entry());
    ASSERT_TRUE(server);
    auto options = client_options(*server);
    options.default_deadline = 1s;
    auto client = archive::grpc::make_block_service_client(options).value();
    ASSERT_EQ(client->head_number().value(), 3U);

    server->shutdown();
    const auto t0 = std::chrono::steady_clock::now();
    auto head = client->head_number();
    ASSERT_FALSE(head.has_value());
    EXPECT_EQ(head.error(), yao::grpc::Errc::kUnavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 6s);

    // A write is not retried and fails the same way.
    chronos::test::Signer alice = chronos::test::signer(1);
    auto seq_options = options;
    auto sequencer = chronos::grpc::make_sequencer_service_client(seq_options).value();
    auto submitted =
        sequencer->submit_transaction(chronos::test::dynamic_tx(alice, 0, gwei(5), gwei(2)));
    ASSERT_FALSE(submitted.has_value());
    EXPECT_EQ(submitted.error(), yao::grpc::Errc::kUnavailable);
}

TEST(GrpcOnly, LargeBlockCrossesTheWire) {
    auto store = storage::make_sqlite_store({}).value();
    std::shared_ptr<storage::ChainStore> shared = std::move(store);
    auto big = make_block({.number = 0, .transfers = 30'000, .counter = false});
    big.accounts.clear();  // not needed here; keeps the commit quick
    ASSERT_TRUE(shared->commit_block(big).has_value());

    archive::BlockReader reader{shared};
    auto adapter = archive::grpc::make_block_service_server(reader);
    auto server = start_server(adapter.entry());
    ASSERT_TRUE(server);
    auto client = archive::grpc::make_block_service_client(client_options(*server)).value();
    auto block = client->block_by_number(0, true).value();
    ASSERT_TRUE(block.has_value());
    EXPECT_EQ(block->transactions.size(), 30'000U);  // well over gRPC's default 4 MiB
    EXPECT_EQ(*block, reader.block_by_number(0, true).value());
}

/// A category no adapter registers.
class MartianCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "martian"; }
    std::string message(int) const override { return "little green error"; }
};

TEST(GrpcOnly, ErrorsOfEveryRegisteredCategoryCrossTheWire) {
    FakeBlocks fake;
    fake.release();
    auto adapter = archive::grpc::make_block_service_server(fake);
    auto server = start_server(adapter.entry());
    ASSERT_TRUE(server);
    auto client = archive::grpc::make_block_service_client(client_options(*server)).value();
    for (const Error& sent :
         {Error{chain::Errc::kNonceTooLow, "account 0xab"}, Error{storage::Errc::kUnknownBlock},
          Error{rlp::Errc::kOverrun, "header"},
          Error{std::make_error_code(std::errc::io_error), "disk"},
          Error{yao::grpc::Errc::kResourceExhausted, "nested call"}}) {
        fake.block_error = sent;
        auto got = client->block_by_number(1, false);
        ASSERT_FALSE(got.has_value());
        expect_same_error(got.error(), sent);
    }
    static const MartianCategory martian;
    fake.block_error = Error{std::error_code{3, martian}, "far away"};
    auto unknown = client->block_by_number(1, false);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error(), yao::grpc::Errc::kUnknown);
    EXPECT_EQ(unknown.error().context(), "martian error 3: far away");
}

TEST(GrpcOnly, UnknownCategoryFallsBackToGrpcErrc) {
    Error e = yao::grpc::rebuild_error("martian", "3", "no such thing", yao::grpc::Errc::kUnknown);
    EXPECT_EQ(e, yao::grpc::Errc::kUnknown);
    EXPECT_EQ(e.context(), "martian error 3: no such thing");
    chronos::grpc::register_sequencer_service_errors();
    Error known = yao::grpc::rebuild_error("chronos", "2", "ctx", yao::grpc::Errc::kUnknown);
    EXPECT_EQ(known, chronos::Errc::kAlreadyKnown);
    EXPECT_EQ(known.context(), "ctx");
    EXPECT_EQ(yao::grpc::rebuild_error("chronos", "2x", "", yao::grpc::Errc::kInternal),
              yao::grpc::Errc::kInternal);
}

}  // namespace
}  // namespace yao
