// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The in-process Hardhat network (EDR, revm inside) that compare.mjs runs the YaoVerse EVM
// workloads on. Cancun, as YaoVerse's micro-benchmarks; a block gas limit high enough for the
// largest workload; no base fee so that eth_call needs no balance.

module.exports = {
  networks: {
    hardhat: {
      hardfork: "cancun",
      blockGasLimit: 2_000_000_000,
      initialBaseFeePerGas: 0,
      allowUnlimitedContractSize: true,
      loggingEnabled: false,
    },
  },
};
