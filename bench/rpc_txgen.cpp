// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// yao_rpc_txgen: everything bench/rpc/run.sh sends to a JSON-RPC node, prepared beforehand so that
// the load generator (wrk) only replays bytes.
//
//   yao_rpc_txgen --out=DIR [--senders=1000] [--txs=100000] [--batch=100] [--kind=native|erc20]
//
// Writes into DIR:
//   yaoverse.json        a `yaoverse dev --config` file: the hand-assembled ERC-20 of
//                        yao/evm/test_util/erc20.hpp in the genesis (dev account #0 holds tokens),
//                        every sender funded, mempool and gas limits that admit every transaction
//   hardhat_setup.json   one JSON-RPC batch that gives Hardhat's node the same accounts
//                        (hardhat_setBalance, hardhat_setCode, hardhat_setStorageAt)
//   body_<method>.json   the request body of each single-request scenario
//   batches.txt          one JSON-RPC batch of --batch eth_sendRawTransaction requests per line:
//                        --txs EIP-1559 transfers (chain id 31337): native ones of 1 wei, or with
//                        --kind=erc20 transfer(recipient, 1) calls of the token (every sender
//                        holds tokens in the genesis); nonce-major over the
//                        senders (nonce 0 of every sender first), so each sender's nonces appear
//                        in order and every line names distinct senders when batch <= senders
//   meta.json            what was generated, and the answers the single requests must give
// Deterministic: the same options give the same files (RFC 6979 signatures).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/config/config.hpp>
#include <yao/evm/test_util/erc20.hpp>

namespace {

using namespace yao;
using nlohmann::json;

constexpr uint64_t kChainId = 31337;
const Uint256 kGwei{1'000'000'000};
/// The first account of the "test test ... junk" mnemonic, funded on both nodes.
constexpr std::string_view kDevAccount0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
/// Tokens dev account #0 holds: 10^24 (a million tokens of 18 decimals).
const Uint256 kHolderTokens = Uint256{1'000'000'000'000ULL} * Uint256{1'000'000'000'000ULL};
const Uint256 kSenderTokens = Uint256{1'000'000'000ULL};

struct Options {
    std::filesystem::path out;
    uint64_t senders = 1000;
    uint64_t txs = 100'000;
    uint64_t batch = 100;
    bool erc20 = false;  ///< --kind=erc20: token transfers instead of native ones
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "yao_rpc_txgen: " << why
              << "\nusage: yao_rpc_txgen --out=DIR [--senders=N] [--txs=N] [--batch=N] "
                 "[--kind=native|erc20]\n";
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a{argv[i]};
        const auto eq = a.find('=');
        if (!a.starts_with("--") || eq == std::string_view::npos) usage("bad option " + std::string{a});
        const std::string key{a.substr(2, eq - 2)};
        const std::string value{a.substr(eq + 1)};
        if (key == "out") {
            o.out = value;
            continue;
        }
        if (key == "kind") {
            if (value != "native" && value != "erc20") usage("--kind is native or erc20");
            o.erc20 = value == "erc20";
            continue;
        }
        char* end = nullptr;
        const uint64_t v = std::strtoull(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || v == 0) usage("--" + key + " needs a positive number");
        if (key == "senders") o.senders = v;
        else if (key == "txs") o.txs = v;
        else if (key == "batch") o.batch = v;
        else usage("unknown option --" + key);
    }
    if (o.out.empty()) usage("--out is required");
    return o;
}

struct Sender {
    Hash256 key;
    Address address;
};

Address token_address() {
    Address a;
    a[0] = 0x7e;
    a[1] = 0x20;
    a[18] = 0xe2;
    a[19] = 0x0c;
    return a;
}

Address recipient(uint64_t i) {
    Address a;
    a[0] = 0xbe;
    a[1] = 0xef;
    const auto v = static_cast<uint32_t>(i % 4096);
    for (size_t b = 0; b < 4; ++b) a[19 - b] = static_cast<uint8_t>(v >> (8 * b));
    return a;
}

/// Runs f(i) for i in [0, n) on every core.
template <typename F>
void parallel_for(uint64_t n, F&& f) {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (uint64_t i = t; i < n; i += threads) f(i);
        });
    for (auto& th : pool) th.join();
}

std::string hex32(const Uint256& v) {
    uint8_t buf[32];
    v.to_be_bytes(buf);
    return to_hex(BytesView{buf, 32});
}

json request(uint64_t id, std::string_view method, json params) {
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
        std::cerr << "yao_rpc_txgen: cannot write " << path << '\n';
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse_options(argc, argv);
    std::filesystem::create_directories(o.out);

    std::vector<Sender> senders(o.senders);
    parallel_for(o.senders, [&](uint64_t i) {
        senders[i].key = keccak256(as_bytes("yaoverse rpc_txgen sender " + std::to_string(i)));
        senders[i].address = address_from_private_key(senders[i].key).value();
    });

    const Address token = token_address();
    const Address holder = address_from_hex(kDevAccount0).value();
    const Bytes runtime = evm::test::erc20_runtime().bytes();
    const Hash256 holder_slot = evm::test::erc20_balance_slot(holder);
    const uint64_t per_sender = (o.txs + o.senders - 1) / o.senders;
    const Uint256 sender_balance = config::kWeiPerEther;  // ~160 transfers at 3 gwei max fee

    // The node's configuration, checked by the node's own parser before it is written.
    json alloc = json::object();
    json token_storage = {{to_hex(holder_slot), kHolderTokens.to_hex()}};
    if (o.erc20) {
        // Every sender holds enough tokens for all its transfers.
        for (const Sender& s : senders)
            token_storage[to_hex(evm::test::erc20_balance_slot(s.address))] = kSenderTokens.to_hex();
    }
    alloc[to_hex(token)] = {{"balance", "0"}, {"code", to_hex(runtime)}, {"storage", token_storage}};
    for (const Sender& s : senders) alloc[to_hex(s.address)] = {{"balance", sender_balance.to_hex()}};
    const json node_config = {
        {"chain", {{"chain_id", kChainId}, {"gas_limit", 60'000'000}}},
        {"genesis", {{"alloc", alloc}}},
        {"mempool",
         {{"max_per_sender", std::max<uint64_t>(1024, per_sender)},
          {"max_total", std::max<uint64_t>(200'000, 2 * o.txs)}}},
        {"log", {{"level", "warn"}}},
    };
    const std::string node_config_text = node_config.dump(1);
    if (auto parsed = config::parse_config(node_config_text); !parsed) {
        std::cerr << "yao_rpc_txgen: the generated configuration is invalid: "
                  << parsed.error().message() << '\n';
        return 1;
    }
    write_file(o.out / "yaoverse.json", node_config_text + "\n");

    // The same accounts on Hardhat's node.
    json setup = json::array();
    uint64_t id = 1;
    setup.push_back(request(id++, "hardhat_setCode", {to_hex(token), to_hex(runtime)}));
    setup.push_back(request(id++, "hardhat_setStorageAt",
                            {to_hex(token), Uint256::from_hash(holder_slot).to_hex(),
                             hex32(kHolderTokens)}));
    for (const Sender& s : senders)
        setup.push_back(
            request(id++, "hardhat_setBalance", {to_hex(s.address), sender_balance.to_hex()}));
    write_file(o.out / "hardhat_setup.json", setup.dump() + "\n");

    // The single-request scenarios.
    const std::string balance_of = to_hex(evm::test::erc20_balance_of_input(holder));
    write_file(o.out / "body_eth_blockNumber.json",
               request(1, "eth_blockNumber", json::array()).dump());
    write_file(o.out / "body_eth_getBalance.json",
               request(1, "eth_getBalance", {kDevAccount0, "latest"}).dump());
    write_file(o.out / "body_eth_call.json",
               request(1, "eth_call", {{{"to", to_hex(token)}, {"data", balance_of}}, "latest"})
                   .dump());

    // Pre-signed transfers, nonce-major over the senders.
    std::vector<std::string> raw(o.txs);
    parallel_for(o.txs, [&](uint64_t i) {
        chain::Transaction t;
        t.type = chain::TxType::kDynamicFee;
        t.chain_id = kChainId;
        t.nonce = i / o.senders;
        t.max_priority_fee_per_gas = kGwei;
        t.max_fee_per_gas = kGwei * Uint256{3};
        if (o.erc20) {
            t.gas_limit = 60'000;
            t.to = token;
            t.data = evm::test::erc20_transfer_input(recipient(i), Uint256{1});
        } else {
            t.gas_limit = 21'000;
            t.to = recipient(i);
            t.value = Uint256{1};
        }
        if (!chain::sign_transaction(t, senders[i % o.senders].key)) std::abort();
        raw[i] = to_hex(chain::encode_transaction(t));
    });
    std::ofstream batches(o.out / "batches.txt", std::ios::binary);
    uint64_t lines = 0;
    for (uint64_t first = 0; first < o.txs; first += o.batch) {
        std::string line = "[";
        for (uint64_t i = first; i < std::min(o.txs, first + o.batch); ++i) {
            if (i != first) line += ',';
            line += R"({"jsonrpc":"2.0","id":)" + std::to_string(i + 1) +
                    R"(,"method":"eth_sendRawTransaction","params":[")" + raw[i] + R"("]})";
        }
        line += "]\n";
        batches << line;
        ++lines;
    }
    batches.close();
    if (!batches) {
        std::cerr << "yao_rpc_txgen: cannot write batches.txt\n";
        return 1;
    }

    const json meta = {
        {"senders", o.senders},
        {"txs", o.txs},
        {"batch", o.batch},
        {"batches", lines},
        {"max_txs_per_sender", per_sender},
        {"kind", o.erc20 ? "erc20" : "native"},
        {"tx", o.erc20 ? "EIP-1559 ERC-20 transfer(recipient, 1), gas limit 60000, max fee 3 gwei, "
                         "chain id 31337"
                       : "EIP-1559 native transfer of 1 wei, gas 21000, max fee 3 gwei, chain id 31337"},
        {"token", to_hex(token)},
        {"holder", std::string{kDevAccount0}},
        {"expected",
         {{"eth_call", hex32(kHolderTokens)}, {"eth_blockNumber_prefix", "0x"}}},
    };
    write_file(o.out / "meta.json", meta.dump(1) + "\n");
    std::cout << "yao_rpc_txgen: " << o.txs << " transactions from " << o.senders
              << " senders in " << lines << " batches of " << o.batch << " under "
              << o.out.string() << '\n';
    return 0;
}
