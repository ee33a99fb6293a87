// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// quantities.test.mjs, unchanged, against `hardhat node` (Hardhat 2 of node_modules, this
// directory's project): the same script gives the same answers there as on `yaoverse dev`.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.E2E_TARGET = 'hardhat';
process.env.HARDHAT_DIR = dirname(fileURLToPath(import.meta.url));
process.env.HARDHAT_CONFIG = 'hardhat/hardhat.config.cjs';
await import('./quantities.test.mjs');
