// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The node configuration: what `yaoverse dev` (and later the services) read at start. The file
// is JSON with snake_case keys mirroring these structs; every key is optional (the defaults
// below apply) and an unknown key is an error, so a typo never silently falls back to a default.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/chain/fork.hpp>

#include "dev_accounts.hpp"
#include "errc.hpp"

namespace yao::config {

/// 10^18 wei.
inline constexpr Uint256 kWeiPerEther{1'000'000'000'000'000'000ULL};

/// Block production and the values every header carries.
struct ChainConfig {
    uint64_t chain_id = 31337;
    uint64_t gas_limit = 30'000'000;
    Uint256 base_fee{1'000'000'000};   ///< wei per gas, constant; 0 allowed
    Address coinbase{};                ///< the header's beneficiary ("miner")
    uint64_t block_interval_ms = 20;   ///< propose a block at most this often
    bool empty_blocks = false;         ///< propose blocks even without transactions
    uint64_t max_block_txs = 0;        ///< 0: no cap beyond the gas limit
    uint64_t max_inflight_blocks = 4;  ///< proposed but not yet committed blocks
    friend bool operator==(const ChainConfig&, const ChainConfig&) = default;
};

/// One extra genesis account. Storage slots with value zero are not stored.
struct GenesisAccount {
    Uint256 balance;
    uint64_t nonce = 0;
    Bytes code;
    std::map<Hash256, Hash256> storage;
    friend bool operator==(const GenesisAccount&, const GenesisAccount&) = default;
};

/// The funded development accounts (m/44'/60'/0'/0/i of the mnemonic).
struct DevAccountsConfig {
    std::string mnemonic = default_mnemonic();
    uint32_t count = 20;
    Uint256 balance = Uint256{10'000} * kWeiPerEther;
    friend bool operator==(const DevAccountsConfig&, const DevAccountsConfig&) = default;
};

/// Block 0.
struct GenesisConfig {
    uint64_t timestamp = 0;  ///< seconds; 0: the time the chain is initialised
    /// Keys "fork" (the fork at genesis, default Osaka), "prague_time" and "osaka_time" (later
    /// activations, by block timestamp). A stored chain keeps the schedule it was created with.
    chain::ForkSchedule forks;
    std::map<Address, GenesisAccount> alloc;
    DevAccountsConfig dev_accounts;
    friend bool operator==(const GenesisConfig&, const GenesisConfig&) = default;
};

struct MempoolConfig {
    uint64_t max_per_sender = 1024;         ///< transactions of one sender (pending + queued)
    uint64_t max_total = 100'000;           ///< transactions in the pool
    uint64_t max_queued_per_sender = 64;    ///< behind a nonce gap, per sender (geth: 64)
    uint64_t max_queued_total = 1024;       ///< behind a nonce gap, all senders (geth: 1024)
    uint64_t queued_lifetime_s = 3 * 3600;  ///< a queued transaction leaves after (geth: 3 h)
    friend bool operator==(const MempoolConfig&, const MempoolConfig&) = default;
};

struct ExecutionConfig {
    uint32_t workers = 2;        ///< parallel execution threads, 1 to 64
    uint64_t l1_cache_mb = 256;  ///< in-process state cache (L1)
    friend bool operator==(const ExecutionConfig&, const ExecutionConfig&) = default;
};

/// Connection of the "mysql" store (MySQL 8, MariaDB, TiDB).
struct MysqlConfig {
    std::string host = "127.0.0.1";
    uint16_t port = 3306;
    std::string user = "root";
    std::string password;
    std::string database = "yaoverse";
    friend bool operator==(const MysqlConfig&, const MysqlConfig&) = default;
};

enum class StoreKind : uint8_t { kSqlite, kMysql };

/// The chain store (L3).
struct StoreConfig {
    StoreKind kind = StoreKind::kSqlite;
    std::string path;  ///< SQLite file; empty: <data_dir>/chain.sqlite
    MysqlConfig mysql;
    bool in_memory = false;  ///< SQLite ":memory:" (nothing survives the process)
    /// SQLite: how long a statement waits for a lock another program holds before the commit
    /// reports a transient error (which the committer retries). 1 to 600,000.
    uint64_t busy_timeout_ms = 5'000;
    friend bool operator==(const StoreConfig&, const StoreConfig&) = default;
};

/// The shared state cache (L2).
struct RedisConfig {
    std::string url;  ///< "redis://host[:port]"; empty: no L2
    friend bool operator==(const RedisConfig&, const RedisConfig&) = default;
};

/// The message bus between the services (DESIGN.md section 6).
struct BusConfig {
    /// "inproc" (one process; nothing survives it) or "redis" (Redis Streams at `url`: what a
    /// cluster uses; `yaoverse dev` can run over it too).
    std::string kind = "inproc";
    std::string url;                  ///< "redis://host[:port]" for kind "redis"
    std::string key_prefix = "yao:";  ///< of every topic's stream key
    uint64_t max_backlog = 100'000;   ///< entries the slowest group may lag before publish fails
    /// A message taken by a consumer that died goes to another consumer of its group after this
    /// (proposals to another Vulcan, results to another Archive).
    uint64_t redelivery_ms = 10'000;
    friend bool operator==(const BusConfig&, const BusConfig&) = default;
};

/// mTLS between the processes of a cluster (certificates from files; empty: plaintext).
struct ClusterTlsConfig {
    std::string cert_file;  ///< this process's certificate (server and client)
    std::string key_file;
    std::string ca_file;    ///< the CA every peer's certificate must chain to
    friend bool operator==(const ClusterTlsConfig&, const ClusterTlsConfig&) = default;
};

/// YaoChronos leader election (docs/cluster.md, "Failover").
struct ElectionConfig {
    std::string backend = "database";  ///< "database" (the leases table) or "kubernetes"
    std::string lease_name = "yao-chronos";
    uint64_t lease_duration_ms = 2'000;  ///< takeover after the leader's death within about this
    uint64_t renew_deadline_ms = 1'500;  ///< the leader steps down when it could not renew
    uint64_t retry_period_ms = 250;      ///< renewals and candidates' looks
    /// kubernetes: the API server ("https://host:port"; empty: KUBERNETES_SERVICE_HOST/PORT),
    /// the namespace (empty: the service account's), the service-account directory.
    std::string k8s_api_server;
    std::string k8s_namespace;
    std::string k8s_sa_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
    friend bool operator==(const ElectionConfig&, const ElectionConfig&) = default;
};

/// A process of the cluster shape (`yaoverse portal|chronos|vulcan|archive`, docs/cluster.md):
/// where its gRPC server listens and where the services it calls are.
struct ClusterConfig {
    std::string name;                         ///< in logs and consumer names; empty: service-pid
    std::string grpc_listen = "127.0.0.1:0";  ///< this process's gRPC server (port 0: any)
    std::vector<std::string> archive;         ///< BlockService endpoints, "host:port"
    std::vector<std::string> vulcan;          ///< StateService endpoints
    std::vector<std::string> chronos;         ///< SequencerService endpoints
    uint64_t deadline_ms = 5'000;             ///< of every gRPC call
    ClusterTlsConfig tls;
    ElectionConfig election;
    friend bool operator==(const ClusterConfig&, const ClusterConfig&) = default;
};

/// One API key of the JSON-RPC endpoint.
struct ApiKeyConfig {
    std::string name;
    std::string key;                 ///< at least 16 characters
    std::vector<std::string> roles;  ///< "read", "submit", "trace", "admin"
    friend bool operator==(const ApiKeyConfig&, const ApiKeyConfig&) = default;
};

/// Who may call the JSON-RPC endpoint (docs/rpc.md "Access control"). Empty: anyone (a dev
/// node on loopback).
struct RpcAuthConfig {
    std::vector<ApiKeyConfig> api_keys;
    std::string jwt_secret;                 ///< hex, at least 32 bytes; HS256 JWTs
    std::vector<std::string> ip_allowlist;  ///< CIDR blocks; empty: any address
    friend bool operator==(const RpcAuthConfig&, const RpcAuthConfig&) = default;
};

/// TLS on the JSON-RPC port (PEM files); a client CA makes it mutual TLS.
struct RpcTlsConfig {
    std::string cert_file;
    std::string key_file;
    std::string client_ca_file;
    friend bool operator==(const RpcTlsConfig&, const RpcTlsConfig&) = default;
};

/// The JSON-RPC endpoint and its limits (docs/rpc.md "Limits" explains each; the defaults are
/// those of rpc::ServerOptions, rpc::JsonRpcLimits and rpc::EthOptions, pinned by a test).
struct RpcConfig {
    std::string host = "127.0.0.1";
    uint16_t port = 8545;  ///< 0: any free port
    // Requests.
    uint64_t max_body_bytes = 5u << 20;
    uint64_t max_header_bytes = 64u << 10;
    uint64_t max_batch = 1000;
    uint64_t max_response_bytes = 25u << 20;
    uint64_t max_batch_time_ms = 10'000;
    // Connections.
    uint64_t max_connections = 1024;
    uint64_t max_connections_per_ip = 256;
    uint64_t max_websockets = 512;
    uint64_t max_connections_per_key = 256;
    uint64_t idle_timeout_s = 60;
    uint64_t first_request_timeout_s = 10;
    uint64_t header_timeout_s = 10;
    uint64_t shutdown_timeout_s = 5;
    double rate_limit_per_client = 0;  ///< requests/s per address; 0: off
    double rate_limit_burst = 0;
    // Browsers.
    std::string cors_origins = "http://localhost:*,http://127.0.0.1:*,http://[::1]:*,"
                               "https://localhost:*,https://127.0.0.1:*,https://[::1]:*";
    std::string vhosts = "localhost";
    // WebSocket.
    uint64_t ws_max_message_bytes = 32u << 20;
    uint64_t ws_max_queue = 10'000;
    uint64_t ws_max_queue_bytes = 32u << 20;
    uint64_t max_queued_bytes = 256u << 20;
    // Execution (eth_call, estimateGas, traces).
    uint64_t heavy_threads = 0;  ///< 0: one per core
    uint64_t heavy_queue = 64;
    uint64_t gas_cap = 50'000'000;         ///< most gas of one call (geth's --rpc.gascap)
    uint64_t max_trace_bytes = 256u << 20;  ///< one struct-logger trace
    // Filters, subscriptions, logs, fees.
    uint64_t max_filters = 256;
    uint64_t max_filter_changes = 10'000;
    uint64_t max_subscriptions_per_connection = 128;
    uint64_t filter_timeout_s = 300;
    uint64_t max_log_block_range = 10'000;
    uint64_t max_log_results = 10'000;
    uint64_t max_fee_history = 1024;
    uint64_t max_fee_history_percentiles = 100;
    uint64_t ots_max_page_size = 25;  ///< ots_searchTransactions* (Erigon's default)
    /// The head state and code the Portal keeps (portal/state_cache.hpp).
    uint64_t state_cache_mb = 64;
    /// The block headers the Portal keeps (portal/header_cache.hpp).
    uint64_t header_cache = 1024;
    /// Accept transactions without EIP-155 replay protection (geth --rpc.allow-unprotected-txs).
    bool allow_unprotected_txs = false;
    /// The development helpers (evm_mine, evm_setNextBlockTimestamp, evm_increaseTime,
    /// anvil_mine, hardhat_mine) under the "production" profile of `yaoverse dev`. A dev-profile
    /// `yaoverse dev` always serves them; a cluster's Portal never does.
    bool dev_methods = false;
    RpcAuthConfig auth;
    RpcTlsConfig tls;
    friend bool operator==(const RpcConfig&, const RpcConfig&) = default;
};

enum class LogFormat : uint8_t { kText, kJson };

struct LogConfig {
    std::string level = "info";  ///< debug, info, warn, error, fatal or off
    LogFormat format = LogFormat::kText;
    friend bool operator==(const LogConfig&, const LogConfig&) = default;
};

/// The ops listener: GET /healthz, /readyz and /metrics (docs/operations.md "Metrics and
/// health"). Empty: off.
struct OpsConfig {
    std::string listen;  ///< "ip:port" ("0.0.0.0:9300" in a pod; port 0: any free port)
    friend bool operator==(const OpsConfig&, const OpsConfig&) = default;
};

/// Everything a node reads at start.
struct NodeConfig {
    ChainConfig chain;
    GenesisConfig genesis;
    MempoolConfig mempool;
    ExecutionConfig execution;
    StoreConfig store;
    RedisConfig redis;
    BusConfig bus;
    ClusterConfig cluster;
    RpcConfig rpc;
    LogConfig log;
    OpsConfig ops;
    std::string data_dir = "./yaoverse-data";
    /// "dev" (the default: an open node for development) or "production", which refuses to
    /// start without authentication and TLS on the JSON-RPC port.
    std::string profile = "dev";
    friend bool operator==(const NodeConfig&, const NodeConfig&) = default;
};

/// The defaults of `yaoverse dev`.
NodeConfig default_config();

/// Parses and validates a JSON configuration; absent keys keep their defaults.
/// Integers are JSON numbers or strings (decimal or "0x" hex: use strings for values above
/// 2^64 - 1 such as balances); addresses are "0x" + 40 hex digits (checked against EIP-55 when
/// mixed case); code is "0x" hex; storage maps slot to value, both numbers as strings.
/// Errors (context: the key path, e.g. "chain.gas_limit: must be > 0"): Errc::kInvalidJson,
/// kUnknownKey, kWrongType, kInvalidValue, kInvalidMnemonic.
Result<NodeConfig> parse_config(std::string_view json_text);

/// Reads and parses a configuration file. Errors: Errc::kIo, and those of parse_config.
Result<NodeConfig> load_config(const std::filesystem::path& path);

/// Checks the rules parse_config enforces on a configuration built in code.
Result<void> validate_config(const NodeConfig& config);

/// The configuration as JSON (every key written); parse_config(to_json(c)) == c.
std::string to_json(const NodeConfig& config);

/// The SQLite file the configuration names: store.path, or <data_dir>/chain.sqlite when empty.
std::filesystem::path sqlite_path(const NodeConfig& config);

}  // namespace yao::config
