// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

// What scripts/deploy.js deploys: the Counter of the Foundry project and the ERC-20 of the e2e
// suites (Hardhat compiles what its sources import and writes an artifact for each contract).
import {Counter} from "../../foundry/src/Counter.sol";
import {Token} from "../../../e2e/contracts/Token.sol";
