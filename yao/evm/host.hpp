// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <span>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>

namespace yao::evm {

/// EVM rule sets, in fork order (comparisons such as `rev >= kPrague` rely on it).
enum class Revision : uint8_t {
    kShanghai,
    kCancun,
    kPrague,
    kOsaka,
};

/// How a frame was entered. STATICCALL is kCall with Message::is_static set.
enum class CallKind : uint8_t {
    kCall,
    kDelegateCall,
    kCallCode,
    kCreate,
    kCreate2,
};

/// Outcome of a frame. Only kSuccess keeps state changes; kRevert returns the unused gas and the
/// output; every other status consumes all gas given to the frame. These are EVM outcomes that end
/// up in receipts, not errors.
enum class Status : uint8_t {
    kSuccess,
    kRevert,
    kOutOfGas,
    kInvalidInstruction,      ///< the designated INVALID opcode 0xFE
    kUndefinedInstruction,    ///< an opcode not defined in this revision
    kStackOverflow,
    kStackUnderflow,
    kBadJumpDestination,
    kInvalidMemoryAccess,     ///< RETURNDATACOPY past the return data, or an offset overflowing
    kStaticModeViolation,     ///< a state change inside STATICCALL
    kPrecompileFailure,       ///< a precompile rejected its input
    kContractValidationFailure,  ///< EIP-3541 0xEF prefix or EIP-170 size on code deposit
    kCreateCollision,         ///< CREATE/CREATE2 onto an address with code or nonce
    kCallDepthExceeded,       ///< a frame at depth 1024 tried to go deeper (the caller sees 0)
    kInsufficientBalance,     ///< value transfer above the caller's balance (the caller sees 0)
    kInternalError,           ///< a bug or an impossible host state; never in a valid chain
};

/// A message call or contract creation: the input of one frame.
struct Message {
    CallKind kind = CallKind::kCall;
    bool is_static = false;
    int32_t depth = 0;              ///< 0 for the transaction's own frame
    int64_t gas = 0;
    Address recipient;              ///< account whose storage, balance and ADDRESS the frame uses;
                                    ///< for creations the host fills in the new address
    Address sender;                 ///< CALLER
    Address code_address;           ///< account whose code runs (differs for DELEGATECALL/CALLCODE)
    BytesView input;                ///< call data, or init code for creations
    Uint256 value;                  ///< CALLVALUE (the apparent value for DELEGATECALL)
    Hash256 create2_salt;           ///< kCreate2 only
};

/// The outcome of a frame.
struct ExecResult {
    Status status = Status::kSuccess;
    int64_t gas_left = 0;           ///< meaningful for kSuccess and kRevert
    int64_t gas_refund = 0;         ///< SSTORE refund counter (EIP-3529) accumulated by the frame
    Bytes output;                   ///< return or revert data
    Address create_address;         ///< the new contract, for successful creations
};

/// Block and transaction values that opcodes read (ORIGIN, GASPRICE, COINBASE, ...).
struct TxContext {
    Uint256 gas_price;              ///< effective gas price of the transaction, wei
    Address origin;
    Address coinbase;
    uint64_t block_number = 0;
    uint64_t timestamp = 0;
    uint64_t gas_limit = 0;         ///< block gas limit
    Hash256 prev_randao;
    Uint256 chain_id;
    Uint256 base_fee;
    Uint256 blob_base_fee;
    std::span<const Hash256> blob_hashes;  ///< BLOBHASH (EIP-4844)
};

/// EIP-2929 warm/cold status before an access.
enum class AccessStatus : uint8_t { kCold, kWarm };

/// Storage values around an SSTORE, enough for EIP-2200/3529 gas and refund rules.
struct StorageWrite {
    Hash256 original;               ///< value at the start of the transaction
    Hash256 current;                ///< value just before this write
};

/// What the interpreter needs from the world. The interpreter computes all gas itself; the host
/// keeps state, the journal (snapshots/reverts), warm sets and logs, and runs nested frames.
/// A host is used by one transaction at a time and is not thread-safe.
class Host {
public:
    virtual ~Host() = default;

    /// True when the account exists and is not empty (EIP-161: nonce 0, balance 0, no code).
    virtual bool account_exists(const Address& addr) = 0;
    virtual Hash256 get_storage(const Address& addr, const Hash256& key) = 0;
    /// Writes storage and returns the values the gas rules need.
    virtual StorageWrite set_storage(const Address& addr, const Hash256& key,
                                     const Hash256& value) = 0;
    virtual Uint256 get_balance(const Address& addr) = 0;
    virtual size_t get_code_size(const Address& addr) = 0;
    /// keccak256 of the code; zero for a non-existent or empty account (EXTCODEHASH rules).
    virtual Hash256 get_code_hash(const Address& addr) = 0;
    /// The account's code; the view stays valid for the rest of the transaction.
    virtual BytesView get_code(const Address& addr) = 0;
    /// SELFDESTRUCT with EIP-6780 rules (the host decides between deletion and transfer only).
    virtual void selfdestruct(const Address& addr, const Address& beneficiary) = 0;
    /// Runs a nested frame (calls, creations, precompiles). The interpreter has already charged
    /// the caller's gas, checked depth and balance; the host snapshots, transfers value, executes
    /// and reverts on failure.
    virtual ExecResult call(const Message& msg) = 0;
    virtual const TxContext& tx_context() = 0;
    /// Hash of a recent block (BLOCKHASH: the caller has checked the 256-block window).
    virtual Hash256 get_block_hash(uint64_t block_num) = 0;
    virtual void emit_log(const Address& addr, std::span<const Hash256> topics, BytesView data) = 0;
    /// Marks an account warm and returns its status before.
    virtual AccessStatus access_account(const Address& addr) = 0;
    /// Marks a storage slot warm and returns its status before.
    virtual AccessStatus access_storage(const Address& addr, const Hash256& key) = 0;
    virtual Hash256 get_transient_storage(const Address& addr, const Hash256& key) = 0;
    virtual void set_transient_storage(const Address& addr, const Hash256& key,
                                       const Hash256& value) = 0;
};

}  // namespace yao::evm
