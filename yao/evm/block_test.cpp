// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Block opcodes 0x40-0x4a: BLOCKHASH (256-block window), COINBASE, TIMESTAMP, NUMBER,
// PREVRANDAO, GASLIMIT, CHAINID, SELFBALANCE, BASEFEE, BLOBHASH (EIP-4844), BLOBBASEFEE
// (EIP-7516).

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class BlockTest : public EvmTest {
protected:
    BlockTest() {
        host.tx.block_number = 1000;
        host.tx.timestamp = 1'700'000'000;
        host.tx.coinbase = addr(0xcb);
        host.tx.gas_limit = 30'000'000;
        host.tx.chain_id = 1;
        host.tx.base_fee = 7;
        host.tx.blob_base_fee = 3;
        host.tx.prev_randao =
            word(u256("0x1122334455667788990011223344556677889900112233445566778899001122"));
        blob_hashes_ = {word(0x0100aa), word(0x0100bb)};
        host.tx.blob_hashes = blob_hashes_;
    }

    Uint256 value_of(Opcode op) {
        run(Bytecode{}.op(op).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess);
        return output_word();
    }

    std::vector<Hash256> blob_hashes_;
};

TEST_F(BlockTest, BlockValuesCostTwoGas) {
    EXPECT_EQ(value_of(OP_COINBASE), 0xcb);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
    EXPECT_EQ(value_of(OP_TIMESTAMP), 1'700'000'000);
    EXPECT_EQ(value_of(OP_NUMBER), 1000);
    EXPECT_EQ(value_of(OP_PREVRANDAO),
              u256("0x1122334455667788990011223344556677889900112233445566778899001122"));
    EXPECT_EQ(value_of(OP_GASLIMIT), 30'000'000);
    EXPECT_EQ(value_of(OP_CHAINID), 1);
    EXPECT_EQ(value_of(OP_BASEFEE), 7);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
}

TEST_F(BlockTest, SelfbalanceCostsFiveAndNeedsNoAccessCheck) {
    host.account(kContract).balance = 555;
    host.warm_accounts.clear();
    EXPECT_EQ(value_of(OP_SELFBALANCE), 555);
    EXPECT_EQ(gas_used(), 5 + kRetTopGas);
}

TEST_F(BlockTest, BlockhashServesThe256PreviousBlocks) {
    host.block_hashes[999] = word(0x999);
    host.block_hashes[744] = word(0x744);
    run(Bytecode{}.push(999).op(OP_BLOCKHASH).ret_top());
    EXPECT_EQ(output_word(), 0x999);
    EXPECT_EQ(gas_used(), 3 + 20 + kRetTopGas);
    run(Bytecode{}.push(744).op(OP_BLOCKHASH).ret_top());  // 1000 - 256
    EXPECT_EQ(output_word(), 0x744);
    EXPECT_EQ(host.block_hash_requests, (std::vector<uint64_t>{999, 744}));
}

TEST_F(BlockTest, BlockhashOutsideTheWindowIsZeroWithoutAskingTheHost) {
    host.block_hashes[743] = word(0x743);
    host.block_hashes[1000] = word(0x1000);
    for (const Uint256& n :
         {Uint256{743}, Uint256{1000}, Uint256{1001}, Uint256{1} << 64, Uint256::max()}) {
        run(Bytecode{}.push(n).op(OP_BLOCKHASH).ret_top());
        EXPECT_EQ(output_word(), 0);
    }
    EXPECT_TRUE(host.block_hash_requests.empty());
    EXPECT_EQ(gas_used(), 3 + 20 + kRetTopGas);  // a PUSH32 costs 3 like any push
}

TEST_F(BlockTest, BlobhashReturnsTheVersionedHashAtAnIndex) {
    run(Bytecode{}.push(1).op(OP_BLOBHASH).ret_top());
    EXPECT_EQ(output_word(), 0x0100bb);
    EXPECT_EQ(gas_used(), 3 + 3 + kRetTopGas);
    run(Bytecode{}.push(0).op(OP_BLOBHASH).ret_top());
    EXPECT_EQ(output_word(), 0x0100aa);
    run(Bytecode{}.push(2).op(OP_BLOBHASH).ret_top());
    EXPECT_EQ(output_word(), 0);
    run(Bytecode{}.push(Uint256{1} << 64).op(OP_BLOBHASH).ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(BlockTest, BlobbasefeeReadsTheBlockBlobBaseFee) {
    EXPECT_EQ(value_of(OP_BLOBBASEFEE), 3);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
}

}  // namespace
}  // namespace yao::evm::test
